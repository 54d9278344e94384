// The particle engine (src/sb/sampler/particle_engine.hpp) against exact laws.
//
// Acceptance rule: every sample mean and variance lies within kMcZ = 5 standard errors of the
// exact value (two-sided false alarm 5.7e-7 per comparison; < 1e-4 over all comparisons of
// this file). Power: with n = 40000 particles a variance's standard error is v·√(2/n) = 0.7%
// of v, so a 10% error is 14 standard errors away and cannot pass.
//
// The exact values come from two routes independent of the engine: the mean/covariance
// recursion of the exact engine (em, ei, eir), and, for pf_ode and pc, the scalar affine
// recursions written out in this file from the schemes' definitions (on Gaussian data with
// an affine score both schemes map Gaussians to Gaussians).
#include "sb/sampler/particle_engine.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>

#include "sb/core/tolerance.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/score/gaussian_score.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;

constexpr long kEngineParticles = 40000;
constexpr std::uint64_t kEngineSeed = 20261205;

struct SampleMoments {
  Vec mean, var, mean_se, var_se;
};

SampleMoments moments_of(const Mat& X) {
  const double n = static_cast<double>(X.rows());
  SampleMoments m;
  m.mean = X.colwise().mean().transpose();
  m.var =
      ((X.rowwise() - m.mean.transpose()).array().square().colwise().sum() / (n - 1.0)).transpose();
  m.mean_se = (m.var / n).cwiseSqrt();
  m.var_se = m.var * std::sqrt(2.0 / (n - 1.0));
  return m;
}

void expect_moments(const Mat& X, const Vec& mean, const Vec& var) {
  const SampleMoments m = moments_of(X);
  for (Eigen::Index j = 0; j < mean.size(); ++j) {
    EXPECT_LE(std::abs(m.mean(j) - mean(j)), kMcZ * m.mean_se(j))
        << "mean " << j << ": particles " << m.mean(j) << " exact " << mean(j);
    EXPECT_LE(std::abs(m.var(j) - var(j)), kMcZ * m.var_se(j))
        << "var " << j << ": particles " << m.var(j) << " exact " << var(j);
  }
}

TEST(ParticleEngine, AgreesWithTheExactRecursionOnGaussianData) {
  Mat cov(2, 2);
  cov << 1.5, -0.5, -0.5, 0.8;
  const auto data = std::make_shared<const GaussianData>((Vec(2) << 1.0, -2.0).finished(), cov);
  ScoreError err;
  err.delta = 0.1;
  err.eps = 0.2;
  err.direction = (Vec(2) << 0.0, 1.0).finished();
  const double T = 1.0;
  const int N = 8;  // few, large steps: where the schemes differ most
  for (const ProcessPtr& p : {make_standard_ou(), make_vp(make_linear_schedule(0.1, 10.0, T)),
                              make_subvp(make_linear_schedule(0.1, 10.0, T))}) {
    for (Scheme s : {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                     Scheme::kExponentialRenormalised}) {
      if (s == Scheme::kExponentialRenormalised && !p->stationary(2)) continue;
      for (Init init : {Init::kReference, Init::kPT}) {
        SCOPED_TRACE(p->describe() + " / " + to_string(s) + " / " + to_string(init) + " / seed " +
                     std::to_string(kEngineSeed));
        const GaussianScore score(p, *data, err);
        const TimeGrid grid = TimeGrid::uniform(T, N);
        const Gaussian exact =
            run_exact_spectral(*p, *data, score, s, grid, initial_law(init, *p, *data, T))
                .spectral.dense();
        Mat y0 = draw_initial_particles(init, *p, *data, T, kEngineParticles, kEngineSeed);
        ParticleRunOptions opt;
        opt.seed = kEngineSeed;
        const ParticleRun run = run_particle_sampler(*p, score, s, grid, std::move(y0), opt);
        ASSERT_TRUE(run.ok()) << run.message;
        expect_moments(run.points, exact.mean, exact.cov.diagonal());
      }
    }
  }
}

// 1-D, standard OU, data N(m, v), exact score −(y − m_τ)/v_τ with m_τ = e^{−τ}m,
// v_τ = e^{−2τ}v + 1 − e^{−2τ}: the drift of the probability-flow ODE is affine,
// f(τ, y) = y − (y − m_τ)/v_τ = −B(τ) y + c(τ), and so is Heun's step:
// y' = y + h/2 [f_0(y) + f_1(y + h f_0(y))]  ⇒  y' = A y + b with
// A = 1 − h/2 (B0 + B1) + h²/2 B1 B0, b = h/2 (c0 + c1 − h B1 c0).
TEST(ParticleEngine, ProbabilityFlowHeunMatchesItsAffineRecursion) {
  const double m = 0.7, v = 0.3, T = 2.0;
  const int N = 6;
  const auto data = std::make_shared<const GaussianData>(gaussian_1d(m, v));
  const ProcessPtr p = make_standard_ou();
  const GaussianScore score(p, *data, ScoreError{});
  const TimeGrid grid = TimeGrid::uniform(T, N);
  auto Bc = [&](double tau, double& B, double& c) {
    const double mt = std::exp(-tau) * m, vt = std::exp(-2 * tau) * v + 1 - std::exp(-2 * tau);
    B = 1.0 / vt - 1.0;  // f = y − (y − mt)/vt = −(1/vt − 1) y + mt/vt
    c = mt / vt;
  };
  // The composed affine map y_N = A_all y_0 + b_all of the N Heun steps.
  double A_all = 1.0, b_all = 0.0;
  for (int k = 0; k < N; ++k) {
    const double h = grid.step(k);
    double B0, c0, B1, c1;
    Bc(grid.tau(k), B0, c0);
    Bc(grid.tau(k + 1), B1, c1);
    const double A = 1 - h / 2 * (B0 + B1) + h * h / 2 * B1 * B0;
    A_all *= A;
    b_all = A * b_all + h / 2 * (c0 + c1 - h * B1 * c0);
  }
  // From the reference law N(0, 1): mean b_all, variance A_all².
  Mat y0 = draw_initial_particles(Init::kReference, *p, *data, T, kEngineParticles, kEngineSeed);
  const Mat again = y0;
  ParticleRunOptions opt;
  opt.seed = kEngineSeed;
  const ParticleRun run =
      run_particle_sampler(*p, score, Scheme::kProbabilityFlow, grid, std::move(y0), opt);
  ASSERT_TRUE(run.ok());
  expect_moments(run.points, vec1(b_all), vec1(A_all * A_all));
  // The ODE is deterministic: the particles are that affine image of the initial draws.
  for (long i = 0; i < 100; ++i)
    EXPECT_NEAR(run.points(i, 0), A_all * again(i, 0) + b_all, 1e-12 * (1 + std::abs(again(i, 0))));
}

// 1-D, standard OU (a = −1, g2 = 2), exact score: the predictor is EM, y' = (1 + h) y + 2h s +
// √(2h) z, each corrector step y' = y + ε s(τ_{k+1}, y) + √(2ε) z with ε = c·h·g2/2 = c·h, seed 004
// eq. (14).
TEST(ParticleEngine, PredictorCorrectorMatchesItsAffineRecursion) {
  const double m = -0.4, v = 2.5, T = 1.5;
  const int N = 5, M = 2;
  const double c = 0.5;
  const auto data = std::make_shared<const GaussianData>(gaussian_1d(m, v));
  const ProcessPtr p = make_standard_ou();
  const GaussianScore score(p, *data, ScoreError{});
  const TimeGrid grid = TimeGrid::uniform(T, N);
  auto field = [&](double tau, double& P, double& q) {  // s(τ, y) = −P y + q
    const double mt = std::exp(-tau) * m, vt = std::exp(-2 * tau) * v + 1 - std::exp(-2 * tau);
    P = 1.0 / vt;
    q = mt / vt;
  };
  double mean = 0.0, var = 1.0;
  for (int k = 0; k < N; ++k) {
    const double h = grid.step(k);
    double P, q;
    field(grid.tau(k), P, q);
    double A = 1 + h - 2 * h * P;
    mean = A * mean + 2 * h * q;
    var = A * A * var + 2 * h;
    field(grid.tau(k + 1), P, q);
    const double eps = c * h;
    for (int j = 0; j < M; ++j) {
      A = 1 - eps * P;
      mean = A * mean + eps * q;
      var = A * A * var + 2 * eps;
    }
  }
  Mat y0 = draw_initial_particles(Init::kReference, *p, *data, T, kEngineParticles, kEngineSeed);
  ParticleRunOptions opt;
  opt.seed = kEngineSeed;
  opt.corrector_steps = M;
  opt.corrector_scale = c;
  const ParticleRun run =
      run_particle_sampler(*p, score, Scheme::kPredictorCorrector, grid, std::move(y0), opt);
  ASSERT_TRUE(run.ok());
  expect_moments(run.points, vec1(mean), vec1(var));
}

TEST(ParticleEngine, SameSeedSameBytesWhateverTheThreads) {
  const auto data = std::make_shared<const GaussianData>(gaussian_isotropic(3, 0.5, 2.0));
  const ProcessPtr p = make_standard_ou();
  const GaussianScore score(p, *data, ScoreError{});
  const TimeGrid grid = TimeGrid::uniform(1.0, 7);
  const long n = 3 * kStreamBlock + 777;  // several blocks, a partial chunk at the end
  for (Scheme s : {Scheme::kEulerMaruyama, Scheme::kProbabilityFlow, Scheme::kPredictorCorrector}) {
    Mat outs[2], centres[2];
    for (int t = 0; t < 2; ++t) {
      ParticleRunOptions opt;
      opt.seed = kEngineSeed;
      opt.threads = t + 1;
      opt.last_step_particles = n;
      Mat y0 = draw_initial_particles(Init::kReference, *p, *data, 1.0, n, kEngineSeed);
      ParticleRun run = run_particle_sampler(*p, score, s, grid, std::move(y0), opt);
      outs[t] = std::move(run.points);
      if (run.last_step) centres[t] = std::move(run.last_step->centres);
    }
    ASSERT_EQ(outs[0].rows(), n);
    EXPECT_EQ(0, std::memcmp(outs[0].data(), outs[1].data(), sizeof(double) * outs[0].size()))
        << to_string(s);
    // The last step's centres too (pf_ode has none; memcmp must not see their null data).
    if (s == Scheme::kProbabilityFlow) {
      EXPECT_EQ(centres[0].size() + centres[1].size(), 0);
      continue;
    }
    ASSERT_EQ(centres[0].rows(), n);
    ASSERT_EQ(centres[1].rows(), n);
    EXPECT_EQ(0, std::memcmp(centres[0].data(), centres[1].data(),
                             sizeof(double) * static_cast<std::size_t>(centres[0].size())))
        << to_string(s);
  }
}

// The last step's kernels (opt.last_step_particles): the particles are the same bytes with or
// without them; pf_ode has none; for the others the residual (Y_N − c)/√q of each kept particle
// is its last step's standard normal noise, so over k particles its mean and variance lie within
// 5 standard errors of 0 and 1 (√(1/k), √(2/k)): a centre or a variance off by 10% of the
// noise scale would be caught at k = 5000 (14 and 7 standard errors).
TEST(ParticleEngine, KeepsTheLastStepKernelsWithoutChangingTheParticles) {
  const auto data = std::make_shared<const GaussianData>(gaussian_1d(0.7, 0.4));
  const ProcessPtr p = make_standard_ou();
  ScoreError err;
  err.eps = 0.3;
  const GaussianScore score(p, *data, err);
  const double T = 1.5;
  const int N = 6;
  const TimeGrid grid = TimeGrid::uniform(T, N);
  const long n = kStreamBlock + 1500, keep = kStreamBlock + 904;  // a partial chunk at the end
  const double h = grid.step(N - 1);
  struct Case {
    Scheme s;
    int corrector_steps;
    double var;  // q of the last step
  };
  const double omega_ei =
      step_coefficients(Scheme::kExponentialIntegrator, *p, grid.tau(N - 1), grid.tau(N)).omega;
  const double omega_eir =
      step_coefficients(Scheme::kExponentialRenormalised, *p, grid.tau(N - 1), grid.tau(N)).omega;
  // Standard OU: g2 = 2, so em's q = h·g2 = 2h and a Langevin step's 2ε = c·h·g2 = 2h (c = 1).
  const Case cases[] = {{Scheme::kEulerMaruyama, 1, 2 * h},
                        {Scheme::kExponentialIntegrator, 1, omega_ei},
                        {Scheme::kExponentialRenormalised, 1, omega_eir},
                        {Scheme::kPredictorCorrector, 2, 2 * h},
                        {Scheme::kPredictorCorrector, 0, 2 * h},
                        {Scheme::kProbabilityFlow, 1, 0.0}};
  for (const Case& c : cases) {
    SCOPED_TRACE(to_string(c.s) + " corrector_steps " + std::to_string(c.corrector_steps));
    ParticleRunOptions opt;
    opt.seed = kEngineSeed;
    opt.corrector_steps = c.corrector_steps;
    const Mat y0 = draw_initial_particles(Init::kReference, *p, *data, T, n, kEngineSeed);
    const ParticleRun plain = run_particle_sampler(*p, score, c.s, grid, y0, opt);
    opt.last_step_particles = keep;
    const ParticleRun kept = run_particle_sampler(*p, score, c.s, grid, y0, opt);
    ASSERT_TRUE(plain.ok() && kept.ok());
    EXPECT_FALSE(plain.last_step.has_value());
    EXPECT_EQ(0, std::memcmp(plain.points.data(), kept.points.data(),
                             sizeof(double) * static_cast<std::size_t>(plain.points.size())));
    if (c.s == Scheme::kProbabilityFlow) {
      EXPECT_FALSE(kept.last_step.has_value());
      continue;
    }
    ASSERT_TRUE(kept.last_step.has_value());
    const KernelMixture& m = *kept.last_step;
    ASSERT_EQ(m.centres.rows(), keep);
    ASSERT_EQ(m.weights.size(), keep);
    EXPECT_EQ(m.weights.minCoeff(), m.weights.maxCoeff());
    EXPECT_NEAR(m.var, c.var, 1e-14 * c.var);
    const Mat z = (kept.points.topRows(keep) - m.centres) / std::sqrt(m.var);
    const double k = static_cast<double>(keep);
    const double mean = z.mean(), var = (z.array() - mean).square().sum() / (k - 1.0);
    EXPECT_LE(std::abs(mean), kMcZ * std::sqrt(1.0 / k)) << mean;
    EXPECT_LE(std::abs(var - 1.0), kMcZ * std::sqrt(2.0 / k)) << var;
  }
  // Keeping more than n keeps n.
  ParticleRunOptions opt;
  opt.seed = kEngineSeed;
  opt.last_step_particles = 10 * n;
  const ParticleRun all = run_particle_sampler(
      *p, score, Scheme::kEulerMaruyama, grid,
      draw_initial_particles(Init::kReference, *p, *data, T, n, kEngineSeed), opt);
  EXPECT_EQ(all.last_step->centres.rows(), n);
}

TEST(ParticleEngine, InitialDrawsHaveTheirLaws) {
  Mat cov(2, 2);
  cov << 1.0, 0.3, 0.3, 0.5;
  const GaussianData data((Vec(2) << 2.0, -1.0).finished(), cov);
  const ProcessPtr p = make_vp(make_linear_schedule(0.1, 20.0, 1.0));
  const SpectralGaussian pt = data.marginal(*p, 0.4);
  const Gaussian pt_dense = pt.dense();
  const Mat X = draw_initial_particles(Init::kPT, *p, data, 0.4, kEngineParticles, kEngineSeed);
  expect_moments(X, pt_dense.mean, pt_dense.cov.diagonal());
  const IsoGaussian ref = p->reference(2, 0.4);
  const Mat R =
      draw_initial_particles(Init::kReference, *p, data, 0.4, kEngineParticles, kEngineSeed);
  expect_moments(R, ref.mean, Vec::Constant(2, ref.var));
}

TEST(ParticleEngine, RejectsWhatCannotRun) {
  const auto data = std::make_shared<const GaussianData>(gaussian_1d(0.0, 1.0));
  const ProcessPtr p = make_standard_ou();
  const GaussianScore score(p, *data, ScoreError{});
  const TimeGrid grid = TimeGrid::uniform(1.0, 4);
  expect_input_error_naming(
      [&] { run_particle_sampler(*p, score, Scheme::kContinuous, grid, Mat::Zero(10, 1)); },
      "sampler");
  expect_input_error_naming(
      [&] { run_particle_sampler(*p, score, Scheme::kEulerMaruyama, grid, Mat::Zero(1, 1)); },
      "particles");
  ParticleRunOptions opt;
  opt.corrector_scale = 0.0;
  expect_input_error_naming(
      [&] {
        run_particle_sampler(*p, score, Scheme::kPredictorCorrector, grid, Mat::Zero(10, 1), opt);
      },
      "corrector_scale");
  ParticleRunOptions keep;
  keep.last_step_particles = -1;
  expect_input_error_naming(
      [&] {
        run_particle_sampler(*p, score, Scheme::kEulerMaruyama, grid, Mat::Zero(10, 1), keep);
      },
      "last_step_particles");
}

TEST(ParticleEngine, ReportsDivergenceInsteadOfInfinity) {
  // A score error δ = 1e6 makes the EM step factor 1 + h − 2h(1 + δ)/v_τ about −1e5 per
  // step: after 100 steps the particles overflow.
  const auto data = std::make_shared<const GaussianData>(gaussian_1d(0.0, 1.0));
  const ProcessPtr p = make_standard_ou();
  ScoreError err;
  err.delta = 1e6;
  const GaussianScore score(p, *data, err);
  const ParticleRun run = run_particle_sampler(*p, score, Scheme::kEulerMaruyama,
                                               TimeGrid::uniform(10.0, 100), Mat::Ones(100, 1));
  EXPECT_FALSE(run.ok());
  EXPECT_NE(run.message.find("diverged"), std::string::npos) << run.message;
  EXPECT_EQ(run.points.size(), 0);
}

}  // namespace
}  // namespace sb
