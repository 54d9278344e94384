// PSOCD25 / CCGL23 — the time reversal of the bit-flip chain as an optimal control problem on
// {0,1}^d: the discrete HJB equation and the verification identity of its value function.
// Source: seed 000 (Ocello), slides "Time Reversal as an Optimal Control Problem" and
// "Proposition (HJB equation [PSOCD25])"; Pham, Shariatian, Ocello, Conforti, Durmus, ICML
// 2025; Conforti & Léonard 2022 ([CL22] on the slide). Write-ups: theory/psocd25_hjb.md,
// theory/psocd25_optimal_control.md.
//
// V(t, x) = −log μ̃_{T−t}(x), μ̃ = dμ/dγ_d = 2^d μ, solves
//   ∂_t V(t, x) = λ Σ_ℓ [e^{V(t,x) − V(t,φ^ℓ x)} − 1],   V(T, x) = −log(dμ₀/dμ*)(x),
// and the optimal control is u*(t, x, φ^ℓ x) = e^{V(t,x) − V(t,φ^ℓ x)} = μ_{T−t}(φ^ℓ x)/μ_{T−t}(x)
// (the reverse rates over λ). Two checks:
//  * psocd25_hjb: the HJB residual, with ∂_t V computed independently of the right-hand side —
//    from the derivative of the product kernel (∂_τ of one bit's kernel is ∓λe^{−2λτ}, product
//    rule over the coordinates), not from the generator — at every grid time;
//  * psocd25_optimal_control: the verification identity V(0, x) = E_x[∫₀ᵀ Σ_ℓ λ𝔥(u*(s, X_s,
//    φ^ℓ X_s)) ds + g(X_T)], 𝔥(u) = u log u − u + 1, g = −log(dμ₀/dμ*), X the controlled chain
//    (rates λu*) from X₀ = x. Its law at time s is the Bayes kernel ν_s(y) = μ_{T−s}(y)P_s(y, x)/
//    μ_T(x), so the running cost of every start x at once is [P_s(μ_{T−s} ∘ w_{T−s})](x)/μ_T(x)
//    with w(y) = λΣ_ℓ𝔥(μ(φ^ℓ y)/μ(y)); the time integral is a 20-point Gauss–Legendre rule on
//    geometric pieces towards τ = T − s = 0 (where the cost is log-singular for data without full
//    support), compared with the 15-point rule for an error estimate.
#include <fmt/format.h>

#include <boost/math/quadrature/gauss.hpp>

#include "sb/metric/discrete_divergence.hpp"
#include "sb/score/discrete_score.hpp"
#include "sb/theorems/psocd25.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

/// ∂_τ μ_τ from the product form: Σ_ℓ μ₀ K^{⊗(ℓ' ≠ ℓ)} ⊗ K'_ℓ with K' = λα[[−1, 1], [1, −1]].
Vec marginal_time_derivative(const Vec& mu0, const BitFlipChain& chain, double tau, int d) {
  const double a = chain.alpha(tau), lam = chain.rate();
  Vec out = Vec::Zero(mu0.size());
  for (int l = 0; l < d; ++l) {
    Vec v = mu0;
    for (int j = 0; j < d; ++j)
      if (j == l)
        apply_bit_kernel(v, j, -lam * a, lam * a);
      else
        apply_bit_kernel(v, j, chain.stay(tau), chain.move(tau));
    out += v;
  }
  return out;
}

/// The figure of both control checks: the residual against the horizon for three laws.
std::vector<Sweep> control_sweeps(const std::string& x_label, int steps, const std::string& bound) {
  using psocd25::cube;
  const std::vector<std::pair<std::string, TargetPtr>> laws = {
      {"mu0 = (.5,.2,.2,.1)", psocd25::example_law()},
      {"point mass d = 3", cube(hypercube_point_mass(3, 6))},
      {"Ising d = 5, J = 1, h = 0.5", cube(hypercube_ising(5, 1.0, 0.5))},
  };
  std::vector<Sweep> out;
  for (std::size_t i = 0; i < laws.size(); ++i) {
    Sweep s;
    s.series = laws[i].first + ", lambda = 1";
    s.x_label = i == 0 ? x_label : "";
    s.bound_name = bound;
    s.draw_bound = i == 0;
    for (double T : {0.05, 0.1, 0.3, 1.0, 2.0, 4.0})
      s.points.emplace_back(
          T, make_hypercube_problem(1.0, laws[i].second, T, steps, Scheme::kFrozenRate));
    out.push_back(std::move(s));
  }
  return out;
}

class Psocd25Hjb final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "psocd25_hjb",
            .title = "PSOCD25 discrete HJB equation of V = -log(d mu_{T-t}/d gamma_d)",
            .source =
                "seed 000 (Ocello), slides 'Time Reversal as an Optimal Control Problem' "
                "and 'Proposition (HJB equation [PSOCD25])'; Pham, Shariatian, Ocello, "
                "Conforti, Durmus, ICML 2025",
            .statement =
                "d_t V(t,x) = lambda sum_l [e^{V(t,x) - V(t,phi^l x)} - 1], V(T,x) = "
                "-log(d mu0/d mu*)(x), with V(t,x) = -log mu~_{T-t}(x)",
            .convention =
                "bit-flip chain, rate lambda, mu* = gamma_d; residual at every state and "
                "grid time t_k (k < N), d_t V from the product kernel's derivative",
            .metric = "max_rel_hjb_residual",
            .need = Need::kMarginals,
            .data = {"hypercube"},
            .processes = {"bitflip"}};
  }

  bool applies(const Problem& p) const override { return p.chain != nullptr; }

  BoundReport check(const Problem& p, Outcome&) const override {
    const HypercubeLaw& data = psocd25::data_of(p);
    const int d = data.bits();
    const double lam = p.chain->rate();
    double worst = 0.0, worst_t = 0.0;
    for (int k = 0; k < p.grid.steps(); ++k) {
      const double tau = p.grid.tau(k);
      const Vec mu = p.chain->marginal(data.probs(), tau);
      // ∂_t V = −∂_t log μ_{T−t} = ∂_τ μ_τ/μ_τ.
      const Vec lhs = marginal_time_derivative(data.probs(), *p.chain, tau, d).cwiseQuotient(mu);
      const Vec logmu = mu.array().log();
      for (Eigen::Index x = 0; x < mu.size(); ++x) {
        double rhs = 0.0, scale = 0.0;
        for (int l = 0; l < d; ++l) {
          // V(x) − V(φx) = log μ(φx) − log μ(x).
          const double e =
              std::exp(logmu(static_cast<Eigen::Index>(flip_bit(static_cast<std::size_t>(x), l))) -
                       logmu(x));
          rhs += lam * (e - 1.0);
          scale += lam * (e + 1.0);
        }
        const double rel = std::abs(lhs(x) - rhs) / scale;
        if (rel > worst) worst = rel, worst_t = p.T() - tau;
      }
    }
    BoundReport r = info().report(p);
    r.terms = {{"claimed", 0.0, "V solves the HJB equation"}};
    r.total = 0.0;
    r.exact = Estimate::exact(worst, "exact_probability_vector");
    r.tolerance = psocd25::cube_rel_tol(1, d);
    r.decide();
    r.convention = fmt::format(
        "largest |d_t V - RHS| / (lambda sum_l (e^(V(x)-V(phi x)) + 1)) at reverse time t = "
        "{:.6g}",
        worst_t);
    return r;
  }

  std::vector<Instance> instances() const override {
    using psocd25::cube;
    auto mk = [](TargetPtr dd, double lam, double T, int N) {
      return make_hypercube_problem(lam, std::move(dd), T, N, Scheme::kFrozenRate);
    };
    return {
        {"mu0=(.5,.2,.2,.1) lambda=1 T=1 N=10", mk(psocd25::example_law(), 1, 1, 10)},
        {"point mass d=3 lambda=1 T=1 N=20", mk(cube(hypercube_point_mass(3, 6)), 1, 1, 20)},
        {"Ising d=8 lambda=0.5 T=2 N=10", mk(cube(hypercube_ising(8, 1.0, 0.2)), 0.5, 2, 10)},
    };
  }

  std::vector<Sweep> sweeps() const override {
    return control_sweeps("horizon T (N = 10 grid times)", 10, "claimed residual 0");
  }
};

class Psocd25OptimalControl final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {.id = "psocd25_optimal_control",
            .title =
                "PSOCD25 optimal control u* = e^{V(t,x) - V(t,y)}: verification identity "
                "V(0, x) = expected cost",
            .source =
                "seed 000 (Ocello), slide 'Time Reversal as an Optimal Control Problem' "
                "([CL22]); Pham, Shariatian, Ocello, Conforti, Durmus, ICML 2025; Conforti, "
                "Leonard 2022",
            .statement =
                "the time reversal of the forward CTMC minimises a relative entropy "
                "between path measures; the optimal control is u_t(x, y) = exp(V(t,x) - "
                "V(t,y)), V(t,x) = -log mu~_{T-t}(x)",
            .convention =
                "bit-flip chain, rate lambda; cost int_0^T sum_l lambda h(u) ds + "
                "g(X_T), h(u) = u log u - u + 1, g = -log(d mu0/d mu*); controlled chain "
                "from every start x; the identity V(0, x) = cost of u* at every x",
            .metric = "max_abs_value_minus_cost",
            .need = Need::kMarginals,
            .data = {"hypercube"},
            .processes = {"bitflip"}};
  }

  bool applies(const Problem& p) const override {
    return p.chain != nullptr && psocd25::data_of(p).bits() <= 10;
  }

  BoundReport check(const Problem& p, Outcome&) const override {
    const HypercubeLaw& data = psocd25::data_of(p);
    const Vec& mu0 = data.probs();
    const BitFlipChain& chain = *p.chain;
    const double T = p.T(), lam = chain.rate();
    const double n = static_cast<double>(mu0.size());
    const Vec muT = chain.marginal(mu0, T);
    // Running cost at forward time τ (reverse time s = T − τ), for every start x.
    auto running = [&](double tau) -> Vec {
      const Vec mu = chain.marginal(mu0, tau);
      const Mat q = reverse_rates(mu, lam);  // λ u*
      Vec w(mu.size());
      for (Eigen::Index y = 0; y < mu.size(); ++y) {
        double c = 0.0;
        for (Eigen::Index l = 0; l < q.cols(); ++l) {
          const double u = q(y, l) / lam;
          c += lam * (u > 0 ? u * std::log(u) - u + 1.0 : 1.0);
        }
        w(y) = mu(y) * c;
      }
      const double s = T - tau;
      apply_bit_kernel(w, chain.stay(s), chain.move(s));
      return w.cwiseQuotient(muT);
    };
    // ∫₀ᵀ running(τ) dτ on the pieces [T 2^{-k-1}, T 2^{-k}], k = 0..59, plus [0, T 2^{-60}]
    // (neglected: the cost is O(log(1/τ)) there, so the piece contributes < 1e-16).
    Vec integral20 = Vec::Zero(mu0.size()), integral15 = Vec::Zero(mu0.size());
    using G20 = boost::math::quadrature::gauss<double, 20>;
    using G15 = boost::math::quadrature::gauss<double, 15>;
    for (int k = 59; k >= 0; --k) {
      const double lo = T * std::ldexp(1.0, -k - 1), hi = T * std::ldexp(1.0, -k);
      const double c = 0.5 * (lo + hi), r = 0.5 * (hi - lo);
      auto rule = [&](const auto& xs, const auto& ws, Vec& acc) {
        for (std::size_t i = 0; i < xs.size(); ++i) {
          acc += r * ws[i] * running(c + r * xs[i]);
          if (xs[i] != 0.0) acc += r * ws[i] * running(c - r * xs[i]);
        }
      };
      rule(G20::abscissa(), G20::weights(), integral20);
      rule(G15::abscissa(), G15::weights(), integral15);
    }
    // Terminal cost E[g(X_T)] = [P_T(μ₀ ∘ g)](x)/μ_T(x), g = −log(2^d μ₀) on the support.
    Vec term(mu0.size());
    for (Eigen::Index y = 0; y < mu0.size(); ++y)
      term(y) = mu0(y) > 0 ? -mu0(y) * std::log(n * mu0(y)) : 0.0;
    apply_bit_kernel(term, chain.stay(T), chain.move(T));
    term = term.cwiseQuotient(muT);
    const Vec cost = integral20 + term;
    const Vec value = -(n * muT.array()).log();
    const double worst = (cost - value).cwiseAbs().maxCoeff();
    const double quad_err = (integral20 - integral15).cwiseAbs().maxCoeff();
    BoundReport r = info().report(p);
    r.terms = {{"claimed", 0.0, "V(0, x) equals the cost of the control u*"}};
    r.total = 0.0;
    r.exact = Estimate::exact(worst, "exact_probability_vector+gauss_legendre");
    // Quadrature: the 20- and 15-point rules' difference bounds the error of the 15-point rule;
    // the 20-point rule is far more accurate on these analytic pieces. Rounding: 2^d terms.
    r.tolerance = quad_err + psocd25::cube_rel_tol(120, data.bits()) *
                                 (1.0 + value.cwiseAbs().maxCoeff() + cost.cwiseAbs().maxCoeff());
    r.decide();
    r.convention = fmt::format(
        "max_x |V(0,x) - cost(x)| over {} starts; quadrature difference "
        "(20 vs 15 points) {:.3g}",
        mu0.size(), quad_err);
    return r;
  }

  std::vector<Instance> instances() const override {
    using psocd25::cube;
    auto mk = [](TargetPtr dd, double lam, double T) {
      return make_hypercube_problem(lam, std::move(dd), T, 1, Scheme::kFrozenRate);
    };
    return {
        {"mu0=(.5,.2,.2,.1) lambda=1 T=1", mk(psocd25::example_law(), 1, 1)},
        {"point mass d=2 lambda=1 T=2", mk(cube(hypercube_point_mass(2, 1)), 1, 2)},
        {"Ising d=5 lambda=0.7 T=1.5", mk(cube(hypercube_ising(5, 1.0, 0.5)), 0.7, 1.5)},
        {"Dirichlet(0.2) d=4 lambda=2 T=0.3", mk(cube(hypercube_random(4, 17, 0.2)), 2, 0.3)},
    };
  }

  std::vector<Sweep> sweeps() const override {
    return control_sweeps("horizon T", 1, "claimed difference 0");
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Psocd25Hjb)
SB_REGISTER_THEOREM(Psocd25OptimalControl)
}  // namespace sb::theorems
