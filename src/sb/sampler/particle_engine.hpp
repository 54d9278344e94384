// The particle engine: n independent runs of a sampler with any score field (a Gaussian-mixture
// score, the funnel's quadrature score, a randomly perturbed score ...), for data whose output
// law has no closed form. Gaussian data with an affine score keeps the exact recursion
// (exact_recursion.hpp); the tests use this engine on Gaussian data as a second, independent
// route to the same law.
//
// Reverse time s_k, forward time τ_k = T − s_k, step h_k = τ_k − τ_{k+1}; the forward SDE is
// dX = (a X + b μ) dt + √g2 dB (process/linear_process.hpp). With S = ŝ(τ_k, Y) and Z ~ N(0, I):
//   em, ei, eir  Y ← α Y + ζ μ + γ S + √ω Z, the coefficients of sb::step_coefficients (the
//                 schemes of seeds 000–004: EM is seed 004 eq. (13); EI seed 003; EIR CDS25);
//   pf_ode       the probability-flow ODE dY/ds = −a(τ) Y − b(τ) μ + ½ g2(τ) ŝ(τ, Y)
//                 (Song et al. 2021, "Score-based generative modeling through SDEs", ICLR,
//                 eq. (13)) by Heun's method: K1 = f(τ_k, Y), Ỹ = Y + h K1,
//                 K2 = f(τ_{k+1}, Ỹ), Y ← Y + h (K1 + K2)/2 — deterministic given Y_0;
//   pc           the predictor–corrector sampler of seed 004 §5.3: the EM step (predictor),
//                 then M Langevin corrector steps for p_{τ_{k+1}}, seed 004 eq. (14):
//                 Y ← Y + ε_k ŝ(τ_{k+1}, Y) + √(2ε_k) ξ, with ε_k = c·h_k·g2(τ_{k+1})/2
//                 (c = corrector_scale; the seed leaves ε_k open: this choice makes the
//                 corrector's time step that of the predictor for the standard OU process).
//
// Determinism: particles are simulated in blocks of kStreamBlock, block b from its own random
// stream (seed, b), and within a block in chunks of kParticleChunk rows taken one after the
// other through all steps (the chunk stays in cache). Both sizes are fixed, so the output is
// bit-identical for every number of threads. Memory is O(n·d): the n × d output plus per-thread
// chunk buffers; nothing is allocated inside the time loop (the score gets a per-thread
// sb::Scratch).
//
// The last step's kernels (opt.last_step_particles > 0). For em, ei, eir the last step is
// Gaussian given the previous state, Y_N | Y_{N−1} = y ~ N(A(y), q I) with A(y) = α y + ζ μ +
// γ ŝ(τ_{N−1}, y) and q = ω (the coefficients of the last step, grid_propagation.hpp); for pc
// the last operation is a Langevin step, Y ← Y + ε ŝ(τ_N, Y) + √(2ε) ξ, so A(y) = y + ε ŝ(τ_N, y)
// and q = 2ε (or, with no corrector step, the EM predictor's A and q). The engine then keeps
// the centres c_i = A(Y^i_{N−1}) of the first min(n, last_step_particles) particles and q: the
// kernel mixture (1/k) Σ_i N(x; c_i, q I) is an unbiased estimate of the output density at
// every x (metric/particle_density_metrics.hpp). The centre is computed beside the update, from
// the same Y and ŝ, so the particles are the same bytes with or without it. pf_ode is
// deterministic (no kernel), and a last step with q <= 0 has none: then no last step is kept.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sb/core/rng.hpp"
#include "sb/core/types.hpp"
#include "sb/data/target.hpp"
#include "sb/law/kernel_mixture.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

/// Rows per chunk of the particle engine (see above; part of what fixes the output bytes).
inline constexpr long kParticleChunk = 512;

struct ParticleRunOptions {
  long particles = 100000;
  std::uint64_t seed = kDefaultSeed;
  /// Threads sharing the blocks (0: all cores); the output is the same for every count.
  int threads = 0;
  /// pc only: Langevin corrector steps per step (M of seed 004 eq. (14)) and the scale c of
  /// their step size ε_k = c·h_k·g2(τ_{k+1})/2.
  int corrector_steps = 1;
  double corrector_scale = 1.0;
  /// Keep the last step's kernel centres of the first min(n, last_step_particles) particles
  /// (see above; 0, the default: keep none). Memory: that many rows of d doubles.
  long last_step_particles = 0;
};

struct ParticleRun {
  Mat points;  // n × d, one particle per row (empty when the run diverged)
  RunStatus status = RunStatus::kOk;
  std::string message;  // why it diverged
  /// The last step's kernels of the first k particles (centres k × d, row i belonging to row i
  /// of points; uniform weights 1/k; var q), when asked for and the last step is Gaussian.
  std::optional<KernelMixture> last_step;
  bool ok() const { return status == RunStatus::kOk; }
};

/// n = opt.particles draws of Y_0: the reference law of the process (Init::kReference), or the
/// forward marginal p_T (Init::kPT: X_T = m_T X_0 + κ_T μ + s_T Z with X_0 from target.sample).
/// Block-seeded (streams distinct from those of the run), so they depend on (n, seed) only.
Mat draw_initial_particles(Init init, const LinearProcess& p, const Target& target, double T,
                           long n, std::uint64_t seed);

/// Runs scheme `s` on the particles `initial` (n × d, consumed) with score `score`. Throws
/// InputError for a scheme that does not apply (eir without a stationary law, continuous),
/// fewer than 2 particles, corrector_steps < 0, corrector_scale <= 0 or last_step_particles < 0.
ParticleRun run_particle_sampler(const LinearProcess& p, const ScoreField& score, Scheme s,
                                 const TimeGrid& grid, Mat initial,
                                 const ParticleRunOptions& opt = {});

}  // namespace sb
