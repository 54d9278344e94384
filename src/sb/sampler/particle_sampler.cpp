#include "sb/sampler/particle_sampler.hpp"

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/rng.hpp"

namespace sb {

ParticleEstimate run_particles(const LinearProcess& p, const ScoreField& score, Scheme s,
                               const TimeGrid& grid, const Gaussian& init,
                               const ParticleOptions& opt) {
  constexpr const char* kFn = "sb::run_particles";
  check_at_least(kFn, "particles", opt.particles, 2);
  if (!is_affine_step_scheme(s))
    throw_input_error(kFn, "sampler", to_string(s),
                      "em, ei or eir (sb::run_particle_sampler runs every scheme)");
  check_scheme_applies(s, p);
  const Eigen::Index d = init.dim();
  const Vec mu = p.centre(d);
  // A Cholesky-type factor of the initial covariance (PSD allowed: a Dirac start is legal).
  const SymEigen es = sym_eigen(init.cov);
  const Mat init_factor = es.vectors * es.values.cwiseMax(0.0).cwiseSqrt().asDiagonal();

  // Each block of kStreamBlock particles is simulated whole from its own stream Rng(seed, b)
  // and returns its sums; the sums are added in block order, so the estimate does not depend
  // on how many threads share the blocks.
  struct BlockSums {
    Vec sum;
    Mat sum_outer;
  };
  const auto blocks = map_stream_blocks(
      opt.seed, opt.particles,
      [&](const StreamBlock& block, Rng& rng) {
        const long n = block.count;
        Mat Y(d, n);
        Vec z(d);
        auto draw = [&]() {
          for (Eigen::Index i = 0; i < d; ++i) z(i) = rng.normal();
          return z;
        };
        for (long i = 0; i < n; ++i) Y.col(i) = init.mean + init_factor * draw();
        for (int k = 0; k < grid.steps(); ++k) {
          const double tk = grid.tau(k), tk1 = grid.tau(k + 1), h = grid.step(k);
          // The step's scalars, once per step (the same arithmetic as the per-particle formulas
          // of theory-notes B.2, so the output does not depend on where they are computed).
          switch (s) {
            case Scheme::kEulerMaruyama: {
              const double a = p.a(tk), bk = p.b(tk), g2 = p.g2(tk), noise = std::sqrt(h * g2);
              for (long i = 0; i < n; ++i) {
                const Vec y = Y.col(i);
                Y.col(i) = y + h * (-a * y - bk * mu + g2 * score.eval(tk, y)) + noise * draw();
              }
              break;
            }
            case Scheme::kExponentialIntegrator: {
              const double E = p.m(tk1) / p.m(tk);
              const double G = p.ei_gain(tk1, tk);
              const double q = E * E * p.s2(tk) - p.s2(tk1);
              const Vec shift = (p.kappa(tk1) - E * p.kappa(tk)) * mu;
              const double noise = std::sqrt(std::max(q, 0.0));
              for (long i = 0; i < n; ++i) {
                const Vec y = Y.col(i);
                Y.col(i) = E * y + shift + G * score.eval(tk, y) + noise * draw();
              }
              break;
            }
            case Scheme::kExponentialRenormalised: {
              const IsoGaussian st = *p.stationary(d);
              const double F = p.m(tk) / p.m(tk1);
              const double noise = std::sqrt(st.var * (1 - F * F));
              for (long i = 0; i < n; ++i) {
                const Vec y = Y.col(i);
                const Vec renorm = score.eval(tk, y) + (y - st.mean) / st.var;
                Y.col(i) =
                    st.mean + F * (y - st.mean) + 2 * st.var * (1 - F) * renorm + noise * draw();
              }
              break;
            }
            case Scheme::kContinuous:
            case Scheme::kProbabilityFlow:
            case Scheme::kPredictorCorrector:
            case Scheme::kFrozenRate:
            case Scheme::kJumpEuler:
            case Scheme::kTauLeaping:
            case Scheme::kSplit:
            case Scheme::kSplitRenormalised:
              break;
          }
        }
        BlockSums b{Y.rowwise().sum(), Mat::Zero(d, d)};
        b.sum_outer.noalias() = Y * Y.transpose();
        return b;
      },
      opt.threads);
  Vec sum = Vec::Zero(d);
  Mat sum_outer = Mat::Zero(d, d);
  for (const BlockSums& b : blocks) {
    sum += b.sum;
    sum_outer += b.sum_outer;
  }
  const double n = static_cast<double>(opt.particles);
  ParticleEstimate est;
  est.mean = sum / n;
  est.cov = (sum_outer - n * est.mean * est.mean.transpose()) / (n - 1.0);
  est.mean_se = (est.cov.diagonal() / n).cwiseSqrt();
  est.var_se = est.cov.diagonal() * std::sqrt(2.0 / (n - 1.0));
  est.particles = opt.particles;
  est.seed = opt.seed;
  return est;
}

}  // namespace sb
