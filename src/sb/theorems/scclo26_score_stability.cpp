// SCCLO26 — stability of the generated law in the score error (seed 000; theory-notes C1, C8,
// C9, D-8). Source: seed 000 (Ocello talk), slide "Stability of Score-Based Generation"; paper:
// Strasman, Cardoso, Le Corff, Lemaire, Ocello, "On Forgetting and Stability of Score-based
// Generative models", arXiv:2601.21868, 2026. Write-up: theory/scclo26_score_stability.md.
//
// Printed: "KL = E_init + E_score + E_disc, with no exponential blow-up" and "Small regression
// error in the score ‖s_θ − s*‖² induces only linear degradation in KL". No constants.
//
// Checked statement (standard OU, data μ₀, reference γ_d):
//   KL(μ₀ ‖ law of the output) ≤ E_init + E_score + E_disc,
//   E_init  = KL(p_T ‖ γ_d)                                          (exact, theory-notes A.2),
//   E_score = ½ ∫₀ᵀ g2(τ) E_{p_τ}‖ŝ(τ, X_τ) − ∇log p_τ(X_τ)‖² dτ       (Girsanov, exact ½:
//             the drift difference is g2(ŝ − ∇log p), the noise variance g2; for the standard OU
//             and an additive error ε this is T ε²; theory-notes C1, C8),
//   E_disc  = 0 for the continuous-time sampler, h I(μ₀ | γ_d) for em, ei and eir (CDS25's E3).
// For `continuous` this is a theorem: the exact reverse SDE from p_T ends at μ₀, so by the data
// processing inequality KL(μ₀ ‖ output) ≤ KL(path from p_T, exact score ‖ path from γ_d, ŝ) =
// E_init + E_score (Girsanov). The bound is linear in T ε²: the "linear degradation" made
// checkable. For the discretised schemes E_score is the Riemann sum ½ Σ_k h_k g2(τ_k) E‖·‖² of
// the scheme's grid (= T ε² as well for an additive error) and E_disc = h I: for eir this is
// CDS25's bound with the sharp Girsanov ½ in place of its factor 4 in front of ε² — not a
// theorem (the Girsanov integrand mixes the score and the discretisation errors), and a scan
// finds it violated on a coarse grid (h = 1, eps = 3, delta = 0.2: 10.2175 > 10.1077, pinned);
// em and ei are biased at ε = 0 (theory-notes D-8), so the bound fails for small ε.
// Reported beside the verdict: the exact KL_0 of the same scheme with the exact score, the
// increment KL_ε − KL_0 and its ratio to T ε² (no exponential growth in T: it saturates).
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "sb/core/quadrature.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/process_match.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class Scclo26ScoreStability final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "scclo26_score_stability",
            .title = "SCCLO26 stability of the KL in the score error",
            .source =
                "seed 000 (Ocello), slide 'Stability of Score-Based Generation'; Strasman, "
                "Cardoso, Le Corff, Lemaire, Ocello, arXiv:2601.21868, 2026",
            .statement =
                "KL = E_init + E_score + E_disc, with no exponential blow-up; small "
                "regression error in the score ||s_theta - s*||^2 induces only linear "
                "degradation in KL",
            .convention =
                "forward dX = -X dt + sqrt(2) dB, start gamma_d; checked as KL(mu0 || output) <= "
                "KL(p_T || gamma_d) + 1/2 int g2 E_{p_tau}||s_hat - grad log p_tau||^2 + E_disc, "
                "E_disc = 0 (continuous: Girsanov + data processing, a theorem) or h "
                "I(mu0|gamma_d) (em, ei, eir)",
            .metric = "kl_data_model",
            .need = Need::kExactGaussianLaw};
  }

  bool applies(const Problem& cfg) const override {
    return is_standard_ou(*cfg.process, cfg.T()) && !cfg.score_error.is_random_field() &&
           (cfg.scheme == Scheme::kContinuous || is_affine_step_scheme(cfg.scheme));
  }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const GaussianData& data = cfg.gaussian();
    const double T = cfg.T();
    const Vec& lam = data.eigenvalues();
    const double msq = data.mean().squaredNorm();
    double fisher = msq;  // I(μ₀|γ_d) = Σ(λ − 2 + 1/λ) + ‖m‖² (theory-notes C)
    for (Eigen::Index j = 0; j < lam.size(); ++j) fisher += lam(j) - 2.0 + 1.0 / lam(j);
    // E_init = KL(p_T ‖ γ_d): p_T = N(e^{−T}m, diag(e^{−2T}λ + 1 − e^{−2T})) in the eigenbasis.
    const SpectralGaussian pT = data.marginal(*cfg.process, T);
    const double e_init =
        kl_divergence_diag(pT.mean, pT.var, Vec::Zero(lam.size()), Vec::Ones(lam.size()));
    const GaussianScore score(cfg.process, data, cfg.score_error);
    const bool continuous = cfg.scheme == Scheme::kContinuous;
    double e_score = 0.0;
    if (continuous) {
      e_score =
          0.5 * quad::gauss_kronrod(
                    [&](double tau) { return cfg.process->g2(tau) * score.l2_error_sq(tau).value; },
                    0.0, T, 31, 15, 1e-13);
    } else {
      for (int k = 0; k < cfg.grid.steps(); ++k)
        e_score += 0.5 * cfg.grid.step(k) * cfg.process->g2(cfg.grid.tau(k)) *
                   score.l2_error_sq(cfg.grid.tau(k)).value;
    }
    const double e_disc = continuous ? 0.0 : cfg.grid.max_step() * fisher;

    // KL_0: the same scheme and grid with the exact score.
    Problem exact_score = cfg;
    exact_score.score_error = ScoreError{};
    Outcome o0 = solve(exact_score);
    const double kl0 = o0.metric(Metric::kKlDataModel).value;

    BoundReport r = info().report(cfg);
    r.exact = out.metric(Metric::kKlDataModel);
    const double inc = r.exact.value - kl0;
    const double teps2 = T * cfg.score_error.eps * cfg.score_error.eps;
    r.terms = {
        {"E_init", e_init, "KL(p_T || gamma_d), exact"},
        {"E_score", e_score,
         continuous ? "1/2 int_0^T g2 E_{p_tau}||s_hat - grad log p_tau||^2 (Girsanov; = T eps^2 "
                      "for an additive error)"
                    : "1/2 sum_k h_k g2(tau_k) E_{p_tau_k}||s_hat - grad log p||^2 (= T eps^2 "
                      "for an additive error)"},
        {"E_disc", e_disc, continuous ? "0: continuous time" : "h I(mu0|gamma_d) (CDS25's E3)"},
        {"KL_0", kl0, "exact KL of the same scheme with the exact score"},
        {"increment", inc, "KL_eps - KL_0 (exact)"},
        {"increment/(T eps^2)", teps2 > 0 ? inc / teps2 : 0.0,
         "linear-in-T reference T eps^2 (0 when eps = 0)"},
    };
    r.total = e_init + e_score + e_disc;
    r.tolerance = kl_check_tolerance(cfg.grid.steps(), data.dim(), r.exact.value, r.total);
    r.hypotheses = {
        {"the sampler starts from gamma_d", cfg.init == Init::kReference,
         fmt::format("init = {}", to_string(cfg.init))},
    };
    r.decide();
    r.convention =
        continuous
            ? "continuous: Girsanov + data processing, a theorem"
            : (cfg.scheme == Scheme::kExponentialRenormalised
                   ? "eir: CDS25's form with the sharp Girsanov 1/2 on the score term (not a "
                     "theorem: fails on coarse grids)"
                   : r.scheme + ": biased at eps = 0 (theory-notes D-8); checked as printed");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou();
    const auto add = [](double eps) {
      return ScoreError{.delta = 0.0, .eps = eps, .direction = {}};
    };
    const auto minus = [](double eps) {
      return ScoreError{.delta = 0.0, .eps = eps, .direction = Vec::Constant(1, -1.0)};
    };
    return instance_table({
        {"N(0,4) T=1 continuous eps=0.3", ou, gaussian_1d(0, 4), 1, 1, kContinuous, kHolds,
         add(0.3)},
        {"N(0,4) T=5 continuous eps=0.3", ou, gaussian_1d(0, 4), 5, 1, kContinuous, kHolds,
         add(0.3)},
        {"N(0,4) T=20 continuous eps=0.3", ou, gaussian_1d(0, 4), 20, 1, kContinuous, kHolds,
         add(0.3)},
        {"N(1,0.5) T=10 continuous eps=1 delta=0.2", ou, gaussian_1d(1, 0.5), 10, 1, kContinuous,
         kHolds, ScoreError{.delta = 0.2, .eps = 1.0, .direction = {}}},
        {"N(0,4) T=1 N=10 eir eps=0.3", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised,
         kHolds, add(0.3)},
        {"gamma_1 T=2 N=20 eir eps=0.5", ou, gaussian_1d(0, 1), 2, 20, kExponentialRenormalised,
         kHolds, add(0.5)},
        {"D-8 N(0,0.98) T=2 N=20 em eps=0.01", ou, gaussian_1d(0, 0.98), 2, 20, kEulerMaruyama,
         kViolated, add(0.01)},
        {"D-8 N(0,0.98) T=2 N=20 ei eps=0.01", ou, gaussian_1d(0, 0.98), 2, 20,
         kExponentialIntegrator, kViolated, add(0.01)},
        {"N(0,0.98) T=2 N=20 em eps=0.3", ou, gaussian_1d(0, 0.98), 2, 20, kEulerMaruyama, kHolds,
         add(0.3)},
        {"N(0,4) T=1 N=10 eir init=p_T", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised,
         kHypothesesFail, add(0.3), Init::kPT},
        // A biased eps = 0 output (initialisation error e^{-T} m): the increment is linear in
        // eps, with either sign (e = -1 pushes the mean further from the data's).
        // The sharp-constant reading for eir is not a theorem and fails on a coarse grid (h = 1)
        // with a large error: 10.2175 > 10.1077 (CDS25's factor 4 on eps^2 holds there).
        {"N(1,1) T=1 N=1 eir eps=3 delta=0.2 e=-1", ou, gaussian_1d(1, 1), 1, 1,
         kExponentialRenormalised, kViolated,
         ScoreError{.delta = 0.2, .eps = 3.0, .direction = Vec::Constant(1, -1.0)}},
        {"N(3,1) T=1 continuous eps=0.1 e=-1", ou, gaussian_1d(3, 1), 1, 1, kContinuous, kHolds,
         minus(0.1)},
        {"N(3,1) T=1 N=10 em eps=0.1 e=-1", ou, gaussian_1d(3, 1), 1, 10, kEulerMaruyama, kHolds,
         minus(0.1)},
    });
  }

  // Panels: KL against eps^2 for several T (continuous: the bound is E_init + T eps^2); KL against
  // T at fixed eps (continuous and eir with h = 0.1: the bound grows linearly, the exact KL
  // saturates); the three discretised schemes against eps near gamma (em, ei biased at eps = 0).
  std::vector<Sweep> sweeps() const override {
    using enum Scheme;
    const ProcessPtr ou = make_standard_ou();
    const auto add = [](double eps) {
      return ScoreError{.delta = 0.0, .eps = eps, .direction = {}};
    };
    std::vector<Sweep> out;
    bool first = true;
    for (double T : {1.0, 2.0, 5.0, 10.0, 20.0}) {
      Sweep s;
      s.series = fmt::format("continuous, N(0,4), T={}", T);
      s.x_label = first ? "eps^2 (additive score error, N(0,4), continuous)" : "";
      for (double eps : {0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 1.0})
        s.points.emplace_back(eps * eps,
                              make_problem(ou, gaussian_1d(0, 4), T, 1, kContinuous, add(eps)));
      out.push_back(std::move(s));
      first = false;
    }
    first = true;
    for (double eps : {0.1, 0.3, 1.0}) {
      for (Scheme sc : {kContinuous, kExponentialRenormalised}) {
        Sweep s;
        s.series = fmt::format("{}, N(0,4), eps={}{}", to_string(sc), eps,
                               sc == kContinuous ? "" : ", h=0.1");
        s.x_label = first ? "horizon T (N(0,4), additive eps)" : "";
        for (double T : {0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 40.0}) {
          const int N = sc == kContinuous ? 1 : static_cast<int>(std::lround(T / 0.1));
          s.points.emplace_back(T, make_problem(ou, gaussian_1d(0, 4), T, N, sc, add(eps)));
        }
        out.push_back(std::move(s));
        first = false;
      }
    }
    first = true;
    for (Scheme sc : {kEulerMaruyama, kExponentialIntegrator, kExponentialRenormalised}) {
      Sweep s;
      s.series = fmt::format("{}, N(0,0.98), T=2, N=20", to_string(sc));
      s.x_label = first ? "eps (N(0,0.98), T = 2, N = 20; bound shared)" : "";
      s.draw_bound = first;
      for (double eps : {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0})
        s.points.emplace_back(eps, make_problem(ou, gaussian_1d(0, 0.98), 2, 20, sc, add(eps)));
      out.push_back(std::move(s));
      first = false;
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Scclo26ScoreStability)
}
