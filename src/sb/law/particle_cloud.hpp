// The law of a sampler's output represented by an i.i.d. sample of it: n particles, each an
// independent run of the sampler (sb::run_particle_sampler). The metrics of such a law are Monte
// Carlo estimates with their standard errors (sb::Outcome, sb::sliced_w2 ...); the seed that
// reproduces the particles travels with them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "sb/law/output_law.hpp"

namespace sb {

class ParticleCloud final : public OutputLaw {
 public:
  /// `points`: n × d, one particle per row; `seed`: the seed of the run that drew them.
  ParticleCloud(Mat points, std::uint64_t seed) : points_(std::move(points)), seed_(seed) {}

  std::string kind() const override { return "particles"; }
  Eigen::Index dim() const override { return points_.cols(); }
  const ParticleCloud* as_particles() const override { return this; }

  const Mat& points() const { return points_; }
  long size() const { return static_cast<long>(points_.rows()); }
  std::uint64_t seed() const { return seed_; }

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
};

}  // namespace sb
