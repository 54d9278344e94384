// The result of checking one theorem on one configuration: the bound with its terms, the exact
// error it bounds, the hypotheses evaluated on the instance, and the verdict.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace sb {

enum class Verdict {
  kHolds,           // exact ≤ bound within the stated floating-point tolerance
  kViolated,        // exact > bound beyond that tolerance
  kHypothesesFail,  // a hypothesis of the theorem fails on the instance (numbers still shown)
  kVacuous,         // the bound is at least the metric's trivial maximum (e.g. TV ≥ 1)
};
std::string to_string(Verdict v);

/// Which side the bound is on: an upper bound claims exact ≤ bound (every error bound); a lower
/// bound claims bound ≤ exact (e.g. a claimed strong-log-concavity constant).
enum class BoundSide { kUpper, kLower };

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
  double total = 0.0;      // the bound
  double exact = 0.0;      // the exact value of the metric
  double tolerance = 0.0;  // absolute floating-point allowance used in the verdict
  BoundSide side = BoundSide::kUpper;
  Verdict verdict = Verdict::kHolds;
  std::vector<Hypothesis> hypotheses;
  std::string scheme;      // the sampler the instance ran
  std::string convention;  // which scheme/convention the theorem is about, and how it is read
  /// bound/exact; +inf when exact is 0 (reported as null in JSON).
  double ratio() const {
    return exact > 0 ? total / exact : std::numeric_limits<double>::infinity();
  }
  bool hypotheses_hold() const {
    for (const auto& h : hypotheses)
      if (!h.holds) return false;
    return true;
  }
};

/// The one-sided acceptance rule of every exact bound check: an upper bound holds iff
/// exact ≤ bound + tolerance (and is vacuous when bound ≥ trivial_max, the metric's largest
/// possible value: 1 for TV, +inf otherwise); a lower bound holds iff bound ≤ exact + tolerance.
Verdict decide(double exact, double bound, double tolerance, bool hypotheses_hold,
               double trivial_max = std::numeric_limits<double>::infinity(),
               BoundSide side = BoundSide::kUpper);

}  // namespace sb
