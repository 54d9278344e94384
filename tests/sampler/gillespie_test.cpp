// The Monte Carlo route for the bit-flip samplers (src/sb/sampler/gillespie.hpp; PSOCD25, seed
// 000 slides "CTMCs on Discrete Spaces: Generator and Sampling" and "Time reversal";
// theory-notes B.5, C6, D-11): simulated chains against the exact laws of run_jump_chain
// (sampler/jump_chain.hpp), which share no code with the simulation beyond the rate formulas.
//
// The acceptance rule (one per state x, two-sided), with p the exact probability, p̂ the empirical
// one over n chains and SE₀ = sqrt(p(1 − p)/n) the standard error under the hypothesis:
//     |p̂ − p| <= 5·SE₀ + 25/(3n).
// Why SE₀ and not the empirical SE: the empirical SE is 0 for a state never visited, which would
// flag every unvisited state of positive probability. Why + 25/(3n): for a state of tiny p the
// count is Poisson-like and the normal tail is far too optimistic (p = 1e-6, n = 1e5: two visits
// already exceed 5·SE₀, probability 0.005). With it the rule is rigorous by Bernstein's
// inequality for the count K = n·p̂ (a sum of n centred Bernoulli variables, |·| <= 1, variance
// v = np(1 − p)): P(|K − np| >= t) <= 2 exp(−t²/(2(v + t/3))), and t = 5√v + 25/3 satisfies
// t² >= 25(v + t/3) (t² − (25/3)t − 25v >= 0 holds for t >= 25/6 + sqrt(625/36 + 25v), which is
// at most 25/3 + 5√v), so the per-state false-alarm probability is <= 2e^{−12.5} = 7.45e-6
// whatever p (normal approximation, for p not tiny: 2·(1 − Φ(5)) = 5.73e-7).
//
// Family-wise false-alarm rate of MatchesExactLaws: 32 cases (below), of which 29 compare a law
// (the 3 Euler cases on data with zeros are refusals): 15 at d = 2 (4 states) and 14 at d = 3
// (8 states) = 60 + 112 = 172 per-state comparisons, so P(any false alarm) <= 172·7.45e-6 =
// 1.3e-3 (Bernstein, rigorous) and about 172·5.73e-7 = 9.9e-5 (normal approximation). The seeds
// are fixed: that is the chance that a correct implementation had been unlucky with them.
//
// Power: a 10% relative error in a state of probability p >= 0.05 must be caught. The hardest
// case is p = 0.05 with the truth at p' = 1.1p = 0.055 (larger variance than 0.9p). At n = 1e5:
// threshold 5·sqrt(0.05·0.95/1e5) + 25/(3e5) = 5·6.892e-4 + 8.3e-5 = 3.53e-3 < |p' − p| = 5e-3,
// and p̂ has SE' = sqrt(0.055·0.945/1e5) = 7.21e-4 around p', so the deviation is flagged unless
// p̂ falls (5e-3 − 3.53e-3)/7.21e-4 = 2.04 SE' short: probability Φ(−2.04) = 0.021, i.e. power
// 0.98 for that state alone. For p > 0.05 the relative error is more SEs (0.1p/sqrt(p/n) grows
// like sqrt(p)). n = 89,100 is the least n with threshold + 1.645·SE' (power 0.95) below 5e-3;
// n = 1e5 is that rounded up, and it is not larger because cost is linear in n.
//
// Cost (Release): ~1.6 µs per continuous chain with the exact rates and 2.2 µs with the rate
// error (4.5–6 rings of the clock, about 4.5 Newton steps each), 15–40 ns per chain and step for
// the discretised schemes; the 32 cases are ~2 s of CPU (1.0 s wall on 2 idle cores) and the
// whole file 2.3 s of CPU (1.4 s wall). Under ASan (~10x) that is ~25 s of CPU: n cannot drop
// below ~89,000 without losing the power above, so the cost is held down by the number of cases
// (a half fraction of the 64 law × scheme × exact/perturbed combinations, below) and by the
// property tests using one block of chains.
#include "sb/sampler/gillespie.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"
#include "sb/core/rng.hpp"
#include "sb/sampler/jump_chain.hpp"
#include "sb/score/discrete_score.hpp"

namespace sb {
namespace {

constexpr long kSamples = 100000;

/// Indices of the states where |p̂ − p| > 5·SE₀ + 25/(3n) (the rule above).
std::vector<Eigen::Index> rejected_states(const EmpiricalLaw& emp, const Vec& exact) {
  std::vector<Eigen::Index> bad;
  const double n = static_cast<double>(emp.samples);
  for (Eigen::Index x = 0; x < exact.size(); ++x) {
    const double p = exact(x);
    const double se0 = std::sqrt(std::max(p * (1.0 - p), 0.0) / n);
    if (!(std::abs(emp.probs(x) - p) <= 5.0 * se0 + 25.0 / (3.0 * n))) bad.push_back(x);
  }
  return bad;
}

std::string describe(const EmpiricalLaw& emp, const Vec& exact) {
  std::string s;
  for (Eigen::Index x = 0; x < exact.size(); ++x) {
    const double se0 = std::sqrt(exact(x) * (1.0 - exact(x)) / static_cast<double>(emp.samples));
    s += "\n  state " + std::to_string(x) + ": simulated " + std::to_string(emp.probs(x)) +
         ", exact " + std::to_string(exact(x)) +
         ", z = " + std::to_string(se0 > 0 ? (emp.probs(x) - exact(x)) / se0 : 0.0);
  }
  return s;
}

Vec v12() { return (Vec(4) << 0.5, 0.2, 0.2, 0.1).finished(); }

/// A law on {0,1}^3 with zeros: mass on 000, 110, 011 (indices 0, 3, 6); the other states lie
/// at Hamming distance 1 (indices 1, 2, 4, 7) or 2 (index 5) from the support.
Vec sparse3() { return (Vec(8) << 0.4, 0.0, 0.0, 0.3, 0.0, 0.0, 0.3, 0.0).finished(); }

struct DataCase {
  const char* name;
  HypercubeLaw law;
  bool zeros;   // data without full support
  int pattern;  // perturbed rates for scheme j iff (pattern + j) is odd (see below)
};

std::vector<DataCase> data_cases() {
  return {
      {"V12 (.5,.2,.2,.1)", HypercubeLaw(v12()), false, 1},
      {"random d=2", hypercube_random(2, 11), false, 1},
      {"point mass d=2 at 3", hypercube_point_mass(2, 3), true, 0},
      {"Ising d=2 J=.5 h=.2", hypercube_ising(2, 0.5, 0.2), false, 0},
      {"random d=3", hypercube_random(3, 12), false, 1},
      {"point mass d=3 at 5", hypercube_point_mass(3, 5), true, 0},
      {"Ising d=3 J=.5 h=.2", hypercube_ising(3, 0.5, 0.2), false, 1},
      {"sparse d=3", HypercubeLaw(sparse3()), true, 0},
  };
}

// The design: every data law (8, above) with every scheme (4) = 32 cases, half of them with the
// perturbed rates δ = 0.3, ε = 0.2 (rate q̂ = 1.3 q̄ + 0.2λ). Scheme j ∈ {continuous, frozen_rate,
// euler, tau_leaping} runs perturbed iff pattern + j is odd, so every (scheme, exact/perturbed)
// pair meets 4 data laws, and continuous always runs the exact score on data with zeros (its
// perturbed version has no exact law: PropertiesOnDataWithZeros). λ = {0.5, 1, 2}[(i + j) % 3]
// for law i, so every scheme meets every λ. T = 1; the start alternates between the uniform law
// (even i) and μ_T (odd i). Grids: N = 8 for frozen_rate and tau_leaping; euler takes the
// least N in 8, 16, ..., 128 for which I + hQ̂ is a kernel at every step, or N = 8 when none is
// (data with zeros: h·exit ≈ (1 + δ)·k at the last step, never <= 1), where both engines must
// refuse.
TEST(GillespieSimulation, MatchesExactLaws) {
  const Scheme schemes[] = {Scheme::kContinuous, Scheme::kFrozenRate, Scheme::kJumpEuler,
                            Scheme::kTauLeaping};
  const double lambdas[] = {0.5, 1.0, 2.0};
  const std::vector<DataCase> cases = data_cases();
  int compared = 0, refused = 0, states = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const DataCase& dc = cases[i];
    for (int j = 0; j < 4; ++j) {
      const Scheme s = schemes[j];
      const bool perturbed = (dc.pattern + j) % 2 == 1;
      const double delta = perturbed ? 0.3 : 0.0, eps = perturbed ? 0.2 : 0.0;
      const BitFlipChain chain(lambdas[(i + static_cast<std::size_t>(j)) % 3]);
      const Vec init =
          hypercube_initial_law(i % 2 ? Init::kPT : Init::kReference, chain, dc.law, 1.0);
      int N = 8;
      JumpChainRun exact =
          run_jump_chain(chain, dc.law, s, delta, eps, TimeGrid::uniform(1, N), init);
      while (s == Scheme::kJumpEuler && !exact.ok && N < 128) {
        N *= 2;
        exact = run_jump_chain(chain, dc.law, s, delta, eps, TimeGrid::uniform(1.0, N), init);
      }
      if (s == Scheme::kJumpEuler && !exact.ok) {
        N = 8;
        exact = run_jump_chain(chain, dc.law, s, delta, eps, TimeGrid::uniform(1.0, N), init);
      }
      const std::uint64_t seed = 1000 + 10 * i + static_cast<std::uint64_t>(j);
      const std::string what = std::string(dc.name) + ", " + to_string(s) +
                               (perturbed ? " (delta .3, eps .2)" : " (exact rates)") +
                               ", lambda " + std::to_string(chain.rate()) + ", N " +
                               std::to_string(N) + ", seed " + std::to_string(seed);
      SCOPED_TRACE(what);
      if (!exact.ok) {
        // Both engines refuse the same grid, naming the same step.
        ASSERT_EQ(s, Scheme::kJumpEuler) << exact.message;
        ASSERT_TRUE(dc.zeros) << exact.message;
        try {
          simulate_jump_chain(chain, dc.law, s, delta, eps, TimeGrid::uniform(1.0, N), init,
                              kSamples, seed, 1);
          ADD_FAILURE() << "the simulation ran an Euler grid the exact engine refuses";
        } catch (const InputError& e) {
          // "euler step k (forward time tau = ...)", the first step that is not a kernel.
          const std::string step = exact.message.substr(0, exact.message.find(')') + 1);
          EXPECT_NE(std::string(e.what()).find(step), std::string::npos)
              << e.what() << " vs " << exact.message;
        }
        ++refused;
        continue;
      }
      const EmpiricalLaw emp = simulate_jump_chain(
          chain, dc.law, s, delta, eps, TimeGrid::uniform(1.0, N), init, kSamples, seed, 2);
      const std::vector<Eigen::Index> bad = rejected_states(emp, exact.law);
      EXPECT_TRUE(bad.empty()) << bad.size() << " state(s) rejected:" << describe(emp, exact.law);
      ++compared;
      states += static_cast<int>(exact.law.size());
    }
  }
  // The counts the header comment's false-alarm rate is computed from.
  EXPECT_EQ(compared, 29);
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(states, 172);
}

// The rule can fail: the frozen-rate law at N = 2 is a wrong answer for the continuous chain.
TEST(GillespieSimulation, RuleRejectsAWrongExactLaw) {
  const HypercubeLaw data(v12());
  const BitFlipChain chain(1.0);
  const Vec init = hypercube_initial_law(Init::kReference, chain, data, 1.0);
  const EmpiricalLaw emp = simulate_jump_chain(chain, data, Scheme::kContinuous, 0.0, 0.0,
                                               TimeGrid::uniform(1.0, 1), init, kSamples, 7, 2);
  const Vec right = exact_reverse_law(data.probs(), chain, 1.0, init);
  const Vec wrong =
      run_jump_chain(chain, data, Scheme::kFrozenRate, 0.0, 0.0, TimeGrid::uniform(1.0, 2), init)
          .law;
  EXPECT_TRUE(rejected_states(emp, right).empty()) << describe(emp, right);
  EXPECT_FALSE(rejected_states(emp, wrong).empty()) << describe(emp, wrong);
  // And a 10% relative error moved between the two states of probability 0.2 (both are off by
  // 0.02, the smallest shift the power computation above speaks of is 0.005).
  Vec moved = right;
  moved(1) *= 1.1;
  moved(2) = right(1) + right(2) - moved(1);
  EXPECT_FALSE(rejected_states(emp, moved).empty()) << describe(emp, moved);
}

// Same seed ⇒ the same bytes for 1 and 2 threads (several blocks of kStreamBlock chains), for
// every scheme; another seed gives another sample.
TEST(GillespieSimulation, ThreadCountDoesNotChangeTheBytes) {
  const HypercubeLaw data = hypercube_random(3, 5, 2.0);
  const BitFlipChain chain(1.0);
  const Vec init = hypercube_initial_law(Init::kReference, chain, data, 1.0);
  const long n = 3 * kStreamBlock + 17;
  for (Scheme s :
       {Scheme::kContinuous, Scheme::kFrozenRate, Scheme::kJumpEuler, Scheme::kTauLeaping}) {
    const TimeGrid grid = TimeGrid::uniform(1.0, 64);
    const EmpiricalLaw a = simulate_jump_chain(chain, data, s, 0.3, 0.2, grid, init, n, 99, 1);
    const EmpiricalLaw b = simulate_jump_chain(chain, data, s, 0.3, 0.2, grid, init, n, 99, 2);
    const EmpiricalLaw c = simulate_jump_chain(chain, data, s, 0.3, 0.2, grid, init, n, 100, 2);
    ASSERT_EQ(a.probs.size(), b.probs.size());
    EXPECT_EQ(std::memcmp(a.probs.data(), b.probs.data(), sizeof(double) * a.probs.size()), 0)
        << to_string(s);
    EXPECT_EQ(
        std::memcmp(a.std_error.data(), b.std_error.data(), sizeof(double) * a.std_error.size()), 0)
        << to_string(s);
    EXPECT_NE(a.probs, c.probs) << to_string(s);
    EXPECT_EQ(a.samples, n);
    EXPECT_EQ(a.seed, 99u);
    // The reported standard error is the binomial one of the empirical law.
    for (Eigen::Index x = 0; x < a.probs.size(); ++x)
      EXPECT_DOUBLE_EQ(a.std_error(x),
                       std::sqrt(a.probs(x) * (1.0 - a.probs(x)) / static_cast<double>(n)));
    EXPECT_NEAR(a.probs.sum(), 1.0, 1e-12);
  }
}

// Theory-notes D-11 (seed 000, "CTMCs on Discrete Spaces: Generator and Sampling": the slide
// defines the jump rate as λ_t(x) = Σ_y q_t(x, y)). With the diagonal q(x, x) = −Σ_{y≠x} q(x, y)
// that sum is 0 for every generator, so it cannot be the clock's rate; the rate is the
// off-diagonal sum Σ_{y≠x} q(x, y) = exit_rates(). The simulation's clock, the closed-form
// integrated hazard, is the integral of exactly that rate.
TEST(GillespieSimulation, D11ExitRateIsTheOffDiagonalSum) {
  const BitFlipChain chain(1.3);
  const HypercubeLaw data = hypercube_random(3, 21, 0.7);
  for (double tau : {0.05, 0.5, 2.0}) {
    Mat q = reverse_rates(chain.marginal(data.probs(), tau), chain.rate());
    perturb_rates(q, 0.3, 0.2, chain.rate());
    const Vec exit = exit_rates(q);
    for (Eigen::Index x = 0; x < q.rows(); ++x) {
      // The generator row over all y, the diagonal included: Σ_y q(x, y) = 0 (the slide's
      // "jump rate"), while the exit rate is positive.
      double row = -exit(x);
      for (Eigen::Index l = 0; l < q.cols(); ++l) row += q(x, l);
      EXPECT_NEAR(row, 0.0, 1e-13 * exit(x));
      EXPECT_GT(exit(x), 0.0);
    }
  }
  // ∫_{τ_b}^{τ_a} Σ_{y≠x} q̂_τ(x, y) dτ by quadrature of the engine's exit rates, against the
  // clock (closed form from the forward equation), to 1e-12 relative: full-support data and
  // data with zeros (states at Hamming distance 0, 1, 2 from the support, where the integrand
  // grows like k/τ near 0 and the hazard to τ = 0 is infinite).
  const HypercubeLaw sparse(sparse3());
  for (const HypercubeLaw* law : {&data, &sparse})
    for (std::size_t x : {0, 1, 5, 6})
      for (double tau_b : {1e-6, 0.01, 0.7}) {
        const double tau_a = 1.5;
        auto exit_at = [&](double tau) {
          Mat r = reverse_rates(chain.marginal(law->probs(), tau), chain.rate());
          perturb_rates(r, 0.3, 0.2, chain.rate());
          return exit_rates(r)(static_cast<Eigen::Index>(x));
        };
        const double quad = quad::integrate_geometric(exit_at, tau_b, tau_a);
        const double clock = reverse_hazard(chain, *law, 0.3, 0.2, x, tau_a, tau_b);
        EXPECT_NEAR(clock, quad, 1e-12 * quad) << "state " << x << " tau_b " << tau_b;
      }
  // To τ = 0: finite on the support, infinite off it (the chain always leaves such a state).
  EXPECT_TRUE(std::isfinite(reverse_hazard(chain, sparse, 0.0, 0.0, 3, 1.0, 0.0)));
  EXPECT_TRUE(std::isinf(reverse_hazard(chain, sparse, 0.0, 0.0, 1, 1.0, 0.0)));
  EXPECT_TRUE(std::isinf(reverse_hazard(chain, sparse, 0.3, 0.2, 5, 1.0, 0.0)));
  // On the support it is the limit of the hazard to small τ (the rate is bounded there).
  EXPECT_NEAR(reverse_hazard(chain, sparse, 0.3, 0.2, 3, 1.0, 0.0),
              reverse_hazard(chain, sparse, 0.3, 0.2, 3, 1.0, 1e-9), 1e-7);
}

// Data without full support: the exact-score continuous chain ends on the support (its law,
// exact_reverse_law, is compared in MatchesExactLaws); with a rate error — no exact law, the
// exact engine refuses — the simulation still terminates and every chain ends on the support
// (the hazard off the support diverges at τ = 0), although the rate error ελ keeps pushing
// chains off it until the end (a rate >= ελ towards every neighbour).
TEST(GillespieSimulation, PropertiesOnDataWithZeros) {
  const HypercubeLaw sparse(sparse3());
  const BitFlipChain chain(2.0);
  const Vec init = hypercube_initial_law(Init::kReference, chain, sparse, 1.0);
  EXPECT_THROW(
      run_jump_chain(chain, sparse, Scheme::kContinuous, 0.3, 0.2, TimeGrid::uniform(1.0, 1), init),
      InputError);
  // A property of every chain, not a statistical statement: one block of chains per case.
  for (double delta : {0.0, 0.3, 5.0}) {
    const EmpiricalLaw emp =
        simulate_jump_chain(chain, sparse, Scheme::kContinuous, delta, 0.5,
                            TimeGrid::uniform(1.0, 1), init, kStreamBlock, 3, 2);
    for (Eigen::Index x = 0; x < 8; ++x)
      if (sparse.probs()(x) == 0.0) {
        EXPECT_EQ(emp.probs(x), 0.0) << "state " << x;
      }
    EXPECT_NEAR(emp.probs.sum(), 1.0, 1e-12);
  }
  // The point mass: every chain ends at the point, from any start.
  const HypercubeLaw point = hypercube_point_mass(3, 5);
  const EmpiricalLaw emp = simulate_jump_chain(chain, point, Scheme::kContinuous, 0.3, 0.2,
                                               TimeGrid::uniform(2.0, 1), init, kStreamBlock, 4, 2);
  EXPECT_EQ(emp.probs(5), 1.0);
}

TEST(GillespieSimulation, NamedInputErrors) {
  const HypercubeLaw data(v12());
  const BitFlipChain chain(1.0);
  const TimeGrid grid = TimeGrid::uniform(1.0, 4);
  const Vec init = Vec::Constant(4, 0.25);
  auto message = [&](auto&& call) {
    try {
      call();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  auto sim = [&](Scheme s, double delta, double eps, const Vec& nu, long n) {
    return
        [&, s, delta, eps, n] { simulate_jump_chain(chain, data, s, delta, eps, grid, nu, n, 1); };
  };
  EXPECT_NE(message(sim(Scheme::kFrozenRate, -1.0, 0.0, init, 10)).find("delta"),
            std::string::npos);
  EXPECT_NE(message(sim(Scheme::kFrozenRate, 0.0, -0.1, init, 10)).find("eps"), std::string::npos);
  EXPECT_NE(message(sim(Scheme::kFrozenRate, 0.0, 0.0, init, 0)).find("n is 0"), std::string::npos);
  EXPECT_NE(message(sim(Scheme::kEulerMaruyama, 0.0, 0.0, init, 10)).find("sampler"),
            std::string::npos);
  const Vec short_init = Vec::Constant(2, 0.5);
  EXPECT_NE(message(sim(Scheme::kFrozenRate, 0.0, 0.0, short_init, 10)).find("init"),
            std::string::npos);
  const Vec negative = (Vec(4) << 0.5, 0.5, 0.5, -0.5).finished();
  EXPECT_NE(message(sim(Scheme::kFrozenRate, 0.0, 0.0, negative, 10)).find("init[3]"),
            std::string::npos);
  const Vec unnormalised = Vec::Constant(4, 0.3);
  EXPECT_NE(message(sim(Scheme::kFrozenRate, 0.0, 0.0, unnormalised, 10)).find("sum of init"),
            std::string::npos);
  EXPECT_THROW(reverse_hazard(chain, data, 0.0, 0.0, 4, 1.0, 0.5), InputError);
  EXPECT_THROW(reverse_hazard(chain, data, 0.0, 0.0, 1, 1.0, 1.5), InputError);
  EXPECT_THROW(reverse_hazard(chain, data, -2.0, 0.0, 1, 1.0, 0.5), InputError);
  // An Euler step that is not a kernel is named, as the exact engine names it (point mass,
  // N = 4: h·exit ≈ (1 + δ)k·h/τ_k first exceeds 1 at step 2, τ = 0.5).
  const HypercubeLaw point = hypercube_point_mass(2, 0);
  const JumpChainRun exact = run_jump_chain(chain, point, Scheme::kJumpEuler, 0.0, 0.0, grid, init);
  ASSERT_FALSE(exact.ok);
  const std::string e = message(
      [&] { simulate_jump_chain(chain, point, Scheme::kJumpEuler, 0.0, 0.0, grid, init, 10, 1); });
  EXPECT_NE(e.find("euler step 2 (forward time tau = 0.5)"), std::string::npos) << e;
  EXPECT_NE(exact.message.find("euler step 2 (forward time tau = 0.5)"), std::string::npos)
      << exact.message;
  EXPECT_NE(e.find("Markov kernel"), std::string::npos) << e;
}

}  // namespace
}  // namespace sb
