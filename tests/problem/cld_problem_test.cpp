// The kinetic process through the engine-neutral core: make_cld_problem, Problem::validate's
// named errors, solve() and the Outcome's metrics (those of the position marginal), against
// theory-notes E V27; and the registry's process filter.
#include <gtest/gtest.h>

#include "sb/core/check.hpp"
#include "sb/law/phase_space_gaussian.hpp"
#include "sb/metric/phase_space_metrics.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::matches_vector;

CldPtr v27_process() { return std::make_shared<const CldProcess>(4.0, 1.0); }

// V27: σ² = 4, X₀ ~ N(0, 2), V₀ ~ N(0, 1), T = 2, init N(0, I₂): KL(π_data ‖ position) for EM
// N = 20 and for the continuous sampler.
TEST(CldProblem, SolveReproducesV27ThroughTheCore) {
  for (const auto& [scheme, kl] : {std::pair{Scheme::kEulerMaruyama, 3.14569173752e-4},
                                   std::pair{Scheme::kContinuous, 0.00151492436337}}) {
    const Problem pb = make_cld_problem(v27_process(), gaussian_1d(0, 2), 2.0, 20, scheme);
    EXPECT_EQ(pb.engine(), Engine::kExact);
    EXPECT_EQ(pb.process_kind(), "cld");
    Outcome out = solve(pb);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(out.law().kind(), "phase_space_gaussian");
    EXPECT_EQ(out.law().dim(), 2);
    ASSERT_NE(out.law().as_phase_space(), nullptr);
    EXPECT_EQ(out.law().as_gaussian(), nullptr);
    EXPECT_TRUE(matches_vector(out.metric(Metric::kKlDataModel).value, kl));
    const PhaseSpaceGaussian& law = out.law().as_phase_space()->law();
    const CldDistances dist = cld_distances(*pb.cld, pb.gaussian(), law);
    EXPECT_DOUBLE_EQ(out.metric(Metric::kW2).value, dist.w2_position);
    EXPECT_DOUBLE_EQ(out.metric(Metric::kKlModelData).value, dist.kl_position_reverse);
    EXPECT_LE(dist.w2_position, dist.w2_phase);  // the projection is 1-Lipschitz
    EXPECT_EQ(out.metric(Metric::kTv).method, "exact_1d");
  }
}

// Every CLD sampler runs through solve(), in d = 5 with a correlated covariance.
TEST(CldProblem, EverySamplerSolves) {
  for (Scheme s :
       {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised,
        Scheme::kSplit, Scheme::kSplitRenormalised, Scheme::kContinuous}) {
    Outcome out = solve(make_cld_problem(v27_process(), gaussian_preset("correlated", 5), 3.0, 30,
                                         s, {.delta = 0.05, .eps = 0.1, .direction = {}}));
    ASSERT_TRUE(out.ok()) << to_string(s);
    EXPECT_GT(out.metric(Metric::kW2).value, 0.0);
    EXPECT_EQ(out.available_metrics().size(), 5u);
  }
}

TEST(CldProblem, NamedErrors) {
  const auto fails_with = [](const std::function<void()>& f, const std::string& key) {
    try {
      f();
    } catch (const InputError& e) {
      return std::string(e.what()).find(key) != std::string::npos;
    }
    return false;
  };
  const auto make = [](Scheme s, ScoreError err = {}) {
    return make_cld_problem(v27_process(), gaussian_1d(0, 2), 2.0, 10, s, std::move(err));
  };
  for (Scheme s : {Scheme::kProbabilityFlow, Scheme::kPredictorCorrector, Scheme::kFrozenRate,
                   Scheme::kTauLeaping})
    EXPECT_TRUE(fails_with([&] { make(s); }, "sampler")) << to_string(s);
  EXPECT_TRUE(
      fails_with([&] { make(Scheme::kEulerMaruyama, {.delta = -1.5}); }, "score_error.delta"));
  EXPECT_TRUE(fails_with([&] { make(Scheme::kEulerMaruyama, {.eps = -0.1}); }, "score_error.eps"));
  EXPECT_TRUE(fails_with([&] { CldProcess(-1.0); }, "sigma2"));
  EXPECT_TRUE(fails_with([&] { CldProcess(4.0, 0.0); }, "velocity_var"));
  EXPECT_TRUE(fails_with([&] { CldProcess(4.0, 1.0, -0.1); }, "elliptic_eps"));
  // split on a linear SDE, and the particle engine on cld.
  EXPECT_TRUE(fails_with(
      [&] { make_problem(make_standard_ou(), gaussian_1d(0, 2), 1.0, 10, Scheme::kSplit); },
      "sampler"));
  Problem pb = make(Scheme::kEulerMaruyama);
  pb.options.engine = Engine::kParticles;
  EXPECT_TRUE(fails_with([&] { pb.validate(); }, "engine"));
  pb = make(Scheme::kEulerMaruyama);
  pb.process = make_standard_ou();
  EXPECT_TRUE(fails_with([&] { pb.validate(); }, "process"));
}

// The registry offers a CLD problem only the checks written for process family "cld", and a
// linear-SDE problem none of them.
TEST(CldProblem, ChecksAreFilteredByProcessFamily) {
  const Problem cld =
      make_cld_problem(v27_process(), gaussian_1d(0, 2), 2.0, 10, Scheme::kContinuous);
  const Problem ou =
      make_problem(make_standard_ou(), gaussian_1d(0, 2), 2.0, 10, Scheme::kContinuous);
  int cld_checks = 0;
  for (const TheoremCheck* check : registry().all()) {
    const bool for_cld = check->info().processes == std::vector<std::string>{"cld"};
    cld_checks += for_cld;
    EXPECT_FALSE(check_applies(*check, for_cld ? ou : cld)) << check->info().id;
  }
  EXPECT_GE(cld_checks, 6);
}

}  // namespace
}  // namespace sb
