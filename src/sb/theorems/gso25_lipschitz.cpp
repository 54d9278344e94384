// GSO25 — propagation of Lipschitzness of the score, as printed and corrected, one class
// registered twice (theory-notes C2, D-2):
//   gso25_lipschitz_printed  the printed constant (write-up: theory/gso25_lipschitz_printed.md);
//   gso25_lipschitz_sharp    the corrected (sharp) constant (theory/gso25_lipschitz_sharp.md).
// The claim "L_t <= L_0" about the printed formula is gso25_lipschitz_monotone_printed.
// Source: seed 000 (Ocello talk), slide "Propagation of Strong Concavity and Lipschitzness";
// paper: M. Gentiloni Silveri, A. Ocello, ICML 2025.
//
// Printed: if π_data is C₀-strongly log-concave, ∇log π_data is L₀-Lipschitz and
// min{C₀, L₀} > 1/2, then for every t ∈ (0, T] ∇log p_t (p_t the marginal of
// dX = −X dt + √2 dW) is L_t-Lipschitz with
//   L_t = min{ 1/(2(1 − e^{−2t})), L₀ e^{2t} }     (an upper bound on Lip(∇log p_t)).
// Theory-notes D-2: the branch L₀e^{2t} is always valid, the branch 1/(2(1 − e^{−2t})) is below
// the exact constant exactly when t > ½log(1 + λ_min(Σ₀)); that branch is the one of the
// convention dX = −X dt + 2 dW (stationary variance 2), not of the √2 process the slide names.
//
// Corrected: if π_data is log-concave and ∇log π_data is L₀-Lipschitz, then for
// dX = −X dt + √2 dW and every t ≥ 0
//   −∇²log p_t ≼ L*_t I,   L*_t = (e^{−2t}/L₀ + 1 − e^{−2t})^{−1}
//                                ≤ min{1/(1 − e^{−2t}), L₀e^{2t}},
// so ∇log p_t is L*_t-Lipschitz (log-concavity keeps −∇²log p_t ≽ 0, so the upper eigenvalue
// bound is the Lipschitz constant). For Gaussian data it is an equality:
// 1/λ_min(Σ_t) = 1/(e^{−2t}λ_min(Σ₀) + 1 − e^{−2t}), so both sides agree up to rounding.
//
// Convention: standard OU (any process numerically equal to it), any scheme (a property of p_t);
// evaluated at every grid time τ_k > 0 and reported at the largest exact/L_t. For Gaussian data
// Lip(∇log p_t) = 1/λ_min(Σ_t) (gso25.hpp).
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/theorems/gso25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

using gso25::gaussian_diag, gso25::Reading;

class Gso25Lipschitz final : public TheoremCheck {
 public:
  explicit Gso25Lipschitz(Reading reading) : reading_(reading) {}

  TheoremInfo info() const override {
    return {
        .id = printed() ? "gso25_lipschitz_printed" : "gso25_lipschitz_sharp",
        .title = printed() ? "GSO25 propagated Lipschitz constant L_t of the score (as printed)"
                           : "GSO25 Lipschitz constant of grad log p_t, corrected (sharp) constant",
        .source = gso25::source(reading_),
        .statement =
            printed()
                ? "If pi_data is C_0-strongly log-concave, grad log pi_data is L_0-Lipschitz and "
                  "min{C_0, L_0} > 1/2, then for t in (0, T] grad log p_t is L_t-Lipschitz with "
                  "L_t = min{1/(2(1 - e^{-2t})); L_0 e^{2t}}"
                : "Corrected form of the printed statement: if pi_data is log-concave and grad "
                  "log pi_data is L_0-Lipschitz, grad log p_t is L*_t-Lipschitz with "
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
    const double inv_l0 = data.eigenvalues().minCoeff();  // 1/L₀ = λ_min(Σ₀)
    const double l0 = 1.0 / inv_l0;
    const gso25::WorstTime w = gso25::worst_time(cfg, BoundSide::kUpper, [&](double t) {
      return printed() ? gso25::printed_lipschitz(l0, t).value() : gso25::sharp_constant(inv_l0, t);
    });

    BoundReport r = info().report(cfg);
    r.total = w.bound;
    r.exact = Estimate::exact(w.exact, "exact_closed_form");
    // D-2: the first printed branch is below 1/λ_min(Σ_t) iff t > ½log(1 + λ_min(Σ₀)).
    const double t_fail = 0.5 * std::log1p(inv_l0);
    if (printed()) {
      const gso25::PrintedLipschitz b = gso25::printed_lipschitz(l0, w.t);
      r.terms = {
          {"t", w.t, "grid time where exact/L_t is largest (the worst point)"},
          {"1/(2(1-e^{-2t}))", b.first,
           "first branch of the min (right for dX=-X dt+2dW, too small for the sqrt(2) process)"},
          {"L_0 e^{2t}", b.second, "second branch of the min (always valid)"},
          {"L_0", l0, "1/lambda_min(Sigma_0): Lipschitz constant of grad log pi_data"},
          {"t_fail", t_fail,
           "1/2 log(1 + lambda_min(Sigma_0)): the printed L_t is below the exact constant for "
           "every t > t_fail (theory-notes D-2)"},
      };
      r.hypotheses = {gso25::printed_hypothesis(data)};
    } else {
      r.terms = {
          {"t", w.t, "grid time where exact/L*_t is largest (the worst point)"},
          {"e^{-2t}/L_0", std::exp(-2.0 * w.t) * inv_l0, "first term of 1/L*_t"},
          {"1-e^{-2t}", -std::expm1(-2.0 * w.t),
           "second term of 1/L*_t: variance of the Gaussian noise added by time t"},
          {"L_0", l0, "1/lambda_min(Sigma_0): Lipschitz constant of grad log pi_data"},
          {"min{1/(1-e^{-2t}), L_0 e^{2t}}",
           std::min(1.0 / (-std::expm1(-2.0 * w.t)), std::exp(2.0 * w.t) / inv_l0),
           "the simpler (weaker) upper bound implied by L*_t"},
      };
      r.hypotheses = {
          {"pi_data log-concave with L_0-Lipschitz score (Gaussian: 0 < lambda_min(Sigma_0))",
           inv_l0 > 0 && std::isfinite(inv_l0), fmt::format("L_0 = {:.6g}", l0)}};
    }
    // No recursion: one closed form per direction and a min over d directions (for the sharp
    // constant the two sides are equal on Gaussian data, so only rounding separates them).
    r.tolerance =
        exact_metric_rel_tol(1, data.dim()) * std::max(std::abs(r.exact.value), std::abs(r.total));
    r.decide();
    r.convention = fmt::format(
        "property of p_t for dX = -X dt + sqrt(2) dW (any scheme; {} ran); upper bound on "
        "1/lambda_min(Sigma_t), {}worst of {} grid times at t = {:.6g}{}",
        r.scheme, printed() ? "" : "equality for Gaussian data; ", cfg.grid.steps(), w.t,
        printed() ? fmt::format(" (violated iff t > {:.6g})", t_fail) : "");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou();
    if (printed())
      return instance_table({
          // Violated beyond t_fail = ½log(1 + λ_min) (theory-notes D-2, V18).
          {"V18 N(0,1.5) T=1 N=1 em (t_fail=0.458)", ou, gaussian_1d(0, 1.5), 1, 1, kEulerMaruyama,
           kViolated},
          {"N(0,1.5) T=1 N=10 eir", ou, gaussian_1d(0, 1.5), 1, 10, kExponentialRenormalised,
           kViolated},
          {"N(1,0.6) T=2 N=20 ei (t_fail=0.235)", ou, gaussian_1d(1, 0.6), 2, 20,
           kExponentialIntegrator, kViolated},
          {"diag(0.6,1,1.9) T=0.5 N=10 continuous", ou, gaussian_diag({0.6, 1.0, 1.9}), 0.5, 10,
           kContinuous, kViolated},
          {"isotropic d=50 T=5 N=50 em (t_fail=0.203)", ou, gaussian_preset("isotropic", 50), 5, 50,
           kEulerMaruyama, kViolated},
          // Short horizons: every grid time is below t_fail, the printed L_t holds.
          {"N(0,1.5) T=0.4 N=4 em", ou, gaussian_1d(0, 1.5), 0.4, 4, kEulerMaruyama},
          {"N(0,1.9) T=0.5 N=10 eir (t_fail=0.532)", ou, gaussian_1d(0, 1.9), 0.5, 10,
           kExponentialRenormalised},
          {"diag(0.6,1,1.9) T=0.2 N=10 continuous", ou, gaussian_diag({0.6, 1.0, 1.9}), 0.2, 10,
           kContinuous},
          // C_0 <= 1/2: outside the printed hypotheses.
          {"N(0,4) T=1 N=10 em", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kHypothesesFail},
          {"correlated d=50 T=2 N=20 eir", ou, gaussian_preset("correlated", 50), 2, 20,
           kExponentialRenormalised, kHypothesesFail},
      });
    return instance_table({
        // The instances where the printed L_t is violated (gso25_lipschitz_printed).
        {"V18 N(0,1.5) T=1 N=1 em", ou, gaussian_1d(0, 1.5), 1, 1, kEulerMaruyama},
        {"N(1,0.6) T=2 N=20 ei", ou, gaussian_1d(1, 0.6), 2, 20, kExponentialIntegrator},
        {"diag(0.6,1,1.9) T=0.5 N=10 continuous", ou, gaussian_diag({0.6, 1.0, 1.9}), 0.5, 10,
         kContinuous},
        {"isotropic d=50 T=5 N=50 em", ou, gaussian_preset("isotropic", 50), 5, 50, kEulerMaruyama},
        // And data the printed statement excludes.
        {"N(0,4) T=1 N=10 eir", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised},
        {"N(0,1e-4) T=0.01 N=10 em", ou, gaussian_1d(0, 1e-4), 0.01, 10, kEulerMaruyama},
        {"heteroscedastic d=10 T=3 N=30 eir", ou, gaussian_preset("heteroscedastic", 10), 3, 30,
         kExponentialRenormalised},
        {"correlated d=50 T=2 N=20 eir", ou, gaussian_preset("correlated", 50), 2, 20,
         kExponentialRenormalised},
    });
  }

  // Three panels (gso25.hpp). Printed: time t, violated beyond t_fail = 1/2 log(1 + s^2)
  // (theory-notes D-2); the data variance s^2 = 1/L_0 at three times, violated iff
  // s^2 < e^{2t} - 1 (0.22, 1.72, 53.6), with s^2 >= 2 breaking min{C_0, L_0} > 1/2; the presets
  // against d: lambda_min(Sigma_0) is 0.5 (isotropic, t_fail = 0.20), 0.01 from d = 2
  // (heteroscedastic, t_fail = 0.005) and decreasing in d (correlated, whose lambda_max breaks
  // the hypothesis from d = 3), at t = 0.1, plus the isotropic preset at t = 1. Sharp: time t;
  // the data variance over six decades (the slide's min{C_0, L_0} > 1/2 is not needed) at three
  // times; the presets against d at t = 0.1.
  std::vector<Sweep> sweeps() const override {
    const std::vector<double> times = {0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.7, 1.0, 2.0, 4.0, 8.0};
    if (printed())
      return gso25::property_sweeps({
          .bound_name = "printed L_t (upper bound)",
          .t_variances = {0.6, 1.0, 1.9},
          .times = times,
          .variance_times = {0.1, 0.5, 2.0},
          .variances = {0.01, 0.03, 0.1, 0.3, 0.6, 1.0, 1.5, 1.9, 3.0, 10.0},
          .variance_label = "data variance s^2 (1-D, mean 0; hypothesis needs s^2 < 2)",
          .preset_series = {{"isotropic", 0.1},
                            {"heteroscedastic", 0.1},
                            {"correlated", 0.1},
                            {"isotropic", 1.0}},
      });
    return gso25::property_sweeps({
        .bound_name = "L*_t (sharp upper bound)",
        .t_variances = {0.1, 0.6, 1.9},
        .times = times,
        .variance_times = {0.01, 0.5, 2.0},
        .variances = {1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0, 100.0},
        .preset_series = {{"isotropic", 0.1}, {"heteroscedastic", 0.1}, {"correlated", 0.1}},
    });
  }

 private:
  bool printed() const { return reading_ == Reading::kPrinted; }

  Reading reading_;
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Gso25Lipschitz, gso25::Reading::kPrinted)
SB_REGISTER_THEOREM(Gso25Lipschitz, gso25::Reading::kSharp)
}  // namespace sb::theorems
