// Strasman et al. 2024 — refined W2 bound, under two readings of its constants, one class
// registered twice (theory-notes C13, D-13, D-13b; test vector V17):
//   strasman24_w2_literal       C_t, L_t, M read literally as those of π_t
//                               (write-up: theory/strasman24_w2_literal.md);
//   strasman24_w2_renormalised  C_t, L_t, M read as those of π_t/π∞
//                               (write-up: theory/strasman24_w2_renormalised.md).
// Source: seed 003 (Strasman et al., noise-schedule slides), slide "Refined Wasserstein bound";
// paper: S. Strasman, A. Ocello, C. Boyer, S. Le Corff, V. Lemaire, "An analysis of the noise
// schedule for score-based generative models", arXiv:2402.04650.
//
// Forward process (theory-notes A.1 #8): dX = −β(t)/(2σ²) X dt + √β(t) dB, π∞ = N(0, σ² I).
// If (i) π_t is C_t-strongly log-concave, (ii) ∇log π_t is L_t-Lipschitz and (iii) ∇log π_t has
// linear growth ‖∇log π_t(x)‖ ≤ M(1 + ‖x‖), then
//   W2(π_data, output) ≤ W2(π_data, π∞) exp(−∫₀ᵀ β(t)/σ² (1 + C_t σ²) dt)
//     + Σ_k (∫_{t_k}^{t_{k+1}} L̄_t β̄(t) dt)
//           × (√(2hβ(T))/σ + hβ(T)/(2σ²) + 2∫_{t_k}^{t_{k+1}} L̄_t β̄(t) dt) B
//     + E^β T β(T) + M h T β(T)(1 + 2B),
// B = (E‖X₀‖² + σ² d)^{1/2}, L̄_t = L_{T−t}, β̄(t) = β(T − t), E^β = sup_k of the L² score
// error under the sampler's law. For π_t = N(μ_t, Σ_t):
//  * literally: C_t = 1/λ_max(Σ_t), L_t = 1/λ_min(Σ_t), M = sup_t max(‖Σ_t⁻¹‖, ‖Σ_t⁻¹μ_t‖);
//  * renormalised, from π̃_t = π_t/π∞ (∇log π̃_t(x) = (I/σ² − Σ_t⁻¹)x + Σ_t⁻¹μ_t):
//    C_t = 1/λ_max(Σ_t) − 1/σ² (smallest eigenvalue of −∇²log π̃_t; may be negative),
//    L_t = max_j |1/σ² − 1/λ_j(Σ_t)|, M = sup_t max(‖I/σ² − Σ_t⁻¹‖, ‖Σ_t⁻¹μ_t‖),
//    E^β unchanged (∇log π̃ − s̃ = ∇log π − s).
// Integrals of L_t β and β C_t by adaptive Gauss–Kronrod (relative 1e-13; error estimates added
// to the tolerance); M's sup over t by sampling plus Brent refinement (strasman24.hpp).
//
// Verdicts. Literal: violated (theory-notes D-13): the mixing factor e^{−∫β(1/σ² + C_t)}
// decays twice as fast as the exact mixing error for data with covariance σ² I. Renormalised:
// the mixing factor is exp(−∫β/λ_max(Σ_t)), the exact decay of the exact-score mixing error
// (for data N(m, σ²) the mixing term equals |m| e^{−B_T/σ²}, the continuous-time W2; D-13b).
// Scheme: the slide prints the exponential integrator with the plain score frozen (ei); em and
// eir are checked as well. When π_data = π∞ every renormalised term vanishes (W2(π_data, π∞) = 0,
// L_t = 0, M = 0) while ei and em are biased (theory-notes B.2), so — as for the KL bound,
// theory-notes D-12 — the renormalised reading holds for those schemes only when the data are
// away from π∞; eir is exact there.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/theorems/strasman24.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace s24 = strasman24;
using s24::kEi, s24::kEir, s24::kEm;

class Strasman24W2 final : public TheoremCheck {
 public:
  explicit Strasman24W2(s24::Reading reading) : reading_(reading) {}

  TheoremInfo info() const override {
    return {
        .id = literal() ? "strasman24_w2_literal" : "strasman24_w2_renormalised",
        .title =
            literal()
                ? "Strasman et al. 2024 refined W2 bound, C_t, L_t, M of pi_t (literal reading)"
                : "Strasman et al. 2024 refined W2 bound, C_t, L_t, M of pi_t/pi_inf",
        .source =
            "seed 003 (Strasman et al. 2024, noise-schedule slides), slide 'Refined Wasserstein "
            "bound'; Strasman, Ocello, Boyer, Le Corff, Lemaire, 'An analysis of the noise "
            "schedule for score-based generative models', arXiv:2402.04650",
        .statement =
            "Hyp: (i) pi_t is C_t-strongly log-concave through diffusion; (ii) grad log pi_t is "
            "L_t-smooth; (iii) grad log pi_t is of linear growth of at most M. Then "
            "W2(pi_data, pi^(beta,theta)_{inf,N}) <= W2(pi_data, pi_inf) exp(-int_0^T "
            "beta(t)/sigma^2 (1 + C_t sigma^2) dt) + sum_k (int_{t_k}^{t_{k+1}} L_bar_t "
            "beta_bar(t) dt)(sqrt(2 h beta(T))/sigma + h beta(T)/(2 sigma^2) + "
            "int_{t_k}^{t_{k+1}} 2 L_bar_t beta_bar(t) dt) B + E^beta T beta(T) + M h T beta(T) "
            "(1 + 2B), B = (E||X_0||^2 + sigma^2 d)^{1/2}, E^beta = sup_k ||grad log "
            "pi_{T-t_k}(X_bar_{t_k}) - s_theta(T-t_k, X_bar_{t_k})||_{L2}",
        .convention =
            std::string("forward dX = -beta(t)/(2 sigma^2) X dt + sqrt(beta(t)) dB, pi_inf = "
                        "N(0, sigma^2 I); ") +
            (literal() ? "C_t, L_t, M read as the constants of pi_t itself; L_bar_t = L_{T-t}; "
                         "printed scheme ei, started at pi_inf; checked on em, ei and eir"
                       : "C_t, L_t, M read as the constants of pi_t/pi_inf (C_t may be "
                         "negative); L_bar_t = L_{T-t}; printed scheme ei, started at pi_inf; "
                         "checked on em, ei, eir"),
        .metric = "w2",
        .need = Need::kExactGaussianLaw};
  }

  bool applies(const Problem& cfg) const override {
    return s24::is_discretised(cfg.scheme) && s24::ou_setting(*cfg.process, cfg.T()).has_value();
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const s24::OuSetting ou = *s24::ou_setting(*cfg.process, cfg.T());
    const s24::W2Bound b = s24::w2_bound(cfg, ou, reading_);
    const Schedule& beta = *ou.beta;
    const std::string of = literal() ? "pi_t" : "pi_t/pi_inf";
    BoundReport r = info().report(cfg);
    r.terms = {
        {"mixing", b.mixing,
         fmt::format("W2(pi_data, pi_inf) exp(-int_0^T beta/sigma^2 (1 + C_t sigma^2)) = {} e^-{}",
                     b.w2_init, b.exponent)},
        {"discretisation", b.discretisation,
         fmt::format("sum_k (int L_bar beta_bar)(sqrt(2 h beta(T))/sigma + h beta(T)/(2 sigma^2) "
                     "+ 2 int L_bar beta_bar) B, L_t of {}, B = {}",
                     of, b.B)},
        {"score", b.score,
         fmt::format("E^beta T beta(T), E^beta = {} (L2 under the sampler's law)", b.E_beta)},
        {"growth", b.growth,
         fmt::format("M h T beta(T)(1 + 2B), M = {} (linear growth of grad log {})", b.M, of)},
    };
    r.total = b.total;
    r.exact = out.metric(Metric::kW2);
    // W2 is not KL-like: exact_metric_rel_tol(N, d) relative to the larger side, plus the same
    // relative error on the scale B = (E|X0|^2 + sigma^2 d)^{1/2} of the laws (covers both sides
    // vanishing, e.g. eir on pi_data = pi_inf), plus the quadrature error estimates.
    const double rel = exact_metric_rel_tol(cfg.grid.steps(), cfg.gaussian().dim());
    r.tolerance =
        rel * (std::max(std::abs(r.exact.value), std::abs(r.total)) + b.B) + b.quadrature_error;
    const double T = cfg.T();
    r.hypotheses = {
        {literal() ? "(i) pi_t is C_t-strongly log-concave, C_t = 1/lambda_max(Sigma_t) > 0"
                   : "(i) pi_t/pi_inf is C_t-strongly log-concave, C_t = 1/lambda_max(Sigma_t) - "
                     "1/sigma^2 (any sign)",
         literal() ? b.C_min > 0 : std::isfinite(b.C_min), fmt::format("inf_t C_t = {}", b.C_min)},
        {"(ii) grad log " + of + " is L_t-Lipschitz", std::isfinite(b.L_sup),
         fmt::format("sup_t L_t = {}", b.L_sup)},
        {"(iii) grad log " + of + " has linear growth M(1 + |x|)", std::isfinite(b.M),
         fmt::format("M = {}", b.M)},
        {"beta continuous, positive, non-decreasing (the paper's standing assumption; the bound "
         "uses beta(T) = sup beta)",
         beta.non_decreasing() && beta.inf(0.0, T) > 0,
         fmt::format("{}; beta(0) = {}, beta(T) = {}", beta.describe(), beta.beta(0.0), b.beta_T)},
        {"the sampler starts from pi_inf = N(0, sigma^2 I)", cfg.init == Init::kReference,
         fmt::format("init = {}, sigma^2 = {}", to_string(cfg.init), ou.v)},
    };
    r.decide();
    const std::string reading_text =
        literal() ? "C_t, L_t, M read as constants of pi_t (literal)"
                  : "C_t, L_t, M read as constants of pi_t/pi_inf (renormalised)";
    r.convention =
        reading_text + "; " +
        (cfg.scheme == kEi ? "ei is the scheme printed in seed 003"
                           : r.scheme + " is not the printed scheme (ei); checked as a comparison");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Verdict;
    // theory-notes V17 / D-13, D-13b: beta = 2, sigma^2 = 1, data N(10, 1), T = 1, N = 10^4.
    const ProcessPtr v17 = make_ou_schedule(make_constant_schedule(2.0), 1.0);
    const ProcessPtr beta1 = make_ou_schedule(make_constant_schedule(1.0), 1.0);
    const ProcessPtr linear4 = make_ou_schedule(make_linear_schedule(0.1, 20, 1), 4.0);
    const ProcessPtr exp1 = make_ou_schedule(make_exponential_schedule(1.0, 0.1, 20, 1), 1.0);
    const ProcessPtr decreasing = make_ou_schedule(make_linear_schedule(5, 1, 1), 1.0);
    const ScoreError err{.delta = 0.02, .eps = 0.05, .direction = {}};
    if (literal())
      return instance_table({
          {"V17 beta=2 N(10,1) T=1 N=10000 ei", v17, gaussian_1d(10, 1), 1, 10000, kEi, kViolated},
          {"V17 beta=2 N(10,1) T=1 N=10000 em", v17, gaussian_1d(10, 1), 1, 10000, kEm, kViolated},
          {"V17 beta=2 N(10,1) T=1 N=10000 eir", v17, gaussian_1d(10, 1), 1, 10000, kEir,
           kViolated},
          {"N(10,1) beta=2 T=2 N=1000 ei", v17, gaussian_1d(10, 1), 2, 1000, kEi},
          // Data covariance 10 sigma^2: violated by every scheme at N = 100.
          {"N(1,10) beta=1 T=1 N=100 ei", beta1, gaussian_1d(1, 10), 1, 100, kEi, kViolated},
          {"N(1,10) beta=1 T=1 N=100 eir", beta1, gaussian_1d(1, 10), 1, 100, kEir, kViolated},
          {"N(3,0.5) sigma2=4 linear 0.1->20 T=1 N=100 ei", linear4, gaussian_1d(3, 0.5), 1, 100,
           kEi},
          {"correlated d=50 exp a=1 T=1 N=100 ei", exp1, gaussian_preset("correlated", 50), 1, 100,
           kEi},
          // The seed's own `correlated` preset (seed 003's experiments) breaks the literal bound
          // with a constant schedule, for the printed EI and for EIR alike (exact 1.519 > bound
          // 1.077 for ei): the failure is not confined to far-from-stationary 1-D data (V17).
          {"correlated d=5 beta=1 T=1 N=1000 ei", beta1, gaussian_preset("correlated", 5), 1, 1000,
           kEi, kViolated},
          {"correlated d=5 beta=1 T=1 N=1000 eir", beta1, gaussian_preset("correlated", 5), 1, 1000,
           kEir, kViolated},
          {"N(10,1) beta=2 T=1 N=2000 eir eps=0.05 delta=0.02", v17, gaussian_1d(10, 1), 1, 2000,
           kEir, kHolds, err},
          {"decreasing linear 5->1 N(1,2) T=1 N=20 ei", decreasing, gaussian_1d(1, 2), 1, 20, kEi,
           kHypothesesFail},
          {"N(10,1) beta=2 T=1 N=1000 ei init=p_T", v17, gaussian_1d(10, 1), 1, 1000, kEi,
           kHypothesesFail, ScoreError{}, Init::kPT},
      });
    // pi_data = pi_inf (theory-notes V16's instance), where the bound is 0, and data near, but
    // not equal to, pi_inf: ei and em still violate the bound at N = 100.
    const ProcessPtr expm5 = make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 1), 1.0);
    const ProcessPtr expm3 = make_ou_schedule(make_exponential_schedule(-3.0, 0.1, 20, 2), 0.5);
    return instance_table({
        {"V17 beta=2 N(10,1) T=1 N=10000 ei", v17, gaussian_1d(10, 1), 1, 10000, kEi},
        {"V17 beta=2 N(10,1) T=1 N=10000 em", v17, gaussian_1d(10, 1), 1, 10000, kEm},
        {"V17 beta=2 N(10,1) T=1 N=10000 eir", v17, gaussian_1d(10, 1), 1, 10000, kEir},
        {"V16 beta=1 data=pi_inf T=2 N=20 ei", beta1, gaussian_1d(0, 1), 2, 20, kEi, kViolated},
        {"V16 beta=1 data=pi_inf T=2 N=20 em", beta1, gaussian_1d(0, 1), 2, 20, kEm, kViolated},
        {"V16 beta=1 data=pi_inf T=2 N=20 eir", beta1, gaussian_1d(0, 1), 2, 20, kEir},
        {"N(0.01,1) sigma2=1 exp a=-5 T=1 N=100 em", expm5, gaussian_1d(0.01, 1), 1, 100, kEm,
         kViolated},
        {"N(0.01,1) sigma2=1 exp a=-5 T=1 N=100 ei", expm5, gaussian_1d(0.01, 1), 1, 100, kEi,
         kViolated},
        {"N(0.01,1) sigma2=1 exp a=-5 T=1 N=100 eir", expm5, gaussian_1d(0.01, 1), 1, 100, kEir},
        {"N(3,0.5) sigma2=4 linear 0.1->20 T=1 N=100 ei", linear4, gaussian_1d(3, 0.5), 1, 100,
         kEi},
        {"correlated d=50 exp a=1 T=1 N=100 ei", exp1, gaussian_preset("correlated", 50), 1, 100,
         kEi},
        {"N(10,1) beta=2 T=1 N=2000 eir eps=0.05 delta=0.02", v17, gaussian_1d(10, 1), 1, 2000,
         kEir, kHolds, err},
        {"N(-2,9) sigma2=0.5 exp a=-3 T=2 N=400 eir", expm3, gaussian_1d(-2, 9), 2, 400, kEir},
        {"decreasing linear 5->1 N(1,2) T=1 N=20 ei", decreasing, gaussian_1d(1, 2), 1, 20, kEi,
         kHypothesesFail},
        {"N(10,1) beta=2 T=1 N=1000 ei init=p_T", v17, gaussian_1d(10, 1), 1, 1000, kEi,
         kHypothesesFail, ScoreError{}, Init::kPT},
    });
  }

  std::vector<Sweep> sweeps() const override {
    // The bound depends on N (h), T, the schedule, σ², the score error through E^β (under the
    // sampler's law: scheme-independent when δ = 0, E^β = ε) and the data. With δ = 0 the
    // bound is the same curve for every scheme and is drawn once per panel (the repeats say
    // "bound shared"). Panels: N on V17's instance and on a second data set, ε, and d for the
    // presets of seed 003 at β ≡ 1. Literal: the second data set is N(1, 10) (the mixing term
    // falls below the exact error as N grows, theory-notes D-13) and ε is swept on V17's
    // instance at N = 10⁴. Renormalised: on V17's instance the bound tends to the exact
    // continuous-time W2 from above; the second data set is N(0.01, 1) next to π∞ (ei and em
    // exceed the bound), and ε is swept there. The schedule parameter a is swept at d = 50 by
    // experiments/noise_schedule_study.cpp.
    const ProcessPtr beta2 = make_ou_schedule(make_constant_schedule(2.0), 1.0);
    const ProcessPtr beta1 = make_ou_schedule(make_constant_schedule(1.0), 1.0);
    const GaussianData v17 = gaussian_1d(10.0, 1.0);
    // How the constants are read, at the end of an x label: in every panel of the literal
    // figure, in panel 1 only of the renormalised one.
    const std::string constants =
        literal() ? "; C_t, L_t, M of pi_t)" : "; C_t, L_t, M of pi_t/pi_inf)";
    std::vector<Sweep> out;
    // Panels 1 and 2: against N, exact score.
    const auto by_n = [&](const ProcessPtr& p, const GaussianData& data, const std::string& label,
                          const std::string& x_label) {
      s24::add_scheme_series(out, {kEi, kEm, kEir}, label + ", T=1", x_label,
                             {10, 30, 100, 300, 1000, 3000, 10000, 30000},
                             [&](Scheme s, int N) { return s24::at(p, data, N, s); });
    };
    by_n(
        beta2, v17, "V17: N(10,1), beta=2",
        "number of steps N  (V17: N(10, 1), beta = 2, T = 1, sigma^2 = 1, exact score" + constants);
    if (literal()) {
      by_n(beta1, gaussian_1d(1.0, 10.0), "N(1,10), beta=1",
           "number of steps N  (data N(1, 10), beta = 1, T = 1, sigma^2 = 1, exact score" +
               constants);
      // Panel 3: against the additive score error ε e on V17's instance at N = 10⁴: the score
      // term E^β T β(T) = 2ε lifts the bound above the exact error once ε ≳ 1. With e = −e₁
      // the error adds to the mixing bias (the output mean is below 10); with e = +e₁ it
      // cancels it (the exact W2 dips at ε ≈ 1), an artefact of the direction, shown once.
      const std::string x_label =
          "additive score error eps  (V17: N(10, 1), beta = 2, T = 1, sigma^2 = 1, N = 10^4" +
          constants;
      const std::initializer_list<double> eps = {1e-3, 0.01, 0.1, 0.3, 0.5, 1.0, 2.0, 3.0};
      const auto along = [&](double dir) {
        return [&, dir](Scheme s, double e) {
          return s24::at(beta2, v17, 10000, s, {.eps = e, .direction = Vec::Constant(1, dir)});
        };
      };
      s24::add_scheme_series(out, {kEi, kEm, kEir},
                             "V17: N(10,1), beta=2, N=10^4, e = -e_1, delta=0", x_label, eps,
                             along(-1.0));
      s24::add_scheme_series(out, {kEi}, "V17: N(10,1), beta=2, N=10^4, e = +e_1, delta=0", x_label,
                             eps, along(1.0), /*bound_drawn=*/true);
    } else {
      const ProcessPtr expm5 = make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 1), 1.0);
      const GaussianData near = gaussian_1d(0.01, 1.0);
      by_n(expm5, near, "N(0.01,1), a=-5",
           "number of steps N  (data N(0.01, 1) next to pi_inf, beta_a with a = -5, T = 1, "
           "sigma^2 = 1, exact score)");
      // Panel 3: against the additive score error ε next to π∞ (N = 100): the score term
      // E^β T β(T) = 20ε takes over the O(h) bias of ei and em; eir with δ = 0.05 as well (its
      // E^β is then measured under the sampler's law).
      const std::initializer_list<double> eps = {1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.1};
      const auto with_delta = [&](double delta) {
        return [&, delta](Scheme s, double e) {
          return s24::at(expm5, near, 100, s, {.delta = delta, .eps = e, .direction = {}});
        };
      };
      s24::add_scheme_series(out, {kEi, kEm, kEir}, "N(0.01,1), a=-5, N=100, delta=0",
                             "additive score error eps  (data N(0.01, 1), beta_a with a = -5, "
                             "T = 1, sigma^2 = 1, N = 100)",
                             eps, with_delta(0.0));
      s24::add_scheme_series(out, {kEir}, "N(0.01,1), a=-5, N=100, delta=0.05", "", eps,
                             with_delta(0.05));
    }
    // Panel 4: against d for the presets of seed 003 (β ≡ 1, N = 1000: the mixing term matters;
    // renormalised: it dominates and is exact): printed ei on each preset, and eir on the
    // correlated one.
    const std::string d_label =
        "dimension d  (seed-003 presets, beta = 1, T = 1, sigma^2 = 1, N = 1000, exact score" +
        (literal() ? constants : ")");
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep sw{fmt::format("ei (printed), {} preset, beta=1, N=1000", preset), d_label, true, {}};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
        sw.points.emplace_back(d, s24::at(beta1, gaussian_preset(preset, d), 1000, kEi));
      out.push_back(std::move(sw));
    }
    Sweep sw{"eir, correlated preset, beta=1, N=1000 (bound shared with ei)", "", true, {}, false};
    for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
      sw.points.emplace_back(d, s24::at(beta1, gaussian_preset("correlated", d), 1000, kEir));
    out.push_back(std::move(sw));
    return out;
  }

 private:
  bool literal() const { return reading_ == s24::Reading::kLiteral; }

  s24::Reading reading_;
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Strasman24W2, strasman24::Reading::kLiteral)
SB_REGISTER_THEOREM(Strasman24W2, strasman24::Reading::kRenormalised)
}  // namespace sb::theorems
