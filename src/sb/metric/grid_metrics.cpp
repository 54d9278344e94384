#include "sb/metric/grid_metrics.hpp"

#include <fmt/format.h>

#include "sb/core/check.hpp"

namespace sb {

Estimate w2(const GridDensity& p, const Mixture1d& target) {
  constexpr const char* kFn = "sb::w2(GridDensity, Mixture1d)";
  const Eigen::Index K = target.weights.size();
  check_at_least(kFn, "mixture components", K, 1);
  check_size(kFn, "means.size()", target.means.size(), K);
  check_size(kFn, "sds.size()", target.sds.size(), K);
  double lo = 0.0, hi = 0.0;
  for (Eigen::Index i = 0; i < K; ++i) {
    check_nonnegative(kFn, fmt::format("weights[{}]", i), target.weights(i));
    check_finite(kFn, fmt::format("means[{}]", i), target.means(i));
    check_positive(kFn, fmt::format("sds[{}]", i), target.sds(i));
    const double a = target.means(i) - 40.0 * target.sds(i);
    const double b = target.means(i) + 40.0 * target.sds(i);
    lo = i == 0 ? a : std::min(lo, a);
    hi = i == 0 ? b : std::max(hi, b);
  }
  return p.w2([&](double x) { return target.cdf(x); }, lo, hi);
}

}  // namespace sb
