// PSOCD25 — sharp KL bound for the discrete (bit-flip) diffusion model on {0,1}^d.
// Source: seed 000 (Ocello), slide "Theorem (Sharp KL Convergence Bound [PSOCD25])"; Pham,
// Shariatian, Ocello, Conforti, Durmus, ICML 2025. Write-ups: theory/psocd25_kl_printed.md,
// theory/psocd25_kl_corrected.md; background theory/engines/hypercube.md.
//
//   KL(μ₀ ‖ μ̂) ≤ E₁ + E₂ + E₃,  E₁ = e^{−2λT} KL(μ₀|μ*),  E₂ = Tε²,  E₃ = λh β_{γ_d}(·),
// with β_{γ_d}(μ) = E_μ Σ_ℓ 𝔥(μ(φ^ℓ X)/μ(X)), 𝔥(a) = a log a − a + 1. The slide prints E₃ with
// β(μ*) — which is 0 for μ* = γ_d, so the printed bound has no discretisation term — while the
// sentence below it defines β(μ₀): printed (β(μ*) = 0) and corrected (β(μ₀)) are two ids.
//
// ε² is not spelled out on the slide ("score approximation error bounded by ε²"). The check
// takes E₂ in its exact form, the path-space KL that the rate error adds
// (theory/engines/hypercube.md): Σ_k h_k E_{μ_{τ_k}} Σ_ℓ B(q̄, q̂) on the grid (B(q, q̂) = q log(q/q̂)
// − q + q̂), its integral for the continuous chain; 0 for the exact score.
//
// Scheme: not printed; PSOCD25's discretisation freezes the rates over a step and runs the
// chain exactly (scorebound's frozen_rate). euler, tau_leaping and continuous (h = 0) are
// checked too, each named in the report.
#include <fmt/format.h>

#include "sb/metric/discrete_divergence.hpp"
#include "sb/sampler/jump_chain.hpp"
#include "sb/score/discrete_score.hpp"
#include "sb/theorems/psocd25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

class Psocd25Kl final : public TheoremCheck {
 public:
  explicit Psocd25Kl(bool printed) : printed_(printed) {}

  TheoremInfo info() const override {
    return {
        .id = printed_ ? "psocd25_kl_printed" : "psocd25_kl_corrected",
        .title = printed_ ? "PSOCD25 sharp KL bound on {0,1}^d, E3 = lambda h beta(mu*) as printed"
                          : "PSOCD25 sharp KL bound on {0,1}^d, E3 = lambda h beta(mu0)",
        .source =
            "seed 000 (Ocello), slide 'Theorem (Sharp KL Convergence Bound [PSOCD25])'" +
            std::string(printed_ ? "" : " (corrected: beta of mu0, theory/engines/hypercube.md)") +
            "; Pham, Shariatian, Ocello, Conforti, Durmus, ICML 2025",
        .statement =
            "Under (A1) KL(mu0|mu*) < inf and (A2) score error <= eps^2: KL(mu0 || mu_hat_T) <= "
            "E1 + E2 + E3, E1 = e^{-2 lambda T} KL(mu0|mu*), E2 = T eps^2, E3 = lambda h "
            "beta_{gamma_d}(mu*) (printed; the definition below it is of beta_{gamma_d}(mu0))",
        .convention =
            "bit-flip chain on {0,1}^d, every bit at rate lambda, mu* = gamma_d uniform; reverse "
            "rates (1 + delta) q + eps lambda; E2 = exact path-space KL of the rate error; the "
            "scheme is not printed: frozen_rate is PSOCD25's, euler, tau_leaping and continuous "
            "(h = 0) are checked as well",
        .metric = "kl_data_model",
        .need = Need::kOutputDensity,
        .data = {"hypercube"},
        .processes = {"bitflip"}};
  }

  bool applies(const Problem& p) const override { return p.chain != nullptr; }

  BoundReport check(const Problem& p, Outcome& out) const override {
    const HypercubeLaw& data = psocd25::data_of(p);
    const Vec& mu0 = data.probs();
    const double lam = p.chain->rate(), T = p.T();
    const bool continuous = p.scheme == Scheme::kContinuous;
    const double h = continuous ? 0.0 : p.grid.max_step();
    const double kl0 = kl_to_uniform(mu0);
    const double beta = printed_ ? 0.0 : bitflip_beta(mu0);  // β(γ_d) = 0 exactly
    const double e2 = rate_error_path_kl(mu0, *p.chain, p.score_error.delta, p.score_error.eps,
                                         p.grid, continuous);
    BoundReport r = info().report(p);
    r.terms = {
        {"E1", std::exp(-2.0 * lam * T) * kl0, "e^{-2 lambda T} KL(mu0|gamma_d): initialisation"},
        {"E2", e2, "T eps^2 in its exact form: the path-space KL of the rate error"},
        {"E3", lam * h * beta,
         printed_ ? "lambda h beta(mu*) = 0 (beta of the uniform law vanishes)"
                  : (continuous ? "lambda h beta(mu0) with h = 0: continuous time"
                                : "lambda h beta(mu0): discretisation, h = max step")},
    };
    r.total = r.terms[0].value + r.terms[1].value + r.terms[2].value;
    r.exact = out.metric(Metric::kKlDataModel);
    r.tolerance =
        psocd25::cube_rel_tol(p.grid.steps(), data.bits()) * std::max(r.exact.value, r.total) +
        1e-300;
    r.hypotheses = {
        {"(A1) KL(mu0|mu*) < inf", std::isfinite(kl0), fmt::format("KL(mu0|gamma_d) = {}", kl0)},
        {"the sampler starts from mu* = gamma_d", p.init == Init::kReference,
         fmt::format("init = {}", to_string(p.init))},
    };
    r.decide();
    r.convention = fmt::format("{}; beta(mu0) = {:.6g}, lambda = {}, h = {}", r.scheme,
                               bitflip_beta(mu0), lam, h);
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    using psocd25::cube;
    const TargetPtr ex = psocd25::example_law();
    const TargetPtr rnd3 = cube(hypercube_random(3, 2026, 0.5));
    const TargetPtr ising4 = cube(hypercube_ising(4, 0.8, 0.3));
    const TargetPtr point2 = cube(hypercube_point_mass(2, 0));
    const TargetPtr prod6 =
        cube(hypercube_product((Vec(6) << 0.9, 0.1, 0.7, 0.5, 0.2, 0.95).finished()));
    const Verdict late = printed_ ? kViolated : kHolds;  // D-10: e^{-2λT} small, E3 = 0
    auto mk = [](TargetPtr d, double lam, double T, int N, Scheme s, double delta = 0.0,
                 double eps = 0.0, Init init = Init::kReference) {
      return make_hypercube_problem(lam, std::move(d), T, N, s, delta, eps, init);
    };
    std::vector<Instance> v = {
        {"V13 mu0=(.5,.2,.2,.1) lambda=1 T=1 N=10 frozen_rate", mk(ex, 1, 1, 10, kFrozenRate)},
        {"D-10 mu0=(.5,.2,.2,.1) lambda=1 T=5 N=5 frozen_rate", mk(ex, 1, 5, 5, kFrozenRate), late},
        {"mu0=(.5,.2,.2,.1) T=3 N=10 frozen_rate", mk(ex, 1, 3, 10, kFrozenRate), late},
        {"mu0=(.5,.2,.2,.1) T=1 continuous", mk(ex, 1, 1, 1, kContinuous)},
        {"random d=3 lambda=0.5 T=4 N=8 frozen_rate", mk(rnd3, 0.5, 4, 8, kFrozenRate), late},
        {"Ising d=4 lambda=1 T=2 N=20 frozen_rate delta=0.2 eps=0.1",
         mk(ising4, 1, 2, 20, kFrozenRate, 0.2, 0.1)},
        {"Ising d=4 lambda=1 T=2 N=20 continuous delta=0.2",
         mk(ising4, 1, 2, 20, kContinuous, 0.2)},
        {"point mass d=2 lambda=1 T=3 N=30 frozen_rate", mk(point2, 1, 3, 30, kFrozenRate), late},
        {"product d=6 lambda=1 T=2 N=20 tau_leaping", mk(prod6, 1, 2, 20, kTauLeaping), late},
        {"mu0=(.5,.2,.2,.1) T=2 N=20 euler", mk(ex, 1, 2, 20, kJumpEuler)},
        {"mu0=(.5,.2,.2,.1) T=4 N=20 euler", mk(ex, 1, 4, 20, kJumpEuler), late},
        {"mu0=(.5,.2,.2,.1) T=1 N=10 frozen_rate init=p_T",
         mk(ex, 1, 1, 10, kFrozenRate, 0, 0, Init::kPT), kHypothesesFail},
    };
    return v;
  }

  std::vector<Sweep> sweeps() const override;

 private:
  bool printed_;
};

std::vector<Sweep> Psocd25Kl::sweeps() const {
  using enum Scheme;
  using psocd25::cube;
  const TargetPtr ex = psocd25::example_law();
  std::vector<Sweep> out;
  auto series = [](std::string name, std::string xl, bool log_x, bool draw) {
    Sweep s;
    s.series = std::move(name);
    s.x_label = std::move(xl);
    s.log_x = log_x;
    s.draw_bound = draw;
    return s;
  };
  // (a) horizon T at h = 0.1, four schemes.
  for (Scheme sc : {kFrozenRate, kJumpEuler, kTauLeaping, kContinuous}) {
    Sweep s =
        series(to_string(sc) + ", mu0 = (.5,.2,.2,.1), lambda = 1, h = 0.1",
               sc == kFrozenRate ? "horizon T" : "", false, sc == kFrozenRate || sc == kContinuous);
    for (double T : {0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0}) {
      const int N = static_cast<int>(std::lround(T / 0.1));
      s.points.emplace_back(T, make_hypercube_problem(1.0, ex, T, N, sc));
    }
    out.push_back(std::move(s));
  }
  // (b) step h = T/N at T = 2.
  for (Scheme sc : {kFrozenRate, kTauLeaping}) {
    Sweep s = series(to_string(sc) + ", mu0 = (.5,.2,.2,.1), lambda = 1, T = 2",
                     sc == kFrozenRate ? "step h = T/N" : "", true, sc == kFrozenRate);
    for (int N : {2, 4, 8, 16, 32, 64, 128, 256}) {
      s.points.emplace_back(2.0 / N, make_hypercube_problem(1.0, ex, 2.0, N, sc));
    }
    out.push_back(std::move(s));
  }
  // (c) rate λ at T = 1, N = 10 (λh and e^{-2λT} both move).
  for (TargetPtr d : {ex, cube(hypercube_ising(4, 0.8, 0.3))}) {
    Sweep s = series("frozen_rate, " + d->describe() + ", T = 1, N = 10",
                     d == ex ? "rate lambda" : "", true, true);
    for (double lam : {0.125, 0.25, 0.5, 1.0, 2.0, 4.0})
      s.points.emplace_back(lam, make_hypercube_problem(lam, d, 1.0, 10, kFrozenRate));
    out.push_back(std::move(s));
  }
  // (d) multiplicative rate error δ at T = 2, N = 20.
  for (Scheme sc : {kFrozenRate, kContinuous}) {
    Sweep s =
        series(to_string(sc) + ", mu0 = (.5,.2,.2,.1), T = 2, N = 20",
               sc == kFrozenRate ? "rate error delta (q_hat = (1 + delta) q)" : "", true, true);
    for (double delta : {0.01, 0.03, 0.1, 0.3, 1.0})
      s.points.emplace_back(delta, make_hypercube_problem(1.0, ex, 2.0, 20, sc, delta));
    out.push_back(std::move(s));
  }
  // (e) dimension d = 1..12 at T = 1, N = 10, three families of laws.
  for (int fam = 0; fam < 3; ++fam) {
    Sweep s = series(fam == 0   ? "frozen_rate, Ising chain J = 0.8, h = 0.3"
                     : fam == 1 ? "frozen_rate, Dirichlet(1) law, seed 7"
                                : "frozen_rate, product law P(x = 1) = 0.8",
                     fam == 0 ? "dimension d (T = 1, N = 10, lambda = 1)" : "", false, true);
    for (int d = 1; d <= 12; ++d) {
      TargetPtr law = fam == 0   ? cube(hypercube_ising(d, 0.8, 0.3))
                      : fam == 1 ? cube(hypercube_random(d, 7, 1.0))
                                 : cube(hypercube_product(Vec::Constant(d, 0.8)));
      s.points.emplace_back(d, make_hypercube_problem(1.0, law, 1.0, 10, kFrozenRate));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Psocd25Kl, true)
SB_REGISTER_THEOREM(Psocd25Kl, false)
}  // namespace sb::theorems
