#include "sb/problem/outcome.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/core/stats.hpp"
#include "sb/data/hypercube_law.hpp"
#include "sb/law/particle_cloud.hpp"
#include "sb/law/phase_space_gaussian.hpp"
#include "sb/law/probability_vector.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/discrete_divergence.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/grid_metrics.hpp"
#include "sb/metric/hamming_w1.hpp"
#include "sb/metric/hellinger.hpp"
#include "sb/metric/particle_density_metrics.hpp"
#include "sb/metric/sliced_w2.hpp"
#include "sb/sampler/grid_propagation.hpp"

namespace sb {

std::string to_string(Metric m) {
  switch (m) {
    case Metric::kKlDataModel:
      return "kl_data_model";
    case Metric::kKlModelData:
      return "kl_model_data";
    case Metric::kW2:
      return "w2";
    case Metric::kHellinger2:
      return "hellinger2";
    case Metric::kTv:
      return "tv";
    case Metric::kSlicedW2:
      return "sliced_w2";
    case Metric::kW1Hamming:
      return "w1_hamming";
  }
  return "?";
}

Outcome::Outcome(const Problem& problem, SamplerResult result)
    : ran_(true), target_(problem.target), options_(problem.options), result_(std::move(result)) {
  if (!result_.ok()) return;
  if (result_.is_spectral)
    law_ = std::make_shared<GaussianOutputLaw>(result_.spectral);
  else
    law_ = std::make_shared<GaussianOutputLaw>(result_.dense);
}

Outcome::Outcome(const Problem& problem, ParticleRun run)
    : ran_(true), target_(problem.target), options_(problem.options) {
  result_.status = run.status;
  result_.message = run.message;
  if (!run.ok()) return;
  law_ = std::make_shared<ParticleCloud>(std::move(run.points), options_.seed,
                                         std::move(run.last_step));
}

Outcome::Outcome(const Problem& problem, GridDensity density)
    : ran_(true), target_(problem.target), options_(problem.options) {
  law_ = std::make_shared<GridDensity>(std::move(density));
}

Outcome::Outcome(const Problem& problem, JumpChainRun run)
    : ran_(true), target_(problem.target), options_(problem.options) {
  result_.status = run.ok ? RunStatus::kOk : RunStatus::kDiverged;
  result_.diverged_at_step = run.failed_step;
  result_.message = std::move(run.message);
  if (run.ok)
    law_ = std::make_shared<ProbabilityVectorLaw>(std::move(run.law), run.bits, run.error_estimate);
}

Outcome::Outcome(const Problem& problem, CldResult run)
    : ran_(true), target_(problem.target), options_(problem.options) {
  result_.status = run.status;
  result_.diverged_at_step = run.diverged_at_step;
  result_.message = std::move(run.message);
  if (run.ok()) law_ = std::make_shared<PhaseSpaceOutputLaw>(std::move(run.law));
}

namespace {

/// The Gaussian the metrics compare with the data law: the output law itself, or the position
/// marginal of a phase-space law; nullptr for other laws.
const GaussianOutputLaw* metric_gaussian(const OutputLaw& law) {
  if (const GaussianOutputLaw* g = law.as_gaussian()) return g;
  if (const PhaseSpaceOutputLaw* ps = law.as_phase_space()) return &ps->position();
  return nullptr;
}

}  // namespace

std::vector<Metric> Outcome::available_metrics() const {
  require_ok();
  if (metric_gaussian(*law_)) return {kAllMetrics.begin(), kAllMetrics.end()};
  if (const ProbabilityVectorLaw* pv = law_->as_probability_vector()) {
    // A KL is offered only where it is finite: KL(p‖q) needs q > 0 wherever p > 0 (data
    // without full support, e.g. a point mass, against the output of a discretised sampler,
    // which charges every state, has KL(output ‖ data) = +inf: not a divergence of the run).
    const Vec& mu = target_->as_hypercube()->probs();
    const auto covers = [](const Vec& p, const Vec& q) {
      return ((p.array() == 0.0) || (q.array() > 0.0)).all();
    };
    std::vector<Metric> m;
    if (covers(mu, pv->probs())) m.push_back(Metric::kKlDataModel);
    if (covers(pv->probs(), mu)) m.push_back(Metric::kKlModelData);
    m.insert(m.end(), {Metric::kHellinger2, Metric::kTv});
    if (law_->dim() <= kMaxHammingW1Dim) m.push_back(Metric::kW1Hamming);
    return m;
  }
  if (law_->as_grid()) {
    std::vector<Metric> m = {Metric::kKlDataModel, Metric::kKlModelData, Metric::kHellinger2,
                             Metric::kTv};
    if (law_->dim() == 1 && target_->projection(Vec::Ones(1))) m.push_back(Metric::kW2);
    return m;
  }
  const ParticleCloud* cloud = law_->as_particles();
  // KL(q‖π) leaves each particle's kernel out of a half of the others: at least 4 kernels.
  const bool density = cloud != nullptr && cloud->last_step().has_value() &&
                       cloud->last_step()->centres.rows() >= 4 && target_->has_log_density() &&
                       law_->dim() <= kDensityMetricMaxDim;
  std::vector<Metric> m;
  if (density) m = {Metric::kKlDataModel, Metric::kKlModelData};
  if (law_->dim() == 1) m.push_back(Metric::kW2);
  if (density) m.push_back(Metric::kTv);
  m.push_back(Metric::kSlicedW2);
  return m;
}

const SamplerResult& Outcome::result() const {
  if (!ran_) throw std::logic_error("sb::Outcome: no sampler ran for this outcome");
  return result_;
}

void Outcome::require_ok() const {
  if (!ran_) throw std::logic_error("sb::Outcome: no sampler ran for this outcome");
  if (!result_.ok())
    throw std::logic_error("sb::Outcome: the sampler diverged: " + result_.message);
}

const OutputLaw& Outcome::law() const {
  require_ok();
  return *law_;
}

const GaussianOutputLaw& Outcome::gaussian_law() const {
  require_ok();
  const GaussianOutputLaw* g = law_->as_gaussian();
  if (g == nullptr) throw std::logic_error("sb::Outcome: the output law is not Gaussian");
  return *g;
}

namespace {

/// The closed forms of theory-notes B.4 between Gaussian data and a Gaussian output law: in
/// the data eigenbasis when the output is kept there, densely otherwise.
double gaussian_metric(Metric m, const GaussianData& data, const GaussianOutputLaw& out) {
  // One dispatch for both representations (SpectralGaussian or Gaussian: each metric has an
  // overload for either pair).
  const auto metric = [m](const auto& target, const auto& o) -> double {
    switch (m) {
      case Metric::kKlDataModel:
        return kl_divergence(target, o);
      case Metric::kKlModelData:
        return kl_divergence(o, target);
      case Metric::kW2:
        return w2(target, o);
      case Metric::kHellinger2:
        return hellinger_squared(target, o);
      case Metric::kTv:
      case Metric::kSlicedW2:
      case Metric::kW1Hamming:
        break;
    }
    throw std::logic_error(
        "sb::gaussian_metric: TV goes through Outcome::tv(), and the sliced "
        "W2 is computed for particle clouds only");
  };
  if (out.is_spectral()) return metric(data.law(), out.spectral());
  return metric(Gaussian{data.mean(), data.cov()}, out.dense());
}

}  // namespace

const TvResult& Outcome::tv() {
  if (tv_) return *tv_;
  require_ok();
  const GaussianData* data = target_->as_gaussian();
  const GaussianOutputLaw* out = metric_gaussian(*law_);
  if (data == nullptr || out == nullptr)
    throw std::logic_error("sb::Outcome: TV is implemented between Gaussian laws only");
  const TvOptions opt{options_.seed, options_.tv_samples};
  TvResult tv = out->is_spectral()
                    ? total_variation(data->law(), out->spectral(), opt)
                    : total_variation(Gaussian{data->mean(), data->cov()}, out->dense(), opt);
  if (!std::isfinite(tv.value) || !std::isfinite(tv.lower) || !std::isfinite(tv.upper) ||
      !std::isfinite(tv.std_error))
    throw NonFiniteMetric("the output law is so far from the data law that tv overflowed");
  tv_ = tv;
  return *tv_;
}

namespace {

// Streams of the directions and of the second sample of the sliced W2, distinct from the run's.
constexpr std::uint64_t kSlicedDirectionSalt = 0x2545F4914F6CDD1DULL;
constexpr std::uint64_t kSecondSampleSalt = 0x6A09E667F3BCC909ULL;

/// The metrics of a particle cloud against the data law. Sliced W2: against the exact
/// projections of the target when it has them (no second-sample noise), otherwise against an
/// exact sample of the target of the same size; W2 in 1-D: the exact W2 of the sample against
/// the target's CDF.
///
/// The error bar covers both sources of randomness. The metric functions report the error of
/// the slicing (the spread over the random directions; 0 for the 1-D W2); the particles are a
/// random sample too, and their share is estimated by batch means: the particles (and the
/// second sample) are cut into kMetricBatches consecutive batches, the squared metric is
/// computed on each batch, and since the fluctuation of an empirical W2² of n points scales like
/// 1/√n away from zero, the standard error of the full-sample W2² is the standard deviation of
/// the batch values over √kMetricBatches; by the delta method that of W2 is it over 2·W2. The
/// two parts are added in quadrature, and the method says so ("+batch_means"). The positive bias
/// of an empirical W2 (it is not 0 for an exact sample) is not part of the error bar: the
/// figures draw the same metric for an exact sample of the same size beside it.
constexpr int kMetricBatches = 10;

Estimate particle_metric(Metric m, const Target& target, const ParticleCloud& cloud,
                         const ProblemOptions& opt) {
  const Mat& X = cloud.points();
  const Eigen::Index d = X.cols();
  const long n = static_cast<long>(X.rows());
  const bool closed_projection = target.projection(Vec::Unit(d, 0)).has_value();
  std::function<Estimate(const Mat&, const Mat&)> metric;
  Mat Y;  // the second sample, when the target has no closed-form projections
  if (m == Metric::kW2 && d == 1 && closed_projection) {
    const Mixture1d law = *target.projection(Vec::Ones(1));
    metric = [law](const Mat& x, const Mat&) {
      return w2_1d_to_mixture(std::vector<double>(x.data(), x.data() + x.rows()), law);
    };
  } else if (m == Metric::kSlicedW2) {
    const Mat dirs = sliced_directions(opt, d);
    if (closed_projection) {
      metric = [&target, dirs, &opt](const Mat& x, const Mat&) {
        return sliced_w2_to_mixture(
            x, [&](const Vec& theta) { return *target.projection(theta); }, dirs, opt.threads);
      };
    } else {
      Y = target.sample(n, opt.seed ^ kSecondSampleSalt);
      metric = [dirs, &opt](const Mat& x, const Mat& y) {
        return sliced_w2(x, y, dirs, opt.threads);
      };
    }
  } else {
    throw std::logic_error("sb::Outcome: " + to_string(m) + " is not available for a particle " +
                           "cloud of dimension " + std::to_string(d) + " (data kind " +
                           target.kind() + ")");
  }
  Estimate e = metric(X, Y);
  if (n >= 20 * kMetricBatches) {
    RunningMoments batches;
    for (int b = 0; b < kMetricBatches; ++b) {
      const long lo = n * b / kMetricBatches, hi = n * (b + 1) / kMetricBatches;
      const Estimate eb =
          metric(X.middleRows(lo, hi - lo), Y.size() ? Mat(Y.middleRows(lo, hi - lo)) : Mat());
      batches.add(eb.value * eb.value);
    }
    const double se_squared = std::sqrt(batches.variance() / kMetricBatches);
    const double se_sample = e.value > 0 ? se_squared / (2.0 * e.value) : std::sqrt(se_squared);
    e.std_error = std::hypot(e.std_error, se_sample);
    e.method += "+batch_means";
  }
  e.samples = n;
  e.seed = opt.seed;
  return e;
}

// Stream of the exact draws of the data law of the Monte Carlo KL and TV, distinct from the
// run's streams (seed, b), the initial draws' and the sliced W2's.
constexpr std::uint64_t kDensitySampleSalt = 0x3C6EF372FE94F82BULL;

/// The Monte Carlo KL and TV of a particle cloud from its last step's kernels
/// (metric/particle_density_metrics.hpp): the first m = min(k, options.density_samples) of the
/// k kernels kept, m exact draws of the data law for KL(π‖q) and TV, and the same m particles
/// for KL(q‖π). Writes the metrics it computes into `slot` (both KL(π‖q) and TV at once).
void particle_density_metric(Metric m, const Target& target, const ParticleCloud& cloud,
                             const ProblemOptions& opt,
                             std::array<std::optional<Estimate>, kMetricCount>& slot) {
  const KernelMixture& kept = *cloud.last_step();
  const Eigen::Index k = std::min<Eigen::Index>(kept.centres.rows(), opt.density_samples);
  const KernelMixture model{kept.centres.topRows(k), Vec::Constant(k, 1.0 / static_cast<double>(k)),
                            kept.var};
  const LogDensityFn log_target = [&target](const Mat& x) { return target.log_density(x); };
  if (m == Metric::kKlModelData) {
    slot[static_cast<std::size_t>(m)] = last_step_kl_model_data(model, cloud.points().topRows(k),
                                                                log_target, opt.seed, opt.threads);
    return;
  }
  const Mat X = target.sample(static_cast<long>(k), opt.seed ^ kDensitySampleSalt);
  DataSideMetrics d = last_step_data_side(model, X, log_target, opt.seed, opt.threads);
  slot[static_cast<std::size_t>(Metric::kKlDataModel)] = std::move(d.kl_data_model);
  slot[static_cast<std::size_t>(Metric::kTv)] = std::move(d.tv);
}

/// The metrics of a grid density against the data law, by quadrature on the grid
/// (law/grid_density.hpp states each one's bias bound).
Estimate grid_metric(Metric m, const Target& target, const GridDensity& g) {
  const LogDensityFn log_target = [&target](const Mat& x) { return target.log_density(x); };
  switch (m) {
    case Metric::kKlDataModel:
      return g.kl_data_model(log_target);
    case Metric::kKlModelData:
      return g.kl_model_data(log_target);
    case Metric::kHellinger2:
      return g.hellinger2(log_target);
    case Metric::kTv:
      return g.tv(log_target);
    case Metric::kW2:
      if (g.dim() == 1)
        if (const auto proj = target.projection(Vec::Ones(1))) return w2(g, *proj);
      break;
    case Metric::kSlicedW2:
    case Metric::kW1Hamming:
      break;
  }
  throw std::logic_error("sb::Outcome: " + to_string(m) + " is not available for a grid " +
                         "density of dimension " + std::to_string(g.dim()) + " (data kind " +
                         target.kind() + ")");
}

/// The exact distances between a law on {0,1}^d and the data (metric/discrete_divergence.hpp).
double probability_vector_metric(Metric m, const Target& target, const ProbabilityVectorLaw& pv) {
  const HypercubeLaw* data = target.as_hypercube();
  if (data == nullptr)
    throw std::logic_error("sb::Outcome: a probability vector against data kind " + target.kind());
  switch (m) {
    case Metric::kKlDataModel:
      return discrete_kl(data->probs(), pv.probs());
    case Metric::kKlModelData:
      return discrete_kl(pv.probs(), data->probs());
    case Metric::kHellinger2:
      return discrete_hellinger2(data->probs(), pv.probs());
    case Metric::kTv:
      return discrete_tv(data->probs(), pv.probs());
    case Metric::kW1Hamming:
      return hamming_w1(data->probs(), pv.probs()).value;
    case Metric::kW2:
    case Metric::kSlicedW2:
      break;
  }
  throw std::logic_error("sb::Outcome: " + to_string(m) +
                         " is not defined for a law on {0,1}^d (KL, H2, TV are)");
}

/// Σ_x |∂metric/∂p(x)| at the output law p: a first-order bound on how far the metric moves
/// per unit of max_x |δp(x)|.
double probability_vector_metric_sensitivity(Metric m, const Target& target,
                                             const ProbabilityVectorLaw& pv) {
  const Vec& mu = target.as_hypercube()->probs();
  const Vec& p = pv.probs();
  double s = 0.0;
  for (Eigen::Index x = 0; x < p.size(); ++x) {
    if (p(x) <= 0.0) continue;
    switch (m) {
      case Metric::kKlDataModel:  // ∂/∂p Σ μ log(μ/p) = −μ/p
        s += mu(x) / p(x);
        break;
      case Metric::kKlModelData:  // ∂/∂p Σ p log(p/μ) = log(p/μ) + 1
        s += mu(x) > 0 ? std::abs(std::log(p(x) / mu(x))) + 1.0 : 0.0;
        break;
      case Metric::kHellinger2:  // ∂/∂p ½Σ(√p − √μ)² = (1 − √(μ/p))/2
        s += 0.5 * std::abs(1.0 - std::sqrt(mu(x) / p(x)));
        break;
      case Metric::kW1Hamming:  // a unit of mass moved at most d flips
        s += static_cast<double>(pv.dim());
        break;
      default:  // TV: ½Σ|p − μ|
        s += 0.5;
        break;
    }
  }
  return s;
}

}  // namespace

const Estimate& Outcome::metric(Metric m) {
  auto& slot = cache_[static_cast<std::size_t>(m)];
  if (slot) return *slot;
  require_ok();
  if (const ProbabilityVectorLaw* pv = law_->as_probability_vector()) {
    const double v = probability_vector_metric(m, *target_, *pv);
    if (!std::isfinite(v))
      throw NonFiniteMetric(
          to_string(m) + " is not finite: " +
          (m == Metric::kKlModelData   ? "the data law is 0 on a state the output law charges"
           : m == Metric::kKlDataModel ? "the output law is 0 on a state the data law charges"
                                       : "the output law has a non-finite entry"));
    if (pv->error() == 0.0) {
      slot = Estimate::exact(v, "exact_probability_vector");
    } else {  // the ODE solver's stated error, propagated to first order (no samples)
      slot = Estimate::exact(v, "ode_midpoint_richardson");
      slot->bias_bound = probability_vector_metric_sensitivity(m, *target_, *pv) * pv->error();
    }
    return *slot;
  }
  const ParticleCloud* cloud = law_->as_particles();
  const GridDensity* grid = law_->as_grid();
  if (cloud != nullptr &&
      (m == Metric::kKlDataModel || m == Metric::kKlModelData || m == Metric::kTv)) {
    const std::vector<Metric> offered = available_metrics();
    if (std::find(offered.begin(), offered.end(), m) == offered.end())
      throw std::logic_error("sb::Outcome: " + to_string(m) +
                             " needs the last step's kernels of a run on em, ei, " +
                             "eir or pc, a data law with a log-density and dimension <= " +
                             std::to_string(kDensityMetricMaxDim) + " (data kind " +
                             target_->kind() + ", dimension " + std::to_string(law_->dim()) + ")");
    particle_density_metric(m, *target_, *cloud, options_, cache_);
    return *slot;
  }
  if (cloud != nullptr || grid != nullptr) {
    Estimate e = cloud != nullptr ? particle_metric(m, *target_, *cloud, options_)
                                  : grid_metric(m, *target_, *grid);
    if (!std::isfinite(e.value) || !std::isfinite(e.std_error))
      throw NonFiniteMetric("the particles are so far from the data law that " + to_string(m) +
                            " overflowed");
    slot = std::move(e);
    return *slot;
  }
  if (m == Metric::kTv) {
    const TvResult& t = tv();
    slot = t.method == TvMethod::kMonteCarlo
               ? Estimate::monte_carlo(t.value, t.std_error, t.samples, t.seed)
               : Estimate::exact(t.value, to_string(t.method));
    return *slot;
  }
  const GaussianData* data = target_->as_gaussian();
  const GaussianOutputLaw* out = metric_gaussian(*law_);
  if (data == nullptr || out == nullptr)
    throw std::logic_error("sb::Outcome: " + to_string(m) +
                           " is implemented between Gaussian laws only");
  const double v = gaussian_metric(m, *data, *out);
  if (!std::isfinite(v))
    throw NonFiniteMetric("the output law is so far from the data law that " + to_string(m) +
                          " overflowed");
  slot = Estimate::exact(v, "exact_gaussian");
  return *slot;
}

Mat sliced_directions(const ProblemOptions& options, Eigen::Index d) {
  return random_directions(d, options.sliced_directions, options.seed ^ kSlicedDirectionSalt);
}

bool particle_density_metrics_apply(const Problem& problem) {
  return problem.target->has_log_density() && problem.dim() <= kDensityMetricMaxDim;
}

Outcome solve(const Problem& problem) {
  problem.validate();
  if (problem.cld) {
    const GaussianData& data = problem.gaussian();
    return Outcome(
        problem,
        run_cld(*problem.cld, data, problem.score_error, cld_sampler_of(problem.scheme),
                problem.grid, cld_initial_law(problem.init, *problem.cld, data, problem.T())));
  }
  if (const HypercubeLaw* cube = problem.target->as_hypercube())
    return Outcome(
        problem,
        run_jump_chain(*problem.chain, *cube, problem.scheme, problem.score_error.delta,
                       problem.score_error.eps, problem.grid,
                       hypercube_initial_law(problem.init, *problem.chain, *cube, problem.T())));
  if (problem.engine() == Engine::kGrid) {
    const ScorePtr score = make_score(problem);
    const Eigen::Index d = problem.dim();
    // Nodes per axis: as given, or 2001 (1-D) / 201 (2-D), refined (doubled) up to three
    // times while a step finds the grid too coarse (sampler/grid_propagation.hpp).
    const bool automatic = problem.options.grid_points == 0;
    long points = !automatic ? problem.options.grid_points : d == 1 ? 2001 : 201;
    for (int refinement = 0;; ++refinement, points = 2 * points - 1) {
      const GridSpec spec =
          propagation_grid(*problem.process, problem.T(), {problem.target->moment_law()}, points,
                           problem.options.grid_half_width);
      try {
        return Outcome(problem, propagate_on_grid(*problem.process, *score, problem.scheme,
                                                  problem.grid, spec));
      } catch (const GridTooCoarse&) {
        if (!automatic || refinement == 3) throw;
      }
    }
  }
  if (problem.engine() == Engine::kParticles) {
    const ScorePtr score = make_score(problem);
    ParticleRunOptions opt;
    // The engine keeps the kernels only when the last step is Gaussian (not pf_ode).
    opt.last_step_particles =
        particle_density_metrics_apply(problem) ? problem.options.density_samples : 0;
    opt.particles = problem.options.particles;
    opt.seed = problem.options.seed;
    opt.threads = problem.options.threads;
    opt.corrector_steps = problem.options.corrector_steps;
    opt.corrector_scale = problem.options.corrector_scale;
    Mat y0 = draw_initial_particles(problem.init, *problem.process, *problem.target, problem.T(),
                                    opt.particles, opt.seed);
    return Outcome(problem, run_particle_sampler(*problem.process, *score, problem.scheme,
                                                 problem.grid, std::move(y0), opt));
  }
  const GaussianData* data = problem.target->as_gaussian();
  if (data == nullptr)
    throw_input_error("scorebound", "data.kind", problem.target->kind(),
                      "gaussian (the exact engine; other data laws need a Monte Carlo engine)");
  const ScorePtr score = make_score(problem);
  const AffineScore* affine = score->as_affine();
  if (affine == nullptr)
    throw std::logic_error("sb::solve: the score of Gaussian data is not affine");
  const SpectralGaussian init = initial_law(problem.init, *problem.process, *data, problem.T());
  return Outcome(problem, run_exact_spectral(*problem.process, *data, *affine, problem.scheme,
                                             problem.grid, init));
}

}  // namespace sb
