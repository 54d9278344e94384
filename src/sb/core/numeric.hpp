// Cancellation-free elementary functions used by the closed forms of theory-notes A.1 and B.4.
#pragma once

#include <boost/math/special_functions/log1p.hpp>
#include <cmath>

namespace sb::num {

/// (e^x − 1)/x, with value 1 at x = 0.
inline double expm1_over_x(double x) {
  if (std::abs(x) < 1e-5) return 1.0 + x / 2.0 + x * x / 6.0;
  return std::expm1(x) / x;
}

/// (e^x − 1 − x)/x², with value 1/2 at x = 0 (Taylor series below |x| < 0.1: 10 terms, error
/// < 1e-17 relative).
inline double expm1mx_over_x2(double x) {
  if (std::abs(x) < 0.1) {
    double term = 0.5, sum = 0.5;  // x^k/(k+2)!
    for (int k = 1; k < 12; ++k) {
      term *= x / (k + 2);
      sum += term;
    }
    return sum;
  }
  return (std::expm1(x) - x) / (x * x);
}

/// r − 1 − log r for r > 0, accurate when r ≈ 1 (theory-notes B.4). With x = r − 1 it is
/// −log1pmx(x), log1pmx(x) = log(1 + x) − x, which Boost.Math evaluates by its series near 0
/// (no cancellation between x and log(1 + x)); it is used for |x| < 1/4, where the series needs
/// at most ~25 terms. Elsewhere the terms cancel by less than a factor 10 and are evaluated
/// directly: x − log1p(x) for r >= 5/4, and r − 1 − log r for r <= 3/4 (x = r − 1 would round to −1
/// for r < 2⁻⁵³ and lose r). +inf for r = +inf.
inline double rm1_minus_log(double r) {
  const double x = r - 1.0;
  if (std::abs(x) < 0.25) return -boost::math::log1pmx(x);
  if (r < 1.0) return x - std::log(r);
  if (!std::isfinite(r)) return r;
  return x - std::log1p(x);
}

/// (√a − √b)² without cancellation: (a − b)² / (√a + √b)² (theory-notes B.4).
inline double sqrt_diff_sq(double a, double b) {
  const double s = std::sqrt(a) + std::sqrt(b);
  if (s == 0.0) return 0.0;
  const double t = (a - b) / s;
  return t * t;
}

}  // namespace sb::num
