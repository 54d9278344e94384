#include "sb/metric/gaussian_tv.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string_view>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/stats.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/hellinger.hpp"

namespace sb {

namespace {

constexpr double kInvSqrt2 = 1.0 / std::numbers::sqrt2;
// Covariances closer than this (relative, entry by entry) are treated as equal.
constexpr double kEqualCovRelTol = 1e-14;
// Outward widening of the bounds, covering the rounding of their own evaluation.
constexpr double kBoundSlack = 1e-12;
// Normals drawn per batch of Monte Carlo samples (a d × (kBatchNormals/d) matrix, 128 KiB).
constexpr Eigen::Index kBatchNormals = 16384;

bool nearly_equal(double a, double b) {
  return a == b || std::abs(a - b) <= kEqualCovRelTol * std::max(std::abs(a), std::abs(b));
}

// Pr(a < Z < b) for Z ~ N(0, 1), a <= b, computed from the tail that keeps relative accuracy.
double normal_interval(double a, double b) {
  if (a >= 0) return 0.5 * (std::erfc(a * kInvSqrt2) - std::erfc(b * kInvSqrt2));
  if (b <= 0) return 0.5 * (std::erfc(-b * kInvSqrt2) - std::erfc(-a * kInvSqrt2));
  return 0.5 * (std::erf(b * kInvSqrt2) - std::erf(a * kInvSqrt2));  // both terms >= 0
}

// TV of a pure mean shift with Mahalanobis length δ (theory-notes B.4 (i)):
// 2Φ(δ/2) − 1 = erf(δ/(2√2)), without the cancellation of 2Φ − 1 at small δ.
double shift_tv(double delta) { return std::erf(0.5 * delta * kInvSqrt2); }

// Exact 1-D TV (theory-notes B.4 (ii)) for checked input. After standardising by P,
// P = N(0, 1), Q = N(μ, ρ) with μ = (m2 − m1)/√v1, ρ = v2/v1, and p > q exactly where
//   (1 − ρ) z² − 2μ z + (μ² + ρ log ρ) > 0,
// whose discriminant/4 is ρ(μ² + (ρ − 1) log ρ) > 0, a sum of non-negative terms.
double tv_1d_checked(double m1, double v1, double m2, double v2) {
  if (nearly_equal(v1, v2)) return shift_tv(std::abs(m1 - m2) / std::sqrt(0.5 * (v1 + v2)));
  const double s1 = std::sqrt(v1);
  const double mu = (m2 - m1) / s1;
  const double rm1 = (v2 - v1) / v1;  // ρ − 1 from the difference, exact to one rounding
  const double rho = v2 / v1;
  const double log_rho = std::log1p(rm1);
  const double disc = rho * (mu * mu + rm1 * log_rho);
  const double a = -rm1;                     // 1 − ρ, nonzero
  const double c = mu * mu + rho * log_rho;  // product of the roots is c/a
  const double q = mu >= 0 ? mu + std::sqrt(disc) : mu - std::sqrt(disc);  // |q| > 0
  const double r1 = q / a, r2 = c / q;
  const double lo = std::min(r1, r2), hi = std::max(r1, r2);
  const double s = std::sqrt(rho);
  const double p_in = normal_interval(lo, hi);
  const double q_in = normal_interval((lo - mu) / s, (hi - mu) / s);
  // ρ > 1: the quadratic opens downwards and p > q between the roots; ρ < 1: outside them.
  const double tv = rho > 1 ? p_in - q_in : q_in - p_in;
  return std::clamp(tv, 0.0, 1.0);
}

// The inputs of the rigorous bounds (header comment), all closed forms.
struct BoundTerms {
  double log_bc;          // log BC(P, Q)
  double kl_pq, kl_qp;    // KL in both directions
  double log_bc0;         // log BC of the same-mean pair N(m1, S1), N(m1, S2)
  double kl0_pq, kl0_qp;  // KL of the same-mean pair, both directions
  double shift1, shift2;  // exact TV of the mean shift under S1 and under S2
};

void set_bounds(TvResult& r, const BoundTerms& t) {
  const double le_cam = std::sqrt(-std::expm1(2.0 * t.log_bc));
  const double pinsker = std::sqrt(0.5 * std::min(t.kl_pq, t.kl_qp));
  const double same_mean = std::min({1.0, std::sqrt(-std::expm1(2.0 * t.log_bc0)),
                                     std::sqrt(0.5 * std::min(t.kl0_pq, t.kl0_qp))});
  const double triangle = same_mean + std::min(t.shift1, t.shift2);
  r.lower = -std::expm1(t.log_bc);
  r.upper = std::min({1.0, le_cam, pinsker, triangle});
}

// Bounds from the exact TVs t_j of independent coordinates (header comment).
void tighten_with_coordinates(TvResult& r, const Vec& m1, const Vec& v1, const Vec& m2,
                              const Vec& v2) {
  double max_t = 0.0, log_agree = 0.0;  // log Π(1 − t_j)
  for (Eigen::Index j = 0; j < m1.size(); ++j) {
    const double t = tv_1d_checked(m1[j], v1[j], m2[j], v2[j]);
    max_t = std::max(max_t, t);
    log_agree += std::log1p(-t);  // −inf when t = 1: the bound below is then 1
  }
  r.lower = std::max(r.lower, max_t);
  r.upper = std::min(r.upper, -std::expm1(log_agree));
}

void widen_bounds(TvResult& r) {
  r.lower = std::max(0.0, r.lower * (1.0 - kBoundSlack));
  r.upper = std::min(1.0, r.upper * (1.0 + kBoundSlack));
}

// Unbiased estimate of E_P[(1 − q/p)₊] for P = N(m1, diag v1), Q = N(m2, diag v2).
// log p(x) − log q(x) = ½Σ_j [log(v2_j/v1_j) − z_j² + (x_j − m2_j)²/v2_j], x_j = m1_j + √v1_j z_j.
// The samples come in blocks of kStreamBlock, block b from Rng(seed, b) (map_stream_blocks), each
// block's normals consumed in stream order, d per sample; the per-block Welford moments are
// merged in block order, so the estimate does not depend on the number of threads.
void monte_carlo_diag(TvResult& r, const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2,
                      const TvOptions& options) {
  const Eigen::Index d = m1.size();
  const Arr sd1 = v1.array().sqrt();
  const Arr inv_v2 = v2.array().inverse();
  const Arr delta = (m1 - m2).array();
  double log_ratio = 0.0;
  for (Eigen::Index j = 0; j < d; ++j) log_ratio += std::log(v2[j] / v1[j]);

  const Eigen::Index batch = std::max<Eigen::Index>(1, kBatchNormals / d);  // samples per batch
  auto run_block = [&](const StreamBlock& block, Rng& rng) {
    RunningMoments m;
    Mat z(d, std::min<Eigen::Index>(batch, block.count));
    for (long done = 0; done < block.count;) {
      const Eigen::Index count = std::min<Eigen::Index>(z.cols(), block.count - done);
      rng.fill_normals(z.data(), static_cast<std::size_t>(d * count));
      for (Eigen::Index i = 0; i < count; ++i) {
        const auto zi = z.col(i).array();
        const double quad = ((delta + sd1 * zi).square() * inv_v2 - zi.square()).sum();
        const double log_pq = 0.5 * (log_ratio + quad);
        m.add(log_pq > 0 ? -std::expm1(-log_pq) : 0.0);
      }
      done += count;
    }
    return m;
  };
  RunningMoments total;
  for (const RunningMoments& m :
       map_stream_blocks(options.seed, options.samples, run_block, options.threads))
    total.merge(m);
  r.value = total.mean();
  r.method = TvMethod::kMonteCarlo;
  r.std_error = total.std_error();
  r.samples = options.samples;
}

TvResult exact_result(double value, TvMethod method, const TvOptions& options) {
  return {value, method, 0.0, 0.0, 1.0, options.seed, 0};
}

// TV for a checked diagonal pair (diag or shared-basis spectral laws).
TvResult tv_diag_checked(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2,
                         const TvOptions& options) {
  const Eigen::Index d = m1.size();
  bool equal = true;
  for (Eigen::Index j = 0; j < d && equal; ++j) equal = nearly_equal(v1[j], v2[j]);

  TvResult r = exact_result(0.0, TvMethod::kExact1d, options);
  if (equal) {
    double delta_sq = 0.0;
    for (Eigen::Index j = 0; j < d; ++j)
      delta_sq += (m1[j] - m2[j]) * (m1[j] - m2[j]) / (0.5 * (v1[j] + v2[j]));
    r = exact_result(shift_tv(std::sqrt(delta_sq)), TvMethod::kExactEqualCovariance, options);
  } else if (d == 1) {
    r = exact_result(tv_1d_checked(m1[0], v1[0], m2[0], v2[0]), TvMethod::kExact1d, options);
  } else {
    monte_carlo_diag(r, m1, v1, m2, v2, options);
  }

  const Vec delta = m1 - m2;
  const BoundTerms terms{log_bhattacharyya_diag(m1, v1, m2, v2),
                         kl_divergence_diag(m1, v1, m2, v2),
                         kl_divergence_diag(m2, v2, m1, v1),
                         log_bhattacharyya_diag(m1, v1, m1, v2),
                         kl_divergence_diag(m1, v1, m1, v2),
                         kl_divergence_diag(m1, v2, m1, v1),
                         shift_tv(std::sqrt(delta.cwiseAbs2().cwiseQuotient(v1).sum())),
                         shift_tv(std::sqrt(delta.cwiseAbs2().cwiseQuotient(v2).sum()))};
  set_bounds(r, terms);
  if (r.method == TvMethod::kMonteCarlo) tighten_with_coordinates(r, m1, v1, m2, v2);
  widen_bounds(r);
  return r;
}

void check_options(std::string_view fn, const TvOptions& options) {
  check_at_least(fn, "options.samples", options.samples, 2);
  check_at_least(fn, "options.threads", options.threads, 0);
}

}  // namespace

double std_normal_cdf(double x) { return 0.5 * std::erfc(-x * kInvSqrt2); }

std::string to_string(TvMethod method) {
  switch (method) {
    case TvMethod::kExact1d:
      return "exact_1d";
    case TvMethod::kExactEqualCovariance:
      return "exact_equal_covariance";
    case TvMethod::kMonteCarlo:
      return "monte_carlo";
  }
  return "unknown";
}

double total_variation_1d(double m1, double v1, double m2, double v2) {
  constexpr std::string_view fn = "sb::total_variation_1d";
  check_finite(fn, "m1", m1);
  check_positive(fn, "v1", v1);
  check_finite(fn, "m2", m2);
  check_positive(fn, "v2", v2);
  return tv_1d_checked(m1, v1, m2, v2);
}

TvResult total_variation_diag(const Vec& m1, const Vec& v1, const Vec& m2, const Vec& v2,
                              const TvOptions& options) {
  constexpr std::string_view fn = "sb::total_variation_diag";
  detail::check_diag_pair(fn, m1, v1, m2, v2, detail::Variances::kPositive);
  check_options(fn, options);
  return tv_diag_checked(m1, v1, m2, v2, options);
}

TvResult total_variation(const SpectralGaussian& P, const SpectralGaussian& Q,
                         const TvOptions& options) {
  constexpr std::string_view fn = "sb::total_variation";
  detail::check_spectral_pair(fn, P, Q, detail::Variances::kPositive);
  check_options(fn, options);
  if (detail::share_basis(P, Q)) return tv_diag_checked(P.mean, P.var, Q.mean, Q.var, options);
  return total_variation(P.dense(), Q.dense(), options);
}

TvResult total_variation(const Gaussian& P, const Gaussian& Q, const TvOptions& options) {
  constexpr std::string_view fn = "sb::total_variation";
  detail::check_gaussian_pair(fn, P, Q);
  check_options(fn, options);
  const Eigen::LLT<Mat> llt1 = detail::cholesky(fn, "P.cov", P.cov);
  const Eigen::LLT<Mat> llt2 = detail::cholesky(fn, "Q.cov", Q.cov);
  const Eigen::Index d = P.dim();
  const Vec delta = P.mean - Q.mean;

  bool equal = true;
  for (Eigen::Index j = 0; j < d && equal; ++j)
    for (Eigen::Index i = j; i < d && equal; ++i) equal = nearly_equal(P.cov(i, j), Q.cov(i, j));

  TvResult r = exact_result(0.0, TvMethod::kExact1d, options);
  if (equal) {
    const Eigen::LLT<Mat> llt = detail::cholesky(fn, "P.cov", 0.5 * (P.cov + Q.cov));
    const double delta_len = llt.matrixL().solve(delta).norm();
    r = exact_result(shift_tv(delta_len), TvMethod::kExactEqualCovariance, options);
  } else if (d == 1) {
    r = exact_result(tv_1d_checked(P.mean[0], P.cov(0, 0), Q.mean[0], Q.cov(0, 0)),
                     TvMethod::kExact1d, options);
  }

  const Gaussian Q0{P.mean, Q.cov};  // Q moved to the mean of P
  const BoundTerms terms{log_bhattacharyya(P, Q),
                         kl_divergence(P, Q),
                         kl_divergence(Q, P),
                         log_bhattacharyya(P, Q0),
                         kl_divergence(P, Q0),
                         kl_divergence(Q0, P),
                         shift_tv(llt1.matrixL().solve(delta).norm()),
                         shift_tv(llt2.matrixL().solve(delta).norm())};
  set_bounds(r, terms);

  if (!equal && d > 1) {
    // Simultaneous diagonalisation: with S2 = L2 L2ᵀ and A = L2⁻¹L1 = U Σ Wᵀ, the coordinates
    // y = Uᵀ L2⁻¹ (x − m2) are N(Uᵀ L2⁻¹ Δ, Σ²) under P and N(0, I) under Q.
    const Mat A = detail::lower_solve_lower(llt2.matrixLLT(), llt1.matrixLLT());
    const LeftSvd svd = jacobi_svd_left(A);
    const Vec m1 = svd.U.transpose() * llt2.matrixL().solve(delta);
    // Σ > 0 since A is invertible; the floor only guards against underflow of σ².
    const Vec v1 = svd.singular_values.cwiseAbs2().cwiseMax(std::numeric_limits<double>::min());
    const Vec m2 = Vec::Zero(d), v2 = Vec::Ones(d);
    monte_carlo_diag(r, m1, v1, m2, v2, options);
    tighten_with_coordinates(r, m1, v1, m2, v2);
  }
  widen_bounds(r);
  return r;
}

}  // namespace sb
