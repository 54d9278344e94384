// A problem: everything that determines the law of a sampler's output — the data law (target),
// the forward process (a linear SDE, the bit-flip chain on {0,1}^d or the kinetic CLD process),
// the sampler, the score, the time grid, the initial law — and the options of the few
// computations that are random. It is a value: copy it, change a field, solve it
// again. This is what `scorebound eval` reads (README, "scorebound eval") and what every theorem
// check's instances and sweeps are made of.
//
// The score is given by its specification (ScoreError: the exact score, or (1 + δ)∇log p_τ + εe);
// make_score() builds the ScoreField it denotes for the problem's data law and process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sb/core/rng.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/data/target.hpp"
#include "sb/process/bitflip_chain.hpp"
#include "sb/process/cld.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_error.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

/// Which engine computes the law of the sampler's output.
enum class Engine {
  kAuto,       // exact when it exists (Gaussian data, affine score, em/ei/eir/continuous),
               // otherwise particles
  kExact,      // the mean/covariance recursion (theory-notes B.2) — Gaussian data only
  kParticles,  // n independent runs (sampler/particle_engine.hpp), any data law and scheme
  kGrid,       // the output density on a grid (sampler/grid_propagation.hpp): d <= 2, em/ei/eir
};
std::string to_string(Engine e);
Engine engine_from_string(std::string_view name, std::string_view key = "engine");

/// Settings of the random computations (the Monte Carlo TV between Gaussians in d > 1 with
/// unequal covariances; the particle engine and its sample metrics); every output prints them.
struct ProblemOptions {
  std::uint64_t seed = kDefaultSeed;
  long tv_samples = 200000;
  Engine engine = Engine::kAuto;
  long particles = 20000;         // particle engine: number of independent runs
  int threads = 0;                // particle engine and sample metrics (0: all cores)
  int sliced_directions = 200;    // random directions of the sliced W2 (L)
  int corrector_steps = 1;        // pc: Langevin corrector steps per step
  double corrector_scale = 1.0;   // pc: corrector step ε_k = scale·h_k·g2(τ_{k+1})/2
  long grid_points = 0;           // grid engine: nodes per axis (0: 2001 in 1-D, 201 in 2-D)
  double grid_half_width = 10.0;  // grid engine: standard deviations covered beyond the laws
  // Particle engine, Monte Carlo KL and TV: at most this many (the first) particles' last-step
  // kernels make the output density, against as many exact draws of the data law: m =
  // min(particles, density_samples), cost O(m²·d) (metric/particle_density_metrics.hpp).
  long density_samples = 20000;
};

struct Problem {
  TargetPtr target;    // the data law π_data
  ProcessPtr process;  // the forward process: a linear SDE (null for data on {0,1}^d)
  BitFlipPtr chain;    // the forward chain of data on {0,1}^d (data kind "hypercube"), else null
  CldPtr cld;          // the kinetic process on phase space (process kind "cld"), else null
  Scheme scheme = Scheme::kEulerMaruyama;  // the sampler
  ScoreError score_error;                  // the score: exact, or (1 + δ)∇log p_τ + ε e
  TimeGrid grid;                           // its horizon is T
  Init init = Init::kReference;
  ProblemOptions options;

  double T() const { return grid.horizon(); }
  /// The engine that solve() uses: options.engine, with kAuto resolved.
  Engine engine() const;
  Eigen::Index dim() const { return target->dim(); }
  /// The data law as Gaussian data. Throws std::logic_error when it is not Gaussian: callers
  /// are the exact engine and the checks that declare they need Gaussian data.
  const GaussianData& gaussian() const;
  /// "cld", "bitflip" or process->kind(): the forward process, whichever slot holds it.
  std::string process_kind() const;
  /// Cross-field checks (process defined on [0, T], dimensions, scheme applicable, score error
  /// valid for the data); throws InputError naming the offending key.
  void validate() const;
};

/// A problem on {0,1}^d (the bit-flip engine, sampler/jump_chain.hpp): data law `data`, chain
/// with rate λ = `rate`, uniform grid, rates (1 + delta)·q̄ + eps·λ, in one call.
Problem make_hypercube_problem(double rate, TargetPtr data, double T, int steps, Scheme sampler,
                               double delta = 0.0, double eps = 0.0, Init init = Init::kReference);

/// A problem of the kinetic process (sb::CldProcess, sampler/cld_recursion.hpp) on Gaussian data
/// with a uniform grid, in one call: sampler em, ei, eir, split, split_renormalised or
/// continuous; score error (1 + δ)∇log p_τ + ε e on phase space.
Problem make_cld_problem(CldPtr cld, GaussianData data, double T, int steps, Scheme sampler,
                         ScoreError err = {}, Init init = Init::kReference);

/// The score field the problem's score specification denotes for its data law and process:
/// the affine GaussianScore for Gaussian data, otherwise the perturbation of the data law's
/// exact score.
ScorePtr make_score(const Problem& problem);

/// A problem on Gaussian data with a uniform grid, in one call (for checks, experiments and
/// tests). The Monte Carlo TV, when requested, uses 20000 samples (standard error <= 0.0036).
Problem make_problem(ProcessPtr process, GaussianData data, double T, int steps, Scheme sampler,
                     ScoreError err = {}, Init init = Init::kReference);

/// A problem for the grid engine (Engine::kGrid: the output density propagated on a grid, in
/// dimension 1 or 2) with a uniform grid of `steps` and the additive score error ε e₁, in one
/// call (for the checks and figures on Gaussian mixtures).
Problem make_grid_problem(ProcessPtr process, TargetPtr data, double T, int steps, Scheme sampler,
                          double eps = 0.0);

}  // namespace sb
