// The exact law of a sampler's output for Gaussian data: the mean/covariance recursion of
// theory-notes B.2,  M_{k+1} = A_k M_k + c_k,  C_{k+1} = A_k C_k A_kᵀ + Q_k,  with
// A_k = α_k I − γ_k P_k, c_k = ζ_k μ + γ_k q_k, Q_k = ω_k I (see scheme.hpp), and the
// continuous-time reverse SDE (theory-notes B.3). No Monte Carlo is involved.
//
// Two paths compute the same law:
//  * spectral: every matrix is diagonal in the data eigenbasis (isotropic process, score model
//    diagonal there, initial covariance diagonal there): O(d) per step;
//  * dense: full matrices, O(d³) per step, for everything else and as a cross-check.
#pragma once

#include <string>

#include "sb/data/gaussian_data.hpp"
#include "sb/law/gaussian.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

/// Where the sampler starts: the reference law of the process (the algorithm as used), or the
/// exact forward marginal p_T (which isolates the discretisation and score errors).
enum class Init { kReference, kPT };
std::string to_string(Init i);
Init init_from_string(std::string_view name, std::string_view key = "init");

/// The law of Y_0, as a spectral law in the data eigenbasis.
SpectralGaussian initial_law(Init init, const LinearProcess& p, const GaussianData& data, double T);

enum class RunStatus { kOk, kDiverged };

struct SamplerResult {
  RunStatus status = RunStatus::kOk;
  /// First step k (0-based) after which the law had a non-finite entry or a variance or mean
  /// above kDivergenceLimit; −1 when status is kOk.
  int diverged_at_step = -1;
  std::string message;
  bool is_spectral = false;
  SpectralGaussian spectral;  // the output law, when is_spectral
  Gaussian dense;             // the output law, when !is_spectral
  /// The output law in the original coordinates (computed from `spectral` if needed).
  Gaussian law() const { return is_spectral ? spectral.dense() : dense; }
  bool ok() const { return status == RunStatus::kOk; }
};

/// A law whose entries exceed this in magnitude is reported as diverged: squaring it in a
/// distance would overflow.
inline constexpr double kDivergenceLimit = 1e150;

/// One line saying where and why a recursion left the finite range.
std::string divergence_message(Scheme s, int step, const TimeGrid& grid);

/// Spectral path. Requires score.is_spectral() and `init` in data.basis().
SamplerResult run_exact_spectral(const LinearProcess& p, const GaussianData& data,
                                 const AffineScore& score, Scheme s, const TimeGrid& grid,
                                 const SpectralGaussian& init);

/// Dense path, any initial Gaussian.
SamplerResult run_exact_dense(const LinearProcess& p, const GaussianData& data,
                              const AffineScore& score, Scheme s, const TimeGrid& grid,
                              const Gaussian& init);

}  // namespace sb
