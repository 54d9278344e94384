#include "sb/problem/problem.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/score/perturbed_score.hpp"
#include "sb/score/random_field_score.hpp"

namespace sb {

const GaussianData& Problem::gaussian() const {
  const GaussianData* g = target ? target->as_gaussian() : nullptr;
  if (g == nullptr)
    throw std::logic_error("sb::Problem: the data law is " +
                           (target ? target->kind() : std::string("missing")) +
                           ", not Gaussian, but the caller needs Gaussian data");
  return *g;
}

std::string to_string(Engine e) {
  switch (e) {
    case Engine::kAuto:
      return "auto";
    case Engine::kExact:
      return "exact";
    case Engine::kParticles:
      return "particles";
    case Engine::kGrid:
      return "grid";
  }
  return "?";
}

Engine engine_from_string(std::string_view name, std::string_view key) {
  if (name == "auto") return Engine::kAuto;
  if (name == "exact") return Engine::kExact;
  if (name == "particles") return Engine::kParticles;
  if (name == "grid") return Engine::kGrid;
  throw_input_error("scorebound", key, std::string(name), "one of auto, exact, particles, grid");
}

Engine Problem::engine() const {
  if (options.engine != Engine::kAuto) return options.engine;
  const bool exact_scheme = is_affine_step_scheme(scheme) || scheme == Scheme::kContinuous;
  return target && target->as_gaussian() && score_error.is_affine_on_gaussian() && exact_scheme
             ? Engine::kExact
             : Engine::kParticles;
}

void Problem::validate() const {
  if (!process) throw InputError("scorebound: process is missing, but must be given");
  if (!target) throw InputError("scorebound: data is missing, but must be given");
  process->validate_for(target->dim(), T());
  check_scheme_applies(scheme, *process);
  check_at_least("scorebound", "tv_samples", options.tv_samples, 1000);
  const Engine e = engine();
  if (e == Engine::kExact) {
    if (!target->as_gaussian())
      throw_input_error("scorebound", "engine", "exact",
                        "particles or auto for data.kind " + target->kind() +
                            " (the exact engine needs Gaussian data)");
    if (!is_affine_step_scheme(scheme) && scheme != Scheme::kContinuous)
      throw_input_error("scorebound", "engine", "exact",
                        "particles or auto for sampler " + to_string(scheme) +
                            " (the exact engine runs em, ei, eir and continuous)");
    if (!score_error.is_affine_on_gaussian())
      throw_input_error("scorebound", "engine", "exact",
                        "particles or auto for score_error.field " + score_error.field +
                            " (the exact engine needs a score affine in y)");
  } else if (e == Engine::kGrid) {
    if (target->dim() > 2)
      throw_input_error("scorebound", "engine", "grid",
                        fmt::format("particles or auto in dimension {} (the grid engine runs in "
                                    "dimension 1 or 2)",
                                    target->dim()));
    if (!is_affine_step_scheme(scheme))
      throw_input_error("scorebound", "engine", "grid",
                        "particles or auto for sampler " + to_string(scheme) +
                            " (the grid engine runs em, ei and eir)");
    if (!target->has_log_density())
      throw_input_error("scorebound", "engine", "grid",
                        "particles or auto for data.kind " + target->kind() +
                            " (the grid metrics need the data's density)");
    if (init != Init::kReference)
      throw_input_error("scorebound", "init", to_string(init),
                        "reference for the grid engine (it starts from the reference law)");
    if (options.grid_points != 0)
      check_at_least("scorebound", "grid_points", options.grid_points, 16);
    check_positive("scorebound", "grid_half_width", options.grid_half_width);
  } else {
    check_at_least("scorebound", "particles", options.particles, 2);
    check_at_least("scorebound", "sliced_directions", options.sliced_directions, 1);
    check_at_least("scorebound", "corrector_steps", options.corrector_steps, 0);
    check_positive("scorebound", "corrector_scale", options.corrector_scale);
    check_at_least("scorebound", "density_samples", options.density_samples, 4);
    if (scheme == Scheme::kContinuous)
      throw_input_error("scorebound", "sampler", "continuous",
                        "em, ei, eir, pf_ode or pc for the particle engine (the continuous-time "
                        "sampler is exact for Gaussian data only)");
  }
  validated_direction("scorebound", score_error, target->dim());
}

ScorePtr make_score(const Problem& problem) {
  const ScoreError& err = problem.score_error;
  if (err.is_random_field()) {
    validate_score_field("sb::make_score", err);
    return std::make_shared<RandomFieldScore>(
        problem.target, problem.process, err.eps,
        RandomFieldSpec{err.features, err.length_scale, err.field_seed});
  }
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

Problem make_grid_problem(ProcessPtr process, TargetPtr data, double T, int steps, Scheme sampler,
                          double eps) {
  Problem p;
  p.process = std::move(process);
  p.target = std::move(data);
  p.grid = TimeGrid::uniform(T, steps);
  p.scheme = sampler;
  p.score_error.eps = eps;
  p.options.engine = Engine::kGrid;
  p.validate();
  return p;
}

}  // namespace sb
