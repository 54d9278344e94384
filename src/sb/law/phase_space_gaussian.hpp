// A Gaussian on the phase space ℝ^d × ℝ^d of the kinetic (CLD) process (seed 002;
// theory/engines/cld.md; theory-notes §0.2): position x and velocity v, a product of d independent
// 2×2 blocks in a shared orthonormal basis U (the data eigenbasis). Block j is the law of (u_jᵀx,
// u_jᵀv) for the j-th column u_j of U. The CLD engine (sampler/cld_recursion.hpp) computes these
// laws exactly.
//
// As the output law of a sampler (PhaseSpaceOutputLaw) its distances to the data law are those
// of the position marginal — the law of the generated data; the distances of the whole
// phase-space law to π_data ⊗ N(0, vI) are metric/phase_space_metrics.hpp's.
#pragma once

#include <Eigen/Dense>
#include <string>

#include "sb/law/gaussian.hpp"
#include "sb/law/output_law.hpp"

namespace sb {

struct PhaseSpaceGaussian {
  BasisPtr basis;              // U (d × d, orthonormal columns): the data eigenbasis
  Vec mean_x, mean_v;          // block means, in the basis
  Vec cov_xx, cov_xv, cov_vv;  // block covariances, in the basis
  Eigen::Index dim() const { return mean_x.size(); }
  Vec2 block_mean(Eigen::Index j) const { return Vec2(mean_x(j), mean_v(j)); }
  Mat2 block_cov(Eigen::Index j) const {
    return (Mat2() << cov_xx(j), cov_xv(j), cov_xv(j), cov_vv(j)).finished();
  }
  /// Sets block j (the covariance's off-diagonal is taken from cov(0, 1)).
  void set_block(Eigen::Index j, const Vec2& m, const Mat2& c);
  /// Allocates d blocks (zero), sharing `basis`.
  static PhaseSpaceGaussian zeros(BasisPtr basis, Eigen::Index d);
  /// The position marginal N(U mean_x, U diag(cov_xx) Uᵀ), a spectral law.
  SpectralGaussian position() const { return {basis, mean_x, cov_xx}; }
  /// The velocity marginal.
  SpectralGaussian velocity() const { return {basis, mean_v, cov_vv}; }
  /// The law on ℝ^{2d} in the original coordinates, ordered (x₁, …, x_d, v₁, …, v_d).
  Gaussian dense() const;
};

/// The output law of a CLD sampler: the exact phase-space Gaussian, and its position marginal
/// (what the sampler generates) as a Gaussian output law.
class PhaseSpaceOutputLaw final : public OutputLaw {
 public:
  explicit PhaseSpaceOutputLaw(PhaseSpaceGaussian law)
      : law_(std::move(law)), position_(law_.position()) {}

  std::string kind() const override { return "phase_space_gaussian"; }
  /// 2d: the dimension of the phase space (the data dimension is law().dim()).
  Eigen::Index dim() const override { return 2 * law_.dim(); }
  const PhaseSpaceOutputLaw* as_phase_space() const override { return this; }

  const PhaseSpaceGaussian& law() const { return law_; }
  /// The position marginal, the law of the generated data.
  const GaussianOutputLaw& position() const { return position_; }

 private:
  PhaseSpaceGaussian law_;
  GaussianOutputLaw position_;
};

}  // namespace sb
