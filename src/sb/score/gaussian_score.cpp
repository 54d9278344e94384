#include "sb/score/gaussian_score.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sb/core/check.hpp"

namespace sb {

GaussianScore::GaussianScore(ProcessPtr process, std::shared_ptr<const GaussianData> data,
                             ScoreError err)
    : GaussianScore(std::move(process), *data, std::move(err)) {
  owner_ = std::move(data);
}

GaussianScore::GaussianScore(ProcessPtr process, const GaussianData& data, ScoreError err)
    : process_(std::move(process)), data_(&data), err_(std::move(err)) {
  e_ = validated_direction("sb::GaussianScore", err_, data.dim());
  e_rot_ = data.basis()->transpose() * e_;
  centre_rot_ = data.basis()->transpose() * process_->centre(data.dim());
  mean_rot_ = data.basis()->transpose() * data.mean();
}

std::string GaussianScore::describe() const {
  if (err_.is_exact()) return "exact score";
  return fmt::format("score (1 + {})·exact + {}·e", err_.delta, err_.eps);
}

void GaussianScore::field_spectral(double tau, Vec& P, Vec& q) const {
  const double m = process_->m(tau), s2 = process_->s2(tau), k = process_->kappa(tau);
  const Vec& lam = data_->eigenvalues();
  P = (1.0 + err_.delta) / ((m * m) * lam.array() + s2);
  // q = P μ_τ + ε e, μ_τ = m·Uᵀm₀ + κ·Uᵀμ.
  q.array() =
      P.array() * (m * mean_rot_.array() + k * centre_rot_.array()) + err_.eps * e_rot_.array();
}

void GaussianScore::field_dense(double tau, Mat& P, Vec& q) const {
  Vec Pd, qd;
  field_spectral(tau, Pd, qd);
  const Mat& U = *data_->basis();
  P = U * Pd.asDiagonal() * U.transpose();
  q = U * qd;
}

Vec GaussianScore::eval(double tau, const Vec& y) const {
  Vec Pd, qd;
  field_spectral(tau, Pd, qd);
  const Mat& U = *data_->basis();
  return U * (qd - Pd.cwiseProduct(U.transpose() * y));
}

Estimate GaussianScore::l2_error_sq(double tau) const {
  if (err_.delta == 0.0) return Estimate::exact(err_.eps * err_.eps, "exact_closed_form");
  const double m = process_->m(tau), s2 = process_->s2(tau);
  const double tr_inv = (1.0 / ((m * m) * data_->eigenvalues().array() + s2)).sum();
  return Estimate::exact(err_.eps * err_.eps + err_.delta * err_.delta * tr_inv,
                         "exact_closed_form");
}

std::optional<ScorePerturbation> GaussianScore::perturbation() const {
  return ScorePerturbation{err_.delta, err_.eps, e_};
}

double GaussianScore::linf_error(double) const {
  return err_.delta == 0.0 ? err_.eps : std::numeric_limits<double>::infinity();
}

}  // namespace sb
