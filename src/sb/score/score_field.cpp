#include "sb/score/score_field.hpp"

namespace sb {

Vec ScoreField::eval(double tau, const Vec& y) const {
  Mat out;
  eval_batch(tau, y.transpose(), out);
  return out.row(0).transpose();
}

void AffineScore::eval_batch(double tau, const Mat& Y, Mat& out) const {
  Mat P;
  Vec q;
  field_dense(tau, P, q);
  // Row i is ŝ(τ, y_i)ᵀ = (q − P y_i)ᵀ = qᵀ − y_iᵀ Pᵀ.
  out.noalias() = -Y * P.transpose();
  out.rowwise() += q.transpose();
}

}  // namespace sb
