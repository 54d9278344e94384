// The verdict rule (src/sb/verify/bound_report.hpp): exact sides compare to a floating-point
// tolerance; Monte Carlo sides are one-sided with z = 5 standard errors and say `inconclusive`
// when the bound lies within the error bar, never a coin flip reported as a finding.
#include "sb/verify/bound_report.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "sb/core/tolerance.hpp"

namespace sb {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(Decide, ExactUpperBound) {
  const Estimate e = Estimate::exact(1.0, "exact_test");
  EXPECT_EQ(decide(e, 1.0, 0.0, true), Verdict::kHolds);  // equality holds
  EXPECT_EQ(decide(e, 0.999, 0.0, true), Verdict::kViolated);
  EXPECT_EQ(decide(e, 0.999, 0.002, true), Verdict::kHolds);  // within the tolerance
  EXPECT_EQ(decide(e, 0.5, 0.0, false), Verdict::kHypothesesFail);
  EXPECT_EQ(decide(e, 1.0, 0.0, true, 1.0), Verdict::kVacuous);  // TV bound >= 1
  EXPECT_EQ(decide(e, kInf, 0.0, true), Verdict::kVacuous);      // an infinite bound says nothing
}

TEST(Decide, ExactLowerBound) {
  const Estimate e = Estimate::exact(1.0, "exact_test");
  EXPECT_EQ(decide(e, 0.9, 0.0, true, kInf, BoundSide::kLower), Verdict::kHolds);
  EXPECT_EQ(decide(e, 1.1, 0.0, true, kInf, BoundSide::kLower), Verdict::kViolated);
  EXPECT_EQ(decide(e, 1.1, 0.2, true, kInf, BoundSide::kLower), Verdict::kHolds);
}

TEST(Decide, MonteCarloUpperBoundIsOneSidedWithAnInconclusiveBand) {
  // Estimate 1 with standard error 0.01: u = 5·0.01 = 0.05.
  const Estimate e = Estimate::monte_carlo(1.0, 0.01, 10000, 1);
  EXPECT_EQ(decide(e, 1.06, 0.0, true), Verdict::kHolds);         // 1 + 0.05 <= 1.06
  EXPECT_EQ(decide(e, 1.04, 0.0, true), Verdict::kInconclusive);  // within the error bar
  EXPECT_EQ(decide(e, 0.96, 0.0, true), Verdict::kInconclusive);
  EXPECT_EQ(decide(e, 0.94, 0.0, true), Verdict::kViolated);  // 1 − 0.05 > 0.94
  EXPECT_EQ(decide(e, 0.94, 0.02, true), Verdict::kInconclusive);
  EXPECT_EQ(decide(e, 0.5, 0.0, false), Verdict::kHypothesesFail);
  EXPECT_EQ(decide(e, 1.0, 0.0, true, 1.0), Verdict::kVacuous);
  // A known bias widens the band.
  const Estimate biased = Estimate::monte_carlo(1.0, 0.01, 10000, 1, "monte_carlo", 0.02);
  EXPECT_EQ(decide(biased, 1.06, 0.0, true), Verdict::kInconclusive);
  EXPECT_EQ(decide(biased, 1.08, 0.0, true), Verdict::kHolds);
  // The bound's own standard error adds to the band.
  EXPECT_EQ(decide(e, 1.06, 0.0, true, kInf, BoundSide::kUpper, 0.01), Verdict::kInconclusive);
  EXPECT_EQ(decide(e, 1.11, 0.0, true, kInf, BoundSide::kUpper, 0.01), Verdict::kHolds);
}

TEST(Decide, MonteCarloLowerBound) {
  const Estimate e = Estimate::monte_carlo(1.0, 0.01, 10000, 1);
  EXPECT_EQ(decide(e, 0.94, 0.0, true, kInf, BoundSide::kLower), Verdict::kHolds);
  EXPECT_EQ(decide(e, 1.0, 0.0, true, kInf, BoundSide::kLower), Verdict::kInconclusive);
  EXPECT_EQ(decide(e, 1.06, 0.0, true, kInf, BoundSide::kLower), Verdict::kViolated);
}

TEST(Decide, TheFalseAlarmRateIsThatOfFiveStandardErrors) {
  // A true bound equal to the truth: the estimate is never more than 5 se above it in the
  // acceptance rule's sense, so `violated` needs an estimate > bound + 5 se: P < 2.9e-7.
  EXPECT_EQ(kMcZ, 5.0);
  const Estimate just_below = Estimate::monte_carlo(1.0 + 4.99 * 0.01, 0.01, 100, 1);
  EXPECT_NE(decide(just_below, 1.0, 0.0, true), Verdict::kViolated);
}

TEST(BoundReport, DecideUsesTheReportsFields) {
  BoundReport r;
  r.total = 0.5;
  r.trivial_max = 1.0;
  r.exact = Estimate::exact(0.4, "exact_test");
  EXPECT_EQ(r.decide(), Verdict::kHolds);
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  r.total = 1.0;
  EXPECT_EQ(r.decide(), Verdict::kVacuous);
  r.side = BoundSide::kLower;
  EXPECT_EQ(r.decide(), Verdict::kViolated);
  EXPECT_EQ(to_string(Verdict::kInconclusive), "inconclusive");
}

}  // namespace
}  // namespace sb
