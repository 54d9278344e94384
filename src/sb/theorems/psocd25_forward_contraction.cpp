// PSOCD25 — the forward contraction behind E₁: KL(μ_T ‖ γ_d) ≤ e^{−2λT} KL(μ₀ ‖ γ_d) for the
// bit-flip chain on {0,1}^d. Source: seed 000 (Ocello), slides "Forward Process on {0,1}:
// Closed-Form Transition" ("exponential mixing to uniform") and "Theorem (Sharp KL Convergence
// Bound [PSOCD25])" (E₁); Pham, Shariatian, Ocello, Conforti, Durmus, ICML 2025. Write-up:
// theory/psocd25_forward_contraction.md.
//
// The entropy of a law relative to γ_d decays at least at rate 2λ along the chain (one bit:
// f(α) = KL(μ_t|γ₁) − α KL(μ₀|γ₁), α = e^{−2λt}, is convex in α and vanishes at α = 0 and 1;
// product laws tensorise); the check measures it on arbitrary laws.
#include <fmt/format.h>

#include "sb/metric/discrete_divergence.hpp"
#include "sb/theorems/psocd25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class Psocd25ForwardContraction final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "psocd25_forward_contraction",
            .title =
                "PSOCD25 E1: entropy contraction KL(mu_T|gamma_d) <= e^{-2 lambda T} "
                "KL(mu0|gamma_d) of the bit-flip chain",
            .source =
                "seed 000 (Ocello), slides 'Forward Process on {0,1}' and 'Theorem (Sharp "
                "KL Convergence Bound [PSOCD25])' (E1); Pham, Shariatian, Ocello, Conforti, "
                "Durmus, ICML 2025",
            .statement =
                "each coordinate mixes at rate e^{-2 lambda t}; the initialisation error "
                "of the reverse chain started at gamma_d is E1 = e^{-2 lambda T} "
                "KL(mu0|mu*), i.e. KL(mu_T|gamma_d) <= e^{-2 lambda T} KL(mu0|gamma_d)",
            .convention =
                "bit-flip chain on {0,1}^d, every bit at rate lambda, mu* = gamma_d; a "
                "property of the forward marginal mu_T (no sampler)",
            .metric = "kl_forward_marginal",
            .need = Need::kMarginals,
            .data = {"hypercube"},
            .processes = {"bitflip"}};
  }

  bool applies(const Problem& p) const override { return p.chain != nullptr; }

  BoundReport check(const Problem& p, Outcome&) const override {
    const HypercubeLaw& data = psocd25::data_of(p);
    const double lam = p.chain->rate(), T = p.T();
    const double kl0 = kl_to_uniform(data.probs());
    const double klT = kl_to_uniform(p.chain->marginal(data.probs(), T));
    BoundReport r = info().report(p);
    r.terms = {{"E1", std::exp(-2.0 * lam * T) * kl0, "e^{-2 lambda T} KL(mu0|gamma_d)"}};
    r.total = r.terms[0].value;
    r.exact = Estimate::exact(klT, "exact_probability_vector");
    r.tolerance = psocd25::cube_rel_tol(1, data.bits()) * std::max(klT, r.total) + 1e-300;
    r.hypotheses = {{"KL(mu0|gamma_d) < inf", std::isfinite(kl0), fmt::format("{}", kl0)}};
    r.decide();
    r.convention = fmt::format(
        "forward marginal at T = {}, lambda = {}; ratio to KL(mu0|gamma_d) "
        "= {:.6g} vs e^(-2 lambda T) = {:.6g}",
        T, lam, kl0 > 0 ? klT / kl0 : 0.0, std::exp(-2.0 * lam * T));
    return r;
  }

  std::vector<Instance> instances() const override {
    using psocd25::cube;
    auto mk = [](TargetPtr d, double lam, double T) {
      return make_hypercube_problem(lam, std::move(d), T, 1, Scheme::kFrozenRate);
    };
    std::vector<Instance> v = {
        {"V12 mu0=(.5,.2,.2,.1) lambda=1 T=1", mk(psocd25::example_law(), 1, 1)},
        {"point mass d=1 T=0.01", mk(cube(hypercube_point_mass(1, 0)), 1, 0.01)},
        {"point mass d=8 T=0.5", mk(cube(hypercube_point_mass(8, 37)), 1, 0.5)},
        {"Ising d=10 J=1.5 h=0 T=0.3", mk(cube(hypercube_ising(10, 1.5, 0.0)), 1, 0.3)},
        {"Dirichlet(0.1) d=5 T=0.2", mk(cube(hypercube_random(5, 99, 0.1)), 1, 0.2)},
        {"Dirichlet(1) d=12 lambda=2 T=0.05", mk(cube(hypercube_random(12, 3, 1.0)), 2, 0.05)},
    };
    return v;
  }

  std::vector<Sweep> sweeps() const override {
    using psocd25::cube;
    std::vector<Sweep> out;
    const std::vector<std::pair<std::string, TargetPtr>> laws = {
        {"mu0 = (.5,.2,.2,.1)", psocd25::example_law()},
        {"point mass d = 6", cube(hypercube_point_mass(6, 0))},
        {"Ising d = 8, J = 1.5, h = 0", cube(hypercube_ising(8, 1.5, 0.0))},
        {"Dirichlet(0.1) d = 5", cube(hypercube_random(5, 99, 0.1))},
    };
    for (std::size_t i = 0; i < laws.size(); ++i) {
      Sweep s;
      s.series = laws[i].first + ", lambda = 1";
      s.x_label = i == 0 ? "horizon T" : "";
      s.log_x = true;
      for (double T : {0.01, 0.03, 0.1, 0.3, 0.6, 1.0, 1.5, 2.0, 3.0})
        s.points.emplace_back(
            T, make_hypercube_problem(1.0, laws[i].second, T, 1, Scheme::kFrozenRate));
      out.push_back(std::move(s));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Psocd25ForwardContraction)
}  // namespace sb::theorems
