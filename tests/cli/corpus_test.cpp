// The hostile-input corpus of `scorebound` (tests/cli/corpus/manifest.json), run on the real
// binary: every entry's exit status and the one stderr line (exit 2), or properties of the
// report (exit 0), are pinned. Outputs never contain NaN or Inf, and every message is one
// printable line.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "sb/io/printable.hpp"
#include "test_util.hpp"

namespace {

using sb::test::kBinary;
using sb::test::slurp;

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path kCorpus = SB_SOURCE_DIR "/tests/cli/corpus";

std::vector<json> entries() {
  std::ifstream in(kCorpus / "manifest.json");
  if (!in) return {};
  const json m = json::parse(in);
  return m.at("entries").get<std::vector<json>>();
}

std::vector<std::string> entry_names() {
  std::vector<std::string> names;
  for (const json& e : entries()) names.push_back(e.at("name").get<std::string>());
  return names;
}

json entry(const std::string& name) {
  for (const json& e : entries())
    if (e.at("name") == name) return e;
  throw std::logic_error("no corpus entry " + name);
}

/// True when the entry's command line names an input (the default `eval {input}` does).
bool reads_input(const json& e) {
  if (!e.contains("args")) return true;
  for (const auto& a : e["args"])
    if (a.get<std::string>().find("{input}") != std::string::npos) return true;
  return false;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
  return s;
}

std::string shell_quote(const std::string& s) {
  std::string q(1, '\'');
  for (char c : s) {
    if (c == '\'')
      q.append("'\\''");
    else
      q.push_back(c);
  }
  q.push_back('\'');
  return q;
}

struct Outcome {
  int status = -1;
  std::string out, err;
};

class CorpusEntry : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("scorebound_corpus_" + std::to_string(::getpid()) + "_" + GetParam());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  /// The input path of the entry (a generated text is written to a file first).
  std::string input(const json& e) const {
    if (e.contains("generate")) {
      std::string text;
      for (const json& part : e["generate"]) {
        const std::string unit = part.at(0).get<std::string>();
        const int times = part.at(1).get<int>();
        for (int i = 0; i < times; ++i) text += unit;
      }
      const fs::path p = dir_ / "generated.json";
      std::ofstream(p, std::ios::binary) << text;
      return p.string();
    }
    if (e.contains("input")) {
      const std::string in = e["input"].get<std::string>();
      return in.find("{corpus}") != std::string::npos
                 ? replace_all(in, "{corpus}", kCorpus.string())
                 : (kCorpus / in).string();
    }
    return (kCorpus / (e.at("name").get<std::string>() + ".json")).string();
  }

  Outcome run(const json& e) const {
    std::vector<std::string> args = {"eval", "{input}"};
    if (e.contains("args")) args = e["args"].get<std::vector<std::string>>();
    std::string cmd = shell_quote(kBinary);
    for (const std::string& a : args) {
      cmd += ' ';
      cmd += shell_quote(replace_all(a, "{input}", input(e)));
    }
    const fs::path out = dir_ / "stdout", err = dir_ / "stderr";
    cmd += " < /dev/null > " + shell_quote(out.string()) + " 2> " + shell_quote(err.string());
    const int rc = std::system(cmd.c_str());
    Outcome r;
    r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = slurp(out);
    r.err = slurp(err);
    return r;
  }

  fs::path dir_;
};

TEST_P(CorpusEntry, HasItsPinnedOutcome) {
  const json e = entry(GetParam());
  SCOPED_TRACE(e.at("name").get<std::string>() + ": " + e.value("why", ""));
#ifdef SB_SANITIZE_BUILD
  // An entry whose only point is its size (what it exercises is also run, with the same bits,
  // by a unit test under the sanitizer) says so; the Release run checks it.
  if (e.contains("sanitizer_skip"))
    GTEST_SKIP() << e.at("sanitizer_skip").get<std::string>();
#endif
  const Outcome r = run(e);
  ASSERT_EQ(r.status, e.at("exit").get<int>()) << "stderr: " << r.err.substr(0, 500);
  // No NaN or Inf where a JSON value stands, on either stream.
  static const std::regex nonfinite(R"([:\[,]\s*-?(nan|NaN|inf|Inf|Infinity)\b)");
  EXPECT_FALSE(std::regex_search(r.out, nonfinite));

  if (r.status != 0) {
    EXPECT_TRUE(r.out.empty()) << r.out.substr(0, 500);
    ASSERT_FALSE(r.err.empty());
    ASSERT_EQ(r.err.back(), '\n');
    const std::string line = r.err.substr(0, r.err.size() - 1);
    EXPECT_EQ(line.find('\n'), std::string::npos) << "more than one line: " << r.err;
    EXPECT_EQ(sb::printable(line), line) << "not printable: " << line;
    EXPECT_TRUE(std::regex_search(line, std::regex(e.at("stderr").get<std::string>())))
        << "stderr:   " << line << "\nexpected: " << e.at("stderr").get<std::string>();
    return;
  }
  EXPECT_TRUE(r.err.empty()) << r.err;
  const json report = json::parse(r.out);
  EXPECT_EQ(report.at("status"), e.at("status"));
  if (e.contains("message")) {
    const std::string msg = report.value("message", "");
    EXPECT_TRUE(std::regex_search(msg, std::regex(e["message"].get<std::string>())))
        << "message:  " << msg << "\nexpected: " << e["message"].get<std::string>();
  }
  if (e.contains("equals")) {
    // Numbers agree to a relative `rel` (default 1e-12; an entry with a long recursion states
    // its own, 64·ε·(N + d)): a build with -march=native rounds differently from the portable
    // one the values were recorded with. Everything else must be equal.
    const double rel = e.value("rel", 1e-12);
    for (const auto& item : e["equals"].items()) {
      const json::json_pointer ptr(item.key());
      ASSERT_TRUE(report.contains(ptr)) << item.key();
      const json& got = report.at(ptr);
      if (got.is_number() && item.value().is_number()) {
        const double x = got.get<double>(), ref = item.value().get<double>();
        EXPECT_LE(std::abs(x - ref), rel * std::abs(ref))
            << item.key() << ": " << x << " vs " << ref << " (relative " << rel << ")";
      } else if (got.is_array() && item.value().is_array() && got.size() == item.value().size()) {
        for (std::size_t i = 0; i < got.size(); ++i)
          EXPECT_LE(std::abs(got[i].get<double>() - item.value()[i].get<double>()),
                    rel * std::abs(item.value()[i].get<double>()))
              << item.key() << "[" << i << "]";
      } else {
        EXPECT_EQ(got, item.value()) << item.key();
      }
    }
  }
  if (e.contains("types")) {
    for (const auto& item : e["types"].items()) {
      const json::json_pointer ptr(item.key());
      ASSERT_TRUE(report.contains(ptr)) << item.key();
      EXPECT_EQ(report.at(ptr).type_name(), item.value().get<std::string>()) << item.key();
    }
  }
  if (e.contains("absent_text")) {
    for (const auto& t : e["absent_text"])
      EXPECT_EQ(r.out.find(t.get<std::string>()), std::string::npos) << t;
  }
}

std::string entry_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string n(1, 'e');
  n += info.param;
  for (char& c : n)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
}

INSTANTIATE_TEST_SUITE_P(cli_Corpus, CorpusEntry, ::testing::ValuesIn(entry_names()), entry_name);

TEST(cli_CorpusManifest, AtLeastFortyEntriesEveryFileUsed) {
  const std::vector<json> all = entries();
  EXPECT_GE(all.size(), 40u);
  std::set<std::string> names, used;
  for (const json& e : all) {
    const std::string name = e.at("name").get<std::string>();
    EXPECT_TRUE(names.insert(name).second) << "duplicate entry " << name;
    EXPECT_TRUE(e.contains("why")) << name;
    if (!e.contains("generate") && !e.contains("input") && reads_input(e)) {
      EXPECT_TRUE(fs::exists(kCorpus / (name + ".json"))) << name;
      used.insert(name + ".json");
    }
    if (e.contains("input")) used.insert(e["input"].get<std::string>());
    EXPECT_TRUE(e.contains("stderr") || e.contains("status")) << name;
  }
  for (const auto& f : fs::directory_iterator(kCorpus)) {
    const std::string file = f.path().filename().string();
    if (file != "manifest.json") {
      EXPECT_TRUE(used.count(file)) << file << " is in no entry";
    }
  }
}

}  // namespace
