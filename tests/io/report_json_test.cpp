// The JSON report of `scorebound eval` (src/sb/io/report_json.hpp): non-finite numbers become
// null, the keys are present and in order, and a diverged configuration prints no NaN/Inf.
#include "sb/io/report_json.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <regex>
#include <string>
#include <vector>

#include "sb/io/config_json.hpp"
#include "sb/law/particle_cloud.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::kInf;
using test::kNaN;

using ojson = nlohmann::ordered_json;

/// Every number in `j` is finite (nlohmann stores NaN/Inf as floats and dumps them as null,
/// so this checks the values themselves, not only the text).
void expect_all_finite(const ojson& j, const std::string& path = "") {
  if (j.is_number_float()) {
    EXPECT_TRUE(std::isfinite(j.get<double>())) << path;
  } else if (j.is_object()) {
    for (const auto& item : j.items()) expect_all_finite(item.value(), path + "." + item.key());
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i)
      expect_all_finite(j[i], path + "[" + std::to_string(i) + "]");
  }
}

/// No bare nan/inf token where a JSON value stands.
void expect_no_nonfinite_text(const std::string& text) {
  static const std::regex bad(R"([:\[,]\s*-?(nan|NaN|inf|Inf|Infinity)\b)");
  EXPECT_FALSE(std::regex_search(text, bad)) << text;
}

std::vector<std::string> keys_of(const ojson& j) {
  std::vector<std::string> k;
  for (const auto& item : j.items()) k.push_back(item.key());
  return k;
}

Problem example_config() {
  return parse_run_config(nlohmann::json::parse(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "mean": [1, -1], "cov": [[2, 0.5], [0.5, 1]]},
    "T": 2, "steps": 20, "sampler": "eir",
    "score_error": {"eps": 0.1, "direction": [1, 0]}
  })"));
}

TEST(io_ReportJson, JsonNumberMapsNonFiniteToNull) {
  EXPECT_TRUE(json_number(kNaN).is_null());
  EXPECT_TRUE(json_number(kInf).is_null());
  EXPECT_TRUE(json_number(-kInf).is_null());
  EXPECT_EQ(json_number(1.5), 1.5);
  EXPECT_EQ(json_number(0.0), 0.0);
  // -0 (a distance computed as the negative of a zero) is printed 0.
  EXPECT_EQ(json_number(-0.0).dump(), "0.0");
  EXPECT_FALSE(std::signbit(json_number(-0.0).get<double>()));
  EXPECT_EQ(json_number(-1e-300), -1e-300);
  EXPECT_EQ(json_number(std::numeric_limits<double>::max()), std::numeric_limits<double>::max());
  Vec v(3);
  v << 1.0, kNaN, kInf;
  EXPECT_EQ(json_vector(v).dump(), "[1.0,null,null]");
  Mat m(2, 2);
  m << 1.0, -kInf, kNaN, 2.0;
  EXPECT_EQ(json_matrix(m).dump(), "[[1.0,null],[null,2.0]]");
}

TEST(io_ReportJson, BoundWithNonFiniteValues) {
  BoundReport b;
  b.id = "demo";
  b.metric = "tv";
  b.terms = {{"E1", kInf, "an infinite term"}, {"E2", 0.25, "a finite term"}};
  b.total = kInf;
  b.exact = Estimate::exact(0.0, "exact_test");  // ratio +inf -> null
  b.tolerance = 1e-12;
  b.verdict = Verdict::kVacuous;
  b.hypotheses = {{"h1", true, "ok"}, {"h2", false, "fails"}};
  b.scheme = "em";
  b.convention = "as printed";
  const ojson j = bound_to_json(b);
  EXPECT_EQ(keys_of(j), (std::vector<std::string>{"metric", "terms", "term_meanings", "total",
                                                  "exact", "exact_method", "exact_std_error",
                                                  "ratio", "tolerance", "side", "verdict", "holds",
                                                  "hypotheses", "scheme", "convention"}));
  EXPECT_EQ(j["exact_method"], "exact_test");
  EXPECT_EQ(j["side"], "upper");
  EXPECT_TRUE(j["terms"]["E1"].is_null());
  EXPECT_EQ(j["terms"]["E2"], 0.25);
  EXPECT_EQ(j["term_meanings"]["E1"], "an infinite term");
  EXPECT_TRUE(j["total"].is_null());
  EXPECT_TRUE(j["ratio"].is_null());
  EXPECT_EQ(j["verdict"], "vacuous");
  EXPECT_EQ(j["holds"], false);
  ASSERT_EQ(j["hypotheses"].size(), 2u);
  EXPECT_EQ(j["hypotheses"][1]["name"], "h2");
  EXPECT_EQ(j["hypotheses"][1]["holds"], false);
  EXPECT_EQ(j["hypotheses"][1]["detail"], "fails");
  expect_all_finite(j);
  expect_no_nonfinite_text(j.dump(2));

  // null whenever exact <= 0, not only at 0 (a negative exact value gives no meaningful ratio).
  b.total = 2.0;
  b.exact.value = -4.0;
  EXPECT_TRUE(bound_to_json(b)["ratio"].is_null());
  b.exact.value = -0.0;
  EXPECT_TRUE(bound_to_json(b)["ratio"].is_null());
  EXPECT_EQ(bound_to_json(b)["exact"].dump(), "0.0");

  b.total = 2.0;
  b.exact.value = 0.5;
  b.verdict = Verdict::kHolds;
  const ojson k = bound_to_json(b);
  EXPECT_EQ(k["ratio"], 4.0);
  EXPECT_EQ(k["holds"], true);
  b.side = BoundSide::kLower;
  EXPECT_EQ(bound_to_json(b)["side"], "lower");
}

TEST(io_ReportJson, MonteCarloSidesCarryTheirErrorBars) {
  BoundReport b;
  b.metric = "tv";
  b.total = 0.5;
  b.total_std_error = 0.001;
  b.exact = Estimate::monte_carlo(0.25, 0.002, 20000, 7);
  const ojson j = bound_to_json(b);
  EXPECT_EQ(j["total_std_error"], 0.001);
  EXPECT_EQ(j["exact_method"], "monte_carlo");
  EXPECT_EQ(j["exact_std_error"], 0.002);
  EXPECT_EQ(j["exact_bias_bound"], 0.0);
  EXPECT_EQ(j["exact_samples"], 20000);
  EXPECT_EQ(j["exact_seed"], 7u);
}

TEST(io_ReportJson, DivergedEvaluation) {
  const Problem cfg = example_config();
  SamplerResult diverged;
  diverged.status = RunStatus::kDiverged;
  diverged.diverged_at_step = 3;
  diverged.message = "the em recursion diverged at step 3";
  Evaluation ev;
  ev.outcome = Outcome(cfg, diverged);
  ev.message = diverged.message;
  const ojson j = evaluation_to_json(cfg, ev);
  EXPECT_EQ(keys_of(j),
            (std::vector<std::string>{"scorebound", "seed", "config", "status", "message",
                                      "diverged_at_step", "output", "metrics", "bounds"}));
  EXPECT_EQ(j["status"], "diverged");
  EXPECT_EQ(j["message"], diverged.message);
  EXPECT_EQ(j["diverged_at_step"], 3);
  EXPECT_TRUE(j["output"].is_null());
  EXPECT_TRUE(j["metrics"].is_null());
  EXPECT_TRUE(j["bounds"].is_object());
  EXPECT_TRUE(j["bounds"].empty());
}

TEST(io_ReportJson, MetricsAreTheOutcomesOnRequest) {
  const Problem cfg = example_config();
  Outcome out = solve(cfg);
  ASSERT_TRUE(out.ok());
  EXPECT_FALSE(out.computed(Metric::kTv));  // nothing is computed before it is asked for
  const ojson m = metrics_to_json(out);
  EXPECT_EQ(keys_of(m), (std::vector<std::string>{
                            "kl_data_model", "kl_model_data", "w2", "hellinger2", "tv", "tv_method",
                            "tv_std_error", "tv_lower", "tv_upper", "tv_samples", "tv_seed"}));
  for (Metric k : kAllMetrics) EXPECT_TRUE(out.computed(k)) << to_string(k);
  EXPECT_EQ(m["kl_data_model"], out.metric(Metric::kKlDataModel).value);
  EXPECT_EQ(m["tv_seed"], cfg.options.seed);
  expect_all_finite(m);
}

TEST(io_ReportJson, RealEvaluationHasEveryKey) {
  const Problem cfg = example_config();
  Evaluation ev = evaluate(cfg);
  const ojson j = evaluation_to_json(cfg, ev);
  EXPECT_EQ(j["scorebound"], kScoreboundVersion);
  EXPECT_EQ(j["seed"], kDefaultSeed);
  EXPECT_EQ(j["status"], "ok");
  EXPECT_FALSE(j.contains("message"));
  EXPECT_FALSE(j.contains("diverged_at_step"));
  ASSERT_TRUE(j["output"].is_object());
  EXPECT_EQ(j["output"]["mean"].size(), 2u);
  EXPECT_EQ(j["output"]["cov"].size(), 2u);
  ASSERT_TRUE(j["metrics"].is_object());
  for (const char* k : {"kl_data_model", "kl_model_data", "w2", "hellinger2", "tv"}) {
    ASSERT_TRUE(j["metrics"][k].is_number()) << k;
    EXPECT_GE(j["metrics"][k].get<double>(), 0.0) << k;
  }
  EXPECT_TRUE(j["metrics"]["tv_method"].is_string());
  ASSERT_TRUE(j["bounds"].is_object());
  EXPECT_EQ(j["bounds"].size(), ev.bounds.size());
  for (const auto& item : j["bounds"].items()) {
    for (const char* k : {"metric", "terms", "term_meanings", "total", "exact", "ratio",
                          "tolerance", "verdict", "holds", "hypotheses", "scheme", "convention"})
      EXPECT_TRUE(item.value().contains(k)) << item.key() << " lacks " << k;
  }
  // The same object as the config echo.
  EXPECT_EQ(j["config"], config_to_json(cfg));
  expect_all_finite(j);
  expect_no_nonfinite_text(j.dump(2));
}

TEST(io_ReportJson, DivergingRecursionIsReportedNotPrintedAsNaN) {
  // OU with N(0, 0.001) data, EM with h = 10: each step multiplies the variance by ~(1 - h)^2.
  const Problem cfg = parse_run_config(nlohmann::json::parse(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "mean": [0], "cov": [[0.001]]},
    "T": 1000, "steps": 100, "sampler": "em"
  })"));
  Evaluation ev = evaluate(cfg);
  ASSERT_FALSE(ev.outcome.ok());
  const ojson j = evaluation_to_json(cfg, ev);
  EXPECT_EQ(j["status"], "diverged");
  EXPECT_TRUE(j["message"].is_string());
  EXPECT_TRUE(j["diverged_at_step"].is_number_integer());
  EXPECT_TRUE(j["output"].is_null());
  EXPECT_TRUE(j["metrics"].is_null());
  expect_all_finite(j);
  const std::string text = j.dump(2);
  expect_no_nonfinite_text(text);
  EXPECT_EQ(text.find("nan"), std::string::npos);
}

TEST(io_ReportJson, LargeOutputCovarianceIsSummarisedUnlessFull) {
  const ParsedConfig parsed = parse_config(nlohmann::json::parse(R"({
    "process": {"kind": "ou"},
    "data": {"kind": "gaussian", "preset": "heteroscedastic", "dim": 120},
    "T": 2, "steps": 20, "sampler": "eir", "tv_samples": 1000
  })"));
  Evaluation ev = evaluate(parsed.config);
  ASSERT_TRUE(ev.outcome.ok());
  const ojson summary = evaluation_to_json(parsed, ev);
  const ojson& cov = summary["output"]["cov"];
  ASSERT_TRUE(cov.is_object());
  EXPECT_EQ(summary["output"]["mean"].size(), 120u);
  const Gaussian law = ev.outcome.gaussian_law().dense();
  EXPECT_NEAR(cov["trace"].get<double>(), law.cov.trace(), 1e-12 * law.cov.trace());
  EXPECT_NEAR(cov["diagonal_max"].get<double>(), law.cov.diagonal().maxCoeff(), 1e-12);
  EXPECT_NEAR(cov["diagonal_min"].get<double>(), law.cov.diagonal().minCoeff(), 1e-12);
  const SpectralGaussian& spectral = ev.outcome.gaussian_law().spectral();
  EXPECT_EQ(cov["eigenvalue_min"].get<double>(), spectral.var.minCoeff());
  EXPECT_EQ(cov["eigenvalue_max"].get<double>(), spectral.var.maxCoeff());
  EXPECT_TRUE(summary["config"]["data"]["cov"].is_object());
  // --full: every entry, as below the threshold.
  const ojson full = evaluation_to_json(parsed, ev, ReportOptions{true});
  ASSERT_TRUE(full["output"]["cov"].is_array());
  EXPECT_EQ(full["output"]["cov"].size(), 120u);
  EXPECT_EQ(full["output"]["cov"][3][3], law.cov(3, 3));
  expect_all_finite(summary);
}

TEST(io_ReportJson, ParticleOutputBlock) {
  // Three particles in 2-D: mean (1, 2), sample variances 1 and 4, covariance 2.
  Mat x(3, 2);
  x << 0, 0, 1, 2, 2, 4;
  const ParticleCloud cloud(x, 17);
  const ojson o = particles_to_json(cloud);
  EXPECT_EQ(keys_of(o), (std::vector<std::string>{"engine", "particles", "seed", "mean",
                                                  "mean_std_error", "cov"}));
  EXPECT_EQ(o["engine"], "particles");
  EXPECT_EQ(o["particles"], 3);
  EXPECT_EQ(o["seed"], 17u);
  EXPECT_DOUBLE_EQ(o["mean"][1].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(o["mean_std_error"][0].get<double>(), std::sqrt(1.0 / 3.0));
  EXPECT_DOUBLE_EQ(o["mean_std_error"][1].get<double>(), std::sqrt(4.0 / 3.0));
  EXPECT_DOUBLE_EQ(o["cov"][0][1].get<double>(), 2.0);
  // Above dimension 100 the covariance is summarised (rank 2 here: log_det is null, not -inf).
  Mat big = Mat::Zero(3, 101);
  big(1, 0) = 1;
  big(2, 5) = 1;
  const ojson s = particles_to_json(ParticleCloud(big, 1));
  ASSERT_TRUE(s["cov"].is_object());
  EXPECT_EQ(s["cov"]["dim"], 101);
  EXPECT_TRUE(s["cov"]["log_det"].is_null());
  expect_no_nonfinite_text(s.dump());
  EXPECT_TRUE(particles_to_json(ParticleCloud(big, 1), ReportOptions{true})["cov"].is_array());
}

TEST(io_ReportJson, DivergedParticleRun) {
  Problem cfg = example_config();
  cfg.options.engine = Engine::kParticles;
  ParticleRun run;
  run.status = RunStatus::kDiverged;
  run.message = "the em particle sampler diverged";
  Evaluation ev;
  ev.outcome = Outcome(cfg, run);
  ev.message = run.message;
  const ojson j = evaluation_to_json(cfg, ev);
  EXPECT_EQ(j["status"], "diverged");
  EXPECT_TRUE(j["diverged_at_step"].is_null());  // the particle engine has no step of divergence
  EXPECT_TRUE(j["output"].is_null());
  EXPECT_EQ(j["config"]["engine"], "particles");
}

}  // namespace
}  // namespace sb
