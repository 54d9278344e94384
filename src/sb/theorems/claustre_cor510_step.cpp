// Seed 004, proof of Corollary 5.10 — the step u_VP(T) <= β_max(1 + 2h − 2 min(κ,1))T, as
// printed (claustre_cor510_step), and corrected to u_VP(T) <= c B_T
// (claustre_cor510_step_corrected) (theory-notes C18, D-18). Write-ups:
// theory/claustre_cor510_step.md, theory/claustre_cor510_step_corrected.md.
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
// Printed: the claim is made for every h in (0, min(κ,1) − ½). Both sides are affine in h with
// slopes 2B_T (left) and 2β_max T (right), and B_T <= β_max T, so the claim is hardest as h → 0:
// the check evaluates exact = u_VP(T)|_{h=0} against bound = β_max(1 − 2 min(κ,1))T (violated
// there means violated for all small h > 0 by continuity). The slopes are reported as terms, so
// the value at any h (e.g. theory-notes D-18's h = 0.01) is exact + 2hB_T vs bound + 2hβ_max T.
// Hypothesis κ > ½ as in the corollary.
// Corrected: with a(s) >= min(κ, 1) (the exact strong log-concavity constant of p_s never falls
// below it), u_VP(T) <= (1 + 2h − 2 min(κ,1)) B_T = c B_T for every h and every κ > 0; the gap
// u_VP(T) − c B_T = 2∫₀ᵀ β(min(κ,1) − a(s)) ds does not depend on h: evaluated at h = 0.
// Convention (both): a property of the VP forward process and the data (sampler not involved);
// VP recognised numerically. Tolerance exact_metric_rel_tol(1, d)·max(|exact|, |bound|) (closed
// forms).
#include <fmt/format.h>

#include <cmath>

#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;
using cl::Reading;

class ClaustreCor510Step final : public TheoremCheck {
 public:
  explicit ClaustreCor510Step(Reading reading) : printed_(reading == Reading::kPrinted) {}

  TheoremInfo info() const override {
    if (printed_)
      return {
          .id = "claustre_cor510_step",
          .title = "Seed 004 Cor 5.10 proof: u_VP(T) <= beta_max c T, as printed",
          .source = "seed 004 (Claustre report), Appendix B.4 (proof of Corollary 5.10)",
          .statement =
              "u_VP(T) <= int_0^T beta(s)(1 + 2h - 2 min(kappa,1)) ds <= beta_max (1 + 2h - 2 "
              "min(kappa,1)) T, and u_VP(T) - u_VP(T-t) <= beta_max (1 + 2h - 2 min(kappa,1)) t",
          .convention =
              "VP forward process with kappa-SLC data (exact SLC constant of p_s); independent "
              "of the sampler; evaluated at the hardest admissible h (h -> 0)",
          .metric = "u_vp",
          .need = Need::kMarginals};
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
    const double correct = (1 - 2 * k) * beta.B_T;  // c B_T at h = 0

    BoundReport r = info().report(cfg);
    if (printed_) {
      r.terms = {
          {"beta_max (1 - 2 min(kappa,1)) T", beta.max * (1 - 2 * k) * T,
           "the printed bound at h -> 0"},
          {"(1 - 2 min(kappa,1)) B_T", correct,
           "the correct bound c B_T at h -> 0 (claustre_cor510_step_corrected); not part of the "
           "bound"},
          {"2 B_T", 2 * beta.B_T, "slope in h of u_VP(T)"},
          {"2 beta_max T", 2 * beta.max * T, "slope in h of the printed bound"},
      };
      r.hypotheses = {{"kappa > 1/2 (so c < 0 for every admissible h)", kappa > 0.5,
                       fmt::format("kappa = 1/lambda_max = {:.6g}", kappa)}};
      r.convention = fmt::format(
          "property of the VP process and the data (sampler not involved); h -> 0; beta in "
          "[{:.4g}, {:.4g}], B_T = {:.6g}",
          beta.min, beta.max, beta.B_T);
    } else {
      r.terms = {
          {"(1 - 2 min(kappa,1)) B_T", correct, "c B_T at h = 0"},
          {"kappa", kappa, "strong log-concavity of the data, 1/lambda_max"},
      };
      r.hypotheses = {{"kappa > 0 (strongly log-concave data)", kappa > 0,
                       fmt::format("kappa = {:.6g}", kappa)}};
      r.convention = fmt::format(
          "property of the VP process and the data (sampler not involved); B_T = {:.6g}", beta.B_T);
    }
    r.total = r.terms[0].value;
    r.exact = Estimate::exact(cl::u_vp(0.0, beta.B_T, kappa), "exact_closed_form");
    r.tolerance = exact_metric_rel_tol(1, cfg.gaussian().dim()) *
                  std::max(std::abs(r.exact.value), std::abs(r.total));
    r.decide();
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const auto vp = [](double bmin, double bmax, double T) {
      return make_vp(make_linear_schedule(bmin, bmax, T));
    };
    const GaussianData iso5 = gaussian_preset("isotropic", 5);
    if (printed_)
      return instance_table({
          // theory-notes D-18: VP(0.1, 20), T = 0.5, data N(0, 0.5).
          {"D-18 VP(0.1,20) N(0,0.5) T=0.5", vp(0.1, 20, 0.5), gaussian_1d(0, 0.5), 0.5, 1,
           kContinuous, kViolated},
          {"VP(0.1,20) N(0,0.5) T=0.1", vp(0.1, 20, 0.1), gaussian_1d(0, 0.5), 0.1, 1, kContinuous,
           kViolated},
          {"VP(0.1,20) N(0,0.5) T=2", vp(0.1, 20, 2), gaussian_1d(0, 0.5), 2, 1, kContinuous,
           kViolated},
          {"VP(0.1,20) N(1,0.8) T=1", vp(0.1, 20, 1), gaussian_1d(1, 0.8), 1, 1, kContinuous,
           kViolated},
          {"VP(0.1,20) N(0,0.9) T=0.5 (kappa=1.11)", vp(0.1, 20, 0.5), gaussian_1d(0, 0.9), 0.5, 1,
           kContinuous, kViolated},
          // kappa = 2/3 (c = -1/3): the first step a(s) >= min(kappa,1) leaves enough slack.
          {"VP(0.1,20) N(0,1.5) T=0.3 (kappa=2/3)", vp(0.1, 20, 0.3), gaussian_1d(0, 1.5), 0.3, 1,
           kContinuous, kHolds},
          {"VP(1,5) isotropic d=5 T=1", vp(1, 5, 1), iso5, 1, 1, kContinuous, kViolated},
          // Very concentrated data: a(s) >> 1 at small s gives enough slack.
          {"VP(0.1,20) N(0,0.01) T=0.5 (kappa=100)", vp(0.1, 20, 0.5), gaussian_1d(0, 0.01), 0.5, 1,
           kContinuous, kHolds},
          // Constant beta: beta_max T = B_T and the printed step is the correct one.
          {"OU std (beta=2) N(1,0.5) T=2", make_standard_ou(), gaussian_1d(1, 0.5), 2, 1,
           kContinuous, kHolds},
          {"VP(0.1,20) N(0,4) T=1 (kappa=1/4)", vp(0.1, 20, 1), gaussian_1d(0, 4), 1, 1,
           kContinuous, kHypothesesFail},
      });
    return instance_table({
        {"D-18 VP(0.1,20) N(0,0.5) T=0.5", vp(0.1, 20, 0.5), gaussian_1d(0, 0.5), 0.5, 1,
         kContinuous},
        {"VP(0.1,20) N(0,0.5) T=0.1", vp(0.1, 20, 0.1), gaussian_1d(0, 0.5), 0.1, 1, kContinuous},
        {"VP(0.1,20) N(0,0.5) T=2", vp(0.1, 20, 2), gaussian_1d(0, 0.5), 2, 1, kContinuous},
        {"VP(0.1,20) N(1,0.8) T=1", vp(0.1, 20, 1), gaussian_1d(1, 0.8), 1, 1, kContinuous},
        {"VP(0.1,20) N(0,1.5) T=0.3", vp(0.1, 20, 0.3), gaussian_1d(0, 1.5), 0.3, 1, kContinuous},
        {"VP(1,5) isotropic d=5 T=1", vp(1, 5, 1), iso5, 1, 1, kContinuous},
        {"VP(0.1,20) N(0,0.01) T=0.5", vp(0.1, 20, 0.5), gaussian_1d(0, 0.01), 0.5, 1, kContinuous},
        {"OU std (beta=2) N(1,0.5) T=2", make_standard_ou(), gaussian_1d(1, 0.5), 2, 1,
         kContinuous},
        {"VP(0.1,20) N(0,4) T=1 (kappa=1/4)", vp(0.1, 20, 1), gaussian_1d(0, 4), 1, 1, kContinuous},
        {"VP(0.1,20) N(0,1) T=1 (kappa=1: equality)", vp(0.1, 20, 1), gaussian_1d(0, 1), 1, 1,
         kContinuous},
    });
  }

  // Three panels, one per quantity the two sides depend on (theory-notes C18): the horizon T,
  // the schedule (beta_max against B_T: the printed step uses beta_max T where the correct one
  // has B_T) and the data variance lambda (kappa = 1/lambda). The dimension enters only through
  // kappa = 1/lambda_max, so 1-D data cover it. Sampler not involved (continuous, N = 1).
  std::vector<Sweep> sweeps() const override {
    const std::string y_text = printed_ ? "y = u_VP(T), h -> 0" : "y = u_VP(T), h = 0";
    const auto at = [](double bmin, double bmax, double var, double T) {
      return make_problem(make_vp(make_linear_schedule(bmin, bmax, T)), gaussian_1d(0, var), T, 1,
                          Scheme::kContinuous);
    };
    const auto at_T = [&](double var) { return [=](double T) { return at(0.1, 20, var, T); }; };
    const auto at_bmax = [&](double bmin, double var) {
      return [=](double bmax) { return at(bmin, bmax, var, 1.0); };
    };
    const auto at_var = [&](double bmin, double bmax, double T) {
      return [=](double var) { return at(bmin, bmax, var, T); };
    };
    std::vector<Sweep> out;
    // Panel 1: horizon T, VP(0.1, 20) rescaled to [0, T]. For kappa = 100 min(kappa, 1) = 1 as
    // for kappa = 2: the same bound.
    cl::add_panel(out, "horizon T (VP beta 0.1 -> 20 on [0, T]); " + y_text,
                  {0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0},
                  {{"no sampler, N(0,0.5) (kappa=2)", at_T(0.5)},
                   {"no sampler, N(0,1.5) (kappa=2/3)", at_T(1.5)},
                   {"no sampler, N(0,0.01) (kappa=100) (bound shared)", at_T(0.01), false}});
    // Panel 2: the schedule, beta_max of a linear beta_min -> beta_max on [0, T]; beta_max =
    // beta_min is a constant beta, where beta_max T = B_T. The printed bound
    // beta_max (1 - 2 min(kappa, 1)) T does not depend on beta_min; the corrected one does
    // (through B_T). The last series has the bound of the first (min(kappa, 1) = 1).
    cl::add_panel(
        out,
        "beta_max of the VP schedule (linear beta_min -> beta_max on [0, 1], T = 1); " + y_text,
        {0.1, 0.3, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0},
        {{"no sampler, N(0,0.5) (kappa=2), beta_min=0.1", at_bmax(0.1, 0.5)},
         {"no sampler, N(0,1.5) (kappa=2/3), beta_min=0.1", at_bmax(0.1, 1.5)},
         {.name = std::string("no sampler, N(0,0.5) (kappa=2), beta_min=1") +
                  (printed_ ? " (bound shared)" : ""),
          .at = at_bmax(1.0, 0.5),
          .draw_bound = !printed_,
          .x_min = 1.0},
         {"no sampler, N(0,0.01) (kappa=100), beta_min=0.1 (bound shared)", at_bmax(0.1, 0.01),
          false}});
    // Panel 3: the data variance lambda (kappa = 1/lambda; 1-D, mean 0). For the printed step
    // lambda >= 2 is kappa <= 1/2: the hypothesis fails (shown); the corrected step allows every
    // kappa > 0.
    cl::add_panel(out, "data variance lambda = 1/kappa (1-D data N(0, lambda)); " + y_text,
                  printed_ ? std::vector<double>{0.01, 0.03, 0.1, 0.3, 0.5, 0.8, 1.0, 1.5, 1.9, 3.0}
                           : std::vector<double>{0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 2.0, 4.0, 10.0},
                  {{"no sampler, VP(0.1,20), T=0.5", at_var(0.1, 20, 0.5)},
                   {"no sampler, VP(0.1,20), T=2", at_var(0.1, 20, 2.0)},
                   {"no sampler, VP(1,5), T=1", at_var(1.0, 5.0, 1.0)}});
    return out;
  }

 private:
  bool printed_;
};

}  // namespace

SB_REGISTER_THEOREM(ClaustreCor510Step, Reading::kPrinted)
SB_REGISTER_THEOREM(ClaustreCor510Step, Reading::kCorrected)

}  // namespace sb::theorems
