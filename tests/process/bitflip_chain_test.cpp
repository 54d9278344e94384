// The bit-flip chain on {0,1}^d (src/sb/process/bitflip_chain.hpp; PSOCD25, seed 000;
// theory/engines/hypercube.md): the coordinate-wise P_t against the dense product kernel
// Π_ℓ p¹_t(z_ℓ, x_ℓ) (brute force over 2^d × 2^d, d ≤ 4); the semigroup property; the uniform law
// is invariant; ∂_t μ_t = μ_t Q against a centred difference; the one-bit kernel at tiny t (no
// cancellation); d = 16 runs and conserves mass; named errors.
#include "sb/process/bitflip_chain.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/data/hypercube_law.hpp"

namespace sb {
namespace {

TEST(BitFlipChain, CoordinateWiseKernelMatchesDenseProduct) {
  const BitFlipChain chain(0.8);
  for (int d = 1; d <= 4; ++d) {
    const Vec mu0 = hypercube_random(d, 40 + d, 0.7).probs();
    const double t = 0.37;
    const double stay = 0.5 * (1 + std::exp(-2 * 0.8 * t)),
                 move = 0.5 * (1 - std::exp(-2 * 0.8 * t));
    const Eigen::Index n = mu0.size();
    Vec dense = Vec::Zero(n);
    for (Eigen::Index z = 0; z < n; ++z)
      for (Eigen::Index x = 0; x < n; ++x) {
        double k = 1.0;
        for (int l = 0; l < d; ++l) k *= (((z ^ x) >> l) & 1) ? move : stay;
        dense(x) += mu0(z) * k;
      }
    EXPECT_LT((chain.marginal(mu0, t) - dense).cwiseAbs().maxCoeff(), 1e-15) << d;
  }
}

TEST(BitFlipChain, SemigroupInvarianceAndGenerator) {
  const BitFlipChain chain(1.7);
  const Vec mu0 = hypercube_ising(5, 0.9, -0.2).probs();
  const Vec a = chain.marginal(chain.marginal(mu0, 0.2), 0.5);
  EXPECT_LT((a - chain.marginal(mu0, 0.7)).cwiseAbs().maxCoeff(), 1e-15);
  const Vec u = hypercube_uniform(5).probs();
  EXPECT_LT((chain.marginal(u, 3.0) - u).cwiseAbs().maxCoeff(), 1e-17);
  const double t = 0.4, e = 1e-5;
  const Vec fd = (chain.marginal(mu0, t + e) - chain.marginal(mu0, t - e)) / (2 * e);
  EXPECT_LT((fd - chain.generator_action(chain.marginal(mu0, t))).cwiseAbs().maxCoeff(), 1e-9);
}

TEST(BitFlipChain, TinyTimesKeepRelativeAccuracy) {
  const BitFlipChain chain(1.0);
  // move(t) = (1 − e^{−2t})/2 = t − t² + ... : relative accuracy at t = 1e-12.
  EXPECT_NEAR(chain.move(1e-12) / 1e-12, 1.0, 1e-11);
  EXPECT_EQ(chain.marginal(hypercube_point_mass(2, 3).probs(), 0.0)(3), 1.0);
}

TEST(BitFlipChain, SixteenBits) {
  const BitFlipChain chain(0.3);
  const Vec mu = chain.marginal(hypercube_point_mass(16, 12345).probs(), 0.5);
  EXPECT_EQ(mu.size(), 65536);
  EXPECT_NEAR(mu.sum(), 1.0, 1e-13);
  EXPECT_GT(mu.minCoeff(), 0.0);
}

TEST(BitFlipChain, NamedErrors) {
  EXPECT_THROW(BitFlipChain(0.0), InputError);
  EXPECT_THROW(BitFlipChain(-1.0), InputError);
  EXPECT_THROW(BitFlipChain(std::nan("")), InputError);
  const BitFlipChain chain(1.0);
  EXPECT_THROW(chain.marginal(hypercube_uniform(2).probs(), -1.0), InputError);
}

}  // namespace
}  // namespace sb
