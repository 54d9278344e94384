// Shared pieces of the GSO25 weak-convexity checks on Gaussian mixtures (seed 000, Ocello's talk,
// slides "Beyond Concavity: Weak Concavity", "Example" (Proposition [GSO25]) and "Key Results:
// Convexity / Smoothness of the Score Function"; M. Gentiloni Silveri, A. Ocello, ICML 2025;
// theory-notes C3, C4, D-4..D-7 and appendix A3):
//   gso25_weak_convexity_{printed,sharp}     gso25_weak_convexity.cpp (C3, the data's U)
//   gso25_mixture_lipschitz_{printed,sharp}  gso25_weak_convexity.cpp (C3, Lip ∇log π_data)
//   gso25_profile_propagation, gso25_ct_propagation, gso25_modified_lipschitz_{printed,sharp}
//                                            gso25_propagation.cpp (C4, the modified −log p̃_τ)
// The Proposition is about p_n = Σ_i β_i N(μ_i, σ²I) (equal isotropic covariances); its
// constants are α = 1/σ² and, as printed, √M = (2n/σ²) Σ_i ‖μ_i‖; the sharp constant is
// √M = D/(2σ²), D = max_{i,j} ‖μ_i − μ_j‖ (theory-notes C3, appendix A3: the posterior mean of
// the component means along a line is the derivative of a log-partition function whose
// increments are at most D tanh(LD/4)).
#pragma once

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sb/data/gaussian_mixture.hpp"
#include "sb/metric/convexity_profile.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/theorems/gso25.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::gso25m {

/// How a statement is read: as printed, or corrected (sharp) — the enum of gso25.hpp.
using Reading = gso25::Reading;

inline std::string source(const std::string& slide, Reading reading) {
  return "seed 000 (Ocello), slide '" + slide + "'" +
         (reading == Reading::kSharp ? " (corrected, theory-notes C3/C4)" : "") +
         "; Gentiloni Silveri, Ocello, ICML 2025";
}

/// The mixture of a problem's data law (nullptr when the data is not a Gaussian mixture).
inline const GaussianMixture* mixture(const Problem& cfg) { return cfg.target->as_mixture(); }

/// The constants of the Proposition for an equal-isotropic mixture.
struct Constants {
  double var = 0.0;           // σ²
  double alpha = 0.0;         // 1/σ²
  double diameter = 0.0;      // D = max ‖μ_i − μ_j‖
  double sqrt_m_seed = 0.0;   // (2n/σ²) Σ ‖μ_i‖ (as printed)
  double sqrt_m_sharp = 0.0;  // D/(2σ²)
  double sqrt_m(Reading r) const { return r == Reading::kPrinted ? sqrt_m_seed : sqrt_m_sharp; }
};
/// Outside the Proposition's setting (unequal or anisotropic covariances, a failed hypothesis)
/// σ² is taken as the largest component variance, so that the numbers can still be shown.
inline Constants constants(const GaussianMixture& m) {
  Constants c;
  if (m.is_isotropic_equal()) {
    c.var = m.isotropic_var();
  } else {
    for (const Mat& cov : m.covs())
      c.var = std::max(c.var, Eigen::SelfAdjointEigenSolver<Mat>(cov).eigenvalues().maxCoeff());
  }
  c.alpha = 1.0 / c.var;
  const Mat& mu = m.means();
  for (Eigen::Index i = 0; i < mu.rows(); ++i) {
    c.sqrt_m_seed += mu.row(i).norm();
    for (Eigen::Index j = i + 1; j < mu.rows(); ++j)
      c.diameter = std::max(c.diameter, (mu.row(i) - mu.row(j)).norm());
  }
  c.sqrt_m_seed *= 2.0 * static_cast<double>(mu.rows()) / c.var;
  c.sqrt_m_sharp = c.diameter / (2.0 * c.var);
  return c;
}

/// The Proposition's setting: equal isotropic covariances σ²I.
inline Hypothesis isotropic_hypothesis(const GaussianMixture& m) {
  return {"Gaussian mixture with equal isotropic covariances sigma^2 I (the Proposition's p_n)",
          m.is_isotropic_equal(),
          m.is_isotropic_equal() ? fmt::format("sigma^2 = {:.6g}, n = {} components",
                                               m.isotropic_var(), m.components())
                                 : "component covariances differ or are not isotropic"};
}

/// The radii of a profile check, in units of the component standard deviation σ: from 1e-3σ to
/// 40σ (theory-notes D-5 scanned [1e-4σ, 40σ]), 15 values.
inline std::vector<double> radii(double sigma) {
  std::vector<double> r;
  for (double u :
       {1e-3, 3e-3, 0.01, 0.03, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0, 1.5, 2.0, 4.0, 10.0, 40.0})
    r.push_back(u * sigma);
  return r;
}

/// The largest of minimal_sqrt_m(α, κ̂(r), r) over the radii: the smallest √M for which the
/// weak-convexity bound α − f_M(r)/r holds at every radius searched, with the radius and the
/// profile value where it is reached. κ̂ is an upper estimate of the profile (attained at a
/// pair), so this is a LOWER estimate of the smallest valid √M: a claimed √M below it fails.
struct NeededM {
  double sqrt_m = 0.0, r = 0.0, kappa = 0.0;
  std::string method;
};
inline NeededM needed_sqrt_m(const MixturePotential& U, double alpha, const std::vector<double>& rs,
                             const ProfileSearch& s = {}) {
  NeededM out;
  for (double r : rs) {
    const ProfileValue p = convexity_profile(U, r, s);
    const double m = minimal_sqrt_m(alpha, p.kappa, r);
    out.method = p.method;
    // A later radius replaces the first only beyond rounding: on the symmetric pair every radius
    // needs the same √M, and the reported radius is then the first on every machine.
    if (out.r == 0.0 || m > out.sqrt_m * (1 + 1e-9) + 1e-300) out = {m, r, p.kappa, p.method};
  }
  return out;
}

/// A problem on mixture data under the standard OU with a uniform grid (for the checks: only
/// the marginals p_τ at the grid times are used, no sampler runs).
inline Problem mixture_problem(GaussianMixture data, double T = 1.0, int steps = 1) {
  Problem p;
  p.target = std::make_shared<const GaussianMixture>(std::move(data));
  p.process = make_standard_ou();
  p.grid = TimeGrid::uniform(T, steps);
  p.scheme = Scheme::kEulerMaruyama;
  p.validate();
  return p;
}

/// An instance of a GSO25 mixture check: mixture_problem(g, T, steps) with its expected verdict.
inline Instance instance(std::string name, GaussianMixture g, double T = 1.0, int steps = 1,
                         Verdict expected = Verdict::kHolds) {
  return Instance{std::move(name), mixture_problem(std::move(g), T, steps), expected};
}

/// A sweep of mixtures make(x) over xs (problems with T = 1, N = 1: the checks of π_data only
/// look at the data law).
template <class Make>
Sweep mixture_sweep(std::string series, std::string x_label, std::string bound_name, Make make,
                    const std::vector<double>& xs) {
  Sweep s;
  s.series = std::move(series);
  s.x_label = std::move(x_label);
  s.bound_name = std::move(bound_name);
  for (double x : xs) s.points.emplace_back(x, mixture_problem(make(x)));
  return s;
}

/// Equal-weight mixture N(μ_k, var·I) from the rows of `means`.
inline GaussianMixture mixture_of(Mat means, double var) {
  const auto k = means.rows();
  return GaussianMixture(Vec::Constant(k, 1.0 / static_cast<double>(k)), std::move(means), var);
}

/// The asymmetric three-component 1-D mixture of the tests: weights (0.2, 0.5, 0.3), means
/// (−2, 0.4, 2.5)·spread, variance var.
inline GaussianMixture asymmetric3(double spread, double var) {
  Mat mu(3, 1);
  mu << -2.0 * spread, 0.4 * spread, 2.5 * spread;
  return GaussianMixture((Vec(3) << 0.2, 0.5, 0.3).finished(), mu, var);
}

}  // namespace sb::theorems::gso25m
