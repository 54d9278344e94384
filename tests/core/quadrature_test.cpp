// One-dimensional quadrature and minimisation behind src/sb/core/quadrature.hpp, against
// closed forms. Acceptance: relative 1e-13 for analytic integrands (the rules' tolerance is
// 1e-13 to 1e-14), 1e-11 for the kinked one.
#include "sb/core/quadrature.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

#include "test_util.hpp"

namespace sb {
namespace {

using test::near_rel;

TEST(Quadrature, GaussKronrodRules) {
  for (int points : {15, 31, 61}) {
    double err = -1.0;
    const double v = quad::gauss_kronrod([](double x) { return std::exp(x); }, 0.0, 2.0, points, 15,
                                         1e-13, &err);
    EXPECT_TRUE(near_rel(v, std::expm1(2.0), 1e-13)) << points;
    EXPECT_GE(err, 0.0);
  }
  EXPECT_THROW(quad::gauss_kronrod([](double) { return 1.0; }, 0.0, 1.0, 21, 5, 1e-10),
               std::invalid_argument);
}

TEST(Quadrature, GeometricPiecesResolveAPeakAtTheLowerEnd) {
  // ∫₀¹ a/(a² + x²) dx = atan(1/a): width a at x = 0; a = 1e-8 defeats a plain bisection at
  // depth 3 but not the geometric pieces.
  for (double a : {1e-2, 1e-5, 1e-8}) {
    const double v =
        quad::integrate_geometric([a](double x) { return a / (a * a + x * x); }, 0.0, 1.0);
    EXPECT_TRUE(near_rel(v, std::atan(1.0 / a), 1e-13)) << a;
  }
  // The pieces shrink towards `lo`, wherever it is.
  const double v = quad::integrate_geometric(
      [](double x) { return 1e-6 / (1e-12 + (x - 3) * (x - 3)); }, 3.0, 4.0);
  EXPECT_TRUE(near_rel(v, std::atan(1e6), 1e-13));
}

TEST(Quadrature, KinksNeedDepthAndACertifiableTolerance) {
  // |x − 0.3| on [0, 1]: 0.045 + 0.245 = 0.29.
  const double v =
      quad::integrate_geometric([](double x) { return std::abs(x - 0.3); }, 0.0, 1.0, 15, 1e-13);
  EXPECT_TRUE(near_rel(v, 0.29, 1e-11));
}

TEST(Quadrature, ShortPiecesConvergeWithoutBisecting) {
  // Boost's rule on [a, b] compares an error estimate that is not scaled by (b − a)/2 with a
  // tolerance that is: the 40-odd pieces of integrate_geometric shorter than ε/tol each bisected
  // to the depth limit (115 million evaluations of an exponential at depth 15). On the
  // reference interval a smooth integrand needs one rule per piece: 64 · 31 evaluations.
  long calls = 0;
  const double v = quad::integrate_geometric(
      [&](double u) {
        ++calls;
        return 2.0 * std::exp(-u);
      },
      0.0, 1.5, 15, 1e-13);
  EXPECT_TRUE(near_rel(v, 2.0 * -std::expm1(-1.5), 1e-14));
  EXPECT_LE(calls, 64 * 31);
  calls = 0;
  const double b = 1.0 + 1e-9;  // the width is b − 1 exactly, not 1e-9
  const double g = quad::gauss_kronrod(
      [&](double u) {
        ++calls;
        return std::exp(u);
      },
      1.0, b, 31, 15, 1e-14);
  EXPECT_TRUE(near_rel(g, std::exp(1.0) * std::expm1(b - 1.0), 1e-14));
  EXPECT_LE(calls, 31);
}

TEST(Quadrature, TanhSinhHandlesAnEndPointSingularity) {
  EXPECT_TRUE(
      near_rel(quad::tanh_sinh([](double x) { return 1.0 / std::sqrt(x); }, 0.0, 1.0), 2.0, 1e-10));
}

TEST(Quadrature, BrentFindsTheMinimum) {
  std::uintmax_t it = 0;
  const auto [x, fx] = quad::brent_minimum([](double u) { return (u - 0.7) * (u - 0.7) + 2.0; },
                                           0.0, 1.0, 50, 500, &it);
  EXPECT_NEAR(x, 0.7, 1e-7);
  EXPECT_EQ(fx, 2.0 + (x - 0.7) * (x - 0.7));
  EXPECT_GT(it, 0u);
}

}  // namespace
}  // namespace sb
