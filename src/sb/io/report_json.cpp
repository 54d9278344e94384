#include "sb/io/report_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/sampler/exact_recursion.hpp"

namespace sb {

using ojson = nlohmann::ordered_json;

ojson json_number(double x) {
  if (!std::isfinite(x)) return nullptr;
  if (x == 0.0) return 0.0;  // -0 (e.g. a distance computed as -(0)) is printed 0
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

ojson json_covariance_summary(const Vec& eigenvalues, const Vec& diagonal) {
  const Eigen::Index d = eigenvalues.size();
  ojson o;
  o["summary"] = fmt::format(
      "{0} x {0} covariance, summarised above dimension {1} (scorebound eval --full prints it)", d,
      kFullMatrixMaxDim);
  o["dim"] = d;
  o["trace"] = json_number(eigenvalues.sum());
  o["log_det"] = json_number(eigenvalues.array().log().sum());
  o["eigenvalue_min"] = json_number(d ? eigenvalues.minCoeff() : 0.0);
  o["eigenvalue_max"] = json_number(d ? eigenvalues.maxCoeff() : 0.0);
  o["diagonal_min"] = json_number(diagonal.size() ? diagonal.minCoeff() : 0.0);
  o["diagonal_max"] = json_number(diagonal.size() ? diagonal.maxCoeff() : 0.0);
  return o;
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
  o["ratio"] = json_number(b.ratio());  // null when exact <= 0 (ratio() is +inf then)
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

namespace {

/// The output law: mean and covariance in full, or the mean and the covariance summary (then
/// the dense covariance, O(d^3) from a spectral law, is never formed).
ojson output_json(const SamplerResult& out, const ReportOptions& opt) {
  const Eigen::Index d = out.is_spectral ? out.spectral.dim() : out.dense.mean.size();
  if (opt.full_matrix(d)) {
    const Gaussian law = out.law();
    return ojson{{"mean", json_vector(law.mean)}, {"cov", json_matrix(law.cov)}};
  }
  if (out.is_spectral) {
    const Mat& U = *out.spectral.basis;
    const Vec mean = U * out.spectral.mean;
    const Vec diagonal = U.array().square().matrix() * out.spectral.var;  // (U diag(v) U^T)_ii
    return ojson{{"mean", json_vector(mean)},
                 {"cov", json_covariance_summary(out.spectral.var, diagonal)}};
  }
  const Eigen::SelfAdjointEigenSolver<Mat> es(out.dense.cov, Eigen::EigenvaluesOnly);
  return ojson{{"mean", json_vector(out.dense.mean)},
               {"cov", json_covariance_summary(es.eigenvalues(), out.dense.cov.diagonal())}};
}

}  // namespace

ojson evaluation_to_json(const ParsedConfig& parsed, const Evaluation& ev,
                         const ReportOptions& opt) {
  const RunConfig& cfg = parsed.config;
  ojson o;
  o["scorebound"] = kScoreboundVersion;
  o["seed"] = cfg.seed;
  o["config"] = parsed.echo;
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
    o["output"] = output_json(ev.output, opt);
    o["metrics"] = metrics_to_json(*ev.metrics);
  }
  ojson bounds = ojson::object();
  for (const BoundReport& b : ev.bounds) bounds[b.id] = bound_to_json(b);
  o["bounds"] = std::move(bounds);
  return o;
}

ojson evaluation_to_json(const RunConfig& cfg, const Evaluation& ev, const ReportOptions& opt) {
  return evaluation_to_json(ParsedConfig{cfg, config_to_json(cfg, opt)}, ev, opt);
}

}  // namespace sb
