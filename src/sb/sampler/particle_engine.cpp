#include "sb/sampler/particle_engine.hpp"

#include <fmt/format.h>

#include <atomic>
#include <cmath>
#include <mutex>

#include "sb/core/check.hpp"
#include "sb/core/normal_generator.hpp"
#include "sb/core/scratch.hpp"
#include "sb/sampler/progress.hpp"

namespace sb {

namespace {

// Streams of the initial draws, distinct from the streams (seed, b) of the run itself.
constexpr std::uint64_t kInitialDrawSalt = 0xD1B54A32D192ED03ULL;
// The sampler's output is "diverged" beyond this magnitude (as for the exact recursion).
constexpr double kParticleLimit = 1e150;

struct EngineStep {
  // em / ei / eir and the pc predictor: Y ← αY + ζμ + γS + σZ.
  double alpha = 1.0, zeta = 0.0, gamma = 0.0, sigma = 0.0;
  double omega = 0.0;  // the variance of that step's noise (σ = √max(ω, 0))
  // pf_ode: f(τ, y) = −a(τ) y − b(τ) μ + ½ g2(τ) ŝ(τ, y) at both ends of the step.
  double a0 = 0.0, b0 = 0.0, half_g2_0 = 0.0, a1 = 0.0, b1 = 0.0, half_g2_1 = 0.0;
  // pc corrector step size ε_k.
  double corrector_eps = 0.0;
};

EngineStep engine_step(Scheme s, const LinearProcess& p, double tau0, double tau1,
                       const ParticleRunOptions& opt) {
  EngineStep st;
  switch (s) {
    case Scheme::kProbabilityFlow:
      st.a0 = p.a(tau0);
      st.b0 = p.b(tau0);
      st.half_g2_0 = 0.5 * p.g2(tau0);
      st.a1 = p.a(tau1);
      st.b1 = p.b(tau1);
      st.half_g2_1 = 0.5 * p.g2(tau1);
      return st;
    case Scheme::kPredictorCorrector:
      st.corrector_eps = opt.corrector_scale * (tau0 - tau1) * p.g2(tau1) / 2.0;
      s = Scheme::kEulerMaruyama;
      break;
    default:
      break;
  }
  const StepCoefficients c = step_coefficients(s, p, tau0, tau1);
  st.alpha = c.alpha;
  st.zeta = c.zeta;
  st.gamma = c.gamma;
  st.sigma = std::sqrt(std::max(c.omega, 0.0));
  st.omega = c.omega;
  return st;
}

}  // namespace

Mat draw_initial_particles(Init init, const LinearProcess& p, const Target& target, double T,
                           long n, std::uint64_t seed) {
  constexpr const char* kFn = "sb::draw_initial_particles";
  check_at_least(kFn, "particles", n, 2);
  const Eigen::Index d = target.dim();
  Mat Y;
  double scale = 0.0;
  Vec shift;
  if (init == Init::kPT) {
    // X_T = m_T X_0 + κ_T μ + s_T Z.
    Y = target.sample(n, seed ^ kInitialDrawSalt);
    Y *= p.m(T);
    shift = p.kappa(T) * p.centre(d);
    scale = std::sqrt(p.s2(T));
  } else {
    const IsoGaussian ref = p.reference(d, T);
    Y = Mat::Zero(n, d);
    shift = ref.mean;
    scale = std::sqrt(ref.var);
  }
  // Row-block b of the noise from NormalGenerator(seed ⊕ salt ⊕ 1, b).
  map_stream_blocks(
      seed ^ kInitialDrawSalt ^ 1, n,
      [&](const StreamBlock& block, Rng&) {
        NormalGenerator gen(seed ^ kInitialDrawSalt ^ 1, static_cast<std::uint64_t>(block.index));
        Mat z(block.count, d);
        gen.fill(z.data(), static_cast<std::size_t>(z.size()));
        Y.middleRows(block.begin, block.count) += scale * z;
        Y.middleRows(block.begin, block.count).rowwise() += shift.transpose();
        return 0;
      },
      0);
  return Y;
}

ParticleRun run_particle_sampler(const LinearProcess& p, const ScoreField& score, Scheme s,
                                 const TimeGrid& grid, Mat initial, const ParticleRunOptions& opt) {
  constexpr const char* kFn = "sb::run_particle_sampler";
  const long n = static_cast<long>(initial.rows());
  const Eigen::Index d = initial.cols();
  check_at_least(kFn, "particles", n, 2);
  check_size(kFn, "initial particles (columns)", d, score.dim());
  if (s == Scheme::kContinuous)
    throw_input_error(kFn, "sampler", "continuous",
                      "a discretised scheme (em, ei, eir, pf_ode, pc) for the particle engine");
  check_scheme_applies(s, p);
  if (s == Scheme::kPredictorCorrector) {
    check_at_least(kFn, "corrector_steps", opt.corrector_steps, 0);
    check_positive(kFn, "corrector_scale", opt.corrector_scale);
  }
  check_at_least(kFn, "last_step_particles", opt.last_step_particles, 0);
  const int N = grid.steps();
  std::vector<EngineStep> steps(static_cast<std::size_t>(N));
  for (int k = 0; k < N; ++k)
    steps[static_cast<std::size_t>(k)] = engine_step(s, p, grid.tau(k), grid.tau(k + 1), opt);
  const Vec mu = p.centre(d);
  const bool has_centre = mu.size() > 0 && mu.cwiseAbs().maxCoeff() > 0.0;

  // The last step's kernels (header): its variance q, and the particles [0, keep) whose centre
  // is kept. pc: the last corrector step (variance 2ε), or the predictor when there is none.
  const bool corrected_last = s == Scheme::kPredictorCorrector && opt.corrector_steps > 0 && N > 0;
  double last_var = 0.0;
  if (N > 0 && s != Scheme::kProbabilityFlow) {
    const EngineStep& st = steps[static_cast<std::size_t>(N - 1)];
    last_var = corrected_last ? 2.0 * st.corrector_eps : st.omega;
  }
  const long keep =
      last_var > 0.0 && std::isfinite(last_var) ? std::min(n, opt.last_step_particles) : 0;
  Mat centres(keep, d);

  Progress progress(fmt::format("{} particle sampler ({} particles, {} steps)", to_string(s), n, N),
                    static_cast<long long>(stream_block_count(n)) * (1 << 14));
  std::atomic<long long> blocks_done{0};
  std::mutex progress_mutex;
  std::atomic<bool> diverged{false};

  map_stream_blocks(
      opt.seed, n,
      [&](const StreamBlock& block, Rng&) {
        NormalGenerator gen(opt.seed, static_cast<std::uint64_t>(block.index));
        Scratch scratch;
        Mat Y, S, Z, Yt, S2, C;
        for (long c0 = 0; c0 < block.count; c0 += kParticleChunk) {
          const long rows = std::min(kParticleChunk, block.count - c0);
          const long begin = block.begin + c0;
          // This chunk keeps the centres of its rows [0, kept) (the particles below `keep`).
          const long kept = std::clamp(keep - begin, 0L, rows);
          Y = initial.middleRows(begin, rows);
          S.resize(rows, d);
          Z.resize(rows, d);
          if (kept > 0) C.resize(rows, d);
          auto noise = [&] { gen.fill(Z.data(), static_cast<std::size_t>(Z.size())); };
          for (int k = 0; k < N; ++k) {
            const EngineStep& st = steps[static_cast<std::size_t>(k)];
            const double tau0 = grid.tau(k), tau1 = grid.tau(k + 1), h = tau0 - tau1;
            score.eval_batch(tau0, Y, S, scratch);
            if (s == Scheme::kProbabilityFlow) {
              // K1 = f(τ_k, Y) in S; Ỹ = Y + h K1; K2 = f(τ_{k+1}, Ỹ); Y += h (K1 + K2)/2.
              S.array() = -st.a0 * Y.array() + st.half_g2_0 * S.array();
              if (has_centre) S.rowwise() -= (st.b0 * mu).transpose();
              Yt.noalias() = Y + h * S;
              score.eval_batch(tau1, Yt, S2, scratch);
              S2.array() = -st.a1 * Yt.array() + st.half_g2_1 * S2.array();
              if (has_centre) S2.rowwise() -= (st.b1 * mu).transpose();
              Y.array() += (0.5 * h) * (S.array() + S2.array());
              continue;
            }
            const bool last = k == N - 1 && kept > 0;
            if (last && !corrected_last) {
              // A(y) = α y + γ ŝ + ζ μ, beside (not inside) the update of Y below.
              C.array() = st.alpha * Y.array() + st.gamma * S.array();
              if (has_centre) C.rowwise() += (st.zeta * mu).transpose();
            }
            noise();
            Y.array() = st.alpha * Y.array() + st.gamma * S.array() + st.sigma * Z.array();
            if (has_centre) Y.rowwise() += (st.zeta * mu).transpose();
            if (s == Scheme::kPredictorCorrector) {
              const double eps = st.corrector_eps, sd = std::sqrt(2.0 * eps);
              for (int m = 0; m < opt.corrector_steps; ++m) {
                score.eval_batch(tau1, Y, S, scratch);
                // A(y) = y + ε ŝ(τ_{k+1}, y) of the last Langevin step.
                if (last && m == opt.corrector_steps - 1) C.array() = Y.array() + eps * S.array();
                noise();
                Y.array() += eps * S.array() + sd * Z.array();
              }
            }
          }
          if (!Y.allFinite() || Y.cwiseAbs().maxCoeff() > kParticleLimit) diverged = true;
          initial.middleRows(begin, rows) = Y;
          if (kept > 0) {
            if (!C.topRows(kept).allFinite()) diverged = true;
            centres.middleRows(begin, kept) = C.topRows(kept);
          }
        }
        {
          const std::lock_guard<std::mutex> lock(progress_mutex);
          progress.update((++blocks_done) << 14);
        }
        return 0;
      },
      opt.threads);

  ParticleRun run;
  if (diverged) {
    run.status = RunStatus::kDiverged;
    run.message = fmt::format(
        "the {} particle sampler diverged: a particle left the range |y| <= 1e150 (the step "
        "is too large for this process, or the score error is huge)",
        to_string(s));
    return run;
  }
  run.points = std::move(initial);
  if (keep > 0)
    run.last_step = KernelMixture{std::move(centres),
                                  Vec::Constant(keep, 1.0 / static_cast<double>(keep)), last_var};
  return run;
}

}  // namespace sb
