// A score model ŝ(τ, y) ≈ ∇log p_τ(y), the object every sampler consumes, evaluated pointwise
// and in batches (n × d), with its L² error under the forward marginal p_τ — exact where a
// closed form exists, a Monte Carlo estimate with its standard error otherwise.
//
// Fields compose with perturbations of the exact score: the exact score itself, and
// ŝ = (1 + δ)∇log p_τ + ε e (theory-notes B.1; later random fields and fitted scores, ROADMAP
// 3, 7). A field that is affine in y, ŝ(τ, y) = −P(τ) y + q(τ), is an AffineScore: the
// refinement the exact mean/covariance recursion needs, reached through as_affine().
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sb/core/estimate.hpp"
#include "sb/core/scratch.hpp"
#include "sb/core/types.hpp"

namespace sb {

class AffineScore;

/// ŝ = (1 + delta)∇log p_τ + eps·direction, ‖direction‖ = 1: what a field is relative to the
/// exact score of the problem's data law, when it is such a perturbation.
struct ScorePerturbation {
  double delta = 0.0;
  double eps = 0.0;
  Vec direction;  // unit vector, original coordinates
};

class ScoreField {
 public:
  virtual ~ScoreField() = default;
  virtual std::string describe() const = 0;
  virtual Eigen::Index dim() const = 0;

  /// ŝ(τ, ·) at the rows of Y (n × d), into the rows of `out` (resized to n × d).
  virtual void eval_batch(double tau, const Mat& Y, Mat& out) const = 0;
  /// The same, taking temporaries from `scratch` (sb::Scratch): what a sampler calls inside
  /// its time loop. Fields that can evaluate without allocating override it; the default
  /// calls eval_batch().
  virtual void eval_batch(double tau, const Mat& Y, Mat& out, Scratch& scratch) const {
    (void)scratch;
    eval_batch(tau, Y, out);
  }
  /// ŝ(τ, y) at one point (original coordinates).
  virtual Vec eval(double tau, const Vec& y) const;

  /// E_{X∼p_τ} ‖ŝ(τ, X) − ∇log p_τ(X)‖², the L² error under the forward marginal: exact
  /// (std_error 0) where a closed form exists, estimated otherwise.
  virtual Estimate l2_error_sq(double tau) const = 0;
  /// sup_y ‖ŝ(τ, y) − ∇log p_τ(y)‖ (+inf when unbounded or unknown).
  virtual double linf_error(double tau) const = 0;

  /// The perturbation of the exact score this field is, when it is one (nullopt otherwise,
  /// e.g. for a fitted score).
  virtual std::optional<ScorePerturbation> perturbation() const { return std::nullopt; }
  /// This field as an affine score, or nullptr when it is not affine in y.
  virtual const AffineScore* as_affine() const { return nullptr; }
};

using ScorePtr = std::shared_ptr<const ScoreField>;

/// Affine score fields ŝ(τ, y) = −P(τ) y + q(τ), the interface the exact recursions consume.
/// For Gaussian data every exact score is affine (theory-notes A.0), and so are the perturbed
/// scores of theory-notes B.1.
class AffineScore : public ScoreField {
 public:
  /// True when P(τ) is diagonal in the data eigenbasis, so field_spectral() may be used.
  virtual bool is_spectral() const = 0;
  /// P(τ) (diagonal) and q(τ) in the data eigenbasis. Requires is_spectral().
  virtual void field_spectral(double tau, Vec& P, Vec& q) const = 0;
  /// P(τ) and q(τ) in the original coordinates.
  virtual void field_dense(double tau, Mat& P, Vec& q) const = 0;

  /// −Y Pᵀ + 1 qᵀ, from field_dense().
  void eval_batch(double tau, const Mat& Y, Mat& out) const override;
  using ScoreField::eval_batch;
  const AffineScore* as_affine() const override { return this; }
};

}  // namespace sb
