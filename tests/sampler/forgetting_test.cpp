// Forgetting of the backward chain (src/sb/sampler/forgetting.hpp; SCCLO26, seed 000;
// theory-notes C9, D-28): test vector V22 to 1e-10; the grid engine's TV against the closed form
// on Gaussian data at every step (1-D, EM/EI/EIR; 2-D correlated); a Monte Carlo cross-check of
// the grid TV on a bimodal mixture with a stated one-sided rule; the coupling bound; the fitting
// rule; named input errors.
#include "sb/sampler/forgetting.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include "sb/core/rng.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace sb {
namespace {

double rel_err(double a, double b) { return std::abs(a - b) / std::abs(b); }

// theory-notes E, V22: EM, OU std, data N(0,4), T = 1, N = 10, starts x = 2, y = −2 (Dirac).
TEST(ForgettingTestVectors, V22) {
  const Problem pr =
      make_problem(make_standard_ou(), gaussian_1d(0, 4), 1.0, 10, Scheme::kEulerMaruyama);
  const ScorePtr score = make_score(pr);
  const ForgettingCurve c = forgetting_exact(*pr.process, *score->as_affine(), pr.scheme, pr.grid,
                                             Vec::Constant(1, 2.0), Vec::Constant(1, -2.0));
  ASSERT_EQ(c.tv.size(), 11u);
  EXPECT_LT(rel_err(c.mean_x(0), 1.991214234), 1e-9);  // printed to 10 digits
  EXPECT_LT(rel_err(c.mean_y(0), -1.991214234), 1e-9);
  EXPECT_LT(rel_err(c.cov(0, 0), 2.3383510272), 1e-10);
  EXPECT_LT(rel_err(c.product_norm.back(), 0.995607117001), 1e-10);
  EXPECT_LT(rel_err(c.tv.back().value, 0.807137058253), 1e-10);
  EXPECT_EQ(c.tv.back().method, "exact_equal_covariance");
  EXPECT_EQ(c.tv[0].value, 1.0);
  // D-28: max A_k = 1.042 (the last step, var_{τ_9} close to 4), product 0.9956 < 1.
  const double max_l = *std::max_element(c.step_lipschitz.begin(), c.step_lipschitz.end());
  EXPECT_NEAR(max_l, 1.042, 5e-4);
  EXPECT_GT(max_l, 1.0);
  // A_k = 1 + h − 2h/var_{τ_k} in closed form at every step.
  for (int k = 0; k < 10; ++k) {
    const double tau = pr.grid.tau(k), var = 4 * std::exp(-2 * tau) + 1 - std::exp(-2 * tau);
    EXPECT_LT(rel_err(c.step_lipschitz[static_cast<std::size_t>(k)], 1.1 - 0.2 / var), 1e-14);
  }
  // TV is non-increasing (data processing) although the last steps expand.
  for (std::size_t k = 1; k < c.tv.size(); ++k) EXPECT_LE(c.tv[k].value, c.tv[k - 1].value);
}

// Independent cross-check of the closed form: the output laws N(M_N^x, C_N), N(M_N^y, C_N)
// through the metric layer's 1-D TV (theory-notes B.4), and the mean recursion against an
// explicit product of the scalar A_k (EI, data N(1, 0.5), nonzero means).
TEST(ForgettingExact, AgreesWithMetricLayerTv) {
  const Problem pr = make_problem(make_standard_ou(), gaussian_1d(1, 0.5), 2.0, 15,
                                  Scheme::kExponentialIntegrator);
  const ForgettingCurve c =
      forgetting_exact(*pr.process, *make_score(pr)->as_affine(), pr.scheme, pr.grid,
                       Vec::Constant(1, 3.0), Vec::Constant(1, -1.0));
  const double ref = total_variation_1d(c.mean_x(0), c.cov(0, 0), c.mean_y(0), c.cov(0, 0));
  EXPECT_LT(rel_err(c.tv.back().value, ref), 1e-12);
  double prod = 1;
  for (double l : c.step_lipschitz) prod *= l;  // A_k > 0 here
  EXPECT_LT(rel_err(c.mean_x(0) - c.mean_y(0), 4.0 * prod), 1e-13);
}

// Spectral path (data eigenbasis, O(d) per step) against the dense path, d = 6 correlated data
// with a multiplicative and an additive error, every k, and an oblique start.
TEST(ForgettingExact, SpectralPathMatchesDense) {
  const GaussianData data = gaussian_preset("correlated", 6);
  const Problem pr = make_problem(make_standard_ou(), data, 1.5, 12, Scheme::kExponentialIntegrator,
                                  {.delta = 0.1, .eps = 0.3, .direction = {}});
  const ScorePtr score = make_score(pr);
  const AffineScore& aff = *score->as_affine();
  ASSERT_TRUE(aff.is_spectral());
  Vec x(6), y = Vec::Zero(6);
  x << 1.0, -0.5, 0.3, 2.0, 0.0, -1.0;
  const ForgettingCurve dn = forgetting_exact(*pr.process, aff, pr.scheme, pr.grid, x, y);
  const ForgettingCurve sp =
      forgetting_exact(*pr.process, aff, pr.scheme, pr.grid, x, y, data.basis().get());
  for (std::size_t k = 0; k < dn.tv.size(); ++k)
    EXPECT_LT(std::abs(sp.tv[k].value - dn.tv[k].value), 1e-13 * dn.tv[k].value + 1e-15) << k;
  for (std::size_t k = 0; k < dn.step_lipschitz.size(); ++k) {
    EXPECT_NEAR(sp.step_lipschitz[k], dn.step_lipschitz[k], 1e-13);
    EXPECT_NEAR(sp.product_norm[k + 1], dn.product_norm[k + 1], 1e-13);
  }
  EXPECT_LT((sp.mean_x - dn.mean_x).norm(), 1e-12);
  EXPECT_LT((sp.cov - dn.cov).norm(), 1e-12);
}

// The additive score error shifts both means alike: TV does not move; δ does.
TEST(ForgettingExact, AdditiveErrorCancelsMultiplicativeDoesNot) {
  const auto tv_for = [](ScoreError err) {
    const Problem pr = make_problem(make_standard_ou(), gaussian_1d(0.5, 2), 1.0, 10,
                                    Scheme::kExponentialRenormalised, err);
    return forgetting_exact(*pr.process, *make_score(pr)->as_affine(), pr.scheme, pr.grid,
                            Vec::Constant(1, 1.0), Vec::Constant(1, -1.0))
        .tv.back()
        .value;
  };
  const double base = tv_for({});
  EXPECT_LT(rel_err(tv_for({.delta = 0.0, .eps = 0.7, .direction = {}}), base), 1e-13);
  EXPECT_GT(std::abs(tv_for({.delta = 0.2, .eps = 0.0, .direction = {}}) - base), 1e-3);
}

// The coupling bound erf(Λ_k‖x − y‖/(2√(2q_{k−1}))) holds at every k, with equality at k = 1.
TEST(ForgettingExact, CouplingBoundHoldsAndIsTightAtTheFirstStep) {
  for (Scheme s :
       {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised}) {
    const Problem pr = make_problem(make_standard_ou(), gaussian_1d(0, 4), 2.0, 20, s);
    const ForgettingCurve c =
        forgetting_exact(*pr.process, *make_score(pr)->as_affine(), s, pr.grid,
                         Vec::Constant(1, 0.25), Vec::Constant(1, -0.25));
    const auto b = c.coupling_bound();
    EXPECT_LT(rel_err(c.tv[1].value, b[1]), 1e-13) << to_string(s);
    for (std::size_t k = 1; k < b.size(); ++k) EXPECT_LE(c.tv[k].value, b[k] * (1 + 1e-13));
  }
}

TEST(ForgettingFit, RuleIsTheEnvelopeThroughTv0) {
  const GeometricFit f = fit_geometric({1.0, 0.5, 0.4, 0.05});
  EXPECT_EQ(f.C, 1.0);
  EXPECT_DOUBLE_EQ(f.rho, std::sqrt(0.4));
  EXPECT_EQ(f.k_star, 2);
  EXPECT_EQ(fit_geometric({0.0, 0.0}).rho, 0.0);
  EXPECT_THROW(fit_geometric({}), InputError);
  EXPECT_THROW(fit_geometric({1.0, 1.5}), InputError);
  // With a larger C the rate drops: C = 4, ρ = max(0.5/4, (0.4/4)^{1/2}, (0.05/4)^{1/3}).
  const GeometricFit g = fit_geometric({1.0, 0.5, 0.4, 0.05}, 4.0);
  EXPECT_DOUBLE_EQ(g.rho, std::sqrt(0.1));
  EXPECT_THROW(fit_geometric({1.0, 0.5}, 0.5), InputError);  // C < TV_0
  EXPECT_THROW(fit_geometric({1.0, 0.5}, std::nan("")), InputError);
}

// Grid engine against the closed form on Gaussian data, every k >= 2 (k = 1 is the closed
// form in both): |grid − exact| <= the grid's bias bound, and the bias bound is small.
TEST(ForgettingGrid, MatchesClosedFormOnGaussianData1d) {
  for (Scheme s :
       {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised}) {
    for (double r : {0.5, 2.0}) {
      const GaussianData data = gaussian_1d(0, 4);
      const Problem pr = make_problem(make_standard_ou(), data, 1.0, 10, s);
      const ScorePtr score = make_score(pr);
      const Vec x = Vec::Constant(1, r), y = Vec::Constant(1, -r);
      const ForgettingCurve ex =
          forgetting_exact(*pr.process, *score->as_affine(), s, pr.grid, x, y);
      const ForgettingCurve gr = forgetting_on_grid(*pr.process, *score, s, pr.grid, x, y,
                                                    {Gaussian{data.mean(), data.cov()}});
      ASSERT_EQ(gr.tv.size(), ex.tv.size());
      for (std::size_t k = 1; k < ex.tv.size(); ++k) {
        const Estimate& g = gr.tv[k];
        EXPECT_LE(std::abs(g.value - ex.tv[k].value), g.bias_bound + 1e-14)
            << to_string(s) << " r=" << r << " k=" << k;
        EXPECT_LT(g.bias_bound, 5e-4) << k;  // the O(Δ²) refinement term of TV dominates
      }
      // Secant slopes of an affine map: |A_k| to rounding.
      for (std::size_t k = 0; k < ex.step_lipschitz.size(); ++k)
        EXPECT_NEAR(gr.step_lipschitz[k], ex.step_lipschitz[k], 1e-9);
    }
  }
}

TEST(ForgettingGrid, MatchesClosedFormOnGaussianData2dCorrelated) {
  Mat cov(2, 2);
  cov << 2.0, 0.6, 0.6, 1.0;
  const GaussianData data(Vec::Zero(2), cov);
  const Problem pr = make_problem(make_standard_ou(), data, 1.0, 5, Scheme::kEulerMaruyama);
  const ScorePtr score = make_score(pr);
  const Vec x = Vec::Constant(2, 0.5), y = Vec::Constant(2, -0.5);
  const ForgettingCurve ex =
      forgetting_exact(*pr.process, *score->as_affine(), pr.scheme, pr.grid, x, y);
  ForgettingGridOptions opt;
  opt.points = 121;
  opt.lipschitz_points = 41;
  opt.half_width_sds = 7.0;
  const ForgettingCurve gr = forgetting_on_grid(*pr.process, *score, pr.scheme, pr.grid, x, y,
                                                {Gaussian{data.mean(), cov}}, opt);
  for (std::size_t k = 1; k < ex.tv.size(); ++k)
    EXPECT_LE(std::abs(gr.tv[k].value - ex.tv[k].value), gr.tv[k].bias_bound + 1e-12) << k;
  for (std::size_t k = 0; k < ex.step_lipschitz.size(); ++k)
    EXPECT_NEAR(gr.step_lipschitz[k], ex.step_lipschitz[k], 1e-8);
}

// Grid refinement on a bimodal mixture (no closed form): 2001 and 4001 nodes agree at every k
// within the sum of their bias bounds, and the Lipschitz estimates within O(Δ²).
TEST(ForgettingGrid, MixtureRefinementAgrees) {
  const auto mix = std::make_shared<GaussianMixture>(gmm_symmetric_pair(2.0, 0.25));
  const Problem pr =
      make_grid_problem(make_standard_ou(), mix, 1.0, 10, Scheme::kExponentialRenormalised, 0.5);
  const ScorePtr score = make_score(pr);
  const Vec x = Vec::Constant(1, 2.0), y = Vec::Constant(1, -2.0);
  ForgettingGridOptions coarse, fine;
  coarse.points = 2001;
  fine.points = 4001;
  fine.lipschitz_points = 40001;
  const ForgettingCurve a = forgetting_on_grid(*pr.process, *score, pr.scheme, pr.grid, x, y,
                                               {mix->moment_law()}, coarse);
  const ForgettingCurve b =
      forgetting_on_grid(*pr.process, *score, pr.scheme, pr.grid, x, y, {mix->moment_law()}, fine);
  for (std::size_t k = 1; k < a.tv.size(); ++k)
    EXPECT_LE(std::abs(a.tv[k].value - b.tv[k].value),
              a.tv[k].bias_bound + b.tv[k].bias_bound + 1e-14)
        << k;
  for (std::size_t k = 0; k < a.step_lipschitz.size(); ++k)
    EXPECT_NEAR(a.step_lipschitz[k], b.step_lipschitz[k], 1e-4 * b.step_lipschitz[k]) << k;
  // The bimodal chain expands near the data (per-step factor > 1) yet TV decreases.
  EXPECT_GT(*std::max_element(b.step_lipschitz.begin(), b.step_lipschitz.end()), 4.0);
  for (std::size_t k = 1; k < b.tv.size(); ++k)
    EXPECT_LE(b.tv[k].value, b.tv[k - 1].value + b.tv[k].bias_bound);
}

// Monte Carlo cross-check on a bimodal mixture ½N(−1.5, 0.3) + ½N(1.5, 0.3), EM, T = 1, N = 10,
// ε = 0.3, starts ±0.5. The set A = {p_x > p_y} is read off the grid densities at step N; the
// chains are simulated (n paths each, seed printed) and P̂_x(A) − P̂_y(A) is compared with
// ∫_A (p_x − p_y) on the grid, which is what it estimates (both the same functional of the two
// laws, so no set-selection bias). Rule: |MC − grid| <= 5 se + grid bias (two-sided false
// alarm 5.7e-7); se <= √(2/(4n)) = 0.0011 at n = 2e5, so an error of 0.01 would be caught.
TEST(ForgettingGrid, MixtureAgainstMonteCarlo) {
  const auto mix = std::make_shared<GaussianMixture>(gmm_symmetric_pair(1.5, 0.3));
  const Problem pr =
      make_grid_problem(make_standard_ou(), mix, 1.0, 10, Scheme::kEulerMaruyama, 0.3);
  const ScorePtr score = make_score(pr);
  const Vec x = Vec::Constant(1, 0.5), y = Vec::Constant(1, -0.5);
  const int N = pr.grid.steps();
  // Densities at step N via the hook, to read the set A.
  const ForgettingCurve gr =
      forgetting_on_grid(*pr.process, *score, pr.scheme, pr.grid, x, y, {mix->moment_law()});
  const double grid_tv_n = gr.tv.back().value;
  EXPECT_GT(grid_tv_n, 0.05);
  EXPECT_LT(grid_tv_n, 0.95);

  // Simulate: n paths from each start.
  constexpr long n = 200000;
  constexpr std::uint64_t kSeed = 20260126;
  std::printf("MixtureAgainstMonteCarlo: n = %ld per start, seed %llu\n", n,
              static_cast<unsigned long long>(kSeed));
  const auto simulate = [&](const Vec& start, std::uint64_t stream) {
    Rng rng(kSeed, stream);
    Mat Y = Mat::Constant(n, 1, start(0));
    for (int k = 0; k < N; ++k) {
      const double q =
          step_coefficients(pr.scheme, *pr.process, pr.grid.tau(k), pr.grid.tau(k + 1)).omega;
      Y = step_map(*pr.process, *score, pr.scheme, pr.grid, k, Y);
      for (long i = 0; i < n; ++i) Y(i, 0) += std::sqrt(q) * rng.normal();
    }
    return Y;
  };
  const Mat Yx = simulate(x, 1), Yy = simulate(y, 2);
  // The law is symmetric under (x, y, ε) ↦ (−y, −x, −ε) only without ε, so A is read from the
  // grid: propagate again and keep the last densities.
  std::vector<double> px, py;
  GridSpec spec;
  {
    // Re-run the suffix with the hook (the same construction as forgetting_on_grid).
    Mat XY(2, 1);
    XY << x(0), y(0);
    const Mat A0 = step_map(*pr.process, *score, pr.scheme, pr.grid, 0, XY);
    const double q0 =
        step_coefficients(pr.scheme, *pr.process, pr.grid.tau(0), pr.grid.tau(1)).omega;
    std::vector<Gaussian> laws = {mix->moment_law(),
                                  Gaussian{A0.row(0).transpose(), Mat::Constant(1, 1, q0)},
                                  Gaussian{A0.row(1).transpose(), Mat::Constant(1, 1, q0)}};
    spec = propagation_grid(*pr.process, 1.0, laws, 2001, 10.0);
    std::vector<double> rev;
    for (int j = 0; j < N; ++j) rev.push_back(pr.grid.tau(1) - pr.grid.tau(j + 1));
    const TimeGrid rest = TimeGrid::from_reverse_times(rev);
    const GridDensity gx = propagate_on_grid(*pr.process, *score, pr.scheme, rest,
                                             GridDensity::from_gaussian(spec, laws[1]));
    const GridDensity gy = propagate_on_grid(*pr.process, *score, pr.scheme, rest,
                                             GridDensity::from_gaussian(spec, laws[2]));
    EXPECT_NEAR(grid_tv(gx, gy).value, grid_tv_n, 1e-14);
    px.assign(gx.values().data(), gx.values().data() + gx.size());
    py.assign(gy.values().data(), gy.values().data() + gy.size());
  }
  const GridAxis& ax = spec.axes[0];
  // A as a union of cells: node intervals [y_i − Δ/2, y_i + Δ/2) where p_x > p_y.
  const auto in_a = [&](double v) {
    const double u = (v - ax.lo) / ax.spacing;
    const long i = std::lround(u);
    if (i < 0 || i >= ax.count) return false;
    return px[static_cast<std::size_t>(i)] > py[static_cast<std::size_t>(i)];
  };
  // ∫_A (p_x − p_y) with the same cells (midpoint rule on the cells, what the MC set is).
  double grid_val = 0.0;
  for (long i = 0; i < ax.count; ++i)
    if (px[static_cast<std::size_t>(i)] > py[static_cast<std::size_t>(i)])
      grid_val += (px[static_cast<std::size_t>(i)] - py[static_cast<std::size_t>(i)]) * ax.spacing;
  double fx = 0, fy = 0;
  for (long i = 0; i < n; ++i) {
    fx += in_a(Yx(i, 0));
    fy += in_a(Yy(i, 0));
  }
  fx /= n;
  fy /= n;
  const double mc = fx - fy;
  const double se = std::sqrt(fx * (1 - fx) / n + fy * (1 - fy) / n);
  // Grid side: the midpoint rule on cells of width 0.012 for densities smooth at scale √q
  // (≥ 0.44): its error is far below 1e-4 (stated allowance).
  const double grid_bias = 1e-4 + gr.tv.back().bias_bound;
  std::printf("MC %.6f (se %.2e) grid %.6f (TV %.6f)\n", mc, se, grid_val, grid_tv_n);
  EXPECT_LE(std::abs(mc - grid_val), 5 * se + grid_bias);
  EXPECT_NEAR(grid_val, grid_tv_n, 1e-3);  // A is the TV-optimal set up to the cell grid
}

TEST(ForgettingErrors, NamedInputErrors) {
  const Problem pr =
      make_problem(make_standard_ou(), gaussian_1d(0, 4), 1.0, 10, Scheme::kEulerMaruyama);
  const ScorePtr score = make_score(pr);
  const AffineScore& aff = *score->as_affine();
  const Vec one = Vec::Constant(1, 1.0);
  EXPECT_THROW(forgetting_exact(*pr.process, aff, Scheme::kContinuous, pr.grid, one, -one),
               InputError);
  EXPECT_THROW(forgetting_exact(*pr.process, aff, pr.scheme, pr.grid, Vec::Zero(2), -one),
               InputError);
  EXPECT_THROW(
      forgetting_exact(*pr.process, aff, pr.scheme, pr.grid, Vec::Constant(1, std::nan("")), -one),
      InputError);
  ForgettingGridOptions coarse;
  coarse.points = 11;  // spacing far above 0.75 √q_0
  EXPECT_THROW(forgetting_on_grid(*pr.process, *score, pr.scheme, pr.grid, one, -one,
                                  {Gaussian{Vec::Zero(1), Mat::Constant(1, 1, 4.0)}}, coarse),
               GridTooCoarse);
  // x = y: TV ≡ 0.
  const ForgettingCurve same = forgetting_exact(*pr.process, aff, pr.scheme, pr.grid, one, one);
  for (const Estimate& e : same.tv) EXPECT_EQ(e.value, 0.0);
}

}  // namespace
}  // namespace sb
