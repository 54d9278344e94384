// Input validation at public entry points (Stan Math vocabulary, Boost.Math message form).
//
// Every check_* throws sb::InputError whose message is one line naming the parameter, the
// value it has and what is allowed, e.g.
//   "sb::ScheduledOu: beta_min is -1, but must be > 0".
// The is_* twins answer the same question without throwing.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sb/core/types.hpp"

namespace sb {

/// Thrown for every invalid user input. `what()` is a single line suitable for a CLI.
class InputError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

/// Formats "fn: name is value, but must be allowed" and throws InputError.
[[noreturn]] void throw_input_error(std::string_view fn, std::string_view name,
                                    std::string_view value, std::string_view allowed);

/// Shortest round-trip text of a double ("1e-300", "nan", "inf").
std::string format_value(double x);

bool is_finite(double x);
bool is_finite(const Vec& v);
bool is_finite(const Mat& m);

void check_finite(std::string_view fn, std::string_view name, double x);
void check_finite(std::string_view fn, std::string_view name, const Vec& v);
void check_finite(std::string_view fn, std::string_view name, const Mat& m);
/// x finite and > 0.
void check_positive(std::string_view fn, std::string_view name, double x);
/// x finite and >= 0.
void check_nonnegative(std::string_view fn, std::string_view name, double x);
/// x finite and lo <= x <= hi.
void check_bounded(std::string_view fn, std::string_view name, double x, double lo, double hi);
/// n >= lo.
void check_at_least(std::string_view fn, std::string_view name, long long n, long long lo);
/// actual == expected, for dimensions.
void check_size(std::string_view fn, std::string_view name, Eigen::Index actual,
                Eigen::Index expected);

/// Square, finite, symmetric to relative 1e-12, and positive definite. The PD failure names
/// the smallest eigenvalue.
void check_spd(std::string_view fn, std::string_view name, const Mat& m);
bool is_spd(const Mat& m);

}  // namespace sb
