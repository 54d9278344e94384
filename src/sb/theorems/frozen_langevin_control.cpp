// "Time reversal is not frozen Langevin": a negative control (theory-notes C10).
// Source: seed 001 (Strasman talk), slide "Time reversal is not frozen Langevin": for the
// Brownian noising dX = √2 dB, the true reverse dynamics dY = 2∇log p_{T−t}(Y)dt + √2 dB
// transports the marginals back to π_data, while the time-inhomogeneous Langevin dynamics
//   dY = ∇log p_{T−t}(Y) dt + √2 dB
// (which leaves p_t invariant when t is frozen) "remains too diffuse" when both start from p_T
// with the exact score. Write-up: theory/frozen_langevin_control.md.
//
// Scheme and convention: the configuration's own sampler (its output law, in the evaluation) is
// the true time reversal; the check runs the Langevin dynamics alongside with the same score,
// start, grid and scheme — continuous time in closed form, or its Euler–Maruyama recursion
// Y ← Y + h∇log p_τ(Y) + √(2h)Z — and reads "too diffuse" as: the output variance of the
// Langevin dynamics is at least the data variance in every eigendirection of the data
// covariance. A lower-bound check in the direction j of the smallest ratio Var_j/λ_j:
// exact = Var_j(Langevin output), bound = λ_j.
//
// Formula implemented. Per direction, with u = λ + 2τ (the variance of p_τ) and start
// N(a₀, V₀) at u₀ = λ + 2T, the continuous Langevin dynamics give (u decreases at rate 2)
//   dC/du = C/u − 1  ⇒  C(λ) = λ (V₀/u₀ + log(u₀/λ)),   M − m₀ = (a₀ − m₀) √(λ/u₀);
// from p_T (V₀ = u₀, a₀ = m₀): C = λ(1 + log(1 + 2T/λ)) > λ, mean exact. The true reversal
// instead has dC/du = 2C/u − 1, whose solution from p_T is C = u, i.e. λ at the end.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <tuple>

#include "sb/core/tolerance.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/ve.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

/// The Langevin output law dY = ∇log p_{T−s}(Y)ds + √2 dB from `start`, per data direction.
SpectralGaussian langevin_output(const Problem& cfg, const SpectralGaussian& start) {
  const GaussianData& data = cfg.gaussian();
  const SpectralGaussian law0 = data.law();
  const Eigen::Index d = data.dim();
  Vec mean = start.mean, var = start.var;
  const LinearProcess& p = *cfg.process;
  if (cfg.scheme == Scheme::kContinuous) {
    const double s2T = p.s2(cfg.T());
    for (Eigen::Index j = 0; j < d; ++j) {
      const double lam = law0.var(j), u0 = lam + s2T;
      var(j) = lam * (start.var(j) / u0 + std::log1p(s2T / lam));
      mean(j) = law0.mean(j) + (start.mean(j) - law0.mean(j)) * std::sqrt(lam / u0);
    }
  } else {  // Euler–Maruyama with the score at τ_k: A = 1 − h/u, noise variance 2h (g2 h)
    for (int k = 0; k < cfg.grid.steps(); ++k) {
      const double h = cfg.grid.step(k), s2 = p.s2(cfg.grid.tau(k)), g2 = p.g2(cfg.grid.tau(k));
      for (Eigen::Index j = 0; j < d; ++j) {
        const double A = 1.0 - h / (law0.var(j) + s2);
        mean(j) = law0.mean(j) + A * (mean(j) - law0.mean(j));
        var(j) = A * A * var(j) + g2 * h;
      }
    }
  }
  return {data.basis(), std::move(mean), std::move(var)};
}

class FrozenLangevinControl final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "frozen_langevin_control",
        .title = "Time reversal is not frozen Langevin (negative control)",
        .source =
            "seed 001 (Strasman talk), slide 'Time reversal is not frozen Langevin' (Anderson "
            "1982 for the time reversal)",
        .statement =
            "True reverse dynamics dX = 2 grad log p_{T-t}(X) dt + sqrt(2) dB transports the "
            "marginals backward; the time-inhomogeneous Langevin dY = grad log p_{T-t}(Y) dt + "
            "sqrt(2) dB (p_t invariant when t is frozen), started from p_T with the exact score, "
            "remains too diffuse",
        .convention =
            "forward dX = sqrt(2) dB; both dynamics from p_T with the exact score, continuous "
            "time or em on the configuration's grid; 'too diffuse' read as Var(Langevin output) "
            ">= Var(data) in every data eigendirection",
        .metric = "var_langevin_worst_direction",
        .need = Need::kExactGaussianLaw,
        .side = BoundSide::kLower};
  }

  bool applies(const Problem& cfg) const override {
    return (cfg.scheme == Scheme::kContinuous || cfg.scheme == Scheme::kEulerMaruyama) &&
           cfg.score_error.is_exact() && is_ve_brownian(*cfg.process, cfg.T());
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const GaussianData& data = cfg.gaussian();
    const Eigen::Index d = data.dim();
    const SpectralGaussian start = initial_law(cfg.init, *cfg.process, data, cfg.T());
    const SpectralGaussian lang = langevin_output(cfg, start);
    const SpectralGaussian law0 = data.law();
    Eigen::Index worst = 0;
    const double ratio = lang.var.cwiseQuotient(law0.var).minCoeff(&worst);

    BoundReport r = info().report(cfg);
    r.exact = Estimate::exact(lang.var(worst), "exact_closed_form");
    r.total = law0.var(worst);
    r.terms = {
        {"lambda_worst", r.total,
         "data variance in the direction of the smallest Var(Langevin)/lambda: the lower bound"},
        {"min_var_ratio", ratio, "min_j Var_j(Langevin output)/lambda_j (claimed >= 1)"},
        {"kl_langevin", kl_divergence(law0, lang), "KL(data || Langevin output)"},
        {"kl_time_reversal", out.metric(Metric::kKlDataModel).value,
         "KL(data || output of the configuration's sampler, the true reversal)"},
    };
    // Per direction: an N-step scalar recursion or a closed form, then a ratio.
    r.tolerance = exact_metric_rel_tol(cfg.grid.steps(), d) * std::max(r.exact.value, r.total);
    r.hypotheses = {
        {"both dynamics start from p_T", cfg.init == Init::kPT,
         fmt::format("init = {}", to_string(cfg.init))},
    };
    r.decide();
    r.convention = fmt::format(
        "Langevin dynamics run with the {} scheme from {}; exact = Var(Langevin output) in the "
        "data direction of the smallest ratio to lambda (ratio {}), claimed >= lambda = {}",
        r.scheme, to_string(cfg.init), ratio, law0.var(worst));
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    using enum Init;
    const ProcessPtr ve = make_ve_brownian();
    const ScoreError exact{};  // the statement is about the exact score, started from p_T
    return instance_table({
        {"N(0,1) T=1 continuous", ve, gaussian_1d(0, 1), 1.0, 1, kContinuous, kHolds, exact, kPT},
        {"N(0,1e-4) T=1 continuous (narrow data)", ve, gaussian_1d(0, 1e-4), 1.0, 1, kContinuous,
         kHolds, exact, kPT},
        {"N(2,100) T=0.01 continuous (short horizon)", ve, gaussian_1d(2, 100), 0.01, 1,
         kContinuous, kHolds, exact, kPT},
        {"correlated d=20 T=5 continuous", ve, gaussian_preset("correlated", 20), 5.0, 1,
         kContinuous, kHolds, exact, kPT},
        {"N(0,1) T=1 N=100 em", ve, gaussian_1d(0, 1), 1.0, 100, kEulerMaruyama, kHolds, exact,
         kPT},
        {"N(1,4) T=2 N=5 em (coarse)", ve, gaussian_1d(1, 4), 2.0, 5, kEulerMaruyama, kHolds, exact,
         kPT},
        {"heteroscedastic d=10 T=10 N=200 em", ve, gaussian_preset("heteroscedastic", 10), 10.0,
         200, kEulerMaruyama, kHolds, exact, kPT},
        {"N(0,1) T=1 continuous from N(0,2T) (not the seed's start)", ve, gaussian_1d(0, 1), 1.0, 1,
         kContinuous, kHypothesesFail, exact, kReference},
    });
  }

  std::vector<Sweep> sweeps() const override {
    // A lower-bound check: the dashed curve is the data variance λ of the worst direction,
    // the solid one the Langevin output variance there; in continuous time from p_T the ratio
    // is 1 + log(1 + 2T/λ) (header of this file), so the panels sweep T, λ, the number of
    // steps N of the em version, and d (presets).
    const auto cfg = [](GaussianData data, double T, int N, Scheme scheme) {
      return make_problem(make_ve_brownian(), std::move(data), T, N, scheme, {}, Init::kPT);
    };
    constexpr Scheme kCont = Scheme::kContinuous, kEm = Scheme::kEulerMaruyama;
    static constexpr const char* kLower = "lower bound Var(data)";
    std::vector<Sweep> out;
    // Panel 1: against T.
    const std::vector<std::tuple<std::string, GaussianData, Scheme, int>> cases = {
        {"continuous, N(0,1)", gaussian_1d(0, 1.0), kCont, 1},
        {"continuous, N(0,0.02)", gaussian_1d(0, 0.02), kCont, 1},
        {"em N=50, N(0,4)", gaussian_1d(0, 4.0), kEm, 50},
    };
    for (const auto& [label, data, scheme, N] : cases) {
      Sweep s{label,
              "horizon T  (dX = sqrt(2) dB, start p_T; solid: Var(Langevin output), dashed: "
              "Var(data))",
              true,
              {},
              true,
              kLower};
      for (double T : {0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0})
        s.points.emplace_back(T, cfg(data, T, N, scheme));
      out.push_back(std::move(s));
    }
    // Panel 2: against the data variance λ (1-D), T = 1: one lower bound λ for every series.
    const std::vector<std::tuple<std::string, Scheme, int>> schemes = {
        {"continuous, N(0,lambda), T=1", kCont, 1},
        {"em N=10, N(0,lambda), T=1 (bound shared)", kEm, 10},
        {"em N=100, N(0,lambda), T=1 (bound shared)", kEm, 100},
    };
    for (const auto& [label, scheme, N] : schemes) {
      Sweep s{label,
              "data variance lambda  (1-D data N(0, lambda), T = 1, start p_T)",
              true,
              {},
              scheme == kCont,
              kLower};
      for (double v : {1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0})
        s.points.emplace_back(v, cfg(gaussian_1d(0, v), 1.0, N, scheme));
      out.push_back(std::move(s));
    }
    // Panel 3: against N for em (T = 1): the em output converges to the continuous one.
    for (double v : {0.02, 1.0, 4.0}) {
      Sweep s{fmt::format("em, N(0,{}), T=1", v),
              "number of steps N  (em, T = 1, start p_T)",
              true,
              {},
              true,
              kLower};
      for (int N : {2, 5, 10, 30, 100, 300, 1000})
        s.points.emplace_back(N, cfg(gaussian_1d(0, v), 1.0, N, kEm));
      out.push_back(std::move(s));
    }
    // Panel 4: against d for the three presets of seed 003 (continuous, T = 1); the bound is
    // the data variance of the direction with the smallest ratio, so it moves with d.
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep s{fmt::format("continuous, {} preset, T=1", preset),
              "dimension d  (presets of seed 003, continuous time, T = 1, start p_T)",
              true,
              {},
              true,
              kLower};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
        s.points.emplace_back(d, cfg(gaussian_preset(preset, d), 1.0, 1, kCont));
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(FrozenLangevinControl)
}
