// Battery for every forward process (src/sb/process/*): each closed form of theory-notes A.1
// against adaptive Gauss–Kronrod quadrature of its definition in A.0,
//   m_t = exp ∫₀ᵗ a,  κ_t = m_t ∫₀ᵗ b/m,  s_t² = m_t² ∫₀ᵗ g2/m²,  G = m_{t1} ∫_{t1}^{t2} g2/m,
// plus the transition's consistency with the marginals, its accuracy for tiny steps, and the
// reference laws of table A.1.
// Acceptance: quadrature at tolerance 1e-13 on smooth integrands (sb::quad::gauss_kronrod, which
// integrates on the reference interval so that short intervals do not bisect to the depth limit);
// we accept relative 1e-11 (a 100-fold margin).
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"

namespace sb {
namespace {

constexpr double kT = 1.5;
constexpr double kQuadRel = 1e-11;

struct Case {
  std::string name;
  std::function<ProcessPtr()> make;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> cases() {
  return {
      {"ou", [] { return make_standard_ou(); }},
      {"ou_general", [] { return make_ou(0.5, Vec::Constant(1, 2.0), 1.0); }},
      {"vp_linear", [] { return make_vp(make_linear_schedule(0.1, 20.0, kT)); }},
      {"ou_schedule_exp",
       [] { return make_ou_schedule(make_exponential_schedule(3.0, 0.1, 20.0, kT), 2.0); }},
      {"ou_schedule_exp_negative_a",
       [] { return make_ou_schedule(make_exponential_schedule(-4.0, 0.1, 20.0, kT), 0.5); }},
      {"ou_schedule_table",
       [] {
         return make_ou_schedule(
             make_table_schedule({{0.0, 0.5}, {0.4, 3.0}, {1.0, 1.0}, {2.0, 8.0}}), 1.0);
       }},
      {"cou", [] { return make_cou(1.0, Vec::Constant(1, 0.5), 1.0); }},
      {"cvp", [] { return make_cvp(make_linear_schedule(0.1, 2.0, kT)); }},
      {"subvp", [] { return make_subvp(make_linear_schedule(0.1, 20.0, kT)); }},
      {"ve", [] { return make_ve_geometric(0.01, 10.0, kT); }},
      {"ve_brownian", [] { return make_ve_brownian(); }},
  };
}

double integrate(const std::function<double(double)>& f, double a, double b) {
  if (b <= a) return 0.0;
  return quad::gauss_kronrod(f, a, b, 31, 20, 1e-13);
}

::testing::AssertionResult close(double x, double ref, double rel, double abs = 0.0) {
  if (std::isfinite(x) && std::abs(x - ref) <= std::max(rel * std::abs(ref), abs))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << x << ", expected " << ref << " (rel err "
                                       << std::abs(x - ref) / std::abs(ref) << ")";
}

class ProcessBattery : public ::testing::TestWithParam<Case> {};

TEST_P(ProcessBattery, MarginalCoefficientsMatchQuadratureOfTheSde) {
  const ProcessPtr p = GetParam().make();
  for (double t : {0.05, 0.3, 0.9, kT}) {
    const double log_m = integrate([&](double u) { return p->a(u); }, 0.0, t);
    EXPECT_TRUE(close(p->m(t), std::exp(log_m), kQuadRel)) << "m at t=" << t;
    const double kappa = p->m(t) * integrate([&](double u) { return p->b(u) / p->m(u); }, 0.0, t);
    EXPECT_TRUE(close(p->kappa(t), kappa, kQuadRel, 1e-15)) << "kappa at t=" << t;
    const double s2 = p->m(t) * p->m(t) *
                      integrate([&](double u) { return p->g2(u) / (p->m(u) * p->m(u)); }, 0.0, t);
    EXPECT_TRUE(close(p->s2(t), s2, kQuadRel)) << "s2 at t=" << t;
  }
  EXPECT_EQ(p->m(0.0), 1.0);
  EXPECT_EQ(p->s2(0.0), 0.0);
}

TEST_P(ProcessBattery, TransitionComposesTheMarginals) {
  const ProcessPtr p = GetParam().make();
  for (auto [t1, t2] : {std::pair{0.1, 0.4}, {0.4, 1.2}, {0.0, kT}}) {
    const Transition tr = p->transition(t1, t2);
    const double flow = p->m(t2) / p->m(t1);
    EXPECT_TRUE(close(tr.flow, flow, 1e-13));
    EXPECT_TRUE(close(std::exp(tr.log_flow), tr.flow, 1e-15));
    EXPECT_TRUE(close(tr.var, p->s2(t2) - flow * flow * p->s2(t1), 1e-12));
    EXPECT_TRUE(close(tr.shift, p->kappa(t2) - flow * p->kappa(t1), 1e-12, 1e-15));
  }
}

TEST_P(ProcessBattery, TinyStepTransitionHasNoCancellation) {
  // var = ∫_t^{t+Δ} g2(u) (m_{t+Δ}/m_u)² du = Δ·g2(c)·e^{a(c)Δ}·(1 + O(Δ²)), c = t + Δ/2
  // (midpoint rule). With Δ = 1e-7 the reference is good to ~1e-13 relative, while the naive
  // s²_{t+Δ} − flow²·s²_t would lose ~9 digits to cancellation.
  const ProcessPtr p = GetParam().make();
  const double t = 0.7, t2 = t + 1e-7, dt = t2 - t, c = t + dt / 2;
  const double var = p->transition(t, t2).var;
  EXPECT_TRUE(close(var, dt * p->g2(c) * std::exp(p->a(c) * dt), 1e-11)) << GetParam().name;
}

TEST_P(ProcessBattery, ExponentialIntegratorGainMatchesQuadrature) {
  const ProcessPtr p = GetParam().make();
  for (auto [t1, t2] : {std::pair{0.1, 0.4}, {0.9, 1.0}, {0.0, kT}}) {
    // The base-class implementation is the adaptive quadrature of m_{t1} ∫ g2/m.
    const double quad = p->LinearProcess::ei_gain(t1, t2);
    EXPECT_TRUE(close(p->ei_gain(t1, t2), quad, kQuadRel)) << "t1=" << t1 << " t2=" << t2;
  }
}

TEST_P(ProcessBattery, StationaryLawSatisfiesTheOuRelation) {
  // OU-type processes (theory-notes A.1 "renormalised form"): g2 = −2 a v∞ and b = −a.
  const ProcessPtr p = GetParam().make();
  const auto st = p->stationary(1);
  if (!st) GTEST_SKIP() << "no stationary law";
  for (double t : {0.0, 0.5, kT}) {
    EXPECT_TRUE(close(p->g2(t), -2.0 * p->a(t) * st->var, 1e-15));
    EXPECT_TRUE(close(p->b(t), -p->a(t), 1e-15));
  }
  // s_t² increases to v∞ (reached in double precision when the schedule mixes fully).
  EXPECT_LE(p->s2(kT), st->var);
  EXPECT_LT(p->s2(0.1), p->s2(kT));
}

INSTANTIATE_TEST_SUITE_P(AllProcesses, ProcessBattery, ::testing::ValuesIn(cases()),
                         [](const auto& info) { return info.param.name; });

// Table A.1, last column.
TEST(ReferenceLaw, MatchesTableA1) {
  EXPECT_EQ(make_standard_ou()->reference(2, kT).var, 1.0);
  const auto ou = make_ou(0.5, Vec::Constant(1, 2.0), 1.0)->reference(1, kT);
  EXPECT_DOUBLE_EQ(ou.var, 1.0);  // σ²/(2θ) = 1
  EXPECT_EQ(ou.mean(0), 2.0);
  EXPECT_EQ(make_vp(make_linear_schedule(0.1, 20, kT))->reference(1, kT).var, 1.0);
  EXPECT_EQ(make_ou_schedule(make_constant_schedule(1.0), 2.5)->reference(1, kT).var, 2.5);
  EXPECT_EQ(make_subvp(make_linear_schedule(0.1, 20, kT))->reference(1, kT).var, 1.0);
  // COU: N(0, σ²/(2θ)(e^{2θT} − 1)), centred at 0 although μ ≠ 0.
  const auto cou = make_cou(1.0, Vec::Constant(1, 0.5), 1.0)->reference(1, kT);
  EXPECT_TRUE(close(cou.var, 0.5 * std::expm1(2.0 * kT), 1e-15));
  EXPECT_EQ(cou.mean(0), 0.0);
  // CVP: N(0, e^{B_T} − 1), B_T = T(β_min + β_max)/2.
  EXPECT_TRUE(close(make_cvp(make_linear_schedule(0.1, 2.0, kT))->reference(1, kT).var,
                    std::expm1(kT * 2.1 / 2), 1e-15));
  EXPECT_TRUE(close(make_ve_geometric(0.01, 10.0, kT)->reference(1, kT).var, 100.0 - 1e-4, 1e-15));
  EXPECT_EQ(make_ve_brownian()->reference(1, kT).var, 2 * kT);
  EXPECT_FALSE(make_cou(1.0, Vec(), 1.0)->stationary(1).has_value());
}

TEST(ProcessInput, BadParametersAreRejectedByName) {
  EXPECT_THROW(make_ou(-1.0, Vec(), 1.0), InputError);
  EXPECT_THROW(make_ou(1.0, Vec(), 0.0), InputError);
  EXPECT_THROW(make_ve_geometric(1.0, 0.5, 1.0), InputError);
  try {
    make_ve_geometric(1.0, 0.5, 1.0);
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("sigma_max is 0.5"), std::string::npos) << e.what();
  }
  // A table that ends before T.
  const auto p = make_ou_schedule(make_table_schedule({{0.0, 1.0}, {1.0, 2.0}}), 1.0);
  EXPECT_THROW(p->validate_for(1, 2.0), InputError);
  EXPECT_NO_THROW(p->validate_for(1, 1.0));
  // A centre of the wrong dimension.
  EXPECT_THROW(make_ou(1.0, Vec::Zero(3), 1.0)->validate_for(2, 1.0), InputError);
}

}  // namespace
}  // namespace sb
