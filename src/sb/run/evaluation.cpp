#include "sb/run/evaluation.hpp"

#include <cmath>

#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/hellinger.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/verify/registry.hpp"

namespace sb {

Metrics compute_metrics(const GaussianData& data, const SamplerResult& out, std::uint64_t seed,
                        long tv_samples) {
  Metrics m;
  const TvOptions tv_opt{seed, tv_samples};
  if (out.is_spectral) {
    const SpectralGaussian target = data.law();
    m.kl_data_model = kl_divergence(target, out.spectral);
    m.kl_model_data = kl_divergence(out.spectral, target);
    m.w2 = w2(target, out.spectral);
    m.hellinger2 = hellinger_squared(target, out.spectral);
    m.tv = total_variation(target, out.spectral, tv_opt);
  } else {
    const Gaussian target{data.mean(), data.cov()};
    m.kl_data_model = kl_divergence(target, out.dense);
    m.kl_model_data = kl_divergence(out.dense, target);
    m.w2 = w2(target, out.dense);
    m.hellinger2 = hellinger_squared(target, out.dense);
    m.tv = total_variation(target, out.dense, tv_opt);
  }
  return m;
}

namespace {
bool all_finite(const Metrics& m) {
  return std::isfinite(m.kl_data_model) && std::isfinite(m.kl_model_data) && std::isfinite(m.w2) &&
         std::isfinite(m.hellinger2) && std::isfinite(m.tv.value) && std::isfinite(m.tv.lower) &&
         std::isfinite(m.tv.upper) && std::isfinite(m.tv.std_error);
}
}  // namespace

Evaluation evaluate(const RunConfig& cfg, bool with_bounds) {
  cfg.validate();
  const GaussianData& data = *cfg.data;
  const GaussianScore score(cfg.process, data, cfg.score_error);
  const SpectralGaussian init = initial_law(cfg.init, *cfg.process, data, cfg.T());
  Evaluation ev;
  ev.output = run_exact_spectral(*cfg.process, data, score, cfg.scheme, cfg.grid, init);
  if (!ev.output.ok()) return ev;
  Metrics m = compute_metrics(data, ev.output, cfg.seed, cfg.tv_samples);
  if (!all_finite(m)) {
    // A finite law so far from the data that a distance overflows: report, never print Inf.
    ev.output.status = RunStatus::kDiverged;
    ev.output.message = "the output law is so far from the data law that a distance overflowed";
    return ev;
  }
  ev.metrics = m;
  if (!with_bounds) return ev;
  for (const TheoremCheck* c : registry().all())
    if (c->applies(cfg)) ev.bounds.push_back(c->check(cfg, ev));
  return ev;
}

}  // namespace sb
