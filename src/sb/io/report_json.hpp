// The JSON report of `scorebound eval` (README, "scorebound eval"): the configuration echo, the
// status of the sampler, the exact output law, the metrics and every applicable bound check.
//
// No NaN or Inf is ever printed: every double goes through json_number, which maps a
// non-finite value to null (a diverged recursion is reported by "status": "diverged"), and -0
// to 0. Above dimension kFullMatrixMaxDim (100) a covariance is printed as a summary unless
// ReportOptions::full is set.
#pragma once

#include <nlohmann/json.hpp>

#include "sb/core/types.hpp"
#include "sb/io/config_json.hpp"
#include "sb/io/report_options.hpp"
#include "sb/problem/problem.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/evaluate.hpp"

namespace sb {

class ParticleCloud;

/// The version printed in every report and by `scorebound --version`.
inline constexpr const char* kScoreboundVersion = "0.1.0";

/// x as a JSON number (-0 as 0), or null when x is NaN or ±Inf.
nlohmann::ordered_json json_number(double x);
/// An array of json_number.
nlohmann::ordered_json json_vector(const Vec& v);
/// An array of rows, each an array of json_number.
nlohmann::ordered_json json_matrix(const Mat& m);
/// The summary printed instead of a d x d covariance above kFullMatrixMaxDim:
/// {"summary", "dim", "trace", "log_det", "eigenvalue_min", "eigenvalue_max", "diagonal_min",
///  "diagonal_max"}, from its eigenvalues (any order) and its diagonal.
nlohmann::ordered_json json_covariance_summary(const Vec& eigenvalues, const Vec& diagonal);

/// {"metric", "terms", "term_meanings", "total", ["total_std_error"], "exact", "exact_method",
///  "exact_std_error", ["exact_bias_bound", "exact_samples", "exact_seed"], "ratio",
///  "tolerance", "side" ("upper": exact <= total is claimed; "lower": total <= exact),
///  "verdict", "holds", "hypotheses", "scheme", "convention"} (the id is the key it is stored
///  under; the bracketed keys appear only when a side is a Monte Carlo estimate). "ratio" is
/// null when exact <= 0: a ratio bound/exact means "how many times the truth the bound is"
/// only for a positive truth (the checked metrics are non-negative; an exact value of 0 makes
/// the ratio infinite, and a negative one would only come from rounding).
nlohmann::ordered_json bound_to_json(const BoundReport& b);
/// {"kl_data_model", "kl_model_data", "w2", "hellinger2", "tv", "tv_method", "tv_std_error",
///  "tv_lower", "tv_upper", "tv_samples", "tv_seed"}, each computed on the outcome; for a
/// particle cloud, one object per available metric ("sliced_w2"; "w2" in 1-D; "kl_data_model",
/// "kl_model_data", "tv" from the last step's kernels, Outcome::available_metrics()), each
/// {"value", "std_error", "bias_bound", "method", "samples", "seed"}; for a law on {0,1}^d the
/// exact {"kl_data_model", "kl_model_data", "hellinger2", "tv"} as plain numbers; for a
/// phase-space law of the CLD engine the Gaussian metrics of its position marginal.
nlohmann::ordered_json metrics_to_json(Outcome& outcome);

/// The output of the particle engine: {"engine": "particles", "particles" (n), "seed" (of the
/// run), "mean" (the sample mean), "mean_std_error" (per coordinate, sqrt(sample variance / n)),
/// "cov" (the unbiased sample covariance: in full up to kFullMatrixMaxDim or under opt.full,
/// else the summary of json_covariance_summary)}.
nlohmann::ordered_json particles_to_json(const ParticleCloud& cloud, const ReportOptions& opt = {});

/// The whole report: {"scorebound", "seed", "config", "status", ["message",
/// "diverged_at_step"], "output", "metrics", "bounds"}; output and metrics are null when the
/// sampler diverged (diverged_at_step is null for the particle engine, which has no step of
/// divergence); output is particles_to_json for the particle engine, and {"mean" (P(x_l = 1)),
/// "probs" (json_probability_vector)} for a law on {0,1}^d. For the kinetic process (cld) the
/// output is the position marginal's {"mean", "cov"} followed by "velocity" {"mean", "cov"} and
/// "cross_cov" (Cov(x, v), in full up to kFullMatrixMaxDim, else {"summary", "dim", "trace",
/// "eigenvalue_min", "eigenvalue_max", "diagonal_min", "diagonal_max"}), the metrics are those
/// of the position marginal, and "phase_space" follows "metrics": {"target", "kl_phase"
/// (KL(π_data ⊗ N(0, vI) ‖ output)), "kl_phase_reverse", "w2_phase", "kl_position",
/// "kl_position_reverse", "w2_position"[, "message"]} (null when diverged; the phase-space
/// terms null, with a message, when an output block covariance is singular in double
/// precision). "config" is parsed.echo; output.cov is summarised as `opt` says (pass the
/// options parse_config had).
nlohmann::ordered_json evaluation_to_json(const ParsedConfig& parsed, Evaluation& ev,
                                          const ReportOptions& opt = {});
/// The same with config_to_json(cfg) as "config" (a Problem built without the parser).
nlohmann::ordered_json evaluation_to_json(const Problem& cfg, Evaluation& ev,
                                          const ReportOptions& opt = {});

}  // namespace sb
