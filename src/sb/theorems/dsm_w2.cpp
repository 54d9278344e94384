// Wasserstein cost of Gaussian smoothing in denoising score matching (theory-notes C10, D-25).
// Source: seed 001 (Strasman talk), slide "The fixed-noise trade-off", box "Small σ: low bias":
// with X̃_σ = X_0 + σZ, Z ~ N(0, I_d) independent of X_0 ~ π_data, and π_σ = L(X̃_σ),
//   W2²(π_data, π_σ) ≤ E‖X_0 − X̃_σ‖² = σ² E‖Z‖² = σ² d,   i.e.  W2(π_data, π_σ) ≤ σ√d.
// (Vincent 2011 for denoising score matching.) Write-up: theory/dsm_w2.md.
//
// Scheme and convention: π_σ = π_data ∗ N(0, σ² I) is realised as the marginal p_t of a
// variance-exploding forward process (m_t ≡ 1, κ_t ≡ 0), with σ² = s_t²: σ² = 2t for the
// Brownian noising dX = √2 dB of the same seed (slide "VE path-space realization"), and
// σ² = s_t² for the geometric VE. The statement is about the marginals, not a sampler, so it is
// evaluated at every grid time τ_k > 0 of the configuration (τ_0 = T included) and the worst
// point (largest exact/bound) is reported; the scheme is only reported.
//
// Formula implemented. For data N(m, Σ) with eigenvalues λ_j, p_t = N(m, Σ + σ² I) and
//   W2(π_data, p_t) = ( Σ_j (√(λ_j + σ²) − √λ_j)² )^{1/2}   (theory-notes B.4, commuting case),
// for N(0, s² I_d) exactly √d (√(s² + σ²) − s); the bound is σ√d. Each direction's ratio
// (√(1 + u) − √u)², u = λ_j/σ², decreases in u, so the bound is tight as the data shrink to a
// point mass and the worst time is the largest, t = T.
#include <fmt/format.h>

#include <cmath>

#include "sb/core/tolerance.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/ve.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class DsmW2 final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "dsm_w2",
        .title = "W2 cost of Gaussian smoothing (denoising score matching)",
        .source =
            "seed 001 (Strasman talk), slide 'The fixed-noise trade-off' (box 'Small sigma: low "
            "bias'); Vincent 2011",
        .statement =
            "X~_sigma = X_0 + sigma Z, pi_sigma = L(X~_sigma): W2^2(pi_data, pi_sigma) <= "
            "E||X_0 - X~_sigma||^2 = sigma^2 E||Z||^2 = sigma^2 d",
        .convention =
            "pi_sigma realised as the VE marginal p_t (dX = sqrt(2) dB: sigma^2 = 2t; geometric "
            "VE: sigma^2 = s_t^2), checked at every grid time t > 0; independent of the sampler",
        .metric = "w2_data_smoothed",
        .need = Need::kMarginals};
  }

  bool applies(const Problem& cfg) const override {
    return is_pure_smoothing(*cfg.process, cfg.T());
  }

  BoundReport check(const Problem& cfg, Outcome&) const override {
    const GaussianData& data = cfg.gaussian();
    const Eigen::Index d = data.dim();
    const SpectralGaussian law0 = data.law();
    // Worst grid time: the largest exact/bound over τ_k > 0 (τ_N = 0 has both sides 0).
    double worst_ratio = -1.0, exact = 0.0, bound = 0.0, worst_t = 0.0, worst_sigma2 = 0.0;
    for (int k = 0; k < cfg.grid.steps(); ++k) {
      const double t = cfg.grid.tau(k);
      const double sigma2 = cfg.process->s2(t);
      if (!(sigma2 > 0.0)) continue;
      const double e = w2(law0, data.marginal(*cfg.process, t));
      const double b = std::sqrt(sigma2 * static_cast<double>(d));
      if (e / b > worst_ratio) {
        worst_ratio = e / b;
        exact = e;
        bound = b;
        worst_t = t;
        worst_sigma2 = sigma2;
      }
    }

    BoundReport r = info().report(cfg);
    r.exact = Estimate::exact(exact, "exact_closed_form");
    r.terms = {
        {"sigma*sqrt(d)", bound, "sigma sqrt(d): the synchronous coupling X~ = X_0 + sigma Z"},
        {"worst_t", worst_t, "grid time t of the worst exact/bound (not part of the bound)"},
        {"sigma^2", worst_sigma2, "sigma^2 = s_t^2 at that time (2t for dX = sqrt(2) dB)"},
    };
    r.total = bound;
    // A closed form in d directions per time, no recursion: exact_metric_rel_tol(1, d) relative
    // to the larger side.
    r.tolerance = exact_metric_rel_tol(1, d) * std::max(std::abs(r.exact.value), std::abs(r.total));
    const double second_moment = data.second_moment();
    r.hypotheses = {
        {"pi_data has a finite second moment", std::isfinite(second_moment),
         fmt::format("E||X_0||^2 = {}", second_moment)},
        {"some grid time has sigma^2 > 0", worst_ratio >= 0.0,
         fmt::format("largest sigma^2 = {}", cfg.process->s2(cfg.T()))},
    };
    r.decide();
    r.convention = fmt::format(
        "pi_sigma = p_t of {}; worst of the {} grid times t > 0 at t = {} (sigma^2 = {}); "
        "independent of the sampler",
        cfg.process->describe(), cfg.grid.steps(), worst_t, worst_sigma2);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    const ProcessPtr ve = make_ve_brownian();
    return instance_table({
        {"N(0,1) T=1 em", ve, gaussian_isotropic(1, 0.0, 1.0), 1.0, 10, kEulerMaruyama},
        {"N(0,0.25 I_4) T=1 (exact W2 = 2)", ve, gaussian_isotropic(4, 0.0, 0.25), 1.0, 10,
         kEulerMaruyama},
        {"N(2,1e-8) T=0.5 ei (near point mass: tight)", ve, gaussian_isotropic(1, 2.0, 1e-8), 0.5,
         5, kExponentialIntegrator},
        {"N(0,100) T=0.01 em (wide data: loose)", ve, gaussian_isotropic(1, 0.0, 100.0), 0.01, 10,
         kEulerMaruyama},
        {"correlated d=50 T=2 em", ve, gaussian_preset("correlated", 50), 2.0, 20, kEulerMaruyama},
        {"heteroscedastic d=10 T=0.1 continuous", ve, gaussian_preset("heteroscedastic", 10), 0.1,
         1, kContinuous},
        {"geometric VE(0.01, 10) N(1,0.5 I_5) T=1 em", make_ve_geometric(0.01, 10.0, 1.0),
         gaussian_isotropic(5, 1.0, 0.5), 1.0, 20, kEulerMaruyama},
    });
  }

  std::vector<Sweep> sweeps() const override {
    // The bound σ√d depends on σ and d only; the exact W2 also on the data spectrum (each
    // direction gives (√(λ_j + σ²) − √λ_j)², theory-notes C10). One panel per σ, d (presets)
    // and the data variance. π_σ is the VE-Brownian marginal at T = σ²/2 (N = 4; the check
    // takes the worst grid time, which is T); the scheme is irrelevant (em is run).
    const auto cfg = [](GaussianData data, double sigma) {
      return make_problem(make_ve_brownian(), std::move(data), 0.5 * sigma * sigma, 4,
                          Scheme::kEulerMaruyama);
    };
    std::vector<Sweep> out;
    // Panel 1: against σ.
    const std::vector<std::pair<std::string, GaussianData>> cases = {
        {"N(0, 1e-4 I_1)", gaussian_isotropic(1, 0.0, 1e-4)},
        {"N(0, 0.01 I_4)", gaussian_isotropic(4, 0.0, 0.01)},
        {"N(0, I_16)", gaussian_isotropic(16, 0.0, 1.0)},
        {"correlated d=50", gaussian_preset("correlated", 50)},
    };
    for (const auto& [label, data] : cases) {
      Sweep s{label + ", any scheme",
              "noise level sigma  (pi_sigma = p_t of dX = sqrt(2) dB, sigma^2 = 2t)",
              true,
              {}};
      for (double sigma : {0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0})
        s.points.emplace_back(sigma, cfg(data, sigma));
      out.push_back(std::move(s));
    }
    // Panel 2: against d for the three presets of seed 003 at σ = 1: one bound √d for all.
    bool first = true;
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep s{
          fmt::format("{} preset, sigma=1, any scheme{}", preset, first ? "" : " (bound shared)"),
          "dimension d  (presets of seed 003, mean 1_d, sigma = 1)",
          true,
          {},
          first};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
        s.points.emplace_back(d, cfg(gaussian_preset(preset, d), 1.0));
      out.push_back(std::move(s));
      first = false;
    }
    // Panel 3: against the data variance s² in 1-D for three noise levels: tight as s² → 0.
    for (double sigma : {0.1, 1.0, 10.0}) {
      Sweep s{fmt::format("N(0,s^2), sigma={}, any scheme", sigma),
              "data variance s^2  (1-D data N(0, s^2))",
              true,
              {}};
      for (double v : {1e-6, 1e-4, 1e-2, 1.0, 1e2, 1e4})
        s.points.emplace_back(v, cfg(gaussian_isotropic(1, 0.0, v), sigma));
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(DsmW2)
}
