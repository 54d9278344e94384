// The result of checking one theorem on one configuration: the bound with its terms, the value
// it bounds (an Estimate: exact, or Monte Carlo with its error bar), the hypotheses evaluated
// on the instance, and the verdict.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "sb/core/estimate.hpp"

namespace sb {

enum class Verdict {
  kHolds,           // exact ≤ bound within the stated tolerance (Monte Carlo: beyond its error)
  kViolated,        // exact > bound beyond that tolerance (Monte Carlo: beyond its error)
  kHypothesesFail,  // a hypothesis of the theorem fails on the instance (numbers still shown)
  kVacuous,         // the bound is at least the metric's trivial maximum (e.g. TV ≥ 1)
  kInconclusive,    // Monte Carlo side only: the bound lies within z standard errors of it
};
std::string to_string(Verdict v);

/// Which side the bound is on: an upper bound claims exact ≤ bound (every error bound); a lower
/// bound claims bound ≤ exact (e.g. a claimed strong-log-concavity constant).
enum class BoundSide { kUpper, kLower };
std::string to_string(BoundSide s);

struct Hypothesis {
  std::string name;  // e.g. "finite relative Fisher information I(mu0|gamma_d)"
  bool holds = true;
  std::string detail;  // the value that decided it
};

struct BoundTerm {
  std::string name;  // e.g. "E1"
  double value = 0.0;
  std::string meaning;  // e.g. "e^{-2T} KL(mu0|gamma_d): initialisation"
};

struct BoundReport {
  std::string id;      // registry id of the check
  std::string metric;  // the metric bounded: "kl_data_model", "w2", "tv", …
  std::vector<BoundTerm> terms;
  double total = 0.0;  // the bound
  /// Standard error of the bound when one of its terms is a Monte Carlo estimate (0 otherwise).
  double total_std_error = 0.0;
  Estimate exact;          // the value of the metric: exact, or an estimate with its error bar
  double tolerance = 0.0;  // absolute floating-point allowance used in the verdict
  BoundSide side = BoundSide::kUpper;
  /// The metric's largest possible value (1 for TV, +inf otherwise): an upper bound at least
  /// this large says nothing (verdict `vacuous`).
  double trivial_max = std::numeric_limits<double>::infinity();
  Verdict verdict = Verdict::kHolds;
  std::vector<Hypothesis> hypotheses;
  std::string scheme;      // the sampler the instance ran
  std::string convention;  // which scheme/convention the theorem is about, and how it is read

  /// bound/exact; +inf when exact is 0 (reported as null in JSON).
  double ratio() const {
    return exact.value > 0 ? total / exact.value : std::numeric_limits<double>::infinity();
  }
  bool hypotheses_hold() const {
    for (const auto& h : hypotheses)
      if (!h.holds) return false;
    return true;
  }
  /// Sets `verdict` by the rule of sb::decide from the fields above, and returns it.
  Verdict decide();
};

/// The one-sided acceptance rule of every bound check (theory/README.md, "Acceptance rules").
/// Hypotheses first: if one fails the verdict is `hypotheses_fail`. An upper bound at least
/// trivial_max is `vacuous`. Then, with t = tolerance:
///  * exact side (std_error = 0, no bias): an upper bound holds iff exact ≤ bound + t, a lower
///    bound iff bound ≤ exact + t; otherwise violated;
///  * Monte Carlo side (the exact side, or a term of the bound, is an estimate), with
///    u = z·(std_error + bound_std_error) + bias_bound, z = kMcZ (core/tolerance.hpp): an upper
///    bound is violated only when exact − u > bound + t, holds when exact + u ≤ bound + t, and
///    is `inconclusive` in between (mirrored for a lower bound). With z = 5 a true bound is
///    called violated with probability below 3e-7 (one-sided normal tail), and a violation by
///    more than 2u is never missed.
Verdict decide(const Estimate& exact, double bound, double tolerance, bool hypotheses_hold,
               double trivial_max = std::numeric_limits<double>::infinity(),
               BoundSide side = BoundSide::kUpper, double bound_std_error = 0.0);
/// The exact-side rule for plain numbers (used for rigorous comparisons inside checks).
Verdict decide(double exact, double bound, double tolerance, bool hypotheses_hold,
               double trivial_max = std::numeric_limits<double>::infinity(),
               BoundSide side = BoundSide::kUpper);

}  // namespace sb
