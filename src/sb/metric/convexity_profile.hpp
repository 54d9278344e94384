// Convexity profiles and Hessian extremes of the potential of a Gaussian mixture, the exact
// quantities behind the weak-convexity results of GSO25 (seed 000, Ocello's talk, slides "Beyond
// Concavity: Weak Concavity", "Example" and "Key Results"; M. Gentiloni Silveri, A. Ocello,
// ICML 2025; theory-notes C3, C4 and appendix A3; write-ups theory/gso25_*.md).
//
// For a vector field γ the convexity profile is
//     κ_γ(r) = inf_{‖x − y‖ = r} ⟨γ(x) − γ(y), x − y⟩ / r²
// (the slide writes ∇γ inside the bracket; for a potential U one takes γ = ∇U). Here γ = ∇U with
//     U(x) = −log q(x) − (shift/2)‖x‖²,   q = Σ_k w_k N(μ_k, Σ_k)
// (shift = 0: U = −log q; shift = 1 and q = p_τ: U = −log p̃_τ + const, p̃ = p/γ_d, the modified
// potential of GSO25). With responsibilities r_k(x), component scores g_k = −Σ_k⁻¹(x − μ_k) and
// ḡ = Σ_k r_k g_k (theory-notes A.0):
//     ∇U = −ḡ − shift·x,   ∇²U = Σ_k r_k (Σ_k⁻¹ − g_k g_kᵀ) + ḡḡᵀ − shift·I.
//
// What is computed, and in which direction it can err:
//  * the profile at r: an infimum over pairs. In 1-D it is a grid search over x (y = x + r)
//    refined by golden-section search at the best grid minima, together with the limit at ±∞
//    (the widest component's curvature; x = ±inf is then reported) ("grid_search_1d"); in d > 1 a
//    multi-start projected-gradient descent over (x, e), y = x + r e, ‖e‖ = 1
//    ("multistart_descent"). Either way the value is attained at a reported pair, so it is an
//    UPPER estimate of the infimum: a value below a claimed lower bound is a proof that the
//    claim fails; a value above it is evidence (exhaustive in 1-D, local in d > 1), not proof.
//  * the Hessian extremes inf_x λ_min(∇²U) and sup_x λ_max(∇²U): in 1-D from U'' on the same
//    kind of grid search; in d > 1 from the profile of ±γ at a radius 1e-4·scale (the difference
//    quotient is an average of eᵀ∇²U e along the segment). Attained values again: an upper
//    estimate of the infimum, a lower estimate of the supremum. The Lipschitz constant of ∇U is
//    max(sup λ_max, −inf λ_min) (∇²U symmetric), a lower estimate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb/core/types.hpp"

namespace sb {

class GaussianMixture;

/// ∇U and ∇²U for U = −log q − (shift/2)‖x‖², q a Gaussian mixture (any covariances). The
/// precisions, log-determinants and log-weights are computed once.
class MixturePotential {
 public:
  /// Throws InputError unless shift is finite.
  explicit MixturePotential(const GaussianMixture& q, double shift = 0.0);

  Eigen::Index dim() const { return means_.cols(); }
  double shift() const { return shift_; }
  /// ∇U(x).
  Vec gradient(const Vec& x) const;
  /// ∇²U(x) (symmetric).
  Mat hessian(const Vec& x) const;
  /// ∇U and ∇²U at x in one pass.
  void gradient_hessian(const Vec& x, Vec& grad, Mat& hess) const;
  /// In 1-D: U'(x) and U''(x).
  void derivatives_1d(double x, double& du, double& d2u) const;

  /// In 1-D: lim U''(x) as |x| → ∞, the precision of the widest component minus shift (the
  /// responsibilities concentrate on it). The 1-D searches include this limit.
  double tail_curvature_1d() const;

  /// Where the search looks: the component means (rows) and the largest component standard
  /// deviation.
  const Mat& centres() const { return means_; }
  double scale() const { return scale_; }

 private:
  /// Responsibilities (K) and component scores g_k (K × d rows) at x.
  void components(const Vec& x, Vec& resp, Mat& scores) const;

  Mat means_;              // K × d
  std::vector<Mat> prec_;  // Σ_k⁻¹
  Vec log_norm_;           // log w_k − ½ log det Σ_k
  double shift_ = 0.0;
  double scale_ = 1.0;
  double iso_prec_ = 0.0;  // 1/σ² when every Σ_k = σ²I (the fast path), else 0
};

/// Settings of the searches (see the header comment).
struct ProfileSearch {
  /// 1-D: the grid covers the centres ± half_width·scale (and the pair's radius).
  double half_width = 12.0;
  /// 1-D: grid spacing at most scale/points_per_scale (and at most max_points nodes).
  double points_per_scale = 40.0;
  long max_points = 40001;
  /// 1-D: golden-section refinement around this many of the best grid minima.
  int refine = 4;
  /// d > 1: random starts besides the ones built from pairs of centres, and the cap on pairs.
  int random_starts = 16;
  int max_pair_starts = 48;
  int max_iterations = 200;
  std::uint64_t seed = 20261205;
};

/// κ_γ(r) for γ = ∇U, with the pair (x, y = x + r e) where the value is attained.
struct ProfileValue {
  double r = 0.0;
  double kappa = 0.0;
  Vec x, y;
  std::string method;  // "grid_search_1d" or "multistart_descent" (an upper estimate of the inf)
};
/// Throws InputError unless r > 0 and finite.
ProfileValue convexity_profile(const MixturePotential& U, double r, const ProfileSearch& s = {});

/// An extreme eigenvalue of ∇²U over x, with the point where it is attained.
struct HessianExtreme {
  double value = 0.0;
  Vec x;
  std::string method;  // "grid_search_1d" or "multistart_descent_small_r"
};
/// inf_x λ_min(∇²U(x)) (an upper estimate of the infimum).
HessianExtreme min_hessian_eigenvalue(const MixturePotential& U, const ProfileSearch& s = {});
/// sup_x λ_max(∇²U(x)) (a lower estimate of the supremum).
HessianExtreme max_hessian_eigenvalue(const MixturePotential& U, const ProfileSearch& s = {});
/// sup_x ‖∇²U(x)‖ = max(sup λ_max, −inf λ_min): the Lipschitz constant of ∇U (a lower estimate).
HessianExtreme lipschitz_constant(const MixturePotential& U, const ProfileSearch& s = {});

/// GSO25's weak-convexity lower bound α − f_M(r)/r, f_M(r) = 2√M tanh(r√M/2), written without
/// cancellation for small r√M (f_M(r)/r → M as r → 0). Needs M >= 0, r > 0.
double weak_convexity_bound(double alpha, double sqrt_m, double r);

/// The smallest √M >= 0 with kappa >= α − f_M(r)/r at this r: 0 when kappa >= α, otherwise the
/// root of f_M(r)/r = α − kappa (f_M(r)/r increases from 0 to ∞ with √M; bisection to the last
/// bit). Over a set of radii, the largest of these is the smallest M that makes the profile
/// bound hold at all of them. Needs finite alpha, kappa and r > 0.
double minimal_sqrt_m(double alpha, double kappa, double r);

}  // namespace sb
