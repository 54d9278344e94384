// The CLD forward process (src/sb/process/cld.hpp): theory-notes E V11, the closed forms of
// A.1/A5 against independent computations (adaptive Gauss–Kronrod of the integrand built from
// Eigen's general matrix exponential, Van Loan's block exponential), the stationary covariance
// against the Lyapunov equation, and the seed-002 instances of C11 (D-21, D-22, D-23).
#include "sb/process/cld.hpp"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>
#include <cstdio>
#include <unsupported/Eigen/MatrixFunctions>

#include "sb/core/check.hpp"
#include "test_util.hpp"

namespace sb {
namespace cld_process_test {

using test::matches_vector;
using test::near_rel;

Mat2 general_exp(const Mat2& M) { return Mat2(M.exp()); }

/// Van Loan (1978): exp(t [[−A, D], [0, Aᵀ]]) = [[·, M₁₂], [0, M₂₂]] gives
/// ∫₀ᵗ e^{uA} D e^{uAᵀ} du = M₂₂ᵀ M₁₂.
Mat2 van_loan_gram(const Mat2& A, const Mat2& D, double t) {
  Eigen::Matrix4d H = Eigen::Matrix4d::Zero();
  H.topLeftCorner<2, 2>() = -A * t;
  H.topRightCorner<2, 2>() = D * t;
  H.bottomRightCorner<2, 2>() = A.transpose() * t;
  const Eigen::Matrix4d E = H.exp();
  return E.bottomRightCorner<2, 2>().transpose() * E.topRightCorner<2, 2>();
}

// theory-notes E V11: σ² = 4, t = 1, X₀ ~ N(0, 2), V₀ ~ N(0, 1).
TEST(CldProcess, V11_NoiseCovarianceAndMarginal) {
  const CldProcess p(4.0, 1.0);
  const Mat2 S = p.noise_cov(1.0);
  EXPECT_TRUE(matches_vector(S(0, 0), 0.323323583817));
  EXPECT_TRUE(matches_vector(S(0, 1), 0.270670566473));
  EXPECT_TRUE(matches_vector(S(1, 0), 0.270670566473));
  EXPECT_TRUE(matches_vector(S(1, 1), 0.864664716763));
  const Mat2 C = p.cov(1.0, 2.0);
  EXPECT_TRUE(matches_vector(C(0, 0), 1.54134113295));
  EXPECT_TRUE(matches_vector(C(0, 1), -0.270670566473));
  EXPECT_TRUE(matches_vector(C(1, 1), 1.13533528324));
  EXPECT_EQ(p.stationary_cov(), Mat2::Identity());
}

// e^{tA} = e^{−t}(I + tN) against Eigen's Padé matrix exponential.
TEST(CldProcess, FlowMatchesMatrixExponential) {
  for (double t : {0.0, 1e-9, 0.3, 1.0, 2.5, 10.0}) {
    const Mat2 ref = general_exp(CldProcess::drift() * t);
    const Mat2 got = CldProcess::flow(t);
    EXPECT_LE((got - ref).cwiseAbs().maxCoeff(), 1e-14 * std::max(1.0, ref.cwiseAbs().maxCoeff()))
        << "t = " << t;
  }
  EXPECT_EQ(CldProcess::flow(0.0), Mat2::Identity());
}

// E_k(x) = ∫₀¹ s^k e^{xs} ds against Gauss–Kronrod (positive integrand: relative accuracy).
TEST(CldProcess, ExpMomentsMatchQuadrature) {
  for (int k = 0; k <= 2; ++k) {
    for (double x : {-60.0, -5.0, -2.0, -1.0000001, -1.0, -0.5, -1e-9, 0.0, 1e-7, 0.7, 1.0,
                     1.0000001, 3.0, 20.0}) {
      auto f = [&](double s) { return std::pow(s, k) * std::exp(x * s); };
      const double ref =
          boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, 0.0, 1.0, 8, 1e-14);
      EXPECT_TRUE(near_rel(cld_exp_moment(k, x), ref, 1e-13)) << "k = " << k << ", x = " << x;
    }
  }
  EXPECT_THROW(cld_exp_moment(3, 0.5), std::logic_error);
}

// Σ_t (with and without the elliptic term) against adaptive quadrature of its definition,
// ∫₀ᵗ e^{uA} D e^{uAᵀ} du, the integrand built from Eigen's matrix exponential.
// Acceptance: the quadrature is accurate to about 1e-15 of ∫₀ᵗ|f| for each entry f of the ε² and
// σ² parts; we accept |Σ − ref| <= 1e-12 · (∫|f_ε| + ∫|f_σ|) (relative 1e-12 wherever the parts
// keep one sign; for the xv entry at t > 1, where σ²u(1−u)e^{−2u} changes sign, or when the two
// parts cancel, no quadrature certifies more).
TEST(CldProcess, NoiseCovarianceMatchesQuadrature) {
  using GK = boost::math::quadrature::gauss_kronrod<double, 61>;
  for (double sigma2 : {4.0, 0.3}) {
    for (double eps : {0.0, 0.5, 2.0}) {
      const CldProcess p(sigma2, std::nullopt, eps);
      for (double t : {1e-7, 1e-3, 0.1, 0.5, 0.999, 1.0, 1.001, 1.7, 4.0, 12.0}) {
        const Mat2 S = p.noise_cov(t);
        for (int r = 0; r < 2; ++r) {
          for (int c = r; c < 2; ++c) {
            // The ε² and σ² parts separately: their sum can cancel (σ² = ε² cancels the t²
            // term of xv), and the scale must count both.
            double ref = 0.0, scale = 0.0;
            for (int part = 0; part < 2; ++part) {
              Mat2 Dp = Mat2::Zero();
              Dp(part, part) = p.diffusion()(part, part);
              auto f = [&](double u) {
                const Mat2 E = general_exp(CldProcess::drift() * u);
                return (E * Dp * E.transpose())(r, c);
              };
              auto af = [&](double u) { return std::abs(f(u)); };
              ref += GK::integrate(f, 0.0, t, 8, 1e-14);
              scale += GK::integrate(af, 0.0, t, 8, 1e-14);
            }
            EXPECT_LE(std::abs(S(r, c) - ref), 1e-12 * scale)
                << "sigma2 " << sigma2 << " eps " << eps << " t " << t << " entry " << r << c
                << ": " << S(r, c) << " vs " << ref;
          }
        }
        EXPECT_EQ(S(0, 1), S(1, 0));
      }
    }
  }
}

// The same against Van Loan's block exponential (theory-notes B.2 mentions it for Q_k), and
// the ε = 0 closed form of A.1 written in long double where it does not cancel (t >= 1).
TEST(CldProcess, NoiseCovarianceMatchesVanLoanAndClosedForm) {
  for (double eps : {0.0, 0.7}) {
    const CldProcess p(2.5, 1.0, eps);
    for (double t : {0.05, 0.5, 1.0, 2.0, 3.0}) {
      const Mat2 ref = van_loan_gram(CldProcess::drift(), p.diffusion(), t);
      const Mat2 got = p.noise_cov(t);
      EXPECT_LE((got - ref).cwiseAbs().maxCoeff(), 1e-13 * ref.cwiseAbs().maxCoeff())
          << "t = " << t;
    }
  }
  const CldProcess p(3.0);
  for (long double t : {1.0L, 2.0L, 5.0L, 16.0L, 40.0L}) {
    const long double e = std::exp(-2 * t), s2 = 3.0L;
    const long double xx = s2 / 4 * (1 - e * (2 * t * t + 2 * t + 1));
    const long double xv = s2 / 2 * t * t * e;
    const long double vv = s2 / 4 * (1 - e * (2 * t * t - 2 * t + 1));
    const Mat2 S = p.noise_cov(static_cast<double>(t));
    EXPECT_TRUE(near_rel(S(0, 0), static_cast<double>(xx), 1e-14));
    EXPECT_TRUE(near_rel(S(0, 1), static_cast<double>(xv), 1e-14));  // tiny at t = 40
    EXPECT_TRUE(near_rel(S(1, 1), static_cast<double>(vv), 1e-14));
  }
  // Small t: leading terms σ²(t³/3, t²/2, t) with relative corrections O(t).
  const Mat2 S = p.noise_cov(1e-6);
  EXPECT_TRUE(near_rel(S(0, 0), 3.0 * 1e-18 / 3, 1e-5));
  EXPECT_TRUE(near_rel(S(0, 1), 3.0 * 1e-12 / 2, 1e-5));
  EXPECT_TRUE(near_rel(S(1, 1), 3.0 * 1e-6, 1e-5));
}

// The two evaluation branches of JordanFlow::gram (integral form for |ct| <= 1, stationary
// form beyond) agree across the switch.
TEST(CldProcess, GramBranchesAgreeAtTheSwitch) {
  const CldProcess p(1.7, 0.4, 0.9);
  const Mat2 below = p.noise_cov(1.0), above = p.noise_cov(std::nextafter(1.0, 2.0));
  EXPECT_LE((below - above).cwiseAbs().maxCoeff(), 1e-15 * below.cwiseAbs().maxCoeff() * 8);
  const JordanFlow L = p.renormalised_flow();
  const Mat2 b2 = L.gram(1.0, p.diffusion()), a2 = L.gram(std::nextafter(1.0, 2.0), p.diffusion());
  EXPECT_LE((b2 - a2).cwiseAbs().maxCoeff(), 1e-15 * b2.cwiseAbs().maxCoeff() * 8);
}

// Σ∞ solves AΣ∞ + Σ∞Aᵀ + D = 0 (theory-notes A.1), is σ²/4·I for ε = 0, and is the limit of Σ_t.
TEST(CldProcess, StationaryCovarianceSolvesLyapunov) {
  for (double sigma2 : {0.5, 4.0, 9.0}) {
    for (double eps : {0.0, 0.3, 2.0}) {
      const CldProcess p(sigma2, 1.0, eps);
      const Mat2 A = CldProcess::drift(), S = p.stationary_cov();
      const Mat2 res = A * S + S * A.transpose() + p.diffusion();
      EXPECT_LE(res.cwiseAbs().maxCoeff(), 4e-16 * p.diffusion().cwiseAbs().maxCoeff());
      EXPECT_LE((p.noise_cov(60.0) - S).cwiseAbs().maxCoeff(), 1e-15 * S.norm());
      EXPECT_LE((p.stationary_precision() * S - Mat2::Identity()).cwiseAbs().maxCoeff(), 1e-15);
      if (eps == 0.0) {
        EXPECT_EQ(S, sigma2 / 4 * Mat2::Identity());
        EXPECT_EQ(p.velocity_var(), 1.0);
      }
    }
  }
  const CldProcess st(4.0, std::nullopt, 2.0);  // stationary velocity: (σ² + ε²)/4
  EXPECT_TRUE(st.stationary_velocity());
  EXPECT_DOUBLE_EQ(st.velocity_var(), 2.0);
}

// Forward marginal: mean and covariance against the general formulas with Eigen's exponential;
// Cov_t − Σ∞ = e^{tA}(C₀ − Σ∞)e^{tAᵀ} (Appendix A5); the score is −Cov_t⁻¹(u − mean_t).
TEST(CldProcess, ForwardMarginalAndScore) {
  const CldProcess p(2.0, 0.7, 0.4);
  const double m0 = 1.3, lam = 0.6;
  for (double t : {0.0, 0.2, 1.0, 3.0}) {
    const Mat2 E = general_exp(CldProcess::drift() * t);
    const Vec2 mref = E * Vec2(m0, 0.0);
    const Mat2 C0 = (Mat2() << lam, 0.0, 0.0, 0.7).finished();
    const Mat2 cref = E * C0 * E.transpose() + van_loan_gram(CldProcess::drift(), p.diffusion(), t);
    EXPECT_LE((CldProcess::mean(t, m0) - mref).cwiseAbs().maxCoeff(), 1e-14);
    EXPECT_LE((p.cov(t, lam) - cref).cwiseAbs().maxCoeff(), 2e-14);
    EXPECT_LE((p.cov_minus_stationary(t, lam) - (cref - p.stationary_cov())).cwiseAbs().maxCoeff(),
              2e-14);
    const Vec2 u(0.4, -1.1);
    const Vec2 s = p.score(t, m0, lam, u);
    EXPECT_LE((p.cov(t, lam) * s + (u - mref)).cwiseAbs().maxCoeff(), 1e-14);
  }
  EXPECT_EQ(p.cov(0.0, lam), p.initial_cov(lam));
}

// theory-notes C11, D-21: σ² = 4, X₀ ~ N(0, 2), V₀ ~ N(0, 1): the symmetric part of the Jacobian
// of the exact-score backward drift, −A − D Cov_t⁻¹, has λ_max = +0.0600 at t = 1: no Euclidean
// contraction even for Gaussian data. Also the seed's counterexample algebra (sign of c).
TEST(CldProcess, D21_NoEuclideanContraction) {
  const CldProcess p(4.0, 1.0);
  const Mat2 J = p.backward_drift_jacobian(1.0, 2.0);
  const Mat2 sym = 0.5 * (J + J.transpose());
  const double lmax = Eigen::SelfAdjointEigenSolver<Mat2>(sym).eigenvalues()(1);
  std::printf("[cld D-21] lambda_max(sym(-A - D Cov_1^-1)) = %.10f\n", lmax);
  EXPECT_GT(lmax, 0.0);
  EXPECT_NEAR(lmax, 0.0600, 5e-5);
  // The slide's H = [[−1, c], [c, −1]], Σ² = diag(0, σ²): 2ZᵀΣ²HZ = 2σ²(c Z_x Z_v − Z_v²)
  // (the slide prints −c).
  const double c = 0.5, s2 = 4.0;
  const Mat2 H = (Mat2() << -1.0, c, c, -1.0).finished();
  const Mat2 D = (Mat2() << 0.0, 0.0, 0.0, s2).finished();
  const Vec2 Z(3.0, 1.0);
  EXPECT_NEAR(2.0 * Z.dot(D * H * Z), 2.0 * s2 * (c * Z(0) * Z(1) - Z(1) * Z(1)), 1e-14);
  EXPECT_GT(2.0 * Z.dot(D * H * Z), 0.0);  // Z_x Z_v > 0 and Z_x/Z_v > 1/c
}

// theory-notes C11, D-22: the renormalised drift −A − DΣ∞⁻¹ is Aᵀ for ε = 0 (symmetric part
// diag(0, −2): only semidefinite; eigenvalue −1 double); for ε > 0 it is Σ∞AᵀΣ∞⁻¹.
TEST(CldProcess, D22_RenormalisedDrift) {
  for (double sigma2 : {0.5, 4.0, 7.0}) {
    const CldProcess p(sigma2);
    const Mat2 R = p.renormalised_drift();
    EXPECT_LE((R - CldProcess::drift().transpose()).cwiseAbs().maxCoeff(), 1e-15);
    const Mat2 sym = 0.5 * (R + R.transpose());
    EXPECT_LE((sym - Mat2(Vec2(0.0, -2.0).asDiagonal())).cwiseAbs().maxCoeff(), 1e-15);
    const JordanFlow L = p.renormalised_flow();
    EXPECT_LE((L.exp(0.8) - general_exp(R * 0.8)).cwiseAbs().maxCoeff(), 1e-14);
  }
  const CldProcess pe(2.0, 1.0, 0.6);
  const Mat2 ref =
      pe.stationary_cov() * CldProcess::drift().transpose() * pe.stationary_cov().inverse();
  EXPECT_LE((pe.renormalised_drift() - ref).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_GT((pe.renormalised_drift() - CldProcess::drift().transpose()).cwiseAbs().maxCoeff(), 0.1);
  EXPECT_LE((pe.renormalised_flow().exp(1.3) - general_exp(pe.renormalised_drift() * 1.3))
                .cwiseAbs()
                .maxCoeff(),
            1e-14);
  // The flows integrate exactly: ∫₀ʰ e^{uM} du against quadrature of the matrix exponential.
  for (const JordanFlow& L : {CldProcess::reverse_flow(), pe.renormalised_flow()}) {
    const Mat2 M = L.c * Mat2::Identity() + L.N;
    for (int r = 0; r < 2; ++r)
      for (int c = 0; c < 2; ++c) {
        auto f = [&](double u) { return general_exp(M * u)(r, c); };
        const double ref2 =
            boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, 0.0, 0.6, 4, 1e-14);
        EXPECT_NEAR(L.integral(0.6)(r, c), ref2, 1e-14);
      }
  }
}

// theory-notes C11, D-23: ‖∇²log p̃_t‖ (spectral norm) is of exact order t²e^{−2t}: 6.902e-12 at
// t = 16 and its ratio to the printed rate (1 + t^{−1/2})e^{−2t} is 436 (27 at t = 4). The
// evaluation through Cov_t − Σ∞ = e^{tA}(C₀ − Σ∞)e^{tAᵀ} keeps these digits (Σ∞⁻¹ − Cov_t⁻¹ in
// double would return round-off at t = 16).
TEST(CldProcess, D23_RenormalisedHessianDecaysLikeTSquared) {
  const CldProcess p(4.0, 1.0);
  auto norm = [&](double t) {
    const Mat2 H = p.renormalised_hessian(t, 2.0);
    return Eigen::SelfAdjointEigenSolver<Mat2>(H).eigenvalues().cwiseAbs().maxCoeff();
  };
  EXPECT_NEAR(norm(16.0) / 6.902e-12, 1.0, 1e-3);
  auto ratio = [&](double t) { return norm(t) / ((1.0 + 1.0 / std::sqrt(t)) * std::exp(-2 * t)); };
  std::printf("[cld D-23] |hess log p~_16| = %.6e, ratio t=4: %.4f, t=16: %.4f\n", norm(16.0),
              ratio(4.0), ratio(16.0));
  EXPECT_NEAR(ratio(4.0), 27.0, 0.5);
  EXPECT_NEAR(ratio(16.0), 436.0, 0.5);
  // Consistent with the direct difference where it does not cancel.
  const Mat2 direct = p.stationary_precision() - p.precision(0.7, 2.0);
  EXPECT_LE((p.renormalised_hessian(0.7, 2.0) - direct).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(CldProcess, RejectsBadParameters) {
  using test::expect_input_error_naming;
  expect_input_error_naming([] { CldProcess p(0.0); }, "sigma2");
  expect_input_error_naming([] { CldProcess p(-1.0); }, "sigma2");
  expect_input_error_naming([] { CldProcess p(std::nan("")); }, "sigma2");
  expect_input_error_naming([] { CldProcess p(1.0, 0.0); }, "velocity_var");
  expect_input_error_naming([] { CldProcess p(1.0, -2.0); }, "velocity_var");
  expect_input_error_naming([] { CldProcess p(1.0, test::kInf); }, "velocity_var");
  expect_input_error_naming([] { CldProcess p(1.0, 1.0, -0.1); }, "elliptic_eps");
  expect_input_error_naming([] { CldProcess p(1.0, 1.0, test::kNaN); }, "elliptic_eps");
  EXPECT_NO_THROW(CldProcess(1.0, 1.0, 0.0));
}

}  // namespace cld_process_test
}  // namespace sb
