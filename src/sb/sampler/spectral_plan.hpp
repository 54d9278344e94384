// The spectral recursion of theory-notes B.2 split into what depends only on (process, scheme,
// grid, base score) — computed once — and what each run adds: the initial law and an affine
// perturbation of the score (δ, ε, e) as in B.1. A sweep over score errors or initial laws
// then costs O(d) multiply-adds per step, with no transcendental function and no division.
//
// Per step k the base field is ŝ₀(τ_k, y) = −B_k y + b_k (diagonal in the data eigenbasis); the
// perturbed field is ŝ = (1 + δ) ŝ₀ + ε e, i.e. P_k = (1 + δ) B_k, q_k = (1 + δ) b_k + ε e, and
//   mean ← (α − γ P_k) ∘ mean + γ q_k + ζ μ,    var ← (α − γ P_k)² ∘ var + ω.
#pragma once

#include <vector>

#include "sb/law/gaussian.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/sampler/exact_recursion.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

class SpectralPlan {
 public:
  /// `base` must be spectral in `basis`. Throws InputError for kContinuous (not a recursion) and
  /// for EIR on a process without a stationary law.
  SpectralPlan(const LinearProcess& p, const AffineScore& base, Scheme s, const TimeGrid& grid,
               const BasisPtr& basis);

  /// The output law from `init` with the score (1 + δ)·base + ε·e, e given in the basis
  /// coordinates (empty when ε = 0).
  SamplerResult run(const SpectralGaussian& init, double delta = 0.0, double eps = 0.0,
                    const Vec& e_rot = Vec()) const;

  int steps() const { return static_cast<int>(coef_.size()); }

 private:
  void step(int k, double delta, double eps, const Vec& e_rot, Vec& mean, Vec& var) const;

  Scheme scheme_;
  TimeGrid grid_;
  BasisPtr basis_;
  std::vector<StepCoefficients> coef_;
  Mat B_, b_;       // d × N: column k is the base field at τ_k
  Vec centre_rot_;  // Uᵀμ (empty when the process has no centre)
};

}  // namespace sb
