// The law of a sampler's output in dimension 1 or 2 computed deterministically on a grid, for
// any score field (Gaussian mixtures and other data without a closed-form output law).
//
// Every discretised scheme of the seeds (em: seed 004 eq. (13); ei: seed 003; eir: CDS25; the
// step coefficients of scheme.hpp) is, given Y_k = y, Gaussian:
//     Y_{k+1} | Y_k = y ~ N(A_k(y), q_k I),   A_k(y) = α_k y + ζ_k μ + γ_k ŝ(τ_k, y),   q_k = ω_k,
// with (α, γ, ζ, ω) the step coefficients of scheme.hpp:
//   EM : A_k(y) = y + h_k(−a(τ_k) y − b(τ_k) μ + g2(τ_k) ŝ(τ_k, y)),  q_k = h_k g2(τ_k);
//   EI : A_k(y) = E_k y + (κ_{τ_{k+1}} − E_k κ_{τ_k}) μ + G_k ŝ(τ_k, y),  q_k = E_k² s²_{τ_k} −
//        s²_{τ_{k+1}},  E_k = m_{τ_{k+1}}/m_{τ_k},  G_k = m_{τ_{k+1}} ∫_{τ_{k+1}}^{τ_k} g2/m;
//   EIR: A_k(y) = μ∞ + F_k (y − μ∞) + 2v∞(1 − F_k)(ŝ(τ_k, y) + (y − μ∞)/v∞),  q_k = v∞(1 − F_k²).
// The density therefore propagates by Chapman–Kolmogorov,
//     p_{k+1}(y') = ∫ p_k(y) N(y'; A_k(y), q_k I) dy,
// evaluated at the grid's nodes by the trapezoid rule over the source nodes y_i:
//     p_{k+1}(y'_j) = Σ_i c_i N(y'_j; A_k(y_i), q_k I),   c_i = w_i p_k(y_i).
// 1-D: each source's kernel is added on the band of target nodes within kernel_cutoff_sds·√q_k
// of A_k(y_i) (O(n·band) per step). 2-D: the kernel factorises, N(y'; A, qI) = N(y'₀; A₀, q)
// N(y'₁; A₁, q), so with K₀ (n₀ × sources) and K₁ (n₁ × sources) the step is the matrix product
// P_{k+1} = K₀ diag(c) K₁ᵀ (Eigen GEMM, over blocks of sources and the window of target nodes
// their kernels reach).
//
// Accuracy (see grid_density.hpp for the trapezoid rule's geometric convergence): the integrand
// in y is p_k(y)·N(y'; A_k(y), q_k) and p_k is itself a Gaussian smoothing at scale √q_{k−1}, so
// the rule is accurate to ~2·exp(−2π²/r²) relative when, at every step,
//   (i) the spacing of each axis is at most r·√q_k, and
//  (ii) the images of neighbouring source nodes are at most r·√q_k apart, ‖A_k(y_{i+1}) −
//       A_k(y_i)‖ <= r√q_k (over the sources with non-negligible mass),
// with r = max_spacing_ratio (0.75 by default: 2·exp(−35) ≈ 1e-15). Both are checked, and a
// violation is an InputError naming "grid spacing" (refine the grid).
// The mass leaving the grid in a step is Σ_i c_i P(N(A_k(y_i), q_k I) ∉ box), exact from the
// normal tails; it accumulates in lost_mass(). Sources with c_i below negligible_mass × max_i c_i
// are skipped and the kernel tails beyond the cutoff are not added; both go to dropped_mass().
// The last step's mixture Σ_i c_i N(A_{N−1}(y_i), q_{N−1} I) is attached (last_step()).
#pragma once

#include <functional>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/law/grid_density.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

/// The grid is too coarse for a step (conditions (i), (ii) above): refine it.
class GridTooCoarse : public InputError {
 public:
  using InputError::InputError;
};

struct GridOptions {
  /// r of conditions (i) and (ii) of the header comment.
  double max_spacing_ratio = 0.75;
  /// Kernels are evaluated within this many √q_k of their centre (beyond 9: e^{−40.5} of the
  /// peak, a tail mass of 2e-19).
  double kernel_cutoff_sds = 9.0;
  /// Source nodes with mass below this fraction of the largest node mass are skipped.
  double negligible_mass = 1e-30;
  /// 2-D: number of sources per matrix product (taken as square tiles of the grid).
  Eigen::Index source_block = 1024;
  /// When set, called after every step k with the density of Y_{k+1} on the grid (lost and
  /// dropped masses so far, no last_step()): the intermediate laws (sampler/forgetting.hpp).
  std::function<void(int, const GridDensity&)> on_step{};
};

/// A grid for a run: covering the process's reference law N(μ, v I) at horizon T and the given
/// laws (the data, or the components of a mixture), half_width_sds standard deviations beyond
/// each, with `count` nodes per axis (sb::grid_covering).
GridSpec propagation_grid(const LinearProcess& p, double T, const std::vector<Gaussian>& laws,
                          Eigen::Index count, double half_width_sds = 10.0);

/// The reference law N(μ, v I) of the process at horizon T on the grid (the sampler's start).
GridDensity reference_density(const LinearProcess& p, double T, GridSpec grid);

/// The law of the output Y_N of scheme s (EM, EI or EIR) run with `score` on `grid` from the
/// density `init`. Throws InputError for the continuous scheme ("sampler"), a scheme that does not
/// apply to the process, a score of another dimension ("score dimension"), a grid of dimension
/// other than 1 or 2, a grid too coarse for a step ("grid spacing"), a non-finite score at a
/// node with mass ("score"), and invalid options.
GridDensity propagate_on_grid(const LinearProcess& p, const ScoreField& score, Scheme s,
                              const TimeGrid& grid, const GridDensity& init,
                              const GridOptions& opt = {});

/// The same from the reference law on `spec` (reference_density).
GridDensity propagate_on_grid(const LinearProcess& p, const ScoreField& score, Scheme s,
                              const TimeGrid& grid, const GridSpec& spec,
                              const GridOptions& opt = {});

}  // namespace sb
