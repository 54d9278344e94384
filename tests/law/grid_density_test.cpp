// GridDensity (src/sb/law/grid_density.hpp): a Gaussian filled on a grid against the closed
// forms — mass balance, moments, CDF, quantiles, and every distance (KL both ways, TV, H², W2)
// against the exact Gaussian values of src/sb/metric, within the stated bias bound — and the
// named input errors.
#include "sb/law/grid_density.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/data/mixture1d.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/metric/grid_metrics.hpp"
#include "sb/metric/hellinger.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;  // the shared helpers (tests/test_util.hpp)

GridSpec axis1(double lo, double hi, Eigen::Index n) {
  return GridSpec{{GridAxis{lo, (hi - lo) / static_cast<double>(n - 1), n}}};
}

LogDensityFn log_density_of(const Gaussian& g) {
  auto data = std::make_shared<GaussianData>(g.mean, g.cov);
  return [data](const Mat& x) { return data->log_density(x); };
}

// ε-level identities: the trapezoid rule on a grid with spacing <= σ/4 and ±12σ of room is exact
// to rounding for a Gaussian (error ~2·exp(−2π²·16) and tails ~1e-33), so the mass balance,
// moments and CDF hold to a few hundred ε (n ≈ 400 terms of rounding in each sum).
TEST(GridDensity, GaussianMassMomentsCdfAndQuantiles) {
  const Gaussian law{vec1(0.7), mat1(1.8)};
  const GridDensity g = GridDensity::from_gaussian(axis1(-15.0, 16.0, 401), law);
  EXPECT_EQ(g.kind(), "grid_density");
  EXPECT_EQ(g.dim(), 1);
  EXPECT_EQ(g.as_grid(), &g);
  EXPECT_NEAR(g.mass() + g.lost_mass(), 1.0, 400 * kEps);
  EXPECT_LT(g.lost_mass(), 1e-25);
  EXPECT_NEAR(g.mean()(0), 0.7, 400 * kEps * 16);
  EXPECT_NEAR(g.covariance()(0, 0), 1.8, 400 * kEps * 256);
  ASSERT_TRUE(g.last_step().has_value());  // isotropic: the one-component mixture
  for (double x : {-3.0, 0.0, 0.7, 2.5}) {
    const double exact = std_normal_cdf((x - 0.7) / std::sqrt(1.8));
    EXPECT_NEAR(g.cdf(x), exact, 10 * kEps) << x;
    EXPECT_NEAR(g.quantile(exact), x, 1e-12) << x;
  }
  // The cumulative trapezoid path (no mixture attached): O(Δ²) with Δ = 0.0775, so the CDF is
  // within Δ²·max|p'|/4 ≈ 4e-4 of the exact one but not at ε (which shows the paths differ).
  const GridDensity raw(g.grid(), g.values(), g.lost_mass());
  const double exact = std_normal_cdf((1.2 - 0.7) / std::sqrt(1.8));
  EXPECT_NEAR(raw.cdf(1.2), exact, 4e-4);
  EXPECT_GT(std::abs(raw.cdf(1.2) - exact), 1e-9);
}

// Every distance between N(0.7, 1.8) on the grid and the target N(0.2, 1.1) against its closed
// form: |grid − exact| <= bias_bound, and the bias bound is small (smooth integrands: rounding
// level; TV's kinks: O(Δ²) from the refinement comparison).
TEST(GridDensity, DistancesAgreeWithGaussianClosedForms1d) {
  const Gaussian P{vec1(0.7), mat1(1.8)}, Q{vec1(0.2), mat1(1.1)};
  const GridDensity g = GridDensity::from_gaussian(axis1(-15.0, 16.0, 801), P);
  const LogDensityFn logq = log_density_of(Q);
  struct Row {
    const char* name;
    Estimate grid;
    double exact, max_bias;
  };
  const Row rows[] = {
      {"kl_data_model", g.kl_data_model(logq), kl_divergence(Q, P), 1e-10},
      {"kl_model_data", g.kl_model_data(logq), kl_divergence(P, Q), 1e-10},
      {"tv", g.tv(logq), total_variation_1d(0.7, 1.8, 0.2, 1.1), 1e-4},
      {"hellinger2", g.hellinger2(logq), hellinger_squared(P, Q), 1e-10},
      {"w2", g.w2([&](double x) { return std_normal_cdf((x - 0.2) / std::sqrt(1.1)); }, -30, 30),
       w2(P, Q), 1e-9},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.name);
    EXPECT_EQ(r.grid.method, "grid_quadrature");
    EXPECT_LE(std::abs(r.grid.value - r.exact), r.grid.bias_bound + 1e-13)
        << r.grid.value << " vs " << r.exact << ", bias bound " << r.grid.bias_bound;
    EXPECT_LE(r.grid.bias_bound, r.max_bias);
    EXPECT_TRUE(near_rel(r.grid.value, r.exact, r.name == std::string("tv") ? 3e-4 : 1e-9));
  }
}

// Where the propagated density underflows (or its kernels were cut) but the target's mass is
// negligible, the node is left out and its contribution's bound goes to the bias bound; the
// value still agrees with the closed form. N(0.7, 1.8) on [-15, 16] with the node x = 11.505 set
// to 0: the target N(0.2, 1.1) has density 2e-26 there (node mass 9e-28, contribution bound
// 7e-25, far below 1e-12; the KL is no longer taken to be infinite for such nodes).
TEST(GridDensity, KlSkipsNegligibleNodesWhereTheDensityVanishes) {
  const Gaussian P{vec1(0.7), mat1(1.8)}, Q{vec1(0.2), mat1(1.1)};
  const GridDensity full = GridDensity::from_gaussian(axis1(-15.0, 16.0, 801), P);
  Vec v = full.values();
  v(684) = 0.0;
  const GridDensity g(axis1(-15.0, 16.0, 801), v);
  const Estimate kl = g.kl_data_model(log_density_of(Q));
  EXPECT_LE(std::abs(kl.value - kl_divergence(Q, P)), kl.bias_bound + 1e-13);
  EXPECT_LE(kl.bias_bound, 1e-10);
}

// A correlated 2-D Gaussian: moments and KL in both directions against the closed forms.
TEST(GridDensity, CorrelatedGaussianIn2d) {
  const Gaussian P{vec2(0.3, -0.2), mat2(1.0, 0.6, 0.6, 0.8)};
  const Gaussian Q{vec2(0.0, 0.1), mat2(1.2, 0.3, 0.3, 1.0)};
  const GridSpec spec{{GridAxis{-12.0, 0.12, 201}, GridAxis{-12.0, 0.12, 201}}};
  const GridDensity g = GridDensity::from_gaussian(spec, P);
  EXPECT_FALSE(g.last_step().has_value());  // not isotropic
  EXPECT_NEAR(g.mass() + g.lost_mass(), 1.0, 1e-12);
  EXPECT_TRUE(g.mean().isApprox(P.mean, 1e-12));
  EXPECT_TRUE(g.covariance().isApprox(P.cov, 1e-12));
  const LogDensityFn logq = log_density_of(Q);
  const Estimate kl = g.kl_data_model(logq), rkl = g.kl_model_data(logq);
  EXPECT_TRUE(near_rel(kl.value, kl_divergence(Q, P), 1e-10));
  EXPECT_TRUE(near_rel(rkl.value, kl_divergence(P, Q), 1e-10));
  EXPECT_LE(kl.bias_bound, 1e-10);
  EXPECT_TRUE(near_rel(g.hellinger2(logq).value, hellinger_squared(P, Q), 1e-10));
}

// W2 against a Mixture1d: one component is the Gaussian closed form; a two-component mixture
// filled on a grid (no last-step mixture: the O(Δ²) CDF path) is within its bias bound of 0.
TEST(GridDensity, W2AgainstMixture1d) {
  const Gaussian P{vec1(0.7), mat1(1.8)};
  const GridDensity g = GridDensity::from_gaussian(axis1(-15.0, 16.0, 801), P);
  const Mixture1d one{vec1(1.0), vec1(-0.4), vec1(std::sqrt(0.6))};
  EXPECT_TRUE(near_rel(w2(g, one).value, w2(P, Gaussian{vec1(-0.4), mat1(0.6)}), 1e-9));

  const Mixture1d two{vec2(0.3, 0.7), vec2(-1.0, 2.0), vec2(0.5, 0.6)};
  const GridSpec spec = axis1(-8.0, 10.0, 1201);
  Vec values(1201);
  for (Eigen::Index i = 0; i < values.size(); ++i) values(i) = two.pdf(spec.axes[0].node(i));
  const GridDensity m(spec, values);
  const Estimate self = w2(m, two);
  EXPECT_LE(self.value, self.bias_bound + 1e-12);
  EXPECT_LT(self.bias_bound, 1e-3);
}

TEST(GridDensity, NamedInputErrors) {
  const GridSpec three{{GridAxis{0, 1, 5}, GridAxis{0, 1, 5}, GridAxis{0, 1, 5}}};
  test::expect_input_error_naming([&] { GridDensity(three, Vec::Ones(125)); }, "grid dimension");
  test::expect_input_error_naming([&] { GridDensity(axis1(0, 1, 5), Vec::Ones(4)); },
                                  "values.size()");
  test::expect_input_error_naming([&] { GridDensity(axis1(0, 1, 2), Vec::Ones(2)); }, "count");
  test::expect_input_error_naming(
      [&] {
        GridDensity(axis1(0, 1, 3), test::vec({1, -1, 1}));
      },
      "values[1]");
  const GridSpec two{{GridAxis{-5, 0.5, 21}, GridAxis{-5, 0.5, 21}}};
  const GridDensity g2 = GridDensity::from_gaussian(two, {vec2(0, 0), Mat::Identity(2, 2)});
  test::expect_input_error_naming([&] { (void)g2.w2([](double) { return 0.5; }, -1, 1); },
                                  "dimension");
  test::expect_input_error_naming([&] { (void)g2.cdf(0.0); }, "dimension");
  // A grid density that vanishes where the target has mass: KL(π ‖ p) is infinite.
  Vec v = Vec::Zero(41);
  v(20) = 1.0 / 0.25;
  const GridDensity spike(axis1(-5, 5, 41), v);
  test::expect_input_error_naming(
      [&] {
        (void)spike.kl_data_model(log_density_of({vec1(0), mat1(1)}));
      },
      "grid density");
  test::expect_input_error_naming(
      [&] { (void)spike.tv([](const Mat& x) { return Vec::Zero(x.rows() - 1); }); },
      "log_target(nodes).size()");
}

}  // namespace
}  // namespace sb
