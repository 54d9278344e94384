// SCCLO26 — Lyapunov propagation for the backward chain (theory-notes C9, D-28).
// Source: seed 000 (Ocello talk), slide "Stability II: Lyapunov Propagation"; paper: S. Strasman,
// G. V. Cardoso, S. Le Corff, V. Lemaire, A. Ocello, "On Forgetting and Stability of Score-based
// Generative models", arXiv:2601.21868, 2026. Write-up: theory/scclo26_lyapunov.md.
//
// Printed: "There exists a function V such that E[V(X_{k+1}) | X_k = x] <= (1 − α)V(x) + b,
// α > 0", for the backward chain X_{k+1} ~ P_k(X_k, ·); no constants.
//
// Checked with V(x) = 1 + ‖x‖² on the em, ei and eir chains, whose step is Gaussian given x for
// any score (sampler/lyapunov_drift.hpp): E[V(X_{k+1}) | x] = 1 + ‖A_k(x)‖² + dω_k exactly. A
// uniform α > 0 (with some b < ∞) exists iff ρ_max = sup_k ρ_k < 1, ρ_k = limsup ‖A_k(x)‖²/‖x‖²:
// the metric is ρ_max ("uniform_contraction_factor"), the claim's requirement is ρ_max < 1 (the
// "bound" 1). ρ_k is exact (largest squared eigen-factor of the affine map on Gaussian data; the
// squared slope on equal-isotropic mixtures). Reported beside it: α = min_k α_k and b = max_k b_k
// with α_k = (1 − ρ_k)/2, b_k the smallest constant for that α_k (closed form on Gaussian data;
// numerical maximisation on mixtures, with the rigorous C9 bound beside it).
// Theory-notes D-28: EM on N(0, 4), T = 1, N = 10 has a last-step factor 1.042 > 1 — and the
// same holds for EI and EIR (A_k = 1 + g_h(1 − 2/var_τ), g_h = h, e^h − 1, 1 − e^{−h}): every
// scheme expands where var_τ > 2(1 + δ).
#include <fmt/format.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/lyapunov_drift.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

Problem scclo_mixture_problem(GaussianMixture mix, double T, int N, Scheme s, double eps = 0.0,
                              double delta = 0.0) {
  Problem pr = make_grid_problem(make_standard_ou(), std::make_shared<const GaussianMixture>(mix),
                                 T, N, s, eps);
  pr.score_error.delta = delta;
  pr.validate();
  return pr;
}

GaussianMixture scclo_square(double a, double var) {
  Mat means(4, 2);
  means << -a, -a, -a, a, a, -a, a, a;
  return GaussianMixture(Vec::Constant(4, 0.25), means, var);
}

class Scclo26Lyapunov final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "scclo26_lyapunov",
            .title = "SCCLO26 Lyapunov propagation of the backward chain",
            .source =
                "seed 000 (Ocello), slide 'Stability II: Lyapunov Propagation'; Strasman, "
                "Cardoso, Le Corff, Lemaire, Ocello, arXiv:2601.21868, 2026",
            .statement =
                "There exists V such that E[V(X_{k+1}) | X_k = x] <= (1 - alpha)V(x) + "
                "b, alpha > 0 (backward chain X_{k+1} ~ P_k(X_k, .))",
            .convention =
                "V(x) = 1 + ||x||^2; em, ei, eir chains (one step N(A_k(x), omega_k I) for any "
                "score); uniform alpha > 0 exists iff rho_max = sup_k limsup ||A_k(x)||^2/||x||^2 "
                "< 1",
            .metric = "uniform_contraction_factor",
            .need = Need::kOneStep,
            .data = {"gaussian", "gmm"}};
  }

  bool applies(const Problem& cfg) const override {
    if (!is_affine_step_scheme(cfg.scheme)) return false;
    if (cfg.score_error.is_random_field()) return false;
    if (cfg.target->kind() == "gmm") {
      const GaussianMixture* mix = cfg.target->as_mixture();
      return mix != nullptr && mix->is_isotropic_equal() && cfg.dim() <= 2;
    }
    return true;
  }

  BoundReport check(const Problem& cfg, Outcome& /*out*/) const override {
    const ScorePtr score = make_score(cfg);
    const DriftProfile prof =
        lyapunov_profile(*cfg.process, *score, cfg.scheme, cfg.grid, *cfg.target);
    const DriftStep& worst = prof.steps[static_cast<std::size_t>(prof.k_rho_max)];
    double prod = 1.0;
    for (const DriftStep& st : prof.steps) prod *= std::abs(st.slope);

    BoundReport r = info().report(cfg);
    r.total = 1.0;
    r.exact = Estimate::exact(prof.rho_max, "exact_closed_form");
    r.terms = {
        {"rho_max", prof.rho_max, "sup_k rho_k, rho_k = limsup ||A_k(x)||^2/||x||^2 (exact)"},
        {"k_max", static_cast<double>(prof.k_rho_max), "step where rho_k is largest"},
        {"tau_k_max", worst.tau_from, "forward time of that step"},
        {"slope_k_max", worst.slope, "signed eigen-factor of A_k of largest magnitude there"},
        {"prod_slopes", prod, "prod_k |slope_k| (contraction of the whole chain, 1-D exact)"},
        {"alpha", prof.alpha,
         "min_k alpha_k; alpha_k = (1 - rho_k)/2 if rho_k < 1, else 1 - 1.1 rho_k (the step "
         "expands: no uniform alpha > 0)"},
        {"b", prof.b,
         prof.exact_b ? "max_k b_k, b_k the smallest constant for alpha_k (closed form)"
                      : "max_k b_k, numerical sup (grid + golden section; a lower estimate)"},
        {"b_c9", prof.b_c9,
         "max_k [alpha_k + d omega_k + (1 + 1/eta_k) sup||c_k||^2]: theory-notes C9 (rigorous)"},
    };
    r.tolerance = exact_metric_rel_tol(cfg.grid.steps(), cfg.dim()) * prof.rho_max;
    r.hypotheses = {};
    r.decide();
    r.convention = fmt::format(
        "{}; {}: sup_k rho_k = {:.6g} at step {} (tau = {:.4g}); {}", r.scheme, prof.method,
        prof.rho_max, prof.k_rho_max, worst.tau_from,
        prof.uniform ? fmt::format("uniform (alpha, b) = ({:.6g}, {:.6g}), C9 b = {:.6g}",
                                   prof.alpha, prof.b, prof.b_c9)
                     : "no uniform alpha > 0 exists for V = 1 + ||x||^2 (a step expands)");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou();
    const ScoreError e1{.delta = 0.0, .eps = 1.0, .direction = {}};
    const ScoreError d15{.delta = 1.5, .eps = 0.0, .direction = {}};
    const ScoreError d05{.delta = 0.5, .eps = 0.0, .direction = {}};
    std::vector<Instance> out = instance_table({
        // theory-notes D-28 / V22: last EM factor 1.042 > 1.
        {"D-28 N(0,4) T=1 N=10 em", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kViolated},
        {"N(0,4) T=1 N=10 ei", ou, gaussian_1d(0, 4), 1, 10, kExponentialIntegrator, kViolated},
        {"N(0,4) T=1 N=10 eir", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised, kViolated},
        {"N(0,4) T=1 N=10 em delta=0.5", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kViolated,
         d05},
        // An over-confident score (1 + delta = 2.5) contracts every step: var_tau < 5.
        {"N(0,4) T=1 N=10 em delta=1.5", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kHolds, d15},
        {"N(0,1.5) T=1 N=10 em", ou, gaussian_1d(0, 1.5), 1, 10, kEulerMaruyama},
        {"N(0,1.5) T=1 N=10 eir eps=1", ou, gaussian_1d(0, 1.5), 1, 10, kExponentialRenormalised,
         kHolds, e1},
        {"N(1,0.3) T=2 N=20 ei eps=1", ou, gaussian_1d(1, 0.3), 2, 20, kExponentialIntegrator,
         kHolds, e1},
        // EM with a huge step overshoots: slope 1 + h − 2h/var_T = −1.99 for h = T = 3
        // (var_3 = 1.0012); h = T = 2 still contracts (−0.964).
        {"N(0,1.5) T=3 N=1 em (h=3)", ou, gaussian_1d(0, 1.5), 3, 1, kEulerMaruyama, kViolated},
        {"N(0,1.5) T=2 N=1 em (h=2)", ou, gaussian_1d(0, 1.5), 2, 1, kEulerMaruyama},
        {"heteroscedastic d=10 T=2 N=20 em", ou, gaussian_preset("heteroscedastic", 10), 2, 20,
         kEulerMaruyama},
        {"isotropic d=5 T=2 N=20 eir", ou, gaussian_preset("isotropic", 5), 2, 20,
         kExponentialRenormalised},
    });
    // Mixtures: the slope is that of the component variance v_tau = e^{-2tau}var + 1 - e^{-2tau}.
    out.push_back({"pair a=2 var=0.25 T=1 N=10 em eps=0.5",
                   scclo_mixture_problem(gmm_symmetric_pair(2, 0.25), 1, 10, kEulerMaruyama, 0.5),
                   kHolds});
    out.push_back({"pair a=1 var=3 T=1 N=10 em",
                   scclo_mixture_problem(gmm_symmetric_pair(1, 3), 1, 10, kEulerMaruyama),
                   kViolated});
    out.push_back(
        {"square a=1.5 var=0.5 T=1 N=10 eir eps=0.3",
         scclo_mixture_problem(scclo_square(1.5, 0.5), 1, 10, kExponentialRenormalised, 0.3),
         kHolds});
    out.push_back({"square a=1 var=3 T=1 N=10 ei",
                   scclo_mixture_problem(scclo_square(1, 3), 1, 10, kExponentialIntegrator),
                   kViolated});
    return out;
  }

  // Panels: rho_max against the data variance (1-D Gaussian), the multiplicative error delta
  // (N(0,4)), the additive error eps (rho does not move; b grows, see the write-up), the step
  // count (EM overshoots for large h), and the component variance of a bimodal mixture.
  std::vector<Sweep> sweeps() const override {
    using enum Scheme;
    const ProcessPtr ou = make_standard_ou();
    const auto sweep = [](std::string series, std::string x_label, bool draw, bool log_x = true) {
      Sweep s;
      s.series = std::move(series);
      s.x_label = std::move(x_label);
      s.log_x = log_x;
      s.draw_bound = draw;
      s.bound_name = "requirement rho_max < 1";
      return s;
    };
    const std::vector<std::pair<Scheme, const char*>> schemes = {
        {kEulerMaruyama, "em"}, {kExponentialIntegrator, "ei"}, {kExponentialRenormalised, "eir"}};
    std::vector<Sweep> out;
    bool first = true;
    for (const auto& [s, name] : schemes) {
      Sweep sw = sweep(fmt::format("{}, N(0,s^2), T=1, N=10", name),
                       first ? "data variance s^2 (1-D, T = 1, N = 10, exact score)" : "", first);
      for (double var : {0.25, 0.5, 1.0, 1.5, 1.9, 2.1, 2.5, 3.0, 4.0, 6.0, 10.0})
        sw.points.emplace_back(var, make_problem(ou, gaussian_1d(0, var), 1, 10, s));
      out.push_back(std::move(sw));
      first = false;
    }
    first = true;
    for (const auto& [s, name] : schemes) {
      Sweep sw = sweep(fmt::format("{}, N(0,4), T=1, N=10", name),
                       first ? "multiplicative score error delta (N(0,4), T = 1, N = 10)" : "",
                       first, false);
      for (double delta : {-0.3, -0.1, 0.0, 0.25, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0})
        sw.points.emplace_back(delta, make_problem(ou, gaussian_1d(0, 4), 1, 10, s,
                                                   {.delta = delta, .eps = 0.0, .direction = {}}));
      out.push_back(std::move(sw));
      first = false;
    }
    {
      Sweep g = sweep("em, N(0,1.5), T=1, N=10",
                      "additive score error eps (rho unchanged; b grows ~ eps^2)", true);
      Sweep m = sweep("em, pair a=2 var=0.25, T=1, N=10", "", false);
      for (double eps : {0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0}) {
        g.points.emplace_back(eps, make_problem(ou, gaussian_1d(0, 1.5), 1, 10, kEulerMaruyama,
                                                {.delta = 0.0, .eps = eps, .direction = {}}));
        m.points.emplace_back(
            eps, scclo_mixture_problem(gmm_symmetric_pair(2, 0.25), 1, 10, kEulerMaruyama, eps));
      }
      out.push_back(std::move(g));
      out.push_back(std::move(m));
    }
    first = true;
    for (double var : {1.5, 4.0}) {
      Sweep sw = sweep(fmt::format("em, N(0,{}), T=1", var),
                       first ? "number of steps N (T = 1, em, exact score)" : "", first);
      for (int N : {1, 2, 3, 5, 10, 20, 50, 100})
        sw.points.emplace_back(N, make_problem(ou, gaussian_1d(0, var), 1, N, kEulerMaruyama));
      out.push_back(std::move(sw));
      first = false;
    }
    first = true;
    for (const auto& [s, name] : schemes) {
      Sweep sw = sweep(
          fmt::format("{}, pair a=1, T=1, N=10", name),
          first ? "component variance var of 1/2 N(-1,var) + 1/2 N(1,var) (T = 1, N = 10)" : "",
          first);
      for (double var : {0.1, 0.25, 0.5, 1.0, 1.5, 1.9, 2.1, 3.0, 4.0})
        sw.points.emplace_back(var, scclo_mixture_problem(gmm_symmetric_pair(1, var), 1, 10, s));
      out.push_back(std::move(sw));
      first = false;
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Scclo26Lyapunov)
}
