#include "sb/process/bitflip_chain.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

void apply_bit_kernel(Vec& v, int l, double stay, double move) {
  const std::size_t n = static_cast<std::size_t>(v.size());
  const std::size_t bit = std::size_t{1} << l;
  double* p = v.data();
  for (std::size_t x = 0; x < n; ++x) {
    if (x & bit) continue;
    const double a = p[x], b = p[x | bit];
    p[x] = stay * a + move * b;
    p[x | bit] = move * a + stay * b;
  }
}

void apply_bit_kernel(Vec& v, double stay, double move) {
  const auto n = static_cast<std::size_t>(v.size());
  for (int l = 0; (std::size_t{1} << l) < n; ++l) apply_bit_kernel(v, l, stay, move);
}

BitFlipChain::BitFlipChain(double rate) : rate_(rate) {
  check_positive("sb::BitFlipChain", "rate", rate);
}

std::string BitFlipChain::describe() const {
  return fmt::format("bit-flip chain on {{0,1}}^d, every bit flips at rate {}",
                     format_value(rate_));
}

double BitFlipChain::alpha(double t) const { return std::exp(-2.0 * rate_ * t); }
double BitFlipChain::stay(double t) const { return 1.0 + 0.5 * std::expm1(-2.0 * rate_ * t); }
double BitFlipChain::move(double t) const { return -0.5 * std::expm1(-2.0 * rate_ * t); }

Vec BitFlipChain::marginal(const Vec& mu0, double t) const {
  check_nonnegative("sb::BitFlipChain::marginal", "t", t);
  Vec mu = mu0;
  if (t > 0) apply_bit_kernel(mu, stay(t), move(t));
  return mu;
}

Vec BitFlipChain::generator_action(const Vec& mu) const {
  const std::size_t n = static_cast<std::size_t>(mu.size());
  Vec out = Vec::Zero(mu.size());
  for (int l = 0; (std::size_t{1} << l) < n; ++l)
    for (std::size_t x = 0; x < n; ++x)
      out(static_cast<Eigen::Index>(x)) += rate_ * (mu(static_cast<Eigen::Index>(flip_bit(x, l))) -
                                                    mu(static_cast<Eigen::Index>(x)));
  return out;
}

}  // namespace sb
