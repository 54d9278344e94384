// Critically damped Langevin (CLD) forward process in phase space, exactly (seed 002, slides
// "Extending the Phase Space of SGMs" and "1. Interpolate between the data distribution and a
// prior"; Dockhorn, Vahdat & Kreis 2022, ICLR; theory-notes A.1 "CLD (seed 002, process 9)",
// Appendix A5).
//
// Every data coordinate j (in the eigenbasis of the data covariance) carries a velocity, and the
// pair U = (x, v) ∈ ℝ² evolves independently of the other pairs:
//     dU = A U dt + Σ dB,   A = [[0, 1], [−1, −2]],   Σ = diag(ε, σ),   D := ΣΣᵀ = diag(ε², σ²),
// with ε = 0 in the seed's main construction and ε > 0 in its "Solution 2: restore ellipticity".
// The velocity starts independent of the data: U₀ ~ N((m₀, 0), C₀), C₀ = diag(λ, v), where m₀
// and λ are the data mean and variance along the eigen-direction and v the velocity variance.
//
// Closed forms (no quadrature). A = −I + N with N = A + I = [[1, 1], [−1, −1]], N² = 0 (a Jordan
// block with the double eigenvalue −1), so
//     e^{tA} = e^{−t}(I + tN) = e^{−t} [[1 + t, t], [−t, 1 − t]].
// Every matrix exponential below has this form e^{cu}(I + uN') with N' nilpotent (the reverse
// flow −A = I − N, the renormalised drift −A − DΣ∞⁻¹ = −I + Σ∞NᵀΣ∞⁻¹), so for any symmetric G
//     ∫₀ᵗ e^{cu}(I + uN') G (I + uN')ᵀ e^{cu} du = G K₀ + (N'G + GN'ᵀ) K₁ + N'GN'ᵀ K₂,
//     K_k = ∫₀ᵗ u^k e^{2cu} du = t^{k+1} E_k(2ct),   E_k(x) = ∫₀¹ s^k e^{xs} ds,
// and with G = D this is Σ_t = ∫₀ᵗ e^{uA} D e^{uAᵀ} du (theory-notes A.1/A5 for ε = 0; the ε²
// term is the same formula with the first column of e^{uA}: derived here in closed form, not by
// Van Loan's block exponential, and tested against adaptive quadrature and Van Loan). For ε = 0:
//     Σ_t = σ² [[¼ − ¼e^{−2t}(2t² + 2t + 1), ½t²e^{−2t}], [·, ¼ − ¼e^{−2t}(2t² − 2t + 1)]],
// and for ε > 0 add ε² [[(5 − e^{−2t}(2t² + 6t + 5))/4, −(1 − e^{−2t}(1 + t)²)/2],
//                       [·, ¼ − ¼e^{−2t}(2t² + 2t + 1)]].
// Cancellation: E_k is summed by its series for |x| <= 1 (the "1 − e^{−2t}·polynomial" forms lose
// all digits as t → 0); when c < 0 and |ct| > 1 the integral is evaluated instead as
// S∞ − F S∞ Fᵀ (F = e^{ct}(I + tN'), S∞ its t → ∞ limit), whose correction term is a product
// (the integral form would cancel: Σ_t's xv entry ½σ²t²e^{−2t} is a difference of two ≈ ¼σ²).
//
// Stationary law π∞ = N(0, Σ∞): Σ∞ = σ²/4·I for ε = 0 (the seed leaves it unspecified) and
//     Σ∞ = [[(σ² + 5ε²)/4, −ε²/2], [−ε²/2, (σ² + ε²)/4]]  for ε > 0  (theory-notes A.1),
// the solution of the Lyapunov equation AΣ∞ + Σ∞Aᵀ + D = 0.
//
// Forward law of one block:  mean_t = e^{tA}(m₀, 0)ᵀ,  Cov_t = e^{tA} C₀ e^{tAᵀ} + Σ_t,
// score ∇log p_t(u) = −Cov_t⁻¹(u − mean_t) (theory-notes A.1). For large t,
// Cov_t − Σ∞ = e^{tA}(C₀ − Σ∞)e^{tAᵀ} (Appendix A5) is evaluated as that product: it is of exact
// order t²e^{−2t} (theory-notes C11, D-23) and the difference of the two matrices would lose it.
#pragma once

#include <Eigen/Dense>
#include <memory>
#include <optional>
#include <string>

#include "sb/core/types.hpp"

namespace sb {

/// E_k(x) = ∫₀¹ s^k e^{xs} ds for k = 0, 1, 2: (e^x − 1)/x, … without cancellation (series for
/// |x| <= 1, the recurrence E_k = (e^x − k E_{k−1})/x otherwise). Throws std::logic_error for
/// another k.
double cld_exp_moment(int k, double x);

/// The matrix flow u ↦ e^{uM} of M = c I + N with N² = 0: e^{uM} = e^{cu}(I + uN). Every flow
/// of the CLD block has this form.
struct JordanFlow {
  double c = 0.0;
  Mat2 N = Mat2::Zero();

  /// e^{uM}.
  Mat2 exp(double u) const;
  /// ∫₀ᵗ e^{uM} du = K₀ I + K₁ N with K_k = ∫₀ᵗ u^k e^{cu} du = t^{k+1}E_k(ct).
  Mat2 integral(double t) const;
  /// ∫₀ᵗ e^{uM} G e^{uMᵀ} du for symmetric G (formula in the header comment); for c < 0 and
  /// |ct| > 1 evaluated as S∞ − e^{tM} S∞ e^{tMᵀ}. Symmetric to the last bit.
  Mat2 gram(double t, const Mat2& G) const;
  /// lim_{t→∞} of gram(t, G): G/(−2c) + (NG + GNᵀ)/(2c)² + 2NGNᵀ/(−2c)³; requires c < 0.
  Mat2 gram_limit(const Mat2& G) const;
};

class CldProcess {
 public:
  /// σ² > 0; velocity variance v > 0, or nullopt for the stationary velocity variance
  /// (Σ∞)_vv = (σ² + ε²)/4 (σ²/4 for ε = 0); ε >= 0 (elliptic_eps). Throws InputError naming
  /// the parameter ("sigma2", "velocity_var", "elliptic_eps") otherwise.
  explicit CldProcess(double sigma2, std::optional<double> velocity_var = std::nullopt,
                      double elliptic_eps = 0.0);

  std::string kind() const { return "cld"; }
  /// One line with the parameters, for reports and legends.
  std::string describe() const;

  double sigma2() const { return sigma2_; }
  double elliptic_eps() const { return eps_; }
  /// v, the variance of each velocity coordinate at time 0.
  double velocity_var() const { return v_; }
  /// True when v was chosen as the stationary (Σ∞)_vv.
  bool stationary_velocity() const { return stationary_v_; }

  /// A = [[0, 1], [−1, −2]].
  static Mat2 drift();
  /// D = ΣΣᵀ = diag(ε², σ²).
  const Mat2& diffusion() const { return D_; }
  /// The forward flow t ↦ e^{tA}: c = −1, N = A + I.
  static JordanFlow forward_flow();
  /// e^{tA} = e^{−t} [[1 + t, t], [−t, 1 − t]].
  static Mat2 flow(double t);
  /// Σ_t = ∫₀ᵗ e^{uA} D e^{uAᵀ} du, the covariance of U_t given U₀ (t >= 0).
  Mat2 noise_cov(double t) const;
  /// Σ∞ (closed form above).
  const Mat2& stationary_cov() const { return Sinf_; }
  /// Σ∞⁻¹.
  const Mat2& stationary_precision() const { return Sinf_inv_; }

  /// C₀ = diag(λ, v) for the data variance λ > 0 of one eigen-direction.
  Mat2 initial_cov(double lambda) const;
  /// mean_t = e^{tA}(m₀, 0)ᵀ = e^{−t}((1 + t)m₀, −t m₀).
  static Vec2 mean(double t, double m0);
  /// Cov_t = e^{tA} C₀ e^{tAᵀ} + Σ_t.
  Mat2 cov(double t, double lambda) const;
  /// Cov_t − Σ∞ = e^{tA}(C₀ − Σ∞)e^{tAᵀ} (theory-notes Appendix A5), without cancellation.
  Mat2 cov_minus_stationary(double t, double lambda) const;
  /// Cov_t⁻¹, the (negated) Hessian of log p_t.
  Mat2 precision(double t, double lambda) const;
  /// ∇_u log p_t(u) = −Cov_t⁻¹(u − mean_t).
  Vec2 score(double t, double m0, double lambda, const Vec2& u) const;
  /// ∇²log p̃_t, p̃_t = p_t/π∞: Σ∞⁻¹ − Cov_t⁻¹ = Cov_t⁻¹(Cov_t − Σ∞)Σ∞⁻¹, evaluated in the
  /// second form (exact order t²e^{−2t} at large t; theory-notes C11, D-23).
  Mat2 renormalised_hessian(double t, double lambda) const;
  /// Jacobian of the exact-score reverse drift u ↦ −Au + D∇log p_τ(u): −A − D Cov_τ⁻¹
  /// (theory-notes C11, D-21: its symmetric part is not negative definite).
  Mat2 backward_drift_jacobian(double tau, double lambda) const;
  /// −A − DΣ∞⁻¹ = Σ∞AᵀΣ∞⁻¹, the linear part of the renormalised reverse drift
  /// −Au + D∇log p = (−A − DΣ∞⁻¹)u + D∇log p̃; it is Aᵀ when ε = 0 (theory-notes C11, D-22).
  Mat2 renormalised_drift() const;
  /// The flow of the plain reverse linear part −A: c = +1, N' = −N.
  static JordanFlow reverse_flow();
  /// The flow of renormalised_drift(): c = −1, N' = Σ∞NᵀΣ∞⁻¹.
  JordanFlow renormalised_flow() const;

 private:
  double sigma2_, eps_, v_;
  bool stationary_v_;
  Mat2 D_, Sinf_, Sinf_inv_;
};

using CldPtr = std::shared_ptr<const CldProcess>;

}  // namespace sb
