// Every registered check, on every instance of its default grid, gives the verdict the exact
// numbers give (theory/<id>.md). Tests appear by themselves for each new check.
#include <gtest/gtest.h>

#include <filesystem>

#include "sb/verify/registry.hpp"

namespace sb {
namespace {

class Theorem : public ::testing::TestWithParam<std::string> {};

TEST_P(Theorem, EveryInstanceGivesItsExpectedVerdict) {
  const TheoremCheck* c = registry().find(GetParam());
  ASSERT_NE(c, nullptr);
  const auto instances = c->instances();
  ASSERT_GE(instances.size(), 3u) << "a check runs on a grid of instances, not one point";
  for (std::size_t i = 0; i < instances.size(); ++i) {
    const Instance& inst = instances[i];
#ifdef SB_SANITIZE_BUILD
    // Under ASan+UBSan (about ten times slower) every check's code runs on its first three and
    // its last instance: the memory and undefined-behaviour checks see every code path of the
    // check that the instances exercise most; the Release run checks every verdict.
    if (i >= 3 && i + 1 < instances.size()) continue;
#endif
    ASSERT_TRUE(c->applies(inst.problem)) << inst.name;
    const BoundReport r = run_check(*c, inst.problem);
    EXPECT_EQ(to_string(r.verdict), to_string(inst.expected))
        << GetParam() << " / " << inst.name << ": exact " << r.exact.value << ", bound " << r.total
        << ", tolerance " << r.tolerance;
    EXPECT_TRUE(std::isfinite(r.total) || r.verdict == Verdict::kVacuous) << inst.name;
  }
}

TEST_P(Theorem, HasAFigure) {
  const TheoremCheck* c = registry().find(GetParam());
  const auto sweeps = c->sweeps();
  if (sweeps.empty()) {
    const auto dedicated =
        std::filesystem::path(SB_SOURCE_DIR) / "experiments" / (GetParam() + ".cpp");
    EXPECT_TRUE(std::filesystem::exists(dedicated))
        << "no sweeps() and no dedicated experiment " << dedicated;
  }
  for (const Sweep& s : sweeps) EXPECT_GE(s.points.size(), 3u) << s.series;
}

INSTANTIATE_TEST_SUITE_P(All, Theorem, ::testing::ValuesIn(registry().ids()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace sb
