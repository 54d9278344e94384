// GSO25 — propagation of Lipschitzness of the score, as printed (theory-notes C2, D-2).
// Source: seed 000 (Ocello talk), slide "Propagation of Strong Concavity and Lipschitzness";
// paper: M. Gentiloni Silveri, A. Ocello, ICML 2025. Write-up: theory/gso25_lipschitz_printed.md.
//
// Printed: if π_data is C₀-strongly log-concave, ∇log π_data is L₀-Lipschitz and
// min{C₀, L₀} > 1/2, then for every t ∈ (0, T] ∇log p_t (p_t the marginal of
// dX = −X dt + √2 dW) is L_t-Lipschitz with
//   L_t = min{ 1/(2(1 − e^{−2t})), L₀ e^{2t} }     (an upper bound on Lip(∇log p_t)).
//
// Convention: standard OU (any process numerically equal to it), any scheme (a property of p_t);
// evaluated at every grid time τ_k > 0 and reported at the largest exact/L_t. For Gaussian data
// Lip(∇log p_t) = 1/λ_min(Σ_t) with Σ_t = e^{−2t}Σ₀ + (1 − e^{−2t})I, and L₀ = 1/λ_min(Σ₀).
// Theory-notes D-2: the branch L₀e^{2t} is always valid, the branch 1/(2(1 − e^{−2t})) is below
// the exact constant exactly when t > ½log(1 + λ_min(Σ₀)); that branch is the one of the
// convention dX = −X dt + 2 dW (stationary variance 2), not of the √2 process the slide names.
// The corrected statement is gso25_lipschitz_sharp; the claim "L_t <= L_0" is
// gso25_lipschitz_monotone_printed.
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sb/core/tolerance.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/theorems/gso25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class Gso25LipschitzPrinted final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "gso25_lipschitz_printed",
        .title = "GSO25 propagated Lipschitz constant L_t of the score (as printed)",
        .source =
            "seed 000 (Ocello), slide 'Propagation of Strong Concavity and Lipschitzness'; "
            "Gentiloni Silveri, Ocello, ICML 2025",
        .statement =
            "If pi_data is C_0-strongly log-concave, grad log pi_data is L_0-Lipschitz and "
            "min{C_0, L_0} > 1/2, then for t in (0, T] grad log p_t is L_t-Lipschitz with "
            "L_t = min{1/(2(1 - e^{-2t})); L_0 e^{2t}}",
        .convention =
            "forward dX = -X dt + sqrt(2) dW; a property of the marginals p_t, so every scheme; "
            "checked at every grid time t = tau_k > 0 as an upper bound on 1/lambda_min(Sigma_t)",
        .metric = "lipschitz_constant",
        .need = Need::kMarginals};
  }

  bool applies(const Problem& cfg) const override { return is_standard_ou(*cfg.process, cfg.T()); }

  BoundReport check(const Problem& cfg, Outcome& /*out*/) const override {
    const GaussianData& data = cfg.gaussian();
    const Vec& lam = data.eigenvalues();
    const double c0 = 1.0 / lam.maxCoeff(), l0 = 1.0 / lam.minCoeff();
    double worst_ratio = -1.0, t_worst = 0.0, exact = 0.0, branch1 = 0.0, branch2 = 0.0;
    for (int k = 0; k < cfg.grid.steps(); ++k) {
      const double t = cfg.grid.tau(k);
      const double ex = 1.0 / data.marginal(*cfg.process, t).var.minCoeff();
      const double b1 = 1.0 / (-2.0 * std::expm1(-2.0 * t));  // 1/(2(1 − e^{−2t}))
      const double b2 = l0 * std::exp(2.0 * t);               // L₀ e^{2t}
      if (ex / std::min(b1, b2) > worst_ratio) {
        worst_ratio = ex / std::min(b1, b2);
        t_worst = t;
        exact = ex;
        branch1 = b1;
        branch2 = b2;
      }
    }
    // D-2: the first branch is below 1/λ_min(Σ_t) iff t > ½log(1 + λ_min(Σ₀)).
    const double t_fail = 0.5 * std::log1p(lam.minCoeff());

    BoundReport r = info().report(cfg);
    r.total = std::min(branch1, branch2);
    r.exact = Estimate::exact(exact, "exact_closed_form");
    r.terms = {
        {"t", t_worst, "grid time where exact/L_t is largest (the worst point)"},
        {"1/(2(1-e^{-2t}))", branch1,
         "first branch of the min (right for dX=-X dt+2dW, too small for the sqrt(2) process)"},
        {"L_0 e^{2t}", branch2, "second branch of the min (always valid)"},
        {"L_0", l0, "1/lambda_min(Sigma_0): Lipschitz constant of grad log pi_data"},
        {"t_fail", t_fail,
         "1/2 log(1 + lambda_min(Sigma_0)): the printed L_t is below the exact constant for "
         "every t > t_fail (theory-notes D-2)"},
    };
    // No recursion: one closed form per direction and a min over d directions.
    r.tolerance =
        exact_metric_rel_tol(1, data.dim()) * std::max(std::abs(r.exact.value), std::abs(r.total));
    r.hypotheses = {
        {"min{C_0, L_0} > 1/2", std::min(c0, l0) > 0.5,
         fmt::format("C_0 = {:.6g}, L_0 = {:.6g}", c0, l0)},
    };
    r.decide();
    r.convention = fmt::format(
        "property of p_t for dX = -X dt + sqrt(2) dW (any scheme; {} ran); upper bound on "
        "1/lambda_min(Sigma_t), worst of {} grid times at t = {:.6g} (violated iff t > {:.6g})",
        r.scheme, cfg.grid.steps(), t_worst, t_fail);
    return r;
  }

  std::vector<Instance> instances() const override {
    std::vector<Instance> out;
    auto add = [&](std::string name, GaussianData data, double T, int N, Scheme s, Verdict v) {
      out.push_back(
          {std::move(name), make_problem(make_standard_ou(), std::move(data), T, N, s), v});
    };
    const auto diag = [](std::initializer_list<double> vars) {
      Vec v(static_cast<Eigen::Index>(vars.size()));
      Eigen::Index i = 0;
      for (double x : vars) v(i++) = x;
      return GaussianData(Vec::Zero(v.size()), Mat(v.asDiagonal()));
    };
    // Violated beyond t_fail = ½log(1 + λ_min) (theory-notes D-2, V18).
    add("V18 N(0,1.5) T=1 N=1 em (t_fail=0.458)", gaussian_1d(0, 1.5), 1, 1, Scheme::kEulerMaruyama,
        Verdict::kViolated);
    add("N(0,1.5) T=1 N=10 eir", gaussian_1d(0, 1.5), 1, 10, Scheme::kExponentialRenormalised,
        Verdict::kViolated);
    add("N(1,0.6) T=2 N=20 ei (t_fail=0.235)", gaussian_1d(1, 0.6), 2, 20,
        Scheme::kExponentialIntegrator, Verdict::kViolated);
    add("diag(0.6,1,1.9) T=0.5 N=10 continuous", diag({0.6, 1.0, 1.9}), 0.5, 10,
        Scheme::kContinuous, Verdict::kViolated);
    add("isotropic d=50 T=5 N=50 em (t_fail=0.203)", gaussian_preset("isotropic", 50), 5, 50,
        Scheme::kEulerMaruyama, Verdict::kViolated);
    // Short horizons: every grid time is below t_fail, the printed L_t holds.
    add("N(0,1.5) T=0.4 N=4 em", gaussian_1d(0, 1.5), 0.4, 4, Scheme::kEulerMaruyama,
        Verdict::kHolds);
    add("N(0,1.9) T=0.5 N=10 eir (t_fail=0.532)", gaussian_1d(0, 1.9), 0.5, 10,
        Scheme::kExponentialRenormalised, Verdict::kHolds);
    add("diag(0.6,1,1.9) T=0.2 N=10 continuous", diag({0.6, 1.0, 1.9}), 0.2, 10,
        Scheme::kContinuous, Verdict::kHolds);
    // C_0 <= 1/2: outside the printed hypotheses.
    add("N(0,4) T=1 N=10 em", gaussian_1d(0, 4), 1, 10, Scheme::kEulerMaruyama,
        Verdict::kHypothesesFail);
    add("correlated d=50 T=2 N=20 eir", gaussian_preset("correlated", 50), 2, 20,
        Scheme::kExponentialRenormalised, Verdict::kHypothesesFail);
    return out;
  }

  // Three panels (gso25.hpp): time t, violated beyond t_fail = 1/2 log(1 + s^2) (theory-notes
  // D-2); the data variance s^2 = 1/L_0 at three times, violated iff s^2 < e^{2t} - 1 (0.22,
  // 1.72, 53.6), with s^2 >= 2 breaking min{C_0, L_0} > 1/2; the presets against d:
  // lambda_min(Sigma_0) is 0.5 (isotropic, t_fail = 0.20), 0.01 from d = 2 (heteroscedastic,
  // t_fail = 0.005) and decreasing in d (correlated, whose lambda_max breaks the hypothesis
  // from d = 3), at t = 0.1, plus the isotropic preset at t = 1.
  std::vector<Sweep> sweeps() const override {
    gso25::PropertyPanels p;
    p.bound_name = "printed L_t (upper bound)";
    p.t_variances = {0.6, 1.0, 1.9};
    p.times = {0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 1.0, 2.0, 4.0, 8.0};
    p.variance_times = {0.1, 0.5, 2.0};
    p.variances = {0.01, 0.03, 0.1, 0.3, 0.6, 1.0, 1.5, 1.9, 3.0, 10.0};
    p.variance_label = "data variance s^2 (1-D, mean 0; hypothesis needs s^2 < 2)";
    p.preset_series = {
        {"isotropic", 0.1}, {"heteroscedastic", 0.1}, {"correlated", 0.1}, {"isotropic", 1.0}};
    return gso25::property_sweeps(p);
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Gso25LipschitzPrinted)
}
