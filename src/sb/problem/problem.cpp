#include "sb/problem/problem.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/data/hypercube_law.hpp"
#include "sb/sampler/cld_recursion.hpp"
#include "sb/sampler/jump_chain.hpp"
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

std::string Problem::process_kind() const {
  if (cld) return cld->kind();
  if (chain) return "bitflip";
  return process ? process->kind() : "missing";
}

Engine Problem::engine() const {
  if (options.engine != Engine::kAuto) return options.engine;
  if (target && target->as_hypercube()) return Engine::kExact;
  if (cld) return Engine::kExact;
  const bool exact_scheme = is_affine_step_scheme(scheme) || scheme == Scheme::kContinuous;
  return target && target->as_gaussian() && score_error.is_affine_on_gaussian() && exact_scheme
             ? Engine::kExact
             : Engine::kParticles;
}

namespace {

/// Problem::validate for data on {0,1}^d.
void validate_hypercube(const Problem& p) {
  constexpr const char* kFn = "scorebound";
  const HypercubeLaw& data = *p.target->as_hypercube();
  if (!p.chain)
    throw_input_error(kFn, "process.kind", p.process ? p.process->kind() : "missing",
                      "bitflip for data.kind hypercube (a law on {0,1}^d)");
  if (p.process)
    throw_input_error(kFn, "process", p.process->kind(),
                      "absent beside the bit-flip chain (one forward process per problem)");
  if (!is_jump_scheme(p.scheme) && p.scheme != Scheme::kContinuous)
    throw_input_error(kFn, "sampler", to_string(p.scheme),
                      "frozen_rate, euler, tau_leaping or exact (continuous) for the bit-flip "
                      "chain");
  if (p.options.engine != Engine::kAuto && p.options.engine != Engine::kExact)
    throw_input_error(kFn, "engine", to_string(p.options.engine),
                      "auto or exact for data.kind hypercube (its laws are probability vectors, "
                      "computed exactly)");
  const ScoreError& err = p.score_error;
  if (err.is_random_field())
    throw_input_error(kFn, "score_error.field", err.field,
                      "constant for the bit-flip chain (its score error acts on the rates)");
  if (err.direction.size() != 0)
    throw_input_error(kFn, "score_error.direction", "given",
                      "absent for the bit-flip chain (the rate error is the same on every bit)");
  if (!(std::isfinite(err.delta) && err.delta > -1.0))
    throw_input_error(kFn, "score_error.delta", format_value(err.delta),
                      "finite and > -1 (the rates are multiplied by 1 + delta)");
  check_nonnegative(kFn, "score_error.eps", err.eps);
  if (p.scheme == Scheme::kTauLeaping && data.bits() > kMaxTauLeapingDim)
    throw_input_error(
        kFn, "data.dim", std::to_string(data.bits()),
        fmt::format("<= {} for tau_leaping (its exact law costs 4^d per step)", kMaxTauLeapingDim));
  if (p.scheme == Scheme::kContinuous && !err.is_exact() && !(data.probs().minCoeff() > 0.0))
    throw_input_error(kFn, "sampler", "exact",
                      "frozen_rate, euler or tau_leaping for a score error on data without full "
                      "support (the perturbed chain's rates blow up at tau = 0; with the exact "
                      "score the exact sampler is closed form for any data)");
}

/// Problem::validate for the kinetic process (exact engine, Gaussian data).
void validate_cld(const Problem& p) {
  constexpr const char* kFn = "scorebound";
  if (p.process || p.chain)
    throw_input_error(kFn, "process", p.process ? p.process->kind() : "bitflip",
                      "absent beside the kinetic process cld (one forward process per problem)");
  const GaussianData* data = p.target->as_gaussian();
  if (data == nullptr)
    throw_input_error(kFn, "data.kind", p.target->kind(),
                      "gaussian for process kind cld (its laws are computed exactly, block by "
                      "block, for Gaussian data)");
  if (p.options.engine != Engine::kAuto && p.options.engine != Engine::kExact)
    throw_input_error(kFn, "engine", to_string(p.options.engine),
                      "auto or exact for process kind cld (the exact phase-space engine)");
  check_cld_sampler(cld_sampler_of(p.scheme));
  if (!(p.T() > 0.0 && std::isfinite(p.T())))
    throw_input_error(kFn, "T", format_value(p.T()), "finite and > 0");
  const ScoreError& err = p.score_error;
  if (!(std::isfinite(err.delta) && err.delta > -1.0))
    throw_input_error(kFn, "score_error.delta", format_value(err.delta),
                      "finite and > -1 (the score is multiplied by 1 + delta)");
  check_nonnegative(kFn, "score_error.eps", err.eps);
  cld_error_direction(err, *data);  // field constant, direction of length 2d (named errors)
}

}  // namespace

void Problem::validate() const {
  if (!target) throw InputError("scorebound: data is missing, but must be given");
  if (target->as_hypercube()) {
    if (cld)
      throw_input_error("scorebound", "process.kind", "cld",
                        "bitflip for data.kind hypercube (a law on {0,1}^d)");
    return validate_hypercube(*this);
  }
  if (cld) return validate_cld(*this);
  if (chain)
    throw_input_error("scorebound", "process.kind", "bitflip",
                      "a linear SDE (ou, vp, ...) for data.kind " + target->kind() +
                          " (the bit-flip chain runs on data.kind hypercube)");
  if (!process) throw InputError("scorebound: process is missing, but must be given");
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

Problem make_cld_problem(CldPtr cld, GaussianData data, double T, int steps, Scheme sampler,
                         ScoreError err, Init init) {
  Problem p;
  p.cld = std::move(cld);
  p.target = std::make_shared<const GaussianData>(std::move(data));
  p.grid = TimeGrid::uniform(T, steps);
  p.scheme = sampler;
  p.score_error = std::move(err);
  p.init = init;
  p.validate();
  return p;
}

Problem make_hypercube_problem(double rate, TargetPtr data, double T, int steps, Scheme sampler,
                               double delta, double eps, Init init) {
  Problem p;
  p.chain = std::make_shared<const BitFlipChain>(rate);
  p.target = std::move(data);
  p.grid = TimeGrid::uniform(T, steps);
  p.scheme = sampler;
  p.score_error.delta = delta;
  p.score_error.eps = eps;
  p.init = init;
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
