// Strasman et al. 2024 — refined W2 bound, constants read as those of π_t/π∞
// (theory-notes C13, D-13b). Write-up: theory/strasman24_w2_renormalised.md.
// Source: seed 003 (Strasman et al., noise-schedule slides), slide "Refined Wasserstein bound";
// paper: S. Strasman, A. Ocello, C. Boyer, S. Le Corff, V. Lemaire, "An analysis of the noise
// schedule for score-based generative models", arXiv:2402.04650.
//
// The bound of strasman24_w2_literal (see that file for the formula) with its constants taken
// from the renormalised density π̃_t = π_t/π∞, π∞ = N(0, σ² I), π_t = N(μ_t, Σ_t):
//   C_t = 1/λ_max(Σ_t) − 1/σ²  (smallest eigenvalue of −∇²log π̃_t; may be negative),
//   L_t = max_j |1/σ² − 1/λ_j(Σ_t)|  (Lipschitz constant of ∇log π̃_t),
//   M   = sup_t max(‖I/σ² − Σ_t⁻¹‖, ‖Σ_t⁻¹μ_t‖)  (∇log π̃_t(x) = (I/σ² − Σ_t⁻¹)x + Σ_t⁻¹μ_t),
// E^β unchanged (∇log π̃ − s̃ = ∇log π − s). The mixing factor is then exp(−∫β/λ_max(Σ_t)),
// the exact decay of the exact-score mixing error: for data N(m, σ²) the mixing term equals
// |m| e^{−B_T/σ²}, the continuous-time W2 (theory-notes C13, D-13b).
//
// Scheme: the slide prints ei; em and eir are checked as well. When π_data = π∞ every term
// vanishes (W2(π_data, π∞) = 0, L_t = 0, M = 0) while ei and em are biased (theory-notes B.2),
// so — as for the KL bound, theory-notes D-12 — the renormalised reading holds for those schemes
// only when the data are away from π∞; eir is exact there.
#include <fmt/format.h>

#include <tuple>
#include <utility>
#include <vector>

#include "sb/theorems/strasman24.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace s24 = strasman24;

class Strasman24W2Renormalised final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "strasman24_w2_renormalised",
        .title = "Strasman et al. 2024 refined W2 bound, C_t, L_t, M of pi_t/pi_inf",
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
            "forward dX = -beta(t)/(2 sigma^2) X dt + sqrt(beta(t)) dB, pi_inf = N(0, sigma^2 "
            "I); C_t, L_t, M read as the constants of pi_t/pi_inf (C_t may be negative); "
            "L_bar_t = L_{T-t}; printed scheme ei, started at pi_inf; checked on em, ei, eir",
        .metric = "w2",
        .need = Need::kExactGaussianLaw};
  }

  bool applies(const Problem& cfg) const override {
    return s24::is_discretised(cfg.scheme) && s24::ou_setting(*cfg.process, cfg.T()).has_value();
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    return s24::w2_report(info(), cfg, out, s24::Reading::kRenormalised);
  }

  std::vector<Instance> instances() const override {
    std::vector<Instance> out;
    auto add = [&](std::string name, ProcessPtr p, GaussianData data, double T, int N, Scheme s,
                   Verdict v, ScoreError err = {}, Init init = Init::kReference) {
      Problem cfg = make_problem(std::move(p), std::move(data), T, N, s, std::move(err), init);
      cfg.options.tv_samples = 1000;  // TV is not used by this check
      out.push_back({std::move(name), std::move(cfg), v});
    };
    constexpr Scheme kEm = Scheme::kEulerMaruyama, kEi = Scheme::kExponentialIntegrator,
                     kEir = Scheme::kExponentialRenormalised;
    // theory-notes V17 / D-13b: beta = 2, sigma^2 = 1, data N(10, 1), T = 1, N = 10^4.
    const ProcessPtr v17 = make_ou_schedule(make_constant_schedule(2.0), 1.0);
    for (Scheme s : {kEi, kEm, kEir})
      add(fmt::format("V17 beta=2 N(10,1) T=1 N=10000 {}", to_string(s)), v17, gaussian_1d(10, 1),
          1, 10000, s, Verdict::kHolds);
    // pi_data = pi_inf (theory-notes V16's instance): the bound is 0.
    const ProcessPtr v16 = make_ou_schedule(make_constant_schedule(1.0), 1.0);
    for (Scheme s : {kEi, kEm, kEir})
      add(fmt::format("V16 beta=1 data=pi_inf T=2 N=20 {}", to_string(s)), v16, gaussian_1d(0, 1),
          2, 20, s, s == kEir ? Verdict::kHolds : Verdict::kViolated);
    // Data near, but not equal to, pi_inf: ei and em still violate the bound at N = 100.
    const ProcessPtr expm5 = make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 1), 1.0);
    for (Scheme s : {kEm, kEi, kEir})
      add(fmt::format("N(0.01,1) sigma2=1 exp a=-5 T=1 N=100 {}", to_string(s)), expm5,
          gaussian_1d(0.01, 1), 1, 100, s, s == kEir ? Verdict::kHolds : Verdict::kViolated);
    add("N(3,0.5) sigma2=4 linear 0.1->20 T=1 N=100 ei",
        make_ou_schedule(make_linear_schedule(0.1, 20, 1), 4.0), gaussian_1d(3, 0.5), 1, 100, kEi,
        Verdict::kHolds);
    add("correlated d=50 exp a=1 T=1 N=100 ei",
        make_ou_schedule(make_exponential_schedule(1.0, 0.1, 20, 1), 1.0),
        gaussian_preset("correlated", 50), 1, 100, kEi, Verdict::kHolds);
    ScoreError err;
    err.eps = 0.05;
    err.delta = 0.02;
    add("N(10,1) beta=2 T=1 N=2000 eir eps=0.05 delta=0.02", v17, gaussian_1d(10, 1), 1, 2000, kEir,
        Verdict::kHolds, err);
    add("N(-2,9) sigma2=0.5 exp a=-3 T=2 N=400 eir",
        make_ou_schedule(make_exponential_schedule(-3.0, 0.1, 20, 2), 0.5), gaussian_1d(-2, 9), 2,
        400, kEir, Verdict::kHolds);
    add("decreasing linear 5->1 N(1,2) T=1 N=20 ei",
        make_ou_schedule(make_linear_schedule(5, 1, 1), 1.0), gaussian_1d(1, 2), 1, 20, kEi,
        Verdict::kHypothesesFail);
    add("N(10,1) beta=2 T=1 N=1000 ei init=p_T", v17, gaussian_1d(10, 1), 1, 1000, kEi,
        Verdict::kHypothesesFail, {}, Init::kPT);
    return out;
  }

  std::vector<Sweep> sweeps() const override {
    // The bound depends on N (h), T, the schedule, σ², the score error through E^β (under the
    // sampler's law: scheme-independent when δ = 0, E^β = ε) and the data. With δ = 0 the
    // bound is the same curve for every scheme and is drawn once per panel (the repeats say
    // "bound shared"). Panels: N on V17's instance (the bound tends to the exact
    // continuous-time W2 from above) and on data N(0.01, 1) next to π∞ (ei and em exceed
    // it), ε next to π∞, and d for the presets of seed 003 at β ≡ 1. The schedule parameter
    // a is swept at d = 50 by experiments/noise_schedule_study.cpp.
    constexpr Scheme kEm = Scheme::kEulerMaruyama, kEi = Scheme::kExponentialIntegrator,
                     kEir = Scheme::kExponentialRenormalised;
    const auto cfg = [](const ProcessPtr& p, const GaussianData& data, int N, Scheme s,
                        ScoreError err = {}) {
      Problem c = make_problem(p, data, 1.0, N, s, std::move(err));
      c.options.tv_samples = 1000;  // TV is not used by this check
      return c;
    };
    const auto name = [](Scheme s) {
      return to_string(s) + (s == Scheme::kExponentialIntegrator ? " (printed)" : "");
    };
    const auto shared = [](bool first) { return first ? "" : " (bound shared)"; };
    const ProcessPtr beta2 = make_ou_schedule(make_constant_schedule(2.0), 1.0);
    const ProcessPtr beta1 = make_ou_schedule(make_constant_schedule(1.0), 1.0);
    const ProcessPtr expm5 = make_ou_schedule(make_exponential_schedule(-5.0, 0.1, 20, 1), 1.0);
    const GaussianData v17 = gaussian_1d(10.0, 1.0);
    const GaussianData near = gaussian_1d(0.01, 1.0);
    std::vector<Sweep> out;
    // Panels 1 and 2: against N, exact score.
    const std::vector<std::tuple<ProcessPtr, GaussianData, std::string, std::string>> n_cases = {
        {beta2, v17, "V17: N(10,1), beta=2",
         "number of steps N  (V17: N(10, 1), beta = 2, T = 1, sigma^2 = 1, exact score; "
         "C_t, L_t, M of pi_t/pi_inf)"},
        {expm5, near, "N(0.01,1), a=-5",
         "number of steps N  (data N(0.01, 1) next to pi_inf, beta_a with a = -5, T = 1, "
         "sigma^2 = 1, exact score)"},
    };
    for (const auto& [p, data, label, x_label] : n_cases) {
      bool first = true;
      for (Scheme s : {kEi, kEm, kEir}) {
        Sweep sw{
            fmt::format("{}, {}, T=1{}", name(s), label, shared(first)), x_label, true, {}, first};
        for (int N : {10, 30, 100, 300, 1000, 3000, 10000, 30000})
          sw.points.emplace_back(N, cfg(p, data, N, s));
        out.push_back(std::move(sw));
        first = false;
      }
    }
    // Panel 3: against the additive score error ε next to π∞ (N = 100): the score term
    // E^β T β(T) = 20ε takes over the O(h) bias of ei and em; eir with δ = 0.05 as well (its
    // E^β is then measured under the sampler's law).
    {
      bool first = true;
      for (Scheme s : {kEi, kEm, kEir}) {
        Sweep sw{fmt::format("{}, N(0.01,1), a=-5, N=100, delta=0{}", name(s), shared(first)),
                 "additive score error eps  (data N(0.01, 1), beta_a with a = -5, T = 1, "
                 "sigma^2 = 1, N = 100)",
                 true,
                 {},
                 first};
        for (double eps : {1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.1}) {
          ScoreError err;
          err.eps = eps;
          sw.points.emplace_back(eps, cfg(expm5, near, 100, s, err));
        }
        out.push_back(std::move(sw));
        first = false;
      }
      Sweep sw{"eir, N(0.01,1), a=-5, N=100, delta=0.05", "", true, {}};
      for (double eps : {1e-5, 1e-4, 3e-4, 1e-3, 3e-3, 0.01, 0.1}) {
        ScoreError err;
        err.eps = eps;
        err.delta = 0.05;
        sw.points.emplace_back(eps, cfg(expm5, near, 100, kEir, err));
      }
      out.push_back(std::move(sw));
    }
    // Panel 4: against d for the presets of seed 003 (β ≡ 1, N = 1000: the mixing term
    // dominates and is exact): printed ei on each preset, and eir on the correlated one.
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep sw{fmt::format("ei (printed), {} preset, beta=1, N=1000", preset),
               "dimension d  (seed-003 presets, beta = 1, T = 1, sigma^2 = 1, "
               "N = 1000, exact score)",
               true,
               {}};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
        sw.points.emplace_back(d, cfg(beta1, gaussian_preset(preset, d), 1000, kEi));
      out.push_back(std::move(sw));
    }
    Sweep sw{"eir, correlated preset, beta=1, N=1000 (bound shared with ei)", "", true, {}, false};
    for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
      sw.points.emplace_back(d, cfg(beta1, gaussian_preset("correlated", d), 1000, kEir));
    out.push_back(std::move(sw));
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Strasman24W2Renormalised)
}
