// Gaussian data π_data = N(m, Σ) in any dimension, with its eigen-decomposition Σ = U Λ Uᵀ and
// the exact forward marginals p_t = N(m_t m + κ_t μ, m_t² Σ + s_t² I) (theory-notes A.0).
#pragma once

#include <string>

#include "sb/core/types.hpp"
#include "sb/data/target.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/process/linear_process.hpp"

namespace sb {

class GaussianData final : public Target {
 public:
  /// Throws InputError unless mean is finite and cov is symmetric positive definite of the
  /// same dimension. `name` is the parameter name used in error messages ("data.cov").
  GaussianData(Vec mean, Mat cov, const std::string& name = "data");

  // Target.
  std::string kind() const override { return "gaussian"; }
  std::string describe() const override;
  Eigen::Index dim() const override { return mean_.size(); }
  /// Rows m + U diag(√λ) z, z standard normal (blocks of kStreamBlock rows from Rng(seed, b)).
  Mat sample(long n, std::uint64_t seed) const override;
  bool has_log_density() const override { return true; }
  Vec log_density(const Mat& x) const override;
  /// −(x − μ_t)ᵀ Σ_t⁻¹ row by row, in the eigenbasis (theory-notes A.0).
  void score(const LinearProcess& process, double t, const Mat& x, Mat& out) const override;
  using Target::score;
  bool has_hessian() const override { return true; }
  /// −Σ_t⁻¹, whatever x.
  Mat hessian(const LinearProcess& process, double t, const Vec& x) const override;
  /// Exact: tr Σ_t⁻¹ = Σ_j 1/(m_t²λ_j + s_t²).
  Estimate fisher_information(const LinearProcess& process, double t,
                              const TargetMcOptions& mc = {}) const override;
  /// exp(i⟨u, μ_t⟩ − ½uᵀΣ_t u) row by row, uᵀΣ_t u = Σ_j (m_t²λ_j + s_t²)(Uᵀu)_j² in the
  /// eigenbasis. Always true.
  bool characteristic_function(const LinearProcess& process, double t, const Mat& U,
                               Eigen::VectorXcd& out) const override;
  const GaussianData* as_gaussian() const override { return this; }
  Gaussian moment_law() const override { return {mean_, cov_}; }
  /// N(⟨θ, m⟩, θᵀΣθ): one component.
  std::optional<Mixture1d> projection(const Vec& theta) const override;

  const Vec& mean() const { return mean_; }
  const Mat& cov() const { return cov_; }
  const BasisPtr& basis() const { return basis_; }
  /// Eigenvalues λ_j of Σ (ascending), matching the columns of basis().
  const Vec& eigenvalues() const { return lambda_; }
  /// The data law itself as a spectral law (mean Uᵀm, var λ).
  SpectralGaussian law() const { return {basis_, mean_rot_, lambda_}; }

  /// p_t, the forward marginal at time t ≥ 0.
  SpectralGaussian marginal(const LinearProcess& p, double t) const;

  /// E‖X₀‖² = ‖m‖² + tr Σ.
  double second_moment() const { return mean_.squaredNorm() + lambda_.sum(); }

 private:
  Vec mean_;
  Mat cov_;
  BasisPtr basis_;
  Vec lambda_;
  Vec mean_rot_;
};

/// Presets of the noise-schedule study (seed 003, numerical analysis; mean 1_d throughout):
///   "isotropic"        Σ = 0.5 I
///   "heteroscedastic"  Σ diagonal, entries 1, 0.01, 1, 1, 1 repeated
///   "correlated"       Σ_ij = 1/√(|i − j| + 1)
/// The seed's footnote prints Σ_ij = 1/√|i − j| off the diagonal, which is not positive definite
/// for d ≥ 2; the preset uses the corrected form (see theory/README.md).
GaussianData gaussian_preset(const std::string& name, Eigen::Index d);

/// 1-D data N(mean, var) (var > 0, checked by GaussianData).
GaussianData gaussian_1d(double mean, double var);

/// Isotropic data N(mean·1_d, var·I_d) (var > 0, checked by GaussianData).
GaussianData gaussian_isotropic(Eigen::Index d, double mean, double var);

}  // namespace sb
