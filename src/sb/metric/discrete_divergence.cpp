#include "sb/metric/discrete_divergence.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sb/process/bitflip_chain.hpp"

namespace sb {

double discrete_kl(const Vec& p, const Vec& q) {
  double s = 0.0;
  for (Eigen::Index i = 0; i < p.size(); ++i) {
    if (p(i) == 0.0) continue;
    if (q(i) == 0.0) return std::numeric_limits<double>::infinity();
    // log p − log q, not log(p/q): the ratio overflows for a subnormal q.
    s += p(i) * (std::log(p(i)) - std::log(q(i)));
  }
  // Rounding can leave −1e-17 for equal laws; KL is >= 0.
  return std::max(s, 0.0);
}

double discrete_tv(const Vec& p, const Vec& q) { return 0.5 * (p - q).cwiseAbs().sum(); }

double discrete_hellinger2(const Vec& p, const Vec& q) {
  return 0.5 * (p.cwiseSqrt() - q.cwiseSqrt()).squaredNorm();
}

double kl_to_uniform(const Vec& mu) {
  const double n = static_cast<double>(mu.size());
  double s = 0.0;
  for (Eigen::Index i = 0; i < mu.size(); ++i)
    if (mu(i) > 0.0) s += mu(i) * (std::log(n) + std::log(mu(i)));
  return std::max(s, 0.0);
}

double bitflip_beta(const Vec& mu) {
  int d = 0;
  while ((Eigen::Index{1} << d) < mu.size()) ++d;
  double beta = 0.0;
  for (Eigen::Index x = 0; x < mu.size(); ++x) {
    if (mu(x) == 0.0) continue;
    for (int l = 0; l < d; ++l) {
      const double a =
          mu(static_cast<Eigen::Index>(flip_bit(static_cast<std::size_t>(x), l))) / mu(x);
      beta += mu(x) * (a > 0.0 ? a * std::log(a) - a + 1.0 : 1.0);
    }
  }
  return beta;
}

}  // namespace sb
