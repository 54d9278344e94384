// Lyapunov drift of the backward chain (src/sb/sampler/lyapunov_drift.hpp; SCCLO26, seed 000,
// slide "Stability II: Lyapunov Propagation"; theory-notes C9, D-28, V22):
//  * V22 / D-28 to 1e-10: the EM slopes on N(0, 4), T = 1, N = 10 multiply to 0.995607117001 and
//    the last one is 1.0421 > 1 (no per-step contraction);
//  * the exact drift (1) against the closed form of the 1-D EM step and against a Monte Carlo of
//    one step (5 standard errors, two-sided false-alarm rate 5.7e-7 per comparison; 1e5 draws,
//    fixed seeds), on Gaussian data and on 1-D/2-D mixtures;
//  * the drift inequality E[V(X_{k+1}) | x] <= (1 − α_k)V(x) + b_k at 2000 random x per case;
//  * b_k: closed form against a brute-force 1-D maximisation; the mixture maximiser against the
//    closed form on a one-component mixture (same law as Gaussian data); b_k <= C9's b_k;
//  * hostile inputs.
#include "sb/sampler/lyapunov_drift.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "sb/core/rng.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"

namespace sb {
namespace {

constexpr Scheme kLdSchemes[] = {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                                 Scheme::kExponentialRenormalised};

DriftProfile ld_profile_of(const Problem& pr, const DriftOptions& opt = {}) {
  const ScorePtr score = make_score(pr);
  return lyapunov_profile(*pr.process, *score, pr.scheme, pr.grid, *pr.target, opt);
}

Problem ld_mixture_problem(GaussianMixture mix, double T, int N, Scheme s, double eps = 0.0,
                           double delta = 0.0) {
  Problem pr = make_grid_problem(make_standard_ou(), std::make_shared<const GaussianMixture>(mix),
                                 T, N, s, eps);
  pr.score_error.delta = delta;
  pr.validate();
  return pr;
}

GaussianMixture ld_square_mixture(double a, double var) {
  Mat means(4, 2);
  means << -a, -a, -a, a, a, -a, a, a;
  return GaussianMixture(Vec::Constant(4, 0.25), means, var);
}

// theory-notes V22 / D-28 / C9: EM, OU std, N(0, 4), T = 1, N = 10.
TEST(LyapunovDriftTestVectors, V22EmSlopesProductAndMaximum) {
  const Problem pr =
      make_problem(make_standard_ou(), gaussian_1d(0, 4), 1.0, 10, Scheme::kEulerMaruyama);
  const DriftProfile prof = ld_profile_of(pr);
  double prod = 1.0;
  for (const DriftStep& st : prof.steps) prod *= st.slope;
  EXPECT_NEAR(prod, 0.995607117001, 1e-10 * 0.995607117001);
  // Last step τ_k = 0.1: A = 1 + h − 2h/var_{0.1}, var_{0.1} = 1 + 3e^{−0.2} (theory-notes C9).
  const double a_last = 1.1 - 0.2 / (1.0 + 3.0 * std::exp(-0.2));
  EXPECT_EQ(prof.k_rho_max, 9);
  EXPECT_NEAR(prof.steps.back().slope, a_last, 1e-14);
  EXPECT_NEAR(prof.rho_max, a_last * a_last, 1e-13);
  EXPECT_NEAR(a_last, 1.0421, 1e-4);  // "max A_k = 1.042"
  EXPECT_FALSE(prof.uniform);
  EXPECT_LT(prof.alpha, 0.0);
}

// EI and EIR expand at the same steps: A_k = 1 + (e^h − 1)(1 − 2/var) and 1 + (1 − e^{−h})(1 −
// 2/var) on the standard OU, both > 1 iff var_{τ_k} > 2.
TEST(LyapunovDrift, EveryAffineSchemeExpandsIffVarianceAboveTwo) {
  for (Scheme s : kLdSchemes) {
    const Problem pr = make_problem(make_standard_ou(), gaussian_1d(0, 4), 1.0, 10, s);
    const DriftProfile prof = ld_profile_of(pr);
    for (const DriftStep& st : prof.steps) {
      const double var = 1.0 + 3.0 * std::exp(-2.0 * st.tau_from);
      const double h = 0.1;
      const double g = s == Scheme::kEulerMaruyama           ? h
                       : s == Scheme::kExponentialIntegrator ? std::expm1(h)
                                                             : -std::expm1(-h);
      EXPECT_NEAR(st.slope, 1.0 + g * (1.0 - 2.0 / var), 1e-13) << to_string(s) << " k=" << st.k;
      EXPECT_EQ(st.slope > 1.0, var > 2.0);
    }
    EXPECT_FALSE(prof.uniform) << to_string(s);
  }
}

// (1) against the closed form of the 1-D EM step on the standard OU:
// A_k(x) = (1 + h)x + 2h((1 + δ)(μ_τ − x)/var_τ + ε), E V = 1 + A² + 2h.
TEST(LyapunovDrift, ExactDriftMatchesClosedFormEm1d) {
  const GaussianData data = gaussian_1d(0.7, 2.5);
  const ScoreError err{.delta = 0.2, .eps = 0.3, .direction = {}};
  const Problem pr = make_problem(make_standard_ou(), data, 2.0, 8, Scheme::kEulerMaruyama, err);
  const ScorePtr score = make_score(pr);
  for (int k = 0; k < 8; ++k) {
    const double tau = pr.grid.tau(k), h = 0.25;
    const double var = 2.5 * std::exp(-2 * tau) - std::expm1(-2 * tau);
    const double mt = 0.7 * std::exp(-tau);
    for (double x : {-5.0, -0.3, 0.0, 1.1, 40.0}) {
      const double A = (1 + h) * x + 2 * h * (1.2 * (mt - x) / var + 0.3);
      Vec xv(1);
      xv(0) = x;
      const double got = lyapunov_drift(*pr.process, *score, pr.scheme, pr.grid, k, xv);
      EXPECT_NEAR(got, 1 + A * A + 2 * h, 1e-13 * (1 + A * A)) << "k=" << k << " x=" << x;
    }
  }
}

// (1) against a Monte Carlo of one step: 1e5 draws X' = A_k(x) + √ω Z, mean of V(X') within 5
// standard errors (two-sided false-alarm rate 5.7e-7 per comparison, 60 comparisons).
TEST(LyapunovDrift, ExactDriftMatchesMonteCarloOfOneStep) {
  const ScoreError err{.delta = -0.1, .eps = 0.5, .direction = {}};
  std::vector<Problem> problems;
  for (Scheme s : kLdSchemes) {
    problems.push_back(
        make_problem(make_standard_ou(), gaussian_preset("correlated", 3), 1.0, 5, s, err));
    problems.push_back(ld_mixture_problem(gmm_symmetric_pair(2.0, 0.25), 1.0, 5, s, 0.5, 0.1));
    problems.push_back(ld_mixture_problem(ld_square_mixture(1.5, 0.5), 1.0, 5, s, 0.3));
  }
  Rng rng(20261123, 7);
  const long n = 100000;
  int comparisons = 0;
  for (const Problem& pr : problems) {
    const ScorePtr score = make_score(pr);
    const Eigen::Index d = pr.dim();
    for (int k : {0, 2, 4}) {
      const double omega =
          step_coefficients(pr.scheme, *pr.process, pr.grid.tau(k), pr.grid.tau(k + 1)).omega;
      for (double scale : {0.5, 3.0}) {
        Vec x(d);
        for (Eigen::Index j = 0; j < d; ++j) x(j) = scale * rng.normal();
        const Vec A = drift_step_mean(*pr.process, *score, pr.scheme, pr.grid, k, x);
        double sum = 0.0, sum2 = 0.0;
        for (long i = 0; i < n; ++i) {
          double v = 1.0;
          for (Eigen::Index j = 0; j < d; ++j) {
            const double y = A(j) + std::sqrt(omega) * rng.normal();
            v += y * y;
          }
          sum += v;
          sum2 += v * v;
        }
        const double mean = sum / n, se = std::sqrt((sum2 / n - mean * mean) / (n - 1));
        const double exact = lyapunov_drift(*pr.process, *score, pr.scheme, pr.grid, k, x);
        EXPECT_LE(std::abs(mean - exact), 5.0 * se)
            << to_string(pr.scheme) << " d=" << d << " k=" << k << " exact " << exact << " mc "
            << mean << " se " << se;
        ++comparisons;
      }
    }
  }
  EXPECT_EQ(comparisons, 54);
}

// The drift inequality at 2000 random points per case (scales 0.1 to 100), every scheme, Gaussian
// data (d = 1, 3) and mixtures (1-D, 2-D), with additive and multiplicative errors; per step with
// (α_k, b_k), and uniformly with (α, b) when α > 0.
TEST(LyapunovDrift, DriftInequalityHoldsAtRandomPoints) {
  std::vector<Problem> problems;
  for (Scheme s : kLdSchemes) {
    problems.push_back(make_problem(make_standard_ou(), gaussian_1d(1, 4), 1.0, 10, s,
                                    {.delta = 0.0, .eps = 0.4, .direction = {}}));
    problems.push_back(make_problem(make_standard_ou(), gaussian_preset("correlated", 3), 2.0, 10,
                                    s, {.delta = 0.3, .eps = 1.0, .direction = {}}));
    problems.push_back(ld_mixture_problem(gmm_symmetric_pair(2.0, 0.25), 1.0, 10, s, 0.5));
    problems.push_back(ld_mixture_problem(gmm_symmetric_pair(1.0, 3.0), 1.0, 10, s, 0.2, -0.2));
    problems.push_back(ld_mixture_problem(ld_square_mixture(1.5, 0.5), 1.0, 6, s, 0.3, 0.1));
  }
  Rng rng(20261123, 11);
  for (const Problem& pr : problems) {
    const ScorePtr score = make_score(pr);
    const DriftProfile prof = ld_profile_of(pr);
    const Eigen::Index d = pr.dim();
    for (const DriftStep& st : prof.steps) {
      EXPECT_LE(st.b, st.b_c9 * (1 + 1e-12) + 1e-12);
      for (int i = 0; i < 2000; ++i) {
        const double scale = std::pow(10.0, -1.0 + 3.0 * rng.uniform());
        Vec x(d);
        for (Eigen::Index j = 0; j < d; ++j) x(j) = scale * rng.normal();
        const double V = 1.0 + x.squaredNorm();
        const double ev = lyapunov_drift(*pr.process, *score, pr.scheme, pr.grid, st.k, x);
        const double tol = 1e-11 * (ev + std::abs(st.b));
        EXPECT_LE(ev, (1.0 - st.alpha) * V + st.b + tol)
            << to_string(pr.scheme) << " " << pr.target->describe() << " k=" << st.k;
        if (prof.uniform) {
          EXPECT_LE(ev, (1.0 - prof.alpha) * V + prof.b + tol);
        }
      }
    }
  }
}

// b_k of an affine step (closed form) against a brute-force maximisation: a 1-D grid (spacing
// 0.01 on [-20, 20]) and the vertex of the parabola through the best node and its neighbours
// (exact for the quadratic g): agreement to 1e-9 relative.
TEST(LyapunovDrift, AffineClosedFormMatchesBruteForce) {
  const Problem pr =
      make_problem(make_standard_ou(), gaussian_1d(-1.5, 0.3), 1.5, 6,
                   Scheme::kExponentialIntegrator, {.delta = 0.1, .eps = 0.8, .direction = {}});
  const ScorePtr score = make_score(pr);
  const DriftProfile prof = ld_profile_of(pr);
  for (const DriftStep& st : prof.steps) {
    const auto g = [&](double x) {
      Vec v(1);
      v(0) = x;
      return lyapunov_drift(*pr.process, *score, pr.scheme, pr.grid, st.k, v) -
             (1.0 - st.alpha) * (1.0 + x * x);
    };
    const double dx = 0.01;
    double best = -1e300, xb = 0;
    for (int i = -2000; i <= 2000; ++i) {
      const double x = i * dx, gx = g(x);
      if (gx > best) {
        best = gx;
        xb = x;
      }
    }
    EXPECT_LE(best, st.b * (1 + 1e-12));
    const double gm = g(xb - dx), g0 = g(xb), gp = g(xb + dx);
    // p(t) = g0 + Bt + Ct² through the three nodes; vertex at t* = −B/(2C), value g0 − B²/(4C).
    const double B = (gp - gm) / (2 * dx), C = (gp - 2 * g0 + gm) / (2 * dx * dx);
    const double shift = -B / (2 * C);
    const double vertex = g0 - B * B / (4 * C);
    EXPECT_NEAR(vertex, st.b, 1e-9 * std::abs(st.b)) << "k=" << st.k;
    EXPECT_NEAR(std::abs(xb + shift), st.argmax_norm, 1e-6);
  }
}

// A one-component mixture is Gaussian data: the numerical maximiser of the mixture path must
// reproduce the affine closed form (independent cross-check of the grid + golden-section sup).
TEST(LyapunovDrift, MixtureMaximiserMatchesClosedFormOnOneComponent) {
  for (Scheme s : kLdSchemes) {
    Mat mean1(1, 1);
    mean1 << 0.8;
    const Problem mix =
        ld_mixture_problem(GaussianMixture(Vec::Ones(1), mean1, 1.7), 1.0, 5, s, 0.6);
    const Problem gauss = make_problem(make_standard_ou(), gaussian_1d(0.8, 1.7), 1.0, 5, s,
                                       {.delta = 0.0, .eps = 0.6, .direction = {}});
    const DriftProfile pm = ld_profile_of(mix), pg = ld_profile_of(gauss);
    ASSERT_FALSE(pm.exact_b);
    ASSERT_TRUE(pg.exact_b);
    for (std::size_t k = 0; k < pm.steps.size(); ++k) {
      EXPECT_NEAR(pm.steps[k].rho, pg.steps[k].rho, 1e-13);
      EXPECT_NEAR(pm.steps[k].b, pg.steps[k].b, 1e-10 * std::abs(pg.steps[k].b));
      EXPECT_NEAR(pm.steps[k].b_c9, pg.steps[k].b_c9, 1e-12 * pg.steps[k].b_c9);
    }
  }
  // 2-D: four equal components at the same point.
  Mat means = Mat::Constant(4, 2, 0.5);
  const Problem mix2 = ld_mixture_problem(GaussianMixture(Vec::Constant(4, 0.25), means, 0.6), 1.0,
                                          4, Scheme::kEulerMaruyama, 0.3);
  const Problem g2 = make_problem(
      make_standard_ou(), GaussianData(Vec::Constant(2, 0.5), 0.6 * Mat::Identity(2, 2)), 1.0, 4,
      Scheme::kEulerMaruyama, {.delta = 0.0, .eps = 0.3, .direction = {}});
  const DriftProfile pm2 = ld_profile_of(mix2), pg2 = ld_profile_of(g2);
  for (std::size_t k = 0; k < pm2.steps.size(); ++k)
    EXPECT_NEAR(pm2.steps[k].b, pg2.steps[k].b, 1e-9 * std::abs(pg2.steps[k].b));
}

// The additive error leaves ρ_k unchanged and raises b_k quadratically (no explosion); the
// multiplicative error changes ρ_k: on N(0, 4) EM contracts at a step iff var_τ < 2(1 + δ)
// (for h = 0.1), and var_τ reaches 3.46 at the last step.
TEST(LyapunovDrift, ScoreErrorsMoveConstantsAsExpected) {
  const auto prof = [](double eps, double delta) {
    return ld_profile_of(make_problem(make_standard_ou(), gaussian_1d(0, 1.5), 1.0, 10,
                                      Scheme::kEulerMaruyama,
                                      {.delta = delta, .eps = eps, .direction = {}}));
  };
  const DriftProfile p0 = prof(0, 0), p1 = prof(1, 0), p2 = prof(2, 0);
  EXPECT_TRUE(p0.uniform);
  EXPECT_EQ(p0.rho_max, p1.rho_max);
  EXPECT_EQ(p0.alpha, p1.alpha);
  EXPECT_GT(p1.b, p0.b);
  // Per step, b_k(ε) − b_k(0) is a quadratic form in ε when the data mean is 0 (c = γ ε e):
  // exact ratio 4 between ε = 2 and ε = 1 (the maximising step of b = max_k b_k may move).
  for (std::size_t k = 0; k < p0.steps.size(); ++k)
    EXPECT_NEAR((p2.steps[k].b - p0.steps[k].b) / (p1.steps[k].b - p0.steps[k].b), 4.0, 1e-9);
  const auto big = [](double delta) {
    return ld_profile_of(make_problem(make_standard_ou(), gaussian_1d(0, 4), 1.0, 10,
                                      Scheme::kEulerMaruyama,
                                      {.delta = delta, .eps = 0.0, .direction = {}}));
  };
  EXPECT_FALSE(big(0.5).uniform);  // needs var < 2(1 + δ) = 3 at every step: 4 > 3
  EXPECT_TRUE(big(1.5).uniform);   // 2(1 + δ) = 5 > 4
}

TEST(LyapunovDrift, HostileInputs) {
  const Problem pr =
      make_problem(make_standard_ou(), gaussian_1d(0, 1), 1.0, 10, Scheme::kEulerMaruyama);
  const ScorePtr score = make_score(pr);
  EXPECT_THROW(lyapunov_profile(*pr.process, *score, Scheme::kContinuous, pr.grid, *pr.target),
               InputError);
  EXPECT_THROW(
      lyapunov_profile(*pr.process, *score, pr.scheme, pr.grid, *pr.target, {.alpha_share = 0.0}),
      InputError);
  EXPECT_THROW(lyapunov_profile(*pr.process, *score, pr.scheme, pr.grid, *pr.target,
                                {.alpha_share = 0.5, .expand_eta = -1.0}),
               InputError);
  EXPECT_THROW(lyapunov_profile(*pr.process, *score, pr.scheme, pr.grid, *pr.target,
                                {.alpha_share = 0.5, .expand_eta = 0.1, .grid_points = 10}),
               InputError);
  EXPECT_THROW(lyapunov_drift(*pr.process, *score, pr.scheme, pr.grid, 10, Vec::Zero(1)),
               InputError);
  EXPECT_THROW(lyapunov_drift(*pr.process, *score, pr.scheme, pr.grid, 0, Vec::Zero(2)),
               InputError);
  // EIR needs a stationary law: not the Brownian VE.
  const Problem ve =
      make_problem(make_ve_brownian(), gaussian_1d(0, 1), 1.0, 10, Scheme::kEulerMaruyama);
  const ScorePtr sve = make_score(ve);
  EXPECT_THROW(
      lyapunov_profile(*ve.process, *sve, Scheme::kExponentialRenormalised, ve.grid, *ve.target),
      InputError);
  // A mixture with unequal covariances is not handled (the slope is not one number).
  std::vector<Mat> covs = {Mat::Identity(1, 1), 2.0 * Mat::Identity(1, 1)};
  Mat means(2, 1);
  means << -1, 1;
  const Problem un = ld_mixture_problem(GaussianMixture(Vec::Constant(2, 0.5), means, covs), 1.0, 5,
                                        Scheme::kEulerMaruyama);
  EXPECT_THROW(ld_profile_of(un), InputError);
}

}  // namespace
}  // namespace sb
