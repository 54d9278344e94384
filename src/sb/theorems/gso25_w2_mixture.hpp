// Helpers of the GSO25 W2-rate check on Gaussian mixtures (gso25_w2_rate_mixture.cpp), exposed
// for its tests: W2(π_data, γ_d) exactly in 1-D and bracketed in d >= 2 (theory-notes C, intro;
// C5). Source: seed 000 (Ocello), slide "Theorem [GSO25]"; Gentiloni Silveri, Ocello, ICML 2025.
#pragma once

#include "sb/data/gaussian_mixture.hpp"
#include "sb/data/mixture1d.hpp"

namespace sb::theorems::gso25_mixture {

/// W2(π, N(0, 1)) for a 1-D Gaussian mixture π, by the quantile coupling written in the data's
/// variable: W2² = ∫ (x − Φ⁻¹(F(x)))² f(x) dx, Φ⁻¹(F) = −√2 erfc⁻¹(2F) for F <= ½ and
/// √2 erfc⁻¹(2S) above (S = 1 − F summed from the components' upper tails: no cancellation).
/// Adaptive Gauss–Kronrod (relative 1e-13) on the pieces between the sorted component means,
/// truncated at min μ − 40 max σ and max μ + 40 max σ; *error (when given) receives an error
/// estimate of W2.
double w2_to_standard_normal(const Mixture1d& m, double* error = nullptr);

/// W2(π_data, γ_d) for a mixture with equal isotropic covariances: exact in 1-D (lower = upper,
/// exact = true); in d >= 2 the Gelbrich lower bound (‖m‖² + Σ_j (√λ_j − 1)², λ_j the eigenvalues
/// of Cov π_data) and the component-wise upper bound (Σ_i β_i (‖μ_i‖² + d(σ − 1)²))^{1/2}.
struct InitW2 {
  double lower = 0.0, upper = 0.0, error = 0.0;
  bool exact = false;
};
InitW2 init_w2(const GaussianMixture& m);

}  // namespace sb::theorems::gso25_mixture
