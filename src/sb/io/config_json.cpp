#include "sb/io/config_json.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/io/report_json.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
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

// ---------------------------------------------------------------------------------------------
// The echo of the parsed process and data travels with the shared_ptr itself: the pointer
// handed to Problem shares ownership with the factory's pointer through a no-op deleter
// that also stores the echo, and std::get_deleter finds it again from any copy. The object is
// the factory's own (dynamic_cast, kind() etc. are unaffected) and Problem needs no field
// for it.
template <class T>
struct EchoHolder {
  std::shared_ptr<const T> owner;
  ojson echo;
  void operator()(const T*) const noexcept {}
};

template <class T>
std::shared_ptr<const T> with_echo(std::shared_ptr<const T> p, ojson echo) {
  const T* raw = p.get();
  return std::shared_ptr<const T>(raw, EchoHolder<T>{std::move(p), std::move(echo)});
}

template <class T>
const ojson* echo_of(const std::shared_ptr<const T>& p) {
  const auto* h = std::get_deleter<EchoHolder<T>>(p);
  return h ? &h->echo : nullptr;
}

// ---------------------------------------------------------------------------------------------
// Values.

/// A short text of a JSON value for error messages (numbers in shortest round-trip form).
std::string show(const json& v) {
  if (v.is_number_float()) return format_value(v.get<double>());
  std::string s = v.dump(-1, ' ', false, json::error_handler_t::replace);
  if (s.size() > 60) s = s.substr(0, 57) + "...";
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
  throw_input_error(kFn, key, "missing", fmt::format("given ({})", allowed));
}

double get_number(const json& v, const std::string& key) {
  if (!v.is_number()) throw_input_error(kFn, key, show(v), "a number");
  const double x = v.get<double>();
  if (!std::isfinite(x)) throw_input_error(kFn, key, format_value(x), "finite");
  return x;
}

double get_positive(const json& v, const std::string& key) {
  const double x = get_number(v, key);
  if (!(x > 0)) throw_input_error(kFn, key, show(v), "> 0");
  return x;
}

/// An integer in [lo, hi]; a JSON float is accepted only if it is integral (10.0, 1e3).
long long get_integer(const json& v, const std::string& key, long long lo, long long hi) {
  const std::string range = hi == std::numeric_limits<long long>::max()
                                ? fmt::format("an integer >= {}", lo)
                                : fmt::format("an integer in [{}, {}]", lo, hi);
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(hi)) throw_input_error(kFn, key, show(v), range);
    const auto n = static_cast<long long>(u);
    if (n < lo) throw_input_error(kFn, key, show(v), range);
    return n;
  }
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < lo || n > hi) throw_input_error(kFn, key, show(v), range);
    return n;
  }
  if (v.is_number_float()) {
    const double x = v.get<double>();
    if (!std::isfinite(x)) throw_input_error(kFn, key, format_value(x), range);
    if (x != std::floor(x)) throw_input_error(kFn, key, show(v), range);
    if (x < static_cast<double>(lo) || x > static_cast<double>(hi))
      throw_input_error(kFn, key, show(v), range);
    return static_cast<long long>(x);
  }
  throw_input_error(kFn, key, show(v), range);
}

std::uint64_t get_seed(const json& v, const std::string& key) {
  constexpr const char* kAllowed = "an integer in [0, 18446744073709551615]";
  if (v.is_number_unsigned()) return v.get<std::uint64_t>();
  if (v.is_number_integer()) {
    const auto n = v.get<std::int64_t>();
    if (n < 0) throw_input_error(kFn, key, show(v), kAllowed);
    return static_cast<std::uint64_t>(n);
  }
  if (v.is_number_float()) {
    // Integral floats are exact only up to 2^53.
    const double x = v.get<double>();
    if (std::isfinite(x) && x == std::floor(x) && x >= 0 && x <= 9007199254740992.0)
      return static_cast<std::uint64_t>(x);
  }
  throw_input_error(kFn, key, show(v), kAllowed);
}

std::string get_string(const json& v, const std::string& key, std::string_view allowed) {
  if (!v.is_string()) throw_input_error(kFn, key, show(v), allowed);
  return v.get<std::string>();
}

const json& get_array(const json& v, const std::string& key, std::string_view allowed) {
  if (!v.is_array()) throw_input_error(kFn, key, show(v), allowed);
  return v;
}

/// An array of numbers of length n (any length >= 1 when n < 0).
Vec get_vector(const json& v, const std::string& key, Eigen::Index n, std::string_view what) {
  get_array(v, key, "an array of numbers");
  const auto len = static_cast<Eigen::Index>(v.size());
  if (n < 0 && len < 1) throw_input_error(kFn, "the length of " + key, "0", ">= 1");
  if (n >= 0 && len != n)
    throw_input_error(kFn, "the length of " + key, std::to_string(len),
                      fmt::format("{} ({})", n, what));
  Vec out(len);
  for (Eigen::Index i = 0; i < len; ++i)
    out(i) =
        get_number(v[static_cast<std::size_t>(i)], index_key(key, static_cast<std::size_t>(i)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Objects: the dotted path of each key, and the check for unknown keys.

class Obj {
 public:
  /// `path` is "" for the top level.
  Obj(const json& j, std::string path, std::string_view what) : j_(j), path_(std::move(path)) {
    if (!j.is_object())
      throw_input_error(kFn, path_.empty() ? "the input" : path_, show(j),
                        fmt::format("a JSON object ({})", what));
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
        throw InputError(fmt::format("scorebound: unknown key {}; allowed keys for {}: {}",
                                     key(item.key()), object, join(allowed)));
    }
  }
  const std::string& path() const { return path_; }

 private:
  const json& j_;
  std::string path_;
};

// ---------------------------------------------------------------------------------------------
// data

std::shared_ptr<const GaussianData> parse_data(const json& jd) {
  const Obj o(jd, "data", "kind, and mean and cov, or preset and dim");
  const std::vector<std::string> keys = {"kind", "mean", "cov", "preset", "dim"};
  o.only(keys, "data");
  const std::string kind =
      get_string(o.at("kind", "gaussian"), o.key("kind"), "a string: gaussian");
  if (kind != "gaussian") throw_input_error(kFn, o.key("kind"), show(jd["kind"]), "gaussian");

  ojson echo;
  echo["kind"] = "gaussian";
  if (o.has("preset")) {
    if (o.has("mean") || o.has("cov"))
      throw_input_error(kFn, "data.preset", "given together with data.mean/data.cov",
                        "given alone (either preset and dim, or mean and cov)");
    const std::string preset = get_string(*o.find("preset"), "data.preset",
                                          "one of isotropic, heteroscedastic, correlated");
    if (preset != "isotropic" && preset != "heteroscedastic" && preset != "correlated")
      throw_input_error(kFn, "data.preset", show(jd["preset"]),
                        "one of isotropic, heteroscedastic, correlated");
    const long long d = get_integer(o.at("dim", "an integer >= 1, the dimension of the preset"),
                                    "data.dim", 1, kMaxDim);
    echo["preset"] = preset;
    auto data = std::make_shared<const GaussianData>(gaussian_preset(preset, d));
    return with_echo(std::move(data), std::move(echo));
  }

  const Vec mean =
      get_vector(o.at("mean", "an array of numbers, or give preset and dim"), "data.mean", -1, "");
  const auto d = mean.size();
  if (d > kMaxDim)
    throw_input_error(kFn, "the length of data.mean", std::to_string(d),
                      fmt::format("<= {}", kMaxDim));
  if (const json* jdim = o.find("dim")) {
    const long long dim = get_integer(*jdim, "data.dim", 1, kMaxDim);
    if (dim != d)
      throw_input_error(kFn, "data.dim", show(*jdim),
                        fmt::format("{} (the length of data.mean)", d));
  }
  const json& jc = get_array(o.at("cov", "a d x d array of arrays of numbers"), "data.cov",
                             "an array of d arrays of d numbers");
  if (static_cast<Eigen::Index>(jc.size()) != d)
    throw_input_error(kFn, "the number of rows of data.cov", std::to_string(jc.size()),
                      fmt::format("{} (the length of data.mean)", d));
  Mat cov(d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const std::string row_key = index_key("data.cov", static_cast<std::size_t>(i));
    const json& row = jc[static_cast<std::size_t>(i)];
    get_array(row, row_key, "an array of numbers (a row of the covariance)");
    if (static_cast<Eigen::Index>(row.size()) != d)
      throw_input_error(kFn, "the length of " + row_key, std::to_string(row.size()),
                        fmt::format("{} (the length of data.mean)", d));
    for (Eigen::Index j = 0; j < d; ++j)
      cov(i, j) = get_number(row[static_cast<std::size_t>(j)],
                             index_key(row_key, static_cast<std::size_t>(j)));
  }
  for (Eigen::Index i = 0; i < d; ++i)
    if (!(cov(i, i) > 0))
      throw_input_error(kFn, fmt::format("data.cov[{}][{}]", i, i), format_value(cov(i, i)),
                        "> 0 (a variance)");
  // Symmetry (relative 1e-12), then positive definiteness naming the smallest eigenvalue.
  check_spd(kFn, "data.cov", cov);
  auto data = std::make_shared<const GaussianData>(mean, cov, "data");
  return with_echo(std::move(data), std::move(echo));
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
      throw_input_error(kFn, o.key("a"), show(ja),
                        fmt::format("such that |a*T| <= 700 (T = {})", format_value(T)));
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
      throw_input_error(kFn, "the number of " + pkey, std::to_string(jp.size()),
                        ">= 2 ([t, beta] pairs from t = 0 to t >= T)");
    std::vector<std::pair<double, double>> pts;
    ojson echo_pts = ojson::array();
    for (std::size_t i = 0; i < jp.size(); ++i) {
      const std::string ikey = index_key(pkey, i);
      const json& p = jp[i];
      if (!p.is_array() || p.size() != 2)
        throw_input_error(kFn, ikey, show(p), "a pair [t, beta] of numbers");
      const double t = get_number(p[0], ikey + "[0]");
      const double b = get_number(p[1], ikey + "[1]");
      if (i == 0 && t != 0.0) throw_input_error(kFn, ikey + "[0]", show(p[0]), "0 (t starts at 0)");
      if (i > 0 && !(t > pts.back().first))
        throw_input_error(kFn, ikey + "[0]", show(p[0]),
                          fmt::format("> {}[0] = {} (t strictly increasing)",
                                      index_key(pkey, i - 1), format_value(pts.back().first)));
      if (!(b > 0)) throw_input_error(kFn, ikey + "[1]", show(p[1]), "> 0 (beta is positive)");
      pts.emplace_back(t, b);
      echo_pts.push_back(ojson::array({t, b}));
    }
    if (pts.back().first < T)
      throw_input_error(kFn, index_key(pkey, jp.size() - 1) + "[0]", format_value(pts.back().first),
                        fmt::format(">= T = {} (the table must cover [0, T])", format_value(T)));
    out.schedule = make_table_schedule(std::move(pts));
    out.echo["points"] = std::move(echo_pts);
  } else {
    throw_input_error(kFn, kind_key, show(js["kind"]), "one of linear, exp, table");
  }
  return out;
}

ProcessPtr parse_process(const json& jp, Eigen::Index d, double T) {
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
      throw_input_error(kFn, "process.sigma", format_value(sigma),
                        fmt::format("such that sigma^2 and sigma^2/(2 theta) (theta = {}) are "
                                    "positive finite doubles",
                                    format_value(theta)));
    Vec mu;  // empty: centre 0
    if (const json* jm = o.find("mu")) mu = get_vector(*jm, "process.mu", d, "the data dimension");
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
      throw_input_error(kFn, "process.sigma_max", show(jmax),
                        fmt::format("> process.sigma_min = {}", format_value(smin)));
    params["sigma_min"] = smin;
    params["sigma_max"] = smax;
    p = make_ve_geometric(smin, smax, T);
  } else if (kind == "vp" || kind == "subvp" || kind == "cvp") {
    o.only({"kind", "beta_min", "beta_max", "schedule"}, object);
    SchedulePtr beta;
    if (const json* js = o.find("schedule")) {
      if (o.has("beta_min") || o.has("beta_max"))
        throw_input_error(kFn, "process.schedule", "given together with process.beta_min/beta_max",
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
    throw_input_error(kFn, "process.kind", show(jp["kind"]), kKinds);
  }

  ojson echo;
  echo["kind"] = kind;
  echo["describe"] = p->describe();
  for (auto& [k, v] : params.items()) echo[k] = v;
  return with_echo(std::move(p), std::move(echo));
}

// ---------------------------------------------------------------------------------------------
// grid, T, steps

TimeGrid parse_grid(const Obj& top) {
  const json* jT = top.find("T");
  const json* jsteps = top.find("steps");
  if (const json* jg = top.find("grid")) {
    get_array(*jg, "grid", "an array of reverse times 0 = s_0 < s_1 < ... < s_N");
    if (jg->size() < 2)
      throw_input_error(kFn, "the number of grid points", std::to_string(jg->size()),
                        ">= 2 (0 = s_0 < s_1 < ... < s_N)");
    std::vector<double> s(jg->size());
    for (std::size_t k = 0; k < s.size(); ++k) {
      s[k] = get_number((*jg)[k], index_key("grid", k));
      if (k == 0 && s[0] != 0.0) throw_input_error(kFn, "grid[0]", show((*jg)[0]), "0");
      if (k > 0 && !(s[k] > s[k - 1]))
        throw_input_error(
            kFn, index_key("grid", k), show((*jg)[k]),
            fmt::format("> grid[{}] = {} (strictly increasing)", k - 1, format_value(s[k - 1])));
    }
    const auto N = static_cast<long long>(s.size() - 1);
    if (N > kMaxSteps)
      throw_input_error(kFn, "the number of grid intervals", std::to_string(N),
                        fmt::format("<= {}", kMaxSteps));
    if (jsteps) {
      const long long steps = get_integer(*jsteps, "steps", 1, kMaxSteps);
      if (steps != N)
        throw_input_error(kFn, "steps", show(*jsteps),
                          fmt::format("{} (the number of intervals of grid), or omitted", N));
    }
    if (jT) {
      const double T = get_number(*jT, "T");
      if (!(T > 0)) throw_input_error(kFn, "T", show(*jT), "> 0");
      if (std::abs(T - s.back()) > 1e-12 * s.back())
        throw_input_error(
            kFn, "T", show(*jT),
            fmt::format("{} (the last point of grid), or omitted", format_value(s.back())));
    }
    return TimeGrid::from_reverse_times(s);
  }
  if (!jT) missing("T", "a number > 0, the horizon; or give grid");
  const double T = get_number(*jT, "T");
  if (!(T > 0)) throw_input_error(kFn, "T", show(*jT), "> 0");
  if (!jsteps) missing("steps", "an integer >= 1; or give grid");
  const long long steps = get_integer(*jsteps, "steps", 1, kMaxSteps);
  return TimeGrid::uniform(T, static_cast<int>(steps));
}

// ---------------------------------------------------------------------------------------------
// score_error

ScoreError parse_score_error(const json& je, Eigen::Index d) {
  const Obj o(je, "score_error", "delta, eps, direction");
  o.only({"delta", "eps", "direction"}, "score_error");
  ScoreError e;
  if (const json* jd = o.find("delta")) {
    e.delta = get_number(*jd, "score_error.delta");
    if (!(e.delta > -1.0)) throw_input_error(kFn, "score_error.delta", show(*jd), "> -1");
  }
  if (const json* je2 = o.find("eps")) {
    e.eps = get_number(*je2, "score_error.eps");
    if (!(e.eps >= 0.0)) throw_input_error(kFn, "score_error.eps", show(*je2), ">= 0");
  }
  if (const json* jdir = o.find("direction")) {
    e.direction = get_vector(*jdir, "score_error.direction", d, "the data dimension");
    if (!(e.direction.norm() > 0))
      throw_input_error(kFn, "score_error.direction", show(*jdir), "a non-zero vector");
  }
  return e;
}

const std::vector<std::string> kTopKeys = {"process",     "data", "T",    "steps", "sampler",
                                           "score_error", "init", "grid", "seed",  "tv_samples"};

}  // namespace

// -------------------------------------------------------------------------------------------------
// parse_json_text: on failure a second, SAX pass finds the key being read.

namespace {

class PathTracker final : public nlohmann::json_sax<json> {
 public:
  bool null() override { return value(); }
  bool boolean(bool) override { return value(); }
  bool number_integer(number_integer_t) override { return value(); }
  bool number_unsigned(number_unsigned_t) override { return value(); }
  bool number_float(number_float_t, const string_t&) override { return value(); }
  bool string(string_t&) override { return value(); }
  bool binary(binary_t&) override { return value(); }
  bool start_object(std::size_t) override {
    value();
    frames_.push_back({false, "", -1});
    return true;
  }
  bool key(string_t& k) override {
    frames_.back().key = k;
    return true;
  }
  bool end_object() override {
    frames_.pop_back();
    return true;
  }
  bool start_array(std::size_t) override {
    value();
    frames_.push_back({true, "", -1});
    return true;
  }
  bool end_array() override {
    frames_.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string& last_token,
                   const nlohmann::detail::exception&) override {
    token_ = last_token;
    path_.clear();
    for (std::size_t i = 0; i < frames_.size(); ++i) {
      const Frame& f = frames_[i];
      if (f.array) {
        // The value that failed is the next element of the innermost array.
        const long idx = i + 1 == frames_.size() ? f.index + 1 : f.index;
        path_ += fmt::format("[{}]", idx);
      } else if (!f.key.empty()) {
        if (!path_.empty()) path_ += ".";
        path_ += f.key;
      }
    }
    if (!path_.empty() && path_.front() == '[') path_ = "input" + path_;
    return false;
  }
  const std::string& path() const { return path_; }
  const std::string& token() const { return token_; }

 private:
  struct Frame {
    bool array;
    std::string key;
    long index;
  };
  bool value() {
    if (!frames_.empty() && frames_.back().array) ++frames_.back().index;
    return true;
  }
  std::vector<Frame> frames_;
  std::string path_, token_;
};

std::string strip_exception_prefix(std::string msg) {
  // "[json.exception.parse_error.101] parse error at ..." -> "parse error at ..."
  if (!msg.empty() && msg.front() == '[') {
    const auto close = msg.find("] ");
    if (close != std::string::npos) msg = msg.substr(close + 2);
  }
  for (char& c : msg)
    if (c == '\n' || c == '\r') c = ' ';
  return msg;
}

}  // namespace

nlohmann::json parse_json_text(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::exception& e) {
    PathTracker tracker;
    (void)json::sax_parse(text, &tracker);
    const std::string& where = tracker.path();
    if (e.id == 406 && !where.empty())  // number overflow: 1e999
      throw_input_error(kFn, where, tracker.token(), "finite (it overflows a double)");
    std::string msg = "scorebound: input is not valid JSON: " + strip_exception_prefix(e.what());
    if (!where.empty()) msg += " (near " + where + ")";
    throw InputError(msg);
  }
}

Problem parse_run_config(const nlohmann::json& j) {
  const Obj top(j, "", "the scorebound eval configuration");
  top.only(kTopKeys, "the configuration");

  Problem cfg;
  cfg.target = parse_data(top.at("data", "an object {kind: gaussian, mean, cov}"));
  const Eigen::Index d = cfg.target->dim();
  cfg.grid = parse_grid(top);
  const double T = cfg.grid.horizon();

  constexpr const char* kSamplers = "one of em, ei, eir, continuous";
  const std::string sampler =
      get_string(top.at("sampler", kSamplers), "sampler", fmt::format("a string: {}", kSamplers));
  cfg.scheme = scheme_from_string(sampler, "sampler");

  if (const json* ji = top.find("init")) {
    constexpr const char* kInits = "one of reference, p_T";
    cfg.init =
        init_from_string(get_string(*ji, "init", fmt::format("a string: {}", kInits)), "init");
  }
  if (const json* je = top.find("score_error")) cfg.score_error = parse_score_error(*je, d);

  cfg.process = parse_process(top.at("process", "an object {kind, ...}"), d, T);

  if (const json* js = top.find("seed")) cfg.options.seed = get_seed(*js, "seed");
  if (const json* jt = top.find("tv_samples"))
    cfg.options.tv_samples = static_cast<long>(get_integer(*jt, "tv_samples", 1000, kMaxTvSamples));

  cfg.validate();
  return cfg;
}

nlohmann::ordered_json config_to_json(const Problem& cfg) {
  ojson c;
  if (cfg.process) {
    if (const ojson* echo = echo_of(cfg.process)) {
      c["process"] = *echo;
    } else {
      c["process"] = ojson{{"kind", cfg.process->kind()}, {"describe", cfg.process->describe()}};
    }
  } else {
    c["process"] = nullptr;
  }
  Eigen::Index d = 0;
  if (cfg.target) {
    const GaussianData& data = cfg.gaussian();
    d = data.dim();
    ojson jd;
    jd["kind"] = "gaussian";
    if (const auto* h = std::get_deleter<EchoHolder<GaussianData>>(cfg.target))
      if (const ojson* echo = &h->echo)
      if (echo->contains("preset")) jd["preset"] = (*echo)["preset"];
    jd["dim"] = d;
    jd["mean"] = json_vector(data.mean());
    jd["cov"] = json_matrix(data.cov());
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
  Vec e = cfg.score_error.direction;
  if (e.size() == 0 && d > 0) e = Vec::Unit(d, 0);
  if (e.size() > 0 && e.norm() > 0) e /= e.norm();
  se["direction"] = json_vector(e);
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

}  // namespace sb
