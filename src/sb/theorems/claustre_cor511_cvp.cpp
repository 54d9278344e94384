// Seed 004, Corollary 5.11 — W2 bound for the contractive VP (CVP) SDE (theory-notes C19, D-19).
// Write-up: theory/claustre_cor511_cvp.md.
// Source: seed 004 (A. Claustre, research report 2025), §5.2, Corollary 5.11 (proof Appendix
// B.5); after W. Tang and H. Zhao (2024).
//
//   p_data κ-strongly log-concave, E‖X_0‖² < ∞. Then
//   W2²(p_data, L(Y_T)) <= e^{−2(κ/(1+κ) − β_max h T + O(e^{−β_min T}))} E‖X_0‖² + ε²/(2h(1 − 2h)).
//
// Reading: h is Young's free parameter of Thm 5.7's proof; the ε term needs 0 < h < ½, and the
// bound is minimised over that range (convex in h: claustre::minimise_young; ε = 0: limit
// h → 0). The O(e^{−β_min T}) is the term of Appendix B.5's exponent, which gives the explicit
//   e^{−2κ/(1+κ) + 2β_max h T + (2κ/(1+κ)) e^{−β_min T}} E‖X_0‖²
// (theory-notes C19; this reproduces V23: CVP β 0.1 → 2, T = 1, data N(3, 1): 9.09225098849).
// Proof slips (harmless for the final bound, theory-notes C19): u(T) − u(T − t) <= β_max(2h − 1)t
// has the wrong direction (β_min is right), and "Δ_T := W2²(p_T, p_noise)" should read Δ_0.
// Convention: continuous-time CVP reverse SDE from p_noise = N(0, (e^{B_T} − 1) I); CVP
// recognised numerically (expanding scheduled OU, v = 1, zero centre); κ = 1/λ_max(Σ_0);
// β_min, β_max = inf, sup of β on [0, T]; ε of Hypothesis 5.2 (δ = 0).
// Neither side vanishes as T → ∞ (the reference ignores the data: contractive_reference_bias).
// Exact side: W2²(p_data, L(Y_T)) (Bures, spectral); tolerance
// exact_metric_rel_tol(N, d)·max(exact, bound).
#include <fmt/format.h>

#include <cmath>

#include "sb/metric/bures_w2.hpp"
#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;

class ClaustreCor511Cvp final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "claustre_cor511_cvp",
        .title = "Seed 004 Corollary 5.11: W2 bound for CVP, kappa-SLC data",
        .source =
            "seed 004 (Claustre report), Section 5.2, Corollary 5.11 (proof Appendix B.5); after "
            "Tang and Zhao (2024)",
        .statement =
            "p_data kappa-strongly log-concave, E||X_0||^2 < inf. Then W_2^2(p_data, L(Y_T)) <= "
            "exp(-2(kappa/(1+kappa) - beta_max h T + O(e^{-beta_min T}))) E||X_0||^2 + "
            "eps^2/(2h(1-2h))",
        .convention =
            "continuous-time CVP reverse SDE from N(0, (e^{B_T}-1) I); O(e^{-beta_min T}) read as "
            "the proof's -(kappa/(1+kappa)) e^{-beta_min T} inside the bracket; 0 < h < 1/2 "
            "minimised; eps of Hypothesis 5.2",
        .metric = "w2_squared",
        .need = Need::kExactGaussianLaw};
  }

  bool applies(const Problem& cfg) const override {
    return cfg.scheme == Scheme::kContinuous && as_cvp(*cfg.process, cfg.gaussian().dim(), cfg.T());
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const double T = cfg.T();
    const GaussianData& data = cfg.gaussian();
    const cl::BetaRange beta = cl::beta_range(*as_cvp(*cfg.process, data.dim(), T), T);
    const double kappa = cl::data_slc(data), E = data.second_moment();
    const double eps2 = cl::linf_eps2(cfg);
    auto terms = [&](double h) {
      return cl::cor511_terms(h, beta.min, beta.max, T, kappa, E, eps2);
    };
    double h = 0.0;
    if (eps2 > 0 && std::isfinite(eps2))
      h = cl::minimise_young([&](double hh) { return terms(hh).total(); }, 0.5).first;
    const cl::Cor511Terms t = terms(h);

    BoundReport r = info().report(cfg);
    r.terms = {
        {"e^{-2(kappa/(1+kappa) - beta_max h T) + (2 kappa/(1+kappa)) e^{-beta_min T}} "
         "E||X_0||^2",
         t.decay, "initialisation"},
        {"eps^2/(2h(1-2h))", t.score, "score error"},
    };
    r.total = t.total();
    r.terms.push_back({"h*", h, "optimal Young parameter in (0, 1/2) (0: limit h -> 0)"});
    r.terms.push_back({"kappa", kappa, "strong log-concavity of the data, 1/lambda_max"});
    r.exact =
        Estimate::exact(w2_squared(data.law(), out.gaussian_law().spectral()), "exact_closed_form");
    r.tolerance = cl::rounding_tolerance(cfg, r.exact.value, r.total);
    r.hypotheses = {
        {"p_data kappa-strongly log-concave", kappa > 0, fmt::format("kappa = {:.6g}", kappa)},
        {"E||X_0||^2 finite", std::isfinite(E), fmt::format("E||X_0||^2 = {:.6g}", E)},
        cl::linf_score_error(cfg),
        cl::starts_from_reference(cfg, "N(0, (e^{B_T} - 1) I)"),
    };
    r.decide();
    r.convention = fmt::format(
        "continuous-time CVP reverse SDE from N(0, (e^B_T - 1) I); beta in [{:.4g}, {:.4g}], "
        "B_T = {:.6g}; h minimised",
        beta.min, beta.max, beta.B_T);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const auto cvp = [](double bmax, double T) {
      return make_cvp(make_linear_schedule(0.1, bmax, T));
    };
    const ScoreError e01 = cl::additive(0.01);
    return instance_table({
        // theory-notes V23 / D-19.
        {"V23 CVP(0.1,2) N(3,1) T=1 eps=0", cvp(2, 1), gaussian_1d(3, 1), 1, 1, kContinuous},
        {"CVP(0.1,2) N(3,1) T=1 eps=0.01", cvp(2, 1), gaussian_1d(3, 1), 1, 1, kContinuous, kHolds,
         e01},
        // theory-notes C19: data N(10, 4), T = 1, 3, 6 (W2^2 = 74.956, 65.781, 64.688).
        {"CVP(0.1,2) N(10,4) T=1", cvp(2, 1), gaussian_1d(10, 4), 1, 1, kContinuous},
        {"CVP(0.1,2) N(10,4) T=3", cvp(2, 3), gaussian_1d(10, 4), 3, 1, kContinuous},
        {"CVP(0.1,2) N(10,4) T=6", cvp(2, 6), gaussian_1d(10, 4), 6, 1, kContinuous},
        {"CVP(0.1,2) N(0,0.5) T=1 eps=0.05", cvp(2, 1), gaussian_1d(0, 0.5), 1, 1, kContinuous,
         kHolds, cl::additive(0.05)},
        {"CVP(0.1,20) N(1,0.5) T=0.5 eps=0.01", cvp(20, 0.5), gaussian_1d(1, 0.5), 0.5, 1,
         kContinuous, kHolds, e01},
        {"CVP(0.1,2) isotropic d=5 T=2 eps=0.01", cvp(2, 2), gaussian_preset("isotropic", 5), 2, 1,
         kContinuous, kHolds, e01},
        {"CVP(0.1,2) correlated d=10 T=1", cvp(2, 1), gaussian_preset("correlated", 10), 1, 1,
         kContinuous},
        {"CVP(0.1,2) N(3,1) T=1 init=p_T",
         cvp(2, 1),
         gaussian_1d(3, 1),
         1,
         1,
         kContinuous,
         kHypothesesFail,
         {},
         Init::kPT},
    });
  }

  // Four panels, one per quantity the bound depends on (theory-notes C19): the horizon T, the
  // score error eps (eps^2/(2h(1 - 2h)), and through the optimal h the factor e^{2 beta_max h T}),
  // the schedule (beta_max through h, beta_min through the O(e^{-beta_min T}) term) and the data
  // (kappa, E||X_0||^2, d), the last with d as the x axis and one series per preset. The check
  // applies to the continuous sampler only.
  std::vector<Sweep> sweeps() const override {
    const auto at = [](double bmin, double bmax, const GaussianData& data, double T, double eps) {
      return make_problem(make_cvp(make_linear_schedule(bmin, bmax, T)), data, T, 1,
                          Scheme::kContinuous, cl::additive(eps));
    };
    const auto at_T = [&](GaussianData data, double eps) {
      return [=](double T) { return at(0.1, 2, data, T, eps); };
    };
    const auto at_eps = [&](GaussianData data, double T) {
      return [=](double eps) { return at(0.1, 2, data, T, eps); };
    };
    const auto at_bmax = [&](double bmin, GaussianData data, double eps) {
      return [=](double bmax) { return at(bmin, bmax, data, 1.0, eps); };
    };
    const auto at_d = [&](std::string preset) {
      return [=](double d) {
        return at(0.1, 2, gaussian_preset(preset, static_cast<Eigen::Index>(d)), 1.0, 0.01);
      };
    };
    std::vector<Sweep> out;
    // Panel 1: horizon T, CVP(0.1, 2) rescaled to [0, T].
    cl::add_panel(out, "horizon T (CVP beta 0.1 -> 2 on [0, T]; h optimised)",
                  {0.25, 0.5, 1.0, 2.0, 4.0, 8.0},
                  {{"continuous, N(3,1) (kappa=1), eps=0", at_T(gaussian_1d(3, 1), 0.0)},
                   {"continuous, N(10,4) (kappa=1/4), eps=0", at_T(gaussian_1d(10, 4), 0.0)},
                   {"continuous, N(0,0.5) (kappa=2), eps=0.05", at_T(gaussian_1d(0, 0.5), 0.05)}});
    // Panel 2: additive score error eps (Hypothesis 5.2).
    cl::add_panel(out, "score error eps (CVP beta 0.1 -> 2 on [0, T], T as labelled; h optimised)",
                  {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3},
                  {{"continuous, N(0,0.5) (kappa=2), T=1", at_eps(gaussian_1d(0, 0.5), 1.0)},
                   {"continuous, N(0,0.5) (kappa=2), T=4", at_eps(gaussian_1d(0, 0.5), 4.0)},
                   {"continuous, N(3,1) (kappa=1), T=1", at_eps(gaussian_1d(3, 1), 1.0)}});
    // Panel 3: the schedule, beta_max of a linear beta_min -> beta_max on [0, 1]. With eps = 0
    // the bound (h -> 0) depends on beta_min only; with eps > 0 the optimal h trades
    // e^{2 beta_max h T} against eps^2/(2h(1 - 2h)).
    cl::add_panel(
        out,
        "beta_max of the CVP schedule (linear beta_min -> beta_max on [0, 1], T = 1; h optimised)",
        {0.1, 0.3, 1.0, 2.0, 5.0, 10.0, 20.0},
        {{"continuous, N(3,1) (kappa=1), beta_min=0.1, eps=0",
          at_bmax(0.1, gaussian_1d(3, 1), 0.0)},
         {.name = "continuous, N(3,1) (kappa=1), beta_min=1, eps=0",
          .at = at_bmax(1.0, gaussian_1d(3, 1), 0.0),
          .x_min = 1.0},
         {"continuous, N(3,1) (kappa=1), beta_min=0.1, eps=0.1",
          at_bmax(0.1, gaussian_1d(3, 1), 0.1)},
         {"continuous, N(0,0.5) (kappa=2), beta_min=0.1, eps=0.05",
          at_bmax(0.1, gaussian_1d(0, 0.5), 0.05)}});
    // Panel 4: dimension and data preset (mean 1_d): isotropic kappa = 2, heteroscedastic
    // kappa = 1, correlated kappa = 1/lambda_max decreasing in d (no kappa > 1/2 needed here).
    cl::add_panel(out, "dimension d (preset data, mean 1_d; CVP beta 0.1 -> 2, T = 1, eps = 0.01)",
                  {1, 2, 5, 10, 20, 50},
                  {{"continuous, isotropic (kappa=2), T=1", at_d("isotropic")},
                   {"continuous, heteroscedastic (kappa=1), T=1", at_d("heteroscedastic")},
                   {"continuous, correlated (kappa=1/lambda_max), T=1", at_d("correlated")}});
    return out;
  }
};

}  // namespace

SB_REGISTER_THEOREM(ClaustreCor511Cvp)

}  // namespace sb::theorems
