// The command-line contract of `scorebound eval` (README, "scorebound eval"), on the real
// binary: exit 0 and one JSON object on stdout for a valid configuration (a diverged recursion
// included), exit 2 and exactly one stderr line naming the key for bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace {

using sb::test::kBinary;
using sb::test::slurp;

namespace fs = std::filesystem;
using json = nlohmann::json;

struct Result {
  int status = -1;
  std::string out, err;
  /// stderr split into lines (a trailing newline does not start a line).
  std::vector<std::string> err_lines() const {
    std::vector<std::string> lines;
    std::istringstream ss(err);
    for (std::string l; std::getline(ss, l);) lines.push_back(l);
    return lines;
  }
};

class cli_Scorebound : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("scorebound_cli_" + std::to_string(::getpid()) + "_" + info->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  fs::path write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  /// Runs `scorebound <args>`, stdin from `stdin_file` (or /dev/null).
  Result run(const std::string& args, const fs::path& stdin_file = "/dev/null") {
    const fs::path out = dir_ / "stdout.txt", err = dir_ / "stderr.txt";
    const std::string cmd = "'" + kBinary + "' " + args + " < '" + stdin_file.string() + "' > '" +
                            out.string() + "' 2> '" + err.string() + "'";
    const int rc = std::system(cmd.c_str());
    Result r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  Result eval_text(const std::string& config) {
    return run("eval '" + write("config.json", config).string() + "'");
  }

  /// Exit 2, nothing on stdout, one stderr line starting "scorebound: " containing `key`.
  void expect_bad_input(const std::string& config, const std::string& key) {
    SCOPED_TRACE(config);
    const Result r = eval_text(config);
    EXPECT_EQ(r.status, 2) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    const auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_EQ(lines[0].rfind("scorebound: ", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find(key), std::string::npos) << "'" << key << "' not in: " << lines[0];
  }

  fs::path dir_;
};

const char* kExample = R"({
  "process": {"kind": "ou"},
  "data": {"kind": "gaussian", "mean": [1, -1], "cov": [[2, 0.5], [0.5, 1]]},
  "T": 2, "steps": 20, "sampler": "eir",
  "score_error": {"eps": 0.1, "direction": [1, 0]},
  "init": "reference"
})";

/// kExample with `from` replaced by `to` (which must occur).
std::string edit(const std::string& from, const std::string& to) {
  std::string s = kExample;
  const auto pos = s.find(from);
  if (pos == std::string::npos) throw std::logic_error("edit: '" + from + "' not found");
  return s.replace(pos, from.size(), to);
}

void expect_no_nonfinite(const std::string& text) {
  static const std::regex bad(R"([:\[,]\s*-?(nan|NaN|inf|Inf|Infinity)\b)");
  EXPECT_FALSE(std::regex_search(text, bad)) << text;
}

void expect_report_keys(const json& j) {
  for (const char* k : {"scorebound", "seed", "config", "status", "output", "metrics", "bounds"})
    EXPECT_TRUE(j.contains(k)) << k;
  for (const char* k : {"process", "data", "T", "steps", "sampler", "init", "score_error", "grid"})
    EXPECT_TRUE(j["config"].contains(k)) << k;
}

TEST_F(cli_Scorebound, ReadmeExampleFile) {
  const Result r = run("eval '" SB_SOURCE_DIR "/experiments/configs/readme_example.json'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json j = json::parse(r.out);
  expect_report_keys(j);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["output"]["mean"].size(), 2u);
  EXPECT_EQ(j["output"]["cov"].size(), 2u);
  for (const char* k : {"kl_data_model", "kl_model_data", "w2", "hellinger2", "tv", "tv_method"})
    EXPECT_TRUE(j["metrics"].contains(k)) << k;
  EXPECT_TRUE(j["bounds"].is_object());
  for (const auto& b : j["bounds"].items())
    for (const char* k : {"terms", "total", "holds", "hypotheses"})
      EXPECT_TRUE(b.value().contains(k)) << b.key() << " lacks " << k;
  // Pretty-printed with a 2-space indent, keys in the documented order.
  EXPECT_EQ(r.out.rfind("{\n  \"scorebound\": \"0.1.0\",\n  \"seed\": ", 0), 0u)
      << r.out.substr(0, 80);
  expect_no_nonfinite(r.out);
}

TEST_F(cli_Scorebound, StdinAndCompact) {
  const fs::path cfg = write("in.json", kExample);
  const Result from_file = run("eval '" + cfg.string() + "'");
  const Result from_stdin = run("eval", cfg);
  const Result from_dash = run("eval -", cfg);
  const Result compact = run("eval --compact", cfg);
  ASSERT_EQ(from_file.status, 0) << from_file.err;
  ASSERT_EQ(from_stdin.status, 0) << from_stdin.err;
  ASSERT_EQ(from_dash.status, 0) << from_dash.err;
  ASSERT_EQ(compact.status, 0) << compact.err;
  EXPECT_EQ(from_stdin.out, from_file.out);
  EXPECT_EQ(from_dash.out, from_file.out);
  // One line, same content.
  EXPECT_EQ(compact.out.find('\n'), compact.out.size() - 1);
  EXPECT_EQ(json::parse(compact.out), json::parse(from_file.out));
}

TEST_F(cli_Scorebound, Version) {
  const Result r = run("--version");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("0.1.0"), std::string::npos) << r.out;
}

TEST_F(cli_Scorebound, UsageErrorsExit2WithOneLine) {
  for (const std::string args : {"", "frobnicate", "eval a.json b.json", "eval --bogus"}) {
    SCOPED_TRACE(args);
    const Result r = run(args);
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(r.err_lines().size(), 1u) << r.err;
  }
  const Result missing = run("eval '" + (dir_ / "absent.json").string() + "'");
  EXPECT_EQ(missing.status, 2);
  ASSERT_EQ(missing.err_lines().size(), 1u) << missing.err;
  EXPECT_NE(missing.err.find("absent.json"), std::string::npos);
}

TEST_F(cli_Scorebound, DivergingConfigurationIsReported) {
  // OU, N(0, 0.001) in d = 1, EM with step h = 10: the variance is multiplied by ~(1 - h)^2
  // per step and passes 1e150.
  const Result r = eval_text(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "mean": [0], "cov": [[0.001]]},
    "T": 1000, "steps": 100, "sampler": "em"
  })");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["status"], "diverged");
  EXPECT_TRUE(j["message"].is_string());
  EXPECT_TRUE(j["diverged_at_step"].is_number_integer());
  EXPECT_TRUE(j["output"].is_null());
  EXPECT_TRUE(j["metrics"].is_null());
  EXPECT_EQ(r.out.find("nan"), std::string::npos);
  expect_no_nonfinite(r.out);
}

TEST_F(cli_Scorebound, BadInputClasses) {
  // Not symmetric.
  expect_bad_input(edit("[[2, 0.5], [0.5, 1]]", "[[2, 0.5], [0.4, 1]]"), "data.cov");
  // Negative variance.
  expect_bad_input(edit("[[2, 0.5], [0.5, 1]]", "[[2, 0.5], [0.5, -1]]"), "data.cov[1][1]");
  // Not positive definite.
  expect_bad_input(edit("[[2, 0.5], [0.5, 1]]", "[[1, 2], [2, 1]]"),
                   "smallest eigenvalue of data.cov");
  // Seed 003's footnote covariance at d = 3.
  expect_bad_input(
      edit(
          R"("mean": [1, -1], "cov": [[2, 0.5], [0.5, 1]])",
          R"("mean": [0, 0, 0], "cov": [[1, 1, 0.7071067811865475], [1, 1, 1], [0.7071067811865475, 1, 1]])"),
      "smallest eigenvalue of data.cov");
  // T <= 0, steps < 1, non-integer steps, wrong type.
  expect_bad_input(edit(R"("T": 2)", R"("T": 0)"), "T is 0");
  expect_bad_input(edit(R"("T": 2)", R"("T": -1)"), "T is -1");
  expect_bad_input(edit(R"("T": 2)", R"("T": "abc")"), "T is \"abc\", but must be a number");
  expect_bad_input(edit(R"("steps": 20)", R"("steps": 0)"), "steps is 0");
  expect_bad_input(edit(R"("steps": 20)", R"("steps": 10.5)"), "steps is 10.5");
  // Unknown kind, unknown key.
  expect_bad_input(edit(R"({"kind": "ou"})", R"({"kind": "cld"})"), "process.kind");
  expect_bad_input(
      edit(R"({"kind": "ou"})", R"({"kind": "vp", "beta_min": 0.1, "beta_max": 20, "foo": 1})"),
      "unknown key process.foo; allowed keys for process kind vp: kind, beta_min, beta_max, "
      "schedule");
  expect_bad_input(edit(R"("init": "reference")", R"("init": "reference", "bogus": true)"),
                   "unknown key bogus");
  expect_bad_input(edit(R"("sampler": "eir")", R"("sampler": "rk4")"), "sampler");
  // Mismatched dimensions.
  expect_bad_input(edit(R"("direction": [1, 0])", R"("direction": [1, 0, 0])"),
                   "score_error.direction");
  expect_bad_input(
      edit(R"({"kind": "ou"})", R"({"kind": "ou_general", "theta": 1, "sigma": 1, "mu": [1]})"),
      "process.mu");
  expect_bad_input(edit("[[2, 0.5], [0.5, 1]]", "[[2, 0.5, 0], [0.5, 1, 0], [0, 0, 1]]"),
                   "data.cov");
  // NaN / Inf anywhere.
  expect_bad_input(edit(R"("T": 2)", R"("T": 1e999)"), "T is 1e999");
  expect_bad_input(edit("[[2, 0.5], [0.5, 1]]", "[[2, 0.5], [-1e999, 1]]"), "data.cov[1][0]");
  expect_bad_input(edit(R"("mean": [1, -1])", R"("mean": [1, NaN])"), "data.mean[1]");
  expect_bad_input(edit(R"("eps": 0.1)", R"("eps": Infinity)"), "score_error.eps");
  // Zero direction.
  expect_bad_input(edit(R"("direction": [1, 0])", R"("direction": [0, 0])"),
                   "score_error.direction");
  // Malformed JSON.
  expect_bad_input(R"({"process": {"kind": "ou"},)", "input is not valid JSON");
  expect_bad_input("", "input is not valid JSON");
  expect_bad_input("[1, 2]", "JSON object");
}

}  // namespace

namespace sb {
namespace {

TEST_F(cli_Scorebound, VerifyPrintsTheVerdictTable) {
  const Result r = run("verify --filter cds25_kl");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("cds25_kl"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("violated"), std::string::npos) << r.out;  // D-8 is pinned as violated
  EXPECT_NE(r.out.find("0 unexpected"), std::string::npos) << r.out;
  const Result j = run("verify --filter cds25_kl --json");
  EXPECT_EQ(j.status, 0);
  const json rows = json::parse(j.out);
  ASSERT_TRUE(rows.is_array());
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    EXPECT_EQ(row["id"], "cds25_kl");
    EXPECT_TRUE(row["as_expected"].get<bool>()) << row.dump();
  }
  expect_no_nonfinite(j.out);
  const Result none = run("verify --filter no_such_check");
  EXPECT_EQ(none.status, 2);
  EXPECT_EQ(none.err_lines().size(), 1u) << none.err;
}

TEST_F(cli_Scorebound, ListNamesEveryCheck) {
  const Result r = run("list");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("cds25_kl"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sb
