// The metrics of a particle outcome (sb::Outcome on the particle engine) against the exact
// engine on Gaussian data: the second, independent route for each Monte Carlo number.
//
// Acceptance rule. The sliced W2 is compared with its value over all directions (an integral
// over the circle in 2-D), since its error bar covers the random directions. For the empirical law
// μ_n of the particles, the exact output law μ and the data law ν, the triangle inequality gives
// |SW(μ_n, ν) − SW(μ, ν)| <= SW(μ_n, μ), and the same for W2. SW(μ_n, μ) is unknown but has the law
// of SW(ξ_n, μ) for an exact sample ξ_n of μ of the same size, which the test computes (b). The
// particle metric passes when |estimate − exact| <= b + 5·SE, SE its reported standard error
// (directions and particles, batch means): a false alarm needs the estimate 5 standard errors
// beyond the band (< 6e-7 for a normal error). Power: with these sizes the band is below 10% of the
// exact value in every case here (asserted), so a 10% error in the metric is caught.
#include <gtest/gtest.h>

#include <cmath>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/law/particle_cloud.hpp"
#include "sb/metric/sliced_w2.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using namespace sb::test;

/// Exact sliced W2 between N(m1, S1) and N(m2, S2) along the columns of dirs.
double exact_sliced_w2(const Gaussian& a, const Gaussian& b, const Mat& dirs) {
  double sum = 0.0;
  for (Eigen::Index l = 0; l < dirs.cols(); ++l) {
    const Vec t = dirs.col(l);
    const double dm = t.dot(a.mean - b.mean);
    const double sa = std::sqrt(t.dot(a.cov * t)), sb2 = std::sqrt(t.dot(b.cov * t));
    sum += dm * dm + (sa - sb2) * (sa - sb2);
  }
  return std::sqrt(sum / static_cast<double>(dirs.cols()));
}

Mixture1d one_component(const Vec& t, const Gaussian& g) {
  return {Vec::Ones(1), Vec::Constant(1, t.dot(g.mean)),
          Vec::Constant(1, std::sqrt(t.dot(g.cov * t)))};
}

TEST(ParticleOutcome, SlicedW2AgreesWithTheExactEngine) {
  // Isotropic data centred at 0: the output law is isotropic too, so every direction has the
  // same W2 and the error bar is the particles' (the slicing part is ~0). Two EM steps of
  // h = 1: a large, well-resolved error.
  Problem exact = make_problem(make_standard_ou(), gaussian_isotropic(2, 0.0, 0.3), 2.0, 2,
                               Scheme::kEulerMaruyama);
  Problem particles = exact;
  particles.options.engine = Engine::kParticles;
  particles.options.particles = 20000;
  particles.options.sliced_directions = 50;
  particles.options.seed = 20261205;
  Outcome oe = solve(exact), op = solve(particles);
  ASSERT_TRUE(op.ok());
  const Gaussian data{exact.gaussian().mean(), exact.gaussian().cov()};
  const Gaussian out = oe.gaussian_law().dense();
  const Mat dirs = sliced_directions(particles.options, 2);
  // The sliced W2 over all directions (what the estimate's error bar, which covers the random
  // directions, is about): in 2-D an integral over the angle, by the trapezoid rule (periodic
  // and smooth: exact to rounding with 4096 angles).
  Mat circle(2, 4096);
  for (Eigen::Index i = 0; i < circle.cols(); ++i) {
    const double a = M_PI * static_cast<double>(i) / static_cast<double>(circle.cols());
    circle(0, i) = std::cos(a);
    circle(1, i) = std::sin(a);
  }
  const double truth = exact_sliced_w2(out, data, circle);
  const Estimate e = op.metric(Metric::kSlicedW2);
  EXPECT_EQ(e.method, "sliced_w2_exact_target+batch_means");
  EXPECT_GT(e.std_error, 0.0);
  // b: the same metric between an exact sample of the output law and the output law.
  const GaussianData out_law(out.mean, out.cov);
  const Mat xi = out_law.sample(particles.options.particles, 7);
  const double b = sliced_w2_to_mixture(
                       xi, [&](const Vec& t) { return one_component(t, out); }, dirs)
                       .value;
  EXPECT_LE(std::abs(e.value - truth), b + kMcZ * e.std_error)
      << "particles " << e.value << " +- " << e.std_error << ", exact " << truth << ", b " << b
      << " (seed " << particles.options.seed << ")";
  EXPECT_LT(b + kMcZ * e.std_error, 0.1 * truth);
}

TEST(ParticleOutcome, OneDimensionalW2AgreesWithTheExactEngine) {
  Problem exact =
      make_problem(make_standard_ou(), gaussian_1d(1.0, 0.3), 1.5, 3, Scheme::kEulerMaruyama);
  Problem particles = exact;
  particles.options.engine = Engine::kParticles;
  particles.options.particles = 100000;
  Outcome oe = solve(exact), op = solve(particles);
  const double truth = oe.metric(Metric::kW2).value;
  const Estimate e = op.metric(Metric::kW2);
  const Gaussian out = oe.gaussian_law().dense();
  const Mat xi = GaussianData(out.mean, out.cov).sample(particles.options.particles, 7);
  const double b = w2_1d_to_mixture(std::vector<double>(xi.data(), xi.data() + xi.rows()),
                                    one_component(Vec::Ones(1), out))
                       .value;
  EXPECT_GT(e.std_error, 0.0);
  EXPECT_LE(std::abs(e.value - truth), b + kMcZ * e.std_error)
      << "particles " << e.value << " +- " << e.std_error << ", exact " << truth << ", b " << b;
  EXPECT_LT(b + kMcZ * e.std_error, 0.1 * truth);
  // The particle outcome offers only what it can compute.
  EXPECT_THROW(op.metric(Metric::kKlDataModel), std::logic_error);
}

TEST(ParticleOutcome, MixtureEvalReportsTheSampleMetricWithItsErrorBar) {
  Problem p;
  p.process = make_standard_ou();
  p.target = std::make_shared<const GaussianMixture>(gmm_grid25(1.0, 0.02));
  p.grid = TimeGrid::uniform(2.0, 50);
  p.options.particles = 4000;
  p.options.sliced_directions = 20;
  p.validate();
  EXPECT_EQ(p.engine(), Engine::kParticles);
  Outcome o = solve(p);
  ASSERT_TRUE(o.ok());
  ASSERT_EQ(o.available_metrics(), std::vector<Metric>{Metric::kSlicedW2});
  const Estimate e = o.metric(Metric::kSlicedW2);
  EXPECT_GT(e.value, 0.0);
  EXPECT_GT(e.std_error, 0.0);
  EXPECT_EQ(e.samples, 4000);
  EXPECT_EQ(e.seed, p.options.seed);
  // Same seed, same bytes with one or two threads.
  Problem q = p;
  q.options.threads = 1;
  Problem r = p;
  r.options.threads = 2;
  Outcome oq = solve(q), orr = solve(r);
  EXPECT_EQ(oq.law().as_particles()->points(), orr.law().as_particles()->points());
  EXPECT_EQ(oq.metric(Metric::kSlicedW2).value, orr.metric(Metric::kSlicedW2).value);
}

}  // namespace
}  // namespace sb
