#include "sb/io/config_json.hpp"

#include <fmt/format.h>

#include <bit>
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
#include "sb/core/linalg.hpp"
#include "sb/data/funnel.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/data/hypercube_law.hpp"
#include "sb/io/printable.hpp"
#include "sb/io/report_json.hpp"
#include "sb/process/cld.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/jump_chain.hpp"
#include "sb/schedule/schedule.hpp"

namespace sb {
namespace {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

constexpr const char* kConfigFn = "scorebound";
// Practical limits: beyond them the engine would exhaust memory rather than fail cleanly.
constexpr long long kMaxSteps = 100000000;  // 1e8 grid intervals
constexpr long long kMaxDim = 10000;        // a dense d x d covariance of 800 MB
constexpr long long kMaxTvSamples = 1000000000;
// Deeper input is no configuration; a cap keeps the parser and the messages out of deep recursion.
constexpr std::size_t kMaxDepth = 64;

/// Throws the one-line InputError "scorebound: <key> is <value>, but must be <allowed>" with
/// every part made printable (a key may hold a NUL or any other character JSON can escape).
[[noreturn]] void bad(std::string_view key, std::string_view value, std::string_view allowed) {
  throw_input_error(kConfigFn, printable(key), printable(value), printable(allowed));
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
  TargetPtr target;
  std::string preset;  // Gaussian data: empty unless given by preset
  ojson echo;          // non-Gaussian data: the normalised echo (Gaussian: made by make_echo)
};

// Limits of mixtures: K components, and K·d numbers of the means (the score keeps two more
// copies of them, transported, per process: 1e7 numbers are 80 MB each).
constexpr long long kMaxComponents = 10000;
constexpr long long kMaxMixtureNumbers = 10000000;
// The funnel's x₁ ~ N(0, σ₁²) enters as e^{x₁}: σ₁² <= 1000 keeps e^{x₁} at 6σ₁ (e^190) far
// from the double range.
constexpr double kMaxFunnelX1Var = 1000.0;

/// A d x d matrix from an array of d arrays of d numbers of magnitude <= 1e150, with positive
/// diagonal, symmetric and positive definite (named `key`, rows `key[i]`).
Mat get_spd_matrix(const json& jc, const std::string& key, Eigen::Index d, std::string_view what) {
  get_array(jc, key, "an array of d arrays of d numbers");
  if (static_cast<Eigen::Index>(jc.size()) != d)
    bad("the number of rows of " + key, std::to_string(jc.size()), fmt::format("{} ({})", d, what));
  Mat cov(d, d);
  for (Eigen::Index i = 0; i < d; ++i) {
    const std::string row_key = index_key(key, static_cast<std::size_t>(i));
    const json& row = jc[static_cast<std::size_t>(i)];
    get_array(row, row_key, "an array of numbers (a row of the covariance)");
    if (static_cast<Eigen::Index>(row.size()) != d)
      bad("the length of " + row_key, std::to_string(row.size()), fmt::format("{} ({})", d, what));
    for (Eigen::Index j = 0; j < d; ++j)
      cov(i, j) = get_moderate(row[static_cast<std::size_t>(j)],
                               index_key(row_key, static_cast<std::size_t>(j)));
  }
  for (Eigen::Index i = 0; i < d; ++i)
    if (!(cov(i, i) > 0))
      bad(fmt::format("{}[{}][{}]", key, i, i), format_value(cov(i, i)), "> 0 (a variance)");
  // Symmetry (relative 1e-12), then positive definiteness naming the smallest eigenvalue.
  check_spd(kConfigFn, key, cov);
  return cov;
}

ParsedData parse_gaussian_data(const Obj& o, const json& jd) {
  o.only({"kind", "mean", "cov", "preset", "dim"}, "data");
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
    return {std::make_shared<const GaussianData>(gaussian_preset(preset, d)), preset, {}};
  }

  const Vec mean = get_vector(o.at("mean", "an array of numbers, or give preset and dim"),
                              "data.mean", -1, "", true);
  const auto d = mean.size();
  if (d > kMaxDim) bad("the length of data.mean", std::to_string(d), fmt::format("<= {}", kMaxDim));
  if (const json* jdim = o.find("dim")) {
    const long long dim = get_integer(*jdim, "data.dim", 1, kMaxDim);
    if (dim != d) bad("data.dim", show(*jdim), fmt::format("{} (the length of data.mean)", d));
  }
  const Mat cov = get_spd_matrix(o.at("cov", "a d x d array of arrays of numbers"), "data.cov", d,
                                 "the length of data.mean");
  return {std::make_shared<const GaussianData>(mean, cov, "data"), "", {}};
}

/// An optional number > 0 of magnitude <= 1e150 (default `def` when absent).
double get_optional_positive(const Obj& o, const std::string& k, double def) {
  const json* v = o.find(k);
  if (!v) return def;
  const double x = get_moderate(*v, o.key(k));
  if (!(x > 0)) bad(o.key(k), show(*v), "> 0");
  return x;
}

/// An optional data.components / data.dim that must equal what the form implies.
void check_implied(const Obj& o, const std::string& k, long long value, long long lo, long long hi,
                   std::string_view from) {
  if (const json* v = o.find(k)) {
    const long long n = get_integer(*v, o.key(k), lo, hi);
    if (n != value) bad(o.key(k), show(*v), fmt::format("{} ({}), or omitted", value, from));
  }
}

void check_mixture_size(long long K, long long d) {
  if (K * d > kMaxMixtureNumbers)
    bad("data.components x data.dim", fmt::format("{} x {} = {}", K, d, K * d),
        fmt::format("<= {} (the means and their transported copies stay below 250 MB)",
                    kMaxMixtureNumbers));
}

/// The echo of a mixture's components (weights, means, then var or covs; every covariance in
/// full up to kFullMatrixMaxDim, summarised above).
void echo_mixture_components(const GaussianMixture& g, ojson& e, const ReportOptions& opt) {
  e["weights"] = json_vector(g.weights());
  ojson means = ojson::array();
  for (Eigen::Index k = 0; k < g.components(); ++k)
    means.push_back(json_vector(g.means().row(k).transpose()));
  e["means"] = std::move(means);
  if (g.is_isotropic_equal()) {
    e["var"] = json_number(g.isotropic_var());
    return;
  }
  ojson covs = ojson::array();
  for (const Mat& c : g.covs()) {
    if (opt.full_matrix(c.rows())) {
      covs.push_back(json_matrix(c));
    } else {
      const Eigen::SelfAdjointEigenSolver<Mat> es(c, Eigen::EigenvaluesOnly);
      covs.push_back(json_covariance_summary(es.eigenvalues(), c.diagonal()));
    }
  }
  e["covs"] = std::move(covs);
}

ParsedData parse_gmm_data(const Obj& o, const ReportOptions& opt) {
  ojson e;
  e["kind"] = "gmm";
  constexpr const char* kPresets = "one of symmetric_pair, grid25, random";
  if (const json* jp = o.find("preset")) {
    const std::string preset = get_string(*jp, "data.preset", std::string("a string: ") + kPresets);
    e["preset"] = preset;
    std::shared_ptr<const GaussianMixture> g;
    if (preset == "symmetric_pair") {
      o.only({"kind", "preset", "a", "var", "components", "dim"}, "data preset symmetric_pair");
      double a = 2.0;
      if (const json* ja = o.find("a")) a = get_moderate(*ja, "data.a");
      const double var = get_optional_positive(o, "var", 0.25);
      check_implied(o, "components", 2, 1, kMaxComponents, "the preset symmetric_pair");
      check_implied(o, "dim", 1, 1, kMaxDim, "the preset symmetric_pair");
      e["a"] = json_number(a);
      e["var"] = json_number(var);
      g = std::make_shared<const GaussianMixture>(gmm_symmetric_pair(a, var));
    } else if (preset == "grid25") {
      o.only({"kind", "preset", "spacing", "var", "components", "dim"}, "data preset grid25");
      const double spacing = get_optional_positive(o, "spacing", 1.0);
      const double var = get_optional_positive(o, "var", 0.01);
      check_implied(o, "components", 25, 1, kMaxComponents, "the preset grid25");
      check_implied(o, "dim", 2, 1, kMaxDim, "the preset grid25");
      e["spacing"] = json_number(spacing);
      e["var"] = json_number(var);
      g = std::make_shared<const GaussianMixture>(gmm_grid25(spacing, var));
    } else if (preset == "random") {
      o.only({"kind", "preset", "components", "dim", "seed", "mean_scale", "var"},
             "data preset random");
      const long long K =
          get_integer(o.at("components", "an integer in [1, 10000], the number of components"),
                      "data.components", 1, kMaxComponents);
      const long long d = get_integer(o.at("dim", "an integer in [1, 10000], the dimension"),
                                      "data.dim", 1, kMaxDim);
      check_mixture_size(K, d);
      std::uint64_t seed = 0;
      if (const json* js = o.find("seed")) seed = get_seed(*js, "data.seed");
      double mean_scale = 1.0;
      if (const json* jm = o.find("mean_scale")) {
        mean_scale = get_moderate(*jm, "data.mean_scale");
        if (!(mean_scale >= 0)) bad("data.mean_scale", show(*jm), ">= 0");
      }
      const double var = get_optional_positive(o, "var", 1.0);
      e["components"] = K;
      e["dim"] = d;
      e["seed"] = seed;
      e["mean_scale"] = json_number(mean_scale);
      e["var"] = json_number(var);
      g = std::make_shared<const GaussianMixture>(
          gmm_random(static_cast<int>(K), static_cast<Eigen::Index>(d), seed, mean_scale, var));
    } else {
      bad("data.preset", show(*jp), kPresets);
    }
    if (!e.contains("components")) {
      // Shown after the preset's parameters; the parser accepts them back (checked equal).
      e["components"] = g->components();
      e["dim"] = g->dim();
    }
    return {g, preset, std::move(e)};
  }

  o.only({"kind", "weights", "means", "covs", "var", "components", "dim"}, "data kind gmm");
  const json& jm =
      get_array(o.at("means", "an array of K arrays of d numbers; or give preset"), "data.means",
                "an array of K arrays of d numbers (one mean per component)");
  const auto K = static_cast<long long>(jm.size());
  if (K < 1 || K > kMaxComponents)
    bad("the number of components (the length of data.means)", std::to_string(K),
        fmt::format("in [1, {}]", kMaxComponents));
  const json& jm0 = get_array(jm[0], "data.means[0]", "an array of d numbers (a mean)");
  const auto d = static_cast<long long>(jm0.size());
  if (d < 1 || d > kMaxDim)
    bad("the length of data.means[0]", std::to_string(d), fmt::format("in [1, {}]", kMaxDim));
  check_mixture_size(K, d);
  check_implied(o, "components", K, 1, kMaxComponents, "the length of data.means");
  check_implied(o, "dim", d, 1, kMaxDim, "the length of data.means[0]");
  Mat means(K, d);
  for (long long k = 0; k < K; ++k) {
    const std::string key = index_key("data.means", static_cast<std::size_t>(k));
    const Vec m = get_vector(jm[static_cast<std::size_t>(k)], key, static_cast<Eigen::Index>(d),
                             "the length of data.means[0]", true);
    means.row(k) = m.transpose();
  }

  Vec weights = Vec::Constant(K, 1.0 / static_cast<double>(K));
  if (const json* jw = o.find("weights")) {
    weights = get_vector(*jw, "data.weights", static_cast<Eigen::Index>(K),
                         "one weight per component: the length of data.means");
    for (long long k = 0; k < K; ++k)
      if (!(weights(k) >= 0))
        bad(index_key("data.weights", static_cast<std::size_t>(k)), format_value(weights(k)),
            ">= 0");
    const double sum = weights.sum(), tol = 1e-12 * static_cast<double>(K);
    if (!(std::abs(sum - 1.0) <= tol))
      bad("the sum of data.weights", format_value(sum),
          fmt::format("1 within {} (weights are not renormalised)", format_value(tol)));
  }

  std::shared_ptr<const GaussianMixture> g;
  const json* jvar = o.find("var");
  const json* jcovs = o.find("covs");
  if (jvar && jcovs)
    bad("data.var", "given together with data.covs",
        "given alone (either var, one variance for every component, or covs)");
  if (jcovs) {
    get_array(*jcovs, "data.covs", "an array of K d x d arrays (one covariance per component)");
    if (static_cast<long long>(jcovs->size()) != K)
      bad("the length of data.covs", std::to_string(jcovs->size()),
          fmt::format("{} (one covariance per component: the length of data.means)", K));
    std::vector<Mat> covs;
    covs.reserve(static_cast<std::size_t>(K));
    for (long long k = 0; k < K; ++k)
      covs.push_back(get_spd_matrix((*jcovs)[static_cast<std::size_t>(k)],
                                    index_key("data.covs", static_cast<std::size_t>(k)),
                                    static_cast<Eigen::Index>(d), "the length of data.means[0]"));
    g = std::make_shared<const GaussianMixture>(std::move(weights), std::move(means),
                                                std::move(covs));
  } else {
    const double var = get_positive(
        o.at("var", "a number > 0, the variance of every component; or give covs"), "data.var");
    if (!(var <= kDivergenceLimit)) get_moderate(*jvar, "data.var");  // names the limit
    g = std::make_shared<const GaussianMixture>(std::move(weights), std::move(means), var);
  }
  e["components"] = g->components();
  e["dim"] = g->dim();
  echo_mixture_components(*g, e, opt);
  return {g, "", std::move(e)};
}

ParsedData parse_funnel_data(const Obj& o) {
  o.only({"kind", "dim", "x1_var"}, "data kind funnel");
  const long long d =
      get_integer(o.at("dim", "an integer in [2, 10000], the dimension"), "data.dim", 2, kMaxDim);
  double x1_var = 1.0;
  if (const json* jv = o.find("x1_var")) {
    x1_var = get_number(*jv, "data.x1_var");
    if (!(x1_var > 0 && x1_var <= kMaxFunnelX1Var))
      bad("data.x1_var", show(*jv),
          fmt::format("in (0, {}] (x1 enters as exp(x1): a larger variance leaves the double "
                      "range)",
                      format_value(kMaxFunnelX1Var)));
  }
  ojson e;
  e["kind"] = "funnel";
  e["dim"] = d;
  e["x1_var"] = json_number(x1_var);
  return {std::make_shared<const Funnel>(static_cast<Eigen::Index>(d), x1_var), "", std::move(e)};
}

// ---------------------------------------------------------------------------------------------
// data on {0,1}^d (PSOCD25's bit-flip chain, seed 000 "Discrete state space"; theory-notes B.5)

/// Why d is at most kMaxHypercubeDim, said in every message about it.
constexpr const char* kCubeDimReason =
    "a law on {0,1}^d has 2^d states, and every sampler step applies the reverse generator, "
    "O(d 2^d), dozens of times";

/// data.dim of a law on {0,1}^d: an integer in [1, kMaxHypercubeDim] (an integral float such
/// as 3.0 is accepted, as for every integer key).
int get_cube_dim(const json& v) {
  if (v.is_number()) {
    const double x = v.get<double>();  // exact for every integer near the range
    if (x == std::floor(x) && x >= 1 && x <= kMaxHypercubeDim) return static_cast<int>(x);
  }
  bad("data.dim", show(v),
      fmt::format("an integer in [1, {}] ({})", kMaxHypercubeDim, kCubeDimReason));
}

/// A number in [lo, hi] (named key).
double get_in_range(const json& v, const std::string& key, double lo, double hi,
                    std::string_view why) {
  const double x = get_number(v, key);
  if (!(x >= lo && x <= hi))
    bad(key, show(v), fmt::format("in [{}, {}]{}", format_value(lo), format_value(hi), why));
  return x;
}

/// data.probs: 2^d numbers >= 0 summing to 1 within 1e-9 (d = `dim` when given). Checked here,
/// entry by entry, so that every message names data.probs[i]; HypercubeLaw then divides them
/// by their sum.
Vec get_probs(const json& v, std::optional<int> dim) {
  get_array(v, "data.probs",
            "an array of 2^d numbers (the probabilities of the states of {0,1}^d)");
  const auto n = static_cast<std::uint64_t>(v.size());
  if (dim) {
    const std::uint64_t want = std::uint64_t{1} << *dim;
    if (n != want)
      bad("the length of data.probs", std::to_string(n),
          fmt::format("{} (2^data.dim, data.dim = {})", want, *dim));
  } else if (n < 2 || !std::has_single_bit(n) || std::countr_zero(n) > kMaxHypercubeDim) {
    bad("the length of data.probs", std::to_string(n),
        fmt::format("2^d with 1 <= d <= {}: 2, 4, 8, ..., {} (one probability per state of "
                    "{{0,1}}^d; {})",
                    kMaxHypercubeDim, std::uint64_t{1} << kMaxHypercubeDim, kCubeDimReason));
  }
  Vec p(static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const std::string key = index_key("data.probs", i);
    const double x = get_number(v[i], key);
    if (!(x >= 0)) bad(key, show(v[i]), ">= 0 (a probability)");
    p(static_cast<Eigen::Index>(i)) = x;
  }
  const double sum = p.sum();
  if (!(std::abs(sum - 1.0) <= 1e-9))
    bad("the sum of data.probs", format_value(sum),
        "1 within 1e-9 (the probabilities of the 2^d states; they are divided by their sum, "
        "never renormalised beyond that)");
  return p;
}

ParsedData parse_hypercube_data(const Obj& o, const ReportOptions& opt) {
  constexpr const char* kPresets = "one of uniform, point_mass, product, ising, random";
  ojson e;
  e["kind"] = "hypercube";
  std::shared_ptr<const HypercubeLaw> law;
  if (const json* jp = o.find("preset")) {
    if (o.has("probs"))
      bad("data.probs", "given together with data.preset",
          "given alone (either probs, or preset and its parameters)");
    const std::string preset = get_string(*jp, "data.preset", std::string("a string: ") + kPresets);
    e["preset"] = preset;
    const auto dim = [&](std::string_view what) {
      return get_cube_dim(
          o.at("dim", fmt::format("an integer in [1, {}], {}", kMaxHypercubeDim, what)));
    };
    if (preset == "uniform") {
      o.only({"kind", "preset", "dim"}, "data preset uniform");
      law = std::make_shared<const HypercubeLaw>(hypercube_uniform(dim("the number of bits")));
    } else if (preset == "point_mass") {
      o.only({"kind", "preset", "dim", "index"}, "data preset point_mass");
      const int d = dim("the number of bits");
      std::uint64_t index = 0;
      if (const json* ji = o.find("index"))
        index = static_cast<std::uint64_t>(
            get_integer(*ji, "data.index", 0, (std::int64_t{1} << d) - 1));
      e["index"] = index;
      law = std::make_shared<const HypercubeLaw>(hypercube_point_mass(d, index));
    } else if (preset == "product") {
      o.only({"kind", "preset", "dim", "p1"}, "data preset product");
      const json& j1 = get_array(o.at("p1", "an array of d numbers in [0, 1], P(x_l = 1)"),
                                 "data.p1", "an array of d numbers in [0, 1], P(x_l = 1)");
      const auto d = static_cast<long long>(j1.size());
      if (d < 1 || d > kMaxHypercubeDim)
        bad("the length of data.p1", std::to_string(d),
            fmt::format("in [1, {}] (the number of bits; {})", kMaxHypercubeDim, kCubeDimReason));
      if (const json* jd = o.find("dim"))
        if (get_cube_dim(*jd) != d)
          bad("data.dim", show(*jd), fmt::format("{} (the length of data.p1), or omitted", d));
      Vec p1(d);
      for (long long l = 0; l < d; ++l) {
        const std::string key = index_key("data.p1", static_cast<std::size_t>(l));
        p1(l) = get_in_range(j1[static_cast<std::size_t>(l)], key, 0.0, 1.0,
                             " (the probability that bit l is 1)");
      }
      e["p1"] = json_vector(p1);
      law = std::make_shared<const HypercubeLaw>(hypercube_product(p1));
    } else if (preset == "ising") {
      o.only({"kind", "preset", "dim", "coupling", "field"}, "data preset ising");
      const int d = dim("the length of the chain");
      // |J|, |h| <= 50 keeps the exponents of exp(J Σσσ + h Σσ) within ±1600 at d = 16, where
      // the shift by the largest energy keeps them representable.
      constexpr const char* kWhy = " (the exponents of the Ising weights stay in the double range)";
      const double J = get_in_range(o.at("coupling", "a number in [-50, 50], J"), "data.coupling",
                                    -50.0, 50.0, kWhy);
      double h = 0.0;
      if (const json* jh = o.find("field")) h = get_in_range(*jh, "data.field", -50.0, 50.0, kWhy);
      e["coupling"] = json_number(J);
      e["field"] = json_number(h);
      law = std::make_shared<const HypercubeLaw>(hypercube_ising(d, J, h));
    } else if (preset == "random") {
      o.only({"kind", "preset", "dim", "seed", "concentration"}, "data preset random");
      const int d = dim("the number of bits");
      std::uint64_t seed = 0;
      if (const json* js = o.find("seed")) seed = get_seed(*js, "data.seed");
      double a = 1.0;
      if (const json* ja = o.find("concentration"))
        a = get_in_range(
            *ja, "data.concentration", 0.05, 1e6,
            " (the Dirichlet parameter; below 0.05 its Gamma draws U^(1/a) underflow to 0)");
      e["seed"] = seed;
      e["concentration"] = json_number(a);
      law = std::make_shared<const HypercubeLaw>(hypercube_random(d, seed, a));
    } else {
      bad("data.preset", show(*jp), kPresets);
    }
  } else {
    o.only({"kind", "probs", "dim"}, "data kind hypercube");
    std::optional<int> dim;
    if (const json* jd = o.find("dim")) dim = get_cube_dim(*jd);
    Vec probs = get_probs(o.at("probs", "an array of 2^d numbers; or give preset and dim"), dim);
    law = std::make_shared<const HypercubeLaw>(std::move(probs));
  }
  e["dim"] = law->bits();
  e["probs"] = json_probability_vector(law->probs(), opt);
  e["describe"] = law->describe();
  return {law, e.contains("preset") ? e["preset"].get<std::string>() : "", std::move(e)};
}

ParsedData parse_data(const json& jd, const ReportOptions& opt) {
  const Obj o(jd, "data", "kind, and the parameters of that kind");
  constexpr const char* kKinds = "one of gaussian, gmm, funnel, hypercube";
  const std::string kind =
      get_string(o.at("kind", kKinds), o.key("kind"), std::string("a string: ") + kKinds);
  if (kind == "gaussian") return parse_gaussian_data(o, jd);
  if (kind == "gmm") return parse_gmm_data(o, opt);
  if (kind == "funnel") return parse_funnel_data(o);
  if (kind == "hypercube") return parse_hypercube_data(o, opt);
  bad(o.key("kind"), show(jd["kind"]), kKinds);
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
  ProcessPtr process;  // a linear SDE, or
  BitFlipPtr chain;    // the bit-flip chain (data.kind hypercube), or
  CldPtr cld;          // the kinetic process on phase space (process kind cld)
  ojson echo;          // kind, describe, normalised parameters
};

/// The process of data on {0,1}^d: {"kind": "bitflip", "rate": λ}, every bit flipping at rate
/// λ > 0 (PSOCD25, seed 000; theory-notes B.5).
ParsedProcess parse_bitflip_process(const Obj& o, const json& jp) {
  const std::string kind = get_string(o.at("kind", "bitflip"), "process.kind", "a string: bitflip");
  if (kind != "bitflip")
    bad("process.kind", show(jp["kind"]),
        "bitflip for data.kind hypercube (a law on {0,1}^d is noised by the bit-flip chain; the "
        "other kinds are linear SDEs on R^d)");
  o.only({"kind", "rate"}, "process kind bitflip");
  const double rate =
      get_positive(o.at("rate", "a number > 0, the flip rate of every bit"), "process.rate");
  auto chain = std::make_shared<const BitFlipChain>(rate);
  ojson echo;
  echo["kind"] = kind;
  echo["describe"] = chain->describe();
  echo["rate"] = json_number(rate);
  return {nullptr, std::move(chain), nullptr, std::move(echo)};
}

// ---------------------------------------------------------------------------------------------
// The kinetic process (critically damped Langevin, seed 002; theory-notes A.1 "CLD"): phase
// space (x, v), exact laws block by block (sampler/cld_recursion.hpp).

/// Why σ², v and ε² are confined to [1e-150, 1e150], said in every message about them.
constexpr const char* kCldScaleReason =
    "the 2 x 2 blocks multiply such variances in pairs: a determinant of the stationary "
    "covariance or of a marginal must stay a normal double, neither overflowing nor subnormal";
constexpr double kCldMinScale = 1e-150;
constexpr double kCldMaxScale = 1e150;

/// True when the configuration's process is {"kind": "cld", ...}: decides the sampler family,
/// the length of score_error.direction and the engine keys before the process is parsed.
bool is_cld_config(const Obj& top) {
  const json* jp = top.find("process");
  if (!jp || !jp->is_object()) return false;
  const auto it = jp->find("kind");
  return it != jp->end() && it->is_string() && it->get<std::string>() == "cld";
}

/// A variance of the CLD process (sigma2, velocity_var): > 0 and in [1e-150, 1e150].
double get_cld_variance(const json& v, const std::string& key, std::string_view what) {
  const double x = get_number(v, key);
  if (!(x > 0)) bad(key, show(v), fmt::format("> 0 ({})", what));
  if (!(x >= kCldMinScale && x <= kCldMaxScale))
    bad(key, show(v),
        fmt::format("in [{}, {}] ({}; {})", format_value(kCldMinScale), format_value(kCldMaxScale),
                    what, kCldScaleReason));
  return x;
}

/// The echo of the kinetic process: kind, describe, sigma2, velocity_var (the value used),
/// stationary_velocity (whether it was taken as (Σ∞)_vv = (σ² + ε²)/4), elliptic_eps.
ojson cld_process_echo(const CldProcess& p) {
  return ojson{{"kind", p.kind()},
               {"describe", p.describe()},
               {"sigma2", json_number(p.sigma2())},
               {"velocity_var", json_number(p.velocity_var())},
               {"stationary_velocity", p.stationary_velocity()},
               {"elliptic_eps", json_number(p.elliptic_eps())}};
}

/// {"kind": "cld", "sigma2": σ², "velocity_var": v (optional), "elliptic_eps": ε (optional)}:
/// dU = AU dt + diag(ε, σ) dB per block (process/cld.hpp). Gaussian data only (checked by the
/// caller, before the sampler).
ParsedProcess parse_cld_process(const Obj& o) {
  o.only({"kind", "sigma2", "velocity_var", "elliptic_eps"}, "process kind cld");
  const double sigma2 =
      get_cld_variance(o.at("sigma2", "a number > 0, the variance rate of the velocity noise"),
                       "process.sigma2", "the variance rate of the velocity noise");
  double eps = 0.0;
  if (const json* je = o.find("elliptic_eps")) {
    eps = get_number(*je, "process.elliptic_eps");
    if (!(eps >= 0)) bad("process.elliptic_eps", show(*je), ">= 0 (0: no position noise)");
    // Its square is the variance rate of the position noise: the range of sigma2.
    const double lo = std::sqrt(kCldMinScale), hi = std::sqrt(kCldMaxScale);
    if (eps != 0.0 && !(eps >= lo && eps <= hi))
      bad("process.elliptic_eps", show(*je),
          fmt::format("0 or in [{}, {}] (its square is the variance rate of the position noise, "
                      "in [{}, {}] like sigma2: {})",
                      format_value(lo), format_value(hi), format_value(kCldMinScale),
                      format_value(kCldMaxScale), kCldScaleReason));
  }
  std::optional<double> v;
  if (const json* jv = o.find("velocity_var"))
    v = get_cld_variance(*jv, "process.velocity_var", "the variance of the initial velocity");
  auto cld = std::make_shared<const CldProcess>(sigma2, v, eps);
  ojson echo = cld_process_echo(*cld);
  return {nullptr, nullptr, std::move(cld), std::move(echo)};
}

ParsedProcess parse_process(const json& jp, Eigen::Index d, double T, const Target& data) {
  const Obj o(jp, "process", "kind and its parameters");
  if (data.as_hypercube()) return parse_bitflip_process(o, jp);
  // cld is offered for Gaussian data only (the caller rejects it for other data first).
  const char* kKinds =
      data.as_gaussian()
          ? "one of ou, ou_general, ve, ve_brownian, vp, subvp, cou, cvp, ou_schedule, cld"
          : "one of ou, ou_general, ve, ve_brownian, vp, subvp, cou, cvp, ou_schedule";
  const std::string kind =
      get_string(o.at("kind", kKinds), "process.kind", fmt::format("a string: {}", kKinds));
  const std::string object = "process kind " + kind;
  ojson params;  // normalised parameters, echoed after kind and describe
  ProcessPtr p;

  if (kind == "cld") {
    if (!data.as_gaussian())
      bad("data.kind", data.kind(),
          "gaussian for process kind cld (its laws are computed exactly, block by block, for "
          "Gaussian data)");
    return parse_cld_process(o);
  }
  if (kind == "bitflip") {
    bad("process.kind", show(jp["kind"]),
        fmt::format("{} for data.kind {} (bitflip, the bit-flip chain, noises data.kind "
                    "hypercube, a law on {{0,1}}^d)",
                    kKinds, data.kind()));
  } else if (kind == "ou" || kind == "ve_brownian") {
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
  return {std::move(p), nullptr, nullptr, std::move(echo)};
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
            kConfigFn, index_key("grid", k), show((*jg)[k]),
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
            kConfigFn, "T", show(*jT),
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

/// `cube`: the data is on {0,1}^d, where the score error acts on the bit-flip chain's reverse
/// rates, q̂ = (1 + delta) q̄ + eps·λ (sampler/jump_chain.hpp): only delta and eps apply.
/// `cld`: the kinetic process, whose score lives on phase space: direction has length 2d
/// (positions, then velocities; sb::cld_error_direction) and the random field does not apply.
ScoreError parse_score_error(const json& je, Eigen::Index d, bool cube, bool cld) {
  const Obj o(je, "score_error",
              "delta, eps, direction, field, features, length_scale, field_seed");
  o.only({"delta", "eps", "direction", "field", "features", "length_scale", "field_seed"},
         "score_error");
  if (cube)
    for (const char* key : {"direction", "field", "features", "length_scale", "field_seed"})
      if (const json* v = o.find(key))
        bad(std::string("score_error.") + key, show(*v),
            "absent for data.kind hypercube (the score error of the bit-flip chain acts on its "
            "reverse rates, (1 + delta) q + eps rate, the same on every bit: only delta and eps "
            "apply)");
  if (cld)
    for (const char* key : {"field", "features", "length_scale", "field_seed"})
      if (const json* v = o.find(key))
        bad(std::string("score_error.") + key, show(*v),
            "absent for process kind cld (its laws are exact for the affine score error "
            "(1 + delta) grad log p_tau + eps e on phase space: only delta, eps and direction "
            "apply)");
  ScoreError e;
  if (const json* jf = o.find("field")) {
    e.field = get_string(*jf, "score_error.field", "a string: constant or random");
    if (e.field != "constant" && e.field != "random")
      bad("score_error.field", show(*jf), "one of constant, random");
  }
  const bool random = e.field == "random";
  for (const char* key : {"features", "length_scale", "field_seed"})
    if (!random && o.find(key))
      bad(std::string("score_error.") + key, show(*o.find(key)),
          "absent unless score_error.field is random");
  if (const json* jn = o.find("features"))
    e.features = static_cast<int>(get_integer(*jn, "score_error.features", 1, 4096));
  if (const json* jl = o.find("length_scale"))
    e.length_scale = get_positive(*jl, "score_error.length_scale");
  if (const json* js = o.find("field_seed")) e.field_seed = get_seed(*js, "score_error.field_seed");

  if (const json* jd = o.find("delta")) {
    e.delta = get_number(*jd, "score_error.delta");
    if (!(e.delta > -1.0)) bad("score_error.delta", show(*jd), "> -1");
  }
  if (const json* je2 = o.find("eps")) {
    e.eps = get_number(*je2, "score_error.eps");
    if (!(e.eps >= 0.0)) bad("score_error.eps", show(*je2), ">= 0");
  }
  if (const json* jdir = o.find("direction")) {
    e.direction = safely_normalisable(
        cld ? get_vector(*jdir, "score_error.direction", 2 * d,
                         "2 x the data dimension for process kind cld: the positions, then the "
                         "velocities")
            : get_vector(*jdir, "score_error.direction", d, "the data dimension"));
    if (e.direction.size() == 0) bad("score_error.direction", show(*jdir), "a non-zero vector");
  }
  return e;
}

const std::vector<std::string> kTopKeys = {"process",
                                           "data",
                                           "T",
                                           "steps",
                                           "sampler",
                                           "score_error",
                                           "init",
                                           "grid",
                                           "seed",
                                           "tv_samples",
                                           "engine",
                                           "particles",
                                           "threads",
                                           "sliced_directions",
                                           "corrector_steps",
                                           "corrector_scale",
                                           "grid_points",
                                           "grid_half_width"};

// Limits of the particle engine: n particles of d coordinates are one n x d matrix of doubles
// (plus the chunk buffers): n·d <= 2e8 keeps it below 1.6 GB.
constexpr long long kMaxParticles = 10000000;
constexpr long long kMaxParticleNumbers = 200000000;
constexpr long long kMaxThreads = 256;
constexpr long long kMaxSlicedDirections = 10000;
constexpr long long kMaxCorrectorSteps = 100;
// Grid engine: nodes per axis (1-D: a few 1e4 at most is plenty; 2-D: each step is a product
// over nodes², so 2001² is already minutes).
constexpr long long kMaxGridPoints = 100001;

/// The engine options (engine, particles, threads, sliced_directions, corrector_steps,
/// corrector_scale) into cfg.options; the dimension d bounds the particles.
void parse_engine_options(const Obj& top, Problem& cfg, Eigen::Index d) {
  ProblemOptions& o = cfg.options;
  if (const json* je = top.find("engine"))
    o.engine =
        engine_from_string(get_choice(*je, "engine", {"auto", "exact", "particles", "grid"}));
  if (const json* jg = top.find("grid_points")) {
    o.grid_points = static_cast<long>(get_integer(*jg, "grid_points", 16, kMaxGridPoints));
    if (d == 2 && o.grid_points > 2001)
      bad("grid_points", show(*jg), "<= 2001 in dimension 2 (a step costs grid_points^3)");
  }
  if (const json* jw = top.find("grid_half_width")) {
    o.grid_half_width = get_number(*jw, "grid_half_width");
    if (!(o.grid_half_width >= 3 && o.grid_half_width <= 50))
      bad("grid_half_width", show(*jw), "in [3, 50] (standard deviations)");
  }
  if (const json* jn = top.find("particles")) {
    o.particles = static_cast<long>(get_integer(*jn, "particles", 2, kMaxParticles));
    if (static_cast<long long>(o.particles) * d > kMaxParticleNumbers)
      bad("particles", show(*jn),
          fmt::format("at most {} at data.dim = {} (particles x dim <= {}: the particles are "
                      "one particles x dim matrix of doubles, kept below 2 GB)",
                      kMaxParticleNumbers / d, d, format_value(double(kMaxParticleNumbers))));
  }
  if (const json* jt = top.find("threads"))
    o.threads = static_cast<int>(get_integer(*jt, "threads", 0, kMaxThreads));
  if (const json* js = top.find("sliced_directions"))
    o.sliced_directions =
        static_cast<int>(get_integer(*js, "sliced_directions", 1, kMaxSlicedDirections));
  if (const json* jc = top.find("corrector_steps"))
    o.corrector_steps =
        static_cast<int>(get_integer(*jc, "corrector_steps", 0, kMaxCorrectorSteps));
  if (const json* jc = top.find("corrector_scale")) {
    o.corrector_scale = get_number(*jc, "corrector_scale");
    if (!(o.corrector_scale > 0 && o.corrector_scale <= 1e6))
      bad("corrector_scale", show(*jc), "in (0, 1e6]");
  }
}

// -------------------------------------------------------------------------------------------------
// sampler, and the keys of data on {0,1}^d

constexpr const char* kLinearSamplers = "one of em, ei, eir, continuous, pf_ode, pc";
constexpr const char* kJumpSamplers =
    "one of frozen_rate, euler, tau_leaping, exact (also named continuous)";
constexpr const char* kCldSamplers = "one of em, ei, eir, split, split_renormalised, continuous";

/// The sampler: em, ei, eir, continuous, pf_ode, pc for a linear SDE; frozen_rate, euler,
/// tau_leaping, exact (= continuous) for the bit-flip chain (data.kind hypercube); em, ei, eir,
/// split, split_renormalised, continuous for the kinetic process (`cld`). A sampler of another
/// family is named with the data kind or process it needs.
Scheme parse_sampler(const Obj& top, const Target& data, bool cld) {
  const bool cube = data.as_hypercube() != nullptr;
  const std::string allowed = cube ? kJumpSamplers : cld ? kCldSamplers : kLinearSamplers;
  const json& v = top.at("sampler", allowed);
  const std::string s = get_string(v, "sampler", "a string: " + allowed);
  const auto in = [&s](std::initializer_list<std::string_view> names) {
    for (std::string_view n : names)
      if (s == n) return true;
    return false;
  };
  const bool linear = in({"em", "ei", "eir", "pf_ode", "pc"});
  const bool jump = in({"frozen_rate", "euler", "tau_leaping", "exact"});
  const bool kinetic = in({"em", "ei", "eir", "split", "split_renormalised"});
  if (cld) {
    if (s == "continuous" || kinetic) return scheme_from_string(s, "sampler");
    if (jump)
      bad("sampler", show(v),
          allowed + " for process kind cld (" + s +
              (s == "exact" ? " is the bit-flip chain's name for its continuous-time sampler; "
                              "here it is continuous)"
                            : " samples the bit-flip chain on {0,1}^d: data.kind hypercube)"));
    if (linear)
      bad("sampler", show(v),
          allowed + " for process kind cld (" + s +
              " runs on the particle engine, which has no kinetic process: the cld laws are "
              "computed exactly, block by block)");
    bad("sampler", show(v), allowed + " for process kind cld");
  }
  if (s == "continuous" || (cube ? jump : linear)) return scheme_from_string(s, "sampler");
  if (in({"split", "split_renormalised"}))
    bad("sampler", show(v),
        allowed + (cube ? " for data.kind hypercube (" : " for a linear SDE (") + s +
            " samples the kinetic process: process.kind cld on Gaussian data)");
  if (cube && linear)
    bad("sampler", show(v),
        allowed + " for data.kind hypercube (" + s +
            " discretises a linear SDE on R^d; the samplers of the bit-flip chain on {0,1}^d are "
            "frozen_rate, euler, tau_leaping and exact)");
  if (!cube && jump)
    bad("sampler", show(v),
        allowed + " for data.kind " + data.kind() + " (" + s +
            (s == "exact" ? " is the bit-flip chain's name for its continuous-time sampler; on a "
                            "linear SDE it is continuous)"
                          : " samples the bit-flip chain on {0,1}^d: data.kind hypercube)"));
  bad("sampler", show(v), allowed);
}

/// The top-level keys of data on {0,1}^d beside process, data, grid, sampler, init and
/// score_error: engine (auto or exact) only; the keys of the Monte Carlo TV, the seed and the
/// particle and grid engines do not apply (the bit-flip engine is exact), so they are errors
/// rather than echoed noise.
void parse_hypercube_options(const Obj& top, Problem& cfg) {
  if (const json* je = top.find("engine")) {
    const std::string e = get_choice(*je, "engine", {"auto", "exact", "particles", "grid"});
    if (e != "auto" && e != "exact")
      bad("engine", show(*je),
          "auto or exact for data.kind hypercube (its laws are probability vectors, computed "
          "exactly by the bit-flip engine)");
    cfg.options.engine = engine_from_string(e);
  }
  constexpr const char* kEngineOption = "an option of the particle and grid engines";
  const std::pair<const char*, const char*> not_applicable[] = {
      {"seed", "nothing in the bit-flip engine is random; data.seed seeds the random preset"},
      {"tv_samples", "the bit-flip engine computes TV exactly"},
      {"particles", kEngineOption},
      {"threads", kEngineOption},
      {"sliced_directions", kEngineOption},
      {"corrector_steps", kEngineOption},
      {"corrector_scale", kEngineOption},
      {"grid_points", kEngineOption},
      {"grid_half_width", kEngineOption}};
  for (const auto& [key, why] : not_applicable)
    if (const json* v = top.find(key))
      bad(key, show(*v), fmt::format("absent for data.kind hypercube ({})", why));
}

/// The top-level keys of the kinetic process beside process, data, grid, sampler, init and
/// score_error: engine (auto or exact), seed and tv_samples (the Monte Carlo TV between the
/// position marginal and the data law in d > 1); the keys of the particle and grid engines do
/// not apply (the cld engine is exact), so they are errors rather than echoed noise.
void parse_cld_options(const Obj& top, Problem& cfg) {
  if (const json* js = top.find("seed")) cfg.options.seed = get_seed(*js, "seed");
  if (const json* jt = top.find("tv_samples"))
    cfg.options.tv_samples = static_cast<long>(get_integer(*jt, "tv_samples", 1000, kMaxTvSamples));
  if (const json* je = top.find("engine")) {
    const std::string e = get_choice(*je, "engine", {"auto", "exact", "particles", "grid"});
    if (e != "auto" && e != "exact")
      bad("engine", show(*je),
          "auto or exact for process kind cld (its laws are computed exactly, block by block: "
          "there is no particle or grid engine for the kinetic process)");
    cfg.options.engine = engine_from_string(e);
  }
  for (const char* key : {"particles", "threads", "sliced_directions", "corrector_steps",
                          "corrector_scale", "grid_points", "grid_half_width"})
    if (const json* v = top.find(key))
      bad(key, show(*v),
          "absent for process kind cld (an option of the particle and grid engines; the cld "
          "engine is exact)");
}

// The cost of the cld engine (sampler/cld_recursion.hpp) is bounded before it runs, in block
// updates (one 2 x 2 mean/covariance update of one data direction). Measured in Release on the
// reference machine: 35-90 ns per block update at d = 1000-10000, and about 400 ns per step at
// d = 1 (the step's flows and noise covariances, counted as 10 blocks):
//  * em, ei, eir, split, split_renormalised: steps (d + 10);
//  * continuous, delta = 0: closed form; with eps != 0 two adaptive quadratures per block
//    (measured 1.7 ms per block: 30000 units), otherwise 10 units per block;
//  * continuous, delta != 0: the mean/covariance ODEs of all blocks by Dormand-Prince 5(4) at
//    relative tolerance 1e-12; each right-hand side costs d + 10 units. The number of
//    evaluations grows like (1 + |delta|) T (the reverse drift's stiffness is about
//    4 (1 + delta) at large tau) plus a start-up cost near tau = 0 that grows with the ratios of
//    the scales sigma2, velocity_var, elliptic_eps^2 and the data variances. Measured over
//    every combination of those scales in [1e-4, 1e4] (1000 runs at T = 1, delta = 0.1: at most
//    12421 evaluations; T = 1000: 139789; delta = 1000: 752071), bounded by
//    150 (1 + |delta|)(100 + T) evaluations.
// The limit, 1e9 units, is about a minute.
constexpr double kMaxCldWork = 1e9;
constexpr double kCldStepOverhead = 10.0;
// The ODE solver's absolute tolerance is 1e-14 whatever the scale of the laws: outside this
// range of scales its step size collapses or the tolerance stops meaning anything. Measured at
// d = 1, T = 1, delta = 0.1: a data variance of 1e12 took 5.7e7 right-hand sides (8 s; the
// same at d = 1e4 would take a day), sigma2 = 1e12 with velocity_var = 1 and sigma2 = 1e8 with
// velocity_var = 1e-8 did not finish within 10 s; every scale 1e-8 gave a relative error of
// 1.5e-8 instead of 1e-12.
constexpr double kCldOdeMinScale = 1e-4;
constexpr double kCldOdeMaxScale = 1e4;

void check_cld_ode_scale(std::string_view key, double x) {
  if (!(x >= kCldOdeMinScale && x <= kCldOdeMaxScale))
    bad(key, format_value(x),
        fmt::format("in [{}, {}] for sampler continuous with score_error.delta != 0 (its law is "
                    "then the solution of an ODE integrated at absolute tolerance 1e-14: with "
                    "scales outside this range the solver's step size collapses or its tolerance "
                    "is meaningless; use delta = 0, whose law is closed form, or a discretised "
                    "sampler)",
                    format_value(kCldOdeMinScale), format_value(kCldOdeMaxScale)));
}

// Each 2 x 2 block j mixes the data variance λ_j with sigma2, velocity_var and elliptic_eps²
// (C₀ = diag(λ_j, v), Σ_t, Σ∞): its covariances have condition numbers up to about the ratio
// of the largest of these scales to the smallest, and the exact laws lose that factor of
// relative precision (the precision matrices, the reverse kernel R = C₀e^{TAᵀ}Cov_T⁻¹). At a
// ratio of 1e8 they keep about 8 significant digits; near 1e16 a covariance computed as
// e^{tA}C₀e^{tAᵀ} + Σ_t is indefinite after rounding (measured: p_T with sigma2 = 1e-30 and
// data variance 2). The blocks are independent, so data variances far from each other are fine.
constexpr double kCldMaxScaleRatio = 1e8;

void check_cld_scales(const Problem& cfg) {
  const CldProcess& p = *cfg.cld;
  double lo = std::min(p.sigma2(), p.velocity_var()), hi = std::max(p.sigma2(), p.velocity_var());
  const double e2 = p.elliptic_eps() * p.elliptic_eps();
  if (e2 > 0.0) {
    lo = std::min(lo, e2);
    hi = std::max(hi, e2);
  }
  const Vec& lambda = cfg.gaussian().eigenvalues();
  // The worst block is the one of the smallest or of the largest data variance.
  for (const bool largest : {false, true}) {
    const double l = largest ? lambda.maxCoeff() : lambda.minCoeff();
    const double ratio = std::max(hi, l) / std::min(lo, l);
    if (!(ratio <= kCldMaxScaleRatio))
      bad(fmt::format("the scale ratio of the cld blocks (largest / smallest of the {} data "
                      "variance {}, sigma2 = {}, velocity_var = {}{})",
                      largest ? "largest" : "smallest", format_value(l), format_value(p.sigma2()),
                      format_value(p.velocity_var()),
                      e2 > 0.0 ? fmt::format(", elliptic_eps^2 = {}", format_value(e2)) : ""),
          format_value(ratio),
          fmt::format("<= {} (a 2 x 2 block's covariances have condition numbers up to about "
                      "this ratio: at 1e8 the exact laws keep about 8 significant digits, near "
                      "1e16 rounding makes them indefinite; rescale the data or the process)",
                      format_value(kCldMaxScaleRatio)));
  }
}

void check_cld_work(const Problem& cfg) {
  const CldProcess& p = *cfg.cld;
  const GaussianData& data = cfg.gaussian();
  const double d = static_cast<double>(data.dim()), N = cfg.grid.steps(), T = cfg.T();
  const ScoreError& err = cfg.score_error;
  double work = 0.0;
  std::string formula;
  if (cfg.scheme != Scheme::kContinuous) {
    work = N * (d + kCldStepOverhead);
    formula = fmt::format("steps (d + 10) with steps = {}, d = {}", cfg.grid.steps(), data.dim());
  } else if (err.delta == 0.0) {
    work = d * (err.eps != 0.0 ? 30000.0 : kCldStepOverhead);
    formula = fmt::format("d x {} with d = {}", err.eps != 0.0 ? 30000 : 10, data.dim());
  } else {
    check_cld_ode_scale("process.sigma2", p.sigma2());
    check_cld_ode_scale("process.velocity_var", p.velocity_var());
    if (p.elliptic_eps() > 0.0)
      check_cld_ode_scale("the square of process.elliptic_eps",
                          p.elliptic_eps() * p.elliptic_eps());
    // The data variances: the one outside the range is named.
    const Vec& lambda = data.eigenvalues();
    if (!(lambda.minCoeff() >= kCldOdeMinScale))
      check_cld_ode_scale("the smallest eigenvalue of data.cov", lambda.minCoeff());
    check_cld_ode_scale("the largest eigenvalue of data.cov", lambda.maxCoeff());
    const double evals = 150.0 * (1.0 + std::abs(err.delta)) * (100.0 + T);
    work = evals * (d + kCldStepOverhead);
    formula = fmt::format("150 (1 + |delta|)(100 + T)(d + 10) with delta = {}, T = {}, d = {}",
                          format_value(err.delta), format_value(T), data.dim());
  }
  if (!(work <= kMaxCldWork))
    bad(fmt::format("the work of sampler {} (process kind cld), {},", to_string(cfg.scheme),
                    formula),
        format_value(work),
        fmt::format("<= {} (updates of one 2 x 2 block, 35-90 ns each: about a minute at the "
                    "limit; use fewer steps, a shorter T, a smaller score_error.delta or "
                    "data.dim)",
                    format_value(kMaxCldWork)));
}

// The bit-flip engine's cost is bounded before it runs: a huge rate, horizon, delta, eps or step
// count would otherwise run for days (frozen_rate cuts a step into pieces of h·Λ <= 30, Λ the
// largest exit rate). The bound counts applications of the reverse generator, each O(d·2^d):
//  * frozen_rate: at step k the exit rates are at most d λ ((1 + δ) coth(λ τ_k) + ε) (a
//    reverse rate is λ μ_τ(φx)/μ_τ(x) <= λ·stay/move = λ coth(λτ)), and λ coth(λτ) <= λ + 1/τ
//    with h_k <= τ_k, so Σ_k h_k Λ_k <= d (1 + δ + ε)(N + λT); the Poisson series needs about
//    that many terms plus a few per step: N + d (1 + δ + ε)(N + λT);
//  * euler: two per step (the rates and I + hQ): 2N;
//  * tau_leaping: its product kernel is O(d·4^d) per step, measured at about 2^d/16
//    applications: N·2^d/16;
//  * exact with a rate error: the midpoint rule with step doubling from 16 up to
//    kMaxMidpointSteps = 2^12 pieces (at most 2^13 pieces in all, about 3·2^13 applications)
//    plus the Poisson terms of 9 refinements, 9 d (1 + δ + ε)(λT + 9);
//    with the exact score it is closed form (no bound).
// The work is d·2^d times that, plus 200 per step (the allocations and rates of a step, which
// dominate at small d). Measured in Release on the reference machine, about 3 ns per unit:
// frozen_rate at d = 16, 100 steps, λT = 1: 1.7e9 units, 4.6 s; exact with δ = 0.1 at d = 10:
// 4.0e9 units, 10.8 s; frozen_rate at d = 1, 10^6 steps: 2.0e8 units, 0.39 s. The limit is
// about a minute of that.
constexpr double kMaxJumpWork = 3e10;
constexpr double kJumpStepOverhead = 200.0;

void check_jump_work(const Problem& cfg) {
  const HypercubeLaw& data = *cfg.target->as_hypercube();
  const double d = data.bits(), states = static_cast<double>(data.states());
  const double N = cfg.grid.steps(), lt = cfg.chain->rate() * cfg.T();
  const double f = 1.0 + cfg.score_error.delta + cfg.score_error.eps;
  double units = 0.0;
  std::string formula;
  switch (cfg.scheme) {
    case Scheme::kFrozenRate:
      units = N + d * f * (N + lt);
      formula = "d 2^d (steps + d (1 + delta + eps)(steps + rate T)) + 200 steps";
      break;
    case Scheme::kJumpEuler:
      units = 2.0 * N;
      formula = "d 2^d (2 steps) + 200 steps";
      break;
    case Scheme::kTauLeaping:
      units = N * states / 16.0;
      formula = "d 2^d (steps 2^d / 16) + 200 steps";
      break;
    case Scheme::kContinuous:
      if (cfg.score_error.is_exact()) return;  // closed form
      units = 3.0 * 8192.0 + 9.0 * d * f * (lt + 9.0);
      formula = "d 2^d (3 2^13 + 9 d (1 + delta + eps)(rate T + 9))";  // no grid
      break;
    default:
      return;
  }
  const double overhead = cfg.scheme == Scheme::kContinuous ? 0.0 : kJumpStepOverhead * N;
  const double work = d * states * units + overhead;
  if (!(work <= kMaxJumpWork))
    bad(fmt::format("the work of sampler {}, {} with d = {}, steps = {}, rate T = {}, delta = {}, "
                    "eps = {},",
                    to_string(cfg.scheme), formula, data.bits(), cfg.grid.steps(), format_value(lt),
                    format_value(cfg.score_error.delta), format_value(cfg.score_error.eps)),
        format_value(work),
        fmt::format("<= {} (updates of one state and bit by the reverse generator, a few ns "
                    "each: about a minute at the limit; use fewer steps, a smaller process.rate "
                    "x T, score_error.delta, score_error.eps or data.dim)",
                    format_value(kMaxJumpWork)));
}

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

/// The direction as echoed: the unit vector e/‖e‖ (e₁ when not given; for the kinetic process,
/// `cld`, a vector of length 2d, the first velocity coordinate when not given, as
/// sb::cld_error_direction takes it).
Vec echoed_direction(const ScoreError& err, Eigen::Index d, bool cld) {
  Vec e = err.direction;
  if (e.size() == 0 && d > 0) e = cld ? Vec::Unit(2 * d, d) : Vec::Unit(d, 0);
  e = safely_normalisable(std::move(e));
  if (e.size() > 0) e /= e.norm();
  return e;
}

/// The echo of a data law built without the parser (config_to_json): Gaussian data as
/// make_echo prints it, a mixture in full, the funnel with its parameters, any other target by
/// its kind, dimension and description.
ojson target_echo(const Target& t, const ReportOptions& opt) {
  ojson e;
  e["kind"] = t.kind();
  if (const auto* g = dynamic_cast<const GaussianMixture*>(&t)) {
    e["components"] = g->components();
    e["dim"] = g->dim();
    echo_mixture_components(*g, e, opt);
  } else if (const auto* f = dynamic_cast<const Funnel*>(&t)) {
    e["dim"] = f->dim();
    e["x1_var"] = json_number(f->x1_var());
  } else if (const HypercubeLaw* h = t.as_hypercube()) {
    e["dim"] = h->bits();
    e["probs"] = json_probability_vector(h->probs(), opt);
    e["describe"] = h->describe();
  } else {
    e["dim"] = t.dim();
    e["describe"] = t.describe();
  }
  return e;
}

/// The normalised echo of `cfg` with the given process echo and data echo: for Gaussian data
/// `data_echo` is ignored and the data is shown from cfg (with `preset` when not empty). The
/// engine options follow tv_samples only when the particle engine runs or the engine was
/// chosen explicitly, so that the echo of a Gaussian configuration on the exact engine is
/// what it always was.
ojson make_echo(const Problem& cfg, ojson process, const std::string& preset, ojson data_echo,
                const ReportOptions& opt) {
  ojson c;
  c["process"] = std::move(process);
  Eigen::Index d = 0;
  if (cfg.target && cfg.target->as_gaussian()) {
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
  } else if (cfg.target) {
    d = cfg.target->dim();
    c["data"] = data_echo.is_null() ? target_echo(*cfg.target, opt) : std::move(data_echo);
  } else {
    c["data"] = nullptr;
  }
  c["T"] = json_number(cfg.T());
  c["steps"] = cfg.grid.steps();
  c["sampler"] = to_string(cfg.scheme);
  c["init"] = to_string(cfg.init);

  // Data on {0,1}^d: the rate error has delta and eps only, nothing is random, one engine.
  const bool cube = cfg.target && cfg.target->as_hypercube();
  ojson se;
  se["delta"] = json_number(cfg.score_error.delta);
  se["eps"] = json_number(cfg.score_error.eps);
  if (!cube && !cfg.score_error.is_random_field()) {
    se["direction"] = json_vector(echoed_direction(cfg.score_error, d, cfg.cld != nullptr));
  } else if (!cube) {  // the random field has no direction (its delta is 0)
    se["field"] = cfg.score_error.field;
    se["features"] = cfg.score_error.features;
    se["length_scale"] = json_number(cfg.score_error.length_scale);
    se["field_seed"] = cfg.score_error.field_seed;
  }
  c["score_error"] = std::move(se);

  if (cfg.grid.is_uniform()) {
    c["grid"] = "uniform";
  } else {
    ojson g = ojson::array();
    for (double s : cfg.grid.reverse_times()) g.push_back(json_number(s));
    c["grid"] = std::move(g);
  }
  const bool particles = cfg.target && cfg.engine() == Engine::kParticles;
  // The Monte Carlo TV is computed between Gaussian laws only: not on the particle engine.
  if (!particles && !cube && !(cfg.target && cfg.engine() == Engine::kGrid))
    c["tv_samples"] = cfg.options.tv_samples;
  if (particles || cfg.options.engine != Engine::kAuto) c["engine"] = to_string(cfg.engine());
  if (cfg.target && cfg.engine() == Engine::kGrid) {
    c["grid_points"] = cfg.options.grid_points;  // 0: automatic (2001 / 201, refined as needed)
    c["grid_half_width"] = json_number(cfg.options.grid_half_width);
  }
  if (particles) {
    const ProblemOptions& o = cfg.options;
    c["particles"] = o.particles;
    c["threads"] = o.threads;
    c["sliced_directions"] = o.sliced_directions;
    if (cfg.scheme == Scheme::kPredictorCorrector) {
      c["corrector_steps"] = o.corrector_steps;
      c["corrector_scale"] = json_number(o.corrector_scale);
    }
  }
  return c;
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
  ParsedData data =
      parse_data(top.at("data",
                        "an object {kind: gaussian, mean, cov}, {kind: gmm, ...}, {kind: funnel, "
                        "dim} or {kind: hypercube, probs}"),
                 opt);
  cfg.target = data.target;
  const bool cube = cfg.target->as_hypercube() != nullptr;
  // The kinetic process decides the sampler family, the length of score_error.direction and
  // the engine keys: read its kind first, and refuse it on data other than Gaussian before any
  // of those is judged by the rules of another process.
  const bool cld = is_cld_config(top);
  if (cld && !cfg.target->as_gaussian())
    bad("data.kind", cfg.target->kind(),
        "gaussian for process kind cld (its laws are computed exactly, block by block, for "
        "Gaussian data; mixtures, the funnel and laws on {0,1}^d have no kinetic engine)");
  const Eigen::Index d = cfg.target->dim();
  cfg.grid = parse_grid(top);
  const double T = cfg.grid.horizon();

  cfg.scheme = parse_sampler(top, *cfg.target, cld);
  if (const json* ji = top.find("init"))
    cfg.init = init_from_string(get_choice(*ji, "init", {"reference", "p_T"}), "init");
  if (const json* je = top.find("score_error"))
    cfg.score_error = parse_score_error(*je, d, cube, cld);

  ParsedProcess process =
      parse_process(top.at("process", "an object {kind, ...}"), d, T, *cfg.target);
  cfg.process = process.process;
  cfg.chain = process.chain;
  cfg.cld = process.cld;

  if (cube) {
    parse_hypercube_options(top, cfg);
  } else if (cld) {
    parse_cld_options(top, cfg);
  } else {
    if (const json* js = top.find("seed")) cfg.options.seed = get_seed(*js, "seed");
    if (const json* jt = top.find("tv_samples"))
      cfg.options.tv_samples =
          static_cast<long>(get_integer(*jt, "tv_samples", 1000, kMaxTvSamples));
    parse_engine_options(top, cfg, d);
  }

  cfg.validate();
  if (cube) check_jump_work(cfg);
  if (cld) {
    check_cld_scales(cfg);
    check_cld_work(cfg);
  }
  ojson echo = make_echo(cfg, std::move(process.echo), data.preset, std::move(data.echo), opt);
  return {std::move(cfg), std::move(echo)};
}

Problem parse_run_config(const nlohmann::json& j) { return parse_config(j).config; }

nlohmann::ordered_json config_to_json(const Problem& cfg, const ReportOptions& opt) {
  ojson process = nullptr;
  if (cfg.process) {
    process = ojson{{"kind", cfg.process->kind()}, {"describe", cfg.process->describe()}};
  } else if (cfg.chain) {
    process = ojson{{"kind", cfg.chain->kind()},
                    {"describe", cfg.chain->describe()},
                    {"rate", json_number(cfg.chain->rate())}};
  } else if (cfg.cld) {
    process = cld_process_echo(*cfg.cld);
  }
  return make_echo(cfg, std::move(process), "", nullptr, opt);
}

nlohmann::ordered_json json_probability_vector(const Vec& probs, const ReportOptions& opt) {
  const Eigen::Index n = probs.size();
  if (opt.full || n <= kFullProbabilityVectorMaxStates) return json_vector(probs);
  Eigen::Index argmax = 0;
  double entropy = 0.0;
  long support = 0;
  for (Eigen::Index i = 0; i < n; ++i) {
    const double p = probs(i);
    if (p > probs(argmax)) argmax = i;
    if (p > 0) {
      ++support;
      entropy -= p * std::log(p);
    }
  }
  ojson o;
  o["summary"] = fmt::format(
      "{} probabilities, summarised above {} entries (scorebound eval --full prints them)", n,
      kFullProbabilityVectorMaxStates);
  o["states"] = n;
  o["support"] = support;
  o["min"] = json_number(probs.minCoeff());
  o["max"] = json_number(probs(argmax));
  o["argmax"] = argmax;
  o["entropy"] = json_number(entropy);
  return o;
}

}  // namespace sb
