// The registry (src/sb/verify/registry.hpp) and theory/ tell the same story: every registered
// check has a write-up theory/<id>.md with the standard headings, every write-up names a
// registered check, and theory/README.md lists every check. A registration stripped by the
// linker fails here loudly.
#include "sb/verify/registry.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "test_util.hpp"

namespace sb {
namespace {

using test::slurp;

namespace fs = std::filesystem;
const fs::path kTheory = fs::path(SB_SOURCE_DIR) / "theory";

TEST(Registry, HasChecks) { EXPECT_FALSE(registry().ids().empty()); }

TEST(Registry, EveryCheckHasAWriteUpWithTheStandardHeadings) {
  for (const std::string& id : registry().ids()) {
    const fs::path f = kTheory / (id + ".md");
    ASSERT_TRUE(fs::exists(f)) << "missing write-up " << f;
    const std::string text = slurp(f);
    for (const char* heading :
         {"## Statement as printed", "## Convention and scheme", "## Hypotheses",
          "## How both sides are computed", "## Verdict and figure",
          "## Discrepancy and corrected statement", "## Source"})
      EXPECT_NE(text.find(heading), std::string::npos) << f << " lacks " << heading;
    EXPECT_NE(slurp(kTheory / "README.md").find("(" + id + ".md)"), std::string::npos)
        << "theory/README.md does not list " << id;
  }
}

TEST(Registry, EveryWriteUpHasACheck) {
  const auto ids = registry().ids();
  const std::set<std::string> known(ids.begin(), ids.end());
  for (const auto& entry : fs::directory_iterator(kTheory)) {
    if (entry.path().extension() != ".md" || entry.path().filename() == "README.md") continue;
    EXPECT_TRUE(known.count(entry.path().stem().string()))
        << entry.path() << " has no registered check";
  }
}

TEST(Registry, InfoIsComplete) {
  for (const TheoremCheck* c : registry().all()) {
    const TheoremInfo i = c->info();
    EXPECT_FALSE(i.title.empty()) << i.id;
    EXPECT_FALSE(i.source.empty()) << i.id;
    EXPECT_FALSE(i.statement.empty()) << i.id;
    EXPECT_FALSE(i.convention.empty()) << i.id;
  }
}

}  // namespace
}  // namespace sb
