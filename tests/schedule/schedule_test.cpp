// Schedules (src/sb/schedule/schedule.hpp): B(t) against quadrature of β, the increment
// B(t2) − B(t1) against a long-double reference, the a → 0 limit of the exponential family, and
// bad input.
#include "sb/schedule/schedule.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"

namespace sb {
namespace {

// Quadrature of β split at t = 0.5, the breakpoint of the table schedule below (a kink would
// otherwise limit the Gauss–Kronrod rule to ~1e-13).
double quadrature(const Schedule& s, double t1, double t2) {
  auto q = [&](double a, double b) {
    return quad::gauss_kronrod([&](double u) { return s.beta(u); }, a, b, 31, 15, 1e-15);
  };
  if ((t1 - 0.5) * (t2 - 0.5) < 0) return q(t1, 0.5) + q(0.5, t2);
  return q(t1, t2);
}

TEST(Schedule, IntegralMatchesQuadrature) {
  const std::vector<SchedulePtr> all = {
      make_constant_schedule(2.0),
      make_linear_schedule(0.1, 20.0, 1.0),
      make_linear_schedule(5.0, 0.5, 2.0),
      make_exponential_schedule(5.0, 0.1, 20.0, 1.0),
      make_exponential_schedule(-10.0, 0.1, 20.0, 1.0),
      make_exponential_schedule(1e-9, 0.1, 20.0, 1.0),
      make_table_schedule({{0.0, 1.0}, {0.5, 4.0}, {1.0, 2.0}}),
  };
  for (const auto& s : all) {
    for (double t : {0.1, 0.5, 0.77, 1.0}) {
      EXPECT_NEAR(s->integral(t), quadrature(*s, 0.0, t), 1e-13 * std::max(1.0, s->integral(t)))
          << s->describe() << " t=" << t;
      EXPECT_NEAR(s->integral(0.3, t), quadrature(*s, 0.3, t),
                  1e-13 * std::max(1.0, s->integral(t)))
          << s->describe();
    }
    EXPECT_EQ(s->integral(0.0), 0.0);
  }
}

TEST(Schedule, ExponentialIncrementHasNoCancellation) {
  // B(t+Δ) − B(t) for Δ = 1e-9 against the long-double closed form of the issue:
  // B(t) = β_min t + δ((e^{at} − 1)/a − t), δ = (β_max − β_min)/(e^{aT} − 1).
  const double a = 3.0, bmin = 0.1, bmax = 20.0, T = 1.0, t = 0.6;
  const double dt = (t + 1e-9) - t;  // the step the two doubles really differ by (Sterbenz)
  const auto s = make_exponential_schedule(a, bmin, bmax, T);
  const long double la = a, lt = t, ldt = dt;
  const long double delta = (bmax - bmin) / std::expm1(la * T);
  const long double ref =
      bmin * ldt + delta * (std::exp(la * lt) * std::expm1(la * ldt) / la - ldt);
  EXPECT_NEAR(s->integral(t, t + dt), static_cast<double>(ref), 1e-12 * static_cast<double>(ref));
  // β is the derivative of B.
  EXPECT_NEAR(s->integral(t, t + dt) / dt, s->beta(t + dt / 2), 1e-9);  // midpoint rule, O(dt²)
}

TEST(Schedule, ExponentialTendsToLinearAsAGoesToZero) {
  const auto lin = make_linear_schedule(0.1, 20.0, 1.0);
  for (double a : {1e-12, -1e-8, 1e-6}) {
    const auto ex = make_exponential_schedule(a, 0.1, 20.0, 1.0);
    for (double t : {0.2, 0.9}) {
      EXPECT_NEAR(ex->beta(t), lin->beta(t), 20 * std::abs(a) + 1e-14);
      EXPECT_NEAR(ex->integral(t), lin->integral(t), 20 * std::abs(a) + 1e-14);
    }
  }
  // β_a(0) = β_min and β_a(T) = β_max for every a.
  for (double a : {-10.0, -1.0, 0.0, 2.0, 10.0}) {
    const auto ex = make_exponential_schedule(a, 0.1, 20.0, 1.0);
    EXPECT_NEAR(ex->beta(0.0), 0.1, 1e-14);
    EXPECT_NEAR(ex->beta(1.0), 20.0, 1e-12);
  }
}

TEST(Schedule, SupInfAndMonotonicity) {
  const auto t = make_table_schedule({{0.0, 1.0}, {0.5, 4.0}, {1.0, 2.0}});
  EXPECT_EQ(t->sup(0.0, 1.0), 4.0);
  EXPECT_EQ(t->inf(0.0, 1.0), 1.0);
  EXPECT_FALSE(t->non_decreasing());
  EXPECT_TRUE(make_linear_schedule(0.1, 20, 1)->non_decreasing());
  EXPECT_FALSE(make_linear_schedule(20, 0.1, 1)->non_decreasing());
}

TEST(Schedule, BadInputNamesTheParameter) {
  auto message = [](auto f) {
    try {
      f();
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no throw");
  };
  EXPECT_NE(message([] { make_linear_schedule(-1.0, 2.0, 1.0); }).find("beta_min is -1"),
            std::string::npos);
  EXPECT_NE(message([] { make_constant_schedule(std::nan("")); }).find("beta is nan"),
            std::string::npos);
  EXPECT_NE(message([] {
              make_table_schedule({{0.0, 1.0}, {0.0, 2.0}});
            }).find("points[1].t"),
            std::string::npos);
  EXPECT_NE(message([] {
              make_table_schedule({{0.1, 1.0}, {1.0, 2.0}});
            }).find("points[0].t"),
            std::string::npos);
  EXPECT_NE(message([] {
              make_table_schedule({{0.0, 1.0}, {1.0, -2.0}});
            }).find("points[1].beta"),
            std::string::npos);
  EXPECT_THROW(make_exponential_schedule(1000.0, 0.1, 20.0, 1.0), InputError);
}

}  // namespace
}  // namespace sb
