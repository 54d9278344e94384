// SCCLO26 forgetting of the backward chain (theory-notes C9, D-28, V22). Source: seed 000
// (Ocello talk), slide "Stability I: Forgetting Property of the Backward Chain"; Strasman,
// Cardoso, Le Corff, Lemaire, Ocello, "On Forgetting and Stability of Score-based Generative
// models", arXiv:2601.21868 (2026). Write-ups: theory/scclo26_forgetting.md,
// theory/scclo26_forgetting_per_step.md.
//
// Printed: the backward chain X_{k+1} ~ P_k(X_k, ·) satisfies, for two initialisations x, y,
//     TV(Law X_k^x, Law X_k^y) <= C ρ^k,  ρ < 1   (no constants given).
// With C free this cannot fail on a finite chain (C = max_k TV_k ρ^{−k} works for every ρ > 0),
// so two readings with content are checked (sampler/forgetting.hpp computes every number):
//  * scclo26_forgetting_per_step — the "contractivity" reading: every step contracts, i.e. the
//    Lipschitz constant L_k of the step map y ↦ A_k(y) is at most a uniform ρ < 1. Checked as
//    max_k L_k <= 1. False for EM on the OU with data variance λ > 2 (A_k = 1 + h − 2h/var_τ > 1
//    near the data, D-28: 1.042 for λ = 4, T = 1, N = 10) — for every scheme there, since the
//    exact reverse flow itself expands where var_τ > 2 — and for bimodal mixtures (the chain
//    pushes mass apart between the modes).
//  * scclo26_forgetting — the product reading: forgetting needs products, not factors, below 1.
//    Bound: the coupling bound TV_k <= 2Φ(Λ_k‖x − y‖/(2√q_{k−1})) − 1, Λ_k = L_0⋯L_{k−1}
//    (synchronous coupling, then the last Gaussian kernels; forgetting.hpp), checked at every k
//    and for three starting pairs x, y = c ± r e₁ (c the reference mean, r = 0.5, 2, 8) against
//    the exact TV_k (Gaussian data: closed form of C9) or the grid TV (1-D/2-D mixtures, with
//    its bias bound). Reported with the fitted envelope C ρ^k (fit_geometric: C = TV_0 = 1,
//    ρ = max_k TV_k^{1/k}).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/forgetting.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

/// Half-distances r of the starting pairs c ± r e₁.
constexpr double kHalfDistances[] = {0.5, 2.0, 8.0};

constexpr const char* kSource =
    "seed 000 (Ocello talk), slide 'Stability I: Forgetting Property of the Backward Chain'; "
    "Strasman, Cardoso, Le Corff, Lemaire, Ocello, arXiv:2601.21868 (2026)";
constexpr const char* kStatement =
    "The backward Markov chain X_{k+1} ~ P_k(X_k, .) enjoys a forgetting (contractivity) "
    "property: for two initializations x, y, TV(Law(X_k^x), Law(X_k^y)) <= C rho^k, rho < 1";

/// Gaussian data (exact), or a mixture in dimension 1 or 2 whose problem names the grid engine:
/// the mixture path propagates six densities on the grid (three start pairs, every step), which
/// in 2-D costs seconds per step-hundred — a cost a user asks for by choosing `engine: grid`,
/// not one that `eval` imposes on every particle run of a 2-D mixture.
bool forgetting_applies(const Problem& cfg) {
  if (!is_affine_step_scheme(cfg.scheme)) return false;
  const std::string kind = cfg.target->kind();
  return kind == "gaussian" ||
         (kind == "gmm" && cfg.dim() <= 2 && cfg.engine() == Engine::kGrid);
}

std::vector<Gaussian> cover_laws(const Problem& cfg) { return {cfg.target->moment_law()}; }

/// The per-step factors alone (independent of the starts).
std::vector<double> step_factors(const Problem& cfg) {
  const ScorePtr score = make_score(cfg);
  if (const AffineScore* aff = score->as_affine()) {
    const Vec z = Vec::Zero(cfg.dim());
    return forgetting_exact(*cfg.process, *aff, cfg.scheme, cfg.grid, z, z,
                            cfg.gaussian().basis().get())
        .step_lipschitz;
  }
  return step_lipschitz_on_grid(*cfg.process, *score, cfg.scheme, cfg.grid, cover_laws(cfg),
                                cfg.dim() == 1 ? 20001 : 201, cfg.options.grid_half_width);
}

/// The curve of the problem's chain from c ± r e₁; for a mixture the per-step factors are
/// `factors` (computed once per problem by step_factors()).
ForgettingCurve curve_for(const Problem& cfg, double r, const std::vector<double>& factors) {
  const Eigen::Index d = cfg.dim();
  const Vec c = cfg.process->reference(d, cfg.T()).mean;
  Vec e = Vec::Zero(d);
  e(0) = r;
  const ScorePtr score = make_score(cfg);
  if (const AffineScore* aff = score->as_affine())
    return forgetting_exact(*cfg.process, *aff, cfg.scheme, cfg.grid, c + e, c - e,
                            cfg.gaussian().basis().get());
  ForgettingGridOptions opt;
  opt.points = cfg.options.grid_points;
  opt.half_width_sds = cfg.options.grid_half_width;
  opt.lipschitz = false;
  ForgettingCurve out = forgetting_on_grid(*cfg.process, *score, cfg.scheme, cfg.grid, c + e, c - e,
                                           cover_laws(cfg), opt);
  out.step_lipschitz = factors;
  return out;
}

std::string describe_score(const Problem& cfg) {
  return fmt::format("delta = {}, eps = {}", cfg.score_error.delta, cfg.score_error.eps);
}

Problem mixture_problem(GaussianMixture data, double T, int steps, Scheme s, double eps = 0.0) {
  return make_grid_problem(make_standard_ou(),
                           std::make_shared<const GaussianMixture>(std::move(data)), T, steps, s,
                           eps);
}

/// ½N(−a e₁, var I) + ½N(a e₁, var I) in 2-D.
GaussianMixture pair_2d(double a, double var) {
  Mat means(2, 2);
  means << -a, 0.0, a, 0.0;
  return GaussianMixture(Vec::Constant(2, 0.5), means, var);
}

// ---------------------------------------------------------------------------------------------

class Scclo26Forgetting final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "scclo26_forgetting",
            .title = "SCCLO26 forgetting of the backward chain: product (coupling) reading",
            .source = kSource,
            .statement = kStatement,
            .convention =
                "any linear forward process; em, ei, eir (each step Gaussian given X_k); starts "
                "c +- r e1 (c the reference mean, r = 0.5, 2, 8); TV exact (Gaussian data, "
                "theory-notes C9) or by grid propagation (mixtures, d <= 2); bound: the "
                "coupling bound 2 Phi(L_0...L_{k-1} ||x-y|| / (2 sqrt(q_{k-1}))) - 1 at every k",
            .metric = "tv",
            .need = Need::kMarginals,
            .trivial_max = 1.0,
            .data = {"gaussian", "gmm"}};
  }

  bool applies(const Problem& cfg) const override { return forgetting_applies(cfg); }

  BoundReport check(const Problem& cfg, Outcome& /*out*/) const override {
    BoundReport r = info().report(cfg);
    const int N = cfg.grid.steps();
    const double rel = exact_metric_rel_tol(N, cfg.dim());
    struct Pick {
      Estimate exact;
      double bound = 0, ratio = -1, r = 0, lambda = 0, q = 0;
      int k = 0;
      Verdict v = Verdict::kVacuous;
    } pick, violated;
    bool any_violated = false, any_nonvacuous = false;
    std::vector<BoundTerm> fits;
    const bool gaussian = cfg.target->kind() == "gaussian";
    const std::vector<double> L = gaussian ? std::vector<double>{} : step_factors(cfg);
    std::vector<double> Lc;
    const auto uN = static_cast<std::size_t>(N);
    for (const double half : kHalfDistances) {
      const ForgettingCurve c = curve_for(cfg, half, L);
      Lc = c.step_lipschitz;
      const std::vector<double> b = c.coupling_bound(), lam = c.lipschitz_product();
      for (int k = 1; k <= N; ++k) {
        const auto uk = static_cast<std::size_t>(k);
        const Estimate& e = c.tv[uk];
        const double tol = rel * std::max(e.value, b[uk]);
        const Verdict v = decide(e, b[uk], tol, true, 1.0);
        Pick p{e, b[uk], b[uk] > 0 ? e.value / b[uk] : 0.0, half, lam[uk], c.kernel_var[uk - 1],
               k, v};
        if (v == Verdict::kViolated && !any_violated) {
          any_violated = true;
          violated = p;
        }
        // k = 1 is an identity for affine 1-D chains (ratio 1): the reported point is the worst
        // k >= 2 (k = 1 when N = 1); every k is checked for a violation.
        if (v != Verdict::kVacuous && (k >= 2 || N == 1) && p.ratio > pick.ratio) {
          any_nonvacuous = true;
          pick = p;
        }
        if (!any_nonvacuous && k == N) pick = p;  // reported when every point is vacuous
      }
      const GeometricFit f = fit_geometric(c.values());
      const double last_ratio =
          N >= 2 && c.tv[uN - 1].value > 0 ? c.tv[uN].value / c.tv[uN - 1].value : 0.0;
      fits.push_back({fmt::format("TV_N (r = {})", half), c.tv.back().value,
                      fmt::format("TV at the last step, starts c +- {} e1 (bias bound {:.2g})",
                                  half, c.tv.back().bias_bound)});
      fits.push_back({fmt::format("rho fitted (r = {})", half), f.rho,
                      fmt::format("smallest rho with TV_k <= C rho^k for k = 0..N, C = TV_0 = "
                                  "{}; binds at k = {}",
                                  f.C, f.k_star)});
      const GeometricFit fc = fit_geometric(c.values(), c.coupling_constant());
      fits.push_back({fmt::format("rho fitted, C coupling (r = {})", half), fc.rho,
                      fmt::format("smallest rho with TV_k <= C rho^k for k = 0..N, C = ||x-y|| / "
                                  "sqrt(2 pi min q) = {:.6g}; binds at k = {}",
                                  fc.C, fc.k_star)});
      fits.push_back({fmt::format("TV_N/TV_(N-1) (r = {})", half), last_ratio,
                      "realised TV contraction of the last step"});
    }
    if (any_violated) pick = violated;
    double prod = 1, maxl = 0;
    for (double l : Lc) {
      prod *= l;
      maxl = std::max(maxl, l);
    }
    r.exact = pick.exact;
    r.total = pick.bound;
    r.tolerance = rel * std::max(pick.exact.value, pick.bound);
    r.terms = {
        {"k", static_cast<double>(pick.k), "step reported (largest TV/bound, or a violation)"},
        {"||x - y||", 2 * pick.r, "distance of the starts at the reported point"},
        {"Lambda_k", pick.lambda, "L_0 ... L_{k-1}, product of the per-step factors"},
        {"q_{k-1}", pick.q, "variance of the last kernel"},
        {"max_k L_k", maxl, "largest per-step factor (contractivity reading needs < 1)"},
        {"prod_k L_k", prod, "product over all N steps (the product reading)"},
    };
    r.terms.insert(r.terms.end(), fits.begin(), fits.end());
    r.hypotheses = {{"each step Gaussian given X_k with variance q_k > 0 (em, ei, eir)", true,
                     to_string(cfg.scheme)}};
    r.decide();
    if (!any_violated && !any_nonvacuous) r.verdict = Verdict::kVacuous;
    r.convention = fmt::format(
        "{}; score {}; {} steps, T = {}; worst of {} starting pairs x {} steps at k = {}, "
        "||x-y|| = {}",
        gaussian ? "exact TV (closed form, C9)"
                 : "grid TV (density propagation, bias bound stated)",
        describe_score(cfg), N, cfg.T(), std::size(kHalfDistances), N, pick.k, 2 * pick.r);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou();
    const ScoreError mult{.delta = 0.2, .eps = 0.0, .direction = {}};
    const ScoreError add{.delta = 0.0, .eps = 0.5, .direction = {}};
    std::vector<Instance> out = instance_table({
        // D-28 / V22: max A_k = 1.042 > 1, yet the coupling bound through products holds.
        {"D-28 N(0,4) T=1 N=10 em", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama},
        {"N(0,4) T=1 N=10 ei", ou, gaussian_1d(0, 4), 1, 10, kExponentialIntegrator},
        {"N(0,4) T=1 N=10 eir", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised},
        {"N(0,1) T=2 N=20 em", ou, gaussian_1d(0, 1), 2, 20, kEulerMaruyama},
        {"N(1,0.25) T=2 N=20 eir", ou, gaussian_1d(1, 0.25), 2, 20, kExponentialRenormalised},
        {"N(0,4) T=1 N=10 em delta=0.2", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kHolds,
         mult},
        {"N(0,4) T=1 N=10 em eps=0.5", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kHolds, add},
        {"correlated d=5 T=1 N=10 em", ou, gaussian_preset("correlated", 5), 1, 10, kEulerMaruyama},
    });
    const auto mix = [&](std::string name, GaussianMixture data, double T, int N, Scheme s,
                         Verdict v, double eps = 0.0) {
      out.push_back({std::move(name), mixture_problem(std::move(data), T, N, s, eps), v});
    };
    // 1-D mixtures (grid engine, 2001 nodes).
    mix("pair a=0.3 var=0.91 T=1 N=10 em", gmm_symmetric_pair(0.3, 0.91), 1, 10, kEulerMaruyama,
        kHolds);
    mix("pair a=1.5 var=0.3 T=1 N=10 ei eps=0.3", gmm_symmetric_pair(1.5, 0.3), 1, 10,
        kExponentialIntegrator, kHolds, 0.3);
    mix("pair a=2 var=0.25 T=1 N=10 eir", gmm_symmetric_pair(2.0, 0.25), 1, 10,
        kExponentialRenormalised, kHolds);
    // One 2-D mixture on a 81 x 81 grid (7 standard deviations).
    Problem p2 = mixture_problem(pair_2d(1.0, 0.5), 1, 5, kEulerMaruyama);
    p2.options.grid_points = 81;
    p2.options.grid_half_width = 7.0;
    out.push_back({"2-D pair a=1 var=0.5 T=1 N=5 em (81x81)", p2, kHolds});
    return out;
  }

  // The figure (TV against k for several starts and score errors, with the fitted C rho^k and
  // the coupling bound) is drawn by experiments/scclo26_forgetting.cpp.
  std::vector<Sweep> sweeps() const override { return {}; }
};

// ---------------------------------------------------------------------------------------------

class Scclo26ForgettingPerStep final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "scclo26_forgetting_per_step",
            .title = "SCCLO26 forgetting of the backward chain: per-step contraction reading",
            .source = kSource,
            .statement = kStatement,
            .convention =
                "read as 'every step contracts': the Lipschitz constant L_k of the step map "
                "y -> A_k(y) = alpha_k y + zeta_k mu + gamma_k s(tau_k, y) is <= rho < 1 for all "
                "k; exact ||A_k||_2 for affine scores, grid estimate (secant slopes, a lower "
                "bound on the sup) for mixtures; em, ei, eir",
            .metric = "step_lipschitz",
            .need = Need::kMarginals,
            .data = {"gaussian", "gmm"}};
  }

  bool applies(const Problem& cfg) const override { return forgetting_applies(cfg); }

  BoundReport check(const Problem& cfg, Outcome& /*out*/) const override {
    BoundReport r = info().report(cfg);
    const std::vector<double> L = step_factors(cfg);
    const auto it = std::max_element(L.begin(), L.end());
    const int k = static_cast<int>(it - L.begin());
    double prod = 1, minl = std::numeric_limits<double>::infinity();
    for (double l : L) {
      prod *= l;
      minl = std::min(minl, l);
    }
    const bool gaussian = cfg.target->kind() == "gaussian";
    r.exact = Estimate::exact(*it, gaussian ? "exact_closed_form" : "grid_secant_lower_bound");
    r.total = 1.0;
    r.tolerance = exact_metric_rel_tol(cfg.grid.steps(), cfg.dim());
    r.terms = {
        {"rho", 1.0, "largest admissible per-step factor (rho < 1 read as <= 1)"},
        {"k_max", static_cast<double>(k), "step with the largest factor"},
        {"tau_k", cfg.grid.tau(k), "its forward time"},
        {"min_k L_k", minl, "smallest per-step factor"},
        {"prod_k L_k", prod, "product over the N steps: < 1 means the chain still contracts"},
    };
    r.decide();
    r.convention =
        fmt::format("per-step contraction; {} L_k; score {}; max at step {} (tau = {}), product {}",
                    gaussian ? "exact" : "grid", describe_score(cfg), k, cfg.grid.tau(k), prod);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou();
    const ScoreError mult{.delta = -0.3, .eps = 0.0, .direction = {}};
    std::vector<Instance> out = instance_table({
        // D-28: max A_k = 1.042 (last step), product 0.9956.
        {"D-28 N(0,4) T=1 N=10 em", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kViolated},
        {"N(0,4) T=1 N=10 ei", ou, gaussian_1d(0, 4), 1, 10, kExponentialIntegrator, kViolated},
        {"N(0,4) T=1 N=10 eir", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised, kViolated},
        // var_tau < 2 everywhere: every step contracts.
        {"N(0,1) T=2 N=20 em", ou, gaussian_1d(0, 1), 2, 20, kEulerMaruyama, kHolds},
        {"N(0,1.9) T=1 N=10 eir", ou, gaussian_1d(0, 1.9), 1, 10, kExponentialRenormalised, kHolds},
        // An under-confident score (delta = -0.3) weakens the pull towards the data: every
        // factor exceeds 1 (min 1.0004, product 1.341).
        {"N(0,4) T=1 N=10 em delta=-0.3", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama, kViolated,
         mult},
        {"correlated d=5 T=1 N=10 em", ou, gaussian_preset("correlated", 5), 1, 10, kEulerMaruyama,
         kViolated},
    });
    const auto mix = [&](std::string name, GaussianMixture data, double T, int N, Scheme s,
                         Verdict v, double eps = 0.0) {
      out.push_back({std::move(name), mixture_problem(std::move(data), T, N, s, eps), v});
    };
    mix("pair a=0.3 var=0.91 T=1 N=10 em", gmm_symmetric_pair(0.3, 0.91), 1, 10, kEulerMaruyama,
        kHolds);
    mix("pair a=2 var=0.25 T=1 N=10 em", gmm_symmetric_pair(2.0, 0.25), 1, 10, kEulerMaruyama,
        kViolated);
    mix("pair a=2 var=0.25 T=1 N=10 eir eps=0.5", gmm_symmetric_pair(2.0, 0.25), 1, 10,
        kExponentialRenormalised, kViolated, 0.5);
    out.push_back({"2-D pair a=1 var=0.5 T=1 N=5 em",
                   mixture_problem(pair_2d(1.0, 0.5), 1, 5, kEulerMaruyama), kViolated});
    return out;
  }

  // Panels: the data variance lambda (Gaussian, T = 1, N = 10; the EM factor crosses 1 at
  // lambda ~ 2) and the half-separation a of the mixture pair (var 0.25).
  std::vector<Sweep> sweeps() const override {
    using enum Scheme;
    std::vector<Sweep> out;
    for (Scheme s : {kEulerMaruyama, kExponentialIntegrator, kExponentialRenormalised}) {
      Sweep sw;
      sw.series = fmt::format("{}, N(0, lambda), T=1, N=10", to_string(s));
      sw.x_label = "data variance lambda (1-D Gaussian, exact score; bound: rho = 1)";
      sw.draw_bound = s == kEulerMaruyama;
      sw.bound_name = "rho = 1";
      for (double lam : {0.1, 0.3, 1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 10.0, 30.0})
        sw.points.emplace_back(lam,
                               make_problem(make_standard_ou(), gaussian_1d(0, lam), 1.0, 10, s));
      out.push_back(std::move(sw));
    }
    for (Scheme s : {kEulerMaruyama, kExponentialRenormalised}) {
      Sweep sw;
      sw.series = fmt::format("{}, pair +-a, var 0.25, T=1, N=10", to_string(s));
      sw.x_label = "half-separation a of 1/2 N(-a, 0.25) + 1/2 N(a, 0.25) (grid estimate)";
      sw.draw_bound = s == kEulerMaruyama;
      sw.bound_name = "rho = 1";
      for (double a : {0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0})
        sw.points.emplace_back(a, mixture_problem(gmm_symmetric_pair(a, 0.25), 1.0, 10, s));
      out.push_back(std::move(sw));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Scclo26Forgetting)
SB_REGISTER_THEOREM(Scclo26ForgettingPerStep)
}  // namespace sb::theorems
