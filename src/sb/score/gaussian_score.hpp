// The exact score of Gaussian data and its affine perturbations (theory-notes B.1):
//   ŝ(τ, y) = −(1 + δ) Σ_τ⁻¹ (y − μ_τ) + ε e,   ‖e‖ = 1,
// with L² error under p_τ equal to ε² + δ² tr Σ_τ⁻¹ (the cross term vanishes) and L^∞ error ε
// when δ = 0, +∞ otherwise.
#pragma once

#include <memory>

#include "sb/data/gaussian_data.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/score/score_model.hpp"

namespace sb {

struct ScoreError {
  double delta = 0.0;  // multiplicative error; δ > −1
  double eps = 0.0;    // size of the additive error, ≥ 0
  Vec direction;       // e before normalisation; empty means e₁

  bool is_exact() const { return delta == 0.0 && eps == 0.0; }
};

class GaussianScore final : public ScoreModel {
 public:
  /// Throws InputError for δ ≤ −1, ε < 0, a direction of the wrong size or of zero norm.
  GaussianScore(ProcessPtr process, const GaussianData& data, ScoreError err);

  std::string describe() const override;
  bool is_spectral() const override { return true; }
  void field_spectral(double tau, Vec& P, Vec& q) const override;
  void field_dense(double tau, Mat& P, Vec& q) const override;
  Vec eval(double tau, const Vec& y) const override;
  double l2_error_sq(double tau) const override;
  double linf_error(double tau) const override;

  const ScoreError& error() const { return err_; }
  /// The unit direction e in the original coordinates.
  const Vec& direction() const { return e_; }
  /// Uᵀe.
  const Vec& direction_rot() const { return e_rot_; }

 private:
  ProcessPtr process_;
  const GaussianData* data_;  // the data outlive the score model (owned by the caller)
  ScoreError err_;
  Vec e_, e_rot_, centre_rot_, mean_rot_;
};

}  // namespace sb
