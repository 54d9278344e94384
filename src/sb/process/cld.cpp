#include "sb/process/cld.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "sb/core/check.hpp"

namespace sb {

double cld_exp_moment(int k, double x) {
  if (k < 0 || k > 2)
    throw std::logic_error("sb::cld_exp_moment: k is " + std::to_string(k) + ", must be 0, 1, 2");
  if (std::abs(x) <= 1.0) {
    // E_k(x) = Σ_n xⁿ/(n!(n + k + 1)): |terms| <= 1/n!, 22 terms reach 1e-21 of the first.
    double term = 1.0, sum = 1.0 / (k + 1);
    for (int n = 1; n < 24; ++n) {
      term *= x / n;
      sum += term / (n + k + 1);
    }
    return sum;
  }
  // E₀ = (eˣ − 1)/x, E_k = (eˣ − k E_{k−1})/x (integration by parts). For |x| > 1 each step
  // amplifies the relative error by at most k/(|x|·E_k) < 4 (x ∈ [−1, 1] is the worst case).
  const double ex = std::exp(x);
  double e = std::expm1(x) / x;
  for (int j = 1; j <= k; ++j) e = (ex - j * e) / x;
  return e;
}

Mat2 JordanFlow::exp(double u) const { return std::exp(c * u) * (Mat2::Identity() + u * N); }

Mat2 JordanFlow::integral(double t) const {
  const double k0 = t * cld_exp_moment(0, c * t);
  const double k1 = t * t * cld_exp_moment(1, c * t);
  return k0 * Mat2::Identity() + k1 * N;
}

Mat2 JordanFlow::gram_limit(const Mat2& G) const {
  if (!(c < 0.0)) throw std::logic_error("sb::JordanFlow::gram_limit: needs c < 0");
  const double r = -2.0 * c;  // K_k(∞) = k!/r^{k+1}
  const Mat2 T1 = N * G + G * N.transpose();
  const Mat2 T2 = N * G * N.transpose();
  return G / r + T1 / (r * r) + 2.0 * T2 / (r * r * r);
}

Mat2 JordanFlow::gram(double t, const Mat2& G) const {
  Mat2 out;
  if (c < 0.0 && std::abs(c * t) > 1.0) {
    // S∞ − F S∞ Fᵀ: the correction is a product, small where the integral form cancels.
    const Mat2 S = gram_limit(G);
    const Mat2 F = exp(t);
    out = S - F * S * F.transpose();
  } else {
    const double x = 2.0 * c * t;
    const double k0 = t * cld_exp_moment(0, x);
    const double k1 = t * t * cld_exp_moment(1, x);
    const double k2 = t * t * t * cld_exp_moment(2, x);
    out = k0 * G + k1 * (N * G + G * N.transpose()) + k2 * (N * G * N.transpose());
  }
  out(1, 0) = out(0, 1);
  return out;
}

namespace {

Mat2 cld_nilpotent() { return (Mat2() << 1.0, 1.0, -1.0, -1.0).finished(); }

Mat2 cld_sym(const Mat2& m) {
  Mat2 s = 0.5 * (m + m.transpose());
  return s;
}

}  // namespace

CldProcess::CldProcess(double sigma2, std::optional<double> velocity_var, double elliptic_eps)
    : sigma2_(sigma2), eps_(elliptic_eps), v_(0.0), stationary_v_(!velocity_var.has_value()) {
  const std::string fn = "sb::CldProcess";
  check_positive(fn, "sigma2", sigma2);
  check_nonnegative(fn, "elliptic_eps", elliptic_eps);
  const double e2 = eps_ * eps_;
  if (!std::isfinite(e2)) throw_input_error(fn, "elliptic_eps", format_value(eps_), "finite");
  D_ = Mat2::Zero();
  D_(0, 0) = e2;
  D_(1, 1) = sigma2_;
  // Σ∞ (theory-notes A.1): the Lyapunov solution AΣ∞ + Σ∞Aᵀ + D = 0.
  Sinf_ << (sigma2_ + 5.0 * e2) / 4.0, -e2 / 2.0, -e2 / 2.0, (sigma2_ + e2) / 4.0;
  const double det = Sinf_(0, 0) * Sinf_(1, 1) - Sinf_(0, 1) * Sinf_(0, 1);  // (σ⁴+6σ²ε²+ε⁴)/16
  if (!(det > 0.0) || !std::isfinite(det))
    throw_input_error(fn, "sigma2", format_value(sigma2),
                      "such that the stationary covariance is finite and positive definite");
  Sinf_inv_ << Sinf_(1, 1) / det, -Sinf_(0, 1) / det, -Sinf_(0, 1) / det, Sinf_(0, 0) / det;
  if (velocity_var) {
    check_positive(fn, "velocity_var", *velocity_var);
    v_ = *velocity_var;
  } else {
    v_ = Sinf_(1, 1);
  }
}

std::string CldProcess::describe() const {
  return fmt::format("cld (sigma2 = {}, velocity_var = {}{}{})", sigma2_, v_,
                     stationary_v_ ? " (stationary)" : "",
                     eps_ > 0.0 ? fmt::format(", elliptic_eps = {}", eps_) : "");
}

Mat2 CldProcess::drift() { return (Mat2() << 0.0, 1.0, -1.0, -2.0).finished(); }

JordanFlow CldProcess::forward_flow() { return {-1.0, cld_nilpotent()}; }

JordanFlow CldProcess::reverse_flow() { return {1.0, -cld_nilpotent()}; }

JordanFlow CldProcess::renormalised_flow() const {
  // −A − DΣ∞⁻¹ = Σ∞AᵀΣ∞⁻¹ = −I + Σ∞NᵀΣ∞⁻¹ (from AΣ∞ + Σ∞Aᵀ + D = 0).
  return {-1.0, Sinf_ * cld_nilpotent().transpose() * Sinf_inv_};
}

Mat2 CldProcess::flow(double t) { return forward_flow().exp(t); }

Mat2 CldProcess::noise_cov(double t) const { return forward_flow().gram(t, D_); }

Mat2 CldProcess::initial_cov(double lambda) const {
  Mat2 c = Mat2::Zero();
  c(0, 0) = lambda;
  c(1, 1) = v_;
  return c;
}

Vec2 CldProcess::mean(double t, double m0) {
  const double e = std::exp(-t);
  return Vec2(e * (1.0 + t) * m0, -e * t * m0);
}

Mat2 CldProcess::cov(double t, double lambda) const {
  const Mat2 F = flow(t);
  Mat2 c = F * initial_cov(lambda) * F.transpose() + noise_cov(t);
  c(1, 0) = c(0, 1);
  return c;
}

Mat2 CldProcess::cov_minus_stationary(double t, double lambda) const {
  const Mat2 F = flow(t);
  Mat2 c = F * (initial_cov(lambda) - Sinf_) * F.transpose();
  c(1, 0) = c(0, 1);
  return c;
}

Mat2 CldProcess::precision(double t, double lambda) const {
  const Mat2 c = cov(t, lambda);
  const double det = c(0, 0) * c(1, 1) - c(0, 1) * c(1, 0);
  Mat2 p;
  p << c(1, 1) / det, -c(0, 1) / det, -c(0, 1) / det, c(0, 0) / det;
  return p;
}

Vec2 CldProcess::score(double t, double m0, double lambda, const Vec2& u) const {
  return -precision(t, lambda) * (u - mean(t, m0));
}

Mat2 CldProcess::renormalised_hessian(double t, double lambda) const {
  return cld_sym(precision(t, lambda) * cov_minus_stationary(t, lambda) * Sinf_inv_);
}

Mat2 CldProcess::backward_drift_jacobian(double tau, double lambda) const {
  return -drift() - D_ * precision(tau, lambda);
}

Mat2 CldProcess::renormalised_drift() const { return -drift() - D_ * Sinf_inv_; }

}  // namespace sb
