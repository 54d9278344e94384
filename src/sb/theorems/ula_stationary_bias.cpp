// The law of the unadjusted Langevin algorithm (ULA) on the standard Gaussian, and its biased
// stationary law (theory-notes C10, D-25).
// Source: seed 001 (Strasman talk), slide "From Langevin to ULA": ULA is the Euler–Maruyama
// discretisation X_{k+1} = X_k + h∇log p_0(X_k) + √(2h) ξ_{k+1} of the Langevin diffusion; for
// p_0 = N(0, I_d) it reads X_{k+1} = (1 − h)X_k + √(2h) ξ_{k+1}, and from X_0 = x
//   X_k ~ N((1 − h)^k x, 2/(2 − h) (1 − (1 − h)^{2k}) I_d);
// if 0 < h < 2, X_k ⇒ π_h = N(0, 2/(2 − h) I_d) as k → ∞ (the stationary law is not the
// target: W2(π_h, N(0, I_d)) = √d |√(2/(2 − h)) − 1|).
// Write-up: theory/ula_stationary_bias.md.
//
// Scheme and convention: ULA with the exact score of γ_d = N(0, I_d) is exactly scorebound's
// Euler–Maruyama (em) sampler of the standard OU dX = −X dt + √2 dB with data γ_d and exact
// score: ∇log p_τ = −y for every τ, so the EM step (1 + h)y + 2h∇log p_τ(y) + √(2h)Z is
// (1 − h)y + √(2h)Z, with h = T/N and k = N. The configuration starts from γ_d (the reference
// law, and also p_T since p_τ = γ_d); the printed law with x ~ γ_d independent of the noise is
// N(0, ((1 − h)^{2k} + 2/(2 − h)(1 − (1 − h)^{2k})) I_d). The check also runs the same
// recursion (sb::SpectralPlan) from the point mass at the probe start x = 3e₁ (the start of
// theory-notes V03), where the printed law is used as is.
//
// Formula implemented. The statement is an identity, so the verdict compares the laws: with
// W2 between the recursion's output law and the printed law, divided by a scale (the root
// second moments of the start and of the printed law), the "law discrepancy" is the larger of
// the two starts; the verdict holds iff it is at most sb::exact_metric_rel_tol(N, d). The
// reported exact/bound are W2(output, γ_d) from the recursion and from the printed law (they
// agree), so the figure shows both curves rising from the start γ_d to the stationary bias.
#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <vector>

#include "sb/core/numeric.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/spectral_plan.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

constexpr double kProbeStart = 3.0;  // ‖x‖ of the point-mass start, x = 3e₁ (theory-notes V03)

/// π_data = N(0, I_d), entry by entry to 64·ε·d.
bool is_standard_gaussian(const GaussianData& data) {
  const double tol = 64.0 * kEps * static_cast<double>(data.dim());
  const Mat I = Mat::Identity(data.dim(), data.dim());
  return data.mean().cwiseAbs().maxCoeff() <= tol && (data.cov() - I).cwiseAbs().maxCoeff() <= tol;
}

/// The printed law after k steps, per direction: mean factor (1 − h)^k and the variance
/// 2/(2 − h)(1 − (1 − h)^{2k}) added by the noise, free of cancellation: with
/// L = log (1 − h)², 1 − (1 − h)^{2k} = −expm1(kL); for h = 2 the limit 2hk.
struct UlaLaw {
  double mean_factor;  // (1 − h)^k
  double contraction;  // (1 − h)^{2k}
  double noise_var;    // 2/(2 − h)(1 − (1 − h)^{2k})
};

UlaLaw printed_law(double h, int k) {
  UlaLaw u;
  u.mean_factor = std::pow(1.0 - h, k);
  if (h == 2.0) {
    u.contraction = 1.0;
    u.noise_var = 2.0 * h * k;
    return u;
  }
  // log|1 − h| without cancellation: log1p(−h) below 1, log1p(h − 2) above (h − 2 is exact
  // for h in [1, 4] by Sterbenz).
  const double log_abs = h < 1.0   ? std::log1p(-h)
                         : h > 1.0 ? std::log1p(h - 2.0)
                                   : -std::numeric_limits<double>::infinity();
  const double kL = 2.0 * k * log_abs;
  u.contraction = std::exp(kL);
  u.noise_var = 2.0 / (2.0 - h) * -std::expm1(kL);
  return u;
}

/// W2 between two laws diagonal in the same basis, from the spectral coordinates.
double w2_coords(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  double s = (m1 - m2).squaredNorm();
  for (Eigen::Index j = 0; j < v1.size(); ++j) s += num::sqrt_diff_sq(v1(j), v2(j));
  return std::sqrt(s);
}

/// The instance "ULA with step h for k steps on γ_d, started from `init`": em on the standard
/// OU with T = hk, N = k.
InstanceRow ula(double h, int k, Eigen::Index d, Verdict expected, Init init = Init::kReference) {
  return {.name = fmt::format("d={} h={} k={} start {}", d, h, k, to_string(init)),
          .process = make_standard_ou(),
          .data = gaussian_isotropic(d, 0.0, 1.0),
          .T = h * k,
          .steps = k,
          .scheme = Scheme::kEulerMaruyama,
          .expected = expected,
          .init = init};
}

class UlaStationaryBias final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "ula_stationary_bias",
            .title = "ULA law and stationary bias on the standard Gaussian",
            .source =
                "seed 001 (Strasman talk), slide 'From Langevin to ULA' (Langevin 1908; ULA as the "
                "Euler-Maruyama discretisation of the Langevin diffusion)",
            .statement =
                "For p_0 = N(0, I_d), ULA gives X_{k+1} = (1-h) X_k + sqrt(2h) xi_{k+1}; starting "
                "from X_0 = x, X_k ~ N((1-h)^k x, 2/(2-h) (1-(1-h)^{2k}) I_d). If 0 < h < 2, then "
                "X_k => pi_h^ULA = N(0, 2/(2-h) I_d) as k -> infinity",
            .convention =
                "ULA with the exact score of gamma_d is the em sampler of the standard OU "
                "(dX = -X dt + sqrt(2) dB) with data gamma_d and exact score, h = T/N, k = N; the "
                "configuration starts from gamma_d (printed law averaged over x ~ gamma_d), and a "
                "point-mass start x = 3 e_1 is run alongside",
            .metric = "w2",
            .need = Need::kExactGaussianLaw};
  }

  bool applies(const Problem& cfg) const override {
    return cfg.scheme == Scheme::kEulerMaruyama && cfg.grid.is_uniform() &&
           cfg.score_error.is_exact() && is_standard_ou(*cfg.process, cfg.T()) &&
           is_standard_gaussian(cfg.gaussian());
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const GaussianData& data = cfg.gaussian();
    const Eigen::Index d = data.dim();
    const double dd = static_cast<double>(d);
    const int k = cfg.grid.steps();
    const double h = cfg.grid.max_step();
    const UlaLaw u = printed_law(h, k);

    // Start 1: the configuration's initial law (γ_d up to rounding), output from the engine.
    const SpectralGaussian start = initial_law(cfg.init, *cfg.process, data, cfg.T());
    const SpectralGaussian& law = out.gaussian_law().spectral();
    // Printed law averaged over x ~ start (diagonal in the same basis): mean (1 − h)^k E x,
    // variance (1 − h)^{2k} Var x + noise.
    const Vec f_mean = u.mean_factor * start.mean;
    const Vec f_var = (u.contraction * start.var.array() + u.noise_var).matrix();
    const double scale_start = std::sqrt(start.mean.squaredNorm() + start.var.sum()) +
                               std::sqrt(f_mean.squaredNorm() + f_var.sum());
    const double disc_start = w2_coords(law.mean, law.var, f_mean, f_var) / scale_start;

    // Start 2: the point mass at x = 3e₁ (basis coordinates), same recursion.
    const GaussianScore score(cfg.process, data, cfg.score_error);
    const SpectralPlan plan(*cfg.process, score, cfg.scheme, cfg.grid, data.basis());
    Vec x = Vec::Zero(d);
    x(0) = kProbeStart;
    const SamplerResult probe = plan.run({data.basis(), x, Vec::Zero(d)});
    const Vec p_mean = u.mean_factor * x;
    const Vec p_var = Vec::Constant(d, u.noise_var);
    double disc_probe = std::numeric_limits<double>::infinity();
    double probe_mean = std::numeric_limits<double>::quiet_NaN(), probe_var = probe_mean,
           probe_w2 = probe_mean, probe_kl = probe_mean;
    const SpectralGaussian target = data.law();
    if (probe.ok()) {
      const double scale_probe = kProbeStart + std::sqrt(p_mean.squaredNorm() + p_var.sum());
      disc_probe = w2_coords(probe.spectral.mean, probe.spectral.var, p_mean, p_var) / scale_probe;
      probe_mean = probe.spectral.mean(0);
      probe_var = probe.spectral.var(0);
      probe_w2 = w2(probe.spectral, target);
      probe_kl = kl_divergence(probe.spectral, target);
    }

    const bool stationary_exists = h > 0.0 && h < 2.0;
    // No stationary law for h >= 2: both terms are reported as +inf (null in JSON).
    const double inf = std::numeric_limits<double>::infinity();
    const double v_inf = stationary_exists ? 2.0 / (2.0 - h) : inf;
    const double bias = stationary_exists ? std::sqrt(dd * num::sqrt_diff_sq(v_inf, 1.0)) : inf;

    BoundReport r = info().report(cfg);
    r.exact = out.metric(Metric::kW2);  // W2(γ_d, output of the recursion)
    r.total = w2_coords(target.mean, target.var, f_mean, f_var);  // W2(γ_d, printed law)
    const double law_disc = std::max(disc_start, disc_probe);
    r.terms = {
        {"law_discrepancy", law_disc,
         "max over the two starts of W2(recursion law, printed law) / (root second moment of "
         "the start + of the printed law); the identity claims 0"},
        {"w2_printed_law", r.total, "W2(printed law from the configuration's start, gamma_d)"},
        {"probe_mean_e1", probe_mean, "start x = 3 e_1: mean along e_1 after k steps (recursion)"},
        {"probe_var", probe_var, "start x = 3 e_1: variance per direction (recursion)"},
        {"probe_w2", probe_w2, "start x = 3 e_1: W2(law of X_k, gamma_d) (recursion)"},
        {"probe_kl", probe_kl, "start x = 3 e_1: KL(law of X_k || gamma_d) (recursion)"},
        {"stationary_var", v_inf, "2/(2-h): variance of pi_h^ULA"},
        {"stationary_bias_w2", bias, "sqrt(d)|sqrt(2/(2-h)) - 1| = W2(pi_h^ULA, gamma_d)"},
    };
    // Identity: relative allowance of an N-step affine recursion in d directions followed by a
    // closed-form distance (sb::exact_metric_rel_tol), applied to the relative discrepancy.
    r.tolerance = exact_metric_rel_tol(k, d);
    r.hypotheses = {
        {"0 < h < 2 (the printed stationary law exists)", stationary_exists,
         fmt::format("h = {}", h)},
        {"the recursion from the point-mass start stays finite", probe.ok(),
         probe.ok() ? "finite" : probe.message},
    };
    r.verdict = decide(law_disc, 0.0, r.tolerance, r.hypotheses_hold());
    r.convention = fmt::format(
        "ULA = em on the standard OU with data gamma_d and exact score (h = {}, k = {}); the "
        "identity is checked on the laws (term law_discrepancy vs the tolerance); exact and "
        "bound are W2 to gamma_d from the recursion and from the printed law, started at {}",
        h, k, to_string(cfg.init));
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Verdict;
    return instance_table({
        ula(0.1, 10, 1, kHolds),     // theory-notes V03 (the probe start is V03's x = 3)
        ula(0.5, 40, 1, kHolds),     // stationary regime
        ula(0.01, 1000, 1, kHolds),  // small step, many steps
        ula(0.05, 200, 10, kHolds),
        ula(1.0, 5, 50, kHolds),  // 1 − h = 0: stationary after one step
        ula(1.5, 30, 3, kHolds),  // 1 − h < 0: the mean alternates in sign
        ula(0.2, 25, 5, kHolds, Init::kPT),
        ula(2.5, 8, 1, kHypothesesFail),  // no stationary law: the variance grows
    });
  }

  std::vector<Sweep> sweeps() const override {
    // ULA = em on the standard OU with data and start γ_d, exact score, h = T/N, k = N. The
    // printed law (the dashed "bound") depends on h, k and d only (theory-notes C10):
    // W2(X_k, γ_d) = √d |√v_k − 1| with v_k = (1 − h)^{2k} + 2/(2 − h)(1 − (1 − h)^{2k}).
    const auto cfg = [](double h, int k, Eigen::Index d) {
      return make_problem(make_standard_ou(), gaussian_isotropic(d, 0.0, 1.0), h * k, k,
                          Scheme::kEulerMaruyama);
    };
    std::vector<Sweep> out;
    // Panel 1: against k, d = 1, four step sizes (the curves rise to the stationary bias).
    for (double h : {0.05, 0.2, 0.6, 1.2}) {
      Sweep s{fmt::format("em = ULA, h = {}, d = 1", h),
              "number of ULA steps k  (em on the standard OU, data and start N(0,1))",
              true,
              {},
              true,
              "printed law"};
      for (int k : {1, 2, 4, 8, 16, 32, 64, 128, 256}) s.points.emplace_back(k, cfg(h, k, 1));
      out.push_back(std::move(s));
    }
    // Panel 2: against h, d = 1, one step, a few steps and the stationary regime; h = 2.5
    // (no stationary law: hypothesis 0 < h < 2 fails) where k is small enough to stay finite.
    for (int k : {1, 10, 1000}) {
      Sweep s{fmt::format("em = ULA, k = {}, d = 1", k),
              "step size h  (em on the standard OU, data and start N(0,1); h >= 2: no "
              "stationary law)",
              true,
              {},
              true,
              "printed law"};
      for (double h : {0.01, 0.03, 0.1, 0.3, 0.6, 1.0, 1.5, 1.9})
        s.points.emplace_back(h, cfg(h, k, 1));
      if (k <= 10) s.points.emplace_back(2.5, cfg(2.5, k, 1));
      out.push_back(std::move(s));
    }
    // Panel 3: against d at k = 200 (stationary up to (1 − h)^{400}): the bias grows like √d.
    for (double h : {0.05, 0.2, 1.2}) {
      Sweep s{fmt::format("em = ULA, h = {}, k = 200", h),
              "dimension d  (em on the standard OU, data and start N(0, I_d), k = 200)",
              true,
              {},
              true,
              "printed law"};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50}) s.points.emplace_back(d, cfg(h, 200, d));
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(UlaStationaryBias)
}
