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
//
// Every statement of seed 004 §5 is about the continuous-time reverse SDE
//   dY = [−f(T − t, Y) + g²(T − t) s(T − t, Y)] dt + g(T − t) dB̄,
// with f(t, x) = a(t)x + b(t)μ (theory-notes A.0). The seed prints the reverse drift of Thm 5.3
// as −(f + g²∇log p): a sign slip (theory-notes C15); scorebound's `continuous` sampler is the
// correct reverse SDE.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
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
#include "sb/score/gaussian_score.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::claustre {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// β_min and β_max of seed 004 (6), read as inf and sup of β over [0, T].
struct BetaRange {
  double min = 0.0, max = 0.0, B_T = 0.0;
};
inline BetaRange beta_range(const OuForm& p, double T) {
  const Schedule& b = *p.beta;
  return {b.inf(0.0, T), b.sup(0.0, T), b.integral(T)};
}

/// Variances of p_t in the data eigenbasis: m_t²λ_j + s_t².
inline Vec marginal_var(const LinearProcess& p, const GaussianData& data, double t) {
  const double m = p.m(t);
  return ((m * m) * data.eigenvalues().array() + p.s2(t)).matrix();
}

/// The times at which a property of the marginals p_t, t ∈ [0, T], is scanned: every grid time
/// τ_k of the configuration and 1025 uniform points (both ends included).
inline std::vector<double> scan_times(const Problem& cfg) {
  std::vector<double> ts;
  const double T = cfg.T();
  constexpr int kUniform = 1024;
  for (int i = 0; i <= kUniform; ++i) ts.push_back(T * i / kUniform);
  for (int k = 0; k <= cfg.grid.steps(); ++k) ts.push_back(cfg.grid.tau(k));
  return ts;
}

/// A value and the forward time where it is attained.
struct TimedValue {
  double value = 0.0;
  double t = 0.0;
};

/// L = sup_t Lip(∇log p_t) = sup_t 1/λ_min(Σ_t) over the scan times. For the scheduled OU family
/// and VE each λ_j(Σ_t) is monotone in t, so the sup is at t = 0 or t = T and the scan is exact;
/// for subVP it is a lower estimate of the sup (1025 points).
inline TimedValue lipschitz_sup(const Problem& cfg) {
  TimedValue best{0.0, 0.0};
  for (double t : scan_times(cfg)) {
    const double L = 1.0 / marginal_var(*cfg.process, cfg.gaussian(), t).minCoeff();
    if (L > best.value) best = {L, t};
  }
  return best;
}

/// Hypothesis 5.1: ε² = sup_t E_{p_t}‖ŝ − ∇log p_t‖² = ε_add² + δ² sup_t tr Σ_t⁻¹ (theory-notes
/// B.1); exact when δ = 0, otherwise the max over the scan times.
inline TimedValue l2_error_sup(const Problem& cfg) {
  const GaussianScore score(cfg.process, cfg.gaussian(), cfg.score_error);
  if (cfg.score_error.delta == 0.0) return {score.l2_error_sq(0.0).value, 0.0};
  TimedValue best{0.0, 0.0};
  for (double t : scan_times(cfg)) {
    const double e = score.l2_error_sq(t).value;
    if (e > best.value) best = {e, t};
  }
  return best;
}

/// Novikov's condition of Thm 5.3, E exp(½∫₀ᵀ g²‖ŝ − ∇log p‖² dt) < ∞ under the exact reverse
/// process (whose marginal at reverse time t is p_{T−t}). For δ = 0 the integrand is the
/// constant g²ε². For δ ≠ 0 a sufficient condition is used: by Jensen in time,
/// exp(½∫f) <= (1/T)∫exp(T f/2), and with ‖ŝ − ∇log p‖² = ‖δΣ^{−1/2}w − εe‖², w ~ N(0, I), the
/// expectation is finite when sup_t T g2(t) δ² / λ_min(Σ_t) < 1. If that fails, Novikov is
/// reported as not established (verdict hypotheses_fail).
inline Hypothesis novikov(const Problem& cfg) {
  const double delta = cfg.score_error.delta;
  if (delta == 0.0)
    return {"Novikov's condition", true,
            fmt::format("delta = 0: the integrand g^2 eps^2 is bounded (eps = {})",
                        cfg.score_error.eps)};
  double worst = 0.0;
  for (double t : scan_times(cfg))
    worst = std::max(worst, cfg.T() * cfg.process->g2(t) * delta * delta /
                                marginal_var(*cfg.process, cfg.gaussian(), t).minCoeff());
  return {"Novikov's condition (sufficient test sup_t T g2 delta^2 / lambda_min(Sigma_t) < 1)",
          worst < 1.0, fmt::format("sup_t T g2 delta^2 / lambda_min = {:.6g}", worst)};
}

/// The sampler starts from the reference law of the process (seed 004's p_noise).
inline Hypothesis starts_from_reference(const Problem& cfg, const std::string& law) {
  return {"the sampler starts from p_noise = " + law, cfg.init == Init::kReference,
          "init = " + to_string(cfg.init)};
}

/// Hypothesis 5.2 (L^∞ score error): finite iff δ = 0, then ε_∞ = ε_add.
inline Hypothesis linf_score_error(const Problem& cfg) {
  const bool ok = cfg.score_error.delta == 0.0;
  return {"Hypothesis 5.2: sup_t ||s - grad log p_t||_inf <= eps", ok,
          ok ? fmt::format("eps_inf = {}", cfg.score_error.eps)
             : fmt::format("delta = {} != 0: the error grows linearly in y, eps_inf = inf",
                           cfg.score_error.delta)};
}

/// TV(p_T, law of Y_0): exact in 1-D and for equal covariances, Monte Carlo otherwise (same
/// seed and sample size as the configuration's TV).
inline TvResult tv_initialisation(const Problem& cfg) {
  const SpectralGaussian pT = cfg.gaussian().marginal(*cfg.process, cfg.T());
  const SpectralGaussian y0 = initial_law(cfg.init, *cfg.process, cfg.gaussian(), cfg.T());
  return total_variation(pT, y0, TvOptions{cfg.options.seed, cfg.options.tv_samples});
}

/// Floating-point allowance of a TV check: the relative rounding allowance of the exact engine,
/// exact_metric_rel_tol(N, d)·max(exact, bound). Monte Carlo errors are not in it: they travel
/// as the standard errors of the exact side and of the bound (BoundReport::decide).
inline double tv_tolerance(const Problem& cfg, double exact, double bound) {
  return exact_metric_rel_tol(cfg.grid.steps(), cfg.gaussian().dim()) *
         std::max(std::abs(exact), std::abs(bound));
}

/// Minimiser of a unimodal function on [lo, hi] by Brent's method (Boost.Math), 50 bits.
inline std::pair<double, double> brent_minimum(const quad::Fn& f, double lo, double hi) {
  return quad::brent_minimum(f, lo, hi, 50, 500);
}

/// log(e^x + e^y) without overflow; −inf arguments are allowed.
inline double log_add_exp(double x, double y) {
  if (x == -kInf) return y;
  if (y == -kInf) return x;
  const double m = std::max(x, y);
  return m + std::log1p(std::exp(-std::abs(x - y)));
}

/// log((e^x − 1)/x) for any real x (value 0 at x = 0), without overflow.
inline double log_expm1_over_x(double x) {
  if (x > 1.0) return x + std::log(-std::expm1(-x)) - std::log(x);
  if (x == 0.0) return 0.0;
  return std::log(std::expm1(x) / x);
}

/// The data covariance's strong log-concavity constant κ = 1/λ_max (seed 004 Definition 5.9).
inline double data_slc(const GaussianData& data) { return 1.0 / data.eigenvalues().maxCoeff(); }

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
inline Cor510Terms cor510_terms(double h, double beta_min, double beta_max, double B_T, double T,
                                double kappa, double second_moment, double d, double eps2) {
  const double k = std::min(kappa, 1.0), gap = 2 * k - 1 - 2 * h;
  const double decay = std::exp(-(beta_min + beta_max * gap) * T);
  Cor510Terms c;
  c.decay_second_moment = decay * second_moment;
  c.decay_dimension = d * std::exp(-(beta_min + beta_max * gap) * T - B_T + beta_min * T);
  c.score = eps2 == 0.0 ? 0.0 : (gap > 0 && h > 0 ? eps2 / (2 * h * gap) : kInf);
  return c;
}

/// Corollary 5.11 (CVP, κ-SLC data, 0 < h < ½) at Young parameter h:
///   e^{−2(κ/(1+κ) − β_max h T) + (2κ/(1+κ)) e^{−β_min T}} E‖X_0‖² + ε²/(2h(1 − 2h)).
/// The O(e^{−β_min T}) of the statement is the term (2κ/(1+κ))e^{−β_min T} of the exponent that
/// the proof (Appendix B.5) carries; with it the formula reproduces theory-notes V23.
struct Cor511Terms {
  double decay = 0.0;  // the E‖X_0‖² term
  double score = 0.0;  // ε²/(2h(1 − 2h))
  double total() const { return decay + score; }
};
inline Cor511Terms cor511_terms(double h, double beta_min, double beta_max, double T, double kappa,
                                double second_moment, double eps2) {
  const double q = kappa / (1 + kappa);
  Cor511Terms c;
  c.decay = second_moment * std::exp(-2 * (q - beta_max * h * T) + 2 * q * std::exp(-beta_min * T));
  c.score = eps2 == 0.0 ? 0.0 : (h > 0 && h < 0.5 ? eps2 / (2 * h * (1 - 2 * h)) : kInf);
  return c;
}

/// u_VP(T) = ∫₀ᵀ β(s)(1 + 2h − 2a(s)) ds of Appendix B.4 with the exact strong-log-concavity
/// constant of p_s, a(s) = κ/(κ + (1 − κ)e^{−B_s}) (κ = 1/λ_max of the data): since
/// ∫₀ᵀ β a ds = log(1 + κ(e^{B_T} − 1)) (substitute b = B_s), in closed form
///   u_VP(T) = (1 + 2h) B_T − 2 log(1 + κ(e^{B_T} − 1)).
/// (For B_T > 1 the logarithm is evaluated as B_T + log(κ + (1 − κ)e^{−B_T}), free of overflow.)
inline double u_vp(double h, double B_T, double kappa) {
  const double log_int = B_T > 1.0 ? B_T + std::log(kappa + (1 - kappa) * std::exp(-B_T))
                                   : std::log1p(kappa * std::expm1(B_T));
  return (1 + 2 * h) * B_T - 2 * log_int;
}

/// The four panels of the figures of claustre_cor55_step and its corrected twin, which put the
/// exact KL(p_T ‖ N(0, I)) of VP(0.1 → 20) next to the printed or the corrected bound of the
/// proof's step (theory-notes C16, D-16): the horizon T (over `horizons`), the data variance λ
/// at four horizons, the dimension d over the presets and N(0, 0.01 I_d), and the data mean m.
/// `bound_name` names the dashed curve. The sampler plays no part (p_T, any scheme).
inline std::vector<Sweep> cor55_step_sweeps(const std::string& bound_name,
                                            const std::vector<double>& horizons) {
  std::vector<Sweep> out;
  const auto cfg = [](double T, GaussianData data) {
    return make_problem(make_vp(make_linear_schedule(0.1, 20, T)), std::move(data), T, 1,
                        Scheme::kContinuous);
  };
  auto sweep = [&](std::string series, std::string x_label, std::vector<double> xs, auto&& make) {
    Sweep s{std::move(series), std::move(x_label), true, {}, true, bound_name};
    for (double x : xs) s.points.emplace_back(x, make(x));
    out.push_back(std::move(s));
  };
  // Panel 1: horizon T (the original figure).
  const std::string t_label = "horizon T (VP beta 0.1 -> 20 on [0, T]; p_T, any scheme)";
  sweep("VP, data N(0,0.01)", t_label, horizons,
        [&](double T) { return cfg(T, gaussian_1d(0, 0.01)); });
  sweep("VP, data N(0,1e-4)", "", horizons, [&](double T) { return cfg(T, gaussian_1d(0, 1e-4)); });
  sweep("VP, data N(0.5,0.25)", "", horizons,
        [&](double T) { return cfg(T, gaussian_1d(0.5, 0.25)); });
  // Panel 2: the data variance lambda (1-D, mean 0), one series per T. To leading order in
  // x = e^{-B_T} the printed step fails when x (1 - lambda)^2 > 2 lambda (lambda = 1 is
  // left out: there p_T = N(0, 1) and the KL is 0).
  const std::vector<double> lams{1e-6, 1e-5, 1e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 3.0, 10.0};
  const std::string lam_label =
      "data variance lambda (1-D, mean 0; VP beta 0.1 -> 20 on [0, T]; p_T, any scheme)";
  for (double T : {0.2, 0.3, 0.5, 1.0})
    sweep(fmt::format("VP N(0,lambda), T={}", T), T == 0.2 ? lam_label : "", lams,
          [&](double lam) { return cfg(T, gaussian_1d(0, lam)); });
  // Panel 3: dimension d, T = 0.3 (e^{-B_T} = 0.049), the three presets (mean 1_d) and
  // N(0, 0.01 I_d).
  const std::vector<double> dims{1, 2, 5, 10, 20, 50};
  const std::string d_label = "dimension d (VP beta 0.1 -> 20, T = 0.3; p_T, any scheme)";
  for (const char* preset : {"isotropic", "heteroscedastic", "correlated"})
    sweep(fmt::format("VP {} preset, T=0.3", preset),
          std::string(preset) == "isotropic" ? d_label : "", dims, [&](double d) {
            return cfg(0.3, gaussian_preset(preset, static_cast<Eigen::Index>(d)));
          });
  sweep("VP N(0,0.01 I_d), T=0.3", "", dims, [&](double d) {
    const auto n = static_cast<Eigen::Index>(d);
    return cfg(0.3, GaussianData(Vec::Zero(n), 0.01 * Mat::Identity(n, n)));
  });
  // Panel 4: the data mean m (1-D): it enters both sides as 1/2 e^{-B_T} m^2, so it cancels
  // from the difference and the ratio tends to 1 as m grows.
  const std::vector<double> means{0.1, 0.3, 1.0, 3.0, 10.0};
  const std::string m_label = "data mean m (1-D; VP beta 0.1 -> 20 on [0, T]; p_T, any scheme)";
  sweep("VP N(m,0.001), T=0.3", m_label, means,
        [&](double m) { return cfg(0.3, gaussian_1d(m, 1e-3)); });
  sweep("VP N(m,0.1), T=0.3", "", means, [&](double m) { return cfg(0.3, gaussian_1d(m, 0.1)); });
  sweep("VP N(m,0.001), T=1", "", means, [&](double m) { return cfg(1.0, gaussian_1d(m, 1e-3)); });
  return out;
}

/// The three panels of the figures of claustre_cor510_step (`printed`) and its corrected twin,
/// which put u_VP(T) of Cor 5.10's proof (h → 0) next to the printed bound β_max(1 − 2min(κ,1))T
/// or the corrected one (theory-notes C18, D-18): the horizon T, the schedule's β_max (against
/// B_T) and the data variance λ = 1/κ. The dimension enters only through κ = 1/λ_max, so 1-D
/// data cover it; the sampler plays no part (continuous, N = 1).
inline std::vector<Sweep> cor510_step_sweeps(bool printed) {
  const std::string y_text = printed ? "y = u_VP(T), h -> 0" : "y = u_VP(T), h = 0";
  std::vector<Sweep> out;
  const auto config = [](double bmin, double bmax, double var, double T) {
    return make_problem(make_vp(make_linear_schedule(bmin, bmax, T)), gaussian_1d(0, var), T, 1,
                        Scheme::kContinuous);
  };
  // Panel 1: horizon T, VP(0.1, 20) rescaled to [0, T].
  auto sweep_T = [&](std::string series, std::string x_label, double var) {
    Sweep s{std::move(series), std::move(x_label), true, {}};
    for (double T : {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0})
      s.points.emplace_back(T, config(0.1, 20, var, T));
    out.push_back(std::move(s));
  };
  sweep_T("no sampler, N(0,0.5) (kappa=2)", "horizon T (VP beta 0.1 -> 20 on [0, T]); " + y_text,
          0.5);
  sweep_T("no sampler, N(0,1.5) (kappa=2/3)", "", 1.5);
  sweep_T("no sampler, N(0,0.01) (kappa=100) (bound shared)", "", 0.01);
  out.back().draw_bound = false;  // min(kappa, 1) = 1 as for kappa = 2: the same bound

  // Panel 2: the schedule, beta_max of a linear beta_min -> beta_max on [0, T]; beta_max =
  // beta_min is a constant beta, where beta_max T = B_T.
  auto sweep_beta = [&](std::string series, std::string x_label, double bmin, double var,
                        double T) {
    Sweep s{std::move(series), std::move(x_label), true, {}};
    for (double bmax : {0.1, 0.3, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0})
      if (bmax >= bmin) s.points.emplace_back(bmax, config(bmin, bmax, var, T));
    out.push_back(std::move(s));
  };
  sweep_beta(
      "no sampler, N(0,0.5) (kappa=2), beta_min=0.1",
      "beta_max of the VP schedule (linear beta_min -> beta_max on [0, 1], T = 1); " + y_text, 0.1,
      0.5, 1.0);
  sweep_beta("no sampler, N(0,1.5) (kappa=2/3), beta_min=0.1", "", 0.1, 1.5, 1.0);
  // The printed bound beta_max (1 - 2 min(kappa, 1)) T does not depend on beta_min; the
  // corrected one does (through B_T).
  sweep_beta(std::string("no sampler, N(0,0.5) (kappa=2), beta_min=1") +
                 (printed ? " (bound shared)" : ""),
             "", 1.0, 0.5, 1.0);
  out.back().draw_bound = !printed;
  sweep_beta("no sampler, N(0,0.01) (kappa=100), beta_min=0.1 (bound shared)", "", 0.1, 0.01, 1.0);
  out.back().draw_bound = false;  // the bound of the first series (min(kappa, 1) = 1)

  // Panel 3: the data variance lambda (kappa = 1/lambda; 1-D, mean 0). For the printed step
  // lambda >= 2 is kappa <= 1/2: the hypothesis fails (shown); the corrected step allows every
  // kappa > 0.
  const std::vector<double> variances =
      printed ? std::vector<double>{0.01, 0.03, 0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 1.9, 3.0}
              : std::vector<double>{0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 4.0, 10.0};
  auto sweep_var = [&](std::string series, std::string x_label, double bmin, double bmax,
                       double T) {
    Sweep s{std::move(series), std::move(x_label), true, {}};
    for (double var : variances) s.points.emplace_back(var, config(bmin, bmax, var, T));
    out.push_back(std::move(s));
  };
  sweep_var("no sampler, VP(0.1,20), T=0.5",
            "data variance lambda = 1/kappa (1-D data N(0, lambda)); " + y_text, 0.1, 20, 0.5);
  sweep_var("no sampler, VP(0.1,20), T=2", "", 0.1, 20, 2.0);
  sweep_var("no sampler, VP(1,5), T=1", "", 1.0, 5.0, 1.0);
  return out;
}

}  // namespace sb::theorems::claustre
