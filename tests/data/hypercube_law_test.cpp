// Laws on {0,1}^d (src/sb/data/hypercube_law.hpp): validation with named errors (hostile
// inputs: negative, NaN, 1e308, 1e-320, sizes that are not 2^d, d > 16, sums off by more than
// 1e-9), the presets' closed forms, exact moments, log-density, and draws against the law
// (chi-square-free rule: every state within 5 standard errors, family-wise false alarm
// < 16 × 5.7e-7 ≈ 1e-5 for 16 states; n = 200000 puts a 10% error of a state of probability
// 0.05 at 10.3 standard errors).
#include "sb/data/hypercube_law.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sb/core/check.hpp"

namespace sb {
namespace {

std::string cube_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(HypercubeLaw, NamedErrors) {
  EXPECT_NE(cube_error_of([] { HypercubeLaw(Vec::Constant(3, 1.0 / 3)); }).find("2^d entries"),
            std::string::npos);
  EXPECT_NE(cube_error_of([] { HypercubeLaw(Vec::Constant(1, 1.0)); }).find("size"), std::string::npos);
  Vec neg(2);
  neg << 1.5, -0.5;
  EXPECT_NE(cube_error_of([&] { HypercubeLaw{neg}; }).find("data.probs[1] is -0.5"), std::string::npos);
  Vec nan(2);
  nan << std::nan(""), 1.0;
  EXPECT_NE(cube_error_of([&] { HypercubeLaw{nan}; }).find("data.probs[0] is nan"), std::string::npos);
  Vec huge(2);
  huge << 1e308, 0.0;
  EXPECT_NE(cube_error_of([&] { HypercubeLaw{huge}; }).find("sum"), std::string::npos);
  Vec off(4);
  off << 0.5, 0.2, 0.2, 0.2;
  EXPECT_NE(cube_error_of([&] { HypercubeLaw{off}; }).find("1 within 1e-9"), std::string::npos);
  EXPECT_NE(cube_error_of([] { HypercubeLaw(Vec::Constant(1 << 17, 1.0 / (1 << 17))); }).find("16"),
            std::string::npos);
  EXPECT_THROW(hypercube_point_mass(3, 8), InputError);
  EXPECT_THROW(hypercube_point_mass(17, 0), InputError);
  EXPECT_THROW(hypercube_product((Vec(2) << 0.5, 1.5).finished()), InputError);
  EXPECT_THROW(hypercube_ising(3, 1e3, 0.0), InputError);
  EXPECT_THROW(hypercube_random(3, 1, 0.0), InputError);
}

TEST(HypercubeLaw, SubnormalAndRoundedInputs) {
  Vec v(4);
  v << 0.5, 0.2, 0.2, 0.1;  // sums to 0.9999999999999999 in doubles
  EXPECT_NEAR(HypercubeLaw(v).probs().sum(), 1.0, 4e-16);
  Vec s(2);
  s << 1.0, 1e-320;
  const HypercubeLaw l(s);
  EXPECT_EQ(l.probs()(1), 1e-320);
  EXPECT_TRUE(std::isfinite(l.log_density(Mat::Ones(1, 1))(0)));
}

TEST(HypercubeLaw, PresetsAndMoments) {
  const HypercubeLaw p = hypercube_product((Vec(3) << 0.9, 0.2, 0.5).finished());
  EXPECT_NEAR(p.probs()(0b101), 0.9 * 0.8 * 0.5, 1e-16);
  const Gaussian m = p.moment_law();
  EXPECT_NEAR(m.mean(0), 0.9, 1e-15);
  EXPECT_NEAR(m.cov(0, 0), 0.09, 1e-15);
  EXPECT_NEAR(m.cov(0, 1), 0.0, 1e-15);
  const HypercubeLaw is = hypercube_ising(2, 1.0, 0.0);
  // μ ∝ e^{J σ₁σ₂}: aligned states e, anti-aligned e^{−1}.
  EXPECT_NEAR(is.probs()(0) / is.probs()(1), std::exp(2.0), 1e-13);
  EXPECT_EQ(hypercube_point_mass(4, 9).probs()(9), 1.0);
  EXPECT_NEAR(hypercube_random(6, 3).probs().sum(), 1.0, 1e-15);
  Mat x(2, 3);
  x << 1, 0, 1, 0, 0, 0;
  const Vec ld = p.log_density(x);
  EXPECT_NEAR(ld(0), std::log(0.9 * 0.8 * 0.5), 1e-15);
  Mat bad = Mat::Constant(1, 3, 0.5);
  EXPECT_THROW(p.log_density(bad), InputError);
}

TEST(HypercubeLaw, DrawsMatchTheLaw) {
  const HypercubeLaw l = hypercube_random(4, 12, 1.0);
  const long n = 200000;
  const Mat x = l.sample(n, 77);
  Vec freq = Vec::Zero(16);
  for (long i = 0; i < n; ++i) {
    int s = 0;
    for (int b = 0; b < 4; ++b) s |= static_cast<int>(x(i, b)) << b;
    freq(s) += 1.0 / n;
  }
  for (int s = 0; s < 16; ++s) {
    const double p = l.probs()(s), se = std::sqrt(p * (1 - p) / n);
    EXPECT_LE(std::abs(freq(s) - p), 5 * se + 1e-12) << s;
  }
  EXPECT_EQ(l.sample(10, 5), l.sample(10, 5));
  const HypercubeLaw pm = hypercube_point_mass(3, 5);
  const Mat y = pm.sample(100, 1);
  EXPECT_TRUE((y.col(0).array() == 1).all() && (y.col(1).array() == 0).all());
}

}  // namespace
}  // namespace sb
