// Seed 004, Theorem 5.3 — the TV bound of the continuous-time generative SDE, on 1-D Gaussian
// mixtures. Source: seed 004 (A. Claustre, research report 2025), §5.1, Theorem 5.3 (proof in
// Appendix B.1; after Tang and Zhao 2024). Write-up: theory/claustre_thm53_tv_mixture.md (the
// Gaussian-data check and the statement: theory/claustre_thm53_tv.md, claustre_thm53_tv.cpp).
//
//   d_TV(L(Y_T), p_data) <= d_TV(p_T, p_noise) + ε √(T/2) ‖g‖_∞.
//
// The statement is about the continuous-time reverse SDE, whose law has no closed form for
// mixture data. Here it is approximated by the exponential integrator (ei, exact for the linear
// part of the drift) on the grid engine at N and 2N steps, and Richardson's extrapolation to
// h → 0: EI converges weakly at order 1, TV_h = TV_0 + c h + O(h²), so
//   TV_0 ≈ 2 TV_{2N} − TV_N (clamped at 0), with error O(h²),
// and the exact side carries the bias bound |TV_{2N} − TV_N| (= |c| h/2 + O(h²), far above the
// O(h²) remainder: a stated estimate of the time-step error, not a rigorous bound) plus the
// quadrature bias bounds of the two runs (2·b_{2N} + b_N); the verdict is the one-sided rule
// with that bias (theory/README.md, "Acceptance rules"). Standard OU forward process
// (g² = 2, so ‖g‖_∞ = √2), additive score error ε e (its L² error is ε at every t), the
// sampler started at p_noise = N(0, 1) (the grid engine's start). The initialisation term
// TV(p_T, N(0, 1)) by quadrature of the transported mixture against the Gaussian.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/law/grid_density.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class ClaustreThm53TvMixture final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "claustre_thm53_tv_mixture",
            .title = "Seed 004 Theorem 5.3: TV bound of the generative SDE, on Gaussian mixtures",
            .source =
                "seed 004 (Claustre report), Section 5.1, Theorem 5.3 (proof Appendix B.1); "
                "after Tang and Zhao (2024)",
            .statement =
                "Under Hypothesis 5.1 (sup_t E_{p_t}||s_theta - grad log p_t||^2 <= "
                "eps^2), g bounded and Novikov's condition: d_TV(L(Y_T), p_data) <= "
                "d_TV(p(T,.), p_noise) + eps sqrt(T/2) ||g||_inf",
            .convention =
                "continuous-time reverse SDE approximated by ei on the grid engine at N "
                "and 2N steps (exact side: TV of the 2N run, bias 2|TV_2N - TV_N| + "
                "quadrature); standard OU, p_noise = N(0, 1); additive score error eps",
            .metric = "tv",
            .need = Need::kOutputDensity,
            .trivial_max = 1.0,
            .data = {"gmm"}};
  }

  bool applies(const Problem& cfg) const override {
    return cfg.scheme == Scheme::kExponentialIntegrator && cfg.engine() == Engine::kGrid &&
           cfg.dim() == 1 && is_standard_ou(*cfg.process, cfg.T()) &&
           cfg.score_error.delta == 0.0 && !cfg.score_error.is_random_field() &&
           dynamic_cast<const GaussianMixture*>(cfg.target.get()) != nullptr;
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const double T = cfg.T(), eps = cfg.score_error.eps, g_sup = std::sqrt(2.0);
    const auto& data = dynamic_cast<const GaussianMixture&>(*cfg.target);
    // TV(p_T, N(0, 1)): the reference law on a fine grid, the mixture's p_T as the target.
    const Gaussian ref{Vec::Zero(1), Mat::Identity(1, 1)};
    const GaussianMixture pT = data.marginal(*cfg.process, T);
    const GridDensity g = GridDensity::from_gaussian(
        grid_covering({ref, cfg.target->moment_law()}, 20001, 14.0), ref);
    const Estimate init = g.tv([&](const Mat& x) { return pT.log_density(x); });
    // The run at N (given) and at 2N (solved here).
    const Estimate tv_n = out.metric(Metric::kTv);
    Problem fine = cfg;
    fine.grid = TimeGrid::uniform(T, 2 * cfg.grid.steps());
    Outcome fine_out = solve(fine);
    const Estimate tv_2n = fine_out.metric(Metric::kTv);

    BoundReport r = info().report(cfg);
    r.scheme =
        fmt::format("continuous (ei at N = {} and {})", cfg.grid.steps(), 2 * cfg.grid.steps());
    r.terms = {
        {"d_TV(p_T, p_noise)", init.value, "initialisation: TV(p_T, N(0, 1)) by quadrature"},
        {"eps sqrt(T/2) ||g||_inf", eps * std::sqrt(0.5 * T) * g_sup,
         "score error: Girsanov + Pinsker as printed (||g||_inf = sqrt 2)"},
    };
    r.total = r.terms[0].value + r.terms[1].value;
    r.terms.push_back({"eps sqrt(T) ||g||_inf / 2", 0.5 * eps * std::sqrt(T) * g_sup,
                       "the score term with Girsanov's 1/2; not part of the bound"});
    r.terms.push_back({"TV at N steps", tv_n.value, "ei at the instance's N (grid engine)"});
    r.terms.push_back({"TV at 2N steps", tv_2n.value, "ei at twice the instance's N"});
    r.exact = tv_2n;
    r.exact.value = std::max(0.0, 2.0 * tv_2n.value - tv_n.value);
    r.exact.method = "grid_quadrature+richardson";
    r.exact.bias_bound =
        std::abs(tv_2n.value - tv_n.value) + 2.0 * tv_2n.bias_bound + tv_n.bias_bound;
    r.tolerance = init.bias_bound + exact_metric_rel_tol(2 * cfg.grid.steps(), 1) * r.total;
    r.hypotheses = {
        {"Hypothesis 5.1 (L2 score error)", std::isfinite(eps),
         fmt::format("eps = {} (additive: the same at every t)", eps)},
        {"g bounded on [0, T]", true, "g = sqrt 2"},
        {"the sampler starts from p_noise", cfg.init == Init::kReference,
         fmt::format("init = {}", to_string(cfg.init))},
    };
    r.decide();
    r.convention =
        "continuous-time law approximated by ei at N and 2N steps (grid engine); the "
        "bias of the exact side is a stated estimate of the time-step error";
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Verdict;
    std::vector<Instance> out;
    const auto add = [&](std::string name, double a, double var, double T, int N, double eps) {
      out.push_back(
          {std::move(name),
           make_grid_problem(make_standard_ou(),
                             std::make_shared<const GaussianMixture>(gmm_symmetric_pair(a, var)), T,
                             N, Scheme::kExponentialIntegrator, eps),
           kHolds});
    };
    add("pair a=2 var=0.25 T=2 N=200 eps=0", 2, 0.25, 2, 200, 0.0);
    add("pair a=2 var=0.25 T=2 N=200 eps=0.05", 2, 0.25, 2, 200, 0.05);
    add("pair a=2 var=0.25 T=1 N=200 eps=0.2", 2, 0.25, 1, 200, 0.2);
    add("pair a=0.3 var=0.91 T=1 N=200 eps=0.1", 0.3, 0.91, 1, 200, 0.1);
    return out;
  }

  std::vector<Sweep> sweeps() const override {
    // Over ε at T = 2 and over T at ε = 0.05, bimodal pair a = 2, var 0.25, N = 200.
    const auto problem = [](double T, double eps) {
      return make_grid_problem(make_standard_ou(),
                               std::make_shared<const GaussianMixture>(gmm_symmetric_pair(2, 0.25)),
                               T, 200, Scheme::kExponentialIntegrator, eps);
    };
    Sweep by_eps{.series = "continuous (ei, N = 200, 400), pair a=2 var=0.25, T=2",
                 .x_label = "additive score error eps  (pair a = 2, var 0.25; standard OU, T = 2)",
                 .points = {}};
    for (double eps : {0.003, 0.01, 0.03, 0.1, 0.3})
      by_eps.points.push_back({eps, problem(2.0, eps)});
    Sweep by_t{.series = "continuous (ei, N = 200, 400), pair a=2 var=0.25, eps=0.05",
               .x_label = "horizon T  (pair a = 2, var 0.25; standard OU, eps = 0.05)",
               .points = {}};
    for (double T : {0.5, 1.0, 2.0, 4.0}) by_t.points.push_back({T, problem(T, 0.05)});
    return {by_eps, by_t};
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(ClaustreThm53TvMixture)
}  // namespace sb::theorems
