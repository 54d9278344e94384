// SCCLO26 forgetting checks (src/sb/theorems/scclo26_forgetting.cpp; theory-notes C9, D-28):
// the D-28 numbers through the registered checks, the verdict on every instance printed with
// its numbers, and cost.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/registry.hpp"

namespace sb {
namespace {

const TheoremCheck& fg_check(const char* id) {
  const TheoremCheck* c = registry().find(id);
  if (c == nullptr) throw std::logic_error(id);
  return *c;
}

double fg_term(const BoundReport& r, const std::string& name) {
  for (const BoundTerm& t : r.terms)
    if (t.name == name) return t.value;
  ADD_FAILURE() << "no term " << name;
  return 0;
}

// D-28 through the per-step check: max A_k = 1.042 > 1 (violated), product 0.995607117001.
TEST(Scclo26Forgetting, D28PerStepViolatedProductContracts) {
  const TheoremCheck& c = fg_check("scclo26_forgetting_per_step");
  const Instance inst = c.instances().front();
  const BoundReport r = run_check(c, inst.problem);
  EXPECT_EQ(r.verdict, Verdict::kViolated);
  EXPECT_NEAR(r.exact.value, 1.042, 5e-4);
  EXPECT_NEAR(fg_term(r, "prod_k L_k"), 0.995607117001, 1e-11);
  EXPECT_EQ(fg_term(r, "k_max"), 9.0);
}

// D-28 through the coupling check: TV_N for r = 2 is V22's 0.807137058253.
TEST(Scclo26Forgetting, D28CouplingHoldsAndReportsV22) {
  const TheoremCheck& c = fg_check("scclo26_forgetting");
  const BoundReport r = run_check(c, c.instances().front().problem);
  EXPECT_EQ(r.verdict, Verdict::kHolds);
  EXPECT_NEAR(fg_term(r, "TV_N (r = 2)"), 0.807137058253, 1e-11);
  EXPECT_NEAR(fg_term(r, "prod_k L_k"), 0.995607117001, 1e-11);
}

// Hostile configurations: the continuous scheme (not a chain), a 3-D mixture (no grid engine).
TEST(Scclo26Forgetting, DoesNotApplyOutsideItsDomain) {
  for (const char* id : {"scclo26_forgetting", "scclo26_forgetting_per_step"}) {
    const TheoremCheck& c = fg_check(id);
    EXPECT_FALSE(check_applies(
        c, make_problem(make_standard_ou(), gaussian_1d(0, 4), 1, 10, Scheme::kContinuous)));
    Mat means = Mat::Zero(2, 3);
    means(0, 0) = 1;
    means(1, 0) = -1;
    Problem p3;  // the particle engine's problem (the grid engine rejects d = 3)
    p3.process = make_standard_ou();
    p3.target = std::make_shared<const GaussianMixture>(Vec::Constant(2, 0.5), means, 0.5);
    p3.grid = TimeGrid::uniform(1.0, 5);
    p3.scheme = Scheme::kEulerMaruyama;
    p3.validate();
    EXPECT_FALSE(check_applies(c, p3)) << id;
  }
}

TEST(Scclo26Forgetting, PrintEveryInstanceAndCost) {
  for (const char* id : {"scclo26_forgetting", "scclo26_forgetting_per_step"}) {
    const TheoremCheck& c = fg_check(id);
    const auto t0 = std::chrono::steady_clock::now();
    for (const Instance& inst : c.instances()) {
      const auto ti = std::chrono::steady_clock::now();
      const BoundReport r = run_check(c, inst.problem);
      std::printf("[%.3f s] ",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - ti).count());
      std::printf("%s | %s | %s | exact %.10g (bias %.2g) bound %.10g |", id, inst.name.c_str(),
                  to_string(r.verdict).c_str(), r.exact.value, r.exact.bias_bound, r.total);
      for (const BoundTerm& t : r.terms) std::printf(" %s=%.6g", t.name.c_str(), t.value);
      std::printf("\n");
      EXPECT_EQ(r.verdict, inst.expected) << inst.name;
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("%s: all instances in %.3f s\n", id, s);
  }
}

}  // namespace
}  // namespace sb
