#include "sb/verify/bound_report.hpp"

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
  }
  return "?";
}

Verdict decide(double exact, double bound, double tolerance, bool hypotheses_hold,
               double trivial_max, BoundSide side) {
  if (!hypotheses_hold) return Verdict::kHypothesesFail;
  if (side == BoundSide::kLower)
    return bound <= exact + tolerance ? Verdict::kHolds : Verdict::kViolated;
  if (bound >= trivial_max) return Verdict::kVacuous;
  return exact <= bound + tolerance ? Verdict::kHolds : Verdict::kViolated;
}

}  // namespace sb
