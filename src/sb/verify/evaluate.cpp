#include "sb/verify/evaluate.hpp"

#include "sb/verify/registry.hpp"

namespace sb {

Evaluation evaluate(const Problem& problem, bool with_bounds) {
  Evaluation ev;
  ev.outcome = solve(problem);
  if (!ev.outcome.ok()) {
    ev.message = ev.outcome.result().message;
    return ev;
  }
  try {
    for (Metric m : kAllMetrics) ev.outcome.metric(m);
  } catch (const NonFiniteMetric&) {
    // A finite law so far from the data that a distance overflows: report, never print Inf.
    ev.message = "the output law is so far from the data law that a distance overflowed";
    return ev;
  }
  ev.metrics_ok = true;
  if (!with_bounds) return ev;
  for (const TheoremCheck* c : registry().all())
    if (check_applies(*c, problem)) ev.bounds.push_back(run_check(*c, problem, ev.outcome));
  return ev;
}

}  // namespace sb
