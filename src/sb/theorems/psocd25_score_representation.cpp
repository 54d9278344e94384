// PSOCD25 — the conditional-expectation representation of the discrete score (theory-notes
// style: the formula that makes score learning a regression). Source: seed 000 (Ocello), slide
// "Discrete Score on {0,1} and Conditional Expectation"; Pham, Shariatian, Ocello, Conforti,
// Durmus, ICML 2025. Write-ups: theory/psocd25_score_representation_printed.md and
// theory/psocd25_score_representation_corrected.md.
//
// With α = e^{−2λτ}, τ = T − t, and I = 1{X₀ = X_τ} (per coordinate on {0,1}^d):
//   printed:   s_t(x) = E[(2α I − (1 + α))/(1 − α²) | X_τ = x],
//   corrected: s_t(x) = E[2α(2I − (1 + α))/(1 − α²) | X_τ = x]
// (1 − s = μ_τ(1 − x)/μ_τ(x) = E[p¹_τ(X₀, 1 − x)/p¹_τ(X₀, x) | X_τ = x], and the ratio is
// (1 − α)/(1 + α) when X₀ = x, (1 + α)/(1 − α) otherwise). The printed form equals
// −E[1/(2p¹_τ(X₀, x)) | X_τ = x]: at μ₀ = δ₀, λ = 1, τ = 0.5, x = 0 it gives −0.73106 where the
// score is 2α/(1 + α) = 0.53788.
//
// The check compares either form, evaluated exactly (score/discrete_score.hpp), with the score
// 1 − μ_τ(φ^ℓ x)/μ_τ(x) at every state, coordinate and forward time τ_k of the problem's grid:
// the metric is the largest absolute difference, the claimed bound 0.
#include <fmt/format.h>

#include "sb/score/discrete_score.hpp"
#include "sb/theorems/psocd25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class Psocd25ScoreRepresentation final : public TheoremCheck {
 public:
  explicit Psocd25ScoreRepresentation(bool printed) : printed_(printed) {}

  TheoremInfo info() const override {
    return {.id = printed_ ? "psocd25_score_representation_printed"
                           : "psocd25_score_representation_corrected",
            .title = printed_ ? "PSOCD25 conditional-expectation formula of the discrete score, as "
                                "printed"
                              : "PSOCD25 conditional-expectation formula of the discrete score, "
                                "corrected numerator 2 alpha (2 I - (1 + alpha))",
            .source =
                "seed 000 (Ocello), slide 'Discrete Score on {0,1} and Conditional "
                "Expectation'" +
                std::string(printed_ ? "" : " (corrected, theory/engines/hypercube.md)") +
                "; Pham, Shariatian, Ocello, Conforti, Durmus, ICML 2025",
            .statement =
                "s_t(x) = E[(2 alpha_{T-t} 1{X_0 = X_{T-t}} - (1 + alpha_{T-t}))/(1 - "
                "alpha_{T-t}^2) | X_{T-t} = x], alpha_t = e^{-2 lambda t} (per coordinate "
                "on {0,1}^d)",
            .convention =
                "bit-flip chain, rate lambda; the identity is checked at every state, "
                "coordinate and grid time tau_k = T - t_k (k < N) of the problem",
            .metric = "max_abs_score_difference",
            .need = Need::kMarginals,
            .data = {"hypercube"},
            .processes = {"bitflip"}};
  }

  bool applies(const Problem& p) const override { return p.chain != nullptr; }

  BoundReport check(const Problem& p, Outcome&) const override {
    const HypercubeLaw& data = psocd25::data_of(p);
    double worst = 0.0, scale = 0.0, worst_tau = 0.0;
    for (int k = 0; k < p.grid.steps(); ++k) {
      const double tau = p.grid.tau(k);
      const Mat s = discrete_score(p.chain->marginal(data.probs(), tau));
      const Mat f = score_by_conditional_expectation(
          data.probs(), *p.chain, tau,
          printed_ ? ScoreFormula::kPrinted : ScoreFormula::kCorrected);
      const double diff = (f - s).cwiseAbs().maxCoeff();
      scale = std::max(scale, s.cwiseAbs().maxCoeff() + 1.0);
      if (diff > worst) worst = diff, worst_tau = tau;
    }
    BoundReport r = info().report(p);
    r.terms = {{"claimed", 0.0, "the representation equals the score"}};
    r.total = 0.0;
    r.exact = Estimate::exact(worst, "exact_probability_vector");
    // Both sides are ratios of sums of 2^d products of d kernel entries; 1/(1 − α²) amplifies
    // rounding at small τ.
    const double amp =
        1.0 + 1.0 / (-std::expm1(-2.0 * p.chain->rate() * p.grid.tau(p.grid.steps() - 1)));
    r.tolerance = psocd25::cube_rel_tol(1, data.bits()) * scale * amp;
    r.decide();
    r.convention = fmt::format("largest |formula - score| at tau = {:.6g}", worst_tau);
    return r;
  }

  std::vector<Instance> instances() const override {
    using psocd25::cube;
    const Verdict v = printed_ ? Verdict::kViolated : Verdict::kHolds;
    auto mk = [](TargetPtr d, double lam, double T, int N) {
      return make_hypercube_problem(lam, std::move(d), T, N, Scheme::kFrozenRate);
    };
    return {
        {"V14 delta_0 d=1 lambda=1 tau=0.5", mk(cube(hypercube_point_mass(1, 0)), 1, 0.5, 1), v},
        {"mu0=(.5,.2,.2,.1) T=1 N=10", mk(psocd25::example_law(), 1, 1, 10), v},
        {"Ising d=6 lambda=0.5 T=2 N=8", mk(cube(hypercube_ising(6, 0.8, -0.4)), 0.5, 2, 8), v},
        {"Dirichlet(0.3) d=4 lambda=2 T=0.5 N=50",
         mk(cube(hypercube_random(4, 5, 0.3)), 2, 0.5, 50), v},
    };
  }

  std::vector<Sweep> sweeps() const override {
    using psocd25::cube;
    std::vector<Sweep> out;
    const std::vector<std::pair<std::string, TargetPtr>> laws = {
        {"delta_0 on {0,1}", cube(hypercube_point_mass(1, 0))},
        {"mu0 = (.5,.2,.2,.1)", psocd25::example_law()},
        {"Ising d = 6, J = 0.8, h = -0.4", cube(hypercube_ising(6, 0.8, -0.4))},
    };
    for (std::size_t i = 0; i < laws.size(); ++i) {
      Sweep s;
      s.series = laws[i].first + ", lambda = 1";
      s.x_label = i == 0 ? "forward time tau" : "";
      s.bound_name = "claimed difference 0";
      s.draw_bound = i == 0;
      for (double tau : {0.01, 0.03, 0.1, 0.3, 1.0, 2.0, 3.0})
        s.points.emplace_back(
            tau, make_hypercube_problem(1.0, laws[i].second, tau, 1, Scheme::kFrozenRate));
      out.push_back(std::move(s));
    }
    return out;
  }

 private:
  bool printed_;
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Psocd25ScoreRepresentation, true)
SB_REGISTER_THEOREM(Psocd25ScoreRepresentation, false)
}  // namespace sb::theorems
