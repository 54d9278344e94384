// The --out directory of the experiment binaries (src/sb/plot/output_dir.hpp): only its last
// component is ever created, and every refusal is one InputError line naming --out.
#include "sb/plot/output_dir.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "sb/core/check.hpp"

namespace sb {
namespace {

namespace fs = std::filesystem;

class OutputDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("sb_output_dir_test_" + std::to_string(::getpid()));
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  std::string error_of(const std::string& out) const {
    try {
      (void)prepare_output_dir("prog", out);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  }
  fs::path root_;
};

TEST_F(OutputDirTest, ExistingDirectoryIsUsedAsItIs) {
  EXPECT_EQ(prepare_output_dir("prog", root_.string()), root_);
  EXPECT_EQ(prepare_output_dir("prog", root_.string() + "/"), root_);
}

TEST_F(OutputDirTest, CreatesOnlyTheLastComponent) {
  const fs::path p = root_ / "new";
  EXPECT_EQ(prepare_output_dir("prog", p.string()), p);
  EXPECT_TRUE(fs::is_directory(p));
  const std::string deep = (root_ / "a" / "b" / "c").string();
  EXPECT_EQ(error_of(deep), "prog: --out is '" + deep +
                                "', but must be an existing directory, or a new one in an "
                                "existing directory (its parent " +
                                (root_ / "a" / "b").string() + " does not exist; create it first)");
  EXPECT_FALSE(fs::exists(root_ / "a"));
  // At the filesystem root nothing is created either.
  EXPECT_NE(error_of("/sb-no-such-dir-" + std::to_string(::getpid()) + "/x").find("does not exist"),
            std::string::npos);
}

TEST_F(OutputDirTest, FilesAndEmptyPathsAreRefused) {
  const fs::path file = root_ / "file";
  std::ofstream(file) << "x";
  EXPECT_NE(error_of(file.string()).find("(it exists and is not a directory)"), std::string::npos);
  EXPECT_NE(error_of((file / "sub").string()).find("is not a directory"), std::string::npos);
  EXPECT_EQ(error_of(""), "prog: --out is '', but must be the path of a directory (it is empty)");
}

TEST(FilterSelectsNothing, NamesTheFilter) {
  try {
    throw_filter_selects_nothing("prog", "x\ny", "a substring of a check id");
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "prog: --filter is 'x\\ny', but must be a substring of a check id");
  }
}

}  // namespace
}  // namespace sb
