// The one process recogniser (src/sb/process/process_match.hpp): a process is recognised by its
// coefficients, whatever kind it was built under, to the one tolerance kProcessMatchTol.
#include "sb/process/process_match.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
#include "sb/schedule/schedule.hpp"

namespace sb {
namespace {

TEST(ProcessMatch, StandardOuUnderAnyName) {
  EXPECT_TRUE(is_standard_ou(*make_standard_ou(), 2.0));
  EXPECT_TRUE(is_standard_ou(*make_ou(1.0, Vec(), std::sqrt(2.0)), 2.0));
  EXPECT_TRUE(is_standard_ou(*make_vp(make_constant_schedule(2.0)), 2.0));
  EXPECT_FALSE(is_standard_ou(*make_ou(1.0, Vec::Ones(1), std::sqrt(2.0)), 2.0));  // centre
  EXPECT_FALSE(is_standard_ou(*make_ou(1.1, Vec(), std::sqrt(2.2)), 2.0));         // same v, faster
  EXPECT_FALSE(is_standard_ou(*make_vp(make_linear_schedule(0.1, 20, 1.0)), 1.0));
  EXPECT_FALSE(is_standard_ou(*make_ve_brownian(), 1.0));
}

TEST(ProcessMatch, VeFamilies) {
  EXPECT_TRUE(is_ve_brownian(*make_ve_brownian(), 3.0));
  EXPECT_FALSE(is_ve_brownian(*make_ve_geometric(0.01, 10, 3.0), 3.0));
  EXPECT_TRUE(is_pure_smoothing(*make_ve_brownian(), 3.0));
  EXPECT_TRUE(is_pure_smoothing(*make_ve_geometric(0.01, 10, 3.0), 3.0));
  EXPECT_FALSE(is_pure_smoothing(*make_standard_ou(), 3.0));
  EXPECT_TRUE(is_ve_geometric(*make_ve_geometric(0.01, 10, 3.0)));
  EXPECT_FALSE(is_ve_geometric(*make_ve_brownian()));
}

TEST(ProcessMatch, ScheduledFamilies) {
  const auto vp = make_vp(make_linear_schedule(0.1, 20, 1.0));
  ASSERT_TRUE(as_vp(*vp, 2, 1.0));
  EXPECT_FALSE(as_vp(*vp, 2, 1.0)->expanding);
  EXPECT_FALSE(as_cvp(*vp, 2, 1.0));
  EXPECT_TRUE(as_cvp(*make_cvp(make_linear_schedule(0.1, 20, 1.0)), 2, 1.0));
  // ou_general with σ²/(2θ) = 1 and μ = 0 is VP with the constant schedule β ≡ σ².
  const auto ou = make_ou(2.0, Vec(), 2.0);
  ASSERT_TRUE(as_vp(*ou, 3, 1.0));
  EXPECT_DOUBLE_EQ(as_vp(*ou, 3, 1.0)->beta->beta(0.5), 4.0);
  // A centre rules the scheduled setting out; subVP has no OU form.
  EXPECT_FALSE(scheduled_setting(*make_ou(2.0, Vec::Ones(3), 2.0), 3, 1.0));
  EXPECT_FALSE(scheduled_setting(*make_subvp(make_linear_schedule(0.1, 20, 1.0)), 3, 1.0));
  // seed 003's OU with a schedule: v is the stationary variance σ².
  const auto s3 = make_ou_schedule(make_linear_schedule(0.1, 20, 1.0), 4.0);
  ASSERT_TRUE(stationary_ou_setting(*s3, 1.0));
  EXPECT_EQ(stationary_ou_setting(*s3, 1.0)->v, 4.0);
  EXPECT_FALSE(stationary_ou_setting(*make_cvp(make_linear_schedule(0.1, 20, 1.0)), 1.0));
}

TEST(ProcessMatch, FamiliesAreDeclared) {
  EXPECT_EQ(make_standard_ou()->family(), ProcessFamily::kScheduledOu);
  EXPECT_EQ(make_subvp(make_linear_schedule(0.1, 20, 1.0))->family(), ProcessFamily::kSubVp);
  EXPECT_EQ(make_ve_brownian()->family(), ProcessFamily::kVeBrownian);
  EXPECT_FALSE(make_ve_brownian()->ou_form());
}

}  // namespace
}  // namespace sb
