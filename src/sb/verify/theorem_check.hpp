// A registered theorem check: one statement of the seeds, its convention and hypotheses, and
// how its bound is evaluated on an instance. Adding a theorem = one file in src/sb/theorems/
// (ending in SB_REGISTER_THEOREM) + one write-up in theory/<id>.md.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sb/run/evaluation.hpp"
#include "sb/run/run_config.hpp"
#include "sb/verify/bound_report.hpp"

namespace sb {

struct TheoremInfo {
  std::string id;          // registry id, also the name of theory/<id>.md and plots/<id>/
  std::string title;       // e.g. "CDS25 KL bound for the OU diffusion model"
  std::string source;      // seed file and slide/section, and the paper
  std::string statement;   // the statement as printed (plain text)
  std::string convention;  // forward process, scheme, where the score error is measured
};

class TheoremCheck {
 public:
  virtual ~TheoremCheck() = default;
  virtual TheoremInfo info() const = 0;
  /// True if the theorem speaks about this configuration (process, data, sampler).
  virtual bool applies(const RunConfig& cfg) const = 0;
  /// Evaluates the bound on `cfg`, whose exact evaluation (without bounds) is `ev`. Called only
  /// when applies(cfg) and ev.metrics is set.
  virtual BoundReport check(const RunConfig& cfg, const Evaluation& ev) const = 0;
};

}  // namespace sb
