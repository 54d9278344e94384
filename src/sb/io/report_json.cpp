#include "sb/io/report_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/law/grid_density.hpp"
#include "sb/law/particle_cloud.hpp"
#include "sb/law/probability_vector.hpp"

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
  if (b.total_std_error != 0.0) o["total_std_error"] = json_number(b.total_std_error);
  o["exact"] = json_number(b.exact.value);
  o["exact_method"] = b.exact.method;
  o["exact_std_error"] = json_number(b.exact.std_error);
  if (!b.exact.is_exact()) {
    o["exact_bias_bound"] = json_number(b.exact.bias_bound);
    o["exact_samples"] = b.exact.samples;
    o["exact_seed"] = b.exact.seed;
  }
  o["ratio"] = json_number(b.ratio());  // null when exact <= 0 (ratio() is +inf then)
  o["tolerance"] = json_number(b.tolerance);
  // An upper bound claims exact <= total; a lower bound claims total <= exact.
  o["side"] = to_string(b.side);
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

namespace {

/// A Monte Carlo metric with everything that qualifies it.
ojson estimate_json(const Estimate& e) {
  ojson o;
  o["value"] = json_number(e.value);
  o["std_error"] = json_number(e.std_error);
  o["bias_bound"] = json_number(e.bias_bound);
  o["method"] = e.method;
  o["samples"] = e.samples;
  o["seed"] = e.seed;
  return o;
}

/// The metrics of a particle cloud or a grid density: each an estimate with its standard
/// error, bias bound and method.
ojson estimate_metrics_json(Outcome& outcome) {
  ojson o;
  for (Metric m : outcome.available_metrics()) o[to_string(m)] = estimate_json(outcome.metric(m));
  return o;
}

}  // namespace

ojson particles_to_json(const ParticleCloud& cloud, const ReportOptions& opt) {
  const Eigen::Index d = cloud.dim();
  const auto n = static_cast<double>(cloud.size());
  const Mat centred = cloud.points().rowwise() - cloud.points().colwise().mean();
  // The per-coordinate sample variances (the standard errors of the mean, and the diagonal of
  // the summary). The summary needs the eigenvalues of the d x d sample covariance: O(n d^2)
  // to form, O(d^3) to decompose (README, "Large configurations").
  const Vec variance = centred.colwise().squaredNorm().transpose() / (n - 1.0);
  ojson o;
  o["engine"] = "particles";
  o["particles"] = cloud.size();
  o["seed"] = cloud.seed();
  o["mean"] = json_vector(cloud.mean());
  o["mean_std_error"] = json_vector((variance / n).cwiseSqrt());
  const Mat cov = (centred.transpose() * centred) / (n - 1.0);
  if (opt.full_matrix(d)) {
    o["cov"] = json_matrix(cov);
  } else {
    const Eigen::SelfAdjointEigenSolver<Mat> es(cov, Eigen::EigenvaluesOnly);
    o["cov"] = json_covariance_summary(es.eigenvalues(), variance);
  }
  return o;
}

namespace {

/// A grid density: the grid, its mass balance, and its moments by quadrature.
ojson grid_json(const GridDensity& g) {
  ojson o;
  o["engine"] = "grid";
  ojson axes = ojson::array();
  for (Eigen::Index a = 0; a < g.dim(); ++a)
    axes.push_back(ojson{{"lo", json_number(g.axis(a).lo)},
                         {"hi", json_number(g.axis(a).hi())},
                         {"points", g.axis(a).count}});
  o["grid"] = std::move(axes);
  o["mass"] = json_number(g.mass());
  o["lost_mass"] = json_number(g.lost_mass());
  o["mean"] = json_vector(g.mean());
  o["cov"] = json_matrix(g.covariance());
  return o;
}

}  // namespace

ojson metrics_to_json(Outcome& outcome) {
  if (outcome.law().as_probability_vector()) {  // exact: plain numbers, as for Gaussian laws
    ojson o;
    for (Metric m : outcome.available_metrics())
      o[to_string(m)] = json_number(outcome.metric(m).value);
    return o;
  }
  if (!outcome.law().as_gaussian()) return estimate_metrics_json(outcome);
  ojson o;
  for (Metric m : {Metric::kKlDataModel, Metric::kKlModelData, Metric::kW2, Metric::kHellinger2})
    o[to_string(m)] = json_number(outcome.metric(m).value);
  outcome.metric(Metric::kTv);
  const TvResult& tv = outcome.tv();
  o["tv"] = json_number(tv.value);
  o["tv_method"] = to_string(tv.method);
  o["tv_std_error"] = json_number(tv.std_error);
  o["tv_lower"] = json_number(tv.lower);
  o["tv_upper"] = json_number(tv.upper);
  o["tv_samples"] = tv.samples;
  o["tv_seed"] = tv.seed;
  return o;
}

namespace {

/// The output law: mean and covariance in full, or the mean and the covariance summary (then
/// the dense covariance, O(d^3) from a spectral law, is never formed).
ojson output_json(const GaussianOutputLaw& out, const ReportOptions& opt) {
  const Eigen::Index d = out.dim();
  if (opt.full_matrix(d)) {
    const Gaussian law = out.dense();
    return ojson{{"mean", json_vector(law.mean)}, {"cov", json_matrix(law.cov)}};
  }
  if (out.is_spectral()) {
    const SpectralGaussian& law = out.spectral();
    const Mat& U = *law.basis;
    const Vec mean = U * law.mean;
    const Vec diagonal = U.array().square().matrix() * law.var;  // (U diag(v) U^T)_ii
    return ojson{{"mean", json_vector(mean)}, {"cov", json_covariance_summary(law.var, diagonal)}};
  }
  const Gaussian law = out.dense();
  const Eigen::SelfAdjointEigenSolver<Mat> es(law.cov, Eigen::EigenvaluesOnly);
  return ojson{{"mean", json_vector(law.mean)},
               {"cov", json_covariance_summary(es.eigenvalues(), law.cov.diagonal())}};
}

/// A law on {0,1}^d: the means P(x_l = 1) of its bits and its probabilities (a summary above
/// kFullProbabilityVectorMaxStates entries).
ojson probability_vector_json(const ProbabilityVectorLaw& pv, const ReportOptions& opt) {
  const Vec& p = pv.probs();
  Vec mean = Vec::Zero(pv.dim());
  for (Eigen::Index s = 0; s < p.size(); ++s)
    for (Eigen::Index l = 0; l < pv.dim(); ++l)
      if ((s >> l) & 1) mean(l) += p(s);
  ojson o{{"mean", json_vector(mean)}, {"probs", json_probability_vector(p, opt)}};
  // The continuous chain with a rate error is an ODE solution: its stated max-norm error.
  if (pv.error() > 0) o["error_bound"] = json_number(pv.error());
  return o;
}

}  // namespace

ojson evaluation_to_json(const ParsedConfig& parsed, Evaluation& ev, const ReportOptions& opt) {
  const Problem& cfg = parsed.config;
  ojson o;
  o["scorebound"] = kScoreboundVersion;
  o["seed"] = cfg.options.seed;
  o["config"] = parsed.echo;
  o["status"] = ev.metrics_ok ? "ok" : "diverged";
  if (!ev.metrics_ok) {
    o["message"] = ev.message.empty() ? std::string("the sampler diverged") : ev.message;
    const int step = ev.outcome.result().diverged_at_step;
    if (step >= 0)
      o["diverged_at_step"] = step;
    else
      o["diverged_at_step"] = nullptr;
    o["output"] = nullptr;
    o["metrics"] = nullptr;
  } else {
    if (const ParticleCloud* cloud = ev.outcome.law().as_particles())
      o["output"] = particles_to_json(*cloud, opt);
    else if (const GridDensity* grid = ev.outcome.law().as_grid())
      o["output"] = grid_json(*grid);
    else if (const ProbabilityVectorLaw* pv = ev.outcome.law().as_probability_vector())
      o["output"] = probability_vector_json(*pv, opt);
    else
      o["output"] = output_json(ev.outcome.gaussian_law(), opt);
    o["metrics"] = metrics_to_json(ev.outcome);
  }
  ojson bounds = ojson::object();
  for (const BoundReport& b : ev.bounds) bounds[b.id] = bound_to_json(b);
  o["bounds"] = std::move(bounds);
  return o;
}

ojson evaluation_to_json(const Problem& cfg, Evaluation& ev, const ReportOptions& opt) {
  return evaluation_to_json(ParsedConfig{cfg, config_to_json(cfg, opt)}, ev, opt);
}

}  // namespace sb
