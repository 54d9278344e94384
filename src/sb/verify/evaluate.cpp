#include "sb/verify/evaluate.hpp"

#include "sb/verify/registry.hpp"

namespace sb {

Evaluation evaluate(const Problem& problem, bool with_bounds, const CheckObserver& observe) {
  Evaluation ev;
  ev.outcome = solve(problem);
  if (!ev.outcome.ok()) {
    ev.message = ev.outcome.result().message;
    return ev;
  }
  try {
    for (Metric m : ev.outcome.available_metrics()) ev.outcome.metric(m);
  } catch (const NonFiniteMetric& e) {
    // A finite law so far from the data that a distance overflows a double: report which one,
    // never print Inf.
    ev.message = e.what();
    return ev;
  }
  ev.metrics_ok = true;
  if (!with_bounds) return ev;
  std::vector<const TheoremCheck*> checks;
  for (const TheoremCheck* c : registry().all())
    if (check_applies(*c, problem)) checks.push_back(c);
  for (std::size_t i = 0; i < checks.size(); ++i) {
    if (observe) observe(*checks[i], i, checks.size());
    ev.bounds.push_back(run_check(*checks[i], problem, ev.outcome));
  }
  return ev;
}

}  // namespace sb
