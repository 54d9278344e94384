// What solving a Problem gives: the status of the sampler run, the law of its output (an
// OutputLaw: an exact Gaussian today) and the distances between the data law and that law,
// each computed only when asked for and then kept. A check that needs only the marginals p_t
// receives an Outcome in which no sampler ran (ran() is false).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "sb/core/estimate.hpp"
#include "sb/core/non_finite_metric.hpp"
#include "sb/law/grid_density.hpp"
#include "sb/law/output_law.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/problem/problem.hpp"
#include "sb/sampler/cld_recursion.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/jump_chain.hpp"
#include "sb/sampler/particle_engine.hpp"

namespace sb {

/// The distances between π_data and the output law that an Outcome computes.
enum class Metric {
  kKlDataModel,  // KL(π_data ‖ output)
  kKlModelData,  // KL(output ‖ π_data)
  kW2,           // Wasserstein-2
  kHellinger2,   // squared Hellinger distance 1 − BC
  kTv,           // total variation sup_A |P(A) − Q(A)|
  kSlicedW2,     // sliced Wasserstein-2 (POT's definition), for laws known by samples
  kW1Hamming,    // Wasserstein-1 for the Hamming metric, laws on {0,1}^d with d <= 10
};
/// Number of Metric values.
inline constexpr std::size_t kMetricCount = 7;
inline constexpr std::array kAllMetrics = {Metric::kKlDataModel, Metric::kKlModelData, Metric::kW2,
                                           Metric::kHellinger2, Metric::kTv};
/// The metrics of a particle cloud (an i.i.d. sample of the output law): the sliced W2 in any
/// dimension, the exact W2 of the sample in 1-D, and, when the run kept its last step's kernels
/// and the data law has a density, the Monte Carlo KL both ways and TV in dimension <= 3
/// (Outcome::available_metrics()).
inline constexpr std::array kParticleMetrics = {Metric::kKlDataModel, Metric::kKlModelData,
                                                Metric::kW2, Metric::kTv, Metric::kSlicedW2};
/// "kl_data_model", "kl_model_data", "w2", "hellinger2", "tv", "sliced_w2", "w1_hamming" (the
/// keys of `eval`'s metrics).
std::string to_string(Metric m);

class Outcome {
 public:
  /// No sampler ran (the check needs only p_t).
  Outcome() = default;
  /// The run of `problem` that produced `result`.
  Outcome(const Problem& problem, SamplerResult result);
  /// The particle run of `problem`.
  Outcome(const Problem& problem, ParticleRun run);
  /// The grid-density run of `problem`.
  Outcome(const Problem& problem, GridDensity density);
  /// The run of the bit-flip engine on `problem` (an exact probability vector, or a stopped
  /// run: an Euler step that is not a kernel).
  Outcome(const Problem& problem, JumpChainRun run);
  /// The run of the CLD engine on `problem` (an exact phase-space Gaussian, whose position
  /// marginal is what the metrics compare with the data law).
  Outcome(const Problem& problem, CldResult run);

  bool ran() const { return ran_; }
  /// Ran and produced a finite output law.
  bool ok() const { return ran_ && result_.ok(); }
  /// The sampler's result (status, divergence message). Throws std::logic_error unless ran().
  const SamplerResult& result() const;
  /// The output law. Throws std::logic_error unless ok().
  const OutputLaw& law() const;
  /// The output law as an exact Gaussian. Throws std::logic_error unless ok() and Gaussian.
  const GaussianOutputLaw& gaussian_law() const;

  /// The metric between π_data and the output law, computed on first request: exact for
  /// Gaussian laws (method "exact_gaussian"; for a phase-space law of the CLD engine, between
  /// π_data and its position marginal), except TV in d > 1 with unequal covariances
  /// (a Monte Carlo estimate with its standard error; see tv()). For a particle cloud: the
  /// sliced W2 and 1-D W2 of the sample, and KL both ways and TV from the last step's kernels
  /// (metric/particle_density_metrics.hpp; m = min(k, options.density_samples) exact draws of
  /// the data law from a stream of options.seed distinct from the run's, and the first m
  /// particles' kernels; KL(π‖q) and TV are computed together). Throws std::logic_error unless
  /// ok() and the metric is available, NonFiniteMetric when the value is not finite.
  const Estimate& metric(Metric m);
  /// The total variation between Gaussian laws with its method and its rigorous bounds
  /// lower <= TV <= upper (std::logic_error for other laws: use metric(Metric::kTv)).
  const TvResult& tv();
  /// The metrics this outcome can compute: every Metric for an exact Gaussian law or a
  /// phase-space law's position marginal (except the sliced W2 and the Hamming W1); for a
  /// particle cloud the sliced W2, W2 in 1-D, and both KL and TV when the cloud has its last
  /// step's kernels (of at least 4 particles), the data law a log-density and the dimension is
  /// at most kDensityMetricMaxDim = 3; for a grid density both KL, H², TV, and W2 in 1-D
  /// (against a data law with a closed-form CDF).
  std::vector<Metric> available_metrics() const;
  /// True when `m` has been computed.
  bool computed(Metric m) const { return cache_[static_cast<std::size_t>(m)].has_value(); }

 private:
  void require_ok() const;

  bool ran_ = false;
  TargetPtr target_;
  ProblemOptions options_;
  SamplerResult result_;
  OutputLawPtr law_;
  std::array<std::optional<Estimate>, kMetricCount> cache_;
  std::optional<TvResult> tv_;
};

/// The d × L random unit directions (L = options.sliced_directions) of the sliced W2 of a
/// particle outcome, drawn from options.seed: what a caller needs to recompute it.
Mat sliced_directions(const ProblemOptions& options, Eigen::Index d);

/// True when a particle run of `problem` can give the Monte Carlo KL and TV (besides a scheme
/// with a Gaussian last step): the data law has a log-density and the dimension is at most
/// kDensityMetricMaxDim. solve() then keeps the last step's kernels of the first
/// options.density_samples particles.
bool particle_density_metrics_apply(const Problem& problem);

/// Runs the problem's sampler with its engine (Problem::engine()): exactly (the mean/covariance
/// recursion of theory-notes B.2, or the continuous-time closed form of B.3) on Gaussian data
/// with an affine score, on the particle engine, or on the grid. Throws InputError for an
/// invalid problem, or when no exact engine exists for its data law.
Outcome solve(const Problem& problem);

}  // namespace sb
