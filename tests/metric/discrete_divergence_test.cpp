// Distances between probability vectors (src/sb/metric/discrete_divergence.hpp): V12's KL to
// the uniform law and β; KL is +inf off the support and 0 for equal laws; TV and H² against
// their textbook forms; β(uniform) = 0 and β(point mass) = d (𝔥(0) = 1); H² stays accurate
// for close laws (no cancellation).
#include "sb/metric/discrete_divergence.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/data/hypercube_law.hpp"

namespace sb {
namespace {

TEST(DiscreteDivergence, ClosedForms) {
  Vec mu(4);
  mu << 0.5, 0.2, 0.2, 0.1;
  EXPECT_NEAR(kl_to_uniform(mu), 0.165687096567, 1e-12);
  EXPECT_NEAR(bitflip_beta(mu), 0.688403875236, 1e-12);
  const Vec u = hypercube_uniform(2).probs();
  EXPECT_NEAR(discrete_kl(mu, u), kl_to_uniform(mu), 1e-15);
  EXPECT_EQ(bitflip_beta(u), 0.0);
  EXPECT_NEAR(bitflip_beta(hypercube_point_mass(5, 3).probs()), 5.0, 1e-15);
  EXPECT_NEAR(kl_to_uniform(hypercube_point_mass(5, 3).probs()), 5 * std::log(2.0), 1e-14);
  EXPECT_NEAR(discrete_tv(mu, u), 0.5 * (0.25 + 0.05 + 0.05 + 0.15), 1e-15);
  double bc = 0;
  for (int i = 0; i < 4; ++i) bc += std::sqrt(mu(i) * u(i));
  EXPECT_NEAR(discrete_hellinger2(mu, u), 1 - bc, 1e-15);
  EXPECT_EQ(discrete_kl(mu, mu), 0.0);
  EXPECT_TRUE(std::isinf(discrete_kl(mu, hypercube_point_mass(2, 0).probs())));
  EXPECT_EQ(discrete_kl(hypercube_point_mass(2, 0).probs(), mu), std::log(2.0));
}

TEST(DiscreteDivergence, CloseLawsNoCancellation) {
  Vec p(2), q(2);
  p << 0.5, 0.5;
  q << 0.5 + 1e-9, 0.5 - 1e-9;
  // H² = ½Σ(√p − √q)² ≈ Σ δ²/(8p) = 2·1e-18/4 = 5e-19.
  EXPECT_NEAR(discrete_hellinger2(p, q) / 5e-19, 1.0, 1e-6);
}

}  // namespace
}  // namespace sb
