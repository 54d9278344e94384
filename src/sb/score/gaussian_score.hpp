// The exact score of Gaussian data and its affine perturbations (theory-notes B.1):
//   ŝ(τ, y) = −(1 + δ) Σ_τ⁻¹ (y − μ_τ) + ε e,   ‖e‖ = 1,
// with L² error under p_τ equal to ε² + δ² tr Σ_τ⁻¹ (the cross term vanishes) and L^∞ error ε
// when δ = 0, +∞ otherwise.
#pragma once

#include <memory>

#include "sb/data/gaussian_data.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/score/score_error.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

class GaussianScore final : public AffineScore {
 public:
  /// Throws InputError for δ ≤ −1, ε < 0, a direction of the wrong size or of zero norm. The
  /// data must outlive the score (see the shared_ptr overload otherwise).
  GaussianScore(ProcessPtr process, const GaussianData& data, ScoreError err);
  /// The same, keeping the data alive for as long as the score lives.
  GaussianScore(ProcessPtr process, std::shared_ptr<const GaussianData> data, ScoreError err);

  std::string describe() const override;
  Eigen::Index dim() const override { return e_.size(); }
  bool is_spectral() const override { return true; }
  void field_spectral(double tau, Vec& P, Vec& q) const override;
  void field_dense(double tau, Mat& P, Vec& q) const override;
  Vec eval(double tau, const Vec& y) const override;
  /// Exact: ε² + δ² tr Σ_τ⁻¹.
  Estimate l2_error_sq(double tau) const override;
  double linf_error(double tau) const override;
  std::optional<ScorePerturbation> perturbation() const override;

  const ScoreError& error() const { return err_; }
  /// The unit direction e in the original coordinates.
  const Vec& direction() const { return e_; }
  /// Uᵀe.
  const Vec& direction_rot() const { return e_rot_; }

 private:
  ProcessPtr process_;
  std::shared_ptr<const GaussianData> owner_;  // empty when the caller owns the data
  const GaussianData* data_;
  ScoreError err_;
  Vec e_, e_rot_, centre_rot_, mean_rot_;
};

}  // namespace sb
