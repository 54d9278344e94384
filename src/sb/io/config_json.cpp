#include "sb/io/config_json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <utility>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/io/printable.hpp"
#include "sb/io/report_json.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/schedule/schedule.hpp"

namespace sb {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kFn = "scorebound";
// Practical limits: beyond them the engine would exhaust memory rather than fail cleanly.
constexpr long long kMaxSteps = 100000000;  // 1e8 grid intervals
constexpr long long kMaxDim = 10000;        // a dense d x d covariance of 800 MB
constexpr long long kMaxTvSamples = 1000000000;
// Deeper input is no configuration; a cap keeps the parser and the messages out of deep recursion.
constexpr std::size_t kMaxDepth = 64;

/// Throws the one-line InputError "scorebound: <key> is <value>, but must be <allowed>" with
/// every part made printable (a key may hold a NUL or any other character JSON can escape).
[[noreturn]] void bad(std::string_view key, std::string_view value, std::string_view allowed) {
  throw_input_error(kFn, printable(key), printable(value), printable(allowed));
}

// ---------------------------------------------------------------------------------------------
// Values.

/// A short text of a JSON value for error messages (numbers in shortest round-trip form).
std::string show(const json& v) {
  if (v.is_number_float()) return format_value(v.get<double>());
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 60) {
    std::size_t cut = 57;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // mid-character
    s = s.substr(0, cut) + "...";
  }
  return s;
}

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) {
    if (!s.empty()) s += ", ";
    s += x;
  }
  return s;
}

std::string index_key(const std::string& key, std::size_t i) {
  return fmt::format("{}[{}]", key, i);
}

[[noreturn]] void missing(const std::string& key, std::string_view allowed) {
  bad(key, "missing", fmt::format("given ({})", allowed));
}

double get_number(const json& v, const std::string& key) {
  if (!v.is_number()) bad(key, show(v), "a number");
  const double x = v.get<double>();
  if (!std::isfinite(x)) bad(key, format_value(x), "finite");
  return x;
}

double get_positive(const json& v, const std::string& key) {
  const double x = get_number(v, key);
  if (!(x > 0)) bad(key, show(v), "> 0");
  return x;
}

/// An integer in [lo, hi]; a JSON float is accepted only if it is integral (10.0, 1e3).
long long get_integer(const json& v, const std::string& key, long long lo, long long hi) {
  const std::string range = hi == std::numeric_limits<long long>::max()
                                ? fmt::format("an integer >= {}", lo)
                                : fmt::format("an integer in [{}, {}]", lo, hi);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(hi)) bad(key, show(v), range);
    const auto n = static_cast<long long>(u);
    if (n < lo) bad(key, show(v), range);
    return n;
  }
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < lo || n > hi) bad(key, show(v), range);
    return n;
  }
  if (v.is_number_float()) {
    const double x = v.get<double>();
    if (!std::isfinite(x)) bad(key, format_value(x), range);
    if (x != std::floor(x)) bad(key, show(v), range);
    if (x < static_cast<double>(lo) || x > static_cast<double>(hi)) bad(key, show(v), range);
    return static_cast<long long>(x);
  }
  bad(key, show(v), range);
}

std::uint64_t get_seed(const json& v, const std::string& key) {
  constexpr const char* kAllowed = "an integer in [0, 18446744073709551615]";
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < 0) bad(key, show(v), kAllowed);
    return static_cast<std::uint64_t>(n);
  }
  if (v.is_number_float()) {
    // Integral floats are exact only up to 2^53.
    const double x = v.get<double>();
    if (std::isfinite(x) && x == std::floor(x) && x >= 0 && x <= 9007199254740992.0)
      return static_cast<std::uint64_t>(x);
  }
  bad(key, show(v), kAllowed);
}

std::string get_string(const json& v, const std::string& key, std::string_view allowed) {
  if (!v.is_string()) bad(key, show(v), allowed);
  return v.get<std::string>();
}

const json& get_array(const json& v, const std::string& key, std::string_view allowed) {
  if (!v.is_array()) bad(key, show(v), allowed);
  return v;
}

/// A number of magnitude at most kDivergenceLimit (1e150): the engine squares data means,
/// variances and centres, and reports any law beyond that limit as diverged, so a larger input
/// would be reported as a divergence of a sampler that never ran.
double get_moderate(const json& v, const std::string& key) {
  const double x = get_number(v, key);
  if (!(std::abs(x) <= kDivergenceLimit))
    bad(key, show(v),
        fmt::format("in [-{0}, {0}] (its square must stay far from the double range; laws "
                    "beyond {0} are reported as diverged)",
                    format_value(kDivergenceLimit)));
  return x;
}

/// An array of numbers of length n (any length >= 1 when n < 0); `moderate`: each entry in
/// [-1e150, 1e150] (get_moderate).
Vec get_vector(const json& v, const std::string& key, Eigen::Index n, std::string_view what,
               bool moderate = false) {
  get_array(v, key, "an array of numbers");
  const auto len = static_cast<Eigen::Index>(v.size());
  if (n < 0 && len < 1) bad("the length of " + key, "0", ">= 1");
  if (n >= 0 && len != n)
    bad("the length of " + key, std::to_string(len), fmt::format("{} ({})", n, what));
  Vec out(len);
  for (Eigen::Index i = 0; i < len; ++i) {
    const json& x = v[static_cast<std::size_t>(i)];
    const std::string xkey = index_key(key, static_cast<std::size_t>(i));
    out(i) = moderate ? get_moderate(x, xkey) : get_number(x, xkey);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Objects: the dotted path of each key, and the check for unknown keys.

class Obj {
 public:
  /// `path` is "" for the top level.
  Obj(const json& j, std::string path, std::string_view what) : j_(j), path_(std::move(path)) {
    if (!j.is_object())
      bad(path_.empty() ? "the input" : path_, show(j), fmt::format("a JSON object ({})", what));
  }
  std::string key(std::string_view k) const {
    return path_.empty() ? std::string(k) : path_ + "." + std::string(k);
  }
  const json* find(const std::string& k) const {
    const auto it = j_.find(k);
    return it == j_.end() ? nullptr : &*it;
  }
  bool has(const std::string& k) const { return j_.contains(k); }
  const json& at(const std::string& k, std::string_view allowed) const {
    const json* v = find(k);
    if (!v) missing(key(k), allowed);
    return *v;
  }
  /// Throws for the first key (in sorted order) not in `allowed`.
  void only(const std::vector<std::string>& allowed, std::string_view object) const {
    for (const auto& item : j_.items()) {
      bool ok = false;
      for (const auto& a : allowed) ok = ok || item.key() == a;
      if (!ok)
        throw InputError(
            printable(fmt::format("scorebound: unknown key {}; allowed keys for {}: {}",
                                  key(item.key()), object, join(allowed))));
    }
  }
  const std::string& path() const { return path_; }

 private:
  const json& j_;
  std::string path_;
};

// ---------------------------------------------------------------------------------------------
// data

struct ParsedData {
  std::shared_ptr<const GaussianData> data;
  std::string preset;  // empty unless given by preset
};

ParsedData parse_data(const json& jd) {
  const Obj o(jd, "data", "kind, and mean and cov, or preset and dim");
  const std::vector<std::string> keys = {"kind", "mean", "cov", "preset", "dim"};
  o.only(keys, "data");
  const std::string kind =
      get_string(o.at("kind", "gaussian"), o.key("kind"), "a string: gaussian");
  if (kind != "gaussian") bad(o.key("kind"), show(jd["kind"]), "gaussian");

  if (o.has("preset")) {
    if (o.has("mean") || o.has("cov"))
      bad("data.preset", "given together with data.mean/data.cov",
          "given alone (either preset and dim, or mean and cov)");
    const std::string preset = get_string(*o.find("preset"), "data.preset",
                                          "one of isotropic, heteroscedastic, correlated");
    if (preset != "isotropic" && preset != "heteroscedastic" && preset != "correlated")
      bad("data.preset", show(jd["preset"]), "one of isotropic, heteroscedastic, correlated");
    const long long d = get_integer(o.at("dim", "an integer >= 1, the dimension of the preset"),
                                    "data.dim", 1, kMaxDim);
    return {std::make_shared<const GaussianData>(gaussian_preset(preset, d)), preset};
  }

  const Vec mean = get_vector(o.at("mean", "an array of numbers, or give preset and dim"),
                              "data.mean", -1, "", true);
  const auto d = mean.size();
  if (d > kMaxDim) bad("the length of data.mean", std::to_string(d), fmt::format("<= {}", kMaxDim));
  if (const json* jdim = o.find("dim")) {
    const long long dim = get_integer(*jdim, "data.dim", 1, kMaxDim);
    if (dim != d) bad("data.dim", show(*jdim), fmt::format("{} (the length of data.mean)", d));
  }
  const json& jc = get_array(o.at("cov", "a d x d array of arrays of numbers"), "data.cov",
                             "an array of d arrays of d numbers");
  if (static_cast<Eigen::Index>(jc.size()) != d)
    bad("the number of rows of data.cov", std::to_string(jc.size()),
        fmt::format("{} (the length of data.mean)", d));
  Mat cov(d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const std::string row_key = index_key("data.cov", static_cast<std::size_t>(i));
    const json& row = jc[static_cast<std::size_t>(i)];
    get_array(row, row_key, "an array of numbers (a row of the covariance)");
    if (static_cast<Eigen::Index>(row.size()) != d)
      bad("the length of " + row_key, std::to_string(row.size()),
          fmt::format("{} (the length of data.mean)", d));
    for (Eigen::Index j = 0; j < d; ++j)
      cov(i, j) = get_moderate(row[static_cast<std::size_t>(j)],
                               index_key(row_key, static_cast<std::size_t>(j)));
  }
  for (Eigen::Index i = 0; i < d; ++i)
    if (!(cov(i, i) > 0))
      bad(fmt::format("data.cov[{}][{}]", i, i), format_value(cov(i, i)), "> 0 (a variance)");
  // Symmetry (relative 1e-12), then positive definiteness naming the smallest eigenvalue.
  check_spd(kFn, "data.cov", cov);
  return {std::make_shared<const GaussianData>(mean, cov, "data"), ""};
}

// ---------------------------------------------------------------------------------------------
// process

struct ParsedSchedule {
  SchedulePtr schedule;
  ojson echo;
};

ParsedSchedule parse_schedule(const json& js, const std::string& path, double T) {
  const Obj o(js, path, "kind linear, exp or table with its parameters");
  const std::string kind_key = o.key("kind");
  const std::string kind = get_string(o.at("kind", "one of linear, exp, table"), kind_key,
                                      "a string: one of linear, exp, table");
  ParsedSchedule out;
  out.echo["kind"] = kind;
  if (kind == "linear") {
    o.only({"kind", "beta_min", "beta_max"}, "schedule kind linear");
    const double bmin = get_positive(o.at("beta_min", "a number > 0"), o.key("beta_min"));
    const double bmax = get_positive(o.at("beta_max", "a number > 0"), o.key("beta_max"));
    out.schedule = make_linear_schedule(bmin, bmax, T);
    out.echo["beta_min"] = bmin;
    out.echo["beta_max"] = bmax;
  } else if (kind == "exp") {
    o.only({"kind", "a", "beta_min", "beta_max"}, "schedule kind exp");
    const json& ja = o.at("a", "a number, the rate of the exponential schedule");
    const double a = get_number(ja, o.key("a"));
    if (!(std::abs(a * T) <= 700.0))
      bad(o.key("a"), show(ja), fmt::format("such that |a*T| <= 700 (T = {})", format_value(T)));
    const double bmin = get_positive(o.at("beta_min", "a number > 0"), o.key("beta_min"));
    const double bmax = get_positive(o.at("beta_max", "a number > 0"), o.key("beta_max"));
    out.schedule = make_exponential_schedule(a, bmin, bmax, T);
    out.echo["a"] = a;
    out.echo["beta_min"] = bmin;
    out.echo["beta_max"] = bmax;
  } else if (kind == "table") {
    o.only({"kind", "points"}, "schedule kind table");
    const std::string pkey = o.key("points");
    const json& jp = get_array(o.at("points", "an array of [t, beta] pairs"), pkey,
                               "an array of [t, beta] pairs");
    if (jp.size() < 2)
      bad("the number of " + pkey, std::to_string(jp.size()),
          ">= 2 ([t, beta] pairs from t = 0 to t >= T)");
    std::vector<std::pair<double, double>> pts;
    ojson echo_pts = ojson::array();
    for (std::size_t i = 0; i < jp.size(); ++i) {
      const std::string ikey = index_key(pkey, i);
      const json& p = jp[i];
      if (!p.is_array() || p.size() != 2) bad(ikey, show(p), "a pair [t, beta] of numbers");
      const double t = get_number(p[0], ikey + "[0]");
      const double b = get_number(p[1], ikey + "[1]");
      if (i == 0 && t != 0.0) bad(ikey + "[0]", show(p[0]), "0 (t starts at 0)");
      if (i > 0 && !(t > pts.back().first))
        bad(ikey + "[0]", show(p[0]),
            fmt::format("> {}[0] = {} (t strictly increasing)", index_key(pkey, i - 1),
                        format_value(pts.back().first)));
      if (!(b > 0)) bad(ikey + "[1]", show(p[1]), "> 0 (beta is positive)");
      pts.emplace_back(t, b);
      echo_pts.push_back(ojson::array({t, b}));
    }
    if (pts.back().first < T)
      bad(index_key(pkey, jp.size() - 1) + "[0]", format_value(pts.back().first),
          fmt::format(">= T = {} (the table must cover [0, T])", format_value(T)));
    out.schedule = make_table_schedule(std::move(pts));
    out.echo["points"] = std::move(echo_pts);
  } else {
    bad(kind_key, show(js["kind"]), "one of linear, exp, table");
  }
  return out;
}

struct ParsedProcess {
  ProcessPtr process;
  ojson echo;  // kind, describe, normalised parameters
};

ParsedProcess parse_process(const json& jp, Eigen::Index d, double T) {
  const Obj o(jp, "process", "kind and its parameters");
  constexpr const char* kKinds =
      "one of ou, ou_general, ve, ve_brownian, vp, subvp, cou, cvp, ou_schedule";
  const std::string kind =
      get_string(o.at("kind", kKinds), "process.kind", fmt::format("a string: {}", kKinds));
  const std::string object = "process kind " + kind;
  ojson params;  // normalised parameters, echoed after kind and describe
  ProcessPtr p;

  if (kind == "ou" || kind == "ve_brownian") {
    o.only({"kind"}, object);
    p = kind == "ou" ? make_standard_ou() : make_ve_brownian();
  } else if (kind == "ou_general" || kind == "cou") {
    o.only({"kind", "theta", "mu", "sigma"}, object);
    const double theta = get_positive(o.at("theta", "a number > 0"), "process.theta");
    const double sigma =
        get_positive(o.at("sigma", "a number > 0, the diffusion coefficient"), "process.sigma");
    // β = σ² and the stationary variance σ²/(2θ) must be positive finite doubles.
    const double beta = sigma * sigma, v = beta / (2 * theta);
    if (!(std::isfinite(beta) && beta > 0 && std::isfinite(v) && v > 0))
      bad("process.sigma", format_value(sigma),
          fmt::format("such that sigma^2 and sigma^2/(2 theta) (theta = {}) are "
                      "positive finite doubles",
                      format_value(theta)));
    Vec mu;  // empty: centre 0
    if (const json* jm = o.find("mu"))
      mu = get_vector(*jm, "process.mu", d, "the data dimension", true);
    params["theta"] = theta;
    params["mu"] = json_vector(mu.size() ? mu : Vec::Zero(d));
    params["sigma"] = sigma;
    p = kind == "ou_general" ? make_ou(theta, std::move(mu), sigma)
                             : make_cou(theta, std::move(mu), sigma);
  } else if (kind == "ve") {
    o.only({"kind", "sigma_min", "sigma_max"}, object);
    const double smin = get_positive(o.at("sigma_min", "a number > 0"), "process.sigma_min");
    const json& jmax = o.at("sigma_max", "a number > sigma_min");
    const double smax = get_number(jmax, "process.sigma_max");
    if (!(smax > smin))
      bad("process.sigma_max", show(jmax),
          fmt::format("> process.sigma_min = {}", format_value(smin)));
    params["sigma_min"] = smin;
    params["sigma_max"] = smax;
    p = make_ve_geometric(smin, smax, T);
  } else if (kind == "vp" || kind == "subvp" || kind == "cvp") {
    o.only({"kind", "beta_min", "beta_max", "schedule"}, object);
    SchedulePtr beta;
    if (const json* js = o.find("schedule")) {
      if (o.has("beta_min") || o.has("beta_max"))
        bad("process.schedule", "given together with process.beta_min/beta_max",
            "given alone (either beta_min and beta_max, or schedule)");
      ParsedSchedule s = parse_schedule(*js, "process.schedule", T);
      beta = s.schedule;
      params["schedule"] = std::move(s.echo);
    } else {
      constexpr const char* kAllowed = "a number > 0 (or give process.schedule instead)";
      const double bmin = get_positive(o.at("beta_min", kAllowed), "process.beta_min");
      const double bmax = get_positive(o.at("beta_max", kAllowed), "process.beta_max");
      beta = make_linear_schedule(bmin, bmax, T);
      params["schedule"] = ojson{{"kind", "linear"}, {"beta_min", bmin}, {"beta_max", bmax}};
    }
    p = kind == "vp" ? make_vp(beta) : kind == "subvp" ? make_subvp(beta) : make_cvp(beta);
  } else if (kind == "ou_schedule") {
    o.only({"kind", "sigma2", "schedule"}, object);
    const double sigma2 =
        get_positive(o.at("sigma2", "a number > 0, the stationary variance"), "process.sigma2");
    ParsedSchedule s =
        parse_schedule(o.at("schedule", "an object {kind, ...}"), "process.schedule", T);
    params["sigma2"] = sigma2;
    params["schedule"] = std::move(s.echo);
    p = make_ou_schedule(s.schedule, sigma2);
  } else {
    bad("process.kind", show(jp["kind"]), kKinds);
  }

  ojson echo;
  echo["kind"] = kind;
  echo["describe"] = p->describe();
  for (auto& [k, v] : params.items()) echo[k] = v;
  return {std::move(p), std::move(echo)};
}

// ---------------------------------------------------------------------------------------------
// grid, T, steps

TimeGrid parse_grid(const Obj& top) {
  const json* jT = top.find("T");
  const json* jsteps = top.find("steps");
  if (const json* jg = top.find("grid")) {
    get_array(*jg, "grid", "an array of reverse times 0 = s_0 < s_1 < ... < s_N");
    if (jg->size() < 2)
      bad("the number of grid points", std::to_string(jg->size()),
          ">= 2 (0 = s_0 < s_1 < ... < s_N)");
    std::vector<double> s(jg->size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      s[k] = get_number((*jg)[k], index_key("grid", k));
      if (k == 0 && s[0] != 0.0) bad("grid[0]", show((*jg)[0]), "0");
      if (k > 0 && !(s[k] > s[k - 1]))
        throw_input_error(
            kFn, index_key("grid", k), show((*jg)[k]),
            fmt::format("> grid[{}] = {} (strictly increasing)", k - 1, format_value(s[k - 1])));
    }
    const auto N = static_cast<long long>(s.size() - 1);
    if (N > kMaxSteps)
      bad("the number of grid intervals", std::to_string(N), fmt::format("<= {}", kMaxSteps));
    if (jsteps) {
      const long long steps = get_integer(*jsteps, "steps", 1, kMaxSteps);
      if (steps != N)
        bad("steps", show(*jsteps),
            fmt::format("{} (the number of intervals of grid), or omitted", N));
    }
    if (jT) {
      const double T = get_number(*jT, "T");
      if (!(T > 0)) bad("T", show(*jT), "> 0");
      if (std::abs(T - s.back()) > 1e-12 * s.back())
        throw_input_error(
            kFn, "T", show(*jT),
            fmt::format("{} (the last point of grid), or omitted", format_value(s.back())));
    }
    return TimeGrid::from_reverse_times(s);
  }
  if (!jT) missing("T", "a number > 0, the horizon; or give grid");
  const double T = get_number(*jT, "T");
  if (!(T > 0)) bad("T", show(*jT), "> 0");
  if (!jsteps) missing("steps", "an integer >= 1; or give grid");
  const long long steps = get_integer(*jsteps, "steps", 1, kMaxSteps);
  return TimeGrid::uniform(T, static_cast<int>(steps));
}

// ---------------------------------------------------------------------------------------------
// score_error

/// e itself where ‖e‖ is computed without overflow or underflow (largest |e_i| in
/// [1e-140, 1e140]), so that the score model's e/‖e‖ gives the same bits as ever; beyond that
/// range ‖e‖ overflows (a component >= 1.4e154 made the norm inf, hence the unit vector 0) or
/// loses its digits in subnormal squares ([1e-160, 0] gave the norm 0.99999...; [1e-200, 0] the
/// norm 0), so e is divided by its largest |e_i| first and then normalised: a unit vector.
/// Returns the empty vector for a zero (or empty) e.
Vec safely_normalisable(Vec e) {
  const double scale = e.size() ? e.cwiseAbs().maxCoeff() : 0.0;
  if (!(scale > 0)) return {};
  if (scale >= 1e-140 && scale <= 1e140) return e;
  e /= scale;  // every entry now in [-1, 1], one of them ±1: the norm is in [1, sqrt(d)]
  e /= e.norm();
  return e;
}

ScoreError parse_score_error(const json& je, Eigen::Index d) {
  const Obj o(je, "score_error", "delta, eps, direction");
  o.only({"delta", "eps", "direction"}, "score_error");
  ScoreError e;
  if (const json* jd = o.find("delta")) {
    e.delta = get_number(*jd, "score_error.delta");
    if (!(e.delta > -1.0)) bad("score_error.delta", show(*jd), "> -1");
  }
  if (const json* je2 = o.find("eps")) {
    e.eps = get_number(*je2, "score_error.eps");
    if (!(e.eps >= 0.0)) bad("score_error.eps", show(*je2), ">= 0");
  }
  if (const json* jdir = o.find("direction")) {
    e.direction =
        safely_normalisable(get_vector(*jdir, "score_error.direction", d, "the data dimension"));
    if (e.direction.size() == 0) bad("score_error.direction", show(*jdir), "a non-zero vector");
  }
  return e;
}

const std::vector<std::string> kTopKeys = {"process",     "data", "T",    "steps", "sampler",
                                           "score_error", "init", "grid", "seed",  "tv_samples"};

// -------------------------------------------------------------------------------------------------
// parse_json_text: one SAX pass that builds the document and stops at the first syntax error,
// overflowing number, duplicate key or level of nesting beyond kMaxDepth, knowing the path of
// the value being read.

class JsonReader final : public nlohmann::json_sax<json> {
 public:
  enum class Failure { kNone, kSyntax, kOverflow, kDuplicate, kDepth };

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool b) override { return add(json(b)); }
  bool number_integer(number_integer_t v) override { return add(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(json(v)); }
  bool string(string_t& v) override { return add(json(std::move(v))); }
  bool binary(binary_t&) override { return add(json(nullptr)); }  // never produced by text
  bool start_object(std::size_t) override { return open(json::object(), false); }
  bool start_array(std::size_t) override { return open(json::array(), true); }
  bool key(string_t& k) override {
    Frame& f = frames_.back();
    f.key = k;
    if (!f.keys.insert(std::move(k)).second) {
      failure_ = Failure::kDuplicate;
      path_ = current_path();
      return false;
    }
    return true;
  }
  bool end_object() override {
    frames_.pop_back();
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    failure_ = ex.id == 406 ? Failure::kOverflow : Failure::kSyntax;  // 406: 1e999
    token_ = last_token;
    message_ = ex.what();
    path_ = current_path();
    return false;
  }

  Failure failure() const { return failure_; }
  const std::string& path() const { return path_; }
  const std::string& token() const { return token_; }
  const std::string& message() const { return message_; }
  json& root() { return root_; }

 private:
  struct Frame {
    json* node;
    bool array;
    std::string key;             // objects: the key being read
    long index;                  // arrays: index of the last element added
    std::set<std::string> keys;  // objects: the keys seen so far
  };

  /// Where the next value goes.
  json* slot() {
    if (frames_.empty()) return &root_;
    Frame& f = frames_.back();
    if (f.array) {
      ++f.index;
      f.node->push_back(nullptr);
      return &f.node->back();  // stable: the array grows again only once this value is closed
    }
    return &(*f.node)[f.key];
  }
  bool add(json v) {
    *slot() = std::move(v);
    return true;
  }
  bool open(json v, bool array) {
    if (frames_.size() >= kMaxDepth) {
      failure_ = Failure::kDepth;
      path_ = current_path();
      return false;
    }
    json* s = slot();
    *s = std::move(v);
    frames_.push_back({s, array, "", -1, {}});
    return true;
  }
  /// The dotted path of the value being read ("data.cov[1][0]"; "input[3]" for a top-level
  /// array).
  std::string current_path() const {
    std::string path;
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        // Inside the innermost array the value being read is the next element.
        const long idx = i + 1 == frames_.size() ? f.index + 1 : f.index;
        path += fmt::format("[{}]", idx);
      } else if (!f.key.empty() || i + 1 < frames_.size()) {
        if (!path.empty()) path += ".";
        path += f.key;
      }
    }
    if (!path.empty() && path.front() == '[') path = "input" + path;
    return path;
  }

  json root_;
  std::vector<Frame> frames_;
  Failure failure_ = Failure::kNone;
  std::string path_, token_, message_;
};

std::string strip_exception_prefix(std::string msg) {
  // "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
  if (!msg.empty() && msg.front() == '[') {
    const auto close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
  }
  return msg;
}

/// A path of at most 60 characters (a deeply nested one is cut).
std::string short_path(const std::string& path) {
  return path.size() <= 60 ? path : path.substr(0, 57) + "...";
}

/// The direction as echoed: the unit vector e/‖e‖ (e₁ when not given).
Vec echoed_direction(const ScoreError& err, Eigen::Index d) {
  Vec e = err.direction;
  if (e.size() == 0 && d > 0) e = Vec::Unit(d, 0);
  e = safely_normalisable(std::move(e));
  if (e.size() > 0) e /= e.norm();
  return e;
}

/// The normalised echo of `cfg` with the given process echo and data preset ("" for none).
ojson make_echo(const Problem& cfg, ojson process, const std::string& preset,
                const ReportOptions& opt) {
  ojson c;
  c["process"] = std::move(process);
  Eigen::Index d = 0;
  if (cfg.target) {
    const GaussianData& data = cfg.gaussian();
    d = data.dim();
    ojson jd;
    jd["kind"] = "gaussian";
    if (!preset.empty()) jd["preset"] = preset;
    jd["dim"] = d;
    jd["mean"] = json_vector(data.mean());
    jd["cov"] = opt.full_matrix(d)
                    ? json_matrix(data.cov())
                    : json_covariance_summary(data.eigenvalues(), data.cov().diagonal());
    c["data"] = std::move(jd);
  } else {
    c["data"] = nullptr;
  }
  c["T"] = json_number(cfg.T());
  c["steps"] = cfg.grid.steps();
  c["sampler"] = to_string(cfg.scheme);
  c["init"] = to_string(cfg.init);

  ojson se;
  se["delta"] = json_number(cfg.score_error.delta);
  se["eps"] = json_number(cfg.score_error.eps);
  se["direction"] = json_vector(echoed_direction(cfg.score_error, d));
  c["score_error"] = std::move(se);

  if (cfg.grid.is_uniform()) {
    c["grid"] = "uniform";
  } else {
    ojson g = ojson::array();
    for (double s : cfg.grid.reverse_times()) g.push_back(json_number(s));
    c["grid"] = std::move(g);
  }
  c["tv_samples"] = cfg.options.tv_samples;
  return c;
}

/// A string value that must be one of `names` (checked here, so that the message shows the
/// value escaped by show()).
std::string get_choice(const json& v, const std::string& key,
                       std::initializer_list<std::string_view> names) {
  std::string allowed = "one of ";
  for (std::size_t i = 0; i < names.size(); ++i)
    allowed += (i ? ", " : "") + std::string(names.begin()[i]);
  const std::string s = get_string(v, key, "a string: " + allowed);
  for (std::string_view n : names)
    if (s == n) return s;
  bad(key, show(v), allowed);
}

}  // namespace

nlohmann::json parse_json_text(const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw InputError(
        "scorebound: input is not valid JSON: it is empty (a configuration is one JSON object)");
  JsonReader reader;
  if (json::sax_parse(text, &reader)) return std::move(reader.root());
  const std::string& where = reader.path();
  switch (reader.failure()) {
    case JsonReader::Failure::kDepth:
      throw InputError(printable(fmt::format(
          "scorebound: input nests deeper than {0} levels (at {1}); at most {0} levels of arrays "
          "and objects are allowed",
          kMaxDepth, short_path(where))));
    case JsonReader::Failure::kDuplicate:
      bad(where, "given twice",
          "given once (a duplicate key: JSON does not say which of the values is meant)");
    case JsonReader::Failure::kOverflow:
      if (!where.empty()) bad(where, reader.token(), "finite (it overflows a double)");
      break;
    case JsonReader::Failure::kSyntax:
    case JsonReader::Failure::kNone:
      break;
  }
  std::string msg =
      "scorebound: input is not valid JSON: " + strip_exception_prefix(reader.message());
  if (!where.empty()) msg += " (near " + short_path(where) + ")";
  throw InputError(printable(msg));
}

ParsedConfig parse_config(const nlohmann::json& j, const ReportOptions& opt) {
  const Obj top(j, "", "the scorebound eval configuration");
  top.only(kTopKeys, "the configuration");

  Problem cfg;
  ParsedData data = parse_data(top.at("data", "an object {kind: gaussian, mean, cov}"));
  cfg.target = data.data;
  const Eigen::Index d = cfg.gaussian().dim();
  cfg.grid = parse_grid(top);
  const double T = cfg.grid.horizon();

  cfg.scheme = scheme_from_string(get_choice(top.at("sampler", "one of em, ei, eir, continuous"),
                                             "sampler", {"em", "ei", "eir", "continuous"}),
                                  "sampler");
  if (const json* ji = top.find("init"))
    cfg.init = init_from_string(get_choice(*ji, "init", {"reference", "p_T"}), "init");
  if (const json* je = top.find("score_error")) cfg.score_error = parse_score_error(*je, d);

  ParsedProcess process = parse_process(top.at("process", "an object {kind, ...}"), d, T);
  cfg.process = process.process;

  if (const json* js = top.find("seed")) cfg.options.seed = get_seed(*js, "seed");
  if (const json* jt = top.find("tv_samples"))
    cfg.options.tv_samples = static_cast<long>(get_integer(*jt, "tv_samples", 1000, kMaxTvSamples));

  cfg.validate();
  ojson echo = make_echo(cfg, std::move(process.echo), data.preset, opt);
  return {std::move(cfg), std::move(echo)};
}

Problem parse_run_config(const nlohmann::json& j) { return parse_config(j).config; }

nlohmann::ordered_json config_to_json(const Problem& cfg, const ReportOptions& opt) {
  ojson process = nullptr;
  if (cfg.process)
    process = ojson{{"kind", cfg.process->kind()}, {"describe", cfg.process->describe()}};
  return make_echo(cfg, std::move(process), "", opt);
}

}  // namespace sb
