// sb_numdiff: compares the numbers of two scorebound outputs at a stated relative tolerance,
// so that a figure's data.csv or a JSON report can be checked against a committed reference
// on a machine that rounds differently (another CPU, -march=native, another libm).
//
//   sb_numdiff [--rel R] [--floor F] REFERENCE CANDIDATE
//
// CSV mode (any file not starting with '[' or '{'): lines are compared one by one. Comment
// lines ('#') must be equal, except `# generated_by = ...`, which names the output directory
// and is skipped. Data lines are split at commas; two fields agree when both are numbers with
//     |a − b| <= R·max(|a|, |b|) + F·c,
// c the largest magnitude of that column in the reference block (so values that are rounding
// noise next to the column's scale, e.g. a KL of 1e-30 where the others are 1e-2, cannot fail
// the check), or when they are equal as text. Defaults: R = 1e-9, F = 1e-12.
//
// JSON mode (a file starting with '[' or '{'): numbers are compared leaf by leaf at the same
// path with the same rule (c is then |reference|); strings, booleans and nulls must be equal;
// a key or an array element present in the reference but missing in the candidate is a
// difference; keys that only the candidate has are reported as "added" but are not failures
// (a report may gain fields without changing what it said before).
//
// Exit status: 0 when everything agrees, 1 with one line per difference (file, line or path,
// column, both values) on stdout, 2 for bad usage or an unreadable file.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Rule {
  double rel = 1e-9;
  double floor = 1e-12;
  bool agree(double a, double b, double scale) const {
    if (a == b) return true;
    if (!std::isfinite(a) || !std::isfinite(b)) return false;
    return std::abs(a - b) <= rel * std::max(std::abs(a), std::abs(b)) + floor * scale;
  }
};

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "sb_numdiff: cannot read " << path << '\n';
    std::exit(2);
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == sep) {
      out.push_back(cur);
      cur.clear();
    } else if (c != '\r') {
      cur += c;
    }
  }
  out.push_back(cur);
  return out;
}

bool parse_number(const std::string& s, double& x) {
  if (s.empty()) return false;
  char* end = nullptr;
  x = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

int differences = 0;
constexpr int kMaxPrinted = 50;

void report(const std::string& where, const std::string& what) {
  if (++differences <= kMaxPrinted) std::cout << where << ": " << what << '\n';
}

// ---- CSV ----

void compare_csv(const std::string& ref_path, const std::string& ref, const std::string& cand,
                 const Rule& rule) {
  const std::vector<std::string> a = split(ref, '\n'), b = split(cand, '\n');
  if (a.size() != b.size())
    report(ref_path, "line count " + std::to_string(a.size()) + " vs " + std::to_string(b.size()));
  // Column scales per block: blocks are separated by comment lines.
  std::vector<std::vector<double>> scale(a.size());
  {
    std::size_t start = 0;
    while (start < a.size()) {
      std::size_t end = start;
      std::vector<double> cols;
      while (end < a.size() && (a[end].empty() || a[end][0] != '#')) {
        const auto f = split(a[end], ',');
        if (cols.size() < f.size()) cols.resize(f.size(), 0.0);
        for (std::size_t j = 0; j < f.size(); ++j) {
          double x;
          if (parse_number(f[j], x) && std::isfinite(x)) cols[j] = std::max(cols[j], std::abs(x));
        }
        ++end;
      }
      for (std::size_t i = start; i < end; ++i) scale[i] = cols;
      start = end == start ? end + 1 : end;
    }
  }
  std::string columns;  // the last "# columns:" line, to name the column of a difference
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const std::string where = ref_path + ":" + std::to_string(i + 1);
    if (!a[i].empty() && a[i][0] == '#') {
      if (a[i].rfind("# columns:", 0) == 0) columns = a[i].substr(10);
      if (a[i].rfind("# generated_by", 0) == 0 && b[i].rfind("# generated_by", 0) == 0) continue;
      if (a[i] != b[i]) report(where, "header '" + a[i] + "' vs '" + b[i] + "'");
      continue;
    }
    const auto fa = split(a[i], ','), fb = split(b[i], ',');
    if (fa.size() != fb.size()) {
      report(where, "field count " + std::to_string(fa.size()) + " vs " +
                        std::to_string(fb.size()));
      continue;
    }
    const auto names = split(columns, ',');
    for (std::size_t j = 0; j < fa.size(); ++j) {
      double x = 0.0, y = 0.0;
      if (fa[j] == fb[j]) continue;
      const bool num = parse_number(fa[j], x) && parse_number(fb[j], y);
      const double sc = j < scale[i].size() ? scale[i][j] : 0.0;
      if (num && rule.agree(x, y, sc)) continue;
      const std::string col = j < names.size() ? names[j] : std::to_string(j + 1);
      std::string rel;
      if (num && x != 0.0) {
        std::ostringstream r;
        r << " (relative " << std::abs(x - y) / std::abs(x) << ")";
        rel = r.str();
      }
      report(where + " column " + col, fa[j] + " vs " + fb[j] + rel);
    }
  }
}

// ---- JSON ----

using json = nlohmann::ordered_json;

void compare_json(const std::string& path, const json& a, const json& b, const Rule& rule,
                  std::vector<std::string>& added) {
  if (a.is_number() && b.is_number()) {
    const double x = a.get<double>(), y = b.get<double>();
    if (!rule.agree(x, y, std::abs(x)))
      report(path, a.dump() + " vs " + b.dump());
    return;
  }
  if (a.type() != b.type()) {
    report(path, a.dump().substr(0, 80) + " vs " + b.dump().substr(0, 80));
    return;
  }
  if (a.is_object()) {
    for (auto it = a.begin(); it != a.end(); ++it) {
      if (!b.contains(it.key())) {
        report(path + "." + it.key(), "missing in the candidate");
        continue;
      }
      compare_json(path + "." + it.key(), it.value(), b.at(it.key()), rule, added);
    }
    for (auto it = b.begin(); it != b.end(); ++it)
      if (!a.contains(it.key())) added.push_back(path + "." + it.key());
    return;
  }
  if (a.is_array()) {
    if (a.size() != b.size())
      report(path, "array size " + std::to_string(a.size()) + " vs " + std::to_string(b.size()));
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
      compare_json(path + "[" + std::to_string(i) + "]", a[i], b[i], rule, added);
    return;
  }
  if (a != b) report(path, a.dump() + " vs " + b.dump());
}

[[noreturn]] void usage() {
  std::cerr << "usage: sb_numdiff [--rel R] [--floor F] REFERENCE CANDIDATE\n";
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  Rule rule;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--rel" || arg == "--floor") && i + 1 < argc) {
      double v = 0.0;
      if (!parse_number(argv[++i], v) || !(v >= 0)) usage();
      (arg == "--rel" ? rule.rel : rule.floor) = v;
    } else if (!arg.empty() && arg[0] == '-') {
      usage();
    } else {
      files.push_back(arg);
    }
  }
  if (files.size() != 2) usage();
  const std::string ref = slurp(files[0]), cand = slurp(files[1]);
  const auto first = ref.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && (ref[first] == '{' || ref[first] == '[')) {
    json a, b;
    try {
      a = json::parse(ref);
      b = json::parse(cand);
    } catch (const std::exception& e) {
      std::cerr << "sb_numdiff: not valid JSON: " << e.what() << '\n';
      return 2;
    }
    std::vector<std::string> added;
    compare_json(files[0], a, b, rule, added);
    if (!added.empty())
      std::cout << files[0] << ": " << added.size() << " key(s) only in the candidate, e.g. "
                << added.front() << '\n';
  } else {
    compare_csv(files[0], ref, cand, rule);
  }
  if (differences > kMaxPrinted)
    std::cout << "... " << differences - kMaxPrinted << " more differences\n";
  return differences == 0 ? 0 : 1;
}
