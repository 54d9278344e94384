// The exact score of any data law and its perturbations, for data laws without an affine
// score (mixtures, the funnel; ROADMAP 3):
//   ŝ(τ, y) = (1 + δ) ∇log p_τ(y) + ε e,   ‖e‖ = 1   (theory-notes B.1),
// with ∇log p_τ from Target::score. Its L² error under p_τ is
//   E‖ŝ − ∇log p_τ‖² = δ² E‖∇log p_τ‖² + ε²,
// the cross term 2δε E⟨∇log p_τ, e⟩ vanishing because E_{p_τ}∇log p_τ = ∫∇p_τ = 0; the Fisher
// information E‖∇log p_τ‖² comes from Target::fisher_information, exact where a closed form
// exists and a Monte Carlo estimate (with its standard error) otherwise. For Gaussian data the
// affine GaussianScore is the same field with the spectral fast path (sb::make_score picks it).
#pragma once

#include "sb/data/target.hpp"
#include "sb/process/linear_process.hpp"
#include "sb/score/score_error.hpp"
#include "sb/score/score_field.hpp"

namespace sb {

class PerturbedScore final : public ScoreField {
 public:
  /// Throws InputError for δ <= −1, ε < 0, a direction of the wrong size or zero.
  PerturbedScore(TargetPtr target, ProcessPtr process, ScoreError err, TargetMcOptions mc = {});

  std::string describe() const override;
  Eigen::Index dim() const override { return e_.size(); }
  void eval_batch(double tau, const Mat& Y, Mat& out) const override;
  void eval_batch(double tau, const Mat& Y, Mat& out, Scratch& scratch) const override;
  Estimate l2_error_sq(double tau) const override;
  /// ε when δ = 0, +inf otherwise (the score of a law with unbounded support is unbounded).
  double linf_error(double tau) const override;
  std::optional<ScorePerturbation> perturbation() const override;

 private:
  TargetPtr target_;
  ProcessPtr process_;
  ScoreError err_;
  TargetMcOptions mc_;
  Vec e_;
};

}  // namespace sb
