// GSO25 — "L_t <= L_0" for the printed Lipschitz formula (theory-notes C2, D-3).
// Source: seed 000 (Ocello talk), slide "Propagation of Strong Concavity and Lipschitzness",
// last line "Moreover, C_t <= C_0 and L_t <= L_0, for t >= 0"; paper: M. Gentiloni Silveri,
// A. Ocello, ICML 2025. Write-up: theory/gso25_lipschitz_monotone_printed.md.
//
// Printed: with L_t = min{1/(2(1 − e^{−2t})), L₀e^{2t}} (the slide's formula) and under
// min{C₀, L₀} > 1/2, L_t <= L₀ for every t >= 0.
// The claim is about the formula: L_t > L₀ exactly when 1/(2(1 − e^{−2t})) > L₀, i.e. for
//   0 < t < t* = −½log(1 − 1/(2L₀))
// (the branch L₀e^{2t} > L₀ is then the min). So it is false on an interval (0, t*) for every L₀.
// The check evaluates the formula at every grid time τ_k > 0 and reports the largest L_t/L₀;
// a grid whose smallest positive time is ≥ t* does not see the failure (instances say which).
// Reported alongside, for the reader: the exact Lipschitz constant 1/λ_min(Σ_t) of ∇log p_t,
// which is ≤ L₀ at every t iff L₀ ≥ 1 (the stationary precision; theory-notes D-3).
//
// Convention: standard OU (any process numerically equal to it), any scheme (a statement about
// a formula for the marginals p_t, not about a sampler output).
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/theorems/gso25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class Gso25LipschitzMonotonePrinted final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "gso25_lipschitz_monotone_printed",
            .title = "GSO25 claim L_t <= L_0 for the printed Lipschitz formula",
            .source =
                "seed 000 (Ocello), slide 'Propagation of Strong Concavity and Lipschitzness', "
                "last line; Gentiloni Silveri, Ocello, ICML 2025",
            .statement =
                "Under min{C_0, L_0} > 1/2, with L_t = min{1/(2(1 - e^{-2t})); L_0 e^{2t}}: "
                "'Moreover, C_t <= C_0 and L_t <= L_0, for t >= 0'",
            .convention =
                "forward dX = -X dt + sqrt(2) dW; the slide's formula L_t evaluated at every grid "
                "time t = tau_k > 0 and compared with L_0 = 1/lambda_min(Sigma_0); any scheme",
            .metric = "printed_L_t",
            .need = Need::kMarginals};
  }

  bool applies(const Problem& cfg) const override { return is_standard_ou(*cfg.process, cfg.T()); }

  BoundReport check(const Problem& cfg, Outcome& /*out*/) const override {
    const GaussianData& data = cfg.gaussian();
    const double l0 = 1.0 / data.eigenvalues().minCoeff();
    // The formula at every grid time; the exact constant is only reported, at t_worst.
    double worst = -1.0, t_worst = 0.0;
    for (int k = 0; k < cfg.grid.steps(); ++k) {
      const double t = cfg.grid.tau(k);
      const double lt = gso25::printed_lipschitz(l0, t).value();
      if (lt > worst) {
        worst = lt;
        t_worst = t;
      }
    }
    // L_t > L₀ iff 1 − e^{−2t} < 1/(2L₀); for L₀ ≤ 1/2 that is every t > 0.
    const double t_star =
        l0 > 0.5 ? -0.5 * std::log1p(-0.5 / l0) : std::numeric_limits<double>::infinity();
    const double true_lip = 1.0 / data.marginal(*cfg.process, t_worst).var.minCoeff();

    BoundReport r = info().report(cfg);
    r.total = l0;
    r.exact = Estimate::exact(worst, "exact_closed_form");
    r.terms = {
        {"t", t_worst, "grid time where the printed L_t is largest (the worst point)"},
        {"L_0", l0, "1/lambda_min(Sigma_0): the claimed upper bound"},
        {"t_star", t_star,
         "-1/2 log(1 - 1/(2 L_0)): the formula exceeds L_0 for every t in (0, t_star)"},
        {"exact Lip(grad log p_t)", true_lip,
         "1/lambda_min(Sigma_t) at t: <= L_0 for all t iff L_0 >= 1 (theory-notes D-3)"},
    };
    // Both sides are closed forms of one direction: no recursion.
    r.tolerance =
        exact_metric_rel_tol(1, data.dim()) * std::max(std::abs(r.exact.value), std::abs(r.total));
    r.hypotheses = {gso25::printed_hypothesis(data)};
    r.decide();
    r.convention = fmt::format(
        "the slide's formula L_t for dX = -X dt + sqrt(2) dW against L_0, at {} grid times "
        "(worst t = {:.6g}; the claim fails for t < {:.6g}); any scheme ({} ran)",
        cfg.grid.steps(), t_worst, t_star, r.scheme);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou();
    return instance_table({
        // theory-notes D-3: L_0 = 2/3, t = 0.01 (t* = 0.693).
        {"D-3 N(0,1.5) T=0.01 N=1 em", ou, gaussian_1d(0, 1.5), 0.01, 1, kEulerMaruyama, kViolated},
        {"N(0,1.5) T=1 N=100 eir", ou, gaussian_1d(0, 1.5), 1, 100, kExponentialRenormalised,
         kViolated},
        // L_0 = 2, t* = 0.144: a grid with a time below t* sees the failure, a coarser one does
        // not.
        {"N(1,0.5) T=1 N=10 ei", ou, gaussian_1d(1, 0.5), 1, 10, kExponentialIntegrator, kViolated},
        {"isotropic d=50 T=2 N=40 em", ou, gaussian_preset("isotropic", 50), 2, 40, kEulerMaruyama,
         kViolated},
        {"N(1,0.5) T=1 N=5 ei (all t >= 0.2 > t*)", ou, gaussian_1d(1, 0.5), 1, 5,
         kExponentialIntegrator},
        {"N(0,0.1) T=3 N=3 continuous (t*=0.026)", ou, gaussian_1d(0, 0.1), 3, 3, kContinuous},
        // C_0 <= 1/2.
        {"N(0,4) T=1 N=10 em", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kHypothesesFail},
    });
  }

  // Three panels (gso25.hpp): time t, the claim failing on (0, t*), t* = -1/2 log(1 - s^2/2)
  // (theory-notes D-3); the data variance s^2 = 1/L_0 at three times, failing iff t < t*, i.e.
  // s^2 > 2(1 - e^{-2t}) (0.04, 0.36, 1.26), with s^2 >= 2 breaking min{C_0, L_0} > 1/2 (the
  // bound L_0 = 1/s^2 does not depend on t: drawn once); the presets against d at t = 0.1:
  // L_0 = 2 (isotropic, t* = 0.144: fails), 100 from d = 2 (heteroscedastic, t* = 0.0025:
  // holds), correlated (lambda_max breaks the hypothesis from d = 3).
  std::vector<Sweep> sweeps() const override {
    return gso25::property_sweeps({
        .bound_name = "L_0 (claimed bound on L_t)",
        .series_suffix = ": printed L_t",
        .t_variances = {0.1, 0.5, 1.5},
        .times = {0.003, 0.01, 0.03, 0.1, 0.2, 0.4, 0.7, 1.0, 2.0, 4.0},
        .variance_times = {0.01, 0.1, 0.5},
        .variances = {0.01, 0.03, 0.1, 0.3, 0.6, 1.0, 1.5, 1.9, 3.0},
        .variance_label = "data variance s^2 (1-D, mean 0; hypothesis needs s^2 < 2)",
        .bound_independent_of_t = true,
        .preset_series = {{"isotropic", 0.1}, {"heteroscedastic", 0.1}, {"correlated", 0.1}},
    });
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Gso25LipschitzMonotonePrinted)
}
