// Initialisation error of the variance-exploding (Brownian) diffusion model
// (theory-notes C10, A.2, D-25).
// Source: seed 001 (Strasman talk), slide "Error I: Initialization Error", box "Short KL
// argument": for the Brownian noising dX = √2 dB, p_T = π_data ∗ N(0, 2T I_d) and the sampler
// starts from π_∞ = N(0, 2T I_d); by convexity of KL,
//   KL(p_T ‖ π_∞) ≤ ∫ KL(N(y, 2T I) ‖ N(0, 2T I)) p_0(dy) = E‖X_0‖² / (4T).
// Write-up: theory/ve_init_kl.md.
//
// Scheme and convention: the statement is about the forward marginal p_T and the reference law,
// not about a sampler, so it is evaluated on every scheme of a VE-Brownian configuration
// (π_ref = N(0, 2T I), theory-notes A.1 #3b); the scheme is only reported.
//
// Formula implemented. For data N(m, Σ) with eigenvalues λ_j, p_T = N(m, Σ + 2T I) and
//   KL(p_T ‖ N(0, 2T I)) = (‖m‖² + tr Σ)/(4T) − ½ Σ_j log(1 + λ_j/(2T))   (theory-notes A.2),
// computed by the closed form of theory-notes B.4 (sb::kl_divergence on the spectral laws); the
// bound is (‖m‖² + tr Σ)/(4T). The gap is ½ Σ_j log(1 + λ_j/(2T)) ≥ 0: tight for point masses.
#include <fmt/format.h>

#include <cmath>

#include "sb/core/tolerance.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class VeInitKl final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "ve_init_kl",
            .title = "Initialisation error of the VE-Brownian diffusion model",
            .source =
                "seed 001 (Strasman talk), slide 'Error I: Initialization Error' (box 'Short KL "
                "argument')",
            .statement =
                "By convexity of KL, KL(p_T || pi_inf) <= int KL(N(y, 2T I_d) || N(0, 2T I_d)) "
                "p_0(y) dy = E||X_0||^2 / (4T), with pi_inf = N(0, 2T I_d)",
            .convention =
                "forward dX = sqrt(2) dB (VE-Brownian), p_T = pi_data * N(0, 2T I), reference "
                "N(0, 2T I); a statement about p_T, independent of the sampler",
            .metric = "kl_pT_reference",
            .need = Need::kMarginals};
  }

  bool applies(const Problem& cfg) const override { return is_ve_brownian(*cfg.process, cfg.T()); }

  BoundReport check(const Problem& cfg, Outcome&) const override {
    const GaussianData& data = cfg.gaussian();
    const double T = cfg.T();
    const Eigen::Index d = data.dim();
    const SpectralGaussian pT = data.marginal(*cfg.process, T);
    const IsoGaussian ref = cfg.process->reference(d, T);
    const SpectralGaussian ref_law{data.basis(), data.basis()->transpose() * ref.mean,
                                   Vec::Constant(d, ref.var)};
    const double second_moment = data.second_moment();

    BoundReport r = info().report(cfg);
    r.exact = Estimate::exact(kl_divergence(pT, ref_law), "exact_closed_form");
    r.terms = {{"E||X_0||^2/(4T)", second_moment / (4.0 * T),
                "convexity bound: mean over the data of KL(N(y, 2T I) || N(0, 2T I))"}};
    r.total = r.terms[0].value;
    // A closed form in d directions, no recursion: sb::kl_check_tolerance with one "step".
    r.tolerance = kl_check_tolerance(1, d, r.exact.value, r.total);
    r.hypotheses = {
        {"finite second moment E||X_0||^2", std::isfinite(second_moment),
         fmt::format("E||X_0||^2 = {}", second_moment)},
    };
    r.decide();
    r.convention = fmt::format(
        "KL(p_T || N(0, 2T I)) at T = {} for dX = sqrt(2) dB; independent of the sampler ({} "
        "only reported)",
        T, r.scheme);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    const ProcessPtr ve = make_ve_brownian();
    return instance_table({
        // theory-notes V10: data N(1, 1), T = 10: 0.0256049179153 <= 0.05.
        {"V10 N(1,1) T=10 em", ve, gaussian_1d(1.0, 1.0), 10.0, 100, kEulerMaruyama},
        {"V10 N(0,1) T=10 em", ve, gaussian_1d(0.0, 1.0), 10.0, 100, kEulerMaruyama},
        {"N(3,1e-4) T=0.5 ei (near point mass: tight)", ve, gaussian_1d(3.0, 1e-4), 0.5, 10,
         kExponentialIntegrator},
        {"N(0,1) T=0.001 em (short horizon)", ve, gaussian_1d(0.0, 1.0), 1e-3, 10, kEulerMaruyama},
        {"correlated d=50 T=5 em", ve, gaussian_preset("correlated", 50), 5.0, 50, kEulerMaruyama},
        {"heteroscedastic d=10 T=0.05 continuous", ve, gaussian_preset("heteroscedastic", 10), 0.05,
         1, kContinuous},
        {"isotropic d=20 T=100 ei", ve, gaussian_preset("isotropic", 20), 100.0, 20,
         kExponentialIntegrator},
    });
  }

  std::vector<Sweep> sweeps() const override {
    // The bound E‖X_0‖²/(4T) depends on T and the second moment only; the exact KL (theory-notes
    // A.2) also on the spectrum: one panel per T, E‖X_0‖² (1-D data variance) and d (preset).
    // The statement is about p_T, so the scheme is irrelevant: em is run, N = 10.
    const auto cfg = [](GaussianData data, double T) {
      return make_problem(make_ve_brownian(), std::move(data), T, 10, Scheme::kEulerMaruyama);
    };
    std::vector<Sweep> out;
    // Panel 1: against T.
    const std::vector<std::pair<std::string, GaussianData>> cases = {
        {"N(1,1) (V10)", gaussian_1d(1.0, 1.0)},
        {"N(0,1)", gaussian_1d(0.0, 1.0)},
        {"N(3,0.01) (tight)", gaussian_1d(3.0, 0.01)},
        {"correlated d=10", gaussian_preset("correlated", 10)},
    };
    for (const auto& [label, data] : cases) {
      Sweep s{label + ", any scheme",
              "horizon T  (dX = sqrt(2) dB; KL(p_T || N(0, 2T I)), independent of the scheme)",
              true,
              {}};
      for (double T : {0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0})
        s.points.emplace_back(T, cfg(data, T));
      out.push_back(std::move(s));
    }
    // Panel 2: against the data variance s² in 1-D, T = 1: E‖X_0‖² = m² + s²; the bound is
    // tight as s² → 0 (point mass) for m ≠ 0.
    for (double m : {0.0, 1.0, 3.0}) {
      Sweep s{fmt::format("N({},s^2), T=1, any scheme", m),
              "data variance s^2  (1-D data N(m, s^2), T = 1; E||X_0||^2 = m^2 + s^2)",
              true,
              {}};
      for (double v : {1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0})
        s.points.emplace_back(v, cfg(gaussian_1d(m, v), 1.0));
      out.push_back(std::move(s));
    }
    // Panel 3: against d for the three presets of seed 003 (mean 1_d), T = 1.
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep s{fmt::format("{} preset, T=1, any scheme", preset),
              "dimension d  (presets of seed 003, mean 1_d, T = 1)",
              true,
              {}};
      for (Eigen::Index d : {1, 2, 5, 10, 20, 50})
        s.points.emplace_back(d, cfg(gaussian_preset(preset, d), 1.0));
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(VeInitKl)
}
