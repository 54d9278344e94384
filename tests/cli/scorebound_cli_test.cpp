// The command-line contract of `scorebound eval` (README, "scorebound eval"), on the real
// binary: exit 0 and one JSON object on stdout for a valid configuration (a diverged recursion
// included), exit 2 and exactly one stderr line naming the key for bad input.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
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
  expect_bad_input(edit(R"({"kind": "ou"})", R"({"kind": "langevin"})"), "process.kind");
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

// ---------------------------------------------------------------------------------------------
// Mixtures, the funnel, and `scorebound sample` (README, "scorebound sample").

const char* kGmm = R"({
  "process": {"kind": "ou"},
  "data": {"kind": "gmm", "weights": [0.25, 0.75], "means": [[-1, 0], [1, 0.5]], "var": 0.2},
  "T": 2, "steps": 20, "sampler": "em", "particles": 300, "seed": 5
})";

/// The lines of `text` (a trailing newline does not start a line).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream ss(text);
  for (std::string l; std::getline(ss, l);) lines.push_back(l);
  return lines;
}

/// Checks a CSV written by `sample`: the four comment lines, the header, `n` rows of `d`
/// finite numbers. Returns the "# config" JSON.
json expect_sample_csv(const std::string& text, long n, int d, std::uint64_t seed,
                       const std::string& sampler) {
  const auto lines = lines_of(text);
  EXPECT_EQ(lines.size(), static_cast<std::size_t>(n + 5)) << text.substr(0, 500);
  if (lines.size() < 5) return json();
  EXPECT_EQ(lines[0], "# scorebound 0.1.0");
  EXPECT_EQ(lines[1], "# seed " + std::to_string(seed));
  EXPECT_EQ(lines[2].rfind("# config {", 0), 0u) << lines[2];
  const json config = json::parse(lines[2].substr(9));
  EXPECT_EQ(lines[3], "# particles " + std::to_string(n) + " dim " + std::to_string(d) +
                          " sampler " + sampler);
  std::string header;
  for (int j = 1; j <= d; ++j) header += (j > 1 ? ",x" : "x") + std::to_string(j);
  EXPECT_EQ(lines[4], header);
  static const std::regex number(R"(-?[0-9](\.[0-9]+)?(e[-+][0-9]+)?)");
  for (std::size_t i = 5; i < lines.size(); ++i) {
    std::istringstream row(lines[i]);
    int fields = 0;
    for (std::string f; std::getline(row, f, ',');) {
      ++fields;
      if (!std::regex_match(f, number)) {
        ADD_FAILURE() << "row " << i << ": '" << f << "'";
        return config;
      }
      EXPECT_TRUE(std::isfinite(std::stod(f)));
    }
    if (fields != d) {
      ADD_FAILURE() << "row " << i << " has " << fields << " fields: " << lines[i];
      return config;
    }
  }
  return config;
}

TEST_F(cli_Scorebound, SampleToStdout) {
  const fs::path cfg = write("gmm.json", kGmm);
  const Result r = run("sample '" + cfg.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json config = expect_sample_csv(r.out, 300, 2, 5, "em");
  // The normalised configuration, as `eval` echoes it, with the engine that ran.
  EXPECT_EQ(config["data"]["kind"], "gmm");
  EXPECT_EQ(config["engine"], "particles");
  EXPECT_EQ(config["particles"], 300);
  EXPECT_EQ(config["sampler"], "em");
  // 17 significant digits: every value round-trips.
  const auto lines = lines_of(r.out);
  ASSERT_GT(lines.size(), 5u);
  const std::string first = lines[5].substr(0, lines[5].find(','));
  EXPECT_EQ(fmt::format("{:.17g}", std::stod(first)), first);
  // Stdin reads the same configuration.
  EXPECT_EQ(run("sample", cfg).out, r.out);
}

TEST_F(cli_Scorebound, SampleIsReproducibleAndSeeded) {
  const fs::path cfg = write("gmm.json", kGmm);
  const Result a = run("sample '" + cfg.string() + "'");
  const Result b = run("sample '" + cfg.string() + "'");
  ASSERT_EQ(a.status, 0) << a.err;
  ASSERT_EQ(b.status, 0) << b.err;
  EXPECT_EQ(a.out, b.out);  // the same seed gives the same bytes
  const Result c = run("sample --seed 6 '" + cfg.string() + "'");
  ASSERT_EQ(c.status, 0) << c.err;
  expect_sample_csv(c.out, 300, 2, 6, "em");
  const auto la = lines_of(a.out), lc = lines_of(c.out);
  ASSERT_EQ(la.size(), lc.size());
  EXPECT_NE(la[5], lc[5]);
  EXPECT_NE(std::vector<std::string>(la.begin() + 5, la.end()),
            std::vector<std::string>(lc.begin() + 5, lc.end()));
  // --particles overrides the configuration; the seed stays.
  const Result d = run("sample --particles 40 '" + cfg.string() + "'");
  ASSERT_EQ(d.status, 0) << d.err;
  const json config = expect_sample_csv(d.out, 40, 2, 5, "em");
  EXPECT_EQ(config["particles"], 40);
  EXPECT_FALSE(config.contains("seed"));  // the seed has its own line (and key in eval's report)
}

TEST_F(cli_Scorebound, SampleToAFileIsAtomic) {
  const fs::path cfg = write("gmm.json", kGmm);
  const fs::path out_dir = dir_ / "out";
  fs::create_directories(out_dir);
  const fs::path csv = out_dir / "sample.csv";
  const Result to_stdout = run("sample '" + cfg.string() + "'");
  const Result r = run("sample '" + cfg.string() + "' --out '" + csv.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_EQ(slurp(csv), to_stdout.out);
  // An existing file is replaced; no temporary file is left behind.
  const Result again = run("sample '" + cfg.string() + "' --seed 7 --out '" + csv.string() + "'");
  ASSERT_EQ(again.status, 0) << again.err;
  expect_sample_csv(slurp(csv), 300, 2, 7, "em");
  std::vector<std::string> files;
  for (const auto& f : fs::directory_iterator(out_dir)) files.push_back(f.path().filename());
  EXPECT_EQ(files, std::vector<std::string>{"sample.csv"});
}

TEST_F(cli_Scorebound, SampleOnGaussianDataForcesTheParticleEngine) {
  const fs::path cfg = write("gauss.json", kExample);
  const Result r = run("sample --particles 50 '" + cfg.string() + "'");
  ASSERT_EQ(r.status, 0) << r.err;
  const json config = expect_sample_csv(r.out, 50, 2, 20261123, "eir");
  EXPECT_EQ(config["engine"], "particles");
  EXPECT_EQ(config["data"]["kind"], "gaussian");
  EXPECT_FALSE(config.contains("tv_samples"));
  // Funnel and pf_ode.
  const Result f = run("sample", write("funnel.json", R"({
    "process": {"kind": "vp", "beta_min": 0.1, "beta_max": 20},
    "data": {"kind": "funnel", "dim": 3},
    "T": 1, "steps": 30, "sampler": "pf_ode", "particles": 20
  })"));
  ASSERT_EQ(f.status, 0) << f.err;
  expect_sample_csv(f.out, 20, 3, 20261123, "pf_ode");
}

TEST_F(cli_Scorebound, SampleErrors) {
  const fs::path cfg = write("gmm.json", kGmm);
  const auto expect_usage = [&](const std::string& args, const std::string& part) {
    SCOPED_TRACE(args);
    const Result r = run(args);
    EXPECT_EQ(r.status, 2);
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
    const auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_EQ(lines[0].rfind("scorebound: ", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find(part), std::string::npos) << lines[0];
  };
  const std::string c = " '" + cfg.string() + "'";
  expect_usage("sample --particles 1" + c,
               "--particles is 1, but must be an integer in [2, 10000000]");
  expect_usage("sample --particles 100000000" + c, "--particles is 100000000");
  expect_usage("sample --out '" + (dir_ / "no" / "x.csv").string() + "'" + c,
               "does not exist or is not a directory");
  expect_usage("sample --out '" + dir_.string() + "'" + c, "(it is a directory)");
  expect_usage("sample '" + write("bad.json", edit(R"("T": 2)", R"("T": -1)")).string() + "'",
               "T is -1");
  expect_usage("sample '" +
                   write("bad.json", R"({"process": {"kind": "ou"},
    "data": {"kind": "gmm", "weights": [0.4, 0.5], "means": [[0], [1]], "var": 1},
    "T": 1, "steps": 5, "sampler": "em"})")
                       .string() +
                   "'",
               "the sum of data.weights is 0.9");
  expect_usage("sample '" +
                   write("bad.json", R"({"process": {"kind": "ou"},
    "data": {"kind": "gmm", "means": [[0], [1]], "var": 1},
    "T": 1, "steps": 5, "sampler": "continuous"})")
                       .string() +
                   "'",
               "sampler is continuous");
  EXPECT_FALSE(fs::exists(dir_ / "no"));
}

TEST_F(cli_Scorebound, SampleOfADivergedRunWritesNothingAndExits1) {
  // EM with step h = 100 on the OU process and N(0, 0.001) data: the explicit step multiplies
  // the particles far beyond 1e150.
  const fs::path cfg = write("div.json", R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "mean": [0], "cov": [[0.001]]},
    "T": 10000, "steps": 100, "sampler": "em", "particles": 10
  })");
  const fs::path csv = dir_ / "never.csv";
  for (const std::string& out : std::vector<std::string>{"", " --out '" + csv.string() + "'"}) {
    const Result r = run("sample '" + cfg.string() + "'" + out);
    EXPECT_EQ(r.status, 1);
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 200);
    const auto lines = r.err_lines();
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_NE(lines[0].find("diverged"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find("no sample written"), std::string::npos) << lines[0];
  }
  EXPECT_FALSE(fs::exists(csv));
  std::vector<fs::path> left;
  for (const auto& f : fs::directory_iterator(dir_))
    if (f.path().extension() == ".tmp") left.push_back(f.path());
  EXPECT_TRUE(left.empty());
}

TEST_F(cli_Scorebound, EvalOnMixturesNamesItsErrors) {
  expect_bad_input(R"({"process": {"kind": "ou"},
    "data": {"kind": "gmm", "means": [[0], [1]], "var": 1},
    "T": 1, "steps": 5, "sampler": "em", "engine": "exact"})",
                   "engine is exact, but must be particles or auto for data.kind gmm");
  expect_bad_input(R"({"process": {"kind": "ou"}, "data": {"kind": "funnel", "dim": 1},
    "T": 1, "steps": 5, "sampler": "em"})",
                   "data.dim is 1, but must be an integer in [2, 10000]");
  expect_bad_input(R"({"process": {"kind": "ou"},
    "data": {"kind": "gmm", "means": [[0], [1]], "covs": [[[1]], [[-1]]]},
    "T": 1, "steps": 5, "sampler": "em"})",
                   "data.covs[1][0][0] is -1");
}

TEST_F(cli_Scorebound, EvalOnAMixturePrintsTheParticleOutputAndMetrics) {
  const Result r = eval_text(kGmm);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json j = json::parse(r.out);
  expect_report_keys(j);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_EQ(j["seed"], 5);
  EXPECT_EQ(j["config"]["engine"], "particles");
  const json& out = j["output"];
  std::vector<std::string> keys;
  for (const auto& item : out.items()) keys.push_back(item.key());
  EXPECT_EQ(keys.size(), 6u);
  EXPECT_EQ(out["engine"], "particles");
  EXPECT_EQ(out["particles"], 300);
  EXPECT_EQ(out["seed"], 5);
  EXPECT_EQ(out["mean"].size(), 2u);
  EXPECT_EQ(out["mean_std_error"].size(), 2u);
  EXPECT_EQ(out["cov"].size(), 2u);
  ASSERT_TRUE(j["metrics"].contains("sliced_w2"));
  for (const auto& m : j["metrics"].items())
    for (const char* k : {"value", "std_error", "bias_bound", "method", "samples", "seed"})
      EXPECT_TRUE(m.value().contains(k)) << m.key() << " lacks " << k;
  EXPECT_TRUE(j["metrics"]["sliced_w2"]["value"].is_number());
  // The Monte Carlo KL and TV from the last step's kernels (2-D, a density, em), each with its
  // standard error.
  for (const char* m : {"kl_data_model", "kl_model_data", "tv"}) {
    ASSERT_TRUE(j["metrics"].contains(m)) << m;
    EXPECT_GT(j["metrics"][m]["std_error"].get<double>(), 0.0) << m;
    EXPECT_EQ(j["metrics"][m]["samples"], 300) << m;
  }
  EXPECT_EQ(j["metrics"]["tv"]["method"], "monte_carlo_last_step_kernel");
  EXPECT_TRUE(j["bounds"].is_object());
  expect_no_nonfinite(r.out);
  // The same run as `sample`: output.mean is the mean of the sampled rows.
  const Result s = run("sample", write("gmm.json", kGmm));
  ASSERT_EQ(s.status, 0) << s.err;
  const auto lines = lines_of(s.out);
  ASSERT_EQ(lines.size(), 305u);
  double m0 = 0, m1 = 0;
  for (std::size_t i = 5; i < lines.size(); ++i) {
    const auto comma = lines[i].find(',');
    m0 += std::stod(lines[i].substr(0, comma)) / 300;
    m1 += std::stod(lines[i].substr(comma + 1)) / 300;
  }
  EXPECT_NEAR(out["mean"][0].get<double>(), m0, 1e-12);
  EXPECT_NEAR(out["mean"][1].get<double>(), m1, 1e-12);
}

}  // namespace

namespace sb {
namespace {

TEST_F(cli_Scorebound, VerifyPrintsTheVerdictTable) {
  // claustre_cor55_step (printed, pinned violated: D-16) and claustre_cor55_step_corrected:
  // properties of p_T, cheap also under the sanitizers.
  const Result r = run("verify --filter claustre_cor55_step");
  EXPECT_EQ(r.status, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("claustre_cor55_step"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("violated"), std::string::npos) << r.out;  // D-16 is pinned as violated
  EXPECT_NE(r.out.find("0 unexpected"), std::string::npos) << r.out;
  const Result j = run("verify --filter claustre_cor55_step --json");
  EXPECT_EQ(j.status, 0);
  const json rows = json::parse(j.out);
  ASSERT_TRUE(rows.is_array());
  ASSERT_FALSE(rows.empty());
  for (const auto& row : rows) {
    // The filter is a substring: the printed step and its corrected form.
    EXPECT_EQ(row["id"].get<std::string>().rfind("claustre_cor55_step", 0), 0u) << row.dump();
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
