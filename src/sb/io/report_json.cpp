#include "sb/io/report_json.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/law/grid_density.hpp"
#include "sb/law/particle_cloud.hpp"
#include "sb/law/phase_space_gaussian.hpp"
#include "sb/law/probability_vector.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/phase_space_metrics.hpp"

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
  // A phase-space law of the CLD engine: the exact metrics of its position marginal.
  if (!outcome.law().as_gaussian() && !outcome.law().as_phase_space())
    return estimate_metrics_json(outcome);
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

/// A symmetric d x d matrix U diag(c) Uᵀ (a cross-covariance, not positive semidefinite in
/// general) in full, or above kFullMatrixMaxDim (unless opt.full) its summary {"summary", "dim",
/// "trace", "eigenvalue_min", "eigenvalue_max", "diagonal_min", "diagonal_max"}.
ojson spectral_matrix_json(const Mat& U, const Vec& c, const ReportOptions& opt) {
  const Eigen::Index d = c.size();
  if (opt.full_matrix(d)) return json_matrix(U * c.asDiagonal() * U.transpose());
  const Vec diagonal = U.array().square().matrix() * c;  // (U diag(c) Uᵀ)_ii
  ojson o;
  o["summary"] = fmt::format(
      "{0} x {0} matrix, summarised above dimension {1} (scorebound eval --full prints it)", d,
      kFullMatrixMaxDim);
  o["dim"] = d;
  o["trace"] = json_number(c.sum());
  o["eigenvalue_min"] = json_number(d ? c.minCoeff() : 0.0);
  o["eigenvalue_max"] = json_number(d ? c.maxCoeff() : 0.0);
  o["diagonal_min"] = json_number(d ? diagonal.minCoeff() : 0.0);
  o["diagonal_max"] = json_number(d ? diagonal.maxCoeff() : 0.0);
  return o;
}

/// A phase-space law of the CLD engine: its position marginal (the generated data) as a
/// Gaussian output, then the velocity marginal {"mean", "cov"} and the cross-covariance
/// Cov(x, v) = U diag(cov_xv) Uᵀ, all in the original coordinates.
ojson phase_space_output_json(const PhaseSpaceOutputLaw& ps, const ReportOptions& opt) {
  ojson o = output_json(ps.position(), opt);
  const PhaseSpaceGaussian& law = ps.law();
  o["velocity"] = output_json(GaussianOutputLaw(law.velocity()), opt);
  o["cross_cov"] = spectral_matrix_json(*law.basis, law.cov_xv, opt);
  return o;
}

/// The distances of a CLD output to its targets (metric/phase_space_metrics.hpp, the terms of
/// sb::cld_distances without its Monte Carlo TVs): the phase-space law against
/// π_data ⊗ N(0, v I) and the position marginal against π_data. The position terms are those of
/// the metrics, which succeeded; the phase-space terms need every 2 x 2 block covariance of the
/// output to be positive definite in double precision, which a sampler that expands the law
/// (ei with steps of several units: e^h per step) can lose to rounding while the position
/// marginal stays well defined: then they are null and "message" says why.
ojson phase_space_distances_json(const Problem& cfg, const PhaseSpaceOutputLaw& ps) {
  const PhaseSpaceGaussian& out = ps.law();
  const PhaseSpaceGaussian target = cld_target_law(*cfg.cld, cfg.gaussian());
  ojson o;
  o["target"] = fmt::format("pi_data x N(0, {} I): the data law, velocity independent",
                            format_value(cfg.cld->velocity_var()));
  std::string message;
  try {
    const double kl = kl_divergence(target, out), kl_rev = kl_divergence(out, target);
    const double w = w2(target, out);
    o["kl_phase"] = json_number(kl);
    o["kl_phase_reverse"] = json_number(kl_rev);
    o["w2_phase"] = json_number(w);
  } catch (const InputError& e) {
    o["kl_phase"] = nullptr;
    o["kl_phase_reverse"] = nullptr;
    o["w2_phase"] = nullptr;
    std::string why = e.what();  // "sb::kl_divergence: the smallest eigenvalue of ..."
    if (const auto colon = why.find(": "); colon != std::string::npos) why.erase(0, colon + 2);
    message = fmt::format(
        "the phase-space distances are not computed: a 2 x 2 block covariance of the output law "
        "is not positive definite in double precision ({})",
        why);
  }
  const SpectralGaussian tp = target.position(), op = out.position();
  o["kl_position"] = json_number(kl_divergence(tp, op));
  o["kl_position_reverse"] = json_number(kl_divergence(op, tp));
  o["w2_position"] = json_number(w2(tp, op));
  if (!message.empty()) o["message"] = message;
  return o;
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
    else if (const PhaseSpaceOutputLaw* ps = ev.outcome.law().as_phase_space())
      o["output"] = phase_space_output_json(*ps, opt);
    else
      o["output"] = output_json(ev.outcome.gaussian_law(), opt);
    o["metrics"] = metrics_to_json(ev.outcome);
    if (const PhaseSpaceOutputLaw* ps = ev.outcome.law().as_phase_space())
      o["phase_space"] = phase_space_distances_json(cfg, *ps);
  }
  if (cfg.cld && !ev.metrics_ok) o["phase_space"] = nullptr;
  ojson bounds = ojson::object();
  for (const BoundReport& b : ev.bounds) bounds[b.id] = bound_to_json(b);
  o["bounds"] = std::move(bounds);
  return o;
}

ojson evaluation_to_json(const Problem& cfg, Evaluation& ev, const ReportOptions& opt) {
  return evaluation_to_json(ParsedConfig{cfg, config_to_json(cfg, opt)}, ev, opt);
}

}  // namespace sb
