#include "sb/metric/hellinger.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/numeric.hpp"
#include "sb/metric/gaussian_kl.hpp"

namespace sb {

namespace {

// log BC on checked diagonal input (theory-notes B.4, product over directions).
double log_bc_diag_unchecked(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  double sum = 0.0;
  for (Eigen::Index j = 0; j < m1.size(); ++j) {
    // v̄/√(v1 v2) = 1 + (√v1 − √v2)²/(2√v1√v2).
    const double excess =
        num::sqrt_diff_sq(v1[j], v2[j]) / (2.0 * std::sqrt(v1[j]) * std::sqrt(v2[j]));
    const double delta = m1[j] - m2[j];
    sum -= 0.5 * std::log1p(excess) + delta * delta / (4.0 * (v1[j] + v2[j]));
  }
  return sum;  // a sum of non-positive terms
}

// log BC on a checked dense pair.
double log_bc_dense_checked(std::string_view fn, const Gaussian& P, const Gaussian& Q) {
  const Eigen::LLT<Mat> llt1 = detail::cholesky(fn, "P.cov", P.cov);
  const Eigen::LLT<Mat> llt2 = detail::cholesky(fn, "Q.cov", Q.cov);
  const Eigen::LLT<Mat> llt_bar = detail::cholesky(fn, "(P.cov + Q.cov)/2", 0.5 * (P.cov + Q.cov));
  const Mat& L1 = llt1.matrixLLT();  // the lower triangles hold the factors
  const Mat& L2 = llt2.matrixLLT();
  const Mat& Lb = llt_bar.matrixLLT();
  double log_det_part = 0.0;
  for (Eigen::Index i = 0; i < L1.rows(); ++i)
    log_det_part += std::log(L1(i, i) / Lb(i, i)) + std::log(L2(i, i) / Lb(i, i));
  Vec w = P.mean - Q.mean;
  llt_bar.matrixL().solveInPlace(w);
  // BC <= 1 exactly; clamp the round-off of the log-determinant part.
  return std::min(0.5 * log_det_part - 0.125 * w.squaredNorm(), 0.0);
}

}  // namespace

double log_bhattacharyya(const Gaussian& P, const Gaussian& Q) {
  constexpr std::string_view fn = "sb::log_bhattacharyya";
  detail::check_gaussian_pair(fn, P, Q);
  return log_bc_dense_checked(fn, P, Q);
}

double bhattacharyya_coefficient(const Gaussian& P, const Gaussian& Q) {
  return std::exp(log_bhattacharyya(P, Q));
}

double hellinger_squared(const Gaussian& P, const Gaussian& Q) {
  return -std::expm1(log_bhattacharyya(P, Q));
}

double log_bhattacharyya_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  detail::check_diag_pair("sb::log_bhattacharyya_diag", m1, v1, m2, v2,
                          detail::Variances::kPositive);
  return log_bc_diag_unchecked(m1, v1, m2, v2);
}

double bhattacharyya_coefficient_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  return std::exp(log_bhattacharyya_diag(m1, v1, m2, v2));
}

double hellinger_squared_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  return -std::expm1(log_bhattacharyya_diag(m1, v1, m2, v2));
}

double log_bhattacharyya(const SpectralGaussian& P, const SpectralGaussian& Q) {
  constexpr std::string_view fn = "sb::log_bhattacharyya";
  detail::check_spectral_pair(fn, P, Q, detail::Variances::kPositive);
  if (detail::share_basis(P, Q)) return log_bc_diag_unchecked(P.mean, P.var, Q.mean, Q.var);
  const Gaussian Pd = P.dense(), Qd = Q.dense();
  return log_bc_dense_checked(fn, Pd, Qd);
}

double bhattacharyya_coefficient(const SpectralGaussian& P, const SpectralGaussian& Q) {
  return std::exp(log_bhattacharyya(P, Q));
}

double hellinger_squared(const SpectralGaussian& P, const SpectralGaussian& Q) {
  return -std::expm1(log_bhattacharyya(P, Q));
}

}  // namespace sb
