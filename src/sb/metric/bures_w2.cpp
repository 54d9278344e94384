#include "sb/metric/bures_w2.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/numeric.hpp"
#include "sb/metric/gaussian_kl.hpp"

namespace sb {

namespace {

// Round-off allowance for "positive semidefinite": an eigenvalue (or LDLᵀ pivot) may be as low
// as −kPsdRelTol·d·scale. It matches the symmetry rule of check_spd (entries equal to relative
// 1e-12), whose perturbations move eigenvalues by at most d times that much.
constexpr double kPsdRelTol = 1e-12;

// The Bures term is recomputed from the difference of the covariances when the cancellation in
// tr S1 + tr S2 − 2 tr(·)^{1/2} could cost more than this relative accuracy.
constexpr double kCloseRelTol = 1e-10;

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

// The Bures term B(S1, S2) = tr S1 + tr S2 − 2 tr(S1^{1/2} S2 S1^{1/2})^{1/2} as a sum of
// squares in the difference E = S2 − S1, for S1 positive definite (derivation in the header):
// with S1 = U Λ Uᵀ, Ẽ = Uᵀ E U and Λ^{1/2} Uᵀ S2 U Λ^{1/2} = Λ^{1/2}(Λ + Ẽ)Λ^{1/2} = V diag(μ) Vᵀ,
//   B = Σ_ij H_ij² / (√μ_i + λ_j)²,   H = Vᵀ Λ^{1/2} Ẽ.
// nullopt when S1 is not numerically positive definite (λ_min <= d·ε·λ_max).
std::optional<double> bures_from_difference(const Mat& S1, const Mat& S2) {
  const Eigen::Index d = S1.rows();
  const Eigen::SelfAdjointEigenSolver<Mat> es1(S1);
  if (es1.info() != Eigen::Success) return std::nullopt;
  const Vec& lambda = es1.eigenvalues();  // ascending
  const double eps = std::numeric_limits<double>::epsilon();
  if (!(lambda[0] > static_cast<double>(d) * eps * lambda[d - 1])) return std::nullopt;
  const Mat& U = es1.eigenvectors();
  const Mat E = S2 - S1;  // entry by entry: exact where S2 and S1 agree to a factor 2 (Sterbenz)
  Mat Et(d, d);
  Et.noalias() = U.transpose() * (E * U);
  Et = (0.5 * (Et + Et.transpose())).eval();  // exactly symmetric
  const Vec root = lambda.cwiseSqrt();
  Mat M = Et;
  M.diagonal() += lambda;  // Uᵀ S2 U
  M = root.asDiagonal() * M * root.asDiagonal();
  const Eigen::SelfAdjointEigenSolver<Mat> es2(M);
  if (es2.info() != Eigen::Success) return std::nullopt;
  const Vec sqrt_mu = es2.eigenvalues().cwiseMax(0.0).cwiseSqrt();
  Mat H(d, d);
  H.noalias() = es2.eigenvectors().transpose() * (root.asDiagonal() * Et);
  double sum = 0.0;
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i) {
      const double t = H(i, j) / (sqrt_mu[i] + lambda[j]);
      sum += t * t;
    }
  return sum;
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
  // S1 = Πᵀ B Bᵀ Π: Cholesky (Π = I) when S1 is definite, else the pivoted LDLᵀ with
  // B = L·diag(√D) (pivots clamped at 0), which also checks semidefiniteness.
  const Eigen::Index d = P.dim();
  Mat B;
  Mat S2p;  // Π S2 Πᵀ, only when Π != I
  const Eigen::LLT<Mat> llt1(P.cov);
  if (llt1.info() == Eigen::Success) {
    B = llt1.matrixL();
  } else {
    const Eigen::LDLT<Mat> ldlt1 = ldlt_psd(fn, "P.cov", P.cov);
    B = ldlt1.matrixL();
    B = B * ldlt1.vectorD().cwiseMax(0.0).cwiseSqrt().asDiagonal();
    // Π S2 Πᵀ = Π (Π S2)ᵀ for symmetric S2, with Π applied from the left only: Eigen's
    // product of a matrix by transpositionsP().transpose() on the right is not Πᵀ when the
    // pivoting has cycles of length >= 3.
    const Mat half = ldlt1.transpositionsP() * Q.cov;
    S2p = ldlt1.transpositionsP() * half.transpose();
  }
  // Equal covariances: the Bures term vanishes exactly; the general formula would leave the
  // round-off of tr S1 + tr S2 − 2 tr(·)^{1/2}, whose square root is far from 0.
  if (P.cov == Q.cov) return (P.mean - Q.mean).squaredNorm();
  if (Eigen::LLT<Mat>(Q.cov).info() != Eigen::Success) ldlt_psd(fn, "Q.cov", Q.cov);

  // Bᵀ (Π S2 Πᵀ) B is similar to S1 S2, hence has the eigenvalues of S2^{1/2} S1 S2^{1/2}:
  // >= 0 up to round-off. Two dense products (B as a full matrix): Eigen's general product is
  // several times faster than its triangular one at these sizes.
  Mat X(d, d), M(d, d);
  X.noalias() = (S2p.size() != 0 ? S2p : Q.cov) * B;
  M.noalias() = B.transpose() * X;
  const Eigen::SelfAdjointEigenSolver<Mat> es(M, Eigen::EigenvaluesOnly);
  const double cross = es.eigenvalues().cwiseMax(0.0).cwiseSqrt().sum();
  const double mean_part = (P.mean - Q.mean).squaredNorm();
  const double traces = P.cov.trace() + Q.cov.trace();
  const double w2sq = mean_part + traces - 2.0 * cross;
  // Near-equal covariances: the difference above has an absolute error of order d·ε·(tr S1 +
  // tr S2). Where that could exceed kCloseRelTol of the result, the Bures term is recomputed as
  // a sum of squares in S2 − S1 (either covariance may serve as the base; it must be definite).
  const double eps = std::numeric_limits<double>::epsilon();
  if (static_cast<double>(P.dim()) * eps * traces > kCloseRelTol * std::max(w2sq, 0.0)) {
    std::optional<double> bures = bures_from_difference(P.cov, Q.cov);
    if (!bures) bures = bures_from_difference(Q.cov, P.cov);
    if (bures) return mean_part + *bures;
  }
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
