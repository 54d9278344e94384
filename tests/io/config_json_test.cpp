// Reading `scorebound eval` configurations (src/sb/io/config_json.hpp): every accepted form,
// the normalised echo, and every class of bad input, each of which must throw one InputError
// line naming the key.
#include "sb/io/config_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "sb/core/check.hpp"
#include "sb/data/funnel.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::kInf;
using test::kNaN;

using json = nlohmann::json;

/// A valid 2-d configuration to start every case from.
json base() {
  return json::parse(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "mean": [1, -1], "cov": [[2, 0.5], [0.5, 1]]},
    "T": 2, "steps": 20, "sampler": "eir"
  })");
}

json with(json j, const json::json_pointer& where, json value) {
  j[where] = std::move(value);
  return j;
}
json with(const std::string& pointer, json value) {
  return with(base(), json::json_pointer(pointer), std::move(value));
}
json without(json j, const std::string& key) {
  j.erase(key);
  return j;
}

// The footnote covariance of seed 003: 1 on the diagonal, 1/√|i−j| off it.
json footnote_cov(int d) {
  json c = json::array();
  for (int i = 0; i < d; ++i) {
    json row = json::array();
    for (int j = 0; j < d; ++j)
      row.push_back(i == j ? 1.0 : 1.0 / std::sqrt(static_cast<double>(std::abs(i - j))));
    c.push_back(row);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Accepted forms.

TEST(io_ConfigJson, BaseExample) {
  const Problem cfg = parse_run_config(base());
  EXPECT_EQ(cfg.process->kind(), "ou");
  EXPECT_EQ(cfg.gaussian().dim(), 2);
  EXPECT_DOUBLE_EQ(cfg.T(), 2.0);
  EXPECT_EQ(cfg.grid.steps(), 20);
  EXPECT_TRUE(cfg.grid.is_uniform());
  EXPECT_EQ(cfg.scheme, Scheme::kExponentialRenormalised);
  EXPECT_EQ(cfg.init, Init::kReference);
  EXPECT_TRUE(cfg.score_error.is_exact());
  EXPECT_EQ(cfg.options.seed, kDefaultSeed);
  EXPECT_EQ(cfg.options.tv_samples, 200000);
}

TEST(io_ConfigJson, ReadmeExampleFile) {
  std::ifstream in(SB_SOURCE_DIR "/experiments/configs/readme_example.json");
  ASSERT_TRUE(in.good());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const Problem cfg = parse_run_config(parse_json_text(text));
  EXPECT_EQ(cfg.process->kind(), "ou");
  EXPECT_EQ(cfg.gaussian().dim(), 2);
  EXPECT_DOUBLE_EQ(cfg.gaussian().cov()(0, 1), 0.5);
  EXPECT_DOUBLE_EQ(cfg.T(), 2.0);
  EXPECT_EQ(cfg.grid.steps(), 20);
  EXPECT_EQ(cfg.scheme, Scheme::kExponentialRenormalised);
  EXPECT_DOUBLE_EQ(cfg.score_error.eps, 0.1);
  ASSERT_EQ(cfg.score_error.direction.size(), 2);
}

TEST(io_ConfigJson, EveryProcessKind) {
  const std::vector<std::pair<std::string, json>> cases = {
      {"ou", {{"kind", "ou"}}},
      {"ou_general", {{"kind", "ou_general"}, {"theta", 2}, {"mu", {0.5, -0.5}}, {"sigma", 1.5}}},
      {"ou_general", {{"kind", "ou_general"}, {"theta", 2}, {"sigma", 1.5}}},  // mu optional
      {"cou", {{"kind", "cou"}, {"theta", 1}, {"mu", {1, 1}}, {"sigma", 0.5}}},
      {"ve", {{"kind", "ve"}, {"sigma_min", 0.01}, {"sigma_max", 10}}},
      {"ve_brownian", {{"kind", "ve_brownian"}}},
      {"vp", {{"kind", "vp"}, {"beta_min", 0.1}, {"beta_max", 20}}},
      {"vp",
       {{"kind", "vp"},
        {"schedule", {{"kind", "exp"}, {"a", 3}, {"beta_min", 0.1}, {"beta_max", 20}}}}},
      {"subvp", {{"kind", "subvp"}, {"beta_min", 0.1}, {"beta_max", 20}}},
      {"subvp",
       {{"kind", "subvp"}, {"schedule", {{"kind", "linear"}, {"beta_min", 0.1}, {"beta_max", 5}}}}},
      {"cvp", {{"kind", "cvp"}, {"beta_min", 0.1}, {"beta_max", 2}}},
      {"ou_schedule",
       {{"kind", "ou_schedule"},
        {"sigma2", 0.5},
        {"schedule", {{"kind", "linear"}, {"beta_min", 0.1}, {"beta_max", 20}}}}},
      {"ou_schedule",
       {{"kind", "ou_schedule"},
        {"sigma2", 2},
        {"schedule", {{"kind", "exp"}, {"a", -1}, {"beta_min", 1}, {"beta_max", 3}}}}},
      {"ou_schedule",
       {{"kind", "ou_schedule"},
        {"sigma2", 1},
        {"schedule", {{"kind", "table"}, {"points", {{0, 1}, {1, 3}, {2.5, 2}}}}}}},
  };
  for (const auto& [kind, jp] : cases) {
    SCOPED_TRACE(jp.dump());
    json j = with("/process", jp);
    // eir needs a stationary law; em runs on every process.
    j["sampler"] = "em";
    const Problem cfg = parse_run_config(j);
    EXPECT_EQ(cfg.process->kind(), kind);
    const auto echo = config_to_json(cfg);
    EXPECT_EQ(echo["process"]["kind"], kind);
    EXPECT_EQ(echo["process"]["describe"], cfg.process->describe());
  }
}

TEST(io_ConfigJson, ProcessEchoIsNormalised) {
  {
    const ParsedConfig parsed =
        parse_config(with("/process", {{"kind", "vp"}, {"beta_min", 0.1}, {"beta_max", 20}}));
    const Problem& cfg = parsed.config;
    const auto p = parsed.echo["process"];
    EXPECT_EQ(p["schedule"]["kind"], "linear");
    EXPECT_EQ(p["schedule"]["beta_min"], 0.1);
    EXPECT_EQ(p["schedule"]["beta_max"], 20.0);
    // The process is the factory's own object (the echo does not wrap it).
    EXPECT_NE(dynamic_cast<const ScheduledOu*>(cfg.process.get()), nullptr);
  }
  {
    const auto p =
        parse_config(with("/process", {{"kind", "ou_general"}, {"theta", 0.3}, {"sigma", 0.7}}))
            .echo["process"];
    EXPECT_EQ(p["theta"], 0.3);
    EXPECT_EQ(p["sigma"], 0.7);
    EXPECT_EQ(p["mu"], nlohmann::ordered_json::array({0.0, 0.0}));
  }
  {
    json j = with("/process", {{"kind", "ve"}, {"sigma_min", 0.01}, {"sigma_max", 50}});
    j["sampler"] = "ei";
    const auto p = parse_config(j).echo["process"];
    EXPECT_EQ(p["sigma_min"], 0.01);
    EXPECT_EQ(p["sigma_max"], 50.0);
  }
  {
    // A Problem built without the parser still echoes kind and describe.
    Problem cfg = parse_run_config(base());
    cfg.process = make_standard_ou();
    const auto p = config_to_json(cfg)["process"];
    EXPECT_EQ(p["kind"], "ou");
    EXPECT_TRUE(p.contains("describe"));
  }
}

TEST(io_ConfigJson, ConfigEchoKeysInOrder) {
  json j = base();
  j["score_error"] = {{"delta", 0.1}, {"eps", 0.2}, {"direction", {3, 4}}};
  j["init"] = "p_T";
  j["seed"] = 7;
  j["tv_samples"] = 5000;
  const Problem cfg = parse_run_config(j);
  EXPECT_EQ(cfg.options.seed, 7u);
  EXPECT_EQ(cfg.options.tv_samples, 5000);
  EXPECT_EQ(cfg.init, Init::kPT);
  const auto c = config_to_json(cfg);
  std::vector<std::string> keys;
  for (const auto& item : c.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"process", "data", "T", "steps", "sampler", "init",
                                            "score_error", "grid", "tv_samples"}));
  EXPECT_EQ(c["data"]["dim"], 2);
  EXPECT_EQ(c["data"]["mean"], nlohmann::ordered_json::array({1.0, -1.0}));
  EXPECT_EQ(c["data"]["cov"][0][1], 0.5);
  EXPECT_EQ(c["T"], 2.0);
  EXPECT_EQ(c["steps"], 20);
  EXPECT_EQ(c["sampler"], "eir");
  EXPECT_EQ(c["init"], "p_T");
  EXPECT_EQ(c["grid"], "uniform");
  EXPECT_DOUBLE_EQ(c["score_error"]["direction"][0].get<double>(), 0.6);
  EXPECT_DOUBLE_EQ(c["score_error"]["direction"][1].get<double>(), 0.8);
  EXPECT_EQ(c["score_error"]["delta"], 0.1);
  // Default direction e1.
  const auto c0 = config_to_json(parse_run_config(base()));
  EXPECT_EQ(c0["score_error"]["direction"], nlohmann::ordered_json::array({1.0, 0.0}));
}

TEST(io_ConfigJson, DataPresets) {
  for (const std::string preset : {"isotropic", "heteroscedastic", "correlated"}) {
    const ParsedConfig parsed =
        parse_config(with("/data", {{"kind", "gaussian"}, {"preset", preset}, {"dim", 5}}));
    EXPECT_EQ(parsed.config.dim(), 5);
    const auto& c = parsed.echo;
    EXPECT_EQ(c["data"]["preset"], preset);
    EXPECT_EQ(c["data"]["dim"], 5);
  }
  // dim alongside mean/cov is allowed when it matches.
  json j = base();
  j["data"]["dim"] = 2;
  EXPECT_EQ(parse_run_config(j).dim(), 2);
}

TEST(io_ConfigJson, ExplicitGrid) {
  const json grid = {0, 0.5, 1.0, 1.75, 2.0};
  json j = without(without(with("/grid", grid), "T"), "steps");
  Problem cfg = parse_run_config(j);
  EXPECT_EQ(cfg.grid.steps(), 4);
  EXPECT_DOUBLE_EQ(cfg.T(), 2.0);
  EXPECT_FALSE(cfg.grid.is_uniform());
  EXPECT_DOUBLE_EQ(cfg.grid.step(2), 0.75);
  EXPECT_EQ(config_to_json(cfg)["grid"], nlohmann::ordered_json::array({0, 0.5, 1.0, 1.75, 2.0}));
  // T and steps may be given when they agree with the grid.
  j["T"] = 2.0;
  j["steps"] = 4;
  cfg = parse_run_config(j);
  EXPECT_EQ(cfg.grid.steps(), 4);
}

TEST(io_ConfigJson, IntegralFloatsAndIntegers) {
  json j = with("/steps", 20.0);
  j["T"] = 2;  // an integer T
  j["seed"] = 18446744073709551615ULL;
  const Problem cfg = parse_run_config(j);
  EXPECT_EQ(cfg.grid.steps(), 20);
  EXPECT_EQ(cfg.options.seed, 18446744073709551615ULL);
}

TEST(io_ConfigJson, EverySampler) {
  for (const std::string s : {"em", "ei", "eir", "continuous", "pf_ode", "pc"})
    EXPECT_EQ(to_string(parse_run_config(with("/sampler", s)).scheme), s);
}

// ---------------------------------------------------------------------------------------------
// Bad input: one InputError naming the key.

TEST(io_ConfigJsonErrors, TopLevel) {
  io_test::expect_config_error(json::array({1, 2}), {"input", "JSON object"});
  io_test::expect_config_error(with("/bogus", 1),
                               {"unknown key bogus", "allowed keys", "process", "tv_samples"});
  io_test::expect_config_error(without(base(), "process"), {"process", "missing"});
  io_test::expect_config_error(without(base(), "data"), {"data", "missing"});
  io_test::expect_config_error(without(base(), "sampler"), {"sampler", "missing"});
  io_test::expect_config_error(without(base(), "T"), {"T", "missing"});
  io_test::expect_config_error(without(base(), "steps"), {"steps", "missing"});
}

TEST(io_ConfigJsonErrors, HorizonAndSteps) {
  io_test::expect_config_error(with("/T", "abc"), {"T is \"abc\", but must be a number"});
  io_test::expect_config_error(with("/T", 0), {"T is 0", "> 0"});
  io_test::expect_config_error(with("/T", -1.5), {"T is -1.5"});
  io_test::expect_config_error(with("/T", kNaN), {"T is nan", "finite"});
  io_test::expect_config_error(with("/T", kInf), {"T is inf", "finite"});
  io_test::expect_config_error(with("/T", nullptr), {"T is null", "number"});
  io_test::expect_config_error(with("/steps", 0), {"steps is 0", "integer"});
  io_test::expect_config_error(with("/steps", -3), {"steps is -3"});
  io_test::expect_config_error(with("/steps", 10.5), {"steps is 10.5", "integer"});
  io_test::expect_config_error(with("/steps", "10"), {"steps is \"10\"", "integer"});
  io_test::expect_config_error(with("/steps", 1e12), {"steps"});
  io_test::expect_config_error(with("/sampler", "rk4"), {"sampler", "rk4", "em"});
  io_test::expect_config_error(with("/sampler", 3), {"sampler is 3", "string"});
  io_test::expect_config_error(with("/init", "random"), {"init", "random", "reference"});
  io_test::expect_config_error(with("/seed", -1), {"seed is -1"});
  io_test::expect_config_error(with("/seed", 1.5), {"seed is 1.5"});
  io_test::expect_config_error(with("/tv_samples", 10), {"tv_samples is 10", "1000"});
}

TEST(io_ConfigJsonErrors, Grid) {
  auto grid_cfg = [](json g) {
    return without(without(with("/grid", std::move(g)), "T"), "steps");
  };
  io_test::expect_config_error(grid_cfg({0.1, 1.0}), {"grid[0] is 0.1", "0"});
  io_test::expect_config_error(grid_cfg({0, 1.0, 1.0}), {"grid[2] is 1", "strictly increasing"});
  io_test::expect_config_error(grid_cfg({0, 2.0, 1.0}), {"grid[2]"});
  io_test::expect_config_error(grid_cfg({0}), {"grid points", ">= 2"});
  io_test::expect_config_error(grid_cfg({0, kNaN}), {"grid[1] is nan"});
  io_test::expect_config_error(grid_cfg({0, "x"}), {"grid[1]", "number"});
  io_test::expect_config_error(grid_cfg("uniform"), {"grid is \"uniform\""});
  json j = grid_cfg({0, 1, 2});
  j["steps"] = 3;
  io_test::expect_config_error(j, {"steps is 3", "2 (the number of intervals of grid)"});
  j = grid_cfg({0, 1, 2});
  j["T"] = 3;
  io_test::expect_config_error(j, {"T is 3", "last point of grid"});
}

TEST(io_ConfigJsonErrors, Process) {
  io_test::expect_config_error(with("/process", "ou"), {"process is \"ou\"", "JSON object"});
  io_test::expect_config_error(with("/process", json::object()), {"process.kind", "missing"});
  io_test::expect_config_error(with("/process", {{"kind", "langevin"}}),
                               {"process.kind is \"langevin\"", "ou_general"});
  io_test::expect_config_error(with("/process", {{"kind", 1}}), {"process.kind is 1", "string"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou"}, {"theta", 1}}),
      {"unknown key process.theta; allowed keys for process kind ou: kind"});
  io_test::expect_config_error(
      with("/process", {{"kind", "vp"}, {"beta_min", 0.1}, {"beta_max", 20}, {"foo", 1}}),
      {"scorebound: unknown key process.foo; allowed keys for process kind vp: kind, "
       "beta_min, beta_max, schedule"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou_general"}, {"theta", 0}, {"sigma", 1}}),
      {"process.theta is 0", "> 0"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou_general"}, {"theta", 1}, {"sigma", -1}}),
      {"process.sigma is -1"});
  io_test::expect_config_error(with("/process", {{"kind", "ou_general"}, {"theta", 1}}),
                               {"process.sigma", "missing"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou_general"}, {"theta", 1e300}, {"sigma", 1e-300}}),
      {"process.sigma is 1e-300", "positive finite"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou_general"}, {"theta", 1}, {"sigma", 1}, {"mu", {1, 2, 3}}}),
      {"process.mu", "3", "2 (the data dimension)"});
  io_test::expect_config_error(
      with("/process", {{"kind", "cou"}, {"theta", 1}, {"sigma", 1}, {"mu", {1, kNaN}}}),
      {"process.mu[1] is nan"});
  io_test::expect_config_error(
      with("/process", {{"kind", "cou"}, {"theta", 1}, {"sigma", 1}, {"mu", 1}}),
      {"process.mu is 1", "array"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ve"}, {"sigma_min", 1}, {"sigma_max", 0.5}}),
      {"process.sigma_max is 0.5", "sigma_min"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ve"}, {"sigma_min", -1}, {"sigma_max", 5}}),
      {"process.sigma_min is -1"});
  io_test::expect_config_error(with("/process", {{"kind", "vp"}, {"beta_min", 0.1}}),
                               {"process.beta_max", "missing"});
  io_test::expect_config_error(
      with("/process", {{"kind", "vp"}, {"beta_min", -0.1}, {"beta_max", 20}}),
      {"process.beta_min is -0.1"});
  io_test::expect_config_error(
      with("/process", {{"kind", "subvp"},
                        {"beta_min", 0.1},
                        {"beta_max", 20},
                        {"schedule", {{"kind", "linear"}, {"beta_min", 1}, {"beta_max", 2}}}}),
      {"process.schedule", "beta_min"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou_schedule"},
                        {"sigma2", -2},
                        {"schedule", {{"kind", "linear"}, {"beta_min", 1}, {"beta_max", 2}}}}),
      {"process.sigma2 is -2"});
  io_test::expect_config_error(with("/process", {{"kind", "ou_schedule"}, {"sigma2", 1}}),
                               {"process.schedule", "missing"});
}

TEST(io_ConfigJsonErrors, Schedule) {
  auto sched = [](json s) {
    json j = with("/process", {{"kind", "ou_schedule"}, {"sigma2", 1}, {"schedule", std::move(s)}});
    return j;
  };
  io_test::expect_config_error(sched({{"kind", "cosine"}}),
                               {"process.schedule.kind is \"cosine\"", "linear, exp, table"});
  io_test::expect_config_error(
      sched({{"kind", "linear"}, {"beta_min", 1}, {"beta_max", 2}, {"a", 1}}),
      {"unknown key process.schedule.a", "schedule kind linear"});
  io_test::expect_config_error(
      sched({{"kind", "exp"}, {"a", 1000}, {"beta_min", 1}, {"beta_max", 2}}),
      {"process.schedule.a is 1000", "700"});
  io_test::expect_config_error(sched({{"kind", "exp"}, {"beta_min", 1}, {"beta_max", 2}}),
                               {"process.schedule.a", "missing"});
  io_test::expect_config_error(sched({{"kind", "table"}, {"points", {{0, 1}}}}),
                               {"process.schedule.points", ">= 2"});
  io_test::expect_config_error(sched({{"kind", "table"}, {"points", {{0.5, 1}, {2, 1}}}}),
                               {"process.schedule.points[0][0] is 0.5"});
  io_test::expect_config_error(sched({{"kind", "table"}, {"points", {{0, 1}, {2, 1}, {1.5, 1}}}}),
                               {"process.schedule.points[2][0] is 1.5", "strictly increasing"});
  io_test::expect_config_error(sched({{"kind", "table"}, {"points", {{0, 1}, {2, -1}}}}),
                               {"process.schedule.points[1][1] is -1", "> 0"});
  io_test::expect_config_error(sched({{"kind", "table"}, {"points", {{0, 1}, {2, 1, 3}}}}),
                               {"process.schedule.points[1]", "pair"});
  io_test::expect_config_error(sched({{"kind", "table"}, {"points", {{0, 1}, {1, 1}}}}),
                               {"process.schedule.points[1][0] is 1", "T = 2"});
}

TEST(io_ConfigJsonErrors, Data) {
  io_test::expect_config_error(with("/data/kind", "uniform"),
                               {"data.kind is \"uniform\"", "one of gaussian, gmm, funnel"});
  io_test::expect_config_error(with("/data", without(base()["data"], "kind")),
                               {"data.kind", "missing"});
  io_test::expect_config_error(with("/data/foo", 1),
                               {"unknown key data.foo", "allowed keys for data"});
  io_test::expect_config_error(with("/data", {{"kind", "gaussian"}, {"cov", {{1}}}}),
                               {"data.mean", "missing"});
  io_test::expect_config_error(with("/data", {{"kind", "gaussian"}, {"mean", {0}}}),
                               {"data.cov", "missing"});
  io_test::expect_config_error(with("/data/mean", json::array()), {"data.mean", ">= 1"});
  io_test::expect_config_error(with("/data/mean", {1, "a"}), {"data.mean[1] is \"a\"", "number"});
  io_test::expect_config_error(with("/data/mean", {1, kInf}), {"data.mean[1] is inf", "finite"});
  io_test::expect_config_error(with("/data/cov", {{1, 0}, {0, 1}, {0, 0}}),
                               {"rows of data.cov is 3", "2"});
  io_test::expect_config_error(with("/data/cov", {{1, 0}, {0}}), {"data.cov[1] is 1", "2"});
  io_test::expect_config_error(with("/data/cov", {{1, 0}, 5}), {"data.cov[1] is 5", "array"});
  io_test::expect_config_error(with("/data/cov", {{2, 0.5}, {0.4, 1}}),
                               {"data.cov[0][1] - data.cov[1][0]", "symmetric"});
  io_test::expect_config_error(with("/data/cov", {{2, 0.5}, {0.5, -1}}),
                               {"data.cov[1][1] is -1", "variance"});
  io_test::expect_config_error(with("/data/cov", {{2, 0.5}, {kNaN, 1}}),
                               {"data.cov[1][0] is nan", "finite"});
  io_test::expect_config_error(with("/data/cov", {{1, 2}, {2, 1}}),
                               {"smallest eigenvalue of data.cov", "-0.99", "positive definite"});
  // Seed 003's footnote covariance is not positive definite from d = 2 on.
  for (int d : {2, 3, 5}) {
    json j = base();
    j["data"]["mean"] = std::vector<double>(static_cast<std::size_t>(d), 1.0);
    j["data"]["cov"] = footnote_cov(d);
    io_test::expect_config_error(j, {"smallest eigenvalue", "data.cov"});
  }
  io_test::expect_config_error(
      with("/data", {{"kind", "gaussian"}, {"preset", "isotropic"}, {"dim", 2}, {"mean", {0, 0}}}),
      {"data.preset", "mean"});
  io_test::expect_config_error(
      with("/data", {{"kind", "gaussian"}, {"preset", "footnote"}, {"dim", 2}}),
      {"data.preset is \"footnote\"", "isotropic"});
  io_test::expect_config_error(
      with("/data", {{"kind", "gaussian"}, {"preset", "isotropic"}, {"dim", 0}}),
      {"data.dim is 0"});
  io_test::expect_config_error(with("/data", {{"kind", "gaussian"}, {"preset", "isotropic"}}),
                               {"data.dim", "missing"});
  io_test::expect_config_error(with("/data/dim", 3), {"data.dim is 3", "length of data.mean"});
}

TEST(io_ConfigJsonErrors, FootnoteMatrixAtD3NamesSmallestEigenvalue) {
  json j = base();
  j["data"]["mean"] = {0, 0, 0};
  j["data"]["cov"] = footnote_cov(3);
  try {
    (void)parse_run_config(j);
    FAIL() << "accepted a non positive definite covariance";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("smallest eigenvalue of data.cov is -0.104"), std::string::npos) << msg;
  }
}

TEST(io_ConfigJsonErrors, ScoreError) {
  io_test::expect_config_error(with("/score_error", 0.1), {"score_error is 0.1", "JSON object"});
  io_test::expect_config_error(with("/score_error", {{"eps", 0.1}, {"dir", {1, 0}}}),
                               {"unknown key score_error.dir", "delta, eps, direction"});
  io_test::expect_config_error(with("/score_error", {{"eps", 0.1}, {"direction", {0, 0}}}),
                               {"score_error.direction is [0,0]", "non-zero"});
  io_test::expect_config_error(with("/score_error", {{"eps", 0.1}, {"direction", {1, 0, 0}}}),
                               {"score_error.direction", "2 (the data dimension)"});
  io_test::expect_config_error(with("/score_error", {{"eps", 0.1}, {"direction", {1, kNaN}}}),
                               {"score_error.direction[1] is nan"});
  io_test::expect_config_error(with("/score_error", {{"eps", -0.1}}),
                               {"score_error.eps is -0.1", ">= 0"});
  io_test::expect_config_error(with("/score_error", {{"delta", -1}}),
                               {"score_error.delta is -1", "> -1"});
  io_test::expect_config_error(with("/score_error", {{"delta", "big"}}),
                               {"score_error.delta is \"big\"", "number"});
}

TEST(io_ConfigJsonErrors, CrossFieldChecks) {
  // eir needs a stationary law.
  json j = with("/process", {{"kind", "ve"}, {"sigma_min", 0.01}, {"sigma_max", 10}});
  io_test::expect_config_error(j, {"sampler", "eir"});
}

// ---------------------------------------------------------------------------------------------
// parse_json_text

TEST(io_ParseJsonText, MalformedJson) {
  try {
    (void)parse_json_text("{\"T\": 1,");
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("scorebound: input is not valid JSON: ", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
  }
  EXPECT_THROW((void)parse_json_text(""), InputError);
  EXPECT_THROW((void)parse_json_text("{\"a\": NaN}"), InputError);
}

TEST(io_ParseJsonText, NamesTheKeyOfAnOverflowingNumber) {
  auto message = [](const std::string& text) {
    try {
      (void)parse_json_text(text);
    } catch (const InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message(R"({"T": 1e999})"),
            "scorebound: T is 1e999, but must be finite (it overflows a double)");
  EXPECT_NE(message(R"({"data": {"cov": [[1, 0], [-1e999, 1]]}})").find("data.cov[1][0] is -1e999"),
            std::string::npos);
  EXPECT_NE(message("{\"process\": {\"schedule\": {\"points\": [[0, 1], [1, 2], [2, 1e400]]}}}")
                .find("process.schedule.points[2][1]"),
            std::string::npos);
  EXPECT_NE(message(R"({"data": {"mean": [0, NaN]}})").find("near data.mean[1]"),
            std::string::npos);
  EXPECT_EQ(parse_json_text(R"({"T": 2})")["T"], 2);
}

std::string parse_message(const std::string& text) {
  try {
    (void)parse_json_text(text);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(io_ParseJsonText, CapsTheNestingDepthWithoutRecursing) {
  const std::string deep(100000, '[');
  EXPECT_EQ(
      parse_message(deep).rfind("scorebound: input nests deeper than 64 levels (at input[0]", 0),
      0u)
      << parse_message(deep);
  const std::string in_sampler = R"({"sampler": )" + deep + std::string(100000, ']') + "}";
  EXPECT_NE(parse_message(in_sampler).find("nests deeper than 64 levels (at sampler[0]"),
            std::string::npos)
      << parse_message(in_sampler);
  std::string objects;
  for (int i = 0; i < 1000; ++i) objects += R"({"a": )";
  EXPECT_NE(parse_message(objects).find("deeper than 64 levels (at a.a.a."), std::string::npos);
  // 64 levels are fine, 65 are not.
  EXPECT_NO_THROW((void)parse_json_text(std::string(64, '[') + std::string(64, ']')));
  EXPECT_NE(parse_message(std::string(65, '[') + std::string(65, ']')).find("deeper than 64"),
            std::string::npos);
}

TEST(io_ParseJsonText, RejectsDuplicateKeysNamingThePath) {
  EXPECT_EQ(parse_message(R"({"T": 1, "T": 2})"),
            "scorebound: T is given twice, but must be given once (a duplicate key: JSON does "
            "not say which of the values is meant)");
  EXPECT_NE(parse_message(R"({"data": {"mean": [0], "cov": [[1]], "mean": [1]}})")
                .find("scorebound: data.mean is given twice"),
            std::string::npos);
  EXPECT_NE(parse_message(R"({"grid": [{"a": 1}, {"a": 1, "b": 2, "a": 3}]})")
                .find("grid[1].a is given twice"),
            std::string::npos);
  // The same key in two different objects is no duplicate.
  EXPECT_NO_THROW((void)parse_json_text(R"({"a": {"k": 1}, "b": {"k": 1}})"));
}

TEST(io_ParseJsonText, MessagesAreOnePrintableLine) {
  // A NUL in a key would cut what(); invalid UTF-8 would reach the terminal raw.
  const std::string with_nul = "{\"a\\u0000b\": 1}";
  try {
    (void)parse_run_config(parse_json_text(with_nul));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key a\\u0000b; allowed keys"), std::string::npos)
        << e.what();
  }
  const std::string bad_utf8 = parse_message("{\"sampler\": \"\xff\xfe\"}");
  EXPECT_NE(bad_utf8.find("\\xFF"), std::string::npos) << bad_utf8;
  EXPECT_EQ(bad_utf8.find('\xff'), std::string::npos);
  EXPECT_EQ(parse_message(""),
            "scorebound: input is not valid JSON: it is empty (a configuration is one JSON "
            "object)");
  EXPECT_EQ(parse_message(" \n\t "), parse_message(""));
  EXPECT_NE(parse_message(R"({"T": 1} x)").find("input is not valid JSON"), std::string::npos);
}

TEST(io_ConfigJsonErrors, MagnitudesBeyondTheEngineRange) {
  io_test::expect_config_error(with("/data/mean", {1e308, 0}),
                               {"data.mean[0] is 1e+308, but must be in [-1e+150, 1e+150]"});
  io_test::expect_config_error(with("/data/cov", {{1e200, 0}, {0, 1}}),
                               {"data.cov[0][0] is 1e+200"});
  io_test::expect_config_error(
      with("/process", {{"kind", "ou_general"}, {"theta", 1}, {"sigma", 1}, {"mu", {0, -1e151}}}),
      {"process.mu[1] is -1e+151"});
  // The limit itself is allowed.
  EXPECT_NO_THROW((void)parse_run_config(with("/data/mean", {1e150, -1e150})));
}

TEST(io_ConfigJson, DirectionIsNormalisedWithoutOverflowOrUnderflow) {
  // Where the plain norm overflows (>= 1.4e154) or loses digits (subnormal squares), the
  // parser hands the score model a unit vector; elsewhere the direction as given.
  for (const std::vector<double>& dir :
       {std::vector<double>{1e155, 0}, {1e-160, 0}, {1e-200, 0}, {1e-320, 0}, {1e300, 0}}) {
    json j = base();
    j["score_error"] = {{"eps", 0.5}, {"direction", dir}};
    const ParsedConfig parsed = parse_config(j);
    EXPECT_EQ(parsed.config.score_error.direction, Vec::Unit(2, 0)) << dir[0];
    EXPECT_EQ(parsed.echo["score_error"]["direction"], nlohmann::ordered_json::array({1.0, 0.0}))
        << dir[0];
  }
  json j = base();
  j["score_error"] = {{"eps", 0.5}, {"direction", {1e300, -1e300}}};
  const Vec e = parse_run_config(j).score_error.direction;
  EXPECT_DOUBLE_EQ(e(0), std::sqrt(0.5));
  EXPECT_DOUBLE_EQ(e(1), -std::sqrt(0.5));
  // Ordinary directions reach the score model unchanged (so results keep their bits).
  j["score_error"]["direction"] = {3, 4};
  EXPECT_EQ(parse_run_config(j).score_error.direction, Vec((Vec(2) << 3, 4).finished()));
  j["score_error"]["direction"] = {0, -0.0};
  io_test::expect_config_error(j, {"score_error.direction is [0,-0.0]", "non-zero"});
}

TEST(io_ConfigJson, ParseConfigReturnsTheEcho) {
  const ParsedConfig parsed = parse_config(base());
  EXPECT_EQ(parsed.echo["process"]["kind"], "ou");
  EXPECT_EQ(parsed.echo["process"]["describe"], parsed.config.process->describe());
  EXPECT_EQ(parsed.echo["data"]["cov"][0][1], 0.5);
  EXPECT_EQ(parse_run_config(base()).grid.steps(), parsed.config.grid.steps());
  // Without the parser, the process echo has kind and describe only.
  const auto c = config_to_json(parsed.config);
  EXPECT_EQ(c["process"].size(), 2u);
  EXPECT_EQ(c["data"], parsed.echo["data"]);
}

TEST(io_ConfigJson, LargeCovariancesAreSummarisedUnlessFull) {
  const json j = with("/data", {{"kind", "gaussian"}, {"preset", "isotropic"}, {"dim", 101}});
  const ParsedConfig summary = parse_config(j);
  const auto& cov = summary.echo["data"]["cov"];
  ASSERT_TRUE(cov.is_object()) << cov.dump().substr(0, 200);
  EXPECT_EQ(cov["dim"], 101);
  EXPECT_DOUBLE_EQ(cov["trace"].get<double>(), 50.5);
  EXPECT_DOUBLE_EQ(cov["eigenvalue_min"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(cov["eigenvalue_max"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(cov["diagonal_max"].get<double>(), 0.5);
  EXPECT_EQ(summary.echo["data"]["mean"].size(), 101u);
  const ParsedConfig full = parse_config(j, ReportOptions{true});
  ASSERT_TRUE(full.echo["data"]["cov"].is_array());
  EXPECT_EQ(full.echo["data"]["cov"].size(), 101u);
  // At the threshold the matrix is still printed in full.
  EXPECT_TRUE(
      parse_config(with("/data", {{"kind", "gaussian"}, {"preset", "isotropic"}, {"dim", 100}}))
          .echo["data"]["cov"]
          .is_array());
}

// ---------------------------------------------------------------------------------------------
// Mixtures, the funnel and the particle engine (README, "scorebound eval", "Data laws").

/// A valid 2-d mixture configuration (the particle engine).
json gmm_base() {
  return json::parse(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gmm", "weights": [0.25, 0.75], "means": [[-1, 0], [1, 0.5]], "var": 0.2},
    "T": 2, "steps": 20, "sampler": "em"
  })");
}
json gmm_with(const std::string& pointer, json value) {
  return with(gmm_base(), json::json_pointer(pointer), std::move(value));
}

/// The keys of an echo object, in order.
std::vector<std::string> echo_keys(const nlohmann::ordered_json& o) {
  std::vector<std::string> keys;
  for (const auto& item : o.items()) keys.push_back(item.key());
  return keys;
}

/// Parses the echo's data and engine keys back (the echo's process has `describe`, which is no
/// input key, so the process and the rest are taken from `j`): the echo must be the same.
void expect_echo_round_trip(const json& j) {
  SCOPED_TRACE(j.dump());
  const ParsedConfig first = parse_config(j);
  json again = j;
  again["data"] = json::parse(first.echo["data"].dump());
  for (const char* k : {"engine", "particles", "threads", "sliced_directions", "corrector_steps",
                        "corrector_scale"})
    if (first.echo.contains(k)) again[k] = json::parse(first.echo[k].dump());
  const ParsedConfig second = parse_config(again);
  EXPECT_EQ(second.echo.dump(), first.echo.dump());
}

TEST(io_ConfigJsonGmm, ExplicitIsotropicMixture) {
  const ParsedConfig parsed = parse_config(gmm_base());
  const Problem& cfg = parsed.config;
  const auto* g = dynamic_cast<const GaussianMixture*>(cfg.target.get());
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(g->components(), 2);
  EXPECT_EQ(g->dim(), 2);
  EXPECT_TRUE(g->is_isotropic_equal());
  EXPECT_DOUBLE_EQ(g->isotropic_var(), 0.2);
  EXPECT_DOUBLE_EQ(g->weights()(1), 0.75);
  EXPECT_DOUBLE_EQ(g->means()(1, 1), 0.5);
  EXPECT_EQ(cfg.engine(), Engine::kParticles);
  const auto& d = parsed.echo["data"];
  EXPECT_EQ(echo_keys(d),
            (std::vector<std::string>{"kind", "components", "dim", "weights", "means", "var"}));
  EXPECT_EQ(d["kind"], "gmm");
  EXPECT_EQ(d["means"][1][1], 0.5);
  // The engine keys follow the grid; tv_samples (the Gaussian TV) does not apply.
  EXPECT_EQ(
      echo_keys(parsed.echo),
      (std::vector<std::string>{"process", "data", "T", "steps", "sampler", "init", "score_error",
                                "grid", "engine", "particles", "threads", "sliced_directions"}));
  EXPECT_EQ(parsed.echo["engine"], "particles");
  EXPECT_EQ(parsed.echo["particles"], 20000);
  EXPECT_EQ(parsed.echo["threads"], 0);
  EXPECT_EQ(parsed.echo["sliced_directions"], 200);
  expect_echo_round_trip(gmm_base());
  // Equal weights by default.
  const Problem eq = parse_run_config(gmm_with("/data", without(gmm_base()["data"], "weights")));
  EXPECT_DOUBLE_EQ(dynamic_cast<const GaussianMixture&>(*eq.target).weights()(0), 0.5);
}

TEST(io_ConfigJsonGmm, ExplicitCovariances) {
  json j = gmm_base();
  j["data"].erase("var");
  j["data"]["covs"] = {{{1, 0.3}, {0.3, 0.5}}, {{0.2, 0}, {0, 0.2}}};
  const ParsedConfig parsed = parse_config(j);
  const auto& g = dynamic_cast<const GaussianMixture&>(*parsed.config.target);
  EXPECT_FALSE(g.is_isotropic_equal());
  EXPECT_DOUBLE_EQ(g.covs()[0](0, 1), 0.3);
  EXPECT_EQ(parsed.echo["data"]["covs"][0][0][1], 0.3);
  EXPECT_FALSE(parsed.echo["data"].contains("var"));
  expect_echo_round_trip(j);
  // K copies of var·I select the fast path, echoed as var.
  j["data"]["covs"] = {{{0.2, 0}, {0, 0.2}}, {{0.2, 0}, {0, 0.2}}};
  EXPECT_EQ(parse_config(j).echo["data"]["var"], 0.2);
}

TEST(io_ConfigJsonGmm, Presets) {
  {
    const ParsedConfig p =
        parse_config(gmm_with("/data", {{"kind", "gmm"}, {"preset", "symmetric_pair"}}));
    EXPECT_EQ(p.config.dim(), 1);
    EXPECT_EQ(echo_keys(p.echo["data"]),
              (std::vector<std::string>{"kind", "preset", "a", "var", "components", "dim"}));
    EXPECT_EQ(p.echo["data"]["a"], 2.0);
    EXPECT_EQ(p.echo["data"]["var"], 0.25);
    const auto& g = dynamic_cast<const GaussianMixture&>(*p.config.target);
    EXPECT_DOUBLE_EQ(g.means()(0, 0), -2.0);
  }
  {
    const json j =
        gmm_with("/data", {{"kind", "gmm"}, {"preset", "symmetric_pair"}, {"a", 3}, {"var", 0.5}});
    const Problem problem_1 = parse_run_config(j);
    const auto& g = dynamic_cast<const GaussianMixture&>(*problem_1.target);
    EXPECT_DOUBLE_EQ(g.means()(1, 0), 3.0);
    EXPECT_DOUBLE_EQ(g.isotropic_var(), 0.5);
    expect_echo_round_trip(j);
  }
  {
    const json j = gmm_with("/data", {{"kind", "gmm"}, {"preset", "grid25"}, {"spacing", 2}});
    const ParsedConfig p = parse_config(j);
    const auto& g = dynamic_cast<const GaussianMixture&>(*p.config.target);
    EXPECT_EQ(g.components(), 25);
    EXPECT_DOUBLE_EQ(g.means()(0, 0), -4.0);
    EXPECT_DOUBLE_EQ(g.isotropic_var(), 0.01);
    EXPECT_EQ(p.echo["data"]["components"], 25);
    expect_echo_round_trip(j);
  }
  {
    const json j = gmm_with("/data", {{"kind", "gmm"},
                                      {"preset", "random"},
                                      {"components", 8},
                                      {"dim", 50},
                                      {"seed", 42},
                                      {"mean_scale", 3},
                                      {"var", 0.5}});
    const ParsedConfig p = parse_config(j);
    const auto& g = dynamic_cast<const GaussianMixture&>(*p.config.target);
    EXPECT_EQ(g.means(), gmm_random(8, 50, 42, 3.0, 0.5).means());
    // A preset is echoed by its parameters, not its K x d means.
    EXPECT_FALSE(p.echo["data"].contains("means"));
    EXPECT_EQ(echo_keys(p.echo["data"]),
              (std::vector<std::string>{"kind", "preset", "components", "dim", "seed", "mean_scale",
                                        "var"}));
    expect_echo_round_trip(j);
  }
}

TEST(io_ConfigJsonFunnel, DimAndX1Var) {
  const json j = gmm_with("/data", {{"kind", "funnel"}, {"dim", 5}});
  const ParsedConfig p = parse_config(j);
  const auto* f = dynamic_cast<const Funnel*>(p.config.target.get());
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->dim(), 5);
  EXPECT_EQ(f->x1_var(), 1.0);
  EXPECT_EQ(echo_keys(p.echo["data"]), (std::vector<std::string>{"kind", "dim", "x1_var"}));
  expect_echo_round_trip(j);
  const json j9 = gmm_with("/data", {{"kind", "funnel"}, {"dim", 50}, {"x1_var", 9}});
  EXPECT_EQ(dynamic_cast<const Funnel&>(*parse_run_config(j9).target).x1_var(), 9.0);
  // score_error.direction has the data dimension.
  json jd = j;
  jd["score_error"] = {{"eps", 0.1}, {"direction", {0, 1, 0, 0, 0}}};
  EXPECT_EQ(parse_run_config(jd).score_error.direction.size(), 5);
}

TEST(io_ConfigJsonEngine, KeysAndDefaults) {
  json j = gmm_base();
  j["particles"] = 1000;
  j["threads"] = 2;
  j["sliced_directions"] = 50;
  j["sampler"] = "pc";
  j["corrector_steps"] = 3;
  j["corrector_scale"] = 0.5;
  j["seed"] = 9;
  const ParsedConfig p = parse_config(j);
  const ProblemOptions& o = p.config.options;
  EXPECT_EQ(o.particles, 1000);
  EXPECT_EQ(o.threads, 2);
  EXPECT_EQ(o.sliced_directions, 50);
  EXPECT_EQ(o.corrector_steps, 3);
  EXPECT_EQ(o.corrector_scale, 0.5);
  EXPECT_EQ(o.seed, 9u);
  EXPECT_EQ(p.config.scheme, Scheme::kPredictorCorrector);
  // The corrector keys are echoed for pc only.
  EXPECT_EQ(p.echo["corrector_steps"], 3);
  EXPECT_EQ(p.echo["corrector_scale"], 0.5);
  expect_echo_round_trip(j);
  j["sampler"] = "pf_ode";
  EXPECT_FALSE(parse_config(j).echo.contains("corrector_steps"));
  // corrector_steps 0 is allowed (pc without corrector is em).
  j["sampler"] = "pc";
  j["corrector_steps"] = 0;
  EXPECT_EQ(parse_run_config(j).options.corrector_steps, 0);
}

TEST(io_ConfigJsonEngine, GaussianEchoUnchangedOnTheExactEngine) {
  // The new keys are echoed only when they matter: the echo of a Gaussian configuration on
  // the exact engine is today's, byte for byte (tools/compare-with.sh compares it).
  const std::string today = parse_config(base()).echo.dump();
  json j = base();
  j["engine"] = "auto";
  j["particles"] = 500;  // read, but the exact engine does not use it
  j["threads"] = 1;
  EXPECT_EQ(parse_config(j).echo.dump(), today);
  EXPECT_EQ(echo_keys(parse_config(base()).echo),
            (std::vector<std::string>{"process", "data", "T", "steps", "sampler", "init",
                                      "score_error", "grid", "tv_samples"}));
  // An explicit engine is echoed.
  j["engine"] = "exact";
  EXPECT_EQ(parse_config(j).echo["engine"], "exact");
  EXPECT_FALSE(parse_config(j).echo.contains("particles"));
  // Gaussian data on the particle engine: the Gaussian data echo and the engine keys.
  j["engine"] = "particles";
  const ParsedConfig p = parse_config(j);
  EXPECT_EQ(p.config.engine(), Engine::kParticles);
  EXPECT_EQ(p.echo["data"], parse_config(base()).echo["data"]);
  EXPECT_EQ(p.echo["particles"], 500);
  EXPECT_FALSE(p.echo.contains("tv_samples"));
  // A sampler that needs particles selects them on Gaussian data too.
  const ParsedConfig pf = parse_config(with("/sampler", "pf_ode"));
  EXPECT_EQ(pf.config.engine(), Engine::kParticles);
  EXPECT_EQ(pf.echo["engine"], "particles");
}

TEST(io_ConfigJsonErrors, Gmm) {
  // Weights.
  io_test::expect_config_error(gmm_with("/data/weights", {0.4, 0.5}),
                               {"the sum of data.weights is 0.9", "1 within", "not renormalised"});
  io_test::expect_config_error(gmm_with("/data/weights", {-0.25, 1.25}),
                               {"data.weights[0] is -0.25", ">= 0"});
  io_test::expect_config_error(gmm_with("/data/weights", {1}),
                               {"the length of data.weights is 1", "2"});
  io_test::expect_config_error(gmm_with("/data/weights", {0.5, "x"}),
                               {"data.weights[1] is \"x\"", "number"});
  // Means: K = 0, wrong inner lengths, non-finite and huge entries, wrong types.
  io_test::expect_config_error(
      gmm_with("/data/means", json::array()),
      {"the number of components (the length of data.means) is 0", "[1, 10000]"});
  io_test::expect_config_error(
      gmm_with("/data/means", {{-1, 0}, {1, 0.5, 2}}),
      {"the length of data.means[1] is 3", "2 (the length of data.means[0])"});
  io_test::expect_config_error(gmm_with("/data/means", {json::array(), {1}}),
                               {"the length of data.means[0] is 0"});
  io_test::expect_config_error(gmm_with("/data/means", {{-1, kNaN}, {1, 0.5}}),
                               {"data.means[0][1] is nan"});
  io_test::expect_config_error(gmm_with("/data/means", {{-1, 1e308}, {1, 0.5}}),
                               {"data.means[0][1] is 1e+308", "[-1e+150, 1e+150]"});
  io_test::expect_config_error(gmm_with("/data/means", {1, 2}), {"data.means[0] is 1", "array"});
  io_test::expect_config_error(gmm_with("/data/means", 5), {"data.means is 5", "array"});
  io_test::expect_config_error(gmm_with("/data", {{"kind", "gmm"}, {"var", 1}}),
                               {"data.means", "missing"});
  // Covariances: var and covs, shapes, SPD.
  io_test::expect_config_error(gmm_with("/data/var", 0), {"data.var is 0", "> 0"});
  io_test::expect_config_error(gmm_with("/data/var", 1e200), {"data.var is 1e+200", "1e+150"});
  json j = gmm_base();
  j["data"]["covs"] = {{{1, 0}, {0, 1}}, {{1, 0}, {0, 1}}};
  io_test::expect_config_error(j, {"data.var", "given together with data.covs"});
  j["data"].erase("var");
  io_test::expect_config_error(with(j, json::json_pointer("/data/covs/1"), {{1, 2}, {2, 1}}),
                               {"smallest eigenvalue of data.covs[1]", "positive definite"});
  io_test::expect_config_error(with(j, json::json_pointer("/data/covs/0"), {{1, 0.5}, {0.4, 1}}),
                               {"data.covs[0][0][1] - data.covs[0][1][0]", "symmetric"});
  io_test::expect_config_error(with(j, json::json_pointer("/data/covs/0"), {{1, 0}, {0, -1}}),
                               {"data.covs[0][1][1] is -1", "variance"});
  io_test::expect_config_error(
      with(j, json::json_pointer("/data/covs/0"), {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
      {"the number of rows of data.covs[0] is 3", "2"});
  io_test::expect_config_error(with(j, json::json_pointer("/data/covs"), {{{1, 0}, {0, 1}}}),
                               {"the length of data.covs is 1", "2 (one covariance per component"});
  io_test::expect_config_error(with(j, json::json_pointer("/data"), without(j["data"], "covs")),
                               {"data.var", "missing"});
  // Unknown keys, dim and components that disagree, limits.
  io_test::expect_config_error(
      gmm_with("/data/mean", {0, 0}),
      {"unknown key data.mean; allowed keys for data kind gmm: kind, weights, means"});
  io_test::expect_config_error(gmm_with("/data/dim", 3),
                               {"data.dim is 3", "2 (the length of data.means[0])"});
  io_test::expect_config_error(gmm_with("/data/components", 3), {"data.components is 3", "2"});
  io_test::expect_config_error(gmm_with("/data/kind", "mixture"),
                               {"data.kind is \"mixture\"", "gmm"});
}

TEST(io_ConfigJsonErrors, GmmPresets) {
  const auto preset = [](json extra) {
    json d = {{"kind", "gmm"}};
    for (auto& [k, v] : extra.items()) d[k] = v;
    return gmm_with("/data", d);
  };
  io_test::expect_config_error(preset({{"preset", "ring"}}),
                               {"data.preset is \"ring\"", "symmetric_pair, grid25, random"});
  io_test::expect_config_error(
      preset({{"preset", "symmetric_pair"}, {"spacing", 1}}),
      {"unknown key data.spacing", "data preset symmetric_pair: kind, preset, a, var"});
  io_test::expect_config_error(preset({{"preset", "symmetric_pair"}, {"var", -1}}),
                               {"data.var is -1", "> 0"});
  io_test::expect_config_error(preset({{"preset", "symmetric_pair"}, {"a", kInf}}),
                               {"data.a is inf"});
  io_test::expect_config_error(preset({{"preset", "symmetric_pair"}, {"dim", 2}}),
                               {"data.dim is 2", "1"});
  io_test::expect_config_error(preset({{"preset", "grid25"}, {"spacing", 0}}),
                               {"data.spacing is 0", "> 0"});
  io_test::expect_config_error(preset({{"preset", "grid25"}, {"means", {{0, 0}}}}),
                               {"unknown key data.means"});
  io_test::expect_config_error(preset({{"preset", "random"}, {"dim", 2}}),
                               {"data.components", "missing"});
  io_test::expect_config_error(preset({{"preset", "random"}, {"components", 0}, {"dim", 2}}),
                               {"data.components is 0", "[1, 10000]"});
  io_test::expect_config_error(preset({{"preset", "random"}, {"components", 10001}, {"dim", 2}}),
                               {"data.components is 10001", "[1, 10000]"});
  io_test::expect_config_error(preset({{"preset", "random"}, {"components", 2}, {"dim", 10001}}),
                               {"data.dim is 10001", "[1, 10000]"});
  io_test::expect_config_error(
      preset({{"preset", "random"}, {"components", 10000}, {"dim", 10000}}),
      {"data.components x data.dim is 10000 x 10000 = 100000000", "<= 10000000"});
  io_test::expect_config_error(
      preset({{"preset", "random"}, {"components", 2}, {"dim", 2}, {"mean_scale", -1}}),
      {"data.mean_scale is -1", ">= 0"});
  io_test::expect_config_error(
      preset({{"preset", "random"}, {"components", 2}, {"dim", 2}, {"seed", -1}}),
      {"data.seed is -1"});
}

TEST(io_ConfigJsonErrors, Funnel) {
  const auto funnel = [](json extra) {
    json d = {{"kind", "funnel"}};
    for (auto& [k, v] : extra.items()) d[k] = v;
    return gmm_with("/data", d);
  };
  io_test::expect_config_error(funnel({}), {"data.dim", "missing"});
  io_test::expect_config_error(funnel({{"dim", 1}}), {"data.dim is 1", "[2, 10000]"});
  io_test::expect_config_error(funnel({{"dim", 1e9}}), {"data.dim is 1000000000", "[2, 10000]"});
  io_test::expect_config_error(funnel({{"dim", 2.5}}), {"data.dim is 2.5"});
  io_test::expect_config_error(funnel({{"dim", 3}, {"x1_var", 0}}),
                               {"data.x1_var is 0", "(0, 1000]"});
  io_test::expect_config_error(funnel({{"dim", 3}, {"x1_var", 1e4}}),
                               {"data.x1_var is 10000", "(0, 1000]"});
  io_test::expect_config_error(
      funnel({{"dim", 3}, {"mean", {0, 0, 0}}}),
      {"unknown key data.mean; allowed keys for data kind funnel: kind, dim, x1_var"});
}

TEST(io_ConfigJsonErrors, EngineKeys) {
  io_test::expect_config_error(gmm_with("/engine", "gpu"),
                               {"engine is \"gpu\"", "auto, exact, particles"});
  io_test::expect_config_error(gmm_with("/engine", 1), {"engine is 1", "a string"});
  io_test::expect_config_error(gmm_with("/particles", 1), {"particles is 1", "[2, 10000000]"});
  io_test::expect_config_error(gmm_with("/particles", 1e12),
                               {"particles is 1000000000000", "[2, 10000000]"});
  io_test::expect_config_error(gmm_with("/particles", 100.5), {"particles is 100.5"});
  {
    // particles x dim <= 2e8.
    json j = gmm_with("/data", {{"kind", "funnel"}, {"dim", 100}});
    j["particles"] = 10000000;
    io_test::expect_config_error(
        j, {"particles is 10000000", "at most 2000000 at data.dim = 100", "below 2 GB"});
  }
  io_test::expect_config_error(gmm_with("/threads", -1), {"threads is -1", "[0, 256]"});
  io_test::expect_config_error(gmm_with("/threads", 257), {"threads is 257", "[0, 256]"});
  io_test::expect_config_error(gmm_with("/sliced_directions", 0),
                               {"sliced_directions is 0", "[1, 10000]"});
  io_test::expect_config_error(gmm_with("/sliced_directions", 10001),
                               {"sliced_directions is 10001"});
  io_test::expect_config_error(gmm_with("/corrector_steps", 101),
                               {"corrector_steps is 101", "[0, 100]"});
  io_test::expect_config_error(gmm_with("/corrector_steps", -1), {"corrector_steps is -1"});
  io_test::expect_config_error(gmm_with("/corrector_scale", 0),
                               {"corrector_scale is 0", "(0, 1e6]"});
  io_test::expect_config_error(gmm_with("/corrector_scale", -2), {"corrector_scale is -2"});
  io_test::expect_config_error(gmm_with("/sampler", "rk4"), {"sampler is \"rk4\"", "pf_ode, pc"});
}

TEST(io_ConfigJsonErrors, EngineCrossFieldChecksAreOneLine) {
  // Problem::validate names the engine/scheme mismatches.
  io_test::expect_config_error(
      gmm_with("/engine", "exact"),
      {"scorebound: engine is exact", "particles or auto for data.kind gmm"});
  io_test::expect_config_error(
      gmm_with("/sampler", "continuous"),
      {"scorebound: sampler is continuous", "pf_ode or pc for the particle engine"});
  json pf = with("/sampler", "pf_ode");
  pf["engine"] = "exact";
  io_test::expect_config_error(
      pf, {"scorebound: engine is exact", "particles or auto for sampler pf_ode"});
  json fun = gmm_with("/data", {{"kind", "funnel"}, {"dim", 3}});
  fun["engine"] = "exact";
  io_test::expect_config_error(fun, {"engine is exact", "data.kind funnel"});
  // eir on a process without a stationary law, on the particle engine too.
  json ve = gmm_with("/process", {{"kind", "ve"}, {"sigma_min", 0.01}, {"sigma_max", 10}});
  ve["sampler"] = "eir";
  io_test::expect_config_error(ve, {"sampler", "eir"});
}

}  // namespace
}  // namespace sb
