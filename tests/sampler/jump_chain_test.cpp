// The exact laws of the bit-flip samplers (src/sb/sampler/jump_chain.hpp; PSOCD25, seed 000;
// theory/engines/hypercube.md): test vectors V12 and V13 of the project's reference computation to
// 1e-10; uniformisation against a dense matrix exponential (Padé, Eigen's unsupported module is
// not used: a Taylor series with scaling and squaring written here); the closed-form
// continuous chain against the exponential-midpoint solver; the τ-leaping product kernel
// against brute force; Euler's validity rule; mass conservation; named input errors.
#include "sb/sampler/jump_chain.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "sb/core/check.hpp"
#include "sb/law/probability_vector.hpp"
#include "sb/metric/discrete_divergence.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/score/discrete_score.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::near_rel;

std::shared_ptr<const HypercubeLaw> v12_data() {
  Vec mu(4);
  mu << 0.5, 0.2, 0.2, 0.1;
  return std::make_shared<const HypercubeLaw>(mu);
}

// V12: {0,1}^2, λ = 1, μ₀ = (.5, .2, .2, .1), T = 1.
TEST(JumpChainTestVectors, V12Marginal) {
  const BitFlipChain chain(1.0);
  const Vec mu = chain.marginal(v12_data()->probs(), 1.0);
  EXPECT_TRUE(near_rel(mu(0), 0.277982838592));
  EXPECT_TRUE(near_rel(mu(1), 0.249084218056));
  EXPECT_TRUE(near_rel(mu(2), 0.249084218056));
  EXPECT_TRUE(near_rel(mu(3), 0.223848725297));
  const Mat s = discrete_score(mu);
  EXPECT_TRUE(near_rel(s(0, 0), 0.103958289953));
  EXPECT_TRUE(near_rel(s(0, 1), 0.103958289953));
  EXPECT_TRUE(near_rel(s(3, 0), -0.112734583255));
  EXPECT_TRUE(near_rel(s(3, 1), -0.112734583255));
  EXPECT_TRUE(near_rel(kl_to_uniform(v12_data()->probs()), 0.165687096567));
  EXPECT_TRUE(near_rel(bitflip_beta(v12_data()->probs()), 0.688403875236));
}

// V13: the reverse chain from the uniform law.
TEST(JumpChainTestVectors, V13) {
  const auto data = v12_data();
  const Problem cont = make_hypercube_problem(1.0, data, 1.0, 10, Scheme::kContinuous);
  Outcome oc = solve(cont);
  const Vec& pc = oc.law().as_probability_vector()->probs();
  EXPECT_TRUE(near_rel(pc(0), 0.495601031653));
  EXPECT_TRUE(near_rel(pc(1), 0.201167680412));
  EXPECT_TRUE(near_rel(pc(3), 0.102063607522));
  EXPECT_TRUE(near_rel(oc.metric(Metric::kKlDataModel).value, 4.72600564833e-5));

  const Problem frozen = make_hypercube_problem(1.0, data, 1.0, 10, Scheme::kFrozenRate);
  Outcome of = solve(frozen);
  const Vec& pf = of.law().as_probability_vector()->probs();
  EXPECT_TRUE(near_rel(pf(0), 0.466395279662));
  EXPECT_TRUE(near_rel(pf(1), 0.210619411451));
  EXPECT_TRUE(near_rel(pf(2), 0.210619411451));
  EXPECT_TRUE(near_rel(pf(3), 0.112365897435));
  EXPECT_TRUE(near_rel(of.metric(Metric::kKlDataModel).value, 0.00243410151654));
  EXPECT_TRUE(near_rel(std::exp(-2.0) * kl_to_uniform(data->probs()), 0.0224233101425));
  EXPECT_TRUE(near_rel(0.1 * bitflip_beta(data->probs()), 0.0688403875236));
}

/// exp(hQ) densely (Taylor series of degree 30 after scaling by 2^-s, then squaring): an
/// independent route for small d.
Mat dense_expm(const Mat& A) {
  const double norm = A.cwiseAbs().rowwise().sum().maxCoeff();
  int s = 0;
  while (norm / std::pow(2.0, s) > 0.5) ++s;
  const Mat B = A / std::pow(2.0, s);
  Mat term = Mat::Identity(A.rows(), A.cols()), sum = term;
  for (int k = 1; k <= 30; ++k) {
    term = term * B / k;
    sum += term;
  }
  for (int i = 0; i < s; ++i) sum = sum * sum;
  return sum;
}

Mat dense_generator(const Mat& rates) {
  const Eigen::Index n = rates.rows();
  Mat Q = Mat::Zero(n, n);
  for (Eigen::Index x = 0; x < n; ++x)
    for (Eigen::Index l = 0; l < rates.cols(); ++l) {
      Q(x, x ^ (Eigen::Index{1} << l)) += rates(x, l);
      Q(x, x) -= rates(x, l);
    }
  return Q;
}

TEST(JumpChain, UniformisationMatchesDenseExponential) {
  const HypercubeLaw data = hypercube_random(3, 7, 0.5);
  const BitFlipChain chain(1.3);
  for (double tau : {0.01, 0.2, 1.0}) {
    const Mat q = reverse_rates(chain.marginal(data.probs(), tau), chain.rate());
    const Vec nu = hypercube_random(3, 11).probs();
    for (double h : {0.001, 0.1, 2.0}) {
      const Vec fast = exp_rates_action(nu, q, h);
      const Vec dense = (nu.transpose() * dense_expm(h * dense_generator(q))).transpose();
      EXPECT_LT((fast - dense).cwiseAbs().maxCoeff(), 1e-13) << "tau " << tau << " h " << h;
      EXPECT_NEAR(fast.sum(), 1.0, 1e-14);
    }
  }
}

TEST(JumpChain, ContinuousClosedFormMatchesMidpointSolver) {
  // The perturbed solver with δ = ε = 0 is not called by run_jump_chain (it uses the closed
  // form): drive it with a tiny rate error and compare both with the exact-score law, whose
  // difference must shrink linearly in the error.
  const auto data = std::make_shared<const HypercubeLaw>(hypercube_random(3, 5, 2.0));
  const Problem exact = make_hypercube_problem(0.7, data, 1.5, 4, Scheme::kContinuous);
  const Vec p0 = solve(exact).law().as_probability_vector()->probs();
  const Problem tiny = make_hypercube_problem(0.7, data, 1.5, 4, Scheme::kContinuous, 1e-7);
  const Vec p1 = solve(tiny).law().as_probability_vector()->probs();
  const double diff = (p1 - p0).cwiseAbs().maxCoeff();
  EXPECT_LT(diff, 1e-6);
  EXPECT_GT(diff, 1e-10);  // the error does move the law
}

TEST(JumpChain, FrozenRateConvergesToContinuous) {
  const auto data = v12_data();
  const Vec exact = solve(make_hypercube_problem(1.0, data, 1.0, 1, Scheme::kContinuous))
                        .law()
                        .as_probability_vector()
                        ->probs();
  double prev = 1.0;
  for (int N : {10, 20, 40, 80}) {
    const Vec p = solve(make_hypercube_problem(1.0, data, 1.0, N, Scheme::kFrozenRate))
                      .law()
                      .as_probability_vector()
                      ->probs();
    const double err = (p - exact).cwiseAbs().maxCoeff();
    EXPECT_LT(err, 0.6 * prev) << N;  // first order: halves with h
    prev = err;
  }
}

TEST(JumpChain, TauLeapingKernelMatchesBruteForce) {
  const HypercubeLaw data = hypercube_random(3, 3, 1.0);
  const BitFlipChain chain(2.0);
  const Mat q = reverse_rates(chain.marginal(data.probs(), 0.3), chain.rate());
  const Vec nu = hypercube_random(3, 4).probs();
  const double h = 0.25;
  const Vec fast = tau_leaping_step(nu, q, h);
  Vec brute = Vec::Zero(8);
  for (int x = 0; x < 8; ++x)
    for (int y = 0; y < 8; ++y) {
      double k = 1.0;
      for (int l = 0; l < 3; ++l) {
        const double f = 1.0 - std::exp(-h * q(x, l));
        k *= (((x ^ y) >> l) & 1) ? f : 1.0 - f;
      }
      brute(y) += nu(x) * k;
    }
  EXPECT_LT((fast - brute).cwiseAbs().maxCoeff(), 1e-15);
  EXPECT_NEAR(fast.sum(), 1.0, 1e-15);
}

TEST(JumpChain, EulerReportsAStepThatIsNotAKernel) {
  const auto data = std::make_shared<const HypercubeLaw>(hypercube_point_mass(2, 0));
  // Point mass: at τ = h the rate out of the states off the support is about 1/(λh): h·exit
  // exceeds 1 at the last step.
  Outcome out = solve(make_hypercube_problem(1.0, data, 1.0, 4, Scheme::kJumpEuler));
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.result().message.find("not a Markov kernel"), std::string::npos)
      << out.result().message;
  // A valid Euler run on a smooth law conserves mass and stays >= 0.
  Outcome ok = solve(make_hypercube_problem(1.0, v12_data(), 1.0, 20, Scheme::kJumpEuler));
  ASSERT_TRUE(ok.ok());
  const Vec& p = ok.law().as_probability_vector()->probs();
  EXPECT_NEAR(p.sum(), 1.0, 1e-14);
  EXPECT_GE(p.minCoeff(), 0.0);
}

TEST(JumpChain, NamedInputErrors) {
  const auto data = std::make_shared<const HypercubeLaw>(hypercube_point_mass(3, 5));
  try {
    make_hypercube_problem(1.0, data, 1.0, 4, Scheme::kContinuous, 0.1);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("full"), std::string::npos) << e.what();
  }
  EXPECT_THROW(make_hypercube_problem(1.0, data, 1.0, 4, Scheme::kFrozenRate, -1.0), InputError);
  EXPECT_THROW(make_hypercube_problem(1.0, data, 1.0, 4, Scheme::kFrozenRate, 0.0, -0.1),
               InputError);
  EXPECT_THROW(make_hypercube_problem(0.0, data, 1.0, 4, Scheme::kFrozenRate), InputError);
  EXPECT_THROW(make_hypercube_problem(1.0, data, 1.0, 4, Scheme::kEulerMaruyama), InputError);
  const auto big = std::make_shared<const HypercubeLaw>(hypercube_uniform(13));
  EXPECT_THROW(make_hypercube_problem(1.0, big, 1.0, 4, Scheme::kTauLeaping), InputError);
}

}  // namespace
}  // namespace sb

namespace sb {
namespace {

// The outcome of a hypercube problem offers W1 for the Hamming metric up to d = 10, equal to
// metric/hamming_w1's value, and no W2.
TEST(JumpChain, OutcomeMetrics) {
  const auto data = std::make_shared<const HypercubeLaw>(hypercube_ising(4, 0.5, 0.1));
  Outcome o = solve(make_hypercube_problem(1.0, data, 1.0, 5, Scheme::kTauLeaping));
  const std::vector<Metric> m = o.available_metrics();
  EXPECT_NE(std::find(m.begin(), m.end(), Metric::kW1Hamming), m.end());
  EXPECT_EQ(std::find(m.begin(), m.end(), Metric::kW2), m.end());
  const double w1 = o.metric(Metric::kW1Hamming).value;
  EXPECT_GT(w1, o.metric(Metric::kTv).value - 1e-15);  // W1 ≥ TV (every move costs ≥ 1)
  EXPECT_LE(w1, 4 * o.metric(Metric::kTv).value + 1e-15);
  const auto big = std::make_shared<const HypercubeLaw>(hypercube_random(11, 1));
  Outcome ob = solve(make_hypercube_problem(1.0, big, 0.5, 2, Scheme::kFrozenRate));
  const std::vector<Metric> mb = ob.available_metrics();
  EXPECT_EQ(std::find(mb.begin(), mb.end(), Metric::kW1Hamming), mb.end());
}

}  // namespace
}  // namespace sb
