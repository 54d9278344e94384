// The CLD contraction toolkit (src/sb/process/cld_contraction.hpp): the best weighted norm of a
// Jordan-block flow (its matrix inequality, its condition number, and that no better norm
// exists), the exact synchronous-coupling factor against a numerical integration of
// dZ/ds = J Z, and the Grönwall bound with the score part ℓ.
#include "sb/process/cld_contraction.hpp"

#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <random>

#include "sb/core/check.hpp"

namespace sb {
namespace {

double max_eig(const Mat2& S) {
  return Eigen::SelfAdjointEigenSolver<Mat2>(0.5 * (S + S.transpose()), Eigen::EigenvaluesOnly)
      .eigenvalues()(1);
}

// ML + LᵀM + 2ηM ≼ 0, tight when κ > 1, and κ = max(1, ‖N‖²/(4(−c − η)²)) — for Aᵀ (ε = 0)
// 1/(1 − η)², and for the elliptic renormalised drift.
TEST(CldContraction, BestNormSatisfiesTheInequalityAndIsTight) {
  for (double eps : {0.0, 0.3, 1.0}) {
    const CldProcess p(4.0, 1.0, eps);
    const JordanFlow L = p.renormalised_flow();
    const Mat2 Lm = L.c * Mat2::Identity() + L.N;
    EXPECT_LT((Lm - p.renormalised_drift()).cwiseAbs().maxCoeff(), 1e-14);
    for (double eta : {0.0, 0.1, 0.5, 0.9, 0.99}) {
      const ContractionNorm n = best_contraction_norm(L, eta);
      const Mat2 lmi = n.M * Lm + Lm.transpose() * n.M + 2.0 * eta * n.M;
      EXPECT_LE(max_eig(lmi), 1e-13) << "eps " << eps << " eta " << eta;
      const double s = L.N.norm();
      EXPECT_NEAR(n.kappa, std::max(1.0, s * s / (4 * (1 - eta) * (1 - eta))), 1e-12 * n.kappa);
      if (n.kappa > 1.0) {
        EXPECT_GT(max_eig(lmi), -1e-12) << "not tight";
      }
      if (eps == 0.0) {
        EXPECT_NEAR(n.kappa, std::max(1.0, 1.0 / ((1 - eta) * (1 - eta))), 1e-9);
      }
      const Eigen::SelfAdjointEigenSolver<Mat2> es(n.M);
      EXPECT_NEAR(es.eigenvalues()(1), 1.0, 1e-14);
      EXPECT_NEAR(es.eigenvalues()(1) / es.eigenvalues()(0), n.kappa, 1e-9 * n.kappa);
    }
  }
  EXPECT_THROW(best_contraction_norm(CldProcess(4.0).renormalised_flow(), 1.0), InputError);
  EXPECT_THROW(best_contraction_norm(CldProcess(4.0).renormalised_flow(), -0.1), InputError);
}

// No SPD M with a smaller condition number satisfies the inequality (random search).
TEST(CldContraction, NoBetterNorm) {
  const JordanFlow L = CldProcess(4.0).renormalised_flow();
  const Mat2 Lm = L.c * Mat2::Identity() + L.N;
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> U(-1.0, 1.0);
  for (double eta : {0.3, 0.7}) {
    const double kappa = best_contraction_norm(L, eta).kappa;
    int feasible_better = 0;
    for (int i = 0; i < 20000; ++i) {
      const double angle = 3.14159265358979 * U(rng);
      const Vec2 u(std::cos(angle), std::sin(angle)), v(-u(1), u(0));
      const double k = 1.0 + (kappa - 1.0) * (0.5 + 0.5 * U(rng)) * 0.999;  // κ below the best
      const Mat2 M = (1.0 / k) * u * u.transpose() + v * v.transpose();
      if (max_eig(M * Lm + Lm.transpose() * M + 2.0 * eta * M) <= 0.0) ++feasible_better;
    }
    EXPECT_EQ(feasible_better, 0) << "eta " << eta;
  }
}

// ‖e^{tAᵀ}‖₂ = e^{−t}(t + √(1 + t²)) and ‖e^{tAᵀ}‖_M <= e^{−ηt}, so ‖e^{tAᵀ}‖₂ <= √κ e^{−ηt}.
TEST(CldContraction, FlowNormsAndWeightedDecay) {
  const CldProcess p(4.0);
  const JordanFlow L = p.renormalised_flow();
  for (double t : {0.0, 0.1, 1.0, 3.0, 10.0}) {
    const Mat2 E = L.exp(t);
    const double n2 = Eigen::JacobiSVD<Mat2>(E).singularValues()(0);
    EXPECT_NEAR(n2, std::exp(-t) * (t + std::sqrt(1 + t * t)), 1e-14);
    for (double eta : {0.2, 0.6, 0.95}) {
      const ContractionNorm n = best_contraction_norm(L, eta);
      EXPECT_LE(weighted_operator_norm(E, n.M), std::exp(-eta * t) * (1 + 1e-13));
      EXPECT_LE(n2, std::sqrt(n.kappa) * std::exp(-eta * t) * (1 + 1e-13));
    }
  }
}

// The exact coupling factor Ψ(T → τ) = Cov_τ e^{(T−τ)Aᵀ} Cov_T⁻¹ solves dZ/ds = J(T − s)Z,
// J = −A − D Cov⁻¹ (classical RK4 with 20000 steps), for ε = 0 and ε > 0.
TEST(CldContraction, CouplingFlowSolvesTheLinearisedReverseOde) {
  for (double eps : {0.0, 0.4}) {
    const CldProcess p(4.0, 1.0, eps);
    const double lambda = 2.0, T = 3.0;
    const auto J = [&](double s) { return p.backward_drift_jacobian(T - s, lambda); };
    Mat2 Z = Mat2::Identity();
    const int n = 20000;
    const double h = T / n;
    for (int k = 0; k < n; ++k) {
      const double s = k * h;
      const Mat2 k1 = J(s) * Z, k2 = J(s + h / 2) * (Z + h / 2 * k1),
                 k3 = J(s + h / 2) * (Z + h / 2 * k2), k4 = J(s + h) * (Z + h * k3);
      Z += h / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
      if ((k + 1) % 5000 == 0) {
        const double tau = T - (k + 1) * h;
        const Mat2 Psi = cld_coupling_flow(p, lambda, T, std::max(tau, 0.0));
        EXPECT_LT((Psi - Z).cwiseAbs().maxCoeff(), 1e-10) << "eps " << eps << " tau " << tau;
      }
    }
  }
  EXPECT_THROW(cld_coupling_flow(CldProcess(4.0), 1.0, 2.0, 3.0), InputError);
}

// Grönwall with ℓ: ‖Ψ(T → T − s)‖_M <= exp(−ηs + ∫ ℓ) on random data variances, and ℓ = 0 at
// equilibrium (λ = v = σ²/4).
TEST(CldContraction, GronwallBoundWithScorePart) {
  const CldProcess p(4.0, 1.0);
  const JordanFlow L = p.renormalised_flow();
  EXPECT_EQ(cld_score_part_norm(p, Vec::Constant(1, 1.0), Mat2::Identity(), 0.7), 0.0);
  for (double lambda : {0.05, 0.5, 2.0, 20.0}) {
    const Vec lam = Vec::Constant(1, lambda);
    for (double eta : {0.3, 0.8}) {
      const ContractionNorm n = best_contraction_norm(L, eta);
      const double T = 4.0;
      for (double s : {0.5, 2.0, 4.0}) {
        const double bound = std::exp(-eta * s + cld_score_part_integral(p, lam, n.M, T - s, T));
        EXPECT_LE(weighted_operator_norm(cld_coupling_flow(p, lambda, T, T - s), n.M),
                  bound * (1 + 1e-10))
            << "lambda " << lambda << " eta " << eta << " s " << s;
      }
    }
  }
}

}  // namespace
}  // namespace sb
