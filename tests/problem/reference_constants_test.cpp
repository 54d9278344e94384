// The data constants of the KL bounds (src/sb/problem/reference_constants.hpp) and the grid
// engine of sb::solve on mixture data, each against a second, independent route.
//
// Acceptance rules: quadrature against closed forms to 1e-9 relative; quadrature against Monte
// Carlo within 5 standard errors (two-sided false alarm 5.7e-7 per comparison; n = 200000 makes
// the standard error below 1% of each constant, so a 10% error fails); the grid engine on a
// one-component mixture against the exact recursion on the same Gaussian to 1e-6 relative (the
// agreement the grid engine states).
#include "sb/problem/reference_constants.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;

TEST(ReferenceConstants, OneComponentMixtureEqualsTheGaussianClosedForm) {
  // N(0.7, 0.3) as a mixture (quadrature) and as Gaussian data (closed form), v = 1 and v = 2.
  const GaussianMixture m(vec1(1.0), mat1(0.7), 0.3);
  const GaussianData g = gaussian_1d(0.7, 0.3);
  for (double v : {1.0, 2.0}) {
    const Estimate kq = kl_to_isotropic_gaussian(m, v), kc = kl_to_isotropic_gaussian(g, v);
    const Estimate iq = relative_fisher_information(m, v), ic = relative_fisher_information(g, v);
    EXPECT_EQ(kc.method, "exact_closed_form");
    EXPECT_EQ(kq.method, "grid_quadrature");
    EXPECT_TRUE(near_rel(kq.value, kc.value, 1e-9)) << kq.value << " vs " << kc.value;
    EXPECT_TRUE(near_rel(iq.value, ic.value, 1e-9)) << iq.value << " vs " << ic.value;
    EXPECT_LE(kq.bias_bound, 1e-9 * std::max(1.0, kc.value));
  }
  // 2-D, correlated components: a mixture of two equal components is that component.
  Mat cov(2, 2);
  cov << 0.5, 0.2, 0.2, 0.4;
  Mat means(2, 2);
  means << 0.3, -0.1, 0.3, -0.1;
  const GaussianMixture m2(vec2(0.5, 0.5), means, std::vector<Mat>{cov, cov});
  const GaussianData g2(vec2(0.3, -0.1), cov);
  EXPECT_TRUE(near_rel(kl_to_isotropic_gaussian(m2, 1.0).value,
                       kl_to_isotropic_gaussian(g2, 1.0).value, 1e-9));
  EXPECT_TRUE(near_rel(relative_fisher_information(m2, 1.0).value,
                       relative_fisher_information(g2, 1.0).value, 1e-9));
}

TEST(ReferenceConstants, QuadratureAgreesWithMonteCarloOnABimodalMixture) {
  const GaussianMixture pair = gmm_symmetric_pair(2.0, 0.25);
  const Estimate kq = kl_to_isotropic_gaussian(pair, 1.0);
  const Estimate iq = relative_fisher_information(pair, 1.0);
  // The Monte Carlo route: the same integrands at exact draws of a 3-D mixture whose first
  // coordinate is the pair and the others N(0, 1) (they add 0 to KL(·|γ) and to I(·|γ)), so the
  // 3-D path (Monte Carlo) is compared with the 1-D path (quadrature).
  Mat means = Mat::Zero(2, 3);
  means(0, 0) = -2.0;
  means(1, 0) = 2.0;
  std::vector<Mat> covs(2, Mat::Identity(3, 3));
  covs[0](0, 0) = covs[1](0, 0) = 0.25;
  const GaussianMixture pair3(vec2(0.5, 0.5), means, covs);
  TargetMcOptions mc;
  mc.samples = 200000;
  mc.seed = 20261205;
  const Estimate km = kl_to_isotropic_gaussian(pair3, 1.0, mc);
  const Estimate im = relative_fisher_information(pair3, 1.0, mc);
  EXPECT_EQ(km.method, "monte_carlo");
  EXPECT_LE(std::abs(km.value - kq.value), kMcZ * km.std_error)
      << km.value << " +- " << km.std_error << " vs " << kq.value << " (seed " << mc.seed << ")";
  EXPECT_LE(std::abs(im.value - iq.value), kMcZ * im.std_error)
      << im.value << " +- " << im.std_error << " vs " << iq.value;
  EXPECT_LT(kMcZ * km.std_error, 0.1 * kq.value);
  EXPECT_LT(kMcZ * im.std_error, 0.1 * iq.value);
}

TEST(ReferenceConstants, NamedErrors) {
  expect_input_error_naming([] { kl_to_isotropic_gaussian(gaussian_1d(0, 1), 0.0); }, "v");
}

TEST(GridEngine, OneComponentMixtureMatchesTheExactRecursion) {
  // The same law as Gaussian data (exact engine) and as a one-component mixture (grid engine):
  // the whole route — mixture score, grid propagation, grid KL — against the closed forms.
  for (Scheme s :
       {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised}) {
    SCOPED_TRACE(to_string(s));
    Problem exact = make_problem(make_standard_ou(), gaussian_1d(0.7, 0.3), 2.0, 20, s);
    Problem grid = exact;
    grid.target = std::make_shared<const GaussianMixture>(vec1(1.0), mat1(0.7), 0.3);
    grid.options.engine = Engine::kGrid;
    Outcome oe = solve(exact), og = solve(grid);
    ASSERT_TRUE(og.ok());
    ASSERT_NE(og.law().as_grid(), nullptr);
    for (Metric m :
         {Metric::kKlDataModel, Metric::kKlModelData, Metric::kHellinger2, Metric::kW2}) {
      const Estimate e = og.metric(m);
      EXPECT_EQ(e.method, m == Metric::kW2 ? e.method : std::string("grid_quadrature"));
      EXPECT_TRUE(near_rel(e.value, oe.metric(m).value, 1e-6, 1e-12))
          << to_string(m) << ": grid " << e.value << " exact " << oe.metric(m).value;
    }
    EXPECT_NEAR(og.metric(Metric::kTv).value, oe.metric(Metric::kTv).value,
                og.metric(Metric::kTv).bias_bound + 1e-9);
  }
}

TEST(GridEngine, RefusesWhatItCannotRun) {
  Problem p = make_problem(make_standard_ou(), gaussian_isotropic(3, 0.0, 1.0), 1.0, 10,
                           Scheme::kEulerMaruyama);
  p.options.engine = Engine::kGrid;
  expect_input_error_naming([&] { p.validate(); }, "engine");
  Problem q =
      make_problem(make_standard_ou(), gaussian_1d(0.0, 1.0), 1.0, 10, Scheme::kEulerMaruyama);
  q.options.engine = Engine::kGrid;
  q.scheme = Scheme::kProbabilityFlow;
  expect_input_error_naming([&] { q.validate(); }, "engine");
  q.scheme = Scheme::kEulerMaruyama;
  q.init = Init::kPT;
  expect_input_error_naming([&] { q.validate(); }, "init");
}

}  // namespace
}  // namespace sb
