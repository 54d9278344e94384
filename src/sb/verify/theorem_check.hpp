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

/// One configuration a check is run on by `scorebound verify` and by the tests, with the
/// verdict the exact numbers give (theory/<id>.md explains it).
struct Instance {
  std::string name;  // short, unique within the check, e.g. "d1 N(0,0.98) T=2 N=20 em"
  RunConfig cfg;
  Verdict expected = Verdict::kHolds;
};

/// One curve of the check's figure: bound and exact error against a swept parameter x.
/// The figure has one panel per swept quantity: consecutive sweeps with the same x_label (or
/// an empty one) share a panel, so a check can show the bound against T, h, epsilon, d, ...
/// side by side.
struct Sweep {
  std::string series;   // legend label: scheme, data, convention
  std::string x_label;  // the swept quantity, e.g. "number of steps N"; "" = previous panel's
  bool log_x = true;
  std::vector<std::pair<double, RunConfig>> points;
  /// False when this series' bound is the same curve as one already drawn in the panel (a
  /// bound that does not depend on the scheme, say): its points are still checked and
  /// marked, but the dashed curve is not drawn twice. Say so in the series label.
  bool draw_bound = true;
  /// What the dashed curve is, for the figure's key: "bound" (an upper bound), or e.g.
  /// "printed law" for an identity check, "limit K_inf (lower bound)".
  std::string bound_name = "bound";
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
  /// The grid of instances `scorebound verify` and the tests run, with expected verdicts.
  virtual std::vector<Instance> instances() const = 0;
  /// The curves of plots/<id>/, drawn (bound vs exact) by experiments/theorem_figures.cpp.
  /// Empty when a dedicated experiment, experiments/<id>.cpp, draws the figure instead.
  virtual std::vector<Sweep> sweeps() const = 0;
};

/// Evaluates `cfg` exactly (without running the other checks) and applies `check` to it.
BoundReport run_check(const TheoremCheck& check, const RunConfig& cfg);

}  // namespace sb
