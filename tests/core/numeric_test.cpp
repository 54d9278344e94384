// Cancellation-free elementary functions (src/sb/core/numeric.hpp). References: r − 1 − log r
// evaluated at the exact double value of r in 200-bit arithmetic (mpmath 1.3), 20 digits.
#include "sb/core/numeric.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "test_util.hpp"

namespace sb::num {
namespace {

using test::near_rel;

TEST(core_Numeric, Rm1MinusLogMatchesHighPrecision) {
  struct Case {
    double r, ref;
  };
  const Case cases[] = {
      {1.0000000001, 5.0000008270704108047e-21},  // x = r − 1 ≈ 1e-10: x − log1p(x) is all noise
      {0.9999999999, 5.0000008277370776368e-21},
      {1.0005, 1.2495834895205841661e-7},
      {1.001, 4.996669164667231665e-7},
      {0.999, 5.0033358353350103205e-7},
      {0.95, 0.0012932943875505357635},
      {0.76, 0.034436845701760286388},
      {0.74, 0.041105092783921617371},
      {1.24, 0.024888620383054501553},
      {1.26, 0.028888279036613372556},
      {1.7, 0.16937174893782958548},
      {2.0, 0.30685281944005469058},
      {0.5, 0.19314718055994530942},
      {0.49, 0.20334988787746476707},
      {1e-20, 45.051701859880913735},  // r − 1 rounds to −1: the direct form keeps log r
      {3e-300, 688.67691560954559543},
      {1e10, 9999999975.9741490701},
  };
  for (const Case& c : cases) EXPECT_TRUE(near_rel(rm1_minus_log(c.r), c.ref, 1e-15)) << c.r;
}

TEST(core_Numeric, Rm1MinusLogEdges) {
  EXPECT_EQ(rm1_minus_log(1.0), 0.0);
  EXPECT_EQ(rm1_minus_log(std::numeric_limits<double>::infinity()),
            std::numeric_limits<double>::infinity());
  // Non-negative and continuous across the switches between the forms at r = 3/4 and 5/4.
  for (double r : {0.75, 1.25}) {
    const double below = rm1_minus_log(std::nextafter(r, 0.0)), at = rm1_minus_log(r);
    EXPECT_LT(std::abs(below - at), 4e-15 * at) << r;  // the step itself is |1 − 1/r|·ulp(r)
  }
  for (double r = 1e-6; r < 1e6; r *= 1.37) EXPECT_GE(rm1_minus_log(r), 0.0) << r;
}

TEST(core_Numeric, OtherSeries) {
  EXPECT_EQ(expm1_over_x(0.0), 1.0);
  EXPECT_TRUE(near_rel(expm1_over_x(1e-8), std::expm1(1e-8) / 1e-8, 1e-15));
  EXPECT_EQ(expm1mx_over_x2(0.0), 0.5);
  EXPECT_TRUE(near_rel(expm1mx_over_x2(0.5), (std::expm1(0.5) - 0.5) / 0.25, 1e-14));
  EXPECT_EQ(sqrt_diff_sq(0.0, 0.0), 0.0);
  EXPECT_TRUE(near_rel(sqrt_diff_sq(4.0, 1.0), 1.0, 1e-15));
}

}  // namespace
}  // namespace sb::num
