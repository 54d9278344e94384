// `scorebound eval` on data on {0,1}^d (issue 10 item 6): the parser of data.kind hypercube,
// process.kind bitflip and the bit-flip samplers (src/sb/io/config_json.cpp), their echo, and
// the report of the exact output law (src/sb/io/report_json.cpp). Every error message the
// parser gives for these keys has a test that pins its key, value and allowed values; the laws
// are cross-checked against an independent two-state recursion (d = 1, closed-form 2 x 2 matrix
// exponential) on a non-uniform grid, and the metrics against their definitions.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "config_test_util.hpp"
#include "sb/core/check.hpp"
#include "sb/data/hypercube_law.hpp"
#include "sb/io/config_json.hpp"
#include "sb/io/report_json.hpp"
#include "sb/law/probability_vector.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/verify/evaluate.hpp"
#include "test_util.hpp"

// A namespace of its own: the tests of a folder are compiled as one unity source.
namespace sb::hypercube_config_test {
namespace {

using io_test::keys_of;

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

/// A valid configuration on {0,1}^2 to start every case from.
json cube() {
  return json::parse(R"({
    "process": {"kind": "bitflip", "rate": 1},
    "data": {"kind": "hypercube", "probs": [0.1, 0.2, 0.3, 0.4]},
    "T": 2, "steps": 10, "sampler": "frozen_rate"
  })");
}

json with(json j, const std::string& pointer, json value) {
  j[json::json_pointer(pointer)] = std::move(value);
  return j;
}
json with(const std::string& pointer, json value) {
  return with(cube(), pointer, std::move(value));
}
json with_data(json data) { return with("/data", std::move(data)); }
json without_key(json j, const std::string& key) {
  j.erase(key);
  return j;
}

/// A valid Gaussian configuration (for the errors of the bit-flip keys on R^d).
json gaussian() {
  return json::parse(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "mean": [0], "cov": [[1]]},
    "T": 1, "steps": 4, "sampler": "em"
  })");
}

Vec probs_of(const Problem& p) { return p.target->as_hypercube()->probs(); }

// ---------------------------------------------------------------------------------------------
// Accepted forms.

TEST(io_HypercubeConfig, ExplicitProbs) {
  const ParsedConfig parsed = parse_config(cube());
  const Problem& cfg = parsed.config;
  EXPECT_EQ(cfg.process, nullptr);
  ASSERT_NE(cfg.chain, nullptr);
  EXPECT_EQ(cfg.chain->rate(), 1.0);
  const HypercubeLaw* h = cfg.target->as_hypercube();
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h->bits(), 2);
  EXPECT_EQ(h->probs(), test::vec({0.1, 0.2, 0.3, 0.4}));
  EXPECT_EQ(cfg.scheme, Scheme::kFrozenRate);
  EXPECT_EQ(cfg.init, Init::kReference);
  EXPECT_TRUE(cfg.score_error.is_exact());
  EXPECT_EQ(cfg.grid.steps(), 10);
  EXPECT_EQ(cfg.T(), 2.0);
  EXPECT_EQ(cfg.engine(), Engine::kExact);

  const ojson& e = parsed.echo;
  EXPECT_EQ(keys_of(e), (std::vector<std::string>{"process", "data", "T", "steps", "sampler",
                                                  "init", "score_error", "grid"}));
  EXPECT_EQ(keys_of(e["process"]), (std::vector<std::string>{"kind", "describe", "rate"}));
  EXPECT_EQ(e["process"]["kind"], "bitflip");
  EXPECT_EQ(e["process"]["describe"], cfg.chain->describe());
  EXPECT_EQ(e["process"]["rate"], 1.0);
  EXPECT_EQ(keys_of(e["data"]), (std::vector<std::string>{"kind", "dim", "probs", "describe"}));
  EXPECT_EQ(e["data"]["dim"], 2);
  EXPECT_EQ(e["data"]["probs"], ojson::array({0.1, 0.2, 0.3, 0.4}));
  EXPECT_EQ(e["data"]["describe"], "explicit law on {0,1}^2");
  EXPECT_EQ(e["score_error"], (ojson{{"delta", 0.0}, {"eps", 0.0}}));
  EXPECT_EQ(e["grid"], "uniform");
  // A Problem built without the parser echoes the same (the explicit form has no preset).
  EXPECT_EQ(config_to_json(cfg), e);
}

TEST(io_HypercubeConfig, DimMayAccompanyProbs) {
  const Problem cfg = parse_run_config(with("/data/dim", 2));
  EXPECT_EQ(cfg.target->dim(), 2);
  const Problem one = parse_run_config(with_data({{"kind", "hypercube"}, {"probs", {0.25, 0.75}}}));
  EXPECT_EQ(one.target->dim(), 1);
}

TEST(io_HypercubeConfig, EveryPresetIsTheLibrarysLaw) {
  struct Case {
    json data;
    Vec expected;
    ojson params;  // echoed between preset and dim
  };
  const std::vector<Case> cases = {
      {{{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 3}},
       hypercube_uniform(3).probs(),
       ojson::object()},
      {{{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 3}, {"index", 5}},
       hypercube_point_mass(3, 5).probs(),
       {{"index", 5}}},
      {{{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 2}},  // index 0 by default
       hypercube_point_mass(2, 0).probs(),
       {{"index", 0}}},
      {{{"kind", "hypercube"}, {"preset", "product"}, {"p1", {0.2, 0.7, 1.0}}},
       hypercube_product(test::vec({0.2, 0.7, 1.0})).probs(),
       {{"p1", {0.2, 0.7, 1.0}}}},
      {{{"kind", "hypercube"}, {"preset", "product"}, {"p1", {0.5}}, {"dim", 1}},
       hypercube_product(test::vec({0.5})).probs(),
       {{"p1", {0.5}}}},
      {{{"kind", "hypercube"}, {"preset", "ising"}, {"dim", 4}, {"coupling", 0.8}, {"field", -0.3}},
       hypercube_ising(4, 0.8, -0.3).probs(),
       {{"coupling", 0.8}, {"field", -0.3}}},
      {{{"kind", "hypercube"}, {"preset", "ising"}, {"dim", 3}, {"coupling", -1}},  // field 0
       hypercube_ising(3, -1.0, 0.0).probs(),
       {{"coupling", -1.0}, {"field", 0.0}}},
      {{{"kind", "hypercube"},
        {"preset", "random"},
        {"dim", 5},
        {"seed", 11},
        {"concentration", 0.3}},
       hypercube_random(5, 11, 0.3).probs(),
       {{"seed", 11}, {"concentration", 0.3}}},
      {{{"kind", "hypercube"}, {"preset", "random"}, {"dim", 2}},  // seed 0, concentration 1
       hypercube_random(2, 0, 1.0).probs(),
       {{"seed", 0}, {"concentration", 1.0}}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.data.dump());
    const ParsedConfig parsed = parse_config(with_data(c.data));
    EXPECT_EQ(probs_of(parsed.config), c.expected);
    const ojson& d = parsed.echo["data"];
    ojson want;
    want["kind"] = "hypercube";
    want["preset"] = c.data["preset"];
    for (const auto& item : c.params.items()) want[item.key()] = item.value();
    want["dim"] = parsed.config.target->dim();
    want["probs"] = json_vector(c.expected);
    want["describe"] = parsed.config.target->describe();
    EXPECT_EQ(d, want);
  }
}

TEST(io_HypercubeConfig, EverySamplerAndExactIsContinuous) {
  const std::vector<std::pair<std::string, Scheme>> cases = {{"frozen_rate", Scheme::kFrozenRate},
                                                             {"euler", Scheme::kJumpEuler},
                                                             {"tau_leaping", Scheme::kTauLeaping},
                                                             {"exact", Scheme::kContinuous},
                                                             {"continuous", Scheme::kContinuous}};
  for (const auto& [name, scheme] : cases) {
    const ParsedConfig parsed = parse_config(with("/sampler", name));
    EXPECT_EQ(parsed.config.scheme, scheme) << name;
    EXPECT_EQ(parsed.echo["sampler"], to_string(scheme)) << name;  // normalised: continuous
  }
}

TEST(io_HypercubeConfig, InitScoreErrorAndEngine) {
  json j = cube();
  j["init"] = "p_T";
  j["score_error"] = {{"delta", -0.5}, {"eps", 0.25}};
  j["engine"] = "exact";
  const ParsedConfig parsed = parse_config(j);
  EXPECT_EQ(parsed.config.init, Init::kPT);
  EXPECT_EQ(parsed.config.score_error.delta, -0.5);
  EXPECT_EQ(parsed.config.score_error.eps, 0.25);
  EXPECT_EQ(parsed.echo["init"], "p_T");
  EXPECT_EQ(parsed.echo["score_error"], (ojson{{"delta", -0.5}, {"eps", 0.25}}));
  EXPECT_EQ(parsed.echo["engine"], "exact");  // given, so echoed (last, as for Gaussian data)
  EXPECT_EQ(keys_of(parsed.echo).back(), "engine");
  j["engine"] = "auto";
  EXPECT_FALSE(parse_config(j).echo.contains("engine"));
}

TEST(io_HypercubeConfig, ProbsAreEchoedInFullUpTo10000EntriesThenSummarised) {
  const ParsedConfig d13 =
      parse_config(with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 13}}));
  ASSERT_TRUE(d13.echo["data"]["probs"].is_array());
  EXPECT_EQ(d13.echo["data"]["probs"].size(), 8192u);

  const json j14 =
      with_data({{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 14}, {"index", 9}});
  const ojson s = parse_config(j14).echo["data"]["probs"];
  ASSERT_TRUE(s.is_object());
  EXPECT_EQ(keys_of(s), (std::vector<std::string>{"summary", "states", "support", "min", "max",
                                                  "argmax", "entropy"}));
  EXPECT_EQ(s["states"], 16384);
  EXPECT_EQ(s["support"], 1);
  EXPECT_EQ(s["min"], 0.0);
  EXPECT_EQ(s["max"], 1.0);
  EXPECT_EQ(s["argmax"], 9);
  EXPECT_EQ(s["entropy"], 0.0);
  // --full prints them.
  const ojson full = parse_config(j14, ReportOptions{true}).echo["data"]["probs"];
  ASSERT_TRUE(full.is_array());
  EXPECT_EQ(full.size(), 16384u);
  EXPECT_EQ(full[9], 1.0);
  // The uniform law's summary: entropy d log 2.
  const ojson u = json_probability_vector(hypercube_uniform(16).probs());
  EXPECT_EQ(u["support"], 65536);
  EXPECT_TRUE(test::near_rel(u["entropy"].get<double>(), 16 * std::log(2.0), 1e-10));
  EXPECT_EQ(u["argmax"], 0);
}

TEST(io_HypercubeConfig, HostileButValidEntries) {
  // A subnormal probability is a probability.
  const Problem sub =
      parse_run_config(with_data({{"kind", "hypercube"}, {"probs", {1.0, 1e-320}}}));
  EXPECT_EQ(probs_of(sub)(1), 1e-320);
  // 2^16 entries, the largest law.
  json big = json::array();
  for (int i = 0; i < 65536; ++i) big.push_back(1.0 / 65536.0);
  const Problem p16 = parse_run_config(with_data({{"kind", "hypercube"}, {"probs", big}}));
  EXPECT_EQ(p16.target->dim(), 16);
  // Integral floats for integer keys, as everywhere.
  const Problem f = parse_run_config(
      with_data({{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 3.0}, {"index", 7.0}}));
  EXPECT_EQ(probs_of(f)(7), 1.0);
}

// ---------------------------------------------------------------------------------------------
// The parsed problem is the library's problem: the same law as make_hypercube_problem, and on a
// non-uniform grid the same as an independent two-state recursion.

TEST(io_HypercubeConfig, ParsedProblemSolvesLikeMakeHypercubeProblem) {
  const auto data = std::make_shared<const HypercubeLaw>(hypercube_ising(3, 0.5, 0.1));
  for (const char* sampler : {"frozen_rate", "euler", "tau_leaping", "exact"}) {
    SCOPED_TRACE(sampler);
    json j = cube();
    j["data"] = {
        {"kind", "hypercube"}, {"preset", "ising"}, {"dim", 3}, {"coupling", 0.5}, {"field", 0.1}};
    j["process"]["rate"] = 0.7;
    j["T"] = 1.5;
    j["steps"] = 40;
    j["sampler"] = sampler;
    j["init"] = "p_T";
    j["score_error"] = {{"delta", 0.1}, {"eps", 0.02}};
    Outcome parsed = solve(parse_run_config(j));
    Outcome direct = solve(make_hypercube_problem(0.7, data, 1.5, 40, scheme_from_string(sampler),
                                                  0.1, 0.02, Init::kPT));
    ASSERT_TRUE(parsed.ok()) << parsed.result().message;
    ASSERT_TRUE(direct.ok());
    EXPECT_EQ(parsed.law().as_probability_vector()->probs(),
              direct.law().as_probability_vector()->probs());
  }
}

/// The law of a bit-flip sampler on {0,1}^1 computed independently: data (p0, p1), reverse
/// rates at the step's start τ_k, â = (1 + δ) λ μ_τ(1)/μ_τ(0) + ελ (0 → 1) and b̂ likewise
/// (1 → 0), and the one-step kernel in closed form.
Vec two_state_law(const std::string& sampler, double p1, double rate, double delta, double eps,
                  const std::vector<double>& s, bool init_pT) {
  const double T = s.back(), p0 = 1.0 - p1;
  const auto marginal = [&](double tau) {
    const double e = std::exp(-2.0 * rate * tau);
    const double stay = (1.0 + e) / 2.0, move = (1.0 - e) / 2.0;
    return std::pair{stay * p0 + move * p1, move * p0 + stay * p1};
  };
  double n0 = 0.5, n1 = 0.5;
  if (init_pT) std::tie(n0, n1) = marginal(T);
  for (std::size_t k = 0; k + 1 < s.size(); ++k) {
    const double h = s[k + 1] - s[k], tau = T - s[k];
    const auto [m0, m1] = marginal(tau);
    const double a = (1.0 + delta) * rate * m1 / m0 + eps * rate;
    const double b = (1.0 + delta) * rate * m0 / m1 + eps * rate;
    double P01 = 0, P10 = 0;  // the probabilities of leaving 0 and 1 during the step
    if (sampler == "frozen_rate") {
      const double E = std::exp(-(a + b) * h);
      P01 = a * (1.0 - E) / (a + b);
      P10 = b * (1.0 - E) / (a + b);
    } else if (sampler == "euler") {
      P01 = h * a;
      P10 = h * b;
    } else {  // tau_leaping: one bit flips with probability 1 − e^{−h q}
      P01 = 1.0 - std::exp(-h * a);
      P10 = 1.0 - std::exp(-h * b);
    }
    const double next0 = n0 * (1.0 - P01) + n1 * P10;
    n1 = n0 * P01 + n1 * (1.0 - P10);
    n0 = next0;
  }
  return test::vec({n0, n1});
}

TEST(io_HypercubeConfig, NonUniformGridMatchesAnIndependentTwoStateRecursion) {
  const std::vector<double> s = {0.0, 0.4, 1.0, 1.3, 1.45, 1.5};
  for (const char* sampler : {"frozen_rate", "euler", "tau_leaping"}) {
    for (bool pT : {false, true}) {
      SCOPED_TRACE(std::string(sampler) + (pT ? " p_T" : " reference"));
      json j = cube();
      j.erase("T");
      j.erase("steps");
      j["grid"] = s;
      j["data"] = {{"kind", "hypercube"}, {"probs", {0.3, 0.7}}};
      j["process"]["rate"] = 0.8;
      j["sampler"] = sampler;
      j["init"] = pT ? "p_T" : "reference";
      j["score_error"] = {{"delta", 0.2}, {"eps", 0.05}};
      const ParsedConfig parsed = parse_config(j);
      EXPECT_FALSE(parsed.config.grid.is_uniform());
      ASSERT_EQ(parsed.echo["grid"].size(), s.size());
      for (std::size_t k = 0; k < s.size(); ++k)
        EXPECT_NEAR(parsed.echo["grid"][k].get<double>(), s[k], 1e-15) << k;
      Outcome out = solve(parsed.config);
      ASSERT_TRUE(out.ok()) << out.result().message;
      const Vec law = out.law().as_probability_vector()->probs();
      const Vec ref = two_state_law(sampler, 0.7, 0.8, 0.2, 0.05, s, pT);
      for (int i = 0; i < 2; ++i) EXPECT_TRUE(test::near_rel(law(i), ref(i), 1e-13)) << i;
    }
  }
}

TEST(io_HypercubeConfig, GridGivenAsPointsEqualsTheUniformGrid) {
  json j = cube();
  j.erase("steps");
  j.erase("T");
  j["grid"] = {0.0, 0.5, 1.0, 1.5, 2.0};
  Outcome a = solve(parse_run_config(j));
  Outcome b = solve(parse_run_config(with("/steps", 4)));
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  const Vec& pa = a.law().as_probability_vector()->probs();
  const Vec& pb = b.law().as_probability_vector()->probs();
  for (Eigen::Index i = 0; i < 4; ++i) EXPECT_TRUE(test::near_rel(pa(i), pb(i), 1e-14)) << i;
}

// ---------------------------------------------------------------------------------------------
// Errors: data.

TEST(io_HypercubeConfigError, UnknownDataKindListsHypercube) {
  io_test::expect_config_error(
      with("/data/kind", "cube"),
      {"data.kind is \"cube\"", "one of gaussian, gmm, funnel, hypercube"});
}

TEST(io_HypercubeConfigError, ProbsLengthNotAPowerOfTwo) {
  io_test::expect_config_error(
      with("/data/probs", {0.2, 0.3, 0.5}),
      {"the length of data.probs is 3, but must be 2^d with 1 <= d <= 16: 2, 4, 8, ..., "
       "65536 (one probability per state of {0,1}^d; a law on {0,1}^d has 2^d states"});
  io_test::expect_config_error(with("/data/probs", {1.0}),
                               {"the length of data.probs is 1, but must be 2^d"});
  io_test::expect_config_error(with("/data/probs", json::array()),
                               {"the length of data.probs is 0, but must be 2^d"});
}

TEST(io_HypercubeConfigError, ProbsLengthAbove2To16SaysWhy) {
  const json j = with("/data/probs", json(std::vector<double>(131072, 1.0 / 131072.0)));
  io_test::expect_config_error(
      j, {"the length of data.probs is 131072, but must be 2^d with 1 <= d <= 16",
          "every sampler step applies the reverse generator, O(d 2^d), dozens of times"});
}

TEST(io_HypercubeConfigError, ProbsLengthMismatchedWithDim) {
  io_test::expect_config_error(
      with("/data/dim", 3),
      {"the length of data.probs is 4, but must be 8 (2^data.dim, data.dim = 3)"});
}

TEST(io_HypercubeConfigError, DimAbove16SaysWhy) {
  io_test::expect_config_error(
      with("/data/dim", 20),
      {"data.dim is 20, but must be an integer in [1, 16] (a law on {0,1}^d has 2^d "
       "states, and every sampler step applies the reverse generator, O(d 2^d), dozens "
       "of times)"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 17}}),
      {"data.dim is 17, but must be an integer in [1, 16]"});
}

TEST(io_HypercubeConfigError, DimNotAnIntegerInRange) {
  for (const json& bad : {json(0), json(-3), json(2.5), json("3"), json(1e300), json(nullptr)})
    io_test::expect_config_error(
        with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", bad}}),
        {"data.dim is " + (bad.is_number_float() ? format_value(bad.get<double>()) : bad.dump()),
         "but must be an integer in [1, 16]"});
}

TEST(io_HypercubeConfigError, PresetDimMissing) {
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "random"}}),
      {"data.dim is missing, but must be given (an integer in [1, 16], the number of "
       "bits)"});
}

TEST(io_HypercubeConfigError, NegativeProbability) {
  io_test::expect_config_error(with("/data/probs", {0.5, -0.5, 0.5, 0.5}),
                               {"data.probs[1] is -0.5, but must be >= 0 (a probability)"});
  io_test::expect_config_error(with("/data/probs", {-0.0 - 1e-320, 1.0}),
                               {"data.probs[0] is -1e-320, but must be >= 0"});
}

TEST(io_HypercubeConfigError, ProbabilityNotANumber) {
  io_test::expect_config_error(with("/data/probs", {"0.5", "0.5"}),
                               {"data.probs[0] is \"0.5\", but must be a number"});
  io_test::expect_config_error(with("/data/probs", {{0.5}, {0.5}}),
                               {"data.probs[0] is [0.5], but must be a number"});
  io_test::expect_config_error(with("/data/probs", {0.5, nullptr}),
                               {"data.probs[1] is null, but must be a number"});
  io_test::expect_config_error(with("/data/probs", {0.5, true}),
                               {"data.probs[1] is true, but must be a number"});
}

TEST(io_HypercubeConfigError, ProbsNotAnArray) {
  io_test::expect_config_error(
      with("/data/probs", "abc"),
      {"data.probs is \"abc\", but must be an array of 2^d numbers (the probabilities of "
       "the states of {0,1}^d)"});
  io_test::expect_config_error(with("/data/probs", {{"0", 1}}),
                               {"data.probs is {\"0\":1}, but must be an array"});
}

TEST(io_HypercubeConfigError, SumNotOne) {
  io_test::expect_config_error(
      with("/data/probs", {0.1, 0.2, 0.3, 0.3}),
      {"the sum of data.probs is 0.9, but must be 1 within 1e-9 (the probabilities of "
       "the 2^d states; they are divided by their sum, never renormalised beyond that)"});
  // 1 + 2e-9 is outside, 1 + 5e-10 inside the tolerance.
  io_test::expect_config_error(with("/data/probs", {0.5, 0.5 + 2e-9}),
                               {"the sum of data.probs is 1.000000002"});
  EXPECT_NO_THROW(parse_run_config(with("/data/probs", {0.5, 0.5 + 5e-10})));
}

TEST(io_HypercubeConfigError, HugeProbabilities) {
  io_test::expect_config_error(with("/data/probs", {1e308, 0.0}),
                               {"the sum of data.probs is 1e+308, but must be 1 within 1e-9"});
  io_test::expect_config_error(with("/data/probs", {1e308, 1e308}),  // the sum overflows
                               {"the sum of data.probs is inf, but must be 1 within 1e-9"});
}

TEST(io_HypercubeConfigError, OverflowingAndDuplicateProbsInText) {
  // The reader names the entry of a number beyond the double range, and a key given twice.
  try {
    (void)parse_json_text(R"({"data": {"kind": "hypercube", "probs": [0.5, 1e999]}})");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("data.probs[1] is 1e999, but must be finite"),
              std::string::npos)
        << e.what();
  }
  try {
    (void)parse_json_text(R"({"data": {"kind": "hypercube", "probs": [1, 0], "probs": [0, 1]}})");
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("data.probs is given twice"), std::string::npos)
        << e.what();
  }
}

TEST(io_HypercubeConfigError, ProbsMissing) {
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}}),
      {"data.probs is missing, but must be given (an array of 2^d numbers; or give "
       "preset and dim)"});
}

TEST(io_HypercubeConfigError, PresetAndProbsTogether) {
  io_test::expect_config_error(
      with("/data/preset", "uniform"),
      {"data.probs is given together with data.preset, but must be given alone (either "
       "probs, or preset and its parameters)"});
}

TEST(io_HypercubeConfigError, UnknownPreset) {
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "gibbs"}, {"dim", 2}}),
      {"data.preset is \"gibbs\", but must be one of uniform, point_mass, product, "
       "ising, random"});
  io_test::expect_config_error(with_data({{"kind", "hypercube"}, {"preset", 3}, {"dim", 2}}),
                               {"data.preset is 3, but must be a string: one of uniform"});
}

TEST(io_HypercubeConfigError, UnknownDataKeys) {
  io_test::expect_config_error(
      with("/data/mean", {0, 0}),
      {"unknown key data.mean; allowed keys for data kind hypercube: kind, probs, dim"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 2}, {"p1", 1}}),
      {"unknown key data.p1; allowed keys for data preset uniform: kind, preset, dim"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 2}, {"seed", 1}}),
      {"unknown key data.seed; allowed keys for data preset point_mass: kind, preset, dim, index"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "ising"}, {"coupling", 1}, {"J", 1}}),
      {"unknown key data.J; allowed keys for data preset ising: kind, preset, dim, coupling, "
       "field"});
}

TEST(io_HypercubeConfigError, PointMassIndexOutOfRange) {
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 3}, {"index", 8}}),
      {"data.index is 8, but must be an integer in [0, 7]"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 3}, {"index", -1}}),
      {"data.index is -1, but must be an integer in [0, 7]"});
}

TEST(io_HypercubeConfigError, ProductP1) {
  const auto product = [](json p1) {
    return with_data({{"kind", "hypercube"}, {"preset", "product"}, {"p1", std::move(p1)}});
  };
  io_test::expect_config_error(
      product({0.5, 1.5}),
      {"data.p1[1] is 1.5, but must be in [0, 1] (the probability that bit l is 1)"});
  io_test::expect_config_error(product({0.5, -0.1}), {"data.p1[1] is -0.1, but must be in [0, 1]"});
  io_test::expect_config_error(product({0.5, "x"}), {"data.p1[1] is \"x\", but must be a number"});
  io_test::expect_config_error(product(json::array()),
                               {"the length of data.p1 is 0, but must be in [1, 16]"});
  io_test::expect_config_error(
      product(std::vector<double>(17, 0.5)),
      {"the length of data.p1 is 17, but must be in [1, 16] (the number of bits; a law "
       "on {0,1}^d has 2^d states"});
  io_test::expect_config_error(product(0.5),
                               {"data.p1 is 0.5, but must be an array of d numbers in [0, 1]"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "product"}, {"dim", 2}}),
      {"data.p1 is missing, but must be given"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "product"}, {"p1", {0.5, 0.5}}, {"dim", 3}}),
      {"data.dim is 3, but must be 2 (the length of data.p1), or omitted"});
}

TEST(io_HypercubeConfigError, IsingParameters) {
  const auto ising = [](json coupling, json field) {
    json d = {{"kind", "hypercube"}, {"preset", "ising"}, {"dim", 4}, {"coupling", coupling}};
    if (!field.is_null()) d["field"] = std::move(field);
    return with_data(std::move(d));
  };
  io_test::expect_config_error(
      ising(51, nullptr),
      {"data.coupling is 51, but must be in [-50, 50] (the exponents of the Ising "
       "weights stay in the double range)"});
  io_test::expect_config_error(ising(1, -1e300),
                               {"data.field is -1e+300, but must be in [-50, 50]"});
  io_test::expect_config_error(
      with_data({{"kind", "hypercube"}, {"preset", "ising"}, {"dim", 4}}),
      {"data.coupling is missing, but must be given (a number in [-50, 50], J)"});
}

TEST(io_HypercubeConfigError, RandomParameters) {
  const auto random = [](const std::string& key, json v) {
    return with_data({{"kind", "hypercube"}, {"preset", "random"}, {"dim", 3}, {key, v}});
  };
  io_test::expect_config_error(
      random("concentration", 0.01),
      {"data.concentration is 0.01, but must be in [0.05, 1000000] (the Dirichlet "
       "parameter; below 0.05 its Gamma draws U^(1/a) underflow to 0)"});
  io_test::expect_config_error(
      random("seed", -1), {"data.seed is -1, but must be an integer in [0, 18446744073709551615]"});
}

// ---------------------------------------------------------------------------------------------
// Errors: process, sampler, score error, engine keys.

TEST(io_HypercubeConfigError, LinearProcessOnHypercubeData) {
  io_test::expect_config_error(
      with("/process", {{"kind", "ou"}}),
      {"process.kind is \"ou\", but must be bitflip for data.kind hypercube (a law on "
       "{0,1}^d is noised by the bit-flip chain; the other kinds are linear SDEs on R^d)"});
  io_test::expect_config_error(with("/process", {{"rate", 1}}),
                               {"process.kind is missing, but must be given (bitflip)"});
}

TEST(io_HypercubeConfigError, BitflipOnDataOnRd) {
  io_test::expect_config_error(
      with(gaussian(), "/process", {{"kind", "bitflip"}, {"rate", 1}}),
      {"process.kind is \"bitflip\", but must be one of ou, ou_general, ve, ve_brownian, "
       "vp, subvp, cou, cvp, ou_schedule, cld for data.kind gaussian (bitflip, the bit-flip "
       "chain, noises data.kind hypercube, a law on {0,1}^d)"});
  json gmm = gaussian();
  gmm["data"] = {{"kind", "gmm"}, {"preset", "symmetric_pair"}};
  gmm["process"] = {{"kind", "bitflip"}, {"rate", 1}};
  io_test::expect_config_error(gmm, {"process.kind is \"bitflip\"", "for data.kind gmm"});
}

TEST(io_HypercubeConfigError, Rate) {
  for (const json& bad : {json(0), json(-1), json(-1e-300)})
    io_test::expect_config_error(with("/process/rate", bad),
                                 {"process.rate is", "but must be > 0"});
  io_test::expect_config_error(with("/process/rate", "1"),
                               {"process.rate is \"1\", but must be a number"});
  io_test::expect_config_error(
      with("/process", {{"kind", "bitflip"}}),
      {"process.rate is missing, but must be given (a number > 0, the flip rate of "
       "every bit)"});
  io_test::expect_config_error(
      with("/process/theta", 1),
      {"unknown key process.theta; allowed keys for process kind bitflip: kind, rate"});
}

TEST(io_HypercubeConfigError, LinearSamplerOnHypercubeData) {
  for (const char* s : {"em", "ei", "eir", "pf_ode", "pc"})
    io_test::expect_config_error(
        with("/sampler", s),
        {std::string("sampler is \"") + s +
         "\", but must be one of frozen_rate, euler, tau_leaping, exact (also named "
         "continuous) for data.kind hypercube (" +
         s + " discretises a linear SDE on R^d"});
  io_test::expect_config_error(
      with("/sampler", "gillespie"),
      {"sampler is \"gillespie\", but must be one of frozen_rate, euler, tau_leaping, "
       "exact (also named continuous)"});
  io_test::expect_config_error(
      without_key(cube(), "sampler"),
      {"sampler is missing, but must be given (one of frozen_rate, euler, tau_leaping, "
       "exact (also named continuous))"});
}

TEST(io_HypercubeConfigError, JumpSamplerOnDataOnRd) {
  for (const char* s : {"frozen_rate", "euler", "tau_leaping"})
    io_test::expect_config_error(
        with(gaussian(), "/sampler", s),
        {std::string("sampler is \"") + s +
         "\", but must be one of em, ei, eir, continuous, pf_ode, pc for data.kind "
         "gaussian (" +
         s +
         " samples the bit-flip chain on {0,1}^d: data.kind "
         "hypercube)"});
  io_test::expect_config_error(
      with(gaussian(), "/sampler", "exact"),
      {"sampler is \"exact\", but must be one of em, ei, eir, continuous, pf_ode, pc for "
       "data.kind gaussian (exact is the bit-flip chain's name for its continuous-time "
       "sampler; on a linear SDE it is continuous)"});
}

TEST(io_HypercubeConfigError, ScoreErrorKeysOfDataOnRd) {
  for (const auto& [key, value] : std::vector<std::pair<std::string, json>>{{"direction", {1, 0}},
                                                                            {"field", "random"},
                                                                            {"features", 8},
                                                                            {"length_scale", 0.5},
                                                                            {"field_seed", 3}})
    io_test::expect_config_error(
        with("/score_error", {{key, value}}),
        {"score_error." + key + " is " + value.dump(),
         "but must be absent for data.kind hypercube (the score error of the bit-flip "
         "chain acts on its reverse rates, (1 + delta) q + eps rate, the same on every "
         "bit: only delta and eps apply)"});
  io_test::expect_config_error(with("/score_error", {{"zeta", 1}}),
                               {"unknown key score_error.zeta"});
}

TEST(io_HypercubeConfigError, DeltaAndEps) {
  io_test::expect_config_error(with("/score_error", {{"delta", -1}}),
                               {"score_error.delta is -1, but must be > -1"});
  io_test::expect_config_error(with("/score_error", {{"eps", -0.1}}),
                               {"score_error.eps is -0.1, but must be >= 0"});
}

TEST(io_HypercubeConfigError, KeysOfOtherEnginesDoNotApply) {
  const std::vector<std::pair<std::string, json>> cases = {{"seed", 3},
                                                           {"tv_samples", 5000},
                                                           {"particles", 100},
                                                           {"threads", 2},
                                                           {"sliced_directions", 10},
                                                           {"corrector_steps", 1},
                                                           {"corrector_scale", 1},
                                                           {"grid_points", 101},
                                                           {"grid_half_width", 5}};
  for (const auto& [key, value] : cases)
    io_test::expect_config_error(
        with("/" + key, value),
        {key + " is " + value.dump() + ", but must be absent for data.kind hypercube ("});
  io_test::expect_config_error(with("/seed", 3),
                               {"nothing in the bit-flip engine is random; data.seed seeds the "
                                "random preset"});
  io_test::expect_config_error(with("/tv_samples", 5000),
                               {"the bit-flip engine computes TV exactly"});
  io_test::expect_config_error(with("/particles", 100),
                               {"an option of the particle and grid engines"});
}

TEST(io_HypercubeConfigError, EngineOtherThanExact) {
  for (const char* e : {"particles", "grid"})
    io_test::expect_config_error(
        with("/engine", e), {std::string("engine is \"") + e +
                             "\", but must be auto or exact for data.kind hypercube (its laws are "
                             "probability vectors, computed exactly by the bit-flip engine)"});
  io_test::expect_config_error(
      with("/engine", "gpu"),
      {"engine is \"gpu\", but must be one of auto, exact, particles, grid"});
}

TEST(io_HypercubeConfigError, TauLeapingAbove12Bits) {
  json j = with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 13}});
  j["sampler"] = "tau_leaping";
  j["steps"] = 2;
  io_test::expect_config_error(j, {"data.dim is 13, but must be <= 12 for tau_leaping"});
}

TEST(io_HypercubeConfigError, ExactSamplerWithRateErrorNeedsFullSupport) {
  json j = with_data({{"kind", "hypercube"}, {"preset", "point_mass"}, {"dim", 2}});
  j["sampler"] = "exact";
  EXPECT_NO_THROW(parse_run_config(j));  // the exact score: closed form for any data
  j["score_error"] = {{"eps", 0.1}};
  io_test::expect_config_error(
      j, {"sampler is exact, but must be frozen_rate, euler or tau_leaping for a score "
          "error on data without full support"});
}

TEST(io_HypercubeConfigError, WorkLimit) {
  // d = 16, 10^5 frozen_rate steps: 16·2^16·(10^5 + 16·(10^5 + 1)) + 200·10^5 > 3e10.
  json j = with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 16}});
  j["steps"] = 100000;
  io_test::expect_config_error(
      j, {"the work of sampler frozen_rate, d 2^d (steps + d (1 + delta + eps)(steps + "
          "rate T)) + 200 steps with d = 16, steps = 100000, rate T = 2, delta = 0, "
          "eps = 0, is 1782632754432",
          "but must be <= 30000000000 (updates of one state and bit by the reverse "
          "generator"});
  // Hostile rates, horizons and errors are rejected before anything runs.
  io_test::expect_config_error(with("/process/rate", 1e300),
                               {"the work of sampler frozen_rate", "rate T = 2e+300"});
  io_test::expect_config_error(with("/T", 1e300),
                               {"the work of sampler frozen_rate", "rate T = 1e+300"});
  io_test::expect_config_error(with("/score_error", {{"delta", 1e300}}),
                               {"the work of sampler frozen_rate", "delta = 1e+300"});
  io_test::expect_config_error(with("/score_error", {{"eps", 1e300}}),
                               {"the work of sampler frozen_rate", "eps = 1e+300"});
  // euler, tau_leaping and exact have their own bounds; exact with the exact score has none.
  json e = with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 16}});
  e["sampler"] = "euler";
  e["steps"] = 100000;
  io_test::expect_config_error(e, {"the work of sampler euler, d 2^d (2 steps) + 200 steps"});
  json t = with_data({{"kind", "hypercube"}, {"preset", "uniform"}, {"dim", 12}});
  t["sampler"] = "tau_leaping";
  t["steps"] = 5000;
  io_test::expect_config_error(
      t, {"the work of sampler tau_leaping, d 2^d (steps 2^d / 16) + 200 steps"});
  json c = with_data({{"kind", "hypercube"}, {"preset", "random"}, {"dim", 16}});
  c["sampler"] = "exact";
  c["T"] = 200;
  EXPECT_NO_THROW(parse_run_config(c));  // the exact score: closed form, no bound
  c["score_error"] = {{"delta", 0.1}};
  // 16·2^16·(24576 + 9·16·1.1·209) ≈ 6.0e10 > 3e10.
  io_test::expect_config_error(
      c, {"the work of sampler continuous, d 2^d (3 2^13 + 9 d (1 + delta + eps)(rate "
          "T + 9)) with d = 16"});
  c["T"] = 1;  // 2^20·(24576 + 9·16·1.1·10) ≈ 2.7e10: allowed
  EXPECT_NO_THROW(parse_run_config(c));
}

// ---------------------------------------------------------------------------------------------
// The report.

TEST(io_HypercubeReport, OutputAndMetricsAreTheExactLawsDistances) {
  json j = cube();
  j["score_error"] = {{"delta", 0.1}, {"eps", 0.05}};
  const ParsedConfig parsed = parse_config(j);
  Evaluation ev = evaluate(parsed.config);
  ASSERT_TRUE(ev.metrics_ok) << ev.message;
  const ojson r = evaluation_to_json(parsed, ev);
  EXPECT_EQ(keys_of(r), (std::vector<std::string>{"scorebound", "seed", "config", "status",
                                                  "output", "metrics", "bounds"}));
  EXPECT_EQ(r["status"], "ok");
  EXPECT_EQ(r["config"], parsed.echo);
  EXPECT_EQ(keys_of(r["output"]), (std::vector<std::string>{"mean", "probs"}));
  const Vec q = ev.outcome.law().as_probability_vector()->probs();
  ASSERT_EQ(r["output"]["probs"].size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(r["output"]["probs"][i], q(i));
  // The mean of each bit: state index Σ_l x_l 2^{l−1}, so bit 1 is set at 1, 3 and bit 2 at 2, 3.
  EXPECT_TRUE(test::near_rel(r["output"]["mean"][0].get<double>(), q(1) + q(3), 1e-15));
  EXPECT_TRUE(test::near_rel(r["output"]["mean"][1].get<double>(), q(2) + q(3), 1e-15));
  EXPECT_TRUE(test::near_rel(q.sum(), 1.0, 1e-14));

  // The metrics against their definitions.
  const Vec p = test::vec({0.1, 0.2, 0.3, 0.4});
  double kl_pq = 0, kl_qp = 0, h2 = 0, tv = 0;
  for (int i = 0; i < 4; ++i) {
    kl_pq += p(i) * std::log(p(i) / q(i));
    kl_qp += q(i) * std::log(q(i) / p(i));
    h2 += 0.5 * std::pow(std::sqrt(p(i)) - std::sqrt(q(i)), 2);
    tv += 0.5 * std::abs(p(i) - q(i));
  }
  const ojson& m = r["metrics"];
  EXPECT_EQ(keys_of(m), (std::vector<std::string>{"kl_data_model", "kl_model_data", "hellinger2",
                                                  "tv", "w1_hamming"}));
  // W1 for the Hamming metric lies between TV and d·TV (every unit of mass moves 1 or 2 flips).
  EXPECT_GE(m["w1_hamming"].get<double>(), tv - 1e-15);
  EXPECT_LE(m["w1_hamming"].get<double>(), 2 * tv + 1e-15);
  EXPECT_TRUE(test::near_rel(m["kl_data_model"].get<double>(), kl_pq, 1e-12));
  EXPECT_TRUE(test::near_rel(m["kl_model_data"].get<double>(), kl_qp, 1e-12));
  EXPECT_TRUE(test::near_rel(m["hellinger2"].get<double>(), h2, 1e-12));
  EXPECT_TRUE(test::near_rel(m["tv"].get<double>(), tv, 1e-12));
  EXPECT_GT(tv, 1e-3);  // the rate error is visible
  EXPECT_TRUE(r["bounds"].is_object());
}

TEST(io_HypercubeReport, EulerStepThatIsNoKernelIsReportedNotApplied) {
  // 4 steps of h = 0.5 on {0,1}^2 at rate 1: h·max exit rate > 1 at the last step.
  json j = with("/sampler", "euler");
  j["steps"] = 4;
  const ParsedConfig parsed = parse_config(j);
  Evaluation ev = evaluate(parsed.config);
  ASSERT_FALSE(ev.metrics_ok);
  const ojson r = evaluation_to_json(parsed, ev);
  EXPECT_EQ(r["status"], "diverged");
  const std::string msg = r["message"];
  EXPECT_NE(msg.find("is not a Markov kernel"), std::string::npos) << msg;
  EXPECT_NE(msg.find("euler step"), std::string::npos) << msg;
  EXPECT_TRUE(r["output"].is_null());
  EXPECT_TRUE(r["metrics"].is_null());
  EXPECT_TRUE(r["bounds"].empty());
  const std::string text = r.dump();
  for (const char* bad : {"nan", "NaN", "inf", "Inf"})
    EXPECT_EQ(text.find(std::string(":") + bad), std::string::npos) << text;
  // With enough steps it is a kernel at every step.
  Evaluation fine = evaluate(parse_run_config(with(j, "/steps", 40)));
  EXPECT_TRUE(fine.metrics_ok) << fine.message;
}

TEST(io_HypercubeReport, LargeOutputLawIsSummarisedUnlessFull) {
  json j = with_data({{"kind", "hypercube"}, {"preset", "random"}, {"dim", 14}, {"seed", 2}});
  j["sampler"] = "exact";
  j["init"] = "p_T";
  const ParsedConfig parsed = parse_config(j);
  Evaluation ev = evaluate(parsed.config);
  ASSERT_TRUE(ev.metrics_ok) << ev.message;
  const ojson r = evaluation_to_json(parsed, ev);
  ASSERT_TRUE(r["output"]["probs"].is_object());
  EXPECT_EQ(r["output"]["probs"]["states"], 16384);
  EXPECT_EQ(r["output"]["mean"].size(), 14u);
  // The exact sampler from p_T with the exact score returns the data law.
  EXPECT_LT(r["metrics"]["tv"].get<double>(), 1e-12);
  const ojson full =
      evaluation_to_json(parse_config(j, ReportOptions{true}), ev, ReportOptions{true});
  ASSERT_TRUE(full["output"]["probs"].is_array());
  EXPECT_EQ(full["output"]["probs"].size(), 16384u);
}

TEST(io_HypercubeReport, ConfigToJsonOfAProblemBuiltWithoutTheParser) {
  const auto data = std::make_shared<const HypercubeLaw>(hypercube_product(test::vec({0.3, 0.9})));
  const Problem p = make_hypercube_problem(0.5, data, 1.0, 8, Scheme::kTauLeaping, 0.0, 0.1);
  const ojson e = config_to_json(p);
  EXPECT_EQ(e["process"],
            (ojson{{"kind", "bitflip"}, {"describe", p.chain->describe()}, {"rate", 0.5}}));
  EXPECT_EQ(keys_of(e["data"]), (std::vector<std::string>{"kind", "dim", "probs", "describe"}));
  EXPECT_EQ(e["data"]["describe"], data->describe());
  EXPECT_EQ(e["sampler"], "tau_leaping");
  EXPECT_EQ(e["score_error"], (ojson{{"delta", 0.0}, {"eps", 0.1}}));
  EXPECT_FALSE(e.contains("tv_samples"));
}

}  // namespace
}  // namespace sb::hypercube_config_test
