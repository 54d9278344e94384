// GSO25 — Lipschitz constant of the score of p_t, corrected (theory-notes C2, D-2).
// Source: seed 000 (Ocello talk), slide "Propagation of Strong Concavity and Lipschitzness";
// paper: M. Gentiloni Silveri, A. Ocello, ICML 2025. Write-up: theory/gso25_lipschitz_sharp.md.
//
// Corrected statement (the printed one is gso25_lipschitz_printed): if π_data is log-concave
// and ∇log π_data is L₀-Lipschitz, then for dX = −X dt + √2 dW and every t ≥ 0
//   −∇²log p_t ≼ L*_t I,   L*_t = (e^{−2t}/L₀ + 1 − e^{−2t})^{−1}
//                                ≤ min{1/(1 − e^{−2t}), L₀e^{2t}},
// so ∇log p_t is L*_t-Lipschitz (log-concavity keeps −∇²log p_t ≽ 0, so the upper eigenvalue
// bound is the Lipschitz constant). For Gaussian data it is an equality:
// 1/λ_min(Σ_t) = 1/(e^{−2t}λ_min(Σ₀) + 1 − e^{−2t}).
//
// Convention: standard OU (any process numerically equal to it), any scheme (a property of p_t),
// upper bound evaluated at every grid time τ_k > 0; the reported point has the largest
// exact/L*_t. Both sides agree up to rounding on Gaussian data.
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

class Gso25LipschitzSharp final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "gso25_lipschitz_sharp",
        .title = "GSO25 Lipschitz constant of grad log p_t, corrected (sharp) constant",
        .source =
            "seed 000 (Ocello), slide 'Propagation of Strong Concavity and Lipschitzness' "
            "(corrected, theory-notes C2); Gentiloni Silveri, Ocello, ICML 2025",
        .statement =
            "Corrected form of the printed statement: if pi_data is log-concave and grad log "
            "pi_data is L_0-Lipschitz, grad log p_t is L*_t-Lipschitz with "
            "L*_t = 1/(e^{-2t}/L_0 + 1 - e^{-2t}) <= min{1/(1 - e^{-2t}), L_0 e^{2t}} "
            "(printed: min{1/(2(1 - e^{-2t})); L_0 e^{2t}})",
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
    const double inv_l0 = lam.minCoeff();  // 1/L₀ = λ_min(Σ₀)
    double worst_ratio = -1.0, t_worst = 0.0, exact = 0.0, bound = 0.0;
    for (int k = 0; k < cfg.grid.steps(); ++k) {
      const double t = cfg.grid.tau(k);
      const double ex = 1.0 / data.marginal(*cfg.process, t).var.minCoeff();
      const double b = 1.0 / (std::exp(-2.0 * t) * inv_l0 - std::expm1(-2.0 * t));
      if (ex / b > worst_ratio) {
        worst_ratio = ex / b;
        t_worst = t;
        exact = ex;
        bound = b;
      }
    }
    const double weaker =
        std::min(1.0 / (-std::expm1(-2.0 * t_worst)), std::exp(2.0 * t_worst) / inv_l0);

    BoundReport r = info().report(cfg);
    r.total = bound;
    r.exact = Estimate::exact(exact, "exact_closed_form");
    r.terms = {
        {"t", t_worst, "grid time where exact/L*_t is largest (the worst point)"},
        {"e^{-2t}/L_0", std::exp(-2.0 * t_worst) * inv_l0, "first term of 1/L*_t"},
        {"1-e^{-2t}", -std::expm1(-2.0 * t_worst),
         "second term of 1/L*_t: variance of the Gaussian noise added by time t"},
        {"L_0", 1.0 / inv_l0, "1/lambda_min(Sigma_0): Lipschitz constant of grad log pi_data"},
        {"min{1/(1-e^{-2t}), L_0 e^{2t}}", weaker,
         "the simpler (weaker) upper bound implied by L*_t"},
    };
    // No recursion: one closed form per direction and a min over d directions; the two sides
    // are equal for Gaussian data, so only rounding separates them.
    r.tolerance =
        exact_metric_rel_tol(1, data.dim()) * std::max(std::abs(r.exact.value), std::abs(r.total));
    r.hypotheses = {
        {"pi_data log-concave with L_0-Lipschitz score (Gaussian: 0 < lambda_min(Sigma_0))",
         inv_l0 > 0 && std::isfinite(inv_l0), fmt::format("L_0 = {:.6g}", 1.0 / inv_l0)},
    };
    r.decide();
    r.convention = fmt::format(
        "property of p_t for dX = -X dt + sqrt(2) dW (any scheme; {} ran); upper bound on "
        "1/lambda_min(Sigma_t), equality for Gaussian data; worst of {} grid times at t = {:.6g}",
        r.scheme, cfg.grid.steps(), t_worst);
    return r;
  }

  std::vector<Instance> instances() const override {
    std::vector<Instance> out;
    auto add = [&](std::string name, GaussianData data, double T, int N, Scheme s) {
      out.push_back({std::move(name), make_problem(make_standard_ou(), std::move(data), T, N, s),
                     Verdict::kHolds});
    };
    const auto diag = [](std::initializer_list<double> vars) {
      Vec v(static_cast<Eigen::Index>(vars.size()));
      Eigen::Index i = 0;
      for (double x : vars) v(i++) = x;
      return GaussianData(Vec::Zero(v.size()), Mat(v.asDiagonal()));
    };
    // The instances where the printed L_t is violated (gso25_lipschitz_printed).
    add("V18 N(0,1.5) T=1 N=1 em", gaussian_1d(0, 1.5), 1, 1, Scheme::kEulerMaruyama);
    add("N(1,0.6) T=2 N=20 ei", gaussian_1d(1, 0.6), 2, 20, Scheme::kExponentialIntegrator);
    add("diag(0.6,1,1.9) T=0.5 N=10 continuous", diag({0.6, 1.0, 1.9}), 0.5, 10,
        Scheme::kContinuous);
    add("isotropic d=50 T=5 N=50 em", gaussian_preset("isotropic", 50), 5, 50,
        Scheme::kEulerMaruyama);
    // And data the printed statement excludes.
    add("N(0,4) T=1 N=10 eir", gaussian_1d(0, 4), 1, 10, Scheme::kExponentialRenormalised);
    add("N(0,1e-4) T=0.01 N=10 em", gaussian_1d(0, 1e-4), 0.01, 10, Scheme::kEulerMaruyama);
    add("heteroscedastic d=10 T=3 N=30 eir", gaussian_preset("heteroscedastic", 10), 3, 30,
        Scheme::kExponentialRenormalised);
    add("correlated d=50 T=2 N=20 eir", gaussian_preset("correlated", 50), 2, 20,
        Scheme::kExponentialRenormalised);
    return out;
  }

  // Three panels (gso25.hpp): time t; the data variance s^2 = 1/L_0 over six decades (the
  // slide's min{C_0, L_0} > 1/2 is not needed) at three times; the presets against d at
  // t = 0.1 (lambda_min(Sigma_0) = 0.5, 0.01 from d = 2, decreasing in d for the correlated
  // preset).
  std::vector<Sweep> sweeps() const override {
    gso25::PropertyPanels p;
    p.bound_name = "L*_t (sharp upper bound)";
    p.t_variances = {0.1, 0.6, 1.9};
    p.times = {0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 1.0, 2.0, 4.0, 8.0};
    p.variance_times = {0.01, 0.5, 2.0};
    p.variances = {1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0, 100.0};
    p.preset_series = {{"isotropic", 0.1}, {"heteroscedastic", 0.1}, {"correlated", 0.1}};
    return gso25::property_sweeps(p);
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Gso25LipschitzSharp)
}
