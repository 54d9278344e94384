// A registered theorem check: one statement of the seeds, its convention and hypotheses, what
// it needs to be evaluated, and how its bound is evaluated on an instance. Adding a theorem =
// one file in src/sb/theorems/ (ending in SB_REGISTER_THEOREM) + one write-up in
// theory/<id>.md; theory/README.md ("Adding a theorem") has the two model files to copy.
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/verify/bound_report.hpp"

namespace sb {

/// What a check needs to be evaluated on a problem. Nothing else is computed for it: a check
/// that needs only the marginals p_t never runs a sampler, and the metrics of the output law
/// are computed only when the check asks the Outcome for them.
enum class Need {
  kMarginals,         // properties of p_t (or of the process): no sampler run
  kOneStep,           // properties of one step of the sampler (e.g. a drift): no full run
  kExactGaussianLaw,  // the exact law of the sampler's output (Gaussian data, affine score)
  kSamples,           // samples of the sampler's output (a Monte Carlo engine)
  kOutputDensity,     // the density of the output law: exact Gaussian, a grid density (the
                      // problem names its engine, e.g. Engine::kGrid for a 1-D mixture), or
                      // the probability vector of a law on {0,1}^d
};
std::string to_string(Need n);

struct TheoremInfo {
  std::string id{};          // registry id, also the name of theory/<id>.md and plots/<id>/
  std::string title{};       // e.g. "CDS25 KL bound for the OU diffusion model"
  std::string source{};      // seed file and slide/section, and the paper
  std::string statement{};   // the statement as printed (plain text)
  std::string convention{};  // forward process, scheme, where the score error is measured
  std::string metric{};      // what the bound is on: "kl_data_model", "w2", "slc_constant", ...
  Need need = Need::kExactGaussianLaw;
  BoundSide side = BoundSide::kUpper;
  /// The metric's largest possible value (1 for TV): an upper bound that reaches it is vacuous.
  double trivial_max = std::numeric_limits<double>::infinity();
  /// The data laws (Target::kind()) the check is written for.
  std::vector<std::string> data = {"gaussian"};
  /// The forward processes the check is written for (process_family()): "linear" (any linear
  /// SDE, process/linear_process.hpp), "bitflip" (the chain on {0,1}^d), "cld" (kinetic).
  std::vector<std::string> processes = {"linear"};

  /// A report for `problem` filled from this info: id, metric, side, trivial maximum and the
  /// scheme that ran. The check adds terms, total, exact, tolerance, hypotheses and convention,
  /// then calls BoundReport::decide().
  BoundReport report(const Problem& problem) const;
};

/// One configuration a check is run on by `scorebound verify` and by the tests, with the
/// verdict the exact numbers give (theory/<id>.md explains it).
struct Instance {
  std::string name;  // short, unique within the check, e.g. "d1 N(0,0.98) T=2 N=20 em"
  Problem problem;
  Verdict expected = Verdict::kHolds;
};

/// One row of an instance table: Gaussian data on a uniform grid (see instance_table()).
struct InstanceRow {
  std::string name;
  ProcessPtr process;
  GaussianData data;
  double T = 1.0;
  int steps = 1;
  Scheme scheme = Scheme::kEulerMaruyama;
  Verdict expected = Verdict::kHolds;
  ScoreError score_error = {};
  Init init = Init::kReference;
};
/// The instances of a table of rows, each built with make_problem().
std::vector<Instance> instance_table(std::vector<InstanceRow> rows);

/// One curve of the check's figure: bound and exact error against a swept parameter x.
/// The figure has one panel per swept quantity: consecutive sweeps with the same x_label (or
/// an empty one) share a panel, so a check can show the bound against T, h, epsilon, d, ...
/// side by side.
struct Sweep {
  std::string series;   // legend label: scheme, data, convention
  std::string x_label;  // the swept quantity, e.g. "number of steps N"; "" = previous panel's
  bool log_x = true;
  std::vector<std::pair<double, Problem>> points;
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
  /// True if the theorem speaks about this problem (process, data, sampler). Called only for
  /// problems whose data law is one of info().data.
  virtual bool applies(const Problem& problem) const = 0;
  /// Evaluates the bound on `problem`. `outcome` holds what info().need asks for: the solved
  /// sampler run for kExactGaussianLaw (metrics computed on request), nothing for kMarginals.
  virtual BoundReport check(const Problem& problem, Outcome& outcome) const = 0;
  /// The grid of instances `scorebound verify` and the tests run, with expected verdicts.
  virtual std::vector<Instance> instances() const = 0;
  /// The curves of plots/<id>/, drawn (bound vs exact) by experiments/theorem_figures.cpp.
  /// Empty when a dedicated experiment, experiments/<id>.cpp, draws the figure instead.
  virtual std::vector<Sweep> sweeps() const { return {}; }
};

/// "cld", "bitflip" or "linear": which kind of forward process the problem has.
std::string process_family(const Problem& problem);

/// True when `check` is written for the problem's data law and process and applies to the
/// problem.
bool check_applies(const TheoremCheck& check, const Problem& problem);

/// Prepares what `check` needs (solving the problem when it needs the output law) and applies
/// the check. Throws std::runtime_error when the sampler diverged or a metric overflowed.
BoundReport run_check(const TheoremCheck& check, const Problem& problem);
/// The same with an outcome already solved for `problem` (used by `eval`).
BoundReport run_check(const TheoremCheck& check, const Problem& problem, Outcome& solved);

}  // namespace sb
