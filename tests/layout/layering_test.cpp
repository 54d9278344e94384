// The layers of src/sb/ (README, "Layout"): a file may include headers of its own folder and of
// the folders below it, never of a folder above. The order, lowest first:
//   core < law < schedule < process < data < score < sampler < metric < problem < verify
//        < theorems < io < plot
// so that, e.g., verify/ (the registry and its loop) never reaches into the code that uses it,
// and a new engine (a folder beside sampler/) cannot depend on the checks it feeds.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const std::vector<std::string> kLayers = {"core",     "law",     "schedule", "process", "data",
                                          "score",    "sampler", "metric",   "problem", "verify",
                                          "theorems", "io",      "plot"};

int rank_of(const std::string& folder) {
  const auto it = std::find(kLayers.begin(), kLayers.end(), folder);
  return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

TEST(Layering, EveryFolderHasALayer) {
  for (const auto& entry : fs::directory_iterator(fs::path(SB_SOURCE_DIR) / "src" / "sb")) {
    if (!entry.is_directory()) continue;
    EXPECT_GE(rank_of(entry.path().filename().string()), 0)
        << "src/sb/" << entry.path().filename().string()
        << " has no place in kLayers (tests/layout/layering_test.cpp): give it one";
  }
}

TEST(Layering, NoIncludeRunsUpTheLayers) {
  const std::regex include(R"re(^\s*#\s*include\s+"sb/([a-z_0-9]+)/)re");
  int files = 0;
  for (const auto& entry :
       fs::recursive_directory_iterator(fs::path(SB_SOURCE_DIR) / "src" / "sb")) {
    if (!entry.is_regular_file()) continue;
    const std::string ext = entry.path().extension().string();
    if (ext != ".hpp" && ext != ".cpp") continue;
    ++files;
    const std::string from = entry.path().parent_path().filename().string();
    std::ifstream in(entry.path());
    std::string line;
    for (int n = 1; std::getline(in, line); ++n) {
      std::smatch m;
      if (!std::regex_search(line, m, include)) continue;
      const std::string to = m[1];
      EXPECT_LE(rank_of(to), rank_of(from))
          << "src/sb/" << from << "/" << entry.path().filename().string() << ":" << n
          << " includes sb/" << to << "/, a higher layer";
    }
  }
  EXPECT_GT(files, 50);  // the walk found the sources
}

}  // namespace
