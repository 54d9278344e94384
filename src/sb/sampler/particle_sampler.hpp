// Monte Carlo simulation of the same samplers, particle by particle, used by the tests to
// confirm the exact recursions (exact_recursion.hpp) by an independent route: the scheme is
// written from its definition with the score evaluated pointwise (ScoreField::eval), not from
// the affine step coefficients.
//   EM : y ← y + h(−a(τ_k) y − b(τ_k) μ + g2(τ_k) ŝ(τ_k, y)) + √(h g2(τ_k)) z
//   EI : y ← E y + (κ_{τ_{k+1}} − E κ_{τ_k}) μ + G_k ŝ(τ_k, y) + √(E² s²_{τ_k} − s²_{τ_{k+1}}) z
//   EIR: y ← μ∞ + F (y − μ∞) + 2v∞(1 − F)(ŝ(τ_k, y) + (y − μ∞)/v∞) + √(v∞(1 − F²)) z
// (theory-notes B.2). Particles are drawn in blocks of kBlock from Rng(seed, block) so the
// result does not depend on how the work is split.
#pragma once

#include <cstdint>

#include "sb/core/rng.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

struct ParticleOptions {
  long particles = 100000;
  std::uint64_t seed = kDefaultSeed;
  /// Threads sharing the blocks (0: all cores); the estimate is the same for every count.
  int threads = 0;
};

struct ParticleEstimate {
  Vec mean;     // sample mean
  Mat cov;      // sample covariance (unbiased)
  Vec mean_se;  // standard error of each mean coordinate, √(cov_ii / n)
  Vec var_se;   // standard error of each variance, cov_ii·√(2/(n − 1)) (Gaussian output)
  long particles = 0;
  std::uint64_t seed = 0;
};

/// Simulates `opt.particles` independent runs of scheme `s` (EM, EI or EIR) from `init`.
ParticleEstimate run_particles(const LinearProcess& p, const ScoreField& score, Scheme s,
                               const TimeGrid& grid, const Gaussian& init,
                               const ParticleOptions& opt = {});

}  // namespace sb
