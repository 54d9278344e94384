// Reading a Problem from the JSON of `scorebound eval` (README, "scorebound eval"), and the
// normalised echo of a configuration that every report starts with.
//
// Every error is an sb::InputError whose what() is one line
//   "scorebound: <key> is <value>, but must be <allowed>"
// naming the dotted path of the key (`data.cov[1][0]`, `process.schedule.points[2]`), or
//   "scorebound: unknown key <path>; allowed keys for <object>: k1, k2, ..."
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sb/problem/problem.hpp"

namespace sb {

/// Parses configuration text. Malformed JSON throws InputError
/// "scorebound: input is not valid JSON: <parser message> (near <key>)"; a number that
/// overflows a double (1e999) throws "scorebound: <key> is 1e999, but must be finite ...".
nlohmann::json parse_json_text(const std::string& text);

/// Builds and validates (Problem::validate) the configuration described by `j`. Throws
/// InputError naming the offending key for every invalid input: a missing, unknown or
/// mistyped key, a non-finite number, T <= 0, steps < 1, an unknown kind, a dimension
/// mismatch, a covariance that is not symmetric positive definite, a zero direction, ...
/// The parsed process and data carry their normalised echo (see config_to_json).
Problem parse_run_config(const nlohmann::json& j);

/// The normalised echo of a configuration: process (kind, describe, parameters), data (dim,
/// mean, cov), T, steps, sampler, init, score_error (direction normalised), grid ("uniform" or
/// the reverse times), tv_samples. Non-finite numbers are printed as null. For a Problem not
/// built by parse_run_config the process echo has only kind and describe.
nlohmann::ordered_json config_to_json(const Problem& cfg);

}  // namespace sb
