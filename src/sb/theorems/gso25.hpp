// Shared pieces of the GSO25 property checks: gso25_slc_printed and gso25_slc_sharp (one class,
// gso25_slc.cpp), gso25_lipschitz_printed and gso25_lipschitz_sharp (one class,
// gso25_lipschitz.cpp), and gso25_lipschitz_monotone_printed (seed 000, Ocello's talk, slide
// "Propagation of Strong Concavity and Lipschitzness"; M. Gentiloni Silveri, A. Ocello, ICML
// 2025; theory-notes C2, D-1..D-3). Each is a statement about the marginal p_t of the standard
// OU dX = −X dt + √2 dW: for data N(m, Σ₀), p_t = N(·, Σ_t), Σ_t = e^{−2t}Σ₀ + (1 − e^{−2t})I, so
// the exact strong log-concavity constant of p_t is 1/λ_max(Σ_t) and the Lipschitz constant of
// ∇log p_t is 1/λ_min(Σ_t); C₀ = 1/λ_max(Σ₀), L₀ = 1/λ_min(Σ₀). Their figures share one layout
// of three panels: the time t, the data variance, and the dimension over the three data presets.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::gso25 {

/// How a statement of the slide is read: as printed, or in its corrected (sharp) form.
enum class Reading { kPrinted, kSharp };

/// The source line of the slc and Lipschitz checks under `reading`.
inline std::string source(Reading reading) {
  const std::string slide =
      "seed 000 (Ocello), slide 'Propagation of Strong Concavity and Lipschitzness'";
  return slide + (reading == Reading::kSharp ? " (corrected, theory-notes C2)" : "") +
         "; Gentiloni Silveri, Ocello, ICML 2025";
}

/// The printed hypothesis min{C₀, L₀} > 1/2.
inline Hypothesis printed_hypothesis(const GaussianData& data) {
  const double c0 = 1.0 / data.eigenvalues().maxCoeff(), l0 = 1.0 / data.eigenvalues().minCoeff();
  return {"min{C_0, L_0} > 1/2", std::min(c0, l0) > 0.5,
          fmt::format("C_0 = {:.6g}, L_0 = {:.6g}", c0, l0)};
}

/// The printed Lipschitz constant L_t = min{1/(2(1 − e^{−2t})), L₀e^{2t}}, branch by branch.
struct PrintedLipschitz {
  double first = 0.0;   // 1/(2(1 − e^{−2t}))
  double second = 0.0;  // L₀ e^{2t}
  double value() const { return std::min(first, second); }
};
inline PrintedLipschitz printed_lipschitz(double l0, double t) {
  return {1.0 / (-2.0 * std::expm1(-2.0 * t)), l0 * std::exp(2.0 * t)};
}

/// The corrected constants C*_t and L*_t share one form: 1/(e^{−2t}/K₀ + 1 − e^{−2t}) with
/// 1/K₀ = λ_max(Σ₀) (C*_t) or λ_min(Σ₀) (L*_t); for Gaussian data it is the exact constant.
inline double sharp_constant(double inv_k0, double t) {
  return 1.0 / (std::exp(-2.0 * t) * inv_k0 - std::expm1(-2.0 * t));
}

/// The grid time τ_k > 0 (k < N) where a bound on the constant of p_t is worst: the largest
/// bound/exact for a lower bound on the strong log-concavity constant 1/λ_max(Σ_t), the largest
/// exact/bound for an upper bound on the Lipschitz constant 1/λ_min(Σ_t). One marginal per
/// grid time. A later time replaces the worst so far only when its ratio is larger beyond the
/// rounding of the two closed forms (exact_metric_rel_tol(1, d)): where the bound is an equality
/// (the sharp constants on Gaussian data) every ratio is 1 up to rounding, and the reported
/// point is then the first grid time, t = T, on every machine — not whichever time the last
/// bits of one CPU's rounding happen to favour.
struct WorstTime {
  double t = 0.0, exact = 0.0, bound = 0.0;
};
template <class Bound>
WorstTime worst_time(const Problem& cfg, BoundSide side, Bound bound) {
  const GaussianData& data = cfg.gaussian();
  const bool lower = side == BoundSide::kLower;
  const double tie = exact_metric_rel_tol(1, data.dim());
  double worst_ratio = -1.0;
  WorstTime w;
  for (int k = 0; k < cfg.grid.steps(); ++k) {
    const double t = cfg.grid.tau(k);
    const SpectralGaussian p_t = data.marginal(*cfg.process, t);
    const double ex = 1.0 / (lower ? p_t.var.maxCoeff() : p_t.var.minCoeff());
    const double b = bound(t);
    const double ratio = lower ? b / ex : ex / b;
    if (ratio > worst_ratio * (1.0 + tie)) {
      worst_ratio = ratio;
      w = {t, ex, b};
    }
  }
  return w;
}

/// Data N(0, diag(vars)).
inline GaussianData gaussian_diag(std::initializer_list<double> vars) {
  Vec v(static_cast<Eigen::Index>(vars.size()));
  Eigen::Index i = 0;
  for (double x : vars) v(i++) = x;
  return GaussianData(Vec::Zero(v.size()), Mat(v.asDiagonal()));
}

/// The configuration on which a GSO25 property check looks at p_t: the standard OU and the
/// grid {t} (T = t, N = 1), so the check sees the one time t. The scheme (em) only produces an
/// output, which these checks do not use.
inline Problem at_time(GaussianData data, double t) {
  return make_problem(make_standard_ou(), std::move(data), t, 1, Scheme::kEulerMaruyama);
}

/// What a GSO25 property figure sweeps; every series is labelled "any scheme".
struct PropertyPanels {
  std::string bound_name{};     // the dashed curve in the figure's key
  std::string series_suffix{};  // appended to every series label, e.g. ": printed L_t"
  // Panel 1: time t (x) for data N(0, s²), one series per variance.
  std::vector<double> t_variances{}, times{};
  // Panel 2: data variance s² (x) at fixed times, one series per time.
  std::vector<double> variance_times{}, variances{};
  std::string variance_label = "data variance s^2 (1-D, mean 0, sqrt(2) OU)";
  bool bound_independent_of_t = false;  // panel 2: draw the bound once (e.g. L_0 = 1/s^2)
  // Panel 3: dimension d (x) for (preset, time) series.
  std::vector<std::pair<std::string, double>> preset_series{};
  std::vector<int> dims = {1, 2, 5, 10, 20, 50};
};

inline std::vector<Sweep> property_sweeps(const PropertyPanels& p) {
  std::vector<Sweep> out;
  const auto sweep = [&](std::string series, std::string x_label) {
    Sweep s;
    s.series = std::move(series) + p.series_suffix;
    s.x_label = std::move(x_label);
    s.bound_name = p.bound_name;
    return s;
  };
  for (double var : p.t_variances) {
    Sweep s =
        sweep(fmt::format("any scheme, N(0,{})", var), "time t (1-D data N(0,s^2), sqrt(2) OU)");
    for (double t : p.times) s.points.emplace_back(t, at_time(gaussian_1d(0, var), t));
    out.push_back(std::move(s));
  }
  for (std::size_t i = 0; i < p.variance_times.size(); ++i) {
    const double t = p.variance_times[i];
    const bool shared = p.bound_independent_of_t && i > 0;
    Sweep s = sweep(fmt::format("any scheme, N(0,s^2), t={}", t), p.variance_label);
    if (shared) s.series += " (bound shared)";
    s.draw_bound = !shared;
    for (double var : p.variances) s.points.emplace_back(var, at_time(gaussian_1d(0, var), t));
    out.push_back(std::move(s));
  }
  if (p.preset_series.empty()) return out;
  bool one_time = true;
  for (const auto& [preset, t] : p.preset_series)
    one_time = one_time && t == p.preset_series.front().second;
  const std::string d_label =
      one_time ? fmt::format("dimension d (presets, mean 1, t = {}, sqrt(2) OU)",
                             p.preset_series.front().second)
               : std::string("dimension d (presets, mean 1, sqrt(2) OU; t per series)");
  for (const auto& [preset, t] : p.preset_series) {
    Sweep s = sweep(fmt::format("any scheme, {} preset, t={}", preset, t), d_label);
    for (int d : p.dims) s.points.emplace_back(d, at_time(gaussian_preset(preset, d), t));
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace sb::theorems::gso25
