#include "sb/data/hypercube_law.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"

namespace sb {

int hypercube_bits(Eigen::Index size, std::string_view name) {
  const auto n = static_cast<std::uint64_t>(std::max<Eigen::Index>(size, 0));
  if (n < 2 || !std::has_single_bit(n) || std::countr_zero(n) > kMaxHypercubeDim)
    throw_input_error("sb::HypercubeLaw", std::string(name) + " size", std::to_string(size),
                      fmt::format("2^d entries with 1 <= d <= {} (2, 4, 8, ..., {}): a law on "
                                  "{{0,1}}^d has one probability per state",
                                  kMaxHypercubeDim, 1L << kMaxHypercubeDim));
  return std::countr_zero(n);
}

HypercubeLaw::HypercubeLaw(Vec probs, std::string label, std::string_view name)
    : probs_(std::move(probs)), label_(std::move(label)) {
  bits_ = hypercube_bits(probs_.size(), name);
  double sum = 0.0;
  for (Eigen::Index i = 0; i < probs_.size(); ++i) {
    const double p = probs_(i);
    if (!std::isfinite(p) || p < 0.0)
      throw_input_error("sb::HypercubeLaw", fmt::format("{}[{}]", name, i), format_value(p),
                        "a probability: finite and >= 0");
    sum += p;
  }
  if (!(std::abs(sum - 1.0) <= 1e-9))
    throw_input_error("sb::HypercubeLaw", fmt::format("the sum of {}", name), format_value(sum),
                      "1 within 1e-9 (the entries are the probabilities of the 2^d states)");
  probs_ /= sum;
}

std::string HypercubeLaw::describe() const {
  if (!label_.empty()) return fmt::format("{} on {{0,1}}^{}", label_, bits_);
  return fmt::format("explicit law on {{0,1}}^{}", bits_);
}

Mat HypercubeLaw::sample(long n, std::uint64_t seed) const {
  check_at_least("sb::HypercubeLaw::sample", "n", n, 0);
  // Inverse CDF on the cumulative sums (binary search), one uniform per draw.
  std::vector<double> cdf(states());
  double acc = 0.0;
  for (std::size_t i = 0; i < cdf.size(); ++i)
    cdf[i] = (acc += probs_(static_cast<Eigen::Index>(i)));
  Mat x(n, bits_);
  map_stream_blocks(
      seed, n,
      [&](const StreamBlock& block, Rng& rng) {
        for (long i = block.begin; i < block.begin + block.count; ++i) {
          const double u = rng.uniform() * acc;
          auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
          std::size_t s = static_cast<std::size_t>(it - cdf.begin());
          if (s >= cdf.size()) s = cdf.size() - 1;
          // Never a state of probability 0 (u can equal a cumulative sum only with probability 0,
          // but rounding may land on a flat stretch): step back to the last positive state.
          while (probs_(static_cast<Eigen::Index>(s)) == 0.0 && s > 0) --s;
          for (int l = 0; l < bits_; ++l) x(i, l) = static_cast<double>((s >> l) & 1U);
        }
        return 0;
      },
      1);
  return x;
}

Vec HypercubeLaw::log_density(const Mat& x) const {
  check_size("sb::HypercubeLaw::log_density", "the columns of x", x.cols(), bits_);
  Vec out(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    std::size_t s = 0;
    for (int l = 0; l < bits_; ++l) {
      const double b = x(i, l);
      if (b != 0.0 && b != 1.0)
        throw_input_error("sb::HypercubeLaw::log_density", fmt::format("x({}, {})", i, l),
                          format_value(b), "0 or 1 (a state of {0,1}^d)");
      if (b == 1.0) s |= std::size_t{1} << l;
    }
    out(i) = std::log(probs_(static_cast<Eigen::Index>(s)));
  }
  return out;
}

void HypercubeLaw::score(const LinearProcess&, double, const Mat&, Mat&) const {
  throw std::logic_error(
      "sb::HypercubeLaw: a law on {0,1}^d has no score under a linear SDE (its forward process "
      "is the bit-flip chain; see score/discrete_score.hpp)");
}

Mat HypercubeLaw::hessian(const LinearProcess&, double, const Vec&) const {
  throw std::logic_error("sb::HypercubeLaw: a law on {0,1}^d has no Hessian");
}

Estimate HypercubeLaw::fisher_information(const LinearProcess&, double,
                                          const TargetMcOptions&) const {
  throw std::logic_error(
      "sb::HypercubeLaw: the Fisher information of a linear SDE's marginal does not exist on "
      "{0,1}^d (PSOCD25's analogue is bitflip_beta, metric/discrete_divergence.hpp)");
}

Gaussian HypercubeLaw::moment_law() const {
  Vec mean = Vec::Zero(bits_);
  Mat second = Mat::Zero(bits_, bits_);
  for (std::size_t s = 0; s < states(); ++s) {
    const double p = probs_(static_cast<Eigen::Index>(s));
    if (p == 0.0) continue;
    for (int a = 0; a < bits_; ++a) {
      if (!((s >> a) & 1U)) continue;
      mean(a) += p;
      for (int b = 0; b < bits_; ++b)
        if ((s >> b) & 1U) second(a, b) += p;
    }
  }
  return Gaussian{mean, second - mean * mean.transpose()};
}

HypercubeLaw hypercube_product(const Vec& p1) {
  const auto d = static_cast<int>(p1.size());
  if (d < 1 || d > kMaxHypercubeDim)
    throw_input_error("sb::hypercube_product", "dim", std::to_string(d),
                      fmt::format("in [1, {}]", kMaxHypercubeDim));
  for (int l = 0; l < d; ++l)
    check_bounded("sb::hypercube_product", fmt::format("p1[{}]", l), p1(l), 0.0, 1.0);
  Vec mu = Vec::Ones(Eigen::Index{1} << d);
  for (Eigen::Index s = 0; s < mu.size(); ++s)
    for (int l = 0; l < d; ++l) mu(s) *= ((s >> l) & 1) ? p1(l) : 1.0 - p1(l);
  std::string label = "product law P(x_l = 1) = (";
  for (int l = 0; l < d; ++l) label += (l ? ", " : "") + format_value(p1(l));
  return HypercubeLaw(std::move(mu), label + ")");
}

HypercubeLaw hypercube_point_mass(int d, std::uint64_t index) {
  if (d < 1 || d > kMaxHypercubeDim)
    throw_input_error("sb::hypercube_point_mass", "dim", std::to_string(d),
                      fmt::format("in [1, {}]", kMaxHypercubeDim));
  if (index >= (std::uint64_t{1} << d))
    throw_input_error("sb::hypercube_point_mass", "index", std::to_string(index),
                      fmt::format("< 2^{} = {}", d, std::uint64_t{1} << d));
  Vec mu = Vec::Zero(Eigen::Index{1} << d);
  mu(static_cast<Eigen::Index>(index)) = 1.0;
  return HypercubeLaw(std::move(mu), fmt::format("point mass at state {}", index));
}

HypercubeLaw hypercube_ising(int d, double coupling, double field) {
  if (d < 1 || d > kMaxHypercubeDim)
    throw_input_error("sb::hypercube_ising", "dim", std::to_string(d),
                      fmt::format("in [1, {}]", kMaxHypercubeDim));
  check_bounded("sb::hypercube_ising", "coupling", coupling, -50.0, 50.0);
  check_bounded("sb::hypercube_ising", "field", field, -50.0, 50.0);
  Vec energy(Eigen::Index{1} << d);
  for (Eigen::Index s = 0; s < energy.size(); ++s) {
    double e = 0.0;
    for (int l = 0; l < d; ++l) {
      const double sl = ((s >> l) & 1) ? 1.0 : -1.0;
      e += field * sl;
      if (l + 1 < d) e += coupling * sl * (((s >> (l + 1)) & 1) ? 1.0 : -1.0);
    }
    energy(s) = e;
  }
  // |J|, |h| <= 50 and d <= 16 keep the exponents within ±1600: shift by the maximum.
  Vec mu = (energy.array() - energy.maxCoeff()).exp();
  mu /= mu.sum();
  return HypercubeLaw(std::move(mu), fmt::format("Ising chain J = {}, h = {}",
                                                 format_value(coupling), format_value(field)));
}

namespace {

/// Gamma(a, 1) by Marsaglia & Tsang (ACM TOMS 26(3), 2000), with the a < 1 boost
/// Gamma(a) = Gamma(a + 1)·U^{1/a}.
double gamma_draw(double a, Rng& rng) {
  if (a < 1.0) return gamma_draw(a + 1.0, rng) * std::pow(rng.uniform(), 1.0 / a);
  const double dd = a - 1.0 / 3.0, c = 1.0 / std::sqrt(9.0 * dd);
  for (;;) {
    double z, v;
    do {
      z = rng.normal();
      v = 1.0 + c * z;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = rng.uniform();
    if (std::log(u) < 0.5 * z * z + dd - dd * v + dd * std::log(v)) return dd * v;
  }
}

}  // namespace

HypercubeLaw hypercube_random(int d, std::uint64_t seed, double concentration) {
  if (d < 1 || d > kMaxHypercubeDim)
    throw_input_error("sb::hypercube_random", "dim", std::to_string(d),
                      fmt::format("in [1, {}]", kMaxHypercubeDim));
  check_bounded("sb::hypercube_random", "concentration", concentration, 0.05, 1e6);
  Rng rng(seed);
  Vec mu(Eigen::Index{1} << d);
  for (Eigen::Index s = 0; s < mu.size(); ++s) mu(s) = gamma_draw(concentration, rng);
  mu /= mu.sum();
  return HypercubeLaw(std::move(mu),
                      fmt::format("Dirichlet({}) law, seed {}", format_value(concentration), seed));
}

HypercubeLaw hypercube_uniform(int d) {
  if (d < 1 || d > kMaxHypercubeDim)
    throw_input_error("sb::hypercube_uniform", "dim", std::to_string(d),
                      fmt::format("in [1, {}]", kMaxHypercubeDim));
  const Eigen::Index n = Eigen::Index{1} << d;
  return HypercubeLaw(Vec::Constant(n, 1.0 / static_cast<double>(n)), "uniform law gamma_d");
}

}  // namespace sb
