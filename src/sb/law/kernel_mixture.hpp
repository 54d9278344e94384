// The law of the last step of a chain whose last step is Gaussian given the previous state,
//     Y_N | Y_{N−1} = y ~ N(A(y), q I),
// as a mixture of isotropic Gaussian kernels: p_N(x) = E N(x; A(Y_{N−1}), q I), represented by
// centres c_i = A(y_i) with weights w_i, p(x) ≈ Σ_i w_i N(x; c_i, q I) / Σ_i w_i. The grid
// engine (sb::propagate_on_grid) attaches one with quadrature weights over the source nodes
// (GridDensity::last_step()); the particle engine (sb::run_particle_sampler) one with uniform
// weights over the particles' last-step centres, an unbiased estimate of the output density at
// every point (ParticleCloud::last_step(), metric/particle_density_metrics.hpp).
#pragma once

#include "sb/core/types.hpp"

namespace sb {

/// Σ_i weights_i N(centres.row(i), var·I): the law of the last Gaussian step of a chain.
struct KernelMixture {
  Mat centres;  // S × d
  Vec weights;  // S, >= 0
  double var = 0.0;
};

}  // namespace sb
