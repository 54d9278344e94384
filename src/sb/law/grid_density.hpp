// A probability density in dimension 1 or 2 known at the nodes of a uniform tensor grid: the
// law of a sampler's output computed deterministically by propagating the density through the
// Gaussian transition kernels of the scheme (sb::propagate_on_grid: for data without a
// closed-form output law, each step's kernel is Gaussian given Y_k, so the density propagates
// by Chapman–Kolmogorov, evaluated by quadrature).
//
// Quadrature. Integrals over the grid use the trapezoid rule on each axis (product rule in 2-D).
// For an integrand analytic in a strip and negligible at the ends of the grid the rule converges
// geometrically in the spacing Δ: for a Gaussian factor of standard deviation σ its relative
// error is about 2·exp(−2π²σ²/Δ²) (Trefethen & Weideman 2014, SIAM Review 56(3), 385–458, §5),
// i.e. below 1e-15 once Δ <= 0.75σ. Integrands with kinks (|π − p| in TV) converge as O(Δ²).
//
// Accuracy statement of every distance (each an Estimate with method "grid_quadrature"):
//   bias_bound = |I_Δ − I_2Δ|                (refinement: the same rule on every other node;
//                                             for a convergent rule the error of I_Δ is below
//                                             that of I_2Δ, so this over-states it)
//              + n·ε·Σ|terms|                 (rounding of the sum)
//              + a truncation term from the mass outside the grid (see each method)
//              + the density's own error (propagation quadrature: mass defect, dropped mass).
// The mass outside the grid is lost_mass() for this density (tracked exactly per step by the
// propagation: the normal tail probabilities of each step's kernels beyond the grid) and
// 1 − ∫_grid π for the target.
//
// The law of the last step. The output of a chain whose last step has Gaussian kernels is, up to
// that step's quadrature, the mixture Σ_i c_i N(A_i, q I) over the source nodes (c_i the
// quadrature weight times the density at node i). When the density carries that mixture
// (last_step()), the 1-D CDF is evaluated from it (Σ c_i Φ((x − A_i)/√q), spectrally accurate like
// the density values); otherwise from the cumulative trapezoid rule (O(Δ²), which the refinement
// term of W2's bias bound then reflects).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sb/core/estimate.hpp"
#include "sb/core/types.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/law/kernel_mixture.hpp"
#include "sb/law/output_law.hpp"

namespace sb {

/// One axis of a uniform grid: nodes lo + i·spacing, i = 0..count−1.
struct GridAxis {
  double lo = 0.0;
  double spacing = 1.0;
  Eigen::Index count = 0;
  double node(Eigen::Index i) const { return lo + static_cast<double>(i) * spacing; }
  double hi() const { return node(count - 1); }
};

/// A uniform tensor grid of dimension 1 or 2. Node s = i₀ + n₀·i₁ (axis 0 fastest).
struct GridSpec {
  std::vector<GridAxis> axes;
  Eigen::Index dim() const { return static_cast<Eigen::Index>(axes.size()); }
  /// The number of nodes, Π count.
  Eigen::Index size() const;
  /// Throws InputError (from fn) unless there are 1 or 2 axes, each with lo finite, spacing
  /// finite and > 0, count >= 3.
  void validate(std::string_view fn) const;
};

/// A grid covering every given law along every axis: [min_l m_l − k·sd_l, max_l m_l + k·sd_l],
/// sd_l = √(Σ_l)_aa, k = half_width_sds, with `count` nodes per axis. Throws InputError for no
/// law, laws of different dimensions, a dimension other than 1 or 2, k <= 0, count < 3.
GridSpec grid_covering(const std::vector<Gaussian>& laws, Eigen::Index count,
                       double half_width_sds = 10.0);

/// log π at the rows of an n × d matrix of points: n values (sb::Target::log_density's shape).
using LogDensityFn = std::function<Vec(const Mat&)>;
/// A cumulative distribution function on the line.
using CdfFn = std::function<double(double)>;

class GridDensity final : public OutputLaw {
 public:
  /// values: grid.size() finite values >= 0 in node order; lost_mass: the mass the law has
  /// outside the grid (>= 0); dropped_mass: a bound on the mass the computation dropped inside
  /// it (negligible sources, kernel tails; >= 0). Throws InputError otherwise.
  GridDensity(GridSpec grid, Vec values, double lost_mass = 0.0, double dropped_mass = 0.0);

  /// N(law.mean, law.cov) at the nodes; lost_mass is the exact normal tail mass outside the grid
  /// in 1-D and for a diagonal covariance in 2-D, a union bound otherwise. An isotropic law also
  /// becomes last_step() (one component). Throws InputError unless the law has the grid's
  /// dimension and a symmetric positive definite covariance.
  static GridDensity from_gaussian(GridSpec grid, const Gaussian& law);

  std::string kind() const override { return "grid_density"; }
  Eigen::Index dim() const override { return grid_.dim(); }
  const GridDensity* as_grid() const override { return this; }

  const GridSpec& grid() const { return grid_; }
  const GridAxis& axis(Eigen::Index a) const { return grid_.axes[static_cast<std::size_t>(a)]; }
  /// Number of nodes.
  Eigen::Index size() const { return values_.size(); }
  /// Density values at the nodes, in node order (2-D: a column-major n₀ × n₁ array).
  const Vec& values() const { return values_; }
  /// The nodes as the rows of a size() × dim() matrix.
  Mat nodes() const;
  /// Trapezoid weights of the nodes (product over the axes).
  Vec weights() const;

  /// ∫_grid p by the trapezoid rule.
  double mass() const;
  /// The mass of the law outside the grid.
  double lost_mass() const { return lost_mass_; }
  /// A bound on the mass the computation dropped inside the grid.
  double dropped_mass() const { return dropped_mass_; }
  /// |mass() + lost_mass() − 1|: the quadrature error of the mass balance.
  double mass_defect() const { return std::abs(mass() + lost_mass_ - 1.0); }

  /// Mean and covariance of the density normalised to unit mass on the grid (trapezoid rule).
  Vec mean() const;
  Mat covariance() const;

  /// The last step's Gaussian mixture, when known.
  const std::optional<KernelMixture>& last_step() const { return last_step_; }
  /// Attaches it (centres of the grid's dimension, weights >= 0 finite, var > 0).
  void set_last_step(KernelMixture m);

  /// 1-D: the CDF of the law normalised to unit mass (from last_step() when present, else the
  /// cumulative trapezoid rule with linear interpolation of the density between nodes).
  double cdf(double x) const;
  /// 1-D: the u-quantile, u in (0, 1), by bisection on cdf() (to relative 1e-15).
  double quantile(double u) const;

  // Distances between a target law with log-density log_target and this law. The target must be
  // normalised (a log-density, not a log-likelihood up to a constant). Each is an Estimate with
  // method "grid_quadrature" and the bias bound of the header comment; the truncation terms
  // (π_out, p_out the masses outside the grid) are stated per method.

  /// KL(π ‖ p) = ∫ [π log(π/p) − π + p] (a non-negative integrand, equal to KL when both laws
  /// have unit mass). Truncation: p_out + 2π_out·max(1, L_b), L_b the largest |log(π/p)| on
  /// the grid's boundary nodes — an estimate that assumes the log ratio grows at most
  /// quadratically past the boundary, as it does between Gaussian-tailed laws. Throws InputError
  /// where p = 0 but π has non-negligible mass (the KL is infinite or the grid too small).
  Estimate kl_data_model(const LogDensityFn& log_target) const;
  /// KL(p ‖ π), the same with the roles exchanged.
  Estimate kl_model_data(const LogDensityFn& log_target) const;
  /// TV = ½∫|π − p|. Truncation: ½(π_out + p_out) (rigorous). The kinks of |π − p| make the rule
  /// O(Δ²); the refinement term then dominates the bias bound.
  Estimate tv(const LogDensityFn& log_target) const;
  /// H² = 1 − ∫√(πp) = ½∫(√π − √p)² (the cancellation-free form is summed). Truncation:
  /// ½(π_out + p_out) (rigorous).
  Estimate hellinger2(const LogDensityFn& log_target) const;
  /// 1-D: W2 between the target with CDF target_cdf and this law, from the two quantile
  /// functions: W2² = ∫ (x − G⁻¹(F(x)))² p(x) dx, F this law's cdf(), G⁻¹ by bisection on
  /// target_cdf within [lo, hi] (which must hold the target's mass: quantiles beyond it are
  /// clamped, and the mass of the nodes where that happens, times (hi − lo)², enters the bias
  /// bound, as does lost_mass()·(hi − lo + grid width)²).
  Estimate w2(const CdfFn& target_cdf, double lo, double hi) const;

 private:
  GridSpec grid_;
  Vec values_;
  double lost_mass_ = 0.0;
  double dropped_mass_ = 0.0;
  std::optional<KernelMixture> last_step_;
};

}  // namespace sb
