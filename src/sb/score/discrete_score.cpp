#include "sb/score/discrete_score.hpp"

#include <cmath>

namespace sb {

namespace {

int bits_of(const Vec& v) {
  int d = 0;
  while ((Eigen::Index{1} << d) < v.size()) ++d;
  return d;
}

}  // namespace

Mat discrete_score(const Vec& mu) {
  const int d = bits_of(mu);
  Mat s(mu.size(), d);
  for (int l = 0; l < d; ++l)
    for (Eigen::Index x = 0; x < mu.size(); ++x)
      s(x, l) =
          1.0 - mu(static_cast<Eigen::Index>(flip_bit(static_cast<std::size_t>(x), l))) / mu(x);
  return s;
}

Mat reverse_rates(const Vec& mu, double rate) {
  const int d = bits_of(mu);
  Mat q(mu.size(), d);
  for (int l = 0; l < d; ++l)
    for (Eigen::Index x = 0; x < mu.size(); ++x)
      q(x, l) =
          rate * (mu(static_cast<Eigen::Index>(flip_bit(static_cast<std::size_t>(x), l))) / mu(x));
  return q;
}

void perturb_rates(Mat& rates, double delta, double eps, double rate) {
  if (delta == 0.0 && eps == 0.0) return;
  rates.array() = (1.0 + delta) * rates.array() + eps * rate;
}

Vec exit_rates(const Mat& rates) { return rates.rowwise().sum(); }

Vec apply_rates(const Vec& nu, const Mat& rates) {
  const Eigen::Index n = nu.size();
  Vec out = -nu.cwiseProduct(exit_rates(rates));
  for (Eigen::Index l = 0; l < rates.cols(); ++l)
    for (Eigen::Index y = 0; y < n; ++y) {
      const auto x =
          static_cast<Eigen::Index>(flip_bit(static_cast<std::size_t>(y), static_cast<int>(l)));
      out(y) += nu(x) * rates(x, l);
    }
  return out;
}

double rate_bregman(const Vec& mu, const Mat& q, const Mat& qhat) {
  double sum = 0.0;
  for (Eigen::Index x = 0; x < mu.size(); ++x) {
    if (mu(x) == 0.0) continue;
    double row = 0.0;
    for (Eigen::Index l = 0; l < q.cols(); ++l) {
      const double a = q(x, l), b = qhat(x, l);
      row += a > 0.0 ? a * std::log(a / b) - a + b : b;
    }
    sum += mu(x) * row;
  }
  return sum;
}

Mat score_by_conditional_expectation(const Vec& mu0, const BitFlipChain& chain, double tau,
                                     ScoreFormula formula) {
  const int d = bits_of(mu0);
  const double a = chain.alpha(tau), stay = chain.stay(tau), move = chain.move(tau);
  const Vec mu_tau = chain.marginal(mu0, tau);
  // 1 − α² = (1 − α)(1 + α) with 1 − α = −expm1(−2λτ) (no cancellation at small τ).
  const double one_minus_a2 = 2.0 * move * (1.0 + a);
  Mat s(mu0.size(), d);
  for (int l = 0; l < d; ++l) {
    // Σ_z μ₀(z) P_τ(z, x) 1{z_ℓ = x_ℓ}: the full kernel on every coordinate but ℓ, only its
    // diagonal (stay) on ℓ.
    Vec same = mu0;
    for (int j = 0; j < d; ++j) apply_bit_kernel(same, j, stay, j == l ? 0.0 : move);
    for (Eigen::Index x = 0; x < mu0.size(); ++x) {
      const double p_same = same(x) / mu_tau(x);  // E[I_ℓ | X_τ = x]
      s(x, l) = formula == ScoreFormula::kCorrected
                    ? 2.0 * a * (2.0 * p_same - (1.0 + a)) / one_minus_a2
                    : (2.0 * a * p_same - (1.0 + a)) / one_minus_a2;
    }
  }
  return s;
}

}  // namespace sb
