// Shared pieces of the seed-003 checks (S. Strasman, A. Ocello, C. Boyer, S. Le Corff,
// V. Lemaire, "An analysis of the noise schedule for score-based generative models",
// arXiv:2402.04650, 2024; theory-notes C12, C13):
//   strasman24_kl               KL bound with a noise schedule (C12, D-12; strasman24_kl.cpp);
//   strasman24_w2_literal       refined W2 bound, constants of π_t (C13, D-13);
//   strasman24_w2_renormalised  refined W2 bound, constants of π_t/π∞ (C13, D-13b);
// the two W2 readings are one class registered twice (strasman24_w2.cpp).
//
// Forward process (theory-notes A.1 #8): dX = −β(t)/(2σ²) X dt + √β(t) dB, π∞ = N(0, σ² I),
// m_t = e^{−B_t/(2σ²)}, s_t² = σ²(1 − m_t²). For data N(m, Σ) with eigenvalues λ_j the marginal
// is π_t = N(m_t m, Σ_t), Σ_t = σ² I + m_t²(Σ − σ² I) in the data eigenbasis, so
//   1/σ² − 1/λ_j(Σ_t) = m_t²(λ_j − σ²)/(σ² λ_j(Σ_t))       (no cancellation),
// and every eigenvalue λ_j(Σ_t) moves monotonically from λ_j to σ² as t grows.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sb/core/numeric.hpp"
#include "sb/core/quadrature.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/schedule/schedule.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::strasman24 {

/// The scheduled OU of seed 003 behind a configuration: its schedule β and σ² (= v∞), as
/// recognised by sb::stationary_ou_setting (v of the OuForm is σ²).
using OuSetting = OuForm;
inline std::optional<OuSetting> ou_setting(const LinearProcess& p, double T) {
  return stationary_ou_setting(p, T);
}

inline constexpr Scheme kEm = Scheme::kEulerMaruyama, kEi = Scheme::kExponentialIntegrator,
                        kEir = Scheme::kExponentialRenormalised;

inline bool is_discretised(Scheme s) { return s == kEm || s == kEi || s == kEir; }

/// KL(N(m, Σ) ‖ N(0, v I)) = ½ Σ_j (λ_j/v − 1 − log(λ_j/v)) + ‖m‖²/(2v)  (theory-notes C).
inline double kl_to_stationary(const GaussianData& data, double v) {
  double kl = 0.5 * data.mean().squaredNorm() / v;
  const Vec& lam = data.eigenvalues();
  for (Eigen::Index j = 0; j < lam.size(); ++j) kl += 0.5 * num::rm1_minus_log(lam(j) / v);
  return kl;
}

/// I(N(m, Σ) | N(0, v I)) = E‖∇log π_data + X/v‖² = Σ_j λ_j (1/v − 1/λ_j)² + ‖m‖²/v²
/// (theory-notes C), with λ(1/v − 1/λ)² written as (λ − v)²/(λ v²).
inline double fisher_to_stationary(const GaussianData& data, double v) {
  double fi = data.mean().squaredNorm() / (v * v);
  const Vec& lam = data.eigenvalues();
  for (Eigen::Index j = 0; j < lam.size(); ++j)
    fi += (lam(j) - v) * (lam(j) - v) / (lam(j) * v * v);
  return fi;
}

/// W2(N(m, Σ), N(0, v I)) = (‖m‖² + Σ_j (√λ_j − √v)²)^{1/2}  (theory-notes C).
inline double w2_to_stationary(const GaussianData& data, double v) {
  double w = data.mean().squaredNorm();
  const Vec& lam = data.eigenvalues();
  for (Eigen::Index j = 0; j < lam.size(); ++j) w += num::sqrt_diff_sq(lam(j), v);
  return std::sqrt(w);
}

/// E^β of seed 003's W2 bound: sup over k = 0..N−1 of ‖∇log π_{τ_k}(Y_k) − ŝ(τ_k, Y_k)‖_{L²}
/// with Y_k ~ the sampler's own law before step k (not the forward marginal). For the affine
/// errors ŝ − ∇log π = −δ Σ_τ⁻¹(y − μ_τ) + ε e and Y_k ~ N(M, V) (spectral):
///   E‖·‖² = Σ_j [δ²((M_j − μ_j)² + V_j)/Σ_j² − 2δε e_j (M_j − μ_j)/Σ_j] + ε²,
/// the laws Y_k being propagated by the recursion of theory-notes B.2 (the one of
/// SpectralPlan). Returns ε when δ = 0 (then the error is the constant vector ε e).
inline double sampler_score_error_sup(const Problem& cfg) {
  const ScoreError& err = cfg.score_error;
  if (err.delta == 0.0) return err.eps;
  const LinearProcess& p = *cfg.process;
  const GaussianData& data = cfg.gaussian();
  const GaussianScore score(cfg.process, data, err);
  const SpectralGaussian init = initial_law(cfg.init, p, data, cfg.T());
  Vec mean = init.mean, var = init.var, P, q;
  const Vec centre = data.basis()->transpose() * p.centre(data.dim());
  const Vec& e = score.direction_rot();
  double sup = 0.0;
  for (int k = 0; k < cfg.grid.steps(); ++k) {
    const double tau = cfg.grid.tau(k);
    const SpectralGaussian marg = data.marginal(p, tau);
    double s = err.eps * err.eps;
    for (Eigen::Index j = 0; j < mean.size(); ++j) {
      const double r = mean(j) - marg.mean(j), sig = marg.var(j);
      s += err.delta * err.delta * (r * r + var(j)) / (sig * sig) -
           2.0 * err.delta * err.eps * e(j) * r / sig;
    }
    sup = std::max(sup, s);
    const StepCoefficients c = step_coefficients(cfg.scheme, p, tau, cfg.grid.tau(k + 1));
    score.field_spectral(tau, P, q);
    for (Eigen::Index j = 0; j < mean.size(); ++j) {
      const double A = c.alpha - c.gamma * P(j);
      mean(j) = A * mean(j) + c.gamma * q(j) + c.zeta * centre(j);
      var(j) = A * A * var(j) + c.omega;
    }
  }
  return std::sqrt(sup);
}

/// How the constants C_t, L_t, M of the refined W2 bound are read (theory-notes C13).
enum class Reading {
  kLiteral,  // of π_t:        C_t = 1/λ_max(Σ_t), L_t = 1/λ_min(Σ_t), M of ∇log π_t
  kRenormalised,  // of π_t/π∞:    C_t = 1/λ_max(Σ_t) − 1/σ², L_t = max_j|1/σ² − 1/λ_j(Σ_t)|,
                  //               M of ∇log π̃_t = (I/σ² − Σ_t⁻¹)x + Σ_t⁻¹μ_t
};

/// Relative accuracy requested from every Gauss–Kronrod integral below (the integrands are
/// smooth, or piecewise smooth for a tabulated β, and adaptive bisection goes 15 levels deep).
inline constexpr double kQuadratureRelTol = 1e-13;

/// ∫_a^b f by adaptive Gauss–Kronrod (15 points, depth ≤ 15, relative kQuadratureRelTol) on the
/// normalised variable u ∈ [0, 1], t = a + (b − a)u. Boost compares its error estimate, taken on
/// the reference interval, with a tolerance scaled by the interval length, so on a short step
/// [τ_{k+1}, τ_k] it would bisect to full depth; normalising avoids that. *err receives an error
/// estimate in the units of the integral.
template <class F>
double integrate(F f, double a, double b, double* err) {
  double e = 0.0;
  const double w = b - a;
  const double r = quad::gauss_kronrod([&](double u) { return f(a + w * u); }, 0.0, 1.0, 15, 15,
                                       kQuadratureRelTol, &e);
  *err = std::abs(w) * e;
  return w * r;
}

/// The refined W2 bound of seed 003 (theory-notes C13) on one configuration, term by term.
struct W2Bound {
  double w2_init = 0;   // W2(π_data, π∞)
  double exponent = 0;  // ∫₀ᵀ β(t)/σ² (1 + C_t σ²) dt
  double mixing = 0;    // w2_init · e^{−exponent}
  double discretisation = 0;
  double score = 0;   // E^β T β(T)
  double growth = 0;  // M h T β(T)(1 + 2B)
  double total = 0;
  double B = 0;  // (E‖X₀‖² + σ² d)^{1/2}
  double M = 0;  // linear-growth constant (sup over t ∈ [0, T])
  double E_beta = 0;
  double C_min = 0;  // inf over t ∈ [0, T] of C_t
  double L_sup = 0;  // sup over t ∈ [0, T] of L_t
  double beta_T = 0, h = 0;
  double quadrature_error = 0;  // sum of the Gauss–Kronrod error estimates
};

/// What the refined W2 bound needs from the data, whatever their law: W2(π_data, π∞) (with an
/// error estimate when it is computed by quadrature), B = (E‖X₀‖² + σ² d)^{1/2}, the functions
/// t ↦ C_t and t ↦ L_t of the reading, and the constants inf_t C_t, sup_t L_t and the linear-growth
/// constant M over [0, T].
struct W2Constants {
  double w2_init = 0.0;
  double w2_init_error = 0.0;
  double B = 0.0;
  std::function<double(double)> C, L;
  double C_min = 0.0, L_sup = 0.0, M = 0.0;
};

/// The bound of theory-notes C13 from its constants (the header of strasman24_w2.cpp), with E^β
/// the sup over the steps of the sampler-law L² score error.
inline W2Bound w2_bound_from(const Problem& cfg, const OuSetting& ou, const W2Constants& k,
                             double E_beta) {
  const Schedule& beta = *ou.beta;
  const double v = ou.v, sigma = std::sqrt(v), T = cfg.T();
  W2Bound b;
  b.h = cfg.grid.max_step();
  b.beta_T = beta.beta(T);
  b.B = k.B;
  b.w2_init = k.w2_init;
  double qerr = 0.0, e = 0.0;
  const double int_beta_C = integrate([&](double t) { return beta.beta(t) * k.C(t); }, 0.0, T, &e);
  qerr += e;
  b.exponent = beta.integral(T) / v + int_beta_C;
  b.mixing = b.w2_init * std::exp(-b.exponent);
  qerr += k.w2_init_error * std::exp(-b.exponent);

  const double a1 = std::sqrt(2.0 * b.h * b.beta_T) / sigma + b.h * b.beta_T / (2.0 * v);
  for (int step = 0; step < cfg.grid.steps(); ++step) {
    // ∫_{t_k}^{t_{k+1}} L̄_t β̄(t) dt = ∫_{τ_{k+1}}^{τ_k} L_τ β(τ) dτ.
    const double I = integrate([&](double t) { return k.L(t) * beta.beta(t); },
                               cfg.grid.tau(step + 1), cfg.grid.tau(step), &e);
    qerr += e;
    b.discretisation += I * (a1 + 2.0 * I) * b.B;
  }

  b.E_beta = E_beta;
  b.score = b.E_beta * T * b.beta_T;
  b.L_sup = k.L_sup;
  b.C_min = k.C_min;
  b.M = k.M;
  b.growth = b.M * b.h * T * b.beta_T * (1.0 + 2.0 * b.B);
  b.total = b.mixing + b.discretisation + b.score + b.growth;
  b.quadrature_error = qerr;
  return b;
}

/// The largest value of f on [lo, hi]: 1024 samples, then Brent's method around the best one
/// (for the sup over t of the bound's constants, which need not be monotone).
template <class F>
double sup_on(F f, double lo, double hi) {
  constexpr int kSamples = 1024;
  double best_x = lo, best = f(lo);
  for (int i = 1; i <= kSamples; ++i) {
    const double x = lo + (hi - lo) * i / kSamples;
    const double g = f(x);
    if (g > best) best = g, best_x = x;
  }
  const double dx = (hi - lo) / kSamples;
  if (dx > 0.0) {
    const auto r = quad::brent_minimum([&](double x) { return -f(x); }, std::max(lo, best_x - dx),
                                       std::min(hi, best_x + dx), 52,
                                       std::numeric_limits<std::uintmax_t>::max());
    best = std::max(best, -r.second);
  }
  return best;
}

inline W2Bound w2_bound(const Problem& cfg, const OuSetting& ou, Reading reading) {
  const GaussianData& data = cfg.gaussian();
  const Schedule& beta = *ou.beta;
  const double v = ou.v, T = cfg.T();
  const Vec& lam = data.eigenvalues();
  const double lmin = lam.minCoeff(), lmax = lam.maxCoeff();
  const Vec mean_rot = data.basis()->transpose() * data.mean();
  const bool literal = reading == Reading::kLiteral;
  // Σ_t along the eigenvalue λ: σ² + m_t²(λ − σ²), with m_t² = e^{−B_t/σ²}.
  const auto m2 = [&beta, v](double t) { return std::exp(-beta.integral(t) / v); };
  const auto sig = [v](double m2t, double l) { return v + m2t * (l - v); };
  // 1/σ² − 1/Σ_t(λ), without cancellation.
  const auto gap = [v, sig](double m2t, double l) { return m2t * (l - v) / (v * sig(m2t, l)); };
  W2Constants k;
  k.C = [=](double t) {
    const double m2t = m2(t);
    return literal ? 1.0 / sig(m2t, lmax) : -gap(m2t, lmax);
  };
  k.L = [=](double t) {
    const double m2t = m2(t);
    return literal ? 1.0 / sig(m2t, lmin)
                   : std::max(std::abs(gap(m2t, lmin)), std::abs(gap(m2t, lmax)));
  };
  k.B = std::sqrt(data.second_moment() + v * static_cast<double>(data.dim()));
  k.w2_init = w2_to_stationary(data, v);
  // Each λ_j(Σ_t) is monotone in t, so sup L_t and inf C_t are attained at t = 0 or t = T.
  k.L_sup = std::max(k.L(0.0), k.L(T));
  k.C_min = std::min(k.C(0.0), k.C(T));
  // M = sup_t max(‖A_t‖, ‖Σ_t⁻¹ μ_t‖) with A_t = Σ_t⁻¹ (literal) or I/σ² − Σ_t⁻¹ (renormalised),
  // so ‖A_t‖ = L_t. ‖Σ_t⁻¹μ_t‖² = u Σ_j μ_j²/Σ_j(u)² in u = m_t² ∈ [m_T², 1] need not be
  // monotone: its sup over u by sup_on.
  const auto growth_sq = [&](double u) {
    double s = 0.0;
    for (Eigen::Index j = 0; j < lam.size(); ++j) {
      const double r = mean_rot(j) / sig(u, lam(j));
      s += r * r;
    }
    return u * s;
  };
  const double u0 = std::exp(-beta.integral(T) / v);
  k.M = std::max(k.L_sup, std::sqrt(std::max(growth_sq(1.0), sup_on(growth_sq, u0, 1.0))));
  return w2_bound_from(cfg, ou, k, sampler_score_error_sup(cfg));
}

/// A point of a seed-003 figure: every sweep runs on the horizon T = 1.
inline Problem at(const ProcessPtr& p, const GaussianData& data, int N, Scheme s,
                  ScoreError err = {}) {
  return make_problem(p, data, 1.0, N, s, std::move(err));
}

/// The scheme in a series label: "ei (printed)" (the scheme seed 003 prints), "em", "eir".
inline std::string scheme_label(Scheme s) { return to_string(s) + (s == kEi ? " (printed)" : ""); }

/// One series "<scheme>, <label>" per scheme, each with the points (x, point(scheme, x)). With
/// delta = 0 neither bound depends on the scheme (E_k is taken under the forward marginals, and
/// E^beta = eps), so only the first series draws it and the others say "(bound shared)"; all
/// of them when `bound_drawn` (an earlier series of the panel drew it).
template <class X, class Point>
void add_scheme_series(std::vector<Sweep>& out, std::initializer_list<Scheme> schemes,
                       const std::string& label, const std::string& x_label,
                       std::initializer_list<X> xs, Point point, bool bound_drawn = false) {
  for (Scheme s : schemes) {
    Sweep sw{fmt::format("{}, {}{}", scheme_label(s), label, bound_drawn ? " (bound shared)" : ""),
             x_label,
             true,
             {},
             !bound_drawn};
    for (X x : xs) sw.points.emplace_back(x, point(s, x));
    out.push_back(std::move(sw));
    bound_drawn = true;
  }
}

}  // namespace sb::theorems::strasman24
