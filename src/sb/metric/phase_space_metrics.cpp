#include "sb/metric/phase_space_metrics.hpp"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string_view>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"

namespace sb {

// ---- Distances -------------------------------------------------------------------------------

namespace {

void cld_check_pair(std::string_view fn, const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q) {
  check_size(fn, "Q dimension", Q.dim(), P.dim());
  if (P.dim() < 1) throw_input_error(fn, "P dimension", "0", ">= 1");
  if (!P.basis || !Q.basis || !(P.basis == Q.basis || *P.basis == *Q.basis))
    throw_input_error(fn, "Q.basis", "another basis", "the basis of P (a shared eigenbasis)");
}

Gaussian cld_block_gaussian(const PhaseSpaceGaussian& g, Eigen::Index j) {
  return {Vec(g.block_mean(j)), Mat(g.block_cov(j))};
}

/// Σ_j metric(block j of P, block j of Q): the blocks are independent, so KL and W2² add up.
template <class Metric>
double sum_over_blocks(std::string_view fn, const PhaseSpaceGaussian& P,
                       const PhaseSpaceGaussian& Q, Metric metric) {
  cld_check_pair(fn, P, Q);
  double sum = 0.0;
  for (Eigen::Index j = 0; j < P.dim(); ++j)
    sum += metric(cld_block_gaussian(P, j), cld_block_gaussian(Q, j));
  return sum;
}

}  // namespace

double kl_divergence(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q) {
  return sum_over_blocks("sb::kl_divergence (phase space)", P, Q,
                         [](const Gaussian& a, const Gaussian& b) { return kl_divergence(a, b); });
}

double w2_squared(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q) {
  return sum_over_blocks("sb::w2_squared (phase space)", P, Q,
                         [](const Gaussian& a, const Gaussian& b) { return w2_squared(a, b); });
}

double w2(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q) {
  return std::sqrt(w2_squared(P, Q));
}

TvResult total_variation(const PhaseSpaceGaussian& P, const PhaseSpaceGaussian& Q,
                         const TvOptions& options) {
  const std::string fn = "sb::total_variation (phase space)";
  cld_check_pair(fn, P, Q);
  const Eigen::Index d = P.dim();
  Vec m1(2 * d), v1(2 * d), m2(2 * d), v2 = Vec::Ones(2 * d);
  for (Eigen::Index j = 0; j < d; ++j) {
    // Whiten Q's block (S₂ = LLᵀ, W = L⁻¹), then rotate to the eigenvectors of W S₁ Wᵀ: both
    // blocks become diagonal, Q's the identity.
    const Mat2 S1 = P.block_cov(j), S2 = Q.block_cov(j);
    const Eigen::LLT<Mat2> llt(S2);
    if (llt.info() != Eigen::Success || !(S2(0, 0) > 0.0))
      throw_input_error(fn, fmt::format("Q block {} covariance", j), "not positive definite",
                        "positive definite");
    const Mat2 W = llt.matrixL().solve(Mat2::Identity());
    const Eigen::SelfAdjointEigenSolver<Mat2> es(W * S1 * W.transpose());
    const Mat2 T = es.eigenvectors().transpose() * W;
    const Vec2 a = T * P.block_mean(j), b = T * Q.block_mean(j);
    m1.segment<2>(2 * j) = a;
    m2.segment<2>(2 * j) = b;
    v1.segment<2>(2 * j) = es.eigenvalues();
  }
  return total_variation_diag(m1, v1, m2, v2, options);
}

CldDistances cld_distances(const CldProcess& p, const GaussianData& data,
                           const PhaseSpaceGaussian& out, const TvOptions& tv) {
  const PhaseSpaceGaussian target = cld_target_law(p, data);
  CldDistances r;
  const SpectralGaussian tp = target.position(), op = out.position();
  r.kl_position = kl_divergence(tp, op);
  r.kl_position_reverse = kl_divergence(op, tp);
  r.w2_position = w2(tp, op);
  r.tv_position = total_variation(tp, op, tv);
  r.kl_phase = kl_divergence(target, out);
  r.kl_phase_reverse = kl_divergence(out, target);
  r.w2_phase = w2(target, out);
  r.tv_phase = total_variation(target, out, tv);
  return r;
}

}  // namespace sb
