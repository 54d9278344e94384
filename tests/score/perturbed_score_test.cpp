// The generic score fields (src/sb/score/score_field.hpp, perturbed_score.hpp) against the
// affine GaussianScore on Gaussian data: the same field, and the same L² error — exact when
// δ = 0, a Monte Carlo estimate (through the data law's Fisher information) when δ ≠ 0.
// Acceptance: fields to relative 1e-12 (the two compute Σ_τ⁻¹(y − μ_τ) in different orders);
// Monte Carlo within 5 standard errors, fixed seed.
#include "sb/score/perturbed_score.hpp"

#include <gtest/gtest.h>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/score/gaussian_score.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

/// A target that hides its Gaussian fast path, so that generic code paths are exercised.
class OpaqueGaussian final : public Target {
 public:
  explicit OpaqueGaussian(GaussianData d) : d_(std::move(d)) {}
  std::string kind() const override { return "opaque"; }
  std::string describe() const override { return d_.describe(); }
  Eigen::Index dim() const override { return d_.dim(); }
  Mat sample(long n, std::uint64_t seed) const override { return d_.sample(n, seed); }
  bool has_log_density() const override { return true; }
  Vec log_density(const Mat& x) const override { return d_.log_density(x); }
  void score(const LinearProcess& p, double t, const Mat& x, Mat& out) const override {
    d_.score(p, t, x, out);
  }
  bool has_hessian() const override { return true; }
  Gaussian moment_law() const override { return d_.moment_law(); }
  Mat hessian(const LinearProcess& p, double t, const Vec& x) const override {
    return d_.hessian(p, t, x);
  }

 private:
  GaussianData d_;
};

GaussianData data_3d() {
  Mat cov(3, 3);
  cov << 2.0, 0.5, 0.0, 0.5, 1.0, 0.2, 0.0, 0.2, 0.3;
  return GaussianData((Vec(3) << 1.0, -1.0, 0.5).finished(), cov);
}

TEST(PerturbedScore, IsTheGaussianScoreOnGaussianData) {
  const GaussianData d = data_3d();
  const ProcessPtr p = make_ou(0.7, (Vec(3) << 0.5, 0.0, -1.0).finished(), 1.2);
  ScoreError err;
  err.delta = 0.3;
  err.eps = 0.2;
  err.direction = (Vec(3) << 1.0, 2.0, -2.0).finished();
  const GaussianScore affine(p, d, err);
  const PerturbedScore generic(std::make_shared<const OpaqueGaussian>(d), p, err);
  EXPECT_EQ(generic.as_affine(), nullptr);
  ASSERT_NE(affine.as_affine(), nullptr);
  const Mat Y = d.sample(10, 5);
  for (double tau : {0.0, 0.4, 3.0}) {
    Mat a, g;
    affine.eval_batch(tau, Y, a);
    generic.eval_batch(tau, Y, g);
    EXPECT_LE((a - g).cwiseAbs().maxCoeff(), 1e-12 * a.cwiseAbs().maxCoeff()) << "tau " << tau;
    for (int i = 0; i < Y.rows(); ++i)  // the batch agrees with the pointwise evaluation
      EXPECT_LE((a.row(i).transpose() - affine.eval(tau, Y.row(i).transpose())).norm(),
                1e-12 * a.row(i).norm());
  }
  const auto pa = affine.perturbation(), pg = generic.perturbation();
  ASSERT_TRUE(pa && pg);
  EXPECT_EQ(pa->delta, pg->delta);
  EXPECT_LE((pa->direction - pg->direction).norm(), 1e-15);
  EXPECT_NEAR(pa->direction.norm(), 1.0, 1e-15);
}

TEST(PerturbedScore, L2ErrorIsExactForAnAdditiveErrorAndEstimatedOtherwise) {
  const GaussianData d = data_3d();
  const ProcessPtr p = make_standard_ou();
  const auto opaque = std::make_shared<const OpaqueGaussian>(d);
  ScoreError add;
  add.eps = 0.5;
  const Estimate e_add = PerturbedScore(opaque, p, add).l2_error_sq(0.7);
  EXPECT_TRUE(e_add.is_exact());
  EXPECT_EQ(e_add.value, 0.25);
  ScoreError both;
  both.delta = -0.4;
  both.eps = 0.5;
  for (double tau : {0.0, 0.7}) {
    const Estimate exact = GaussianScore(p, d, both).l2_error_sq(tau);
    const Estimate mc =
        PerturbedScore(opaque, p, both, TargetMcOptions{100000, kDefaultSeed}).l2_error_sq(tau);
    ASSERT_TRUE(exact.is_exact());
    ASSERT_FALSE(mc.is_exact());
    EXPECT_LE(std::abs(mc.value - exact.value), kMcZ * mc.std_error) << "tau " << tau;
    // On Gaussian data the generic path takes the exact Fisher information.
    const Estimate fast =
        PerturbedScore(std::make_shared<const GaussianData>(d), p, both).l2_error_sq(tau);
    EXPECT_TRUE(fast.is_exact());
    EXPECT_TRUE(test::near_rel(fast.value, exact.value, 1e-13));
  }
}

TEST(PerturbedScore, RejectsBadErrors) {
  const auto data = std::make_shared<const GaussianData>(data_3d());
  ScoreError bad;
  bad.delta = -1.0;
  EXPECT_THROW(PerturbedScore(data, make_standard_ou(), bad), InputError);
  bad.delta = 0.0;
  bad.direction = Vec::Zero(3);
  EXPECT_THROW(PerturbedScore(data, make_standard_ou(), bad), InputError);
  bad.direction = Vec::Ones(2);
  EXPECT_THROW(PerturbedScore(data, make_standard_ou(), bad), InputError);
}

TEST(ScoreError, DirectionsNearTheDoubleRangeNormaliseExactly) {
  ScoreError e;
  for (double s : {1e-300, 1e-160, 1.0, 1e155, 1e300}) {
    e.direction = (Vec(2) << 3.0 * s, 4.0 * s).finished();
    const Vec u = validated_direction("test", e, 2);
    EXPECT_NEAR(u(0), 0.6, 1e-15) << s;
    EXPECT_NEAR(u(1), 0.8, 1e-15) << s;
  }
}

}  // namespace
}  // namespace sb
