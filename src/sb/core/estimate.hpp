// A number together with how it was obtained: every metric and every exact side of a bound in
// scorebound is an Estimate, so that a Monte Carlo value never travels without its error bar.
//
//  * exact values (closed forms, exact recursions, quadrature to a stated accuracy far below
//    the reporting precision) have std_error = 0, bias_bound = 0, samples = 0 and a method
//    starting with "exact_" ("exact_recursion", "exact_1d", "exact_equal_covariance", ...);
//  * Monte Carlo values carry their standard error, a bound on their bias (0 for an unbiased
//    estimator), the sample size and the seed that reproduces them.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

namespace sb {

struct Estimate {
  double value = 0.0;
  double std_error = 0.0;   // standard error of `value`; 0 when exact
  double bias_bound = 0.0;  // |E value − truth| <= bias_bound; 0 when exact or unbiased
  std::string method = "exact";
  long samples = 0;        // Monte Carlo sample size; 0 when exact
  std::uint64_t seed = 0;  // seed of the draws; 0 when exact

  /// An exact value; `method` names how it was obtained ("exact_recursion", "exact_1d", ...).
  static Estimate exact(double value, std::string method = "exact") {
    Estimate e;
    e.value = value;
    e.method = std::move(method);
    return e;
  }
  /// A Monte Carlo value with its standard error, sample size, seed and bias bound.
  static Estimate monte_carlo(double value, double std_error, long samples, std::uint64_t seed,
                              std::string method = "monte_carlo", double bias_bound = 0.0) {
    Estimate e;
    e.value = value;
    e.std_error = std_error;
    e.bias_bound = bias_bound;
    e.method = std::move(method);
    e.samples = samples;
    e.seed = seed;
    return e;
  }

  /// True when the value carries no statistical error (std_error and bias bound both 0 and no
  /// samples were drawn).
  bool is_exact() const { return std_error == 0.0 && bias_bound == 0.0 && samples == 0; }
};

}  // namespace sb
