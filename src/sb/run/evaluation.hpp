// Evaluating a RunConfig: the exact law of the sampler's output, every distance to the data
// law, and every registered theorem check that applies to the configuration.
#pragma once

#include <optional>
#include <vector>

#include "sb/metric/gaussian_tv.hpp"
#include "sb/run/run_config.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/verify/bound_report.hpp"

namespace sb {

struct Metrics {
  double kl_data_model = 0.0;  // KL(π_data ‖ law of the output)
  double kl_model_data = 0.0;  // KL(law of the output ‖ π_data)
  double w2 = 0.0;             // Wasserstein-2 (Bures)
  double hellinger2 = 0.0;     // squared Hellinger, 1 − BC
  TvResult tv;                 // total variation with its method
};

struct Evaluation {
  SamplerResult output;
  std::optional<Metrics> metrics;   // empty when the sampler diverged
  std::vector<BoundReport> bounds;  // every registered check that applies
};

/// The distances between the data law and a sampler output law (spectral path when the two
/// share a basis).
Metrics compute_metrics(const GaussianData& data, const SamplerResult& out, std::uint64_t seed,
                        long tv_samples);

/// Runs the sampler exactly (spectral path) and computes metrics. `with_bounds` also runs every
/// applicable registered check.
Evaluation evaluate(const RunConfig& cfg, bool with_bounds = true);

}  // namespace sb
