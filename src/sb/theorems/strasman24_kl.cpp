// Strasman et al. 2024 — KL bound for a score-based model with a noise schedule
// (theory-notes C12, D-12, D-14; test vector V16). Write-up: theory/strasman24_kl.md.
// Source: seed 003 (Strasman et al., noise-schedule slides), slide "KL upper bound with minimal
// hypothesis"; paper: S. Strasman, A. Ocello, C. Boyer, S. Le Corff, V. Lemaire, "An analysis of
// the noise schedule for score-based generative models", arXiv:2402.04650.
//
// Forward process (theory-notes A.1 #8): dX = −β(t)/(2σ²) X dt + √β(t) dB, π∞ = N(0, σ² I).
//   KL(π_data ‖ law of the output) ≤ KL(π_data ‖ π∞) e^{−B_T/σ²}
//                                   + Σ_k E_k ∫_{T−t_{k+1}}^{T−t_k} β(t) dt
//                                   + 2 h β(T) I(π_data | π∞),
// with B_T = ∫₀ᵀ β, E_k = E‖∇log p_{τ_k}(X_{τ_k}) − ŝ(τ_k, X_{τ_k})‖² under the forward marginal
// (τ_k = T − t_k), h the (largest) step and I the Fisher information of π_data relative to π∞.
//
// Scheme: the slide prints the exponential integrator with the plain score frozen (`ei`) and
// starts it at "p_T" (meaning π∞, theory-notes D-14). The exact numbers show the bound violated
// by `ei` and `em` — trivially when π_data = π∞, where the bound is 0 and both are biased — and
// holding for the exponential integrator of the renormalised score (`eir`), which is exact
// when π_data = π∞ (theory-notes B.2, D-12). The check runs on em, ei and eir and reports the
// verdict of the scheme it was given.
#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
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

class Strasman24Kl final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "strasman24_kl",
        .title = "Strasman et al. 2024 KL bound with a noise schedule",
        .source =
            "seed 003 (Strasman et al. 2024, noise-schedule slides), slide 'KL upper bound with "
            "minimal hypothesis'; Strasman, Ocello, Boyer, Le Corff, Lemaire, 'An analysis of "
            "the noise schedule for score-based generative models', arXiv:2402.04650",
        .statement =
            "Hyp: (i) beta continuous, positive, non-decreasing, int_0^inf beta = inf; (ii) "
            "Novikov's condition on the score error; (iii) I(pi_data|pi_inf) < inf. Then "
            "KL(pi_data || pi^(beta,theta)_{inf,N}) <= KL(pi_data||pi_inf) exp(-(1/sigma^2) "
            "int_0^T beta) + sum_k E_k int_{T-t_{k+1}}^{T-t_k} beta(t) dt + 2 h beta(T) "
            "I(pi_data|pi_inf), E_k = E||grad log p_{T-t_k}(X_{T-t_k}) - s_theta(T-t_k, "
            "X_{T-t_k})||^2",
        .convention =
            "forward dX = -beta(t)/(2 sigma^2) X dt + sqrt(beta(t)) dB, pi_inf = N(0, sigma^2 "
            "I); score error under the forward marginals; the slide prints the exponential "
            "integrator with the plain score frozen (ei) started at pi_inf; checked on em, ei "
            "and eir",
        .metric = "kl_data_model",
        .need = Need::kExactGaussianLaw};
  }

  bool applies(const Problem& cfg) const override {
    return s24::is_discretised(cfg.scheme) && s24::ou_setting(*cfg.process, cfg.T()).has_value();
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const s24::OuSetting ou = *s24::ou_setting(*cfg.process, cfg.T());
    const Schedule& beta = *ou.beta;
    const GaussianData& data = cfg.gaussian();
    const double T = cfg.T(), v = ou.v, h = cfg.grid.max_step();
    const double kl0 = s24::kl_to_stationary(data, v);
    const double fisher = s24::fisher_to_stationary(data, v);
    const GaussianScore score(cfg.process, data, cfg.score_error);
    double approx = 0.0;
    for (int k = 0; k < cfg.grid.steps(); ++k)
      approx += score.l2_error_sq(cfg.grid.tau(k)).value *
                beta.integral(cfg.grid.tau(k + 1), cfg.grid.tau(k));

    BoundReport r = info().report(cfg);
    r.terms = {
        {"mixing", kl0 * std::exp(-beta.integral(T) / v),
         "KL(pi_data||pi_inf) e^{-B_T/sigma^2}: initialisation"},
        {"approximation", approx,
         "sum_k E_k int_{tau_{k+1}}^{tau_k} beta: score error under the forward marginals"},
        {"discretisation", 2.0 * h * beta.beta(T) * fisher,
         "2 h beta(T) I(pi_data|pi_inf), h = max step"},
    };
    r.total = r.terms[0].value + r.terms[1].value + r.terms[2].value;
    r.exact = out.metric(Metric::kKlDataModel);
    // KL-type exact side: the absolute allowance of kl_check_tolerance (relative 64 eps (N + d)
    // plus a d rel^2 floor for the case where both sides vanish, e.g. eir on pi_data = pi_inf).
    r.tolerance = kl_check_tolerance(cfg.grid.steps(), data.dim(), r.exact.value, r.total);
    r.hypotheses = {
        {"(i) beta continuous, positive and non-decreasing on [0, T]",
         beta.non_decreasing() && beta.inf(0.0, T) > 0,
         fmt::format("{}; beta(0) = {}, beta(T) = {}", beta.describe(), beta.beta(0.0),
                     beta.beta(T))},
        {"(iii) finite relative Fisher information I(pi_data|pi_inf)", std::isfinite(fisher),
         fmt::format("I = {}", fisher)},
        {"the sampler starts from pi_inf = N(0, sigma^2 I)", cfg.init == Init::kReference,
         fmt::format("init = {}, sigma^2 = {}", to_string(cfg.init), v)},
    };
    r.decide();
    r.convention =
        cfg.scheme == kEi
            ? "ei is the scheme printed in seed 003 (plain score frozen); theory-notes D-12 "
              "finds the bound violated by it"
            : (cfg.scheme == kEir
                   ? "eir (renormalised score frozen): the scheme under which the bound holds "
                     "on every instance (theory-notes C12)"
                   : "em is not seed 003's scheme; checked as a comparison (theory-notes D-12: "
                     "violated when pi_data = pi_inf)");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Verdict;
    // theory-notes V16 / D-12: beta = 1, sigma^2 = 1, T = 2, N = 20, pi_data = pi_inf.
    const ProcessPtr v16 = make_ou_schedule(make_constant_schedule(1.0), 1.0);
    // pi_data = pi_inf in d = 5 with sigma^2 = 4 and the seed-003 exponential schedule.
    const ProcessPtr exp4 = make_ou_schedule(make_exponential_schedule(2.0, 0.1, 20, 1), 4.0);
    const GaussianData pi_inf5(Vec::Zero(5), 4.0 * Mat::Identity(5, 5));
    const ProcessPtr expm5 = make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 0.5), 1.0);
    const ProcessPtr beta5 = make_ou_schedule(make_constant_schedule(5.0), 0.25);
    const ProcessPtr exp1 = make_ou_schedule(make_exponential_schedule(1.0, 0.1, 20, 1), 1.0);
    const ScoreError err{.delta = 0.1, .eps = 0.3, .direction = {}};
    return instance_table({
        {"V16 beta=1 sigma2=1 data=pi_inf T=2 N=20 ei", v16, gaussian_1d(0, 1), 2, 20, kEi,
         kViolated},
        {"V16 beta=1 sigma2=1 data=pi_inf T=2 N=20 em", v16, gaussian_1d(0, 1), 2, 20, kEm,
         kViolated},
        {"V16 beta=1 sigma2=1 data=pi_inf T=2 N=20 eir", v16, gaussian_1d(0, 1), 2, 20, kEir},
        {"d=5 data=pi_inf sigma2=4 exp a=2 T=1 N=50 em", exp4, pi_inf5, 1, 50, kEm, kViolated},
        {"d=5 data=pi_inf sigma2=4 exp a=2 T=1 N=50 ei", exp4, pi_inf5, 1, 50, kEi, kViolated},
        {"d=5 data=pi_inf sigma2=4 exp a=2 T=1 N=50 eir", exp4, pi_inf5, 1, 50, kEir},
        // Data near, but not equal to, pi_inf: ei and em still violate the bound at N = 100.
        {"N(0,1.01) sigma2=1 exp a=-5 T=0.5 N=100 em", expm5, gaussian_1d(0, 1.01), 0.5, 100, kEm,
         kViolated},
        {"N(0,1.01) sigma2=1 exp a=-5 T=0.5 N=100 ei", expm5, gaussian_1d(0, 1.01), 0.5, 100, kEi,
         kViolated},
        {"N(0,1.01) sigma2=1 exp a=-5 T=0.5 N=100 eir", expm5, gaussian_1d(0, 1.01), 0.5, 100,
         kEir},
        // Far from pi_inf on a coarse grid: ei overshoots (its frozen plain score is stiff).
        {"N(0,0.125) sigma2=0.25 beta=5 T=1 N=5 ei", beta5, gaussian_1d(0, 0.125), 1, 5, kEi,
         kViolated},
        {"N(0,0.125) sigma2=0.25 beta=5 T=1 N=5 eir", beta5, gaussian_1d(0, 0.125), 1, 5, kEir},
        // Data away from pi_inf: the seed's d = 50 correlated preset.
        {"correlated d=50 exp a=1 T=1 N=50 em", exp1, gaussian_preset("correlated", 50), 1, 50,
         kEm},
        {"correlated d=50 exp a=1 T=1 N=50 ei", exp1, gaussian_preset("correlated", 50), 1, 50,
         kEi},
        {"correlated d=50 exp a=1 T=1 N=50 eir", exp1, gaussian_preset("correlated", 50), 1, 50,
         kEir},
        // eir across data, sigma^2, schedules, steps and score errors.
        {"N(2,0.1) sigma2=0.25 linear 0.1->20 T=1 N=20 eir eps=0.3 delta=0.1",
         make_ou_schedule(make_linear_schedule(0.1, 20, 1), 0.25), gaussian_1d(2, 0.1), 1, 20, kEir,
         kHolds, err},
        {"N(-1,30) sigma2=4 exp a=-5 T=2 N=200 eir eps=0.3 delta=0.1",
         make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 2), 4.0), gaussian_1d(-1, 30), 2,
         200, kEir, kHolds, err},
        {"heteroscedastic d=10 vp linear 0.1->20 T=1 N=5 eir",
         make_vp(make_linear_schedule(0.1, 20, 1)), gaussian_preset("heteroscedastic", 10), 1, 5,
         kEir},
        // Hypotheses that fail: a decreasing schedule, and a start at p_T.
        {"decreasing linear 5->1 N(1,2) T=1 N=20 eir",
         make_ou_schedule(make_linear_schedule(5, 1, 1), 1.0), gaussian_1d(1, 2), 1, 20, kEir,
         kHypothesesFail},
        {"N(1,2) beta=1 T=2 N=20 eir init=p_T", v16, gaussian_1d(1, 2), 2, 20, kEir,
         kHypothesesFail, ScoreError{}, Init::kPT},
    });
  }

  std::vector<Sweep> sweeps() const override {
    // The bound depends on N (h), T, the schedule, σ², the score errors ε and δ (through E_k,
    // under the forward marginals: the same for every scheme) and the data. With the same
    // score error the bound does not depend on the scheme, so in each panel it is drawn once
    // (the repeats say "bound shared"). Panels: N on a data set away from π∞ and on one next
    // to it (where ei and em violate the bound, theory-notes D-12), ε next to π∞, and d for
    // the presets of seed 003. The schedule parameter a is swept at d = 50 by
    // experiments/noise_schedule_study.cpp.
    const ProcessPtr exp2 = make_ou_schedule(make_exponential_schedule(2.0, 0.1, 20, 1), 1.0);
    const ProcessPtr expm5 = make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 1), 1.0);
    const ProcessPtr exp1 = make_ou_schedule(make_exponential_schedule(1.0, 0.1, 20, 1), 1.0);
    const GaussianData near = gaussian_1d(0, 1.01);
    std::vector<Sweep> out;
    // Panels 1 and 2: against N, exact score.
    const auto by_n = [&](const ProcessPtr& p, const GaussianData& data, const std::string& label,
                          const std::string& x_label) {
      s24::add_scheme_series(out, {kEm, kEi, kEir}, label + ", T=1", x_label,
                             {5, 10, 20, 50, 100, 200, 500, 1000},
                             [&](Scheme s, int N) { return s24::at(p, data, N, s); });
    };
    by_n(exp2, gaussian_1d(1.0, 0.5), "N(1,0.5), a=2",
         "number of steps N  (data N(1, 0.5), beta_a with a = 2: 0.1 -> 20, T = 1, sigma^2 = 1, "
         "exact score)");
    by_n(expm5, near, "N(0,1.01), a=-5",
         "number of steps N  (data N(0, 1.01) next to pi_inf, beta_a with a = -5, T = 1, "
         "sigma^2 = 1, exact score)");
    // Panel 3: against the additive score error ε next to π∞ (N = 100): the approximation
    // term ε² B_T takes over the O(h) bias of ei and em; with δ = 0.1 as well for eir.
    const std::initializer_list<double> eps = {1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3, 1.0};
    const auto with_delta = [&](double delta) {
      return [&, delta](Scheme s, double e) {
        return s24::at(expm5, near, 100, s, {.delta = delta, .eps = e, .direction = {}});
      };
    };
    s24::add_scheme_series(out, {kEm, kEi, kEir}, "N(0,1.01), a=-5, N=100, delta=0",
                           "additive score error eps  (data N(0, 1.01), beta_a with a = -5, "
                           "T = 1, sigma^2 = 1, N = 100)",
                           eps, with_delta(0.0));
    s24::add_scheme_series(out, {kEir}, "N(0,1.01), a=-5, N=100, delta=0.1", "", eps,
                           with_delta(0.1));
    // Panel 4: against d for the presets of seed 003 (eir, the scheme under which the bound
    // holds) and the printed ei on the correlated preset.
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep sw{fmt::format("eir, {} preset, a=1, N=50", preset),
               "dimension d  (presets of seed 003, mean 1_d, beta_a with a = 1, T = 1, "
               "sigma^2 = 1, N = 50, exact score)",
               true,
               {}};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
        sw.points.emplace_back(d, s24::at(exp1, gaussian_preset(preset, d), 50, kEir));
      out.push_back(std::move(sw));
    }
    Sweep sw{
        "ei (printed), correlated preset, a=1, N=50 (bound shared with eir)", "", true, {}, false};
    for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
      sw.points.emplace_back(d, s24::at(exp1, gaussian_preset("correlated", d), 50, kEi));
    out.push_back(std::move(sw));
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Strasman24Kl)
}
