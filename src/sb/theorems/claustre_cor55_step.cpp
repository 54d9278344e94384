// Seed 004, proof of Corollary 5.5 — the KL step KL(p_T ‖ γ_d) <= ½ e^{−B_T} E‖X_0‖², as
// printed (theory-notes C16, D-16). Write-up: theory/claustre_cor55_step.md; the corrected
// statement is claustre_cor55_step_corrected.
// Source: seed 004 (A. Claustre, research report 2025), Appendix B.2 "Proof of Corollary 5.5".
//
// The proof writes, for the VP SDE and x = e^{−B_T},
//   KL(p_T|X_0 ‖ N(0, I)) = ½ x ‖X_0‖² − (d/2)(x + log(1 − x)),
// drops the second term claiming it is <= 0 "for T large enough", and concludes
//   KL(p_T ‖ N(0, I)) <= ½ e^{−B_T} E‖X_0‖².
// But x + log(1 − x) <= 0 on [0, 1): the dropped term is >= 0, and the step is false whenever the
// data variance is small (for Gaussian data, the j-th direction breaks it when
// −r − log(1 − r) > x λ_j with r = x(1 − λ_j); point masses break it for every T).
//
// Convention: a property of the forward marginal p_T of the VP process (recognised numerically:
// contracting scheduled OU, v = 1, zero centre), whatever the sampler; "T large enough" is read
// as in claustre_cor55_tv (e^{−B_T} <= ½) and reported as a hypothesis.
// Formula implemented: exact = KL(p_T ‖ N(0, I)) in closed form (theory-notes B.4, series for
// r − 1 − log r), bound = ½ e^{−B_T} E‖X_0‖²; tolerance sb::kl_check_tolerance(1, d, ·, ·).
#include <fmt/format.h>

#include <cmath>

#include "sb/metric/gaussian_kl.hpp"
#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;

class ClaustreCor55Step final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "claustre_cor55_step",
            .title = "Seed 004 Cor 5.5 proof: KL step, as printed",
            .source = "seed 004 (Claustre report), Appendix B.2 (proof of Corollary 5.5)",
            .statement =
                "phi(x) = x + log(1-x) >= 0 for x in [0, delta]; hence, for T large enough, "
                "KL(p(T,.) || p_noise) <= 1/2 exp(-int_0^T beta) E||X_0||^2",
            .convention =
                "VP forward marginal p_T against p_noise = N(0, I); independent of the sampler; "
                "'T large enough' read as e^{-B_T} <= 1/2",
            .metric = "kl_pT_reference",
            .need = Need::kMarginals};
  }

  bool applies(const Problem& cfg) const override {
    return as_vp(*cfg.process, cfg.gaussian().dim(), cfg.T()).has_value();
  }

  BoundReport check(const Problem& cfg, Outcome&) const override {
    const double T = cfg.T();
    const GaussianData& data = cfg.gaussian();
    const Eigen::Index d = data.dim();
    const OuForm vp = *as_vp(*cfg.process, d, T);
    const double B = vp.beta->integral(T), x = std::exp(-B);
    const SpectralGaussian pT = data.marginal(*cfg.process, T);

    BoundReport r = info().report(cfg);
    r.terms = {{"e^{-B_T} E||X_0||^2 / 2", 0.5 * x * data.second_moment(),
                "the printed bound of KL(p_T || N(0, I))"}};
    r.total = r.terms[0].value;
    r.terms.push_back({"dropped term (d/2)(-x - log(1-x)), x = e^{-B_T}",
                       0.5 * static_cast<double>(d) * (-x - std::log1p(-x)),
                       ">= 0: the term the proof drops as '<= 0'; not part of the bound"});
    r.exact = Estimate::exact(kl_divergence_diag(pT.mean, pT.var, Vec::Zero(d), Vec::Ones(d)),
                              "exact_closed_form");
    r.tolerance = kl_check_tolerance(1, d, r.exact.value, r.total);
    r.hypotheses = {
        {"T large enough, read as e^{-B_T} <= 1/2", x <= 0.5,
         fmt::format("e^{{-B_T}} = {:.6g} (B_T = {:.6g})", x, B)},
    };
    r.decide();
    r.convention =
        "property of the VP forward marginal p_T (sampler not involved); exact KL in "
        "closed form";
    return r;
  }

  std::vector<Instance> instances() const override {
    std::vector<Instance> out;
    auto add = [&](std::string name, double T, GaussianData data, Verdict v,
                   Scheme s = Scheme::kContinuous, int N = 1) {
      out.push_back(
          {std::move(name),
           make_problem(make_vp(make_linear_schedule(0.1, 20, T)), std::move(data), T, N, s), v});
    };
    // theory-notes V20 / D-16: T = 0.3, data N(0, 0.01): 6.09208315526e-4 > 2.45229177435e-4.
    add("V20 N(0,0.01) T=0.3", 0.3, gaussian_1d(0, 0.01), Verdict::kViolated);
    add("N(0,0.01) T=0.3 em N=100", 0.3, gaussian_1d(0, 0.01), Verdict::kViolated,
        Scheme::kEulerMaruyama, 100);
    add("N(0,0.01) T=0.2", 0.2, gaussian_1d(0, 0.01), Verdict::kViolated);
    add("N(0,0.001) T=0.5", 0.5, gaussian_1d(0, 0.001), Verdict::kViolated);
    add("N(0,1e-8) (near point mass) T=1", 1.0, gaussian_1d(0, 1e-8), Verdict::kViolated);
    add("N(2,0.001) T=0.2 (mean does not help)", 0.2, gaussian_1d(2, 0.001), Verdict::kViolated);
    add("N(0,0.01 I_20) T=0.3", 0.3, GaussianData(Vec::Zero(20), 0.01 * Mat::Identity(20, 20)),
        Verdict::kViolated);
    // Where the step is true: data variance not small, or the noise already dominates
    // (e^{-B_T}(1 - lambda)^2 < 2 lambda to leading order), or enough unit-variance directions.
    add("N(0,0.01) T=0.5", 0.5, gaussian_1d(0, 0.01), Verdict::kHolds);
    add("heteroscedastic d=10 T=0.3", 0.3, gaussian_preset("heteroscedastic", 10), Verdict::kHolds);
    add("N(0,1) T=0.3 (data = p_noise)", 0.3, gaussian_1d(0, 1), Verdict::kHolds);
    add("N(0.5,0.25) T=1", 1.0, gaussian_1d(0.5, 0.25), Verdict::kHolds);
    add("N(1,4) T=0.3", 0.3, gaussian_1d(1, 4), Verdict::kHolds);
    // Below the threshold read for "T large enough".
    add("N(0,0.01) T=0.05 (e^{-B_T}=0.6)", 0.05, gaussian_1d(0, 0.01), Verdict::kHypothesesFail);
    return out;
  }

  // Four panels of KL(p_T || N(0, I)) against the printed bound 1/2 e^{-B_T} E||X_0||^2
  // (theory-notes C16, D-16). Both sides depend on the schedule only through B_T, so the
  // horizon T (VP beta 0.1 -> 20 on [0, T]) stands for the schedule; the data enter through
  // their eigenvalues lambda_j, their mean and d. Panels: T (the original figure), the data
  // variance lambda in 1-D, the dimension d for the presets of gaussian_data.hpp and for
  // N(0, 0.01 I_d), and the data mean. The forward marginal does not involve the sampler: the
  // configurations use the `continuous` scheme with the exact score (closed form, fast).
  std::vector<Sweep> sweeps() const override {
    return claustre::cor55_step_sweeps("printed bound", {0.07, 0.1, 0.15, 0.2, 0.3, 0.5, 0.7, 1.0});
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(ClaustreCor55Step)
}
