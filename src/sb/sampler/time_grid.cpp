#include "sb/sampler/time_grid.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sb/core/check.hpp"

namespace sb {

TimeGrid TimeGrid::uniform(double T, int steps) {
  check_positive("sb::TimeGrid", "T", T);
  check_at_least("sb::TimeGrid", "steps", steps, 1);
  TimeGrid g;
  g.n_ = steps;
  g.T_ = T;
  g.h_ = T / steps;
  g.max_h_ = g.h_;
  g.uniform_ = true;
  return g;
}

TimeGrid TimeGrid::from_reverse_times(const std::vector<double>& s) {
  constexpr const char* kFn = "sb::TimeGrid";
  check_at_least(kFn, "the number of grid points", static_cast<long long>(s.size()), 2);
  for (std::size_t k = 0; k < s.size(); ++k) check_finite(kFn, fmt::format("grid[{}]", k), s[k]);
  if (s.front() != 0.0) throw_input_error(kFn, "grid[0]", format_value(s.front()), "0");
  for (std::size_t k = 1; k < s.size(); ++k)
    if (!(s[k] > s[k - 1]))
      throw_input_error(
          kFn, fmt::format("grid[{}]", k), format_value(s[k]),
          fmt::format("> grid[{}] = {} (strictly increasing)", k - 1, format_value(s[k - 1])));
  TimeGrid g;
  const double T = s.back();
  g.n_ = static_cast<int>(s.size() - 1);
  g.T_ = T;
  g.tau_.resize(s.size());
  g.steps_.resize(s.size() - 1);
  for (std::size_t k = 0; k < s.size(); ++k) g.tau_[k] = T - s[k];
  for (std::size_t k = 0; k + 1 < s.size(); ++k) g.steps_[k] = s[k + 1] - s[k];
  g.max_h_ = *std::max_element(g.steps_.begin(), g.steps_.end());
  g.uniform_ = false;
  return g;
}

std::vector<double> TimeGrid::reverse_times() const {
  std::vector<double> s(static_cast<std::size_t>(n_) + 1);
  for (int k = 0; k <= n_; ++k) s[static_cast<std::size_t>(k)] = T_ - tau(k);
  return s;
}

}  // namespace sb
