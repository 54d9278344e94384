// Reading a Problem from the JSON of `scorebound eval` (README, "scorebound eval"), and the
// normalised echo of a configuration that every report starts with.
//
// Every error is an sb::InputError whose what() is one line
//   "scorebound: <key> is <value>, but must be <allowed>"
// naming the dotted path of the key (`data.cov[1][0]`, `process.schedule.points[2]`), or
//   "scorebound: unknown key <path>; allowed keys for <object>: k1, k2, ..."
// Keys and values from the input are shown through sb::printable: a key with an embedded NUL
// or a control character is escaped, never cut or printed raw.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sb/io/report_options.hpp"
#include "sb/problem/problem.hpp"

namespace sb {

/// Parses configuration text. Throws InputError for
///  * malformed JSON: "scorebound: input is not valid JSON: <parser message> (near <key>)"
///    (also for empty input);
///  * a number that overflows a double (1e999): "scorebound: <key> is 1e999, but must be
///    finite (it overflows a double)";
///  * a key given twice in one object: "scorebound: <key> is given twice, but must be given
///    once (...)";
///  * nesting deeper than 64 arrays and objects: "scorebound: input nests deeper than 64 levels
///    (at <key>); ...". The document is built in one pass that never recurses per level.
nlohmann::json parse_json_text(const std::string& text);

/// A configuration as read: the Problem to evaluate and its normalised echo (the "config"
/// object of the report): process (kind, describe, parameters; the beta_min/beta_max shorthand
/// as a linear schedule, mu in full), data (kind, preset if any, dim, mean, cov), T, steps,
/// sampler, init, score_error (direction as a unit vector), grid ("uniform" or the reverse
/// times), tv_samples. Data on {0,1}^d (kind hypercube, the bit-flip chain): process (kind
/// bitflip, describe, rate), data (kind, preset and its parameters if any, dim, probs — see
/// json_probability_vector — and describe), T, steps, sampler, init, score_error (delta, eps),
/// grid, and engine only when given. The kinetic process (process kind cld): process (kind,
/// describe, sigma2, velocity_var — the value used —, stationary_velocity, elliptic_eps), the
/// Gaussian data as above, and score_error.direction of length 2d (positions, then velocities;
/// the first velocity coordinate when not given). Non-finite numbers are echoed as null.
struct ParsedConfig {
  Problem config;
  nlohmann::ordered_json echo;
};

/// Builds and validates (Problem::validate) the configuration described by `j`. Throws
/// InputError naming the offending key for every invalid input: a missing, unknown or
/// mistyped key, a non-finite number, T <= 0, steps < 1, an unknown kind, a dimension
/// mismatch, a covariance that is not symmetric positive definite, a zero direction, a data
/// mean, covariance entry or process centre beyond 1e150 in magnitude, ...
/// For data on {0,1}^d also: a process other than bitflip (and bitflip for other data), a
/// sampler of the other family, d outside [1, 16], probabilities that are negative or do not
/// sum to 1 within 1e-9, a score_error key other than delta and eps, a key of the Monte Carlo
/// or particle engines, and a run whose bounded cost exceeds 3e10 generator updates (a minute).
/// For process kind cld also: data other than Gaussian, a sampler other than em, ei, eir, split,
/// split_renormalised, continuous, sigma2 or velocity_var outside [1e-150, 1e150], elliptic_eps
/// neither 0 nor in [1e-75, 1e75], keys of other processes, the random score field, engine
/// particles or grid and their keys, a block whose scales (its data variance, sigma2,
/// velocity_var, elliptic_eps^2) span a ratio beyond 1e8, scales outside [1e-4, 1e4] for the ODE
/// of continuous with delta != 0, and a run whose bounded cost exceeds 1e9 block updates.
/// score_error.direction reaches the Problem as given when its norm is computed without
/// overflow or underflow, else already divided by its norm (scaled first by its largest
/// entry), so that the score model's normalisation is exact either way. `opt` decides whether
/// data.cov is echoed in full (see ReportOptions).
ParsedConfig parse_config(const nlohmann::json& j, const ReportOptions& opt = {});

/// parse_config(j).config.
Problem parse_run_config(const nlohmann::json& j);

/// The echo of a Problem built without the parser: as ParsedConfig::echo, except that the
/// process shows only kind and describe (and the rate of the bit-flip chain) and the data no
/// preset.
nlohmann::ordered_json config_to_json(const Problem& cfg, const ReportOptions& opt = {});

/// Above this many entries a probability vector on {0,1}^d (config.data.probs, output.probs) is
/// printed as a summary unless ReportOptions::full is set: as many numbers as the largest
/// covariance printed in full (kFullMatrixMaxDim^2 = 10^4), i.e. in full up to d = 13.
inline constexpr Eigen::Index kFullProbabilityVectorMaxStates =
    kFullMatrixMaxDim * kFullMatrixMaxDim;

/// The probabilities in full (json_number each), or above kFullProbabilityVectorMaxStates
/// entries (unless opt.full) the summary {"summary", "states", "support" (entries > 0), "min",
/// "max", "argmax" (the first state of largest probability), "entropy" (in nats)}.
nlohmann::ordered_json json_probability_vector(const Vec& probs, const ReportOptions& opt = {});

}  // namespace sb
