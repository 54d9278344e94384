// Seed 004, proof of Corollary 5.10 — the step on u_VP, corrected: u_VP(T) <= c B_T
// (theory-notes C18, D-18). Write-up: theory/claustre_cor510_step_corrected.md; the printed step
// is claustre_cor510_step.
// Source: seed 004 (A. Claustre, research report 2025), Appendix B.4, corrected.
//
// With a(s) >= min(κ, 1) (the exact strong log-concavity constant of p_s never falls below it),
//     u_VP(T) = ∫₀ᵀ β(s)(1 + 2h − 2a(s)) ds <= (1 + 2h − 2 min(κ,1)) B_T = c B_T,
// for every h and every κ > 0; the gap u_VP(T) − c B_T = 2∫₀ᵀ β(min(κ,1) − a(s)) ds does not
// depend on h, so the check evaluates it at h = 0. Both sides in closed form
// (claustre::u_vp). Property of the VP process and the data (sampler not involved).
// Tolerance exact_metric_rel_tol(1, d)·max(|exact|, |bound|).
#include <fmt/format.h>

#include <cmath>

#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;

class ClaustreCor510StepCorrected final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "claustre_cor510_step_corrected",
        .title = "Seed 004 Cor 5.10 proof: u_VP(T) <= c B_T, corrected",
        .source =
            "seed 004 (Claustre report), Appendix B.4 (proof of Corollary 5.10), with int beta = "
            "B_T in place of beta_max T (theory-notes C18)",
        .statement =
            "(corrected) u_VP(T) = int_0^T beta(s)(1 + 2h - 2a(s)) ds <= (1 + 2h - 2 "
            "min(kappa,1)) int_0^T beta(s) ds, for every h and kappa > 0",
        .convention =
            "VP forward process with kappa-SLC data (exact SLC constant of p_s); independent of "
            "the sampler; the gap does not depend on h (evaluated at h = 0)",
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
    r.terms = {{"(1 - 2 min(kappa,1)) B_T", (1 - 2 * k) * beta.B_T, "c B_T at h = 0"}};
    r.total = r.terms[0].value;
    r.terms.push_back({"kappa", kappa, "strong log-concavity of the data, 1/lambda_max"});
    r.exact = Estimate::exact(cl::u_vp(0.0, beta.B_T, kappa), "exact_closed_form");
    r.tolerance = exact_metric_rel_tol(1, cfg.gaussian().dim()) *
                  std::max(std::abs(r.exact.value), std::abs(r.total));
    r.hypotheses = {
        {"kappa > 0 (strongly log-concave data)", kappa > 0, fmt::format("kappa = {:.6g}", kappa)}};
    r.decide();
    r.convention = fmt::format(
        "property of the VP process and the data (sampler not involved); B_T = {:.6g}", beta.B_T);
    return r;
  }

  std::vector<Instance> instances() const override {
    std::vector<Instance> out;
    auto add = [&](std::string name, ProcessPtr p, GaussianData data, double T) {
      out.push_back({std::move(name),
                     make_problem(std::move(p), std::move(data), T, 1, Scheme::kContinuous),
                     Verdict::kHolds});
    };
    const auto vp = [](double bmin, double bmax, double T) {
      return make_vp(make_linear_schedule(bmin, bmax, T));
    };
    add("D-18 VP(0.1,20) N(0,0.5) T=0.5", vp(0.1, 20, 0.5), gaussian_1d(0, 0.5), 0.5);
    add("VP(0.1,20) N(0,0.5) T=0.1", vp(0.1, 20, 0.1), gaussian_1d(0, 0.5), 0.1);
    add("VP(0.1,20) N(0,0.5) T=2", vp(0.1, 20, 2), gaussian_1d(0, 0.5), 2);
    add("VP(0.1,20) N(1,0.8) T=1", vp(0.1, 20, 1), gaussian_1d(1, 0.8), 1);
    add("VP(0.1,20) N(0,1.5) T=0.3", vp(0.1, 20, 0.3), gaussian_1d(0, 1.5), 0.3);
    add("VP(1,5) isotropic d=5 T=1", vp(1, 5, 1), gaussian_preset("isotropic", 5), 1);
    add("VP(0.1,20) N(0,0.01) T=0.5", vp(0.1, 20, 0.5), gaussian_1d(0, 0.01), 0.5);
    add("OU std (beta=2) N(1,0.5) T=2", make_standard_ou(), gaussian_1d(1, 0.5), 2);
    add("VP(0.1,20) N(0,4) T=1 (kappa=1/4)", vp(0.1, 20, 1), gaussian_1d(0, 4), 1);
    add("VP(0.1,20) N(0,1) T=1 (kappa=1: equality)", vp(0.1, 20, 1), gaussian_1d(0, 1), 1);
    return out;
  }

  // Three panels, one per quantity the two sides depend on (theory-notes C18): the horizon T,
  // the schedule (beta_max against B_T: the printed step uses beta_max T where the correct one
  // has B_T) and the data variance lambda (kappa = 1/lambda). The dimension enters only through
  // kappa = 1/lambda_max, so 1-D data cover it. Sampler not involved (continuous, N = 1).
  std::vector<Sweep> sweeps() const override {
    return claustre::cor510_step_sweeps(/*printed=*/false);
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(ClaustreCor510StepCorrected)
}
