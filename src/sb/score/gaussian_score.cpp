#include "sb/score/gaussian_score.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "sb/core/check.hpp"

namespace sb {

GaussianScore::GaussianScore(ProcessPtr process, const GaussianData& data, ScoreError err)
    : process_(std::move(process)), data_(&data), err_(std::move(err)) {
  constexpr const char* kFn = "sb::GaussianScore";
  check_finite(kFn, "score_error.delta", err_.delta);
  if (!(err_.delta > -1.0))
    throw_input_error(kFn, "score_error.delta", format_value(err_.delta), "> -1");
  check_nonnegative(kFn, "score_error.eps", err_.eps);
  const Eigen::Index d = data.dim();
  if (err_.direction.size() == 0) {
    e_ = Vec::Unit(d, 0);
  } else {
    check_size(kFn, "score_error.direction", err_.direction.size(), d);
    check_finite(kFn, "score_error.direction", err_.direction);
    const double n = err_.direction.norm();
    if (!(n > 0))
      throw_input_error(kFn, "the norm of score_error.direction", format_value(n),
                        "> 0 (a non-zero direction)");
    e_ = err_.direction / n;
  }
  e_rot_ = data.basis()->transpose() * e_;
  centre_rot_ = data.basis()->transpose() * process_->centre(d);
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

double GaussianScore::l2_error_sq(double tau) const {
  if (err_.delta == 0.0) return err_.eps * err_.eps;
  const double m = process_->m(tau), s2 = process_->s2(tau);
  const double tr_inv = (1.0 / ((m * m) * data_->eigenvalues().array() + s2)).sum();
  return err_.eps * err_.eps + err_.delta * err_.delta * tr_inv;
}

double GaussianScore::linf_error(double) const {
  return err_.delta == 0.0 ? err_.eps : std::numeric_limits<double>::infinity();
}

}  // namespace sb
