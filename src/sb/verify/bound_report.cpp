#include "sb/verify/bound_report.hpp"

#include "sb/core/tolerance.hpp"

namespace sb {

std::string to_string(Verdict v) {
  switch (v) {
    case Verdict::kHolds:
      return "holds";
    case Verdict::kViolated:
      return "violated";
    case Verdict::kHypothesesFail:
      return "hypotheses_fail";
    case Verdict::kVacuous:
      return "vacuous";
    case Verdict::kInconclusive:
      return "inconclusive";
  }
  return "?";
}

std::string to_string(BoundSide s) { return s == BoundSide::kLower ? "lower" : "upper"; }

Verdict decide(double exact, double bound, double tolerance, bool hypotheses_hold,
               double trivial_max, BoundSide side) {
  if (!hypotheses_hold) return Verdict::kHypothesesFail;
  if (side == BoundSide::kLower)
    return bound <= exact + tolerance ? Verdict::kHolds : Verdict::kViolated;
  if (bound >= trivial_max) return Verdict::kVacuous;
  return exact <= bound + tolerance ? Verdict::kHolds : Verdict::kViolated;
}

Verdict decide(const Estimate& exact, double bound, double tolerance, bool hypotheses_hold,
               double trivial_max, BoundSide side, double bound_std_error) {
  if (exact.is_exact() && bound_std_error == 0.0)
    return decide(exact.value, bound, tolerance, hypotheses_hold, trivial_max, side);
  if (!hypotheses_hold) return Verdict::kHypothesesFail;
  const double u = kMcZ * (exact.std_error + bound_std_error) + exact.bias_bound;
  if (side == BoundSide::kLower) {
    // The claim is bound <= truth.
    if (bound > exact.value + u + tolerance) return Verdict::kViolated;
    if (bound <= exact.value - u + tolerance) return Verdict::kHolds;
    return Verdict::kInconclusive;
  }
  if (bound >= trivial_max) return Verdict::kVacuous;
  if (exact.value - u > bound + tolerance) return Verdict::kViolated;
  if (exact.value + u <= bound + tolerance) return Verdict::kHolds;
  return Verdict::kInconclusive;
}

Verdict BoundReport::decide() {
  verdict =
      sb::decide(exact, total, tolerance, hypotheses_hold(), trivial_max, side, total_std_error);
  return verdict;
}

}  // namespace sb
