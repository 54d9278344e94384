// The final W2 bound of seed 002 for CLD, with its constants computed.
// Source: seed 002, slide "Final W2 upper bound" (and "Solution 1" for the contraction it rests
// on); theory-notes C11 ("schematic"). Write-up: theory/cld_w2_bound.md.
//
// Printed: "from contraction in the extended phase space, the three sources of error (mixing,
// approximation, discretisation) can be controlled jointly":
//     W2(π_data ⊗ π_v, L(Ū_T)) <= c₁ e^{−c₂T} W2(π_data ⊗ π_v, π∞) + c₁σ²M + c₁√h,
// and W2(π_data, L(X̄_T)) <= the same (the projection to positions is 1-Lipschitz).
// The constants are not given. We compute them from the weighted-norm contraction
// (cld_weighted_contraction; process/cld_contraction.hpp), for the rate η and its best norm M_η
// with condition number κ and the score part's rate ℓ:
//     c₂ = η,   c₁ = √κ · exp(∫₀ᵀ ℓ) · max(1, (1 − e^{−ηT})/η),
// and η ∈ {0.05, …, 0.95} is the rate whose bound is least. Derivation (here): couple the
// sampler's reverse SDE started at π∞ with the exact one started at p_T (output law p₀ =
// π_data ⊗ π_v) synchronously; Z solves dZ = J Z ds + D(ŝ − ∇log p) ds, so by the variation of
// constants and ‖·‖_M <= ‖·‖ <= √κ‖·‖_M,
//     ‖Z_T‖ <= √κ e^{∫ℓ} (e^{−ηT}‖Z₀‖ + (1 − e^{−ηT})/η · ‖D(ŝ − ∇log p)‖),
// with ‖Z₀‖ = W2(π∞, p_T) <= ‖e^{TA}‖ W2(π∞, p₀) <= W2(π∞, p₀) under the optimal coupling
// (‖e^{TA}‖ = e^{−T}(T + √(1 + T²)) <= 1). For an additive error εe, ‖D(ŝ − ∇log p)‖ <= ‖D‖ε:
// M = ε (the L² score error, the same under every law), σ² read as ‖D‖ (= σ² for ε_ell <= σ).
// So in continuous time the first two terms are a theorem (the check holds by derivation and
// tests the engine); the third, c₁√h with the SAME c₁, is the printed form for the
// discretised samplers (em, ei, eir, split, split_renormalised), for which we have no
// derivation: its verdicts are findings about the printed form. A multiplicative error δ ≠ 0
// makes ŝ − ∇log p depend on the point (its size under the sampler's law is not M):
// hypotheses_fail.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "sb/law/phase_space_gaussian.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/phase_space_metrics.hpp"
#include "sb/sampler/cld_recursion.hpp"
#include "sb/theorems/cld.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

using cld::at;
using cld::instance;
using cld::process;
using cld::sweep;

class CldW2Bound final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "cld_w2_bound",
            .title = "CLD final W2 bound c1 e^-c2T W2 + c1 sigma^2 M + c1 sqrt(h)",
            .source = "seed 002, slide 'Final W2 upper bound'",
            .statement =
                "W2(pi_data x pi_v, L(U_T)) <= c1 e^{-c2 T} W2(pi_data x pi_v, pi_inf) "
                "+ c1 sigma^2 M + c1 sqrt(h); the position marginal obeys the same "
                "bound (projection 1-Lipschitz)",
            .convention =
                "constants from the weighted-norm contraction: c2 = eta, c1 = "
                "sqrt(kappa) e^{int_0^T ell} max(1, (1 - e^{-eta T})/eta), eta in "
                "{0.05..0.95} least bound; M = additive score error eps, sigma^2 read "
                "as ||D||; h = largest step (0 in continuous time); exact W2 of the "
                "phase-space output law",
            .metric = "w2_phase",
            .need = Need::kExactGaussianLaw,
            .processes = {"cld"}};
  }

  bool applies(const Problem& cfg) const override { return cfg.cld != nullptr; }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const CldProcess& p = *cfg.cld;
    const GaussianData& data = cfg.gaussian();
    const Vec& lambda = data.eigenvalues();
    const double T = cfg.T();
    const PhaseSpaceGaussian target = cld_target_law(p, data);
    const PhaseSpaceGaussian& law = out.law().as_phase_space()->law();
    const double w2_out = w2(law, target);
    const double w2_pos = w2(law.position(), target.position());
    const double w2_init = w2(cld_initial_law(Init::kReference, p, data, T), target);
    const double M = cfg.score_error.eps;
    const double D_norm = p.diffusion().diagonal().maxCoeff();
    double h = 0.0;
    if (cfg.scheme != Scheme::kContinuous)
      for (int k = 0; k < cfg.grid.steps(); ++k)
        h = std::max(h, cfg.grid.tau(k) - cfg.grid.tau(k + 1));

    struct Choice {
      double eta = 0, kappa = 1, integral = 0, c1 = 0, init = 0, score = 0, disc = 0;
      double total() const { return init + score + disc; }
    } best;
    bool first = true;
    const JordanFlow Lr = p.renormalised_flow();
    for (const double eta : cld::contraction_rates()) {
      Choice c;
      c.eta = eta;
      const ContractionNorm n = best_contraction_norm(Lr, c.eta);
      c.kappa = n.kappa;
      c.integral = cld_score_part_integral(p, lambda, n.M, 0.0, T);
      c.c1 = std::sqrt(n.kappa) * std::exp(c.integral) *
             std::max(1.0, -std::expm1(-c.eta * T) / c.eta);
      c.init = c.c1 * std::exp(-c.eta * T) * w2_init;
      c.score = c.c1 * D_norm * M;
      c.disc = c.c1 * std::sqrt(h);
      if (first || c.total() < best.total()) best = c;
      first = false;
    }

    BoundReport r = info().report(cfg);
    r.exact = Estimate::exact(w2_out, "exact_gaussian");
    r.total = best.total();
    r.tolerance = exact_metric_rel_tol(cfg.grid.steps(), data.dim()) * std::max(w2_out, r.total) +
                  1e-11 * std::max(1.0, best.integral) * r.total;
    r.terms = {
        {"init", best.init, "c1 e^{-c2 T} W2(pi_data x pi_v, pi_inf)"},
        {"score", best.score, "c1 ||D|| M, M = eps (additive score error)"},
        {"discretisation", best.disc, "c1 sqrt(h): the printed form (schematic for a scheme)"},
        {"c1", best.c1, "sqrt(kappa) e^{int ell} max(1, (1 - e^{-eta T})/eta)"},
        {"c2 = eta", best.eta, "weighted-norm contraction rate"},
        {"kappa(M)", best.kappa, "condition number of the weighted norm"},
        {"int_0^T ell", best.integral, "score part's expansion in ||.||_M"},
        {"W2(pi_data x pi_v, pi_inf)", w2_init, "initial phase-space distance"},
        {"W2 position", w2_pos, "W2(pi_data, position marginal) <= W2 phase (1-Lipschitz)"},
        {"h", h, "largest step (0: continuous time)"},
    };
    r.hypotheses = {
        {"score error additive (delta = 0): M is the drift error under every law",
         cfg.score_error.delta == 0.0, fmt::format("delta = {:.6g}", cfg.score_error.delta)},
    };
    r.decide();
    r.convention = fmt::format(
        "{}; sampler {}, {} steps, init {}; eta = {:.2f}, c1 = {:.6g}; W2 phase {:.6g}, position "
        "{:.6g}{}",
        cld::describe(cfg), to_string(cfg.scheme), cfg.grid.steps(), to_string(cfg.init), best.eta,
        best.c1, w2_out, w2_pos,
        cfg.scheme == Scheme::kContinuous
            ? " (continuous time: the bound is derived)"
            : " (the sqrt(h) term is the printed form with the same c1, not derived)");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Verdict;
    const ScoreError add{.delta = 0.0, .eps = 0.3, .direction = {}};
    const ScoreError mult{.delta = 0.1, .eps = 0.0, .direction = {}};
    return {
        instance("V27 N(0,2) v=1 T=2 continuous", process(), gaussian_1d(0, 2), 2, 20,
                 Scheme::kContinuous),
        instance("V27 N(0,2) v=1 T=2 N=20 em", process(), gaussian_1d(0, 2), 2, 20,
                 Scheme::kEulerMaruyama),
        instance("N(0,2) v=1 T=4 N=40 ei", process(), gaussian_1d(0, 2), 4, 40,
                 Scheme::kExponentialIntegrator),
        instance("N(0,2) v=1 T=4 N=40 eir", process(), gaussian_1d(0, 2), 4, 40,
                 Scheme::kExponentialRenormalised),
        instance("N(0,2) v=1 T=4 N=40 split", process(), gaussian_1d(0, 2), 4, 40, Scheme::kSplit),
        instance("N(0,2) v=1 T=4 N=40 split_renormalised", process(), gaussian_1d(0, 2), 4, 40,
                 Scheme::kSplitRenormalised),
        instance("N(0,2) v=1 T=8 N=8 em (h=1)", process(), gaussian_1d(0, 2), 8, 8,
                 Scheme::kEulerMaruyama),
        // The printed sqrt(h) term fails for large steps of the plain exponential integrator and
        // splitting: they integrate the expanding linear flow e^{-hA} = e^h(I - hN) exactly and
        // freeze the score part that must cancel it (W2 1255 at h = 1; split 1337 at h = 0.5).
        instance("N(0,2) v=1 T=4 N=4 ei (h=1)", process(), gaussian_1d(0, 2), 4, 4,
                 Scheme::kExponentialIntegrator, kViolated),
        instance("N(0,2) v=1 T=4 N=8 split (h=0.5)", process(), gaussian_1d(0, 2), 4, 8,
                 Scheme::kSplit, kViolated),
        instance("N(0,2) v=1 T=4 N=4 eir (h=1)", process(), gaussian_1d(0, 2), 4, 4,
                 Scheme::kExponentialRenormalised),
        instance("heteroscedastic d=10 T=5 N=50 em", process(),
                 gaussian_preset("heteroscedastic", 10), 5, 50, Scheme::kEulerMaruyama),
        instance("correlated d=20 T=5 N=50 split_renormalised", process(),
                 gaussian_preset("correlated", 20), 5, 50, Scheme::kSplitRenormalised),
        instance("N(0,2) T=4 continuous eps=0.3", process(), gaussian_1d(0, 2), 4, 40,
                 Scheme::kContinuous, kHolds, add),
        instance("N(0,2) T=4 N=40 em eps=0.3", process(), gaussian_1d(0, 2), 4, 40,
                 Scheme::kEulerMaruyama, kHolds, add),
        instance("sigma2=16 N(0,2) stationary v T=3 N=30 ei", process(16.0, std::nullopt),
                 gaussian_1d(0, 2), 3, 30, Scheme::kExponentialIntegrator),
        instance("elliptic eps=0.5 N(0,2) T=4 N=40 ei", process(4.0, 1.0, 0.5), gaussian_1d(0, 2),
                 4, 40, Scheme::kExponentialIntegrator),
        instance("N(0,2) T=4 N=40 em delta=0.1", process(), gaussian_1d(0, 2), 4, 40,
                 Scheme::kEulerMaruyama, kHypothesesFail, mult),
    };
  }

  // Panel 1: against T (continuous time, and em/ei/split with h = 0.1); panel 2: against the
  // number of steps N at T = 4 for every scheme; panel 3: against sigma2 (ei, h = 0.1);
  // panel 4: against the dimension (heteroscedastic preset, em, h = 0.1).
  std::vector<Sweep> sweeps() const override {
    std::vector<Sweep> out;
    const GaussianData data = gaussian_1d(0, 2);
    for (Scheme sc : {Scheme::kContinuous, Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                      Scheme::kSplit}) {
      Sweep s = sweep(fmt::format("{}{}, N(0,2), sigma2=4, v=1", to_string(sc),
                                  sc == Scheme::kContinuous ? "" : " h=0.1"),
                      "horizon T");
      for (double T : {0.5, 1.0, 2.0, 4.0, 8.0})
        s.points.emplace_back(T, at(process(), data, T,
                                    sc == Scheme::kContinuous ? 1 : int(std::lround(10 * T)), sc));
      out.push_back(std::move(s));
    }
    for (Scheme sc :
         {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised,
          Scheme::kSplit, Scheme::kSplitRenormalised}) {
      Sweep s = sweep(fmt::format("{}, N(0,2), T=4", to_string(sc)), "number of steps N (T = 4)");
      s.draw_bound = sc == Scheme::kEulerMaruyama;
      for (int N : {4, 8, 16, 32, 64, 128, 256})
        s.points.emplace_back(N, at(process(), data, 4.0, N, sc));
      out.push_back(std::move(s));
    }
    {
      Sweep s = sweep("ei h=0.1, N(0,2), stationary v, T=4", "sigma2 (T = 4, h = 0.1)");
      for (double sigma2 : {0.25, 1.0, 4.0, 16.0, 64.0})
        s.points.emplace_back(sigma2, at(process(sigma2, std::nullopt), data, 4.0, 40,
                                         Scheme::kExponentialIntegrator));
      out.push_back(std::move(s));
    }
    {
      Sweep s = sweep("em h=0.1, heteroscedastic preset, T=4", "dimension d (T = 4, h = 0.1)");
      for (int d : {1, 2, 5, 10, 20, 50})
        s.points.emplace_back(d, at(process(), gaussian_preset("heteroscedastic", d), 4.0, 40,
                                    Scheme::kEulerMaruyama));
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(CldW2Bound)
}
