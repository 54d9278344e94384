// `scorebound verify`: every registered check on every instance of its default grid, with the
// verdict the exact numbers give next to the one the check expects.
#pragma once

#include <string>
#include <vector>

#include "sb/verify/bound_report.hpp"

namespace sb {

struct VerifyRow {
  std::string id;
  std::string instance;
  Verdict expected = Verdict::kHolds;
  BoundReport report;
  std::string error;  // non-empty if the instance could not be evaluated
  bool as_expected() const { return error.empty() && report.verdict == expected; }
};

/// Runs the checks whose id contains `filter` (all when empty), in id order.
std::vector<VerifyRow> run_verify(const std::string& filter = "");

/// The verdict table: id, instance, verdict (expected), bound, exact, ratio, failed hypotheses.
std::string verify_table(const std::vector<VerifyRow>& rows);

}  // namespace sb
