// What `scorebound eval` computes for one problem: the sampler's exact output law, every
// distance between it and the data law, and every registered check that applies.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb {

struct Evaluation {
  Outcome outcome;                  // the sampler run; every metric computed when metrics_ok
  bool metrics_ok = false;          // the run succeeded and every metric is finite
  std::string message;              // why not, when !metrics_ok
  std::vector<BoundReport> bounds;  // every registered check that applies (when metrics_ok)
};

/// Called before each check runs: the check, its index and the number of checks that apply.
using CheckObserver = std::function<void(const TheoremCheck&, std::size_t, std::size_t)>;

/// Solves the problem, computes every metric and, with `with_bounds`, runs every registered
/// check that applies to it, in id order (`observe`, when given, is told of each).
Evaluation evaluate(const Problem& problem, bool with_bounds = true,
                    const CheckObserver& observe = {});

}  // namespace sb
