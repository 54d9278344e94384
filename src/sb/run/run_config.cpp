#include "sb/run/run_config.hpp"

#include "sb/core/check.hpp"

namespace sb {

void RunConfig::validate() const {
  if (!process) throw InputError("scorebound: process is missing, but must be given");
  if (!data) throw InputError("scorebound: data is missing, but must be given");
  process->validate_for(data->dim(), T());
  check_scheme_applies(scheme, *process);
  check_at_least("scorebound", "tv_samples", tv_samples, 1000);
  // Builds the score model once to validate score_error against the data.
  GaussianScore(process, *data, score_error);
}

RunConfig make_run_config(ProcessPtr process, GaussianData data, double T, int steps, Scheme scheme,
                          ScoreError err, Init init) {
  RunConfig c;
  c.process = std::move(process);
  c.data = std::make_shared<const GaussianData>(std::move(data));
  c.grid = TimeGrid::uniform(T, steps);
  c.scheme = scheme;
  c.score_error = std::move(err);
  c.init = init;
  c.tv_samples = 20000;
  c.validate();
  return c;
}

}  // namespace sb
