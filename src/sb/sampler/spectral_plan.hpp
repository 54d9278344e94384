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
  /// for EIR on a process without a stationary law. Above kMaxStoredValues per-step values
  /// (N·(2d + 4), e.g. 10^8 steps) the plan stores nothing and recomputes each step's
  /// coefficients and base field in run(), with the same arithmetic (the same bits); `p` and
  /// `base` must then outlive the plan. `max_stored_values` lowers that limit (tests compare
  /// the two modes on small problems).
  SpectralPlan(const LinearProcess& p, const AffineScore& base, Scheme s, const TimeGrid& grid,
               const BasisPtr& basis, long long max_stored_values = kMaxStoredValues);

  /// The output law from `init` with the score (1 + δ)·base + ε·e, e given in the basis
  /// coordinates (empty when ε = 0).
  SamplerResult run(const SpectralGaussian& init, double delta = 0.0, double eps = 0.0,
                    const Vec& e_rot = Vec()) const;

  int steps() const { return grid_.steps(); }

  /// Per-step values (doubles) a plan keeps at most by default: 2^25, 256 MB.
  static constexpr long long kMaxStoredValues = 1LL << 25;
  /// True when the plan recomputes each step in run() instead of storing it.
  bool on_the_fly() const { return on_the_fly_; }

 private:
  struct StepView {
    const StepCoefficients* c;
    const double* B;
    const double* b;
  };
  /// Step k's coefficients and base field: stored, or computed into `scratch` (on the fly).
  StepView view(int k, StepCoefficients& c, Vec& P, Vec& q) const;
  void step(const StepView& v, double delta, double eps, const Vec& e_rot, Vec& mean,
            Vec& var) const;
  SamplerResult diverged(int k, double delta, double eps, const Vec& e_rot, const Vec& mean,
                         const Vec& var) const;

  Scheme scheme_;
  TimeGrid grid_;
  BasisPtr basis_;
  std::vector<StepCoefficients> coef_;
  Mat B_, b_;       // d × N: column k is the base field at τ_k
  Vec centre_rot_;  // Uᵀμ (empty when the process has no centre)
  // On the fly (nothing stored): the process and base score to recompute steps from.
  bool on_the_fly_ = false;
  const LinearProcess* process_ = nullptr;
  const AffineScore* base_ = nullptr;
  // The error the base score carries when it is a GaussianScore (to explain a divergence).
  double base_delta_ = 0.0, base_eps_ = 0.0;
  Vec base_e_rot_;
};

}  // namespace sb
