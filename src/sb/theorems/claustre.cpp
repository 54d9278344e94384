// The helpers of the seed-004 checks declared in claustre.hpp (no check is registered here).
#include "sb/theorems/claustre.hpp"

#include <fmt/format.h>

#include "sb/score/gaussian_score.hpp"

namespace sb::theorems::claustre {
namespace {

/// Variances of p_t in the data eigenbasis: m_t²λ_j + s_t².
Vec marginal_var(const LinearProcess& p, const GaussianData& data, double t) {
  const double m = p.m(t);
  return ((m * m) * data.eigenvalues().array() + p.s2(t)).matrix();
}

}  // namespace

std::vector<double> scan_times(const Problem& cfg) {
  std::vector<double> ts;
  const double T = cfg.T();
  constexpr int kUniform = 1024;
  for (int i = 0; i <= kUniform; ++i) ts.push_back(T * i / kUniform);
  for (int k = 0; k <= cfg.grid.steps(); ++k) ts.push_back(cfg.grid.tau(k));
  return ts;
}

TimedValue lipschitz_sup(const Problem& cfg) {
  TimedValue best{0.0, 0.0};
  for (double t : scan_times(cfg)) {
    const double L = 1.0 / marginal_var(*cfg.process, cfg.gaussian(), t).minCoeff();
    if (L > best.value) best = {L, t};
  }
  return best;
}

TimedValue l2_error_sup(const Problem& cfg) {
  const GaussianScore score(cfg.process, cfg.gaussian(), cfg.score_error);
  if (cfg.score_error.delta == 0.0) return {score.l2_error_sq(0.0).value, 0.0};
  TimedValue best{0.0, 0.0};
  for (double t : scan_times(cfg)) {
    const double e = score.l2_error_sq(t).value;
    if (e > best.value) best = {e, t};
  }
  return best;
}

Hypothesis novikov(const Problem& cfg) {
  const double delta = cfg.score_error.delta;
  if (delta == 0.0)
    return {"Novikov's condition", true,
            fmt::format("delta = 0: the integrand g^2 eps^2 is bounded (eps = {})",
                        cfg.score_error.eps)};
  double worst = 0.0;
  for (double t : scan_times(cfg))
    worst = std::max(worst, cfg.T() * cfg.process->g2(t) * delta * delta /
                                marginal_var(*cfg.process, cfg.gaussian(), t).minCoeff());
  return {"Novikov's condition (sufficient test sup_t T g2 delta^2 / lambda_min(Sigma_t) < 1)",
          worst < 1.0, fmt::format("sup_t T g2 delta^2 / lambda_min = {:.6g}", worst)};
}

Hypothesis starts_from_reference(const Problem& cfg, const std::string& law) {
  return {"the sampler starts from p_noise = " + law, cfg.init == Init::kReference,
          "init = " + to_string(cfg.init)};
}

Hypothesis linf_score_error(const Problem& cfg) {
  const bool ok = cfg.score_error.delta == 0.0;
  return {"Hypothesis 5.2: sup_t ||s - grad log p_t||_inf <= eps", ok,
          ok ? fmt::format("eps_inf = {}", cfg.score_error.eps)
             : fmt::format("delta = {} != 0: the error grows linearly in y, eps_inf = inf",
                           cfg.score_error.delta)};
}

TvResult tv_initialisation(const Problem& cfg) {
  const SpectralGaussian pT = cfg.gaussian().marginal(*cfg.process, cfg.T());
  const SpectralGaussian y0 = initial_law(cfg.init, *cfg.process, cfg.gaussian(), cfg.T());
  return total_variation(pT, y0, TvOptions{cfg.options.seed, cfg.options.tv_samples});
}

double log_add_exp(double x, double y) {
  if (x == -kInf) return y;
  if (y == -kInf) return x;
  const double m = std::max(x, y);
  return m + std::log1p(std::exp(-std::abs(x - y)));
}

double log_expm1_over_x(double x) {
  if (x > 1.0) return x + std::log(-std::expm1(-x)) - std::log(x);
  if (x == 0.0) return 0.0;
  return std::log(std::expm1(x) / x);
}

Cor510Terms cor510_terms(double h, double beta_min, double beta_max, double B_T, double T,
                         double kappa, double second_moment, double d, double eps2) {
  const double k = std::min(kappa, 1.0), gap = 2 * k - 1 - 2 * h;
  const double decay = std::exp(-(beta_min + beta_max * gap) * T);
  Cor510Terms c;
  c.decay_second_moment = decay * second_moment;
  c.decay_dimension = d * std::exp(-(beta_min + beta_max * gap) * T - B_T + beta_min * T);
  c.score = eps2 == 0.0 ? 0.0 : (gap > 0 && h > 0 ? eps2 / (2 * h * gap) : kInf);
  return c;
}

Cor511Terms cor511_terms(double h, double beta_min, double beta_max, double T, double kappa,
                         double second_moment, double eps2) {
  const double q = kappa / (1 + kappa);
  Cor511Terms c;
  c.decay = second_moment * std::exp(-2 * (q - beta_max * h * T) + 2 * q * std::exp(-beta_min * T));
  c.score = eps2 == 0.0 ? 0.0 : (h > 0 && h < 0.5 ? eps2 / (2 * h * (1 - 2 * h)) : kInf);
  return c;
}

double u_vp(double h, double B_T, double kappa) {
  const double log_int = B_T > 1.0 ? B_T + std::log(kappa + (1 - kappa) * std::exp(-B_T))
                                   : std::log1p(kappa * std::expm1(B_T));
  return (1 + 2 * h) * B_T - 2 * log_int;
}

void add_panel(std::vector<Sweep>& out, const std::string& x_label, const std::vector<double>& xs,
               const std::vector<Series>& series, const std::string& bound_name) {
  for (const Series& s : series) {
    // The first series names the panel; the others join it (sb::Sweep, an empty x_label).
    Sweep sw{s.name, &s == &series.front() ? x_label : "", true, {}, s.draw_bound, bound_name};
    for (double x : xs)
      if (x >= s.x_min) sw.points.emplace_back(x, s.at(x));
    out.push_back(std::move(sw));
  }
}

}  // namespace sb::theorems::claustre
