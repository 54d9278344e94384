// The exact recursions confirmed by Monte Carlo (src/sb/sampler/particle_sampler.hpp).
//
// Acceptance rule: every sample mean and sample variance lies within 5 standard errors of the
// exact value. Per comparison the two-sided false-alarm probability is 5.7e-7; over the
// 4 configurations × 3 schemes × 2 coordinates × 2 moments = 48 comparisons it is < 3e-5.
// Power: with n = 40000 particles the standard error of a variance is v·√(2/n) = 0.7% of v,
// so a 10% error in a variance is 14 standard errors away and cannot pass.
#include "sb/sampler/particle_sampler.hpp"

#include <gtest/gtest.h>

#include "sb/core/tolerance.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/score/gaussian_score.hpp"

namespace sb {
namespace {

constexpr long kParticles = 40000;
constexpr std::uint64_t kSeed = 20261123;

TEST(ParticleSampler, ConfirmsTheExactRecursions) {
  Mat cov(2, 2);
  cov << 1.5, -0.5, -0.5, 0.8;
  const GaussianData data((Vec(2) << 1.0, -2.0).finished(), cov);
  ScoreError err;
  err.delta = 0.1;
  err.eps = 0.2;
  err.direction = (Vec(2) << 0.0, 1.0).finished();
  const double T = 1.0;
  const int N = 8;  // few, large steps: where schemes differ most
  for (const ProcessPtr& p :
       {make_standard_ou(), make_ou(0.7, (Vec(2) << 0.5, 0.5).finished(), 1.3),
        make_vp(make_linear_schedule(0.1, 10.0, T)),
        make_subvp(make_linear_schedule(0.1, 10.0, T))}) {
    for (Scheme s : {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                     Scheme::kExponentialRenormalised}) {
      if (s == Scheme::kExponentialRenormalised && !p->stationary(2)) continue;
      SCOPED_TRACE(p->describe() + " / " + to_string(s) + " / seed " + std::to_string(kSeed));
      const GaussianScore score(p, data, err);
      const TimeGrid grid = TimeGrid::uniform(T, N);
      const SpectralGaussian init = initial_law(Init::kReference, *p, data, T);
      const Gaussian exact = run_exact_spectral(*p, data, score, s, grid, init).spectral.dense();
      const ParticleEstimate mc =
          run_particles(*p, score, s, grid, init.dense(), {kParticles, kSeed});
      for (int j = 0; j < 2; ++j) {
        EXPECT_LE(std::abs(mc.mean(j) - exact.mean(j)), kMcZ * mc.mean_se(j))
            << "mean " << j << ": mc " << mc.mean(j) << " exact " << exact.mean(j);
        EXPECT_LE(std::abs(mc.cov(j, j) - exact.cov(j, j)), kMcZ * mc.var_se(j))
            << "var " << j << ": mc " << mc.cov(j, j) << " exact " << exact.cov(j, j);
      }
    }
  }
}

TEST(ParticleSampler, SameSeedSameBytes) {
  const auto p = make_standard_ou();
  const GaussianData data(Vec::Constant(1, 0.5), Mat::Constant(1, 1, 2.0));
  const GaussianScore score(p, data, {});
  const Gaussian init{Vec::Zero(1), Mat::Identity(1, 1)};
  const auto grid = TimeGrid::uniform(1.0, 5);
  const auto a = run_particles(*p, score, Scheme::kEulerMaruyama, grid, init, {10000, 7});
  const auto b = run_particles(*p, score, Scheme::kEulerMaruyama, grid, init, {10000, 7});
  const auto c = run_particles(*p, score, Scheme::kEulerMaruyama, grid, init, {10000, 8});
  EXPECT_EQ(a.mean(0), b.mean(0));
  EXPECT_EQ(a.cov(0, 0), b.cov(0, 0));
  EXPECT_NE(a.mean(0), c.mean(0));
}

}  // namespace
}  // namespace sb
