#include "sb/problem/outcome.hpp"

#include <cmath>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/hellinger.hpp"

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
        break;
    }
    throw std::logic_error("sb::gaussian_metric: TV goes through Outcome::tv()");
  };
  if (out.is_spectral()) return metric(data.law(), out.spectral());
  return metric(Gaussian{data.mean(), data.cov()}, out.dense());
}

}  // namespace

const TvResult& Outcome::tv() {
  if (tv_) return *tv_;
  require_ok();
  const GaussianData* data = target_->as_gaussian();
  const GaussianOutputLaw* out = law_->as_gaussian();
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

const Estimate& Outcome::metric(Metric m) {
  auto& slot = cache_[static_cast<std::size_t>(m)];
  if (slot) return *slot;
  require_ok();
  if (m == Metric::kTv) {
    const TvResult& t = tv();
    slot = t.method == TvMethod::kMonteCarlo
               ? Estimate::monte_carlo(t.value, t.std_error, t.samples, t.seed)
               : Estimate::exact(t.value, to_string(t.method));
    return *slot;
  }
  const GaussianData* data = target_->as_gaussian();
  const GaussianOutputLaw* out = law_->as_gaussian();
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

Outcome solve(const Problem& problem) {
  problem.validate();
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
