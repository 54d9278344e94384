// Forgetting of the backward chain (SCCLO26; seed 000, slide "Stability I: Forgetting Property
// of the Backward Chain"; theory-notes C9, D-28, test vector V22): the total variation between
// the laws of two copies of a discretised sampler (em, ei, eir) started at points x and y,
//     TV_k = TV(Law X_k^x, Law X_k^y),   k = 0..N,
// which the seed claims is <= C ρ^k with ρ < 1 (no constants given).
//
// Every step of these schemes is Y_{k+1} | Y_k = y ~ N(A_k(y), q_k I) with the step map
// A_k(y) = α_k y + ζ_k μ + γ_k ŝ(τ_k, y) and q_k = ω_k (scheme.hpp). Two ways to compute TV_k:
//  * affine score (Gaussian data; theory-notes B.2, C9): A_k(y) = A_k y + c_k with the matrix
//    A_k = α_k I − γ_k P(τ_k). Both chains keep the covariance C_k (C_0 = 0,
//    C_{k+1} = A_k C_k A_kᵀ + q_k I, independent of the start) and their means differ by
//    Π_k (x − y), Π_k = A_{k−1}⋯A_0, so (equal-covariance TV, theory-notes B.4 (i))
//        TV_k = 2Φ(½‖C_k^{−1/2} Π_k (x − y)‖) − 1 = erf(‖C_k^{−1/2} Π_k (x − y)‖ / (2√2)) (exact);
//  * any score in dimension 1 or 2 (Gaussian mixtures): from a point the law after the first
//    step is N(A_0(x), q_0 I) exactly (TV_1 is then the equal-covariance closed form); that
//    density is put on a grid and propagated through the remaining steps by propagate_on_grid,
//    whose on_step hook hands over every intermediate density; TV_k (k >= 2) is the grid TV
//    between the two densities with its bias bound (grid_tv below).
//
// Per-step factors: L_k, the Lipschitz constant of the step map y ↦ A_k(y) (the factor by which
// a synchronous coupling of the two chains, same noise, shrinks or stretches their distance).
// Affine: L_k = ‖A_k‖₂ (largest singular value; |A_k| in 1-D). Grid: 1-D, the largest secant
// slope |A_k(y_{i+1}) − A_k(y_i)|/Δ over a fine grid (a lower bound on sup|A_k'| by the mean
// value theorem, converging as O(Δ²)); 2-D, the largest ‖J‖₂ of central-difference Jacobians.
//
// Coupling bound (the product reading checked by scclo26_forgetting): couple the chains
// synchronously for k − 1 steps (‖X^x_{k−1} − X^y_{k−1}‖ <= L_0⋯L_{k−2}‖x − y‖) and let the last
// step's Gaussian kernels meet; by convexity of TV,
//     TV_k <= 2Φ(Λ_k ‖x − y‖ / (2√q_{k−1})) − 1,   Λ_k = L_0 L_1 ⋯ L_{k−1},
// which needs no per-step factor below 1, only products that decay. Equality at k = 1 for an
// affine chain in 1-D.
#pragma once

#include <string>
#include <vector>

#include "sb/core/estimate.hpp"
#include "sb/core/types.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/law/grid_density.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/grid_propagation.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

struct ForgettingCurve {
  /// TV_k, k = 0..N. TV_0 = 1 for x ≠ y (two point masses), 0 for x = y.
  std::vector<Estimate> tv;
  /// L_k, k = 0..N−1 (see the header comment for how each engine evaluates it).
  std::vector<double> step_lipschitz;
  /// q_k, k = 0..N−1: the kernel variance of step k.
  std::vector<double> kernel_var;
  /// ‖x − y‖.
  double distance = 0.0;
  /// Affine chains only (else empty / 0): ‖Π_k‖₂ for k = 0..N, and the two output laws.
  std::vector<double> product_norm;
  Vec mean_x, mean_y;
  Mat cov;

  /// Λ_k = L_0⋯L_{k−1}, k = 0..N (Λ_0 = 1).
  std::vector<double> lipschitz_product() const;
  /// The coupling bound of the header comment, k = 0..N ([0] = TV_0's trivial bound 1, or 0
  /// when x = y).
  std::vector<double> coupling_bound() const;
  /// The point values TV_k.
  std::vector<double> values() const;
  /// The constant of the coupling bound in geometric form, TV_k <= C·Λ_k with
  /// C = ‖x − y‖/√(2π min_k q_k) (from 2Φ(z/2) − 1 <= z/√(2π)), raised to TV_0 when smaller.
  double coupling_constant() const;
};

/// The fitted envelope TV_k <= C ρ^k. Rule: the envelope must hold at every k = 0..N, so
/// C >= TV_0 (= 1 for two distinct points); with the smallest such C = TV_0,
/// ρ = max_{1<=k<=N} (TV_k / TV_0)^{1/k} is the smallest rate, attained at k_star (the geometric
/// envelope through (0, TV_0) and the point that binds). C = ρ = 0 when TV_0 = 0.
struct GeometricFit {
  double C = 0.0;
  double rho = 0.0;
  int k_star = 0;
};
/// Throws InputError for an empty vector or a value outside [0, 1 + 1e-9] (values above 1 by
/// quadrature rounding are clamped to 1).
GeometricFit fit_geometric(const std::vector<double>& tv);
/// The same rule with a given C >= TV_0: ρ = max_{1<=k<=N} (TV_k / C)^{1/k}, the smallest rate
/// for that C (e.g. C = coupling_constant(), which lets ρ measure decay from distant starts
/// whose TV stays near 1 for several steps). Throws InputError unless C is finite and >= TV_0.
GeometricFit fit_geometric(const std::vector<double>& tv, double C);

/// The exact curve for an affine score (Gaussian data), any dimension. With `basis` (the data
/// eigenbasis U, columns; GaussianData::basis()) and a spectral score every matrix is diagonal
/// in that basis and the recursion is O(d) per step (cov is then filled only for d <= 256);
/// otherwise dense matrices, O(d³) per step. Throws InputError for the continuous scheme, a
/// scheme that does not apply to the process, x, y or a basis of a dimension other than the
/// score's.
ForgettingCurve forgetting_exact(const LinearProcess& p, const AffineScore& score, Scheme s,
                                 const TimeGrid& grid, const Vec& x, const Vec& y,
                                 const Mat* basis = nullptr);

struct ForgettingGridOptions {
  /// Nodes per axis of the propagation grid (0: 2001 in 1-D, 201 in 2-D, doubled up to three
  /// times while a step finds the grid too coarse).
  Eigen::Index points = 0;
  /// The grid covers the given laws, the reference law and both first-step laws this many
  /// standard deviations beyond each.
  double half_width_sds = 10.0;
  /// Nodes per axis of the grid on which L_k is evaluated (0: 20001 in 1-D, 201 in 2-D).
  Eigen::Index lipschitz_points = 0;
  /// False: step_lipschitz is left empty (a caller that has the factors already, e.g. for
  /// several starting pairs of one chain, fills it with step_lipschitz_on_grid once).
  bool lipschitz = true;
  GridOptions grid{};
};

/// The curve by density propagation (dimension 1 or 2, any score). `cover` are laws the grid
/// must cover (e.g. the data's moment law). Throws InputError as forgetting_exact, for a
/// dimension other than 1 or 2, and GridTooCoarse when refining does not help.
ForgettingCurve forgetting_on_grid(const LinearProcess& p, const ScoreField& score, Scheme s,
                                   const TimeGrid& grid, const Vec& x, const Vec& y,
                                   const std::vector<Gaussian>& cover,
                                   const ForgettingGridOptions& opt = {});

/// L_k, k = 0..N−1, of any score on a grid covering `cover` (dimension 1 or 2).
std::vector<double> step_lipschitz_on_grid(const LinearProcess& p, const ScoreField& score,
                                           Scheme s, const TimeGrid& grid,
                                           const std::vector<Gaussian>& cover,
                                           Eigen::Index points = 0, double half_width_sds = 10.0);

/// The step map A_k(y) = α_k y + ζ_k μ + γ_k ŝ(τ_k, y) at the rows of Y (n × d).
Mat step_map(const LinearProcess& p, const ScoreField& score, Scheme s, const TimeGrid& grid, int k,
             const Mat& Y);

/// TV = ½∫|a − b| between two densities on the same grid: GridDensity::tv of `a` against the
/// values of `b` (method "grid_quadrature"), its bias bound increased by b's own error (mass
/// defect and dropped mass). Throws InputError when the grids differ.
Estimate grid_tv(const GridDensity& a, const GridDensity& b);

}  // namespace sb
