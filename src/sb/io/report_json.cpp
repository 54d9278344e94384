#include "sb/io/report_json.hpp"

#include <cmath>

#include "sb/io/config_json.hpp"
#include "sb/sampler/exact_recursion.hpp"

namespace sb {

using ojson = nlohmann::ordered_json;

ojson json_number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

ojson json_vector(const Vec& v) {
  ojson a = ojson::array();
  for (Eigen::Index i = 0; i < v.size(); ++i) a.push_back(json_number(v(i)));
  return a;
}

ojson json_matrix(const Mat& m) {
  ojson a = ojson::array();
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    ojson row = ojson::array();
    for (Eigen::Index j = 0; j < m.cols(); ++j) row.push_back(json_number(m(i, j)));
    a.push_back(std::move(row));
  }
  return a;
}

ojson bound_to_json(const BoundReport& b) {
  ojson o;
  o["metric"] = b.metric;
  ojson terms = ojson::object(), meanings = ojson::object();
  for (const BoundTerm& t : b.terms) {
    terms[t.name] = json_number(t.value);
    meanings[t.name] = t.meaning;
  }
  o["terms"] = std::move(terms);
  o["term_meanings"] = std::move(meanings);
  o["total"] = json_number(b.total);
  o["exact"] = json_number(b.exact);
  o["ratio"] = json_number(b.ratio());  // null when exact is 0 (ratio +inf)
  o["tolerance"] = json_number(b.tolerance);
  // An upper bound claims exact <= total; a lower bound claims total <= exact.
  o["side"] = b.side == BoundSide::kLower ? "lower" : "upper";
  o["verdict"] = to_string(b.verdict);
  o["holds"] = b.verdict == Verdict::kHolds;
  ojson hyps = ojson::array();
  for (const Hypothesis& h : b.hypotheses)
    hyps.push_back(ojson{{"name", h.name}, {"holds", h.holds}, {"detail", h.detail}});
  o["hypotheses"] = std::move(hyps);
  o["scheme"] = b.scheme;
  o["convention"] = b.convention;
  return o;
}

ojson metrics_to_json(const Metrics& m) {
  ojson o;
  o["kl_data_model"] = json_number(m.kl_data_model);
  o["kl_model_data"] = json_number(m.kl_model_data);
  o["w2"] = json_number(m.w2);
  o["hellinger2"] = json_number(m.hellinger2);
  o["tv"] = json_number(m.tv.value);
  o["tv_method"] = to_string(m.tv.method);
  o["tv_std_error"] = json_number(m.tv.std_error);
  o["tv_lower"] = json_number(m.tv.lower);
  o["tv_upper"] = json_number(m.tv.upper);
  o["tv_samples"] = m.tv.samples;
  o["tv_seed"] = m.tv.seed;
  return o;
}

ojson evaluation_to_json(const RunConfig& cfg, const Evaluation& ev) {
  ojson o;
  o["scorebound"] = kScoreboundVersion;
  o["seed"] = cfg.seed;
  o["config"] = config_to_json(cfg);
  const bool ok = ev.output.ok() && ev.metrics.has_value();
  o["status"] = ok ? "ok" : "diverged";
  if (!ok) {
    o["message"] =
        ev.output.message.empty() ? std::string("the sampler diverged") : ev.output.message;
    if (ev.output.diverged_at_step >= 0)
      o["diverged_at_step"] = ev.output.diverged_at_step;
    else
      o["diverged_at_step"] = nullptr;
    o["output"] = nullptr;
    o["metrics"] = nullptr;
  } else {
    const Gaussian law = ev.output.law();
    o["output"] = ojson{{"mean", json_vector(law.mean)}, {"cov", json_matrix(law.cov)}};
    o["metrics"] = metrics_to_json(*ev.metrics);
  }
  ojson bounds = ojson::object();
  for (const BoundReport& b : ev.bounds) bounds[b.id] = bound_to_json(b);
  o["bounds"] = std::move(bounds);
  return o;
}

}  // namespace sb
