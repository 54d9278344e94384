// Shared pieces of the seed-004 checks (A. Claustre, "Score-Based Diffusion Models via
// Stochastic Differential Equations", research report, 2025, Section 5 and Appendix B; it
// follows W. Tang and H. Zhao, "Score-based diffusion models via stochastic differential
// equations — a technical tutorial", 2024). Theory-notes C15–C19, D-15..D-20, A.2:
//   claustre_thm53_tv                 Thm 5.3, TV bound (C15, D-15);
//   claustre_cor55_tv                 Cor 5.5, explicit TV bound for VP (C16);
//   claustre_cor55_step[_corrected]   the KL step of Cor 5.5's proof (C16, D-16);
//   claustre_thm57_w2                 Thm 5.7, W2 bound (C17, D-17);
//   claustre_cor510_vp                Cor 5.10, W2 for VP under κ-SLC (C18);
//   claustre_cor510_step[_corrected]  the step u_VP(T) <= β_max c T of its proof (C18, D-18);
//   claustre_cor511_cvp               Cor 5.11, W2 for CVP (C19, D-19);
//   contractive_reference_bias        reference laws centred at 0 (A.2, D-20).
// The printed and corrected forms of a proof step are one class registered twice (Reading).
//
// Every statement of seed 004 §5 is about the continuous-time reverse SDE
//   dY = [−f(T − t, Y) + g²(T − t) s(T − t, Y)] dt + g(T − t) dB̄,
// with f(t, x) = a(t)x + b(t)μ (theory-notes A.0). The seed prints the reverse drift of Thm 5.3
// as −(f + g²∇log p): a sign slip (theory-notes C15); scorebound's `continuous` sampler is the
// correct reverse SDE.
#pragma once

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "sb/core/quadrature.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/schedule/schedule.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::claustre {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// Which form of a proof step a check tests: as printed in the seed, or corrected.
enum class Reading { kPrinted, kCorrected };

/// β_min and β_max of seed 004 (6), read as inf and sup of β over [0, T].
struct BetaRange {
  double min = 0.0, max = 0.0, B_T = 0.0;
};
inline BetaRange beta_range(const OuForm& p, double T) {
  const Schedule& b = *p.beta;
  return {b.inf(0.0, T), b.sup(0.0, T), b.integral(T)};
}

/// The data covariance's strong log-concavity constant κ = 1/λ_max (seed 004 Definition 5.9).
inline double data_slc(const GaussianData& data) { return 1.0 / data.eigenvalues().maxCoeff(); }

/// The times at which a property of the marginals p_t, t ∈ [0, T], is scanned: every grid time
/// τ_k of the configuration and 1025 uniform points (both ends included).
std::vector<double> scan_times(const Problem& cfg);

/// A value and the forward time where it is attained.
struct TimedValue {
  double value = 0.0;
  double t = 0.0;
};

/// L = sup_t Lip(∇log p_t) = sup_t 1/λ_min(Σ_t) over the scan times. For the scheduled OU family
/// and VE each λ_j(Σ_t) is monotone in t, so the sup is at t = 0 or t = T and the scan is exact;
/// for subVP it is a lower estimate of the sup (1025 points).
TimedValue lipschitz_sup(const Problem& cfg);

/// Hypothesis 5.1: ε² = sup_t E_{p_t}‖ŝ − ∇log p_t‖² = ε_add² + δ² sup_t tr Σ_t⁻¹ (theory-notes
/// B.1); exact when δ = 0, otherwise the max over the scan times.
TimedValue l2_error_sup(const Problem& cfg);

/// Novikov's condition of Thm 5.3, E exp(½∫₀ᵀ g²‖ŝ − ∇log p‖² dt) < ∞ under the exact reverse
/// process (whose marginal at reverse time t is p_{T−t}). For δ = 0 the integrand is the
/// constant g²ε². For δ ≠ 0 a sufficient condition is used: by Jensen in time,
/// exp(½∫f) <= (1/T)∫exp(T f/2), and with ‖ŝ − ∇log p‖² = ‖δΣ^{−1/2}w − εe‖², w ~ N(0, I), the
/// expectation is finite when sup_t T g2(t) δ² / λ_min(Σ_t) < 1. If that fails, Novikov is
/// reported as not established (verdict hypotheses_fail).
Hypothesis novikov(const Problem& cfg);

/// The sampler starts from the reference law of the process (seed 004's p_noise).
Hypothesis starts_from_reference(const Problem& cfg, const std::string& law);

/// The score ∇log p_τ + ε e₁ (an additive error of size ε) and (1 + δ)∇log p_τ (multiplicative).
inline ScoreError additive(double eps) {
  ScoreError e;
  e.eps = eps;
  return e;
}
inline ScoreError multiplicative(double delta) {
  ScoreError e;
  e.delta = delta;
  return e;
}

/// Hypothesis 5.2 (L^∞ score error): finite iff δ = 0, then ε_∞ = ε_add.
Hypothesis linf_score_error(const Problem& cfg);
/// ε_∞² of Hypothesis 5.2: ε_add² when δ = 0, +inf otherwise.
inline double linf_eps2(const Problem& cfg) {
  return cfg.score_error.delta == 0.0 ? cfg.score_error.eps * cfg.score_error.eps : kInf;
}

/// TV(p_T, law of Y_0): exact in 1-D and for equal covariances, Monte Carlo otherwise (same
/// seed and sample size as the configuration's TV).
TvResult tv_initialisation(const Problem& cfg);

/// Floating-point allowance of a check whose sides are closed forms or exact-engine metrics:
/// the relative rounding allowance of the exact engine, exact_metric_rel_tol(N, d)·max(|exact|,
/// |bound|). Monte Carlo errors (TV) are not in it: they travel as the standard errors of the
/// exact side and of the bound (BoundReport::decide).
inline double rounding_tolerance(const Problem& cfg, double exact, double bound) {
  return exact_metric_rel_tol(cfg.grid.steps(), cfg.gaussian().dim()) *
         std::max(std::abs(exact), std::abs(bound));
}

/// Minimiser of a unimodal function on [lo, hi] by Brent's method (Boost.Math), 50 bits.
inline std::pair<double, double> brent_minimum(const quad::Fn& f, double lo, double hi) {
  return quad::brent_minimum(f, lo, hi, 50, 500);
}

/// log(e^x + e^y) without overflow; −inf arguments are allowed.
double log_add_exp(double x, double y);

/// log((e^x − 1)/x) for any real x (value 0 at x = 0), without overflow.
double log_expm1_over_x(double x);

/// The minimiser over h ∈ (0, h_max) of a function that is convex in h (Corollaries 5.10 and
/// 5.11: a rising exponential plus ε²/(2h(·))), by Brent's method on the logistic variable
/// h = h_max/(1 + e^{−z}), z ∈ [−60, 60] (monotone, so unimodality is kept and h can come within
/// 1e-26·h_max of either end).
template <class F>
std::pair<double, double> minimise_young(F&& f, double h_max) {
  auto h_of = [h_max](double z) { return h_max / (1.0 + std::exp(-z)); };
  const auto [z, fz] = brent_minimum([&](double z) { return f(h_of(z)); }, -60.0, 60.0);
  return {h_of(z), fz};
}

/// Corollary 5.10 (VP, κ-SLC data, k = min(κ, 1) > ½, 0 < h < k − ½) at Young parameter h:
///   e^{−(β_min + β_max(2k − 1 − 2h))T} (E‖X_0‖² + d e^{−B_T + β_min T}) + ε²/(2h(2k − 1 − 2h)),
/// where d e^{−B_T + β_min T} is the "o(e^{−β_min T})" of the statement made explicit (the term
/// the proof carries, theory-notes C18). h = 0 gives the ε = 0 limit (score term 0 if ε = 0).
struct Cor510Terms {
  double decay_second_moment = 0.0;  // e^{...T} E‖X_0‖²
  double decay_dimension = 0.0;      // e^{...T} d e^{−B_T + β_min T}
  double score = 0.0;                // ε²/(2h(2k − 1 − 2h))
  double total() const { return decay_second_moment + decay_dimension + score; }
};
Cor510Terms cor510_terms(double h, double beta_min, double beta_max, double B_T, double T,
                         double kappa, double second_moment, double d, double eps2);

/// Corollary 5.11 (CVP, κ-SLC data, 0 < h < ½) at Young parameter h:
///   e^{−2(κ/(1+κ) − β_max h T) + (2κ/(1+κ)) e^{−β_min T}} E‖X_0‖² + ε²/(2h(1 − 2h)).
/// The O(e^{−β_min T}) of the statement is the term (2κ/(1+κ))e^{−β_min T} of the exponent that
/// the proof (Appendix B.5) carries; with it the formula reproduces theory-notes V23.
struct Cor511Terms {
  double decay = 0.0;  // the E‖X_0‖² term
  double score = 0.0;  // ε²/(2h(1 − 2h))
  double total() const { return decay + score; }
};
Cor511Terms cor511_terms(double h, double beta_min, double beta_max, double T, double kappa,
                         double second_moment, double eps2);

/// u_VP(T) = ∫₀ᵀ β(s)(1 + 2h − 2a(s)) ds of Appendix B.4 with the exact strong-log-concavity
/// constant of p_s, a(s) = κ/(κ + (1 − κ)e^{−B_s}) (κ = 1/λ_max of the data): since
/// ∫₀ᵀ β a ds = log(1 + κ(e^{B_T} − 1)) (substitute b = B_s), in closed form
///   u_VP(T) = (1 + 2h) B_T − 2 log(1 + κ(e^{B_T} − 1)).
/// (For B_T > 1 the logarithm is evaluated as B_T + log(κ + (1 − κ)e^{−B_T}), free of overflow.)
double u_vp(double h, double B_T, double kappa);

/// One series of a figure panel: its legend label and the problem at each x (see sb::Sweep).
struct Series {
  std::string name;
  std::function<Problem(double)> at;
  bool draw_bound = true;  // false when its bound is the curve of an earlier series
  double x_min = -kInf;    // the panel's x below x_min are left out of this series
};
/// Appends the panel `x_label` to `out`: each series swept over `xs` (log x axis), with the
/// dashed curve called `bound_name`.
void add_panel(std::vector<Sweep>& out, const std::string& x_label, const std::vector<double>& xs,
               const std::vector<Series>& series, const std::string& bound_name = "bound");

}  // namespace sb::theorems::claustre
