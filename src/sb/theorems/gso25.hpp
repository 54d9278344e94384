// Shared pieces of the GSO25 property checks: gso25_slc_printed, gso25_slc_sharp,
// gso25_lipschitz_printed, gso25_lipschitz_sharp and gso25_lipschitz_monotone_printed (seed 000,
// Ocello's talk, slide "Propagation of Strong Concavity and Lipschitzness"; M. Gentiloni Silveri,
// A. Ocello, ICML 2025; theory-notes C2, D-1..D-3). Each is a statement about the marginal p_t
// of the standard OU, so their figures share one layout of three panels: the time t, the data
// variance, and the dimension over the three data presets.
#pragma once

#include <fmt/format.h>

#include <string>
#include <utility>
#include <vector>

#include "sb/data/gaussian_data.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::gso25 {

/// The configuration on which a GSO25 property check looks at p_t: the standard OU and the
/// grid {t} (T = t, N = 1), so the check sees the one time t. The scheme (em) only produces an
/// output, which these checks do not use; neither do they use TV (Monte Carlo in d > 1), so
/// its sample size is the smallest allowed.
inline Problem at_time(GaussianData data, double t) {
  Problem c = make_problem(make_standard_ou(), std::move(data), t, 1, Scheme::kEulerMaruyama);
  c.options.tv_samples = 1000;
  return c;
}

/// What a GSO25 property figure sweeps; every series is labelled "any scheme".
struct PropertyPanels {
  std::string bound_name;     // the dashed curve in the figure's key
  std::string series_suffix;  // appended to every series label, e.g. ": printed L_t"
  // Panel 1: time t (x) for data N(0, s²), one series per variance.
  std::vector<double> t_variances, times;
  // Panel 2: data variance s² (x) at fixed times, one series per time.
  std::vector<double> variance_times, variances;
  std::string variance_label = "data variance s^2 (1-D, mean 0, sqrt(2) OU)";
  bool bound_independent_of_t = false;  // panel 2: draw the bound once (e.g. L_0 = 1/s^2)
  // Panel 3: dimension d (x) for (preset, time) series.
  std::vector<std::pair<std::string, double>> preset_series;
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
