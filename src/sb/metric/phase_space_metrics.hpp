// Distances between phase-space Gaussians of the CLD engine (sampler/cld_recursion.hpp; seed
// 002; theory-notes B.4 per 2×2 block): KL, W2 (Bures) and TV of the phase-space laws, and the
// distances of a sampler's output to its targets (position marginal against π_data, phase-space
// law against π_data ⊗ N(0, vI)). Exact except TV with unequal covariances in more than one
// coordinate (Monte Carlo with rigorous bounds, metric/gaussian_tv.hpp).
#pragma once

#include "sb/metric/gaussian_tv.hpp"
#include "sb/sampler/cld_recursion.hpp"

namespace sb {

/// KL(P‖Q) = Σ_j KL of the 2×2 blocks (sb::kl_divergence on each).
double kl_divergence(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q);
/// W₂²(P, Q) = Σ_j W₂² of the 2×2 blocks (sb::w2_squared, Bures, on each).
double w2_squared(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q);
double w2(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q);
/// TV(P, Q): each block is mapped by the invertible map that whitens Q's block and
/// diagonalises P's (TV is invariant under it), then sb::total_variation_diag on the 2d
/// independent coordinates: exact only when the covariances are equal, otherwise its Monte
/// Carlo estimate with rigorous bounds (see gaussian_tv.hpp).
TvResult total_variation(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q,
                         const TvOptions& options = {});

/// The distances of a sampler's output to its targets: the position marginal against π_data
/// and the phase-space law against π_data ⊗ N(0, v I). KL is KL(target‖output) (theory-notes E
/// convention); kl_*_reverse is KL(output‖target). TV of the position marginal is exact for
/// d = 1 (Monte Carlo with bounds otherwise).
struct CldDistances {
  double kl_position = 0.0, kl_position_reverse = 0.0, w2_position = 0.0;
  double kl_phase = 0.0, kl_phase_reverse = 0.0, w2_phase = 0.0;
  TvResult tv_position{}, tv_phase{};
};
CldDistances cld_distances(const CldProcess& p, const GaussianData& data,
                           const PhaseSpaceGaussian& out, const TvOptions& tv = {});

}  // namespace sb
