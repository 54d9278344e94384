#include "sb/metric/gaussian_kl.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "sb/core/check.hpp"
#include "sb/core/numeric.hpp"

namespace sb {

namespace detail {

namespace {

// Every entry of v finite and > 0 (or >= 0); the element name is formatted only on failure.
void check_variances(std::string_view fn, std::string_view name, const Vec& v, Variances var) {
  for (Eigen::Index j = 0; j < v.size(); ++j) {
    const bool ok = var == Variances::kPositive ? v[j] > 0 : v[j] >= 0;
    if (!(ok && std::isfinite(v[j]))) {
      const std::string where = fmt::format("{}[{}]", name, j);
      if (var == Variances::kPositive) check_positive(fn, where, v[j]);
      check_nonnegative(fn, where, v[j]);
    }
  }
}

// A non-null d×d basis. Its entries are not scanned here (that would cost O(d²) on the O(d)
// shared-basis path); when the basis is used, through dense(), the dense checks see them.
void check_basis(std::string_view fn, std::string_view name, const BasisPtr& basis,
                 Eigen::Index d) {
  if (!basis) throw_input_error(fn, name, "null", "a d x d orthonormal matrix");
  if (basis->rows() != d) check_size(fn, fmt::format("{} rows", name), basis->rows(), d);
  if (basis->cols() != d) check_size(fn, fmt::format("{} columns", name), basis->cols(), d);
}

// Finite entries and the symmetry rule of check_symmetric, in one pass over the pairs (i, j).
bool finite_and_symmetric(const Mat& m) {
  double scale = 0.0, asym = 0.0, poison = 0.0;  // poison becomes NaN on a non-finite entry
  for (Eigen::Index j = 0; j < m.cols(); ++j) {
    poison += m(j, j) - m(j, j);
    scale = std::max(scale, std::abs(m(j, j)));
    for (Eigen::Index i = j + 1; i < m.rows(); ++i) {
      const double a = m(i, j), b = m(j, i);
      poison += (a - a) + (b - b);
      scale = std::max(scale, std::max(std::abs(a), std::abs(b)));
      asym = std::max(asym, std::abs(a - b));
    }
  }
  return poison == 0.0 && asym <= 1e-12 * scale;
}

}  // namespace

void check_symmetric(std::string_view fn, std::string_view name, const Mat& m) {
  const double tol = 1e-12 * m.cwiseAbs().maxCoeff();
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = j + 1; i < m.rows(); ++i)
      if (!(std::abs(m(i, j) - m(j, i)) <= tol))
        throw_input_error(fn, fmt::format("{}[{}][{}] - {}[{}][{}]", name, i, j, name, j, i),
                          format_value(m(i, j) - m(j, i)), "0 (symmetric matrix)");
}

void check_gaussian_pair(std::string_view fn, const Gaussian& P, const Gaussian& Q) {
  const Eigen::Index d = P.mean.size();
  check_at_least(fn, "the dimension of P.mean", d, 1);
  check_size(fn, "P.cov rows", P.cov.rows(), d);
  check_size(fn, "P.cov columns", P.cov.cols(), d);
  check_size(fn, "Q.mean", Q.mean.size(), d);
  check_size(fn, "Q.cov rows", Q.cov.rows(), d);
  check_size(fn, "Q.cov columns", Q.cov.cols(), d);
  check_finite(fn, "P.mean", P.mean);
  check_finite(fn, "Q.mean", Q.mean);
  // One pass per covariance on the hot path; the naming checks run only to report a failure.
  for (const auto& [name, cov] : {std::pair{"P.cov", &P.cov}, std::pair{"Q.cov", &Q.cov}}) {
    if (finite_and_symmetric(*cov)) continue;
    check_finite(fn, name, *cov);
    check_symmetric(fn, name, *cov);
  }
}

void check_diag_pair(std::string_view fn, const Vec& m1, const Vec& v1, const Vec& m2,
                     const Vec& v2, Variances var) {
  const Eigen::Index d = m1.size();
  check_at_least(fn, "the dimension of m1", d, 1);
  check_size(fn, "v1", v1.size(), d);
  check_size(fn, "m2", m2.size(), d);
  check_size(fn, "v2", v2.size(), d);
  check_finite(fn, "m1", m1);
  check_finite(fn, "m2", m2);
  check_variances(fn, "v1", v1, var);
  check_variances(fn, "v2", v2, var);
}

void check_spectral_pair(std::string_view fn, const SpectralGaussian& P, const SpectralGaussian& Q,
                         Variances var) {
  const Eigen::Index d = P.mean.size();
  check_at_least(fn, "the dimension of P.mean", d, 1);
  check_size(fn, "P.var", P.var.size(), d);
  check_size(fn, "Q.mean", Q.mean.size(), d);
  check_size(fn, "Q.var", Q.var.size(), d);
  check_basis(fn, "P.basis", P.basis, d);
  if (Q.basis != P.basis) check_basis(fn, "Q.basis", Q.basis, d);
  check_finite(fn, "P.mean", P.mean);
  check_finite(fn, "Q.mean", Q.mean);
  check_variances(fn, "P.var", P.var, var);
  check_variances(fn, "Q.var", Q.var, var);
}

bool share_basis(const SpectralGaussian& P, const SpectralGaussian& Q) {
  if (P.basis == Q.basis) return true;
  if (!P.basis || !Q.basis) return false;
  const Mat& U = *P.basis;
  const Mat& V = *Q.basis;
  return U.rows() == V.rows() && U.cols() == V.cols() && U == V;
}

Mat lower_solve_lower(const Mat& L2, const Mat& L1) {
  constexpr Eigen::Index kBlock = 32;
  const Eigen::Index d = L1.rows();
  Mat A = L1.triangularView<Eigen::Lower>();  // only the lower triangles of L1, L2 are read
  for (Eigen::Index j0 = 0; j0 < d; j0 += kBlock) {
    const Eigen::Index w = std::min(kBlock, d - j0);
    L2.bottomRightCorner(d - j0, d - j0)
        .triangularView<Eigen::Lower>()
        .solveInPlace(A.block(j0, j0, d - j0, w));
  }
  return A;
}

Eigen::LLT<Mat> cholesky(std::string_view fn, std::string_view name, const Mat& S) {
  Eigen::LLT<Mat> llt(S);
  if (llt.info() != Eigen::Success) {
    check_spd(fn, name, S);  // throws, naming the smallest eigenvalue
    throw_input_error(fn, name, "not positive definite", "positive definite");
  }
  return llt;
}

}  // namespace detail

namespace {

// ½Σ_j [(r_j − 1 − log r_j) + Δ_j²/v2_j] on checked input (theory-notes B.4, diagonal form).
double kl_diag_unchecked(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  double sum = 0.0;
  for (Eigen::Index j = 0; j < m1.size(); ++j) {
    const double r = v1[j] / v2[j];
    // r overflows only when the exact KL exceeds the double range: saturate, never NaN.
    if (!std::isfinite(r)) return std::numeric_limits<double>::infinity();
    const double delta = m1[j] - m2[j];
    sum += num::rm1_minus_log(r) + delta * delta / v2[j];
  }
  return 0.5 * sum;
}

}  // namespace

double kl_divergence(const Gaussian& P, const Gaussian& Q) {
  constexpr std::string_view fn = "sb::kl_divergence";
  detail::check_gaussian_pair(fn, P, Q);
  const Eigen::LLT<Mat> llt1 = detail::cholesky(fn, "P.cov", P.cov);
  const Eigen::LLT<Mat> llt2 = detail::cholesky(fn, "Q.cov", Q.cov);

  // A = L2⁻¹L1 is lower triangular with A_ii = L1_ii/L2_ii.
  const Mat A = detail::lower_solve_lower(llt2.matrixLLT(), llt1.matrixLLT());
  Vec w = P.mean - Q.mean;
  llt2.matrixL().solveInPlace(w);

  const Eigen::Index d = A.rows();
  double diag_terms = 0.0, off_diag = 0.0;
  for (Eigen::Index j = 0; j < d; ++j) {
    const double r = A(j, j) * A(j, j);
    if (!std::isfinite(r)) return std::numeric_limits<double>::infinity();  // as in the diag form
    diag_terms += num::rm1_minus_log(r);
    off_diag += A.col(j).tail(d - 1 - j).squaredNorm();
  }
  return 0.5 * (diag_terms + off_diag + w.squaredNorm());
}

double kl_divergence_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2) {
  detail::check_diag_pair("sb::kl_divergence_diag", m1, v1, m2, v2, detail::Variances::kPositive);
  return kl_diag_unchecked(m1, v1, m2, v2);
}

double kl_divergence(const SpectralGaussian& P, const SpectralGaussian& Q) {
  detail::check_spectral_pair("sb::kl_divergence", P, Q, detail::Variances::kPositive);
  if (detail::share_basis(P, Q)) return kl_diag_unchecked(P.mean, P.var, Q.mean, Q.var);
  return kl_divergence(P.dense(), Q.dense());
}

}  // namespace sb
