#include "sb/problem/problem.hpp"

#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/score/perturbed_score.hpp"

namespace sb {

const GaussianData& Problem::gaussian() const {
  const GaussianData* g = target ? target->as_gaussian() : nullptr;
  if (g == nullptr)
    throw std::logic_error("sb::Problem: the data law is " +
                           (target ? target->kind() : std::string("missing")) +
                           ", not Gaussian, but the caller needs Gaussian data");
  return *g;
}

void Problem::validate() const {
  if (!process) throw InputError("scorebound: process is missing, but must be given");
  if (!target) throw InputError("scorebound: data is missing, but must be given");
  process->validate_for(target->dim(), T());
  check_scheme_applies(scheme, *process);
  check_at_least("scorebound", "tv_samples", options.tv_samples, 1000);
  validated_direction("scorebound", score_error, target->dim());
}

ScorePtr make_score(const Problem& problem) {
  if (const GaussianData* g = problem.target->as_gaussian())
    return std::make_shared<GaussianScore>(problem.process,
                                           std::shared_ptr<const GaussianData>(problem.target, g),
                                           problem.score_error);
  return std::make_shared<PerturbedScore>(problem.target, problem.process, problem.score_error);
}

Problem make_problem(ProcessPtr process, GaussianData data, double T, int steps, Scheme sampler,
                     ScoreError err, Init init) {
  Problem p;
  p.process = std::move(process);
  p.target = std::make_shared<const GaussianData>(std::move(data));
  p.grid = TimeGrid::uniform(T, steps);
  p.scheme = sampler;
  p.score_error = std::move(err);
  p.init = init;
  p.options.tv_samples = 20000;
  p.validate();
  return p;
}

}  // namespace sb
