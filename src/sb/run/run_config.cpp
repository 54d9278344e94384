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

}  // namespace sb
