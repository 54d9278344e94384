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
#include "sb/sampler/exact_recursion.hpp"
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
};
inline constexpr std::array kAllMetrics = {Metric::kKlDataModel, Metric::kKlModelData, Metric::kW2,
                                           Metric::kHellinger2, Metric::kTv};
/// The metrics of a particle cloud (an i.i.d. sample of the output law): the sliced W2 in any
/// dimension, the exact W2 of the sample in 1-D (Outcome::available_metrics()).
inline constexpr std::array kParticleMetrics = {Metric::kW2, Metric::kSlicedW2};
/// "kl_data_model", "kl_model_data", "w2", "hellinger2", "tv", "sliced_w2" (the keys of
/// `eval`'s metrics).
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
  /// Gaussian laws (method "exact_gaussian"), except TV in d > 1 with unequal covariances
  /// (a Monte Carlo estimate with its standard error; see tv()). Throws std::logic_error unless
  /// ok(), NonFiniteMetric when the value is not finite.
  const Estimate& metric(Metric m);
  /// The total variation with its method and its rigorous bounds lower <= TV <= upper.
  const TvResult& tv();
  /// The metrics this outcome can compute: every Metric for an exact Gaussian law (except
  /// the sliced W2); for a particle cloud the sliced W2, and W2 in 1-D; for a grid density
  /// both KL, H², TV, and W2 in 1-D (against a data law with a closed-form CDF).
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
  std::array<std::optional<Estimate>, kAllMetrics.size() + 1> cache_;
  std::optional<TvResult> tv_;
};

/// The d × L random unit directions (L = options.sliced_directions) of the sliced W2 of a
/// particle outcome, drawn from options.seed: what a caller needs to recompute it.
Mat sliced_directions(const ProblemOptions& options, Eigen::Index d);

/// Runs the problem's sampler exactly (the mean/covariance recursion of theory-notes B.2, or
/// the continuous-time closed form of B.3) on Gaussian data with an affine score. Throws
/// InputError for an invalid problem, or when no exact engine exists for its data law.
Outcome solve(const Problem& problem);

}  // namespace sb
