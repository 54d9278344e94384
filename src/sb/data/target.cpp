#include "sb/data/target.hpp"

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/process/linear_process.hpp"

namespace sb {

Estimate Target::fisher_information(const LinearProcess& process, double t,
                                    const TargetMcOptions& mc) const {
  constexpr const char* kFn = "sb::Target::fisher_information";
  check_at_least(kFn, "samples", mc.samples, 2);
  check_nonnegative(kFn, "t", t);
  // X_t = m_t X_0 + κ_t μ + s_t Z (theory-notes A.0): X_0 from sample(), Z from the streams
  // after those of X_0 (stream 2^32 + b for block b), so the two are independent.
  const Eigen::Index d = dim();
  const double m = process.m(t), kappa = process.kappa(t), s = std::sqrt(process.s2(t));
  const Vec shift = kappa * process.centre(d);
  const Mat x0 = sample(mc.samples, mc.seed);
  // Per-block mean and sum of squared deviations of ‖∇log p_t(X_t)‖², merged in block order
  // (Chan, Golub & LeVeque 1979), so the estimate depends only on (samples, seed).
  double mean = 0.0, m2 = 0.0;
  long count = 0;
  Mat xt, grad;
  for (long block = 0; block * kStreamBlock < mc.samples; ++block) {
    const long first = block * kStreamBlock;
    const long n = std::min(kStreamBlock, mc.samples - first);
    Rng rng(mc.seed, (std::uint64_t{1} << 32) + static_cast<std::uint64_t>(block));
    xt = m * x0.middleRows(first, n);
    for (long i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < d; ++j) xt(i, j) += shift(j) + s * rng.normal();
    score(process, t, xt, grad);
    const Vec f = grad.rowwise().squaredNorm();
    const double bmean = f.mean();
    const double bm2 = (f.array() - bmean).square().sum();
    const double delta = bmean - mean;
    const long total = count + n;
    mean += delta * static_cast<double>(n) / static_cast<double>(total);
    m2 += bm2 + delta * delta * static_cast<double>(count) * static_cast<double>(n) /
                    static_cast<double>(total);
    count = total;
  }
  const double var = m2 / static_cast<double>(count - 1);
  return Estimate::monte_carlo(mean, std::sqrt(var / static_cast<double>(count)), count, mc.seed);
}

}  // namespace sb
