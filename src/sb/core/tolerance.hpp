// Named, derived acceptance rules (see theory/README.md, "Acceptance rules").
//
// Four kinds of comparison are made in scorebound, each with its own rule:
//  * closed-form identity      |x − ref| <= max(rel·|ref|, abs), rel = k·ε·cond;
//  * Monte Carlo estimate      |x̂ − ref| <= z·se, z = 5 (two-sided false alarm 5.7e-7);
//  * theorem bound, exact side exact <= bound·(1 + rel), rel from the operation count;
//  * theorem bound, MC side    x̂ − z·se <= bound.
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>

namespace sb {

inline constexpr double kEps = std::numeric_limits<double>::epsilon();

struct Tolerance {
  double rel = 0.0;
  double abs = 0.0;

  /// k·ε·cond: for a closed form evaluated with about k rounding errors of condition cond.
  static Tolerance ulps(double k, double cond = 1.0) { return {k * kEps * cond, 0.0}; }

  bool accepts(double x, double ref) const {
    if (!std::isfinite(x) || !std::isfinite(ref)) return false;
    return std::abs(x - ref) <= std::max(rel * std::abs(ref), abs);
  }
};

/// Relative accuracy of an exact-recursion metric: N steps of an affine map in d directions
/// followed by a closed-form distance. Each step adds O(1) rounding errors per direction and
/// the distance sums d terms, so the relative error is below c·ε·(N + d) with a modest c; we
/// take c = 64 (a 64-fold margin over the usual √(N+d) random-walk growth) and a floor of
/// 1e-13 for tiny operation counts.
inline double exact_metric_rel_tol(long long steps, long long dim) {
  return std::max(1e-13, 64.0 * kEps * static_cast<double>(steps + dim));
}

/// Absolute allowance for "exact ≤ bound" when the exact side is a KL divergence computed from
/// an N-step recursion in d directions. KL = ½Σ_j (r_j − 1 − log r_j + Δ_j²/v_j) is quadratic in
/// the per-direction errors, so besides the relative error rel·max(exact, bound) an absolute
/// floor d·rel² covers the case where both sides are 0 up to rounding (e.g. EIR with data equal
/// to the stationary law, where the bound is 0 and the exact KL is 0 up to O((Nε)²)).
inline double kl_check_tolerance(long long steps, long long dim, double exact, double bound) {
  const double rel = exact_metric_rel_tol(steps, dim);
  return rel * std::max(std::abs(exact), std::abs(bound)) + static_cast<double>(dim) * rel * rel;
}

/// z-score used by every Monte Carlo acceptance rule in scorebound.
inline constexpr double kMcZ = 5.0;

}  // namespace sb
