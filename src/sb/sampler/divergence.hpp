// Why a spectral recursion left the finite range (|mean| or variance beyond kDivergenceLimit):
// the one-line cause printed in a diverged report. A recursion can blow up because an explicit
// step is too large, because the score error is huge (δ or ε), because the process itself
// expands or injects a huge variance, or because the law it starts from is already huge (an
// expanding process or a tiny θ makes the reference law enormous) — the message says which.
#pragma once

#include <string>

#include "sb/core/types.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"

namespace sb {

/// One step of the spectral recursion along one eigen-direction j of the data (spectral_plan.hpp)
/// with the score ŝ = −(1 + δ)(B y − b) + ε e (B, b: the exact score's slope and offset at τ_k):
///   mean' = A mean + γ(1 + δ) b + (γ ε e_j) + ζ μ_j,   var' = A² var + ω,   A = α − γ(1 + δ) B.
struct StepTerms {
  Scheme scheme = Scheme::kEulerMaruyama;
  int step = 0;
  StepCoefficients c;
  Eigen::Index j = 0;            // the eigen-direction that left the range
  double delta = 0.0;            // the multiplicative score error δ of the score that ran
  double eps = 0.0;              // the size ε of its additive error
  double slope = 0.0;            // B_j, the exact score's slope
  double offset = 0.0;           // b_j, the exact score's offset
  double eps_shift = 0.0;        // the mean shift the additive error makes in this step
  double centre = 0.0;           // μ_j, the process centre
  double mean = 0.0, var = 0.0;  // before the step
};

/// "the <scheme> recursion diverged at step k (forward time τ_k -> τ_{k+1}, step size h):
/// <cause>", the cause read off the terms of the step.
std::string explain_divergence(const StepTerms& t, const TimeGrid& grid);

/// The message when the initial law itself has an entry beyond the limit (nothing was run):
/// `mean` and `var` are the largest |mean| and the largest variance of that law.
std::string explain_initial_overflow(double mean, double var);

/// The index of the entry of (mean, var) that is non-finite, beyond the limit, or a negative
/// variance (the first such; 0 if none).
Eigen::Index first_out_of_range(const Vec& mean, const Vec& var);

}  // namespace sb
