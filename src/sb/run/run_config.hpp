// One configuration of the exact engine: process, Gaussian data, horizon and grid, sampler,
// score error, initial law, and the Monte Carlo settings of the few metrics without a closed
// form. This is what `scorebound eval` reads (see README, "scorebound eval").
#pragma once

#include <cstdint>
#include <memory>

#include "sb/core/rng.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/gaussian_score.hpp"

namespace sb {

struct RunConfig {
  ProcessPtr process;
  std::shared_ptr<const GaussianData> data;
  TimeGrid grid;  // its horizon is T
  Scheme scheme = Scheme::kEulerMaruyama;
  ScoreError score_error;
  Init init = Init::kReference;
  std::uint64_t seed = kDefaultSeed;  // for the Monte Carlo TV estimate only
  long tv_samples = 200000;

  double T() const { return grid.horizon(); }
  /// Cross-field checks (process defined on [0, T], dimensions, scheme applicable); throws
  /// InputError naming the offending key.
  void validate() const;
};

/// A configuration in one call (uniform grid), for checks, experiments and tests. Monte Carlo
/// TV, when needed, uses `tv_samples` = 20000 (standard error ≤ 0.0036) unless changed.
RunConfig make_run_config(ProcessPtr process, GaussianData data, double T, int steps, Scheme scheme,
                          ScoreError err = {}, Init init = Init::kReference);

}  // namespace sb
