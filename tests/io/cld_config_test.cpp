// `scorebound eval` for the kinetic process (issue 11 item 5): the parser of process.kind cld
// (src/sb/io/config_json.cpp), its samplers, score error on phase space, engine keys, scale and
// work bounds, and the report of the phase-space output law (src/sb/io/report_json.cpp). Every
// error message the parser gives for these keys has a test that pins its key, value and allowed
// values. The laws are those of theory-notes E V27 (CLD σ² = 4, X₀ ~ N(0, 2), V₀ ~ N(0, 1),
// T = 2, init N(0, I₂) = Σ∞; seed 002), and the report's phase-space distances are
// cross-checked against sb::cld_distances (metric/phase_space_metrics.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "sb/core/check.hpp"
#include "sb/io/config_json.hpp"
#include "sb/io/report_json.hpp"
#include "sb/law/phase_space_gaussian.hpp"
#include "sb/metric/phase_space_metrics.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/verify/evaluate.hpp"
#include "sb/verify/registry.hpp"
#include "test_util.hpp"

// A namespace of its own: the tests of a folder are compiled as one unity source.
namespace sb::cld_config_test {
namespace {

using io_test::keys_of;

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

/// Theory-notes E V27: CLD σ² = 4, data N(0, 2) in d = 1, velocity variance 1, T = 2, init
/// reference (N(0, I₂) = Σ∞ for σ² = 4), EM with 20 steps.
json v27() {
  return json::parse(R"({
    "process": {"kind": "cld", "sigma2": 4, "velocity_var": 1},
    "data": {"kind": "gaussian", "mean": [0], "cov": [[2]]},
    "T": 2, "steps": 20, "sampler": "em", "init": "reference"
  })");
}

json with(json j, const std::string& pointer, json value) {
  j[json::json_pointer(pointer)] = std::move(value);
  return j;
}
json with(const std::string& pointer, json value) { return with(v27(), pointer, std::move(value)); }
json without(json j, const std::string& pointer) {
  const json::json_pointer p(pointer);
  j[p.parent_pointer()].erase(p.back());
  return j;
}

/// A three-dimensional configuration with correlated data and every optional key.
json correlated() {
  return json::parse(R"({
    "process": {"kind": "cld", "sigma2": 2, "elliptic_eps": 0.5},
    "data": {"kind": "gaussian", "mean": [1, -0.5, 0.25],
             "cov": [[1.5, 0.3, 0.1], [0.3, 0.8, -0.2], [0.1, -0.2, 0.6]]},
    "T": 1.5, "steps": 30, "sampler": "split_renormalised", "init": "p_T",
    "score_error": {"delta": 0.1, "eps": 0.2, "direction": [0, 1, 0, 0, 0, 1]}
  })");
}

/// Every number in `j` is finite, and no value is null outside "bounds" (an ok report has every
/// number of its law and distances; a bound's ratio is null when its exact value is <= 0, as
/// documented in report_json.hpp).
void expect_all_finite_numbers(const ojson& j, const std::string& path = "") {
  const bool in_bounds = path.rfind(".bounds", 0) == 0;
  if (!in_bounds) {
    EXPECT_FALSE(j.is_null()) << path << " is null";
  }
  if (j.is_number()) {
    EXPECT_TRUE(std::isfinite(j.get<double>())) << path;
  } else if (j.is_object()) {
    for (const auto& item : j.items())
      expect_all_finite_numbers(item.value(), path + "." + item.key());
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      expect_all_finite_numbers(j[i], path + "[" + std::to_string(i) + "]");
  }
}

/// parse, evaluate and report, as `scorebound eval` does.
struct Report {
  ParsedConfig parsed;
  Evaluation ev;
  ojson json;
};
Report report(const json& j, const ReportOptions& opt = {}) {
  Report r{parse_config(j, opt), {}, {}};
  r.ev = evaluate(r.parsed.config);
  r.json = evaluation_to_json(r.parsed, r.ev, opt);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Accepted forms.

TEST(io_CldConfig, V27Parses) {
  const ParsedConfig parsed = parse_config(v27());
  const Problem& cfg = parsed.config;
  EXPECT_EQ(cfg.process, nullptr);
  EXPECT_EQ(cfg.chain, nullptr);
  ASSERT_NE(cfg.cld, nullptr);
  EXPECT_EQ(cfg.process_kind(), "cld");
  EXPECT_EQ(cfg.cld->sigma2(), 4.0);
  EXPECT_EQ(cfg.cld->velocity_var(), 1.0);
  EXPECT_FALSE(cfg.cld->stationary_velocity());
  EXPECT_EQ(cfg.cld->elliptic_eps(), 0.0);
  EXPECT_EQ(cfg.scheme, Scheme::kEulerMaruyama);
  EXPECT_EQ(cfg.init, Init::kReference);
  EXPECT_TRUE(cfg.score_error.is_exact());
  EXPECT_EQ(cfg.grid.steps(), 20);
  EXPECT_EQ(cfg.T(), 2.0);
  EXPECT_EQ(cfg.engine(), Engine::kExact);

  const ojson& e = parsed.echo;
  EXPECT_EQ(keys_of(e), (std::vector<std::string>{"process", "data", "T", "steps", "sampler",
                                                  "init", "score_error", "grid", "tv_samples"}));
  EXPECT_EQ(keys_of(e["process"]),
            (std::vector<std::string>{"kind", "describe", "sigma2", "velocity_var",
                                      "stationary_velocity", "elliptic_eps"}));
  EXPECT_EQ(e["process"]["kind"], "cld");
  EXPECT_EQ(e["process"]["describe"], cfg.cld->describe());
  EXPECT_EQ(e["process"]["sigma2"], 4.0);
  EXPECT_EQ(e["process"]["velocity_var"], 1.0);
  EXPECT_EQ(e["process"]["stationary_velocity"], false);
  EXPECT_EQ(e["process"]["elliptic_eps"], 0.0);
  EXPECT_EQ(e["sampler"], "em");
  // The default direction of the score error on phase space is the first velocity coordinate
  // (sb::cld_error_direction): echoed as the unit vector of length 2d.
  EXPECT_EQ(e["score_error"], (ojson{{"delta", 0.0}, {"eps", 0.0}, {"direction", {0.0, 1.0}}}));
  EXPECT_EQ(e["tv_samples"], 200000);
  // A Problem built without the parser echoes the same.
  EXPECT_EQ(config_to_json(cfg), e);
  const Problem direct = make_cld_problem(std::make_shared<const CldProcess>(4.0, 1.0),
                                          GaussianData(test::vec1(0.0), test::mat1(2.0)), 2.0, 20,
                                          Scheme::kEulerMaruyama);
  EXPECT_EQ(config_to_json(direct), e);
}

TEST(io_CldConfig, EverySampler) {
  const std::vector<std::pair<std::string, Scheme>> samplers = {
      {"em", Scheme::kEulerMaruyama},
      {"ei", Scheme::kExponentialIntegrator},
      {"eir", Scheme::kExponentialRenormalised},
      {"split", Scheme::kSplit},
      {"split_renormalised", Scheme::kSplitRenormalised},
      {"continuous", Scheme::kContinuous}};
  for (const auto& [name, scheme] : samplers) {
    const ParsedConfig parsed = parse_config(with("/sampler", name));
    EXPECT_EQ(parsed.config.scheme, scheme) << name;
    EXPECT_EQ(parsed.echo["sampler"], name) << name;
  }
}

TEST(io_CldConfig, StationaryVelocityAndEllipticEps) {
  // velocity_var absent: (Σ∞)_vv = (σ² + ε²)/4.
  const ParsedConfig a =
      parse_config(with(without(v27(), "/process/velocity_var"), "/process/elliptic_eps", 2.0));
  ASSERT_NE(a.config.cld, nullptr);
  EXPECT_DOUBLE_EQ(a.config.cld->velocity_var(), (4.0 + 4.0) / 4.0);
  EXPECT_TRUE(a.config.cld->stationary_velocity());
  EXPECT_EQ(a.config.cld->elliptic_eps(), 2.0);
  EXPECT_EQ(a.echo["process"]["stationary_velocity"], true);
  EXPECT_EQ(a.echo["process"]["velocity_var"], 2.0);
  EXPECT_EQ(a.echo["process"]["elliptic_eps"], 2.0);
  EXPECT_NE(a.echo["process"]["describe"].get<std::string>().find("stationary"), std::string::npos);
  // The limits of the scales are accepted (with data of a comparable scale).
  json big = with("/process", {{"kind", "cld"}, {"sigma2", 1e150}, {"elliptic_eps", 1e75}});
  big["data"] = {{"kind", "gaussian"}, {"mean", {0}}, {"cov", {{1e150}}}};
  EXPECT_EQ(parse_config(big).config.cld->sigma2(), 1e150);
  json small = with("/process", {{"kind", "cld"}, {"sigma2", 1e-150}, {"elliptic_eps", 1e-75}});
  small["data"] = {{"kind", "gaussian"}, {"mean", {0}}, {"cov", {{1e-150}}}};
  EXPECT_EQ(parse_config(small).config.cld->sigma2(), 1e-150);
}

TEST(io_CldConfig, DataFormsScoreErrorGridAndOptions) {
  for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
    const Problem cfg =
        parse_run_config(with("/data", {{"kind", "gaussian"}, {"preset", preset}, {"dim", 3}}));
    EXPECT_EQ(cfg.dim(), 3) << preset;
  }
  const ParsedConfig c = parse_config(correlated());
  EXPECT_EQ(c.config.scheme, Scheme::kSplitRenormalised);
  EXPECT_EQ(c.config.init, Init::kPT);
  EXPECT_EQ(c.config.score_error.delta, 0.1);
  EXPECT_EQ(c.config.score_error.eps, 0.2);
  ASSERT_EQ(c.config.score_error.direction.size(), 6);
  const double h = 1.0 / std::sqrt(2.0);
  const ojson& dir = c.echo["score_error"]["direction"];
  ASSERT_EQ(dir.size(), 6u);
  EXPECT_DOUBLE_EQ(dir[1].get<double>(), h);
  EXPECT_DOUBLE_EQ(dir[5].get<double>(), h);
  // Directions beyond the range where the norm is computed without overflow are normalised.
  const Problem huge =
      parse_run_config(with("/score_error", {{"eps", 0.1}, {"direction", {1e200, 0.0}}}));
  EXPECT_EQ(huge.score_error.direction, test::vec2(1.0, 0.0));
  // An explicit grid, engine auto / exact, seed and tv_samples.
  json g = without(without(v27(), "/T"), "/steps");
  g["grid"] = {0.0, 0.5, 1.25, 2.0};
  g["engine"] = "exact";
  g["seed"] = 7;
  g["tv_samples"] = 5000;
  const ParsedConfig pg = parse_config(g);
  EXPECT_EQ(pg.config.grid.steps(), 3);
  EXPECT_EQ(pg.config.options.seed, 7u);
  EXPECT_EQ(pg.config.options.tv_samples, 5000);
  EXPECT_EQ(pg.echo["engine"], "exact");
  EXPECT_EQ(pg.echo["grid"], (ojson{0.0, 0.5, 1.25, 2.0}));
  EXPECT_EQ(parse_run_config(with("/engine", "auto")).engine(), Engine::kExact);
}

// ---------------------------------------------------------------------------------------------
// Errors: each names its key, its value and what is allowed.

TEST(io_CldConfigError, Sigma2) {
  const std::string range =
      "but must be in [1e-150, 1e+150] (the variance rate of the velocity noise; the 2 x 2 blocks "
      "multiply such variances in pairs";
  io_test::expect_config_error(
      with("/process/sigma2", 0),
      {"process.sigma2 is 0, but must be > 0 (the variance rate of the velocity noise)"});
  io_test::expect_config_error(with("/process/sigma2", -4),
                               {"process.sigma2 is -4, but must be > 0"});
  io_test::expect_config_error(with("/process/sigma2", 1e308),
                               {"process.sigma2 is 1e+308, " + range});
  io_test::expect_config_error(with("/process/sigma2", 1e-320),
                               {"process.sigma2 is 1e-320, " + range});
  io_test::expect_config_error(with("/process/sigma2", "4"),
                               {"process.sigma2 is \"4\", but must be a number"});
  io_test::expect_config_error(with("/process/sigma2", json::array({4})),
                               {"process.sigma2 is [4], but must be a number"});
  io_test::expect_config_error(
      without(v27(), "/process/sigma2"),
      {"process.sigma2 is missing, but must be given (a number > 0, the variance rate "
       "of the velocity noise)"});
  // NaN and Inf have no JSON literal; a double that overflows is named by parse_json_text.
  try {
    (void)parse_json_text(R"({"process": {"kind": "cld", "sigma2": 1e999}})");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(),
                 "scorebound: process.sigma2 is 1e999, but must be finite (it overflows a double)");
  }
}

TEST(io_CldConfigError, VelocityVarAndEllipticEps) {
  io_test::expect_config_error(
      with("/process/velocity_var", 0),
      {"process.velocity_var is 0, but must be > 0 (the variance of the initial "
       "velocity)"});
  io_test::expect_config_error(with("/process/velocity_var", -1),
                               {"process.velocity_var is -1, but must be > 0"});
  io_test::expect_config_error(with("/process/velocity_var", 1e-320),
                               {"process.velocity_var is 1e-320, but must be in [1e-150, 1e+150]"});
  io_test::expect_config_error(with("/process/velocity_var", nullptr),
                               {"process.velocity_var is null, but must be a number"});
  io_test::expect_config_error(
      with("/process/elliptic_eps", -0.5),
      {"process.elliptic_eps is -0.5, but must be >= 0 (0: no position noise)"});
  io_test::expect_config_error(
      with("/process/elliptic_eps", 1e100),
      {"process.elliptic_eps is 1e+100, but must be 0 or in [1e-75, 1e+75] (its square is "
       "the variance rate of the position noise"});
  io_test::expect_config_error(
      with("/process/elliptic_eps", 1e-200),
      {"process.elliptic_eps is 1e-200, but must be 0 or in [1e-75, 1e+75]"});
}

TEST(io_CldConfigError, KeysOfOtherProcesses) {
  for (const char* key : {"rate", "beta_min", "theta", "sigma", "schedule", "mu"})
    io_test::expect_config_error(
        with(std::string("/process/") + key, 1),
        {std::string("unknown key process.") + key +
         "; allowed keys for process kind cld: kind, sigma2, velocity_var, elliptic_eps"});
}

TEST(io_CldConfigError, SamplersOfOtherProcesses) {
  const std::string allowed =
      "but must be one of em, ei, eir, split, split_renormalised, "
      "continuous for process kind cld";
  for (const char* s : {"pf_ode", "pc"})
    io_test::expect_config_error(with("/sampler", s),
                                 {std::string("sampler is \"") + s + "\", " + allowed,
                                  "runs on the particle engine, which has no kinetic process"});
  for (const char* s : {"frozen_rate", "euler", "tau_leaping"})
    io_test::expect_config_error(with("/sampler", s),
                                 {std::string("sampler is \"") + s + "\", " + allowed,
                                  "samples the bit-flip chain on {0,1}^d"});
  io_test::expect_config_error(
      with("/sampler", "exact"),
      {"sampler is \"exact\", " + allowed,
       "exact is the bit-flip chain's name for its continuous-time sampler"});
  io_test::expect_config_error(with("/sampler", "rk4"), {"sampler is \"rk4\", " + allowed});
  io_test::expect_config_error(with("/sampler", 1),
                               {"sampler is 1, but must be a string: one of em, ei, eir, "
                                "split, split_renormalised, continuous"});
  // split on a linear SDE.
  json ou = with("/process", {{"kind", "ou"}});
  for (const char* s : {"split", "split_renormalised"})
    io_test::expect_config_error(
        with(ou, "/sampler", s),
        {std::string("sampler is \"") + s +
         "\", but must be one of em, ei, eir, continuous, pf_ode, pc for a linear SDE (" + s +
         " samples the kinetic process: process.kind cld on Gaussian data)"});
}

TEST(io_CldConfigError, DataOtherThanGaussian) {
  const std::string allowed =
      "but must be gaussian for process kind cld (its laws are computed "
      "exactly, block by block, for Gaussian data";
  io_test::expect_config_error(with("/data", {{"kind", "gmm"}, {"preset", "symmetric_pair"}}),
                               {"data.kind is gmm, " + allowed});
  io_test::expect_config_error(with("/data", {{"kind", "funnel"}, {"dim", 2}}),
                               {"data.kind is funnel, " + allowed});
  io_test::expect_config_error(with("/data", {{"kind", "hypercube"}, {"probs", {0.5, 0.5}}}),
                               {"data.kind is hypercube, " + allowed});
}

TEST(io_CldConfigError, EngineKeys) {
  for (const char* e : {"particles", "grid"})
    io_test::expect_config_error(
        with("/engine", e),
        {std::string("engine is \"") + e + "\", but must be auto or exact for process kind cld"});
  for (const char* key : {"particles", "threads", "sliced_directions", "corrector_steps",
                          "corrector_scale", "grid_points", "grid_half_width"})
    io_test::expect_config_error(
        with(std::string("/") + key, 100),
        {std::string(key) + " is 100, but must be absent for process kind cld (an option "
                            "of the particle and grid engines"});
}

TEST(io_CldConfigError, ScoreError) {
  io_test::expect_config_error(
      with("/score_error", {{"eps", 0.1}, {"direction", {1.0}}}),
      {"the length of score_error.direction is 1, but must be 2 (2 x the data dimension "
       "for process kind cld: the positions, then the velocities)"});
  io_test::expect_config_error(with("/score_error", {{"eps", 0.1}, {"direction", {0, 0}}}),
                               {"score_error.direction is [0,0], but must be a non-zero vector"});
  for (const char* key : {"field", "features", "length_scale", "field_seed"})
    io_test::expect_config_error(
        with(std::string("/score_error/") + key,
             key == std::string("field") ? json("random") : json(1)),
        {std::string("score_error.") + key + " is ", "but must be absent for process kind cld"});
  io_test::expect_config_error(with("/score_error", {{"delta", -1}}),
                               {"score_error.delta is -1, but must be > -1"});
  io_test::expect_config_error(with("/score_error", {{"eps", -0.1}}),
                               {"score_error.eps is -0.1, but must be >= 0"});
}

TEST(io_CldConfigError, ScaleRatio) {
  // Data variance 2 against sigma2 = 1e-8 (v = 2.5e-9): a ratio of 8e8.
  io_test::expect_config_error(
      with("/process", {{"kind", "cld"}, {"sigma2", 1e-8}}),
      {"the scale ratio of the cld blocks (largest / smallest of the smallest data "
       "variance 2, sigma2 = 1e-08, velocity_var = 2.5e-09) is 800000000, but must be "
       "<= 100000000"});
  // Blocks are independent: data variances 1e-3 and 1e3 with sigma2 = 1 are fine.
  json het =
      with("/data", {{"kind", "gaussian"}, {"mean", {0, 0}}, {"cov", {{1e-3, 0}, {0, 1e3}}}});
  het["process"] = {{"kind", "cld"}, {"sigma2", 1}, {"velocity_var", 1}};
  EXPECT_NO_THROW(parse_run_config(het));
  het["data"]["cov"] = {{1e-3, 0}, {0, 1e9}};
  io_test::expect_config_error(
      het, {"the scale ratio of the cld blocks (largest / smallest of the largest data "
            "variance 1000000000, sigma2 = 1, velocity_var = 1) is 1000000000, but "
            "must be <= 100000000"});
}

TEST(io_CldConfigError, WorkBound) {
  io_test::expect_config_error(
      with("/steps", 100000000),
      {"the work of sampler em (process kind cld), steps (d + 10) with steps = "
       "100000000, d = 1, is 1100000000, but must be <= 1000000000"});
  json ode = with("/sampler", "continuous");
  ode["score_error"] = {{"delta", 0.5}};
  ode["T"] = 1e7;
  io_test::expect_config_error(
      ode, {"the work of sampler continuous (process kind cld), 150 (1 + |delta|)(100 + "
            "T)(d + 10) with delta = 0.5, T = 10000000, d = 1, is 24750247500, but must "
            "be <= 1000000000"});
  // The ODE solver's tolerance is absolute: its scales are confined to [1e-4, 1e4].
  ode["T"] = 2;
  ode["process"] = {{"kind", "cld"}, {"sigma2", 1e5}};
  ode["data"]["cov"] = {{1e5}};
  io_test::expect_config_error(
      ode, {"process.sigma2 is 100000, but must be in [0.0001, 10000] for sampler "
            "continuous with score_error.delta != 0"});
  ode["process"] = {{"kind", "cld"}, {"sigma2", 4}, {"velocity_var", 1e-5}};
  ode["data"]["cov"] = {{2}};
  io_test::expect_config_error(ode,
                               {"process.velocity_var is 1e-05, but must be in [0.0001, 10000]"});
  ode["process"] = {{"kind", "cld"}, {"sigma2", 4}};
  ode["data"]["cov"] = {{2e4}};
  io_test::expect_config_error(
      ode, {"the largest eigenvalue of data.cov is 20000, but must be in [0.0001, 10000]"});
  // delta = 0: closed form, no such limit.
  ode["score_error"] = {{"eps", 0.1}};
  EXPECT_NO_THROW(parse_run_config(ode));
}

// ---------------------------------------------------------------------------------------------
// The report.

// V27 (theory-notes E): EM with 20 steps gives position KL 3.14569173752e-4 and the output
// covariance (xx, xv, vv) = (1.930701606, −0.0161215244292, 1.13547271512); the exact
// continuous-time sampler gives KL 0.00151492436337 and (1.85206290902, −0.0455191049155,
// 0.985994121564). The KL of V27 is KL(π_data ‖ output) — the report's kl_data_model and
// phase_space.kl_position, the convention of cld_distances (kl_position) and of theory-notes E —
// not the reverse KL(output ‖ π_data) (kl_model_data, 3.0726e-4 and 1.4393e-3).
TEST(io_CldReport, V27Numbers) {
  struct Case {
    std::string sampler;
    double kl, xx, xv, vv;
  };
  for (const Case& c :
       {Case{"em", 3.14569173752e-4, 1.930701606, -0.0161215244292, 1.13547271512},
        Case{"continuous", 0.00151492436337, 1.85206290902, -0.0455191049155, 0.985994121564}}) {
    SCOPED_TRACE(c.sampler);
    const Report r = report(with("/sampler", c.sampler));
    const ojson& j = r.json;
    ASSERT_EQ(j["status"], "ok");
    EXPECT_TRUE(test::near_rel(j["metrics"]["kl_data_model"].get<double>(), c.kl, 1e-9));
    EXPECT_FALSE(test::near_rel(j["metrics"]["kl_model_data"].get<double>(), c.kl, 1e-3));
    EXPECT_TRUE(test::near_rel(j["phase_space"]["kl_position"].get<double>(), c.kl, 1e-9));
    EXPECT_TRUE(test::near_rel(j["output"]["cov"][0][0].get<double>(), c.xx, 1e-9));
    EXPECT_TRUE(test::near_rel(j["output"]["cross_cov"][0][0].get<double>(), c.xv, 1e-9));
    EXPECT_TRUE(test::near_rel(j["output"]["velocity"]["cov"][0][0].get<double>(), c.vv, 1e-9));
    EXPECT_EQ(j["output"]["mean"][0], 0.0);
    EXPECT_EQ(j["output"]["velocity"]["mean"][0], 0.0);
    // d = 1: the position TV is exact.
    EXPECT_EQ(j["metrics"]["tv_method"], "exact_1d");
    expect_all_finite_numbers(j);
  }
}

TEST(io_CldReport, KeysAndCrossChecks) {
  const Report r = report(correlated());
  const ojson& j = r.json;
  ASSERT_EQ(j["status"], "ok");
  EXPECT_EQ(keys_of(j), (std::vector<std::string>{"scorebound", "seed", "config", "status",
                                                  "output", "metrics", "phase_space", "bounds"}));
  EXPECT_EQ(keys_of(j["output"]),
            (std::vector<std::string>{"mean", "cov", "velocity", "cross_cov"}));
  EXPECT_EQ(keys_of(j["output"]["velocity"]), (std::vector<std::string>{"mean", "cov"}));
  EXPECT_EQ(keys_of(j["metrics"]),
            (std::vector<std::string>{"kl_data_model", "kl_model_data", "w2", "hellinger2", "tv",
                                      "tv_method", "tv_std_error", "tv_lower", "tv_upper",
                                      "tv_samples", "tv_seed"}));
  EXPECT_EQ(keys_of(j["phase_space"]),
            (std::vector<std::string>{"target", "kl_phase", "kl_phase_reverse", "w2_phase",
                                      "kl_position", "kl_position_reverse", "w2_position"}));
  expect_all_finite_numbers(j);

  // The output law against its dense form (original coordinates, (x, v) ordering).
  const PhaseSpaceOutputLaw* ps = r.ev.outcome.law().as_phase_space();
  ASSERT_NE(ps, nullptr);
  const Gaussian dense = ps->law().dense();
  for (int i = 0; i < 3; ++i) {
    EXPECT_NEAR(j["output"]["mean"][i].get<double>(), dense.mean(i), 1e-13);
    EXPECT_NEAR(j["output"]["velocity"]["mean"][i].get<double>(), dense.mean(3 + i), 1e-13);
    for (int k = 0; k < 3; ++k) {
      EXPECT_NEAR(j["output"]["cov"][i][k].get<double>(), dense.cov(i, k), 1e-13);
      EXPECT_NEAR(j["output"]["velocity"]["cov"][i][k].get<double>(), dense.cov(3 + i, 3 + k),
                  1e-13);
      EXPECT_NEAR(j["output"]["cross_cov"][i][k].get<double>(), dense.cov(i, 3 + k), 1e-13);
    }
  }
  // The phase-space block equals sb::cld_distances; its position terms equal the metrics.
  const Problem& cfg = r.parsed.config;
  const CldDistances cd = cld_distances(*cfg.cld, cfg.gaussian(), ps->law(),
                                        {cfg.options.seed, cfg.options.tv_samples});
  const ojson& p = j["phase_space"];
  EXPECT_EQ(p["kl_phase"].get<double>(), cd.kl_phase);
  EXPECT_EQ(p["kl_phase_reverse"].get<double>(), cd.kl_phase_reverse);
  EXPECT_EQ(p["w2_phase"].get<double>(), cd.w2_phase);
  EXPECT_EQ(p["kl_position"].get<double>(), cd.kl_position);
  EXPECT_EQ(p["kl_position_reverse"].get<double>(), cd.kl_position_reverse);
  EXPECT_EQ(p["w2_position"].get<double>(), cd.w2_position);
  EXPECT_EQ(p["kl_position"], j["metrics"]["kl_data_model"]);
  EXPECT_EQ(p["kl_position_reverse"], j["metrics"]["kl_model_data"]);
  EXPECT_EQ(p["w2_position"], j["metrics"]["w2"]);
  EXPECT_EQ(j["metrics"]["tv"].get<double>(), cd.tv_position.value);
  // The phase-space law carries more than its marginal: KL cannot decrease by marginalising.
  EXPECT_GE(p["kl_phase"].get<double>(), p["kl_position"].get<double>());
  EXPECT_GE(p["w2_phase"].get<double>(), p["w2_position"].get<double>());
  // The report of a Problem built without the parser has the same laws and distances.
  const Problem direct = make_cld_problem(cfg.cld, cfg.gaussian(), 1.5, 30,
                                          Scheme::kSplitRenormalised, cfg.score_error, Init::kPT);
  Evaluation ev = evaluate(direct);
  const ojson jd = evaluation_to_json(direct, ev);
  EXPECT_EQ(jd["output"], j["output"]);
  EXPECT_EQ(jd["phase_space"], j["phase_space"]);
}

TEST(io_CldReport, ContinuousWithDeltaIntegratesTheOde) {
  json j = with("/sampler", "continuous");
  j["score_error"] = {{"delta", 0.3}, {"eps", 0.1}};
  const Report r = report(j);
  ASSERT_EQ(r.json["status"], "ok");
  expect_all_finite_numbers(r.json);
  // Against the first-order eir extrapolated (Richardson, N = 4096): agreement 1e-5 as in
  // tests/sampler/cld_recursion_test.cpp.
  json a = j, b = j;
  a["sampler"] = b["sampler"] = "eir";
  a["steps"] = 4096;
  b["steps"] = 8192;
  const Report ra = report(a), rb = report(b);
  const double x = 2 * rb.json["output"]["cov"][0][0].get<double>() -
                   ra.json["output"]["cov"][0][0].get<double>();
  EXPECT_NEAR(r.json["output"]["cov"][0][0].get<double>(), x, 1e-5);
}

TEST(io_CldReport, SummariesAboveDimension100) {
  json j = with("/data", {{"kind", "gaussian"}, {"preset", "heteroscedastic"}, {"dim", 101}});
  j["steps"] = 5;
  const Report r = report(j);
  ASSERT_EQ(r.json["status"], "ok");
  const ojson& o = r.json["output"];
  EXPECT_TRUE(o["cov"].contains("summary"));
  EXPECT_TRUE(o["velocity"]["cov"].contains("summary"));
  EXPECT_EQ(keys_of(o["cross_cov"]),
            (std::vector<std::string>{"summary", "dim", "trace", "eigenvalue_min", "eigenvalue_max",
                                      "diagonal_min", "diagonal_max"}));
  const PhaseSpaceGaussian& law = r.ev.outcome.law().as_phase_space()->law();
  EXPECT_NEAR(o["cross_cov"]["trace"].get<double>(), law.cov_xv.sum(), 1e-12);
  EXPECT_EQ(o["cross_cov"]["eigenvalue_min"].get<double>(), law.cov_xv.minCoeff());
  expect_all_finite_numbers(r.json);
  // --full prints them.
  const Report f = report(j, ReportOptions{true});
  EXPECT_EQ(f.json["output"]["cross_cov"].size(), 101u);
}

TEST(io_CldReport, DivergedRun) {
  // EM with step 10 on data of variance 1e-3: the explicit step is far too large.
  json j = with("/data", {{"kind", "gaussian"}, {"mean", {0}}, {"cov", {{1e-3}}}});
  j["process"] = {{"kind", "cld"}, {"sigma2", 4e-3}};
  j["T"] = 1000;
  j["steps"] = 100;
  const Report r = report(j);
  const ojson& o = r.json;
  EXPECT_EQ(o["status"], "diverged");
  EXPECT_NE(o["message"].get<std::string>().find("the cld em recursion diverged at step"),
            std::string::npos)
      << o["message"];
  EXPECT_TRUE(o["diverged_at_step"].is_number_integer());
  EXPECT_TRUE(o["output"].is_null());
  EXPECT_TRUE(o["metrics"].is_null());
  EXPECT_TRUE(o["phase_space"].is_null());
  EXPECT_EQ(o["bounds"], ojson::object());
  const std::string text = o.dump();
  for (const char* bad : {"nan", "NaN", "inf", "Inf"}) EXPECT_EQ(text.find(bad), std::string::npos);
}

// The plain exponential integrator with steps of 50/7 expands the law by about e^h per step:
// the output's 2 x 2 covariance is then singular in double precision (its smallest eigenvalue
// is below the rounding of its entries, ~1e63). The position marginal is well defined and
// reported; the phase-space distances are null with the reason, never Inf or an error.
TEST(io_CldReport, PhaseSpaceDistancesOfASingularOutput) {
  json j = v27();
  j["sampler"] = "ei";
  j["T"] = 50;
  j["steps"] = 7;
  const Report r = report(j);
  const ojson& o = r.json;
  ASSERT_EQ(o["status"], "ok");
  EXPECT_GT(o["output"]["cov"][0][0].get<double>(), 1e60);
  const ojson& p = o["phase_space"];
  EXPECT_EQ(keys_of(p), (std::vector<std::string>{"target", "kl_phase", "kl_phase_reverse",
                                                  "w2_phase", "kl_position", "kl_position_reverse",
                                                  "w2_position", "message"}));
  EXPECT_TRUE(p["kl_phase"].is_null());
  EXPECT_TRUE(p["kl_phase_reverse"].is_null());
  EXPECT_TRUE(p["w2_phase"].is_null());
  EXPECT_EQ(p["kl_position"], o["metrics"]["kl_data_model"]);
  EXPECT_TRUE(std::isfinite(p["w2_position"].get<double>()));
  const std::string msg = p["message"].get<std::string>();
  EXPECT_NE(msg.find("the phase-space distances are not computed: a 2 x 2 block covariance of the "
                     "output law is not positive definite in double precision"),
            std::string::npos)
      << msg;
  EXPECT_EQ(msg.find("sb::"), std::string::npos) << msg;
  // The renormalised integrator keeps the law near π∞: everything is computed.
  j["sampler"] = "eir";
  const Report e = report(j);
  EXPECT_FALSE(e.json["phase_space"].contains("message"));
  expect_all_finite_numbers(e.json);
}

// Only checks written for the kinetic process run on it (TheoremInfo::processes), and the
// report works whatever their number (none on this branch's base; main's cld_* checks since).
TEST(io_CldReport, OnlyCldChecksApply) {
  const Report r = report(v27());
  ASSERT_EQ(r.json["status"], "ok");
  EXPECT_TRUE(r.json["bounds"].is_object());
  for (const BoundReport& b : r.ev.bounds) {
    const TheoremCheck* c = nullptr;
    for (const TheoremCheck* x : registry().all())
      if (x->info().id == b.id) c = x;
    ASSERT_NE(c, nullptr) << b.id;
    const std::vector<std::string> p = c->info().processes;
    EXPECT_NE(std::find(p.begin(), p.end(), "cld"), p.end()) << b.id;
  }
  EXPECT_EQ(r.json["bounds"].size(), r.ev.bounds.size());
}

}  // namespace
}  // namespace sb::cld_config_test
