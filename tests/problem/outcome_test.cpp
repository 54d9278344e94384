// Problems and outcomes (src/sb/problem/): solve() is the exact recursion, metrics are computed
// only when asked for and agree with the closed forms called directly, a non-Gaussian data law
// is refused by the exact engine with a named error, and a check that needs only p_t runs no
// sampler (so a configuration whose sampler diverges still gets its verdict).
#include "sb/problem/outcome.hpp"

#include <gtest/gtest.h>

#include "sb/core/check.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/score/gaussian_score.hpp"
#include "sb/verify/registry.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb {
namespace {

Problem ou_problem(int steps = 20, Scheme s = Scheme::kExponentialRenormalised) {
  Mat cov(2, 2);
  cov << 2.0, 0.5, 0.5, 1.0;
  return make_problem(make_standard_ou(), GaussianData((Vec(2) << 1.0, -1.0).finished(), cov), 2.0,
                      steps, s);
}

TEST(Outcome, SolveIsTheExactRecursionAndMetricsComeOnRequest) {
  const Problem pb = ou_problem();
  Outcome out = solve(pb);
  ASSERT_TRUE(out.ran());
  ASSERT_TRUE(out.ok());
  for (Metric m : kAllMetrics) EXPECT_FALSE(out.computed(m)) << to_string(m);

  const GaussianData& data = pb.gaussian();
  const GaussianScore score(pb.process, data, pb.score_error);
  const SamplerResult ref = run_exact_spectral(*pb.process, data, score, pb.scheme, pb.grid,
                                               initial_law(pb.init, *pb.process, data, pb.T()));
  const SpectralGaussian& law = out.gaussian_law().spectral();
  EXPECT_EQ(law.mean, ref.spectral.mean);
  EXPECT_EQ(law.var, ref.spectral.var);

  const Estimate& kl = out.metric(Metric::kKlDataModel);
  EXPECT_TRUE(out.computed(Metric::kKlDataModel));
  EXPECT_FALSE(out.computed(Metric::kW2));
  EXPECT_FALSE(out.computed(Metric::kTv));
  EXPECT_TRUE(kl.is_exact());
  EXPECT_EQ(kl.method, "exact_gaussian");
  EXPECT_EQ(kl.value, kl_divergence(data.law(), ref.spectral));
  EXPECT_EQ(out.metric(Metric::kW2).value, w2(data.law(), ref.spectral));
  // TV between 2-D Gaussians with different covariances: Monte Carlo, with its error bar.
  const Estimate& tv = out.metric(Metric::kTv);
  EXPECT_FALSE(tv.is_exact());
  EXPECT_EQ(tv.method, "monte_carlo");
  EXPECT_GT(tv.std_error, 0.0);
  EXPECT_EQ(tv.samples, pb.options.tv_samples);
  EXPECT_EQ(tv.seed, pb.options.seed);
  EXPECT_LE(out.tv().lower, tv.value);
  EXPECT_LE(tv.value, out.tv().upper);
}

TEST(Outcome, NoRunMeansNoLaw) {
  Outcome none;
  EXPECT_FALSE(none.ran());
  EXPECT_FALSE(none.ok());
  EXPECT_THROW(none.law(), std::logic_error);
  EXPECT_THROW(none.metric(Metric::kW2), std::logic_error);
}

TEST(Outcome, ADivergedRunHasNoMetrics) {
  // EM with h = 10 on N(0, 0.001) data: each step multiplies the variance by ~81.
  Problem pb =
      make_problem(make_standard_ou(), gaussian_1d(0, 0.001), 1000.0, 100, Scheme::kEulerMaruyama);
  Outcome out = solve(pb);
  ASSERT_TRUE(out.ran());
  EXPECT_FALSE(out.ok());
  EXPECT_EQ(out.result().status, RunStatus::kDiverged);
  EXPECT_THROW(out.metric(Metric::kKlDataModel), std::logic_error);
}

/// A data law without a Gaussian fast path.
class NotGaussian final : public Target {
 public:
  std::string kind() const override { return "mixture"; }
  std::string describe() const override { return "a mixture"; }
  Eigen::Index dim() const override { return 1; }
  Mat sample(long n, std::uint64_t) const override { return Mat::Zero(n, 1); }
  bool has_log_density() const override { return false; }
  Vec log_density(const Mat& x) const override { return Vec::Zero(x.rows()); }
  void score(const LinearProcess&, double, const Mat& x, Mat& out) const override { out = -x; }
  bool has_hessian() const override { return false; }
  Mat hessian(const LinearProcess&, double, const Vec&) const override { return Mat(); }
  Gaussian moment_law() const override { return {Vec::Zero(1), Mat::Identity(1, 1)}; }
};

TEST(Outcome, TheExactEngineRefusesOtherDataLawsByName) {
  Problem pb = ou_problem();
  pb.target = std::make_shared<const NotGaussian>();
  pb.options.engine = Engine::kExact;
  try {
    solve(pb);
    FAIL() << "solve accepted a mixture";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("engine is exact"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("data.kind mixture"), std::string::npos) << e.what();
  }
  // With the engine left to choose, the particle engine runs it.
  pb.options.engine = Engine::kAuto;
  EXPECT_EQ(pb.engine(), Engine::kParticles);
  EXPECT_THROW(pb.gaussian(), std::logic_error);
  // Checks written for Gaussian data do not apply to it (their declared data kinds).
  for (const TheoremCheck* c : registry().all())
    EXPECT_FALSE(check_applies(*c, pb)) << c->info().id;
}

TEST(Outcome, AMarginalsCheckRunsNoSampler) {
  // The same diverging EM configuration: a property of p_t is still evaluated.
  const Problem pb =
      make_problem(make_standard_ou(), gaussian_1d(0, 0.001), 1000.0, 100, Scheme::kEulerMaruyama);
  const TheoremCheck* c = registry().find("gso25_slc_sharp");
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->info().need, Need::kMarginals);
  const BoundReport r = run_check(*c, pb);
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  // A check that needs the output law reports the divergence instead.
  const TheoremCheck* kl = registry().find("cds25_kl");
  ASSERT_NE(kl, nullptr);
  EXPECT_THROW(run_check(*kl, pb), std::runtime_error);
}

TEST(Problem, MakeScoreTakesTheAffineFastPathForGaussianData) {
  const Problem pb = ou_problem();
  const ScorePtr s = make_score(pb);
  ASSERT_NE(s->as_affine(), nullptr);
  EXPECT_TRUE(s->as_affine()->is_spectral());
  Problem other = pb;
  other.target = std::make_shared<const NotGaussian>();
  other.score_error = {};
  EXPECT_EQ(make_score(other)->as_affine(), nullptr);
}

}  // namespace
}  // namespace sb
