// Seed 004, proof of Corollary 5.10 — the step u_VP(T) <= β_max(1 + 2h − 2 min(κ,1))T, as
// printed (theory-notes C18, D-18). Write-up: theory/claustre_cor510_step.md; the corrected step
// is claustre_cor510_step_corrected.
// Source: seed 004 (A. Claustre, research report 2025), Appendix B.4 "Proof of Corollary 5.10".
//
// The proof defines u_VP(T) = ∫₀ᵀ β(s)(1 + 2h − 2a(s)) ds with a(s) the strong log-concavity
// constant of p_s (it prints "− a(s)": a typo), bounds a(s) >= min(κ, 1), and then writes
//     u_VP(T) <= ∫₀ᵀ β(s) c ds <= β_max c T,   c = 1 + 2h − 2 min(κ, 1).
// Under the corollary's hypotheses c < 0, so ∫β c = c B_T >= c β_max T: the second inequality
// goes the wrong way (correct: u_VP(T) <= c B_T). The same slip is made for u(T) − u(T − t).
//
// Both sides are computable: with a(s) = κ/(κ + (1 − κ)e^{−B_s}) (exact for Gaussian data,
// κ = 1/λ_max), u_VP(T) = (1 + 2h)B_T − 2 log(1 + κ(e^{B_T} − 1)) (claustre::u_vp).
// The claim is made for every h in (0, min(κ,1) − ½). Both sides are affine in h with slopes
// 2B_T (left) and 2β_max T (right), and B_T <= β_max T, so the claim is hardest as h → 0: the
// check evaluates exact = u_VP(T)|_{h=0} against bound = β_max(1 − 2 min(κ,1))T (violated there
// means violated for all small h > 0 by continuity). The slopes are reported as terms, so the
// value at any h (e.g. theory-notes D-18's h = 0.01) is exact + 2hB_T vs bound + 2hβ_max T.
// Convention: a property of the VP forward process and the data (sampler not involved); VP
// recognised numerically; hypothesis κ > ½ as in the corollary. Tolerance
// exact_metric_rel_tol(1, d)·max(|exact|, |bound|) (closed forms).
#include <fmt/format.h>

#include <cmath>

#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;

class ClaustreCor510Step final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "claustre_cor510_step",
        .title = "Seed 004 Cor 5.10 proof: u_VP(T) <= beta_max c T, as printed",
        .source = "seed 004 (Claustre report), Appendix B.4 (proof of Corollary 5.10)",
        .statement =
            "u_VP(T) <= int_0^T beta(s)(1 + 2h - 2 min(kappa,1)) ds <= beta_max (1 + 2h - 2 "
            "min(kappa,1)) T, and u_VP(T) - u_VP(T-t) <= beta_max (1 + 2h - 2 min(kappa,1)) t",
        .convention =
            "VP forward process with kappa-SLC data (exact SLC constant of p_s); independent of "
            "the sampler; evaluated at the hardest admissible h (h -> 0)",
        .metric = "u_vp",
        .need = Need::kMarginals};
  }

  bool applies(const Problem& cfg) const override {
    return as_vp(*cfg.process, cfg.gaussian().dim(), cfg.T()).has_value();
  }

  BoundReport check(const Problem& cfg, Outcome&) const override {
    const double T = cfg.T();
    const cl::BetaRange beta = cl::beta_range(*as_vp(*cfg.process, cfg.gaussian().dim(), T), T);
    const double kappa = cl::data_slc(cfg.gaussian()), k = std::min(kappa, 1.0);

    BoundReport r = info().report(cfg);
    r.terms = {{"beta_max (1 - 2 min(kappa,1)) T", beta.max * (1 - 2 * k) * T,
                "the printed bound at h -> 0"}};
    r.total = r.terms[0].value;
    r.terms.push_back({"(1 - 2 min(kappa,1)) B_T", (1 - 2 * k) * beta.B_T,
                       "the correct bound c B_T at h -> 0 (claustre_cor510_step_corrected); not "
                       "part of the bound"});
    r.terms.push_back({"2 B_T", 2 * beta.B_T, "slope in h of u_VP(T)"});
    r.terms.push_back({"2 beta_max T", 2 * beta.max * T, "slope in h of the printed bound"});
    r.exact = Estimate::exact(cl::u_vp(0.0, beta.B_T, kappa), "exact_closed_form");
    r.tolerance = exact_metric_rel_tol(1, cfg.gaussian().dim()) *
                  std::max(std::abs(r.exact.value), std::abs(r.total));
    r.hypotheses = {
        {"kappa > 1/2 (so c < 0 for every admissible h)", kappa > 0.5,
         fmt::format("kappa = 1/lambda_max = {:.6g}", kappa)},
    };
    r.decide();
    r.convention = fmt::format(
        "property of the VP process and the data (sampler not involved); h -> 0; beta in [{:.4g}, "
        "{:.4g}], B_T = {:.6g}",
        beta.min, beta.max, beta.B_T);
    return r;
  }

  std::vector<Instance> instances() const override {
    std::vector<Instance> out;
    auto add = [&](std::string name, ProcessPtr p, GaussianData data, double T, Verdict v) {
      out.push_back({std::move(name),
                     make_problem(std::move(p), std::move(data), T, 1, Scheme::kContinuous), v});
    };
    const auto vp = [](double bmin, double bmax, double T) {
      return make_vp(make_linear_schedule(bmin, bmax, T));
    };
    // theory-notes D-18: VP(0.1, 20), T = 0.5, data N(0, 0.5).
    add("D-18 VP(0.1,20) N(0,0.5) T=0.5", vp(0.1, 20, 0.5), gaussian_1d(0, 0.5), 0.5,
        Verdict::kViolated);
    add("VP(0.1,20) N(0,0.5) T=0.1", vp(0.1, 20, 0.1), gaussian_1d(0, 0.5), 0.1,
        Verdict::kViolated);
    add("VP(0.1,20) N(0,0.5) T=2", vp(0.1, 20, 2), gaussian_1d(0, 0.5), 2, Verdict::kViolated);
    add("VP(0.1,20) N(1,0.8) T=1", vp(0.1, 20, 1), gaussian_1d(1, 0.8), 1, Verdict::kViolated);
    add("VP(0.1,20) N(0,0.9) T=0.5 (kappa=1.11)", vp(0.1, 20, 0.5), gaussian_1d(0, 0.9), 0.5,
        Verdict::kViolated);
    // kappa = 2/3 (c = -1/3): the first step a(s) >= min(kappa,1) leaves enough slack.
    add("VP(0.1,20) N(0,1.5) T=0.3 (kappa=2/3)", vp(0.1, 20, 0.3), gaussian_1d(0, 1.5), 0.3,
        Verdict::kHolds);
    add("VP(1,5) isotropic d=5 T=1", vp(1, 5, 1), gaussian_preset("isotropic", 5), 1,
        Verdict::kViolated);
    // Very concentrated data: a(s) >> 1 at small s gives enough slack.
    add("VP(0.1,20) N(0,0.01) T=0.5 (kappa=100)", vp(0.1, 20, 0.5), gaussian_1d(0, 0.01), 0.5,
        Verdict::kHolds);
    // Constant beta: beta_max T = B_T and the printed step is the correct one.
    add("OU std (beta=2) N(1,0.5) T=2", make_standard_ou(), gaussian_1d(1, 0.5), 2,
        Verdict::kHolds);
    add("VP(0.1,20) N(0,4) T=1 (kappa=1/4)", vp(0.1, 20, 1), gaussian_1d(0, 4), 1,
        Verdict::kHypothesesFail);
    return out;
  }

  // Three panels, one per quantity the two sides depend on (theory-notes C18): the horizon T,
  // the schedule (beta_max against B_T: the printed step uses beta_max T where the correct one
  // has B_T) and the data variance lambda (kappa = 1/lambda). The dimension enters only through
  // kappa = 1/lambda_max, so 1-D data cover it. Sampler not involved (continuous, N = 1).
  std::vector<Sweep> sweeps() const override {
    return claustre::cor510_step_sweeps(/*printed=*/true);
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(ClaustreCor510Step)
}
