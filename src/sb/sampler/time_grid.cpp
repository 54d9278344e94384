#include "sb/sampler/time_grid.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "sb/core/check.hpp"

namespace sb {

TimeGrid TimeGrid::uniform(double T, int steps) {
  check_positive("sb::TimeGrid", "T", T);
  check_at_least("sb::TimeGrid", "steps", steps, 1);
  TimeGrid g;
  g.tau_.resize(static_cast<std::size_t>(steps) + 1);
  g.h_.assign(static_cast<std::size_t>(steps), T / steps);
  for (int k = 0; k <= steps; ++k) g.tau_[static_cast<std::size_t>(k)] = (steps - k) * (T / steps);
  g.tau_.front() = T;
  g.max_h_ = T / steps;
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
  g.tau_.resize(s.size());
  g.h_.resize(s.size() - 1);
  for (std::size_t k = 0; k < s.size(); ++k) g.tau_[k] = T - s[k];
  for (std::size_t k = 0; k + 1 < s.size(); ++k) g.h_[k] = s[k + 1] - s[k];
  g.max_h_ = *std::max_element(g.h_.begin(), g.h_.end());
  g.uniform_ = false;
  return g;
}

std::vector<double> TimeGrid::reverse_times() const {
  std::vector<double> s(tau_.size());
  for (std::size_t k = 0; k < tau_.size(); ++k) s[k] = tau_.front() - tau_[k];
  return s;
}

}  // namespace sb
