#include "sb/verify/theorem_check.hpp"

#include <stdexcept>

namespace sb {

BoundReport run_check(const TheoremCheck& check, const RunConfig& cfg) {
  const Evaluation ev = evaluate(cfg, /*with_bounds=*/false);
  if (!ev.metrics)
    throw std::runtime_error("check " + check.info().id +
                             ": the sampler diverged: " + ev.output.message);
  return check.check(cfg, ev);
}

}  // namespace sb
