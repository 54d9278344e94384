#include "sb/process/cld_contraction.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"

namespace sb {

ContractionNorm best_contraction_norm(const JordanFlow& L, double eta) {
  if (!(eta >= 0.0 && eta < -L.c))
    throw_input_error("sb::best_contraction_norm", "eta", format_value(eta),
                      "in [0, " + format_value(-L.c) + ") (below the flow's decay rate −c)");
  ContractionNorm out;
  out.eta = eta;
  const double s = L.N.norm();  // rank one: Frobenius norm = spectral norm
  if (s == 0.0) return out;     // L = cI: every norm contracts at rate −c
  // N = s u vᵀ: u the normalised larger column direction, v = Nᵀu/s.
  Eigen::Index col = 0;
  L.N.colwise().norm().maxCoeff(&col);
  const Vec2 u = L.N.col(col).normalized();
  const Vec2 v = L.N.transpose() * u / s;
  const double gamma = -L.c - eta;
  const double m = std::min(1.0, (2.0 * gamma / s) * (2.0 * gamma / s));
  out.M = m * u * u.transpose() + v * v.transpose();
  out.M = 0.5 * (out.M + out.M.transpose()).eval();
  out.kappa = 1.0 / m;
  return out;
}

double weighted_operator_norm(const Mat2& X, const Mat2& M) {
  const Eigen::SelfAdjointEigenSolver<Mat2> es(M);
  const Vec2 ev = es.eigenvalues();
  const Mat2& V = es.eigenvectors();
  const Mat2 half = V * ev.cwiseSqrt().asDiagonal() * V.transpose();
  const Mat2 inv_half = V * ev.cwiseSqrt().cwiseInverse().asDiagonal() * V.transpose();
  return Eigen::JacobiSVD<Mat2>(half * X * inv_half).singularValues()(0);
}

double sym_max_eigenvalue(const Mat2& X) {
  const Mat2 S = 0.5 * (X + X.transpose());
  return Eigen::SelfAdjointEigenSolver<Mat2>(S, Eigen::EigenvaluesOnly).eigenvalues()(1);
}

double cld_score_part_norm(const CldProcess& p, const Vec& lambda, const Mat2& M, double tau) {
  double out = 0.0;
  for (Eigen::Index j = 0; j < lambda.size(); ++j)
    out = std::max(
        out, weighted_operator_norm(p.diffusion() * p.renormalised_hessian(tau, lambda(j)), M));
  return out;
}

double cld_score_part_integral(const CldProcess& p, const Vec& lambda, const Mat2& M, double a,
                               double b) {
  if (!(b > a)) return 0.0;
  return quad::gauss_kronrod([&](double t) { return cld_score_part_norm(p, lambda, M, t); }, a, b,
                             31, 10, 1e-12);
}

Mat2 cld_coupling_flow(const CldProcess& p, double lambda, double T, double tau) {
  if (!(tau >= 0.0 && tau <= T))
    throw_input_error("sb::cld_coupling_flow", "tau", format_value(tau),
                      "in [0, T] with T = " + format_value(T));
  return p.cov(tau, lambda) * CldProcess::flow(T - tau).transpose() * p.precision(T, lambda);
}

}  // namespace sb
