// Affine score models ŝ(τ, y) = −P(τ) y + q(τ), the interface every exact sampler consumes.
// For Gaussian data every exact score is affine (theory-notes A.0), and so are the perturbed
// scores of theory-notes B.1.
#pragma once

#include <string>

#include "sb/core/types.hpp"

namespace sb {

class ScoreModel {
 public:
  virtual ~ScoreModel() = default;
  virtual std::string describe() const = 0;

  /// True when P(τ) is diagonal in the data eigenbasis, so field_spectral() may be used.
  virtual bool is_spectral() const = 0;
  /// P(τ) (diagonal) and q(τ) in the data eigenbasis. Requires is_spectral().
  virtual void field_spectral(double tau, Vec& P, Vec& q) const = 0;
  /// P(τ) and q(τ) in the original coordinates.
  virtual void field_dense(double tau, Mat& P, Vec& q) const = 0;
  /// ŝ(τ, y) in the original coordinates, evaluated pointwise (for the particle sampler).
  virtual Vec eval(double tau, const Vec& y) const = 0;

  /// E_{X∼p_τ} ‖ŝ(τ, X) − ∇log p_τ(X)‖², the L² error under the forward marginal.
  virtual double l2_error_sq(double tau) const = 0;
  /// sup_y ‖ŝ(τ, y) − ∇log p_τ(y)‖ (+inf when unbounded).
  virtual double linf_error(double tau) const = 0;
};

}  // namespace sb
