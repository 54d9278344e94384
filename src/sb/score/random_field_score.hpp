// A smooth random perturbation of the exact score whose L² error under p_τ is a requested ε at
// every τ (scorebound issue 8, item 3): the bounds of the seeds take the score error
// ε = (E_{p_τ}‖ŝ(τ, X) − ∇log p_τ(X)‖²)^{1/2}, and on data laws without an affine score no affine
// error is natural. The field is
//   ŝ(τ, y) = ∇log p_τ(y) + ε e(y)/c(τ),   e(y) = J^{−1/2} Σ_{j=1..J} a_j cos(⟨ω_j, y⟩ + b_j),
// with a_j ~ N(0, I_d), ω_j ~ N(0, ℓ⁻² I_d), b_j ~ U(0, 2π) drawn once from a seed — random
// Fourier features (Rahimi & Recht 2007, "Random features for large-scale kernel machines",
// NIPS 20; as J → ∞, e is a Gaussian field with covariance ½ exp(−‖y − y'‖²/(2ℓ²)) I) — and
// c(τ)² = E_{X∼p_τ}‖e(X)‖², so that E_{p_τ}‖ŝ − ∇log p_τ‖² = ε² c(τ)²/c(τ)² = ε². The length
// scale ℓ sets the smoothness: ‖∇e‖ is of order ‖ω‖ ~ √d/ℓ.
//
// c(τ)², closed form. With cos A cos B = ½[cos(A − B) + cos(A + B)] and φ_τ(u) = E e^{i⟨u, X⟩}:
//   E‖e(X)‖² = (1/2J) Σ_{j,l} ⟨a_j, a_l⟩ Re[φ_τ(ω_j − ω_l) e^{i(b_j − b_l)}
//                                          + φ_τ(ω_j + ω_l) e^{i(b_j + b_l)}],
// computed over the pairs j <= l (both terms are symmetric in (j, l); φ_τ(0) = 1) from
// Target::characteristic_function: O(J²) frequencies, O(J²·(K + d)·d) operations per τ for a
// K-component mixture — milliseconds at the default J = 64, seconds at J = 4096.
//
// c(τ)², Monte Carlo (data laws without a characteristic function: the funnel). ĉ(τ)² is the
// mean of ‖e(X)‖² over the forward draws X = m_τ X_0 + κ_τ μ + s_τ Z of TargetMcOptions (X_0 from
// Target::sample(samples, seed); Z of block b from Rng(seed ⊕ salt, b)), the same draws at every
// τ. The field then uses ĉ, and its true L² error is ε² c(τ)²/ĉ(τ)², unknown; l2_error_sq reports
// the estimate ε² with the delta-method standard error of that ratio, ε²·SE(ĉ²)/ĉ² (first order
// in the relative error of ĉ²; method "monte_carlo_delta_method").
//
// c(τ) is computed once per τ (the exact double) on first use, under a mutex, and cached for the
// life of the field: the particle engine evaluates the field from several threads at the same τ.
// The value depends on τ only (the Monte Carlo draws are block-seeded), never on which thread
// computed it or how many threads there are.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>

#include "sb/core/rng.hpp"
#include "sb/data/target.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

/// The random draw of a RandomFieldScore.
struct RandomFieldSpec {
  int features = 64;                  // J, in [1, 4096]
  double length_scale = 1.0;          // ℓ > 0: ω_j ~ N(0, ℓ⁻² I)
  std::uint64_t seed = kDefaultSeed;  // of (a_j, ω_j, b_j)
};

class RandomFieldScore final : public ScoreField {
 public:
  /// Draws the features from Rng(spec.seed): for j = 1..J in turn, the d normals of a_j, the d
  /// normals of ℓω_j, then the uniform u_j with b_j = 2πu_j. Throws InputError (naming
  /// score_error.eps, .features, .length_scale, or the data law / process missing) for ε < 0 or
  /// not finite, J outside [1, 4096], ℓ <= 0 or not finite, and, when the data law has no
  /// characteristic function and ε > 0, mc.samples < 2.
  RandomFieldScore(TargetPtr target, ProcessPtr process, double eps, RandomFieldSpec spec = {},
                   TargetMcOptions mc = {});

  std::string describe() const override;
  Eigen::Index dim() const override { return omega_.cols(); }
  void eval_batch(double tau, const Mat& Y, Mat& out) const override;
  /// The data law's score (with `scratch`), plus ε e/c(τ) computed in tiles of kTileRows rows
  /// by kTileFeatures features: per tile one product Y·Ωᵀ, the cosines in place, one product
  /// C·A added to out. Its one buffer is scratch.mat(kScratchSlot) (kTileRows × kTileFeatures,
  /// made on the first call): no heap allocation of its own after that for d <= 128, where the
  /// packing buffers of Eigen's products (at most 128·max(d, 64) doubles) stay under
  /// EIGEN_STACK_ALLOCATION_LIMIT = 128 KB (checked with EIGEN_RUNTIME_NO_MALLOC on this loop
  /// up to d = 256 with Eigen 3.4, AVX2; Eigen's blocking also depends on the cache sizes).
  /// Whether the data law's score allocates is the data law's affair (GaussianMixture does
  /// not; GaussianData and the funnel do).
  void eval_batch(double tau, const Mat& Y, Mat& out, Scratch& scratch) const override;
  /// ε², exact (method "exact_closed_form") when the data law has a characteristic function,
  /// otherwise the Monte Carlo estimate described in the header comment. 0 when ε = 0.
  Estimate l2_error_sq(double tau) const override;
  /// A bound, not the supremum: sup‖ŝ − ∇log p_τ‖ = ε sup‖e‖/c(τ) <= ε J^{−1/2} Σ_j ‖a_j‖/c(τ)
  /// (equality would need every cosine to be ±1 with aligned a_j at one y). It is a true bound
  /// on the field as evaluated also on the Monte Carlo path, since the field divides by the same
  /// ĉ(τ). Conservative for checks that assume an L∞ error.
  double linf_error(double tau) const override;
  // perturbation(): nullopt — the field is not (1 + δ)∇log p_τ + ε e with a constant e.

  /// e(y) at the rows of Y (n × d) into out (resized to n × d): the field before the factor
  /// ε/c(τ).
  void field(const Mat& Y, Mat& out) const;
  /// The Jacobian of e at y (d × d, entry (r, s) = ∂e_r/∂y_s):
  /// −J^{−1/2} Σ_j a_j ω_jᵀ sin(⟨ω_j, y⟩ + b_j).
  Mat field_jacobian(const Vec& y) const;
  /// c(τ)² = E_{p_τ}‖e‖²: exact (method "exact_closed_form") or the Monte Carlo estimate (method
  /// "monte_carlo_forward_draws", with its standard error). Cached per τ.
  Estimate normaliser_sq(double tau) const;
  /// True when c(τ)² has a closed form (the data law has a characteristic function).
  bool has_closed_form() const { return closed_form_; }

  double eps() const { return eps_; }
  const RandomFieldSpec& spec() const { return spec_; }
  /// Row j: a_j (J × d).
  const Mat& amplitudes() const { return amp_; }
  /// Row j: ω_j (J × d).
  const Mat& frequencies() const { return omega_; }
  /// b_j (J).
  const Vec& phases() const { return phase_; }

  static constexpr Eigen::Index kTileRows = 64;
  static constexpr Eigen::Index kTileFeatures = 128;
  static constexpr std::size_t kScratchSlot = 16;

 private:
  /// out.middleRows(r) += scale·Σ_j a_j cos(⟨ω_j, y_r⟩ + b_j)ᵀ, tile by tile, P the buffer.
  void add_features(const Mat& Y, double scale, Mat& out, Mat& P) const;
  double closed_form_c2(double tau) const;
  Estimate monte_carlo_c2(double tau) const;

  TargetPtr target_;
  ProcessPtr process_;
  double eps_;
  RandomFieldSpec spec_;
  TargetMcOptions mc_;
  bool closed_form_ = false;
  Mat amp_;                    // J × d
  Mat omega_;                  // J × d
  Mat omega_t_;                // d × J
  Vec phase_;                  // J
  double amp_norm_sum_ = 0.0;  // Σ_j ‖a_j‖
  mutable std::mutex mutex_;
  mutable std::map<double, Estimate> cache_;  // τ → c(τ)²
};

}  // namespace sb
