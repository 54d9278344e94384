#include "sb/metric/bures_w2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/numeric.hpp"
#include "sb/metric/gaussian_kl.hpp"

namespace sb {

namespace {

// Round-off allowance for "positive semidefinite": an eigenvalue (or LDLᵀ pivot) may be as low
// as −kPsdRelTol·d·scale. It matches the symmetry rule of check_spd (entries equal to relative
// 1e-12), whose perturbations move eigenvalues by at most d times that much.
constexpr double kPsdRelTol = 1e-12;

double psd_allowance(double scale, Eigen::Index d) {
  return kPsdRelTol * static_cast<double>(d) * scale;
}

[[noreturn]] void throw_not_psd(std::string_view fn, std::string_view name, double lmin,
                                double allowance) {
  throw_input_error(fn, fmt::format("the smallest eigenvalue of {}", name), format_value(lmin),
                    fmt::format(">= {} (positive semidefinite matrix)", format_value(-allowance)));
}

// Pivoted LDLᵀ of a symmetric S, S = Pᵀ L D Lᵀ P; throws InputError unless S is positive
// semidefinite up to the round-off allowance (pivots >= −allowance; the message reports the
// smallest eigenvalue, as check_spd does).
Eigen::LDLT<Mat> ldlt_psd(std::string_view fn, std::string_view name, const Mat& S) {
  Eigen::LDLT<Mat> ldlt(S);
  const double allowance = psd_allowance(S.diagonal().cwiseAbs().maxCoeff(), S.rows());
  if (ldlt.info() == Eigen::Success && ldlt.vectorD().minCoeff() >= -allowance) return ldlt;
  const Eigen::SelfAdjointEigenSolver<Mat> es(S, Eigen::EigenvaluesOnly);
  throw_not_psd(fn, name, es.eigenvalues()[0], allowance);
}

// ‖Δ‖² + Σ_j (√v1_j − √v2_j)² on checked input.
double w2_squared_diag_unchecked(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  double sum = (m1 - m2).squaredNorm();
  for (Eigen::Index j = 0; j < v1.size(); ++j) sum += num::sqrt_diff_sq(v1[j], v2[j]);
  return sum;
}

}  // namespace

Mat psd_sqrt(const Mat& S) {
  constexpr std::string_view fn = "sb::psd_sqrt";
  if (S.rows() != S.cols() || S.rows() == 0)
    throw_input_error(fn, "the shape of S", fmt::format("{}x{}", S.rows(), S.cols()),
                      "square and non-empty");
  check_finite(fn, "S", S);
  detail::check_symmetric(fn, "S", S);
  const Eigen::SelfAdjointEigenSolver<Mat> es(S);
  const Vec& lambda = es.eigenvalues();  // ascending
  const double allowance = psd_allowance(lambda.cwiseAbs().maxCoeff(), S.rows());
  if (es.info() != Eigen::Success || !(lambda[0] >= -allowance))
    throw_not_psd(fn, "S", lambda[0], allowance);
  const Vec root = lambda.cwiseMax(0.0).cwiseSqrt();
  const Mat& U = es.eigenvectors();
  const Mat R = U * root.asDiagonal() * U.transpose();
  return 0.5 * (R + R.transpose());  // exactly symmetric
}

double w2_squared(const Gaussian& P, const Gaussian& Q) {
  constexpr std::string_view fn = "sb::w2_squared";
  detail::check_gaussian_pair(fn, P, Q);
  const Eigen::LDLT<Mat> ldlt1 = ldlt_psd(fn, "P.cov", P.cov);
  // Equal covariances: the Bures term vanishes exactly; the general formula would leave the
  // round-off of tr S1 + tr S2 − 2 tr(·)^{1/2}, whose square root is far from 0.
  if (P.cov == Q.cov) return (P.mean - Q.mean).squaredNorm();
  ldlt_psd(fn, "Q.cov", Q.cov);

  // S1 = Pᵀ B Bᵀ P with B = L·diag(√D) (pivots clamped at 0). Then Bᵀ (P S2 Pᵀ) B is similar to
  // S1 S2, hence has the eigenvalues of S2^{1/2} S1 S2^{1/2}: >= 0 up to round-off.
  const Vec root_d = ldlt1.vectorD().cwiseMax(0.0).cwiseSqrt();
  Mat B = ldlt1.matrixL();
  B = B * root_d.asDiagonal();
  Mat S2p = ldlt1.transpositionsP() * Q.cov;
  S2p = S2p * ldlt1.transpositionsP().transpose();
  const Mat X = S2p * B.triangularView<Eigen::Lower>();
  Mat M(B.cols(), B.cols());
  M.noalias() = B.triangularView<Eigen::Lower>().transpose() * X;
  const Eigen::SelfAdjointEigenSolver<Mat> es(M, Eigen::EigenvaluesOnly);
  const double cross = es.eigenvalues().cwiseMax(0.0).cwiseSqrt().sum();
  const double w2sq = (P.mean - Q.mean).squaredNorm() + P.cov.trace() + Q.cov.trace() - 2.0 * cross;
  return std::max(w2sq, 0.0);
}

double w2(const Gaussian& P, const Gaussian& Q) { return std::sqrt(w2_squared(P, Q)); }

double w2_squared_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  detail::check_diag_pair("sb::w2_squared_diag", m1, v1, m2, v2, detail::Variances::kNonnegative);
  return w2_squared_diag_unchecked(m1, v1, m2, v2);
}

double w2_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  return std::sqrt(w2_squared_diag(m1, v1, m2, v2));
}

double w2_squared(const SpectralGaussian& P, const SpectralGaussian& Q) {
  detail::check_spectral_pair("sb::w2_squared", P, Q, detail::Variances::kNonnegative);
  if (detail::share_basis(P, Q)) return w2_squared_diag_unchecked(P.mean, P.var, Q.mean, Q.var);
  return w2_squared(P.dense(), Q.dense());
}

double w2(const SpectralGaussian& P, const SpectralGaussian& Q) {
  return std::sqrt(w2_squared(P, Q));
}

}  // namespace sb
