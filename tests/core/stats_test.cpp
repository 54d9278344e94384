// Running moments (src/sb/core/stats.hpp): Welford's update against a two-pass reference on
// data with a large offset, Chan et al.'s merge against one sequential pass, and the edges.
#include "sb/core/stats.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sb/core/rng.hpp"

namespace sb {
namespace {

std::vector<double> sample(int n, double offset, std::uint64_t seed) {
  Rng rng(seed);
  std::vector<double> x(static_cast<std::size_t>(n));
  for (double& v : x) v = offset + rng.normal();
  return x;
}

// Two-pass mean and Σ(x − mean)², the textbook stable reference, on x − offset (exact for
// these x by Sterbenz's lemma) so that the reference itself carries no error of the offset.
void two_pass(const std::vector<double>& x, double offset, double& mean, double& m2) {
  double shifted = 0.0;
  for (double v : x) shifted += v - offset;
  shifted /= static_cast<double>(x.size());
  m2 = 0.0;
  for (double v : x) m2 += (v - offset - shifted) * (v - offset - shifted);
  mean = offset + shifted;
}

TEST(core_RunningMoments, MatchesTwoPassDespiteLargeOffset) {
  // Offset 1e8, unit spread: Σx² − n·mean² would lose every digit of the variance.
  const std::vector<double> x = sample(10000, 1e8, 7);
  RunningMoments m;
  for (double v : x) m.add(v);
  double mean = 0.0, m2 = 0.0;
  two_pass(x, 1e8, mean, m2);
  EXPECT_EQ(m.count(), 10000);
  // Each update rounds the mean by up to ε·1e8/2: a random walk of 1e4 steps, ~1e-6.
  EXPECT_NEAR(m.mean(), mean, 1e-5);
  EXPECT_NEAR(m.sum_squared_deviations(), m2, 1e-6 * m2);
  EXPECT_NEAR(m.variance(), m2 / 9999.0, 1e-6 * m2 / 9999.0);
  EXPECT_DOUBLE_EQ(m.std_error(), std::sqrt(m.variance() / 10000.0));
}

TEST(core_RunningMoments, MergeEqualsOnePass) {
  const std::vector<double> x = sample(9001, 3.0, 11);
  RunningMoments all, a, b, c;
  for (std::size_t i = 0; i < x.size(); ++i) {
    all.add(x[i]);
    (i < 4096 ? a : i < 8192 ? b : c).add(x[i]);
  }
  RunningMoments merged;
  merged.merge(a);
  merged.merge(b);
  merged.merge(c);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_NEAR(merged.mean(), all.mean(), 1e-14);
  EXPECT_NEAR(merged.variance(), all.variance(), 1e-13 * all.variance());
  // A fixed merge order gives the same bits every time.
  RunningMoments again;
  again.merge(a);
  again.merge(b);
  again.merge(c);
  EXPECT_EQ(again.mean(), merged.mean());
  EXPECT_EQ(again.sum_squared_deviations(), merged.sum_squared_deviations());
}

TEST(core_RunningMoments, EmptyAndSingleValue) {
  RunningMoments m;
  EXPECT_EQ(m.count(), 0);
  EXPECT_EQ(m.mean(), 0.0);
  EXPECT_TRUE(std::isnan(m.variance()));
  m.add(2.5);
  EXPECT_EQ(m.mean(), 2.5);
  EXPECT_EQ(m.sum_squared_deviations(), 0.0);
  EXPECT_TRUE(std::isnan(m.variance()));
  EXPECT_TRUE(std::isnan(m.std_error()));
  // Merging an empty accumulator changes nothing; merging into an empty one copies.
  const RunningMoments empty;
  RunningMoments copy = m;
  copy.merge(empty);
  EXPECT_EQ(copy.count(), 1);
  EXPECT_EQ(copy.mean(), 2.5);
  RunningMoments into;
  into.merge(m);
  EXPECT_EQ(into.count(), 1);
  EXPECT_EQ(into.mean(), 2.5);
  EXPECT_EQ(into.sum_squared_deviations(), 0.0);
  m.add(4.5);
  EXPECT_EQ(m.mean(), 3.5);
  EXPECT_EQ(m.variance(), 2.0);
}

}  // namespace
}  // namespace sb
