#include "sb/data/target.hpp"

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/stats.hpp"
#include "sb/process/linear_process.hpp"

namespace sb {

Estimate Target::forward_mean(const LinearProcess& process, double t, const TargetMcOptions& mc,
                              const std::function<Vec(const Mat&)>& f) const {
  constexpr const char* kFn = "sb::Target::forward_mean";
  check_at_least(kFn, "samples", mc.samples, 2);
  check_nonnegative(kFn, "t", t);
  // X_t = m_t X_0 + κ_t μ + s_t Z (theory-notes A.0): X_0 from sample(), Z from other streams.
  const Eigen::Index d = dim();
  const double m = process.m(t), kappa = process.kappa(t), s = std::sqrt(process.s2(t));
  const Vec shift = kappa * process.centre(d);
  const Mat x0 = sample(mc.samples, mc.seed);
  // f block by block, the noise Z of block b from Rng(seed ⊕ kNoiseSeed, b) (streams distinct
  // from those of X_0), moments merged in block order: the estimate depends on (samples, seed)
  // only, whatever the number of threads.
  constexpr std::uint64_t kNoiseSeed = 0x9E3779B97F4A7C15ULL;
  const auto blocks = map_stream_blocks(
      mc.seed ^ kNoiseSeed, mc.samples,
      [&](const StreamBlock& block, Rng& rng) {
        Mat xt = m * x0.middleRows(block.begin, block.count);
        for (long i = 0; i < block.count; ++i)
          for (Eigen::Index j = 0; j < d; ++j) xt(i, j) += shift(j) + s * rng.normal();
        const Vec values = f(xt);
        RunningMoments moments;
        for (long i = 0; i < block.count; ++i) moments.add(values(i));
        return moments;
      },
      0);
  RunningMoments all;
  for (const RunningMoments& b : blocks) all.merge(b);
  return Estimate::monte_carlo(all.mean(), all.std_error(), all.count(), mc.seed);
}

Estimate Target::fisher_information(const LinearProcess& process, double t,
                                    const TargetMcOptions& mc) const {
  return forward_mean(process, t, mc, [&](const Mat& xt) -> Vec {
    Mat grad;
    score(process, t, xt, grad);
    return grad.rowwise().squaredNorm();
  });
}

}  // namespace sb
