// The law of a sampler's output represented by an i.i.d. sample of it: n particles, each an
// independent run of the sampler (sb::run_particle_sampler). The metrics of such a law are Monte
// Carlo estimates with their standard errors (sb::Outcome, sb::sliced_w2 ...); the seed that
// reproduces the particles travels with them.
//
// When the sampler's last step is Gaussian given the previous state (em, ei, eir, pc), the cloud
// may also carry that step's kernels: the centres c_i = A(Y^i_{N−1}) of (the first) particles
// and the step's variance q, with uniform weights (law/kernel_mixture.hpp). Row i of the
// centres belongs to row i of the points: Y^i_N = c_i + √q ξ_i.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "sb/law/kernel_mixture.hpp"
#include "sb/law/output_law.hpp"

namespace sb {

class ParticleCloud final : public OutputLaw {
 public:
  /// `points`: n × d, one particle per row; `seed`: the seed of the run that drew them;
  /// `last_step`: the last step's kernels of the first k <= n particles (centres k × d, weights
  /// uniform, var > 0), when the sampler's last step is Gaussian. Throws InputError for a
  /// last step of another dimension, more centres than points, non-uniform or mismatched
  /// weights, non-finite centres or var <= 0.
  ParticleCloud(Mat points, std::uint64_t seed, std::optional<KernelMixture> last_step = {});

  std::string kind() const override { return "particles"; }
  Eigen::Index dim() const override { return points_.cols(); }
  const ParticleCloud* as_particles() const override { return this; }

  const Mat& points() const { return points_; }
  long size() const { return static_cast<long>(points_.rows()); }
  std::uint64_t seed() const { return seed_; }
  /// The last step's kernels of the first last_step()->centres.rows() particles, when kept.
  const std::optional<KernelMixture>& last_step() const { return last_step_; }

  /// Sample mean (d).
  Vec mean() const { return points_.colwise().mean().transpose(); }
  /// Unbiased sample covariance (d × d).
  Mat covariance() const {
    const Mat centred = points_.rowwise() - points_.colwise().mean();
    return (centred.transpose() * centred) / static_cast<double>(points_.rows() - 1);
  }

 private:
  Mat points_;
  std::uint64_t seed_;
  std::optional<KernelMixture> last_step_;
};

}  // namespace sb
