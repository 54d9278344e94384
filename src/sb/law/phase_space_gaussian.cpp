#include "sb/law/phase_space_gaussian.hpp"

namespace sb {

void PhaseSpaceGaussian::set_block(Eigen::Index j, const Vec2& m, const Mat2& c) {
  mean_x(j) = m(0);
  mean_v(j) = m(1);
  cov_xx(j) = c(0, 0);
  cov_xv(j) = c(0, 1);
  cov_vv(j) = c(1, 1);
}

PhaseSpaceGaussian PhaseSpaceGaussian::zeros(BasisPtr basis, Eigen::Index d) {
  return {std::move(basis), Vec::Zero(d), Vec::Zero(d), Vec::Zero(d), Vec::Zero(d), Vec::Zero(d)};
}

Gaussian PhaseSpaceGaussian::dense() const {
  const Mat& U = *basis;
  const Eigen::Index d = dim();
  Gaussian g{Vec(2 * d), Mat(2 * d, 2 * d)};
  g.mean.head(d) = U * mean_x;
  g.mean.tail(d) = U * mean_v;
  g.cov.topLeftCorner(d, d) = U * cov_xx.asDiagonal() * U.transpose();
  g.cov.topRightCorner(d, d) = U * cov_xv.asDiagonal() * U.transpose();
  g.cov.bottomLeftCorner(d, d) = g.cov.topRightCorner(d, d).transpose();
  g.cov.bottomRightCorner(d, d) = U * cov_vv.asDiagonal() * U.transpose();
  return g;
}

}  // namespace sb
