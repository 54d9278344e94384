// A one-dimensional Gaussian mixture Σ_k w_k N(μ_k, σ_k²) as plain data: the law of a projection
// ⟨e, X⟩ of a Gaussian mixture X (GaussianMixture::projected), of a 1-D mixture's forward
// marginal, and the input of the 1-D metrics. With φ the standard normal density and Φ its cdf:
//   pdf(x) = Σ_k w_k φ((x − μ_k)/σ_k)/σ_k,   cdf(x) = Σ_k w_k Φ((x − μ_k)/σ_k),
//   Φ(z) = ½ erfc(−z/√2)  (no cancellation in the lower tail),
//   log_pdf(x) by log-sum-exp over k, finite far in the tails where pdf(x) underflows to 0.
// The three fields are the whole of the type; the helpers do not check their input (sizes must
// agree, weights >= 0 summing to 1, sds > 0: GaussianMixture::projected produces such values).
#pragma once

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sb/core/types.hpp"

namespace sb {

struct Mixture1d {
  Vec weights;
  Vec means;
  Vec sds;

  double log_pdf(double x) const {
    double top = -std::numeric_limits<double>::infinity();
    for (Eigen::Index k = 0; k < weights.size(); ++k) top = std::max(top, log_term(k, x));
    if (!std::isfinite(top)) return top;
    double sum = 0.0;
    for (Eigen::Index k = 0; k < weights.size(); ++k) sum += std::exp(log_term(k, x) - top);
    return top + std::log(sum);
  }

  double pdf(double x) const { return std::exp(log_pdf(x)); }

  double cdf(double x) const {
    double sum = 0.0;
    for (Eigen::Index k = 0; k < weights.size(); ++k)
      sum += weights(k) * 0.5 * std::erfc(-(x - means(k)) / (sds(k) * std::numbers::sqrt2));
    return std::min(sum, 1.0);
  }

 private:
  // log(w_k φ((x − μ_k)/σ_k)/σ_k).
  double log_term(Eigen::Index k, double x) const {
    const double z = (x - means(k)) / sds(k);
    constexpr double kHalfLog2Pi = 0.91893853320467274178;  // ½ log 2π
    return std::log(weights(k)) - std::log(sds(k)) - kHalfLog2Pi - 0.5 * z * z;
  }
};

}  // namespace sb
