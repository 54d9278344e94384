// The JSON report of `scorebound eval` (README, "scorebound eval"): the configuration echo, the
// status of the sampler, the exact output law, the metrics and every applicable bound check.
//
// No NaN or Inf is ever printed: every double goes through json_number, which maps a
// non-finite value to null (a diverged recursion is reported by "status": "diverged").
#pragma once

#include <nlohmann/json.hpp>

#include "sb/core/types.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/evaluate.hpp"

namespace sb {

/// The version printed in every report and by `scorebound --version`.
inline constexpr const char* kScoreboundVersion = "0.1.0";

/// x as a JSON number, or null when x is NaN or ±Inf.
nlohmann::ordered_json json_number(double x);
/// An array of json_number.
nlohmann::ordered_json json_vector(const Vec& v);
/// An array of rows, each an array of json_number.
nlohmann::ordered_json json_matrix(const Mat& m);

/// {"metric", "terms", "term_meanings", "total", "exact", "exact_method", "exact_std_error",
///  "exact_bias_bound", "exact_samples", "exact_seed", "ratio", "tolerance", "side" ("upper":
///  exact <= total is claimed; "lower": total <= exact), "verdict", "holds", "hypotheses",
///  "scheme", "convention"} (the id is the key it is stored under).
nlohmann::ordered_json bound_to_json(const BoundReport& b);
/// {"kl_data_model", "kl_model_data", "w2", "hellinger2", "tv", "tv_method", "tv_std_error",
///  "tv_lower", "tv_upper", "tv_samples", "tv_seed"}, computing each on the outcome.
nlohmann::ordered_json metrics_to_json(Outcome& outcome);

/// The whole report: {"scorebound", "seed", "config", "status", ["message",
/// "diverged_at_step"], "output", "metrics", "bounds"}; output and metrics are null when the
/// sampler diverged.
nlohmann::ordered_json evaluation_to_json(const Problem& cfg, Evaluation& ev);

}  // namespace sb
