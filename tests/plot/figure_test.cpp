// sb::FigureWriter (src/sb/plot/figure.hpp): the artefacts data.csv, plot.gnu and plot.png are
// written, well formed and complete; non-finite numbers and bad scripts never leave a
// half-written file. Renders with the real gnuplot (a declared dependency of the project).
#include "sb/plot/figure.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace sb {
namespace {

namespace fs = std::filesystem;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, sep)) out.push_back(item);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

/// Every file under `root` whose name ends in ".tmp".
std::vector<fs::path> tmp_files(const fs::path& root) {
  std::vector<fs::path> out;
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.path().extension() == ".tmp") out.push_back(e.path());
  return out;
}

/// A parsed data.csv: the `# key = value` header and the numeric blocks.
struct Csv {
  std::map<std::string, std::string> params;
  std::vector<std::vector<std::string>> columns;       // per block
  std::vector<std::vector<std::vector<double>>> rows;  // per block
};

/// Parses data.csv; fails the test (ADD_FAILURE) on any malformed line.
Csv parse_csv(const std::string& text) {
  Csv csv;
  int blank_run = 0;
  bool in_block = false;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty()) {
      ++blank_run;
      in_block = false;
      continue;
    }
    if (line.rfind("# columns: ", 0) == 0) {
      csv.columns.push_back(split(line.substr(11), ','));
      csv.rows.emplace_back();
      in_block = true;
    } else if (line.rfind("# block ", 0) == 0) {
      // The block title, a comment ignored by gnuplot; blocks are gnuplot data sets.
      if (!csv.columns.empty()) {
        EXPECT_EQ(blank_run, 2) << "blocks must be separated by exactly two blank lines";
      }
    } else if (line.rfind("# ", 0) == 0) {
      const auto eq = line.find(" = ");
      if (eq == std::string::npos) {
        ADD_FAILURE() << "header line without ' = ': " << line;
      } else {
        EXPECT_TRUE(csv.columns.empty()) << "parameter after the first block: " << line;
        csv.params[line.substr(2, eq - 2)] = line.substr(eq + 3);
      }
    } else {
      if (!in_block) ADD_FAILURE() << "data row outside a block: " << line;
      std::vector<double> row;
      for (const std::string& field : split(line, ',')) {
        std::size_t used = 0;
        double x = std::numeric_limits<double>::quiet_NaN();
        try {
          x = std::stod(field, &used);
        } catch (const std::exception&) {
          used = 0;
        }
        if (used != field.size() || !std::isfinite(x))
          ADD_FAILURE() << "not a finite number: '" << field << "' in line " << line;
        row.push_back(x);
      }
      if (!csv.rows.empty()) csv.rows.back().push_back(row);
    }
    blank_run = 0;
  }
  return csv;
}

std::string good_script() {
  return FigureWriter::png_preamble(400, 300) +
         "set datafile separator comma\n"
         "set logscale y\n"
         "set xlabel 'x'\n"
         "plot 'data.csv' index 0 using 1:2 with linespoints title 'x^2', \\\n"
         "     '' index 1 using 1:3 with lines title 'e^x'\n";
}

class FigureWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    root_ = fs::temp_directory_path() /
            ("sb_figure_test_" + std::to_string(::getpid()) + "_" + std::to_string(stamp));
    fs::create_directories(root_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  /// A writer with parameters and two blocks.
  FigureWriter make_figure(const std::string& name) const {
    FigureWriter fig(root_, name);
    const char* argv[] = {"figure_test", "--out", "some dir"};
    fig.set_command_line(3, argv);
    fig.set_param("process", "standard OU");
    fig.set_param("T", 2.0);
    fig.set_param("seed", std::uint64_t{20261123});
    fig.set_param("exact", true);
    fig.add_block("squares", {"x", "x2"}, {{1, 1}, {2, 4}, {3, 9}, {0.1, 0.1 * 0.1}});
    fig.add_block("exponentials", {"x", "y", "ex"},
                  {{0.5, -1e-300, std::exp(0.5)}, {1.0, 1.0 / 3.0, std::exp(1.0)}});
    return fig;
  }

  fs::path root_;
};

TEST_F(FigureWriterTest, WritesWellFormedCsvScriptAndPng) {
  FigureWriter fig = make_figure("demo");
  const std::string script = good_script();
  ASSERT_NO_THROW(fig.write(script));
  const fs::path dir = root_ / "demo";
  EXPECT_EQ(fig.dir(), dir);

  ASSERT_TRUE(fs::exists(dir / "data.csv"));
  const Csv csv = parse_csv(read_text(dir / "data.csv"));
  EXPECT_EQ(csv.params.at("figure"), "demo");
  EXPECT_EQ(csv.params.at("generated_by"), "figure_test --out 'some dir'");
  EXPECT_EQ(csv.params.at("process"), "standard OU");
  EXPECT_EQ(csv.params.at("T"), "2");
  EXPECT_EQ(csv.params.at("seed"), "20261123");
  EXPECT_EQ(csv.params.at("exact"), "true");

  ASSERT_EQ(csv.columns.size(), 2u);
  EXPECT_EQ(csv.columns[0], (std::vector<std::string>{"x", "x2"}));
  EXPECT_EQ(csv.columns[1], (std::vector<std::string>{"x", "y", "ex"}));
  ASSERT_EQ(csv.rows[0].size(), 4u);
  ASSERT_EQ(csv.rows[1].size(), 2u);
  for (std::size_t b = 0; b < 2; ++b)
    for (const auto& row : csv.rows[b]) EXPECT_EQ(row.size(), csv.columns[b].size());
  // Shortest round-trip text: every double reads back bit for bit.
  EXPECT_EQ(csv.rows[0][3][1], 0.1 * 0.1);
  EXPECT_EQ(csv.rows[1][0][1], -1e-300);
  EXPECT_EQ(csv.rows[1][1][1], 1.0 / 3.0);
  EXPECT_EQ(csv.rows[1][1][2], std::exp(1.0));

  ASSERT_TRUE(fs::exists(dir / "plot.gnu"));
  EXPECT_EQ(read_text(dir / "plot.gnu"), script);

  ASSERT_TRUE(fs::exists(dir / "plot.png"));
  const std::string png = read_text(dir / "plot.png");
  ASSERT_GE(png.size(), 8u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));

  EXPECT_TRUE(tmp_files(root_).empty());
}

TEST_F(FigureWriterTest, RewritingReplacesTheArtefacts) {
  FigureWriter first = make_figure("again");
  first.write(good_script());
  FigureWriter second(root_, "again");
  second.set_param("run", 2);
  second.add_block("one", {"x", "y"}, {{1, 2}, {2, 3}});
  second.write(FigureWriter::png_preamble(200, 150) +
               "set datafile separator comma\nplot 'data.csv' using 1:2 with lines notitle\n");
  const Csv csv = parse_csv(read_text(root_ / "again" / "data.csv"));
  EXPECT_EQ(csv.params.at("run"), "2");
  EXPECT_EQ(csv.params.count("process"), 0u);
  EXPECT_EQ(csv.columns.size(), 1u);
  EXPECT_TRUE(fs::exists(root_ / "again" / "plot.png"));
  EXPECT_TRUE(tmp_files(root_).empty());
}

TEST_F(FigureWriterTest, NonFiniteNumbersThrowAndWriteNothing) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  FigureWriter fig(root_, "bad");
  fig.set_param("seed", 1);
  EXPECT_THROW(fig.add_block("b", {"x", "y"}, {{1, 2}, {2, nan}}), std::logic_error);
  EXPECT_THROW(fig.add_block("b", {"x", "y"}, {{inf, 2}}), std::logic_error);
  EXPECT_THROW(fig.add_block("b", {"x", "y"}, {{1, -inf}}), std::logic_error);
  EXPECT_THROW(fig.set_param("T", nan), std::logic_error);
  // Nothing was stored, so there is nothing to write either.
  EXPECT_THROW(fig.write(good_script()), std::logic_error);
  EXPECT_FALSE(fs::exists(root_ / "bad"));
  EXPECT_TRUE(tmp_files(root_).empty());
}

TEST_F(FigureWriterTest, MalformedInputIsRejected) {
  EXPECT_THROW(FigureWriter(root_, ""), std::invalid_argument);
  EXPECT_THROW(FigureWriter(root_, "a/b"), std::invalid_argument);
  EXPECT_THROW(FigureWriter(root_, ".."), std::invalid_argument);
  FigureWriter fig(root_, "malformed");
  EXPECT_THROW(fig.set_param("", "x"), std::invalid_argument);
  EXPECT_THROW(fig.set_param("a=b", "x"), std::invalid_argument);
  EXPECT_THROW(fig.set_param("k", "two\nlines"), std::invalid_argument);
  EXPECT_THROW(fig.add_block("b", {"x", "y"}, {{1, 2, 3}}), std::invalid_argument);
  EXPECT_THROW(fig.add_block("b", {"x", "a,b"}, {{1, 2}}), std::invalid_argument);
  EXPECT_THROW(fig.add_block("b", {}, {{}}), std::invalid_argument);
  EXPECT_THROW(fig.add_block("b", {"x"}, {}), std::invalid_argument);
  EXPECT_FALSE(fs::exists(root_ / "malformed"));
}

TEST_F(FigureWriterTest, GnuplotErrorThrowsWithItsMessageAndLeavesNoPng) {
  FigureWriter ok = make_figure("broken");
  ok.write(good_script());  // a plot.png from an earlier, successful run
  ASSERT_TRUE(fs::exists(root_ / "broken" / "plot.png"));

  FigureWriter fig = make_figure("broken");
  try {
    fig.write(FigureWriter::png_preamble(400, 300) +
              "set datafile separator comma\n"
              "plot 'data.csv' index 0 using 1:2 with lines notitle\n"
              "this_is_not_a_gnuplot_command\n");
    FAIL() << "write() accepted a failing script";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("gnuplot failed"), std::string::npos) << what;
    EXPECT_NE(what.find("invalid command"), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "message must be one line: " << what;
  }
  // The stale PNG is gone (it would not match the new data.csv); complete text files stay.
  EXPECT_FALSE(fs::exists(root_ / "broken" / "plot.png"));
  EXPECT_TRUE(fs::exists(root_ / "broken" / "data.csv"));
  EXPECT_TRUE(fs::exists(root_ / "broken" / "plot.gnu"));
  EXPECT_TRUE(tmp_files(root_).empty());
}

TEST_F(FigureWriterTest, ScriptWithoutOutputIsAnError) {
  FigureWriter fig = make_figure("no_output");
  EXPECT_THROW(fig.write("set terminal dumb\nset output '/dev/null'\nplot sin(x)\n"),
               std::runtime_error);
  EXPECT_FALSE(fs::exists(root_ / "no_output" / "plot.png"));
  EXPECT_TRUE(tmp_files(root_).empty());
}

TEST_F(FigureWriterTest, MissingGnuplotThrowsBeforeWritingAnything) {
  FigureWriter fig = make_figure("no_gnuplot");
  fig.set_gnuplot_command((root_ / "no-such-gnuplot").string());
  try {
    fig.write(good_script());
    FAIL() << "write() succeeded without gnuplot";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not found"), std::string::npos) << e.what();
  }
  fig.set_gnuplot_command("sb-no-such-gnuplot-on-path");
  EXPECT_THROW(fig.write(good_script()), std::runtime_error);
  EXPECT_FALSE(fs::exists(root_ / "no_gnuplot"));
}

TEST_F(FigureWriterTest, ConcurrentWritersOfOneFigureBothLeaveACompleteFigure) {
  // Two runs of an experiment into the same --out used to share plot.png.tmp: one removed the
  // other's file, and the figure often ended without plot.png while both reported success.
  for (int round = 0; round < 4; ++round) {
    std::vector<std::thread> writers;
    std::vector<std::string> errors(3);
    for (std::size_t t = 0; t < errors.size(); ++t)
      writers.emplace_back([&, t] {
        try {
          FigureWriter fig = make_figure("shared");
          fig.write(good_script());
        } catch (const std::exception& e) {
          errors[t] = e.what();
        }
      });
    for (auto& w : writers) w.join();
    for (const auto& e : errors) EXPECT_TRUE(e.empty()) << e;
    const fs::path dir = root_ / "shared";
    ASSERT_TRUE(fs::exists(dir / "plot.png")) << "round " << round;
    EXPECT_EQ(read_text(dir / "plot.png").substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_EQ(read_text(dir / "plot.gnu"), good_script());
    EXPECT_EQ(parse_csv(read_text(dir / "data.csv")).params.at("process"), "standard OU");
    // Nothing but the three artefacts: no work directory, no temporary file.
    std::size_t entries = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
      ++entries;
      EXPECT_TRUE(e.path().filename() == "data.csv" || e.path().filename() == "plot.gnu" ||
                  e.path().filename() == "plot.png")
          << e.path();
    }
    EXPECT_EQ(entries, 3u);
  }
}

TEST_F(FigureWriterTest, MissingOutputDirectoryIsAnErrorAndNothingIsCreated) {
  FigureWriter fig(root_ / "absent" / "deeper", "fig");
  fig.add_block("b", {"x", "y"}, {{1, 2}, {2, 3}});
  try {
    fig.write(good_script());
    FAIL() << "write() created a missing output directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("does not exist"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(root_ / "absent"));
  // A file where the figure directory should be.
  std::ofstream(root_ / "file_fig") << "x";
  FigureWriter onto_file(root_, "file_fig");
  onto_file.add_block("b", {"x", "y"}, {{1, 2}, {2, 3}});
  try {
    onto_file.write(good_script());
    FAIL();
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not a directory"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sb
