// Neal's funnel as a Target (src/sb/data/funnel.hpp).
// Acceptance rules:
//  * closed forms (log π_data, the t = 0 score): relative 1e-13;
//  * the quadrature of log p_t and of the posterior means against an independent reference
//    (Gauss–Kronrod, 61 points, tolerance 1e-14, at most 4 bisections, on 1600 pieces of
//    [−40, 40]):
//    log p_t to relative 1e-12 (plus 1e-12 absolute), the score to relative 1e-10 per
//    coordinate (plus 1e-10·max|score| for coordinates that cancel);
//  * the score against central finite differences of the quadrature log p_t, step
//    h = 1e-3·min(1, s_t): truncation h²|∂³log p_t|/6 with |∂³log p_t| <~ 1/s_t³ gives
//    <~ 2e-7/s_t, quadrature noise 1e-13·|log p_t|/h <~ 1e-8/s_t; accepted at 1e-6·(1 + ‖score‖∞);
//  * t → 0: the score at s_t² = 2e-10 against the closed-form score of π_data, whose difference
//    is O(s_t²·|∂³ log π|) <~ 1e-7 here, accepted at 1e-6 relative;
//  * Monte Carlo: 5 standard errors (two-sided false alarm 5.7e-7 per comparison).
#include "sb/data/funnel.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <numbers>

#include "sb/core/quadrature.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/stats.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::near_rel;

/// The reference posterior: log ∫ e^f, E[u], E[1/V] by adaptive Gauss–Kronrod on 1600 pieces of
/// [−40, 40], the integrand shifted by its maximum on a fine grid (no mode finding shared with
/// the implementation).
struct FunnelRef {
  double log_z, mean_u, mean_inv_v;
};

FunnelRef funnel_reference(double m, double s2, double sig2, double a, double Q, double D) {
  auto f = [&](double u) {
    const double V = m * m * std::exp(u) + s2;
    return -u * u / (2 * sig2) - (a - m * u) * (a - m * u) / (2 * s2) - 0.5 * D * std::log(V) -
           0.5 * Q / V;
  };
  double top = -1e300;
  for (int i = 0; i <= 16000; ++i) top = std::max(top, f(-40.0 + i * 5e-3));
  double z = 0, zu = 0, zv = 0;
  constexpr int kPieces = 1600;
  for (int p = 0; p < kPieces; ++p) {
    const double lo = -40.0 + 80.0 * p / kPieces, hi = lo + 80.0 / kPieces;
    if (f(lo) < top - 60 && f(hi) < top - 60 && f(0.5 * (lo + hi)) < top - 60) continue;
    z += quad::gauss_kronrod([&](double u) { return std::exp(f(u) - top); }, lo, hi, 61, 4, 1e-14);
    zu += quad::gauss_kronrod([&](double u) { return u * std::exp(f(u) - top); }, lo, hi, 61, 4,
                              1e-14);
    zv += quad::gauss_kronrod(
        [&](double u) { return std::exp(f(u) - top) / (m * m * std::exp(u) + s2); }, lo, hi, 61, 4,
        1e-14);
  }
  return {top + std::log(z), zu / z, zv / z};
}

/// Points of p_t: forward transport of funnel draws, plus the neck and the mouth.
Mat funnel_points(const Funnel& f, const LinearProcess& p, double t) {
  const Eigen::Index d = f.dim();
  Mat y = p.m(t) * f.sample(4, 99);
  Rng rng(5);
  for (long i = 0; i < 4; ++i)
    for (Eigen::Index j = 0; j < d; ++j) y(i, j) += std::sqrt(p.s2(t)) * rng.normal();
  Mat out(6, d);
  out.topRows(4) = y;
  out.row(4) = Vec::Constant(d, 0.01).transpose();
  out(4, 0) = -4.0;  // the neck: x₁ = −4, tiny spread
  out.row(5) = Vec::Constant(d, 3.0).transpose();
  out(5, 0) = 3.0;  // the mouth
  return out;
}

TEST(Funnel, IsATargetWithoutHessian) {
  const Funnel f(5);
  const Target& t = f;
  EXPECT_EQ(t.kind(), "funnel");
  EXPECT_EQ(t.dim(), 5);
  EXPECT_TRUE(t.has_log_density());
  EXPECT_FALSE(t.has_hessian());
  EXPECT_EQ(t.as_gaussian(), nullptr);
  EXPECT_THROW(f.hessian(*make_standard_ou(), 0.1, Vec::Zero(5)), std::logic_error);
  EXPECT_EQ(f.x1_var(), 1.0);
  EXPECT_EQ(Funnel(3, 9.0).x1_var(), 9.0);
}

TEST(Funnel, RejectsBadInputNamingTheParameter) {
  using test::expect_input_error_naming;
  expect_input_error_naming([] { Funnel(1); }, "d");
  expect_input_error_naming([] { Funnel(3, 0.0); }, "x1_var");
  expect_input_error_naming([] { Funnel(3, test::kNaN); }, "x1_var");
  const Funnel f(3);
  const auto p = make_standard_ou();
  Mat out;
  expect_input_error_naming([&] { f.score(*p, 0.1, Mat::Zero(2, 2), out); }, "the columns of x");
  expect_input_error_naming([&] { f.score(*p, -1.0, Mat::Zero(2, 3), out); }, "t");
  expect_input_error_naming([&] { f.log_density(Mat::Zero(2, 4)); }, "the columns of x");
  expect_input_error_naming([&] { f.log_density_t(*p, 0.1, Vec::Zero(2)); }, "the length of y");
  expect_input_error_naming([&] { f.sample(-1, 1); }, "n");
  const auto centred = make_ou(1.0, Vec::Ones(2), 1.0);
  expect_input_error_naming([&] { f.score(*centred, 0.1, Mat::Zero(2, 3), out); },
                            "the process centre");
}

TEST(Funnel, SamplesHaveTheFunnelMoments) {
  for (double sig2 : {1.0, 2.0}) {
    const Funnel f(4, sig2);
    constexpr long n = 200000;
    const Mat x = f.sample(n, kDefaultSeed);
    RunningMoments x1, x1sq, xj, xjsq;
    for (long i = 0; i < n; ++i) {
      x1.add(x(i, 0));
      x1sq.add(x(i, 0) * x(i, 0));
      xj.add(x(i, 2));
      xjsq.add(x(i, 2) * x(i, 2));
    }
    // E x₁ = 0, E x₁² = σ₁², E x_j = 0, E x_j² = E e^{x₁} = e^{σ₁²/2}.
    EXPECT_LE(std::abs(x1.mean()), kMcZ * x1.std_error());
    EXPECT_LE(std::abs(x1sq.mean() - sig2), kMcZ * x1sq.std_error());
    EXPECT_LE(std::abs(xj.mean()), kMcZ * xj.std_error());
    EXPECT_LE(std::abs(xjsq.mean() - std::exp(0.5 * sig2)), kMcZ * xjsq.std_error());
    EXPECT_LT(kMcZ * xjsq.std_error(), 0.1 * std::exp(0.5 * sig2));
    // Conditional law: x_j e^{−x₁/2} is standard normal, whatever x₁.
    RunningMoments w2;
    for (long i = 0; i < n; ++i) w2.add(x(i, 3) * x(i, 3) * std::exp(-x(i, 0)));
    EXPECT_LE(std::abs(w2.mean() - 1.0), kMcZ * w2.std_error());
    EXPECT_EQ(f.sample(5000, 7).topRows(100), f.sample(100, 7));
    EXPECT_NE(f.sample(100, 7), f.sample(100, 8));
  }
}

TEST(Funnel, LogDensityIsTheClosedForm) {
  const Funnel f(4, 2.0);
  const Mat x = f.sample(5, 3);
  const Vec lp = f.log_density(x);
  const auto p = make_standard_ou();
  for (Eigen::Index i = 0; i < 5; ++i) {
    const double x1 = x(i, 0);
    double ref = -0.5 * std::log(2 * std::numbers::pi * 2.0) - x1 * x1 / 4.0;
    for (int j = 1; j < 4; ++j)
      ref += -0.5 * std::log(2 * std::numbers::pi * std::exp(x1)) -
             x(i, j) * x(i, j) / (2 * std::exp(x1));
    EXPECT_TRUE(near_rel(lp(i), ref, 1e-13)) << i;
    EXPECT_TRUE(near_rel(f.log_density_t(*p, 0.0, x.row(i).transpose()), ref, 1e-13)) << i;
  }
}

TEST(Funnel, ClosedFormScoreAtTimeZeroMatchesFiniteDifferences) {
  const Funnel f(4, 2.0);
  const auto p = make_standard_ou();
  const Mat x = f.sample(5, 4);
  Mat s;
  f.score(*p, 0.0, x, s);
  constexpr double h = 1e-5;
  for (Eigen::Index i = 0; i < 5; ++i)
    for (int j = 0; j < 4; ++j) {
      const Vec e = Vec::Unit(4, j) * h;
      const Vec xi = x.row(i).transpose();
      const double fd =
          (f.log_density((xi + e).transpose())(0) - f.log_density((xi - e).transpose())(0)) /
          (2 * h);
      EXPECT_TRUE(near_rel(s(i, j), fd, 1e-7, 1e-8)) << i << "," << j;
    }
}

TEST(Funnel, QuadratureMatchesAdaptiveReference) {
  const Funnel f(6, 1.5);
  const double D = 5.0;
  for (const ProcessPtr& p : {make_standard_ou(), make_ve_brownian()}) {
    for (double t : {1e-4, 0.01, 0.3, 2.0}) {
      const double m = p->m(t), s2 = p->s2(t);
      const Mat y = funnel_points(f, *p, t);
      Mat s;
      f.score(*p, t, y, s);
      for (Eigen::Index i = 0; i < y.rows(); ++i) {
        const double a = y(i, 0), Q = y.row(i).tail(5).squaredNorm();
        const FunnelRef ref = funnel_reference(m, s2, 1.5, a, Q, D);
        const double lp_ref = ref.log_z - 0.5 * std::log(1.5) - 0.5 * std::log(s2) -
                              0.5 * 7 * std::log(2 * std::numbers::pi);
        const double lp = f.log_density_t(*p, t, y.row(i).transpose());
        EXPECT_TRUE(near_rel(lp, lp_ref, 1e-12, 1e-12)) << p->kind() << " t " << t << " row " << i;
        Vec s_ref(6);
        s_ref(0) = -(a - m * ref.mean_u) / s2;
        s_ref.tail(5) = -y.row(i).tail(5).transpose() * ref.mean_inv_v;
        const double scale = s_ref.cwiseAbs().maxCoeff();
        for (int j = 0; j < 6; ++j)
          EXPECT_TRUE(near_rel(s(i, j), s_ref(j), 1e-10, 1e-10 * scale))
              << p->kind() << " t " << t << " row " << i << " coord " << j;
      }
    }
  }
}

TEST(Funnel, ScoreMatchesFiniteDifferencesOfLogPt) {
  const Funnel f(5);
  for (const ProcessPtr& p :
       {make_standard_ou(), make_ou(0.5, test::vec({1, -1, 0, 2, 0}), 1.0), make_ve_brownian()}) {
    for (double t : {1e-3, 0.1, 1.0}) {
      const double h = 1e-3 * std::min(1.0, std::sqrt(p->s2(t)));
      const Mat y = funnel_points(f, *p, t);
      Mat s;
      f.score(*p, t, y, s);
      for (Eigen::Index i = 0; i < y.rows(); ++i) {
        const Vec yi = y.row(i).transpose();
        const double tol = 1e-6 * (1.0 + s.row(i).cwiseAbs().maxCoeff());
        for (int j = 0; j < 5; ++j) {
          const Vec e = Vec::Unit(5, j) * h;
          const double fd =
              (f.log_density_t(*p, t, yi + e) - f.log_density_t(*p, t, yi - e)) / (2 * h);
          EXPECT_LE(std::abs(s(i, j) - fd), tol)
              << p->kind() << " t " << t << " row " << i << " coord " << j << ": " << s(i, j)
              << " vs " << fd;
        }
      }
    }
  }
}

TEST(Funnel, ScoreTendsToTheClosedFormAsTimeGoesToZero) {
  const Funnel f(5);
  const auto p = make_standard_ou();
  const double t = 1e-10;  // s_t² ≈ 2e-10
  const Mat x = f.sample(6, 12);
  Mat s_t, s_0;
  f.score(*p, t, x, s_t);
  f.score(*p, 0.0, x, s_0);
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    for (int j = 0; j < 5; ++j)
      EXPECT_TRUE(near_rel(s_t(i, j), s_0(i, j), 1e-6, 1e-6 * s_0.row(i).cwiseAbs().maxCoeff()))
          << i << "," << j;
}

// p_t(y) = E_{X₀∼π} N(y; m X₀ + c, s² I): a Monte Carlo check of the quadrature's normalisation.
TEST(Funnel, DensityAtTimeTMatchesMonteCarloOverTheData) {
  const Funnel f(3);
  const auto p = make_standard_ou();
  const double t = 1.0, m = p->m(t), s2 = p->s2(t);
  constexpr long n = 200000;
  const Mat x0 = f.sample(n, 21);
  for (const Vec& y : {test::vec({0.2, -0.3, 0.5}), test::vec({-1.0, 0.05, 0.0})}) {
    RunningMoments k;
    for (long i = 0; i < n; ++i) {
      const double r2 = (y - m * x0.row(i).transpose()).squaredNorm();
      k.add(std::exp(-0.5 * r2 / s2 - 1.5 * std::log(2 * std::numbers::pi * s2)));
    }
    const double exact = std::exp(f.log_density_t(*p, t, y));
    EXPECT_LE(std::abs(k.mean() - exact), kMcZ * k.std_error());
    EXPECT_LT(kMcZ * k.std_error(), 0.1 * exact);
  }
}

}  // namespace
}  // namespace sb
