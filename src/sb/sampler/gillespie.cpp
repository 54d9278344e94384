#include "sb/sampler/gillespie.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <optional>
#include <stdexcept>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/score/discrete_score.hpp"

namespace sb {

namespace {

constexpr const char* kFn = "sb::simulate_jump_chain";

// A chain that has not settled after this many jumps is a bug (the expected number of jumps is
// of the order of (1 + δ + ε)λdT plus d per visit off the support).
constexpr long kMaxJumps = 100'000'000;

double exp1(Rng& rng) { return -std::log(rng.uniform()); }

/// Index ℓ with Σ_{j<ℓ} w_j <= u < Σ_{j<=ℓ} w_j for u ∈ [0, Σ w) (the last positive weight when
/// rounding leaves u at the total).
int pick(const double* w, int d, double u) {
  int last = -1;
  for (int l = 0; l < d; ++l) {
    if (w[l] <= 0.0) continue;
    last = l;
    if (u < w[l]) return l;
    u -= w[l];
  }
  return last;
}

/// ipow(a, k) = a^k for small k >= 0 by multiplication.
double ipow(double a, int k) {
  double p = 1.0;
  for (int i = 0; i < k; ++i) p *= a;
  return p;
}

/// The forward kernel's parameters at τ from one expm1: m = 1 − e^{−2λτ} (= 2·move), the ratio
/// r = move/stay = tanh(λτ) = m/(2 − m) and stay = 1 − m/2, all without cancellation at small τ.
struct KernelPoint {
  double tau, r, stay;
};

/// μ_τ(x) for one state at a time in O(d) from the Hamming profile of μ₀ (see the header):
/// μ_τ(x) = stay^d r^{k*(x)} M_x(r), M_x(r) = Σ_{k>=k*} w_k(x) r^{k−k*}.
class OneStateMarginal {
 public:
  OneStateMarginal(const Vec& mu0, double rate) : rate_(rate) {
    const auto n = static_cast<std::size_t>(mu0.size());
    while ((std::size_t{1} << d_) < n) ++d_;
    const auto width = static_cast<std::size_t>(d_ + 1);
    // w[x·(d+1) + k]; after bits 0..l have been processed, w_k(x) sums μ₀(z) over the z that agree
    // with x above bit l and differ from it in exactly k of bits 0..l (O(d²·2^d) in all).
    w_.assign(n * width, 0.0);
    for (std::size_t x = 0; x < n; ++x) w_[x * width] = mu0(static_cast<Eigen::Index>(x));
    for (int l = 0; l < d_; ++l)
      for (std::size_t x = 0; x < n; ++x) {
        const std::size_t y = flip_bit(x, l);
        if (y < x) continue;
        for (std::size_t k = width - 1; k >= 1; --k) {
          const double wx = w_[x * width + k], wy = w_[y * width + k];
          w_[x * width + k] = wx + w_[y * width + k - 1];
          w_[y * width + k] = wy + w_[x * width + k - 1];
        }
      }
    kmin_.resize(n);
    for (std::size_t x = 0; x < n; ++x) {
      int k = 0;
      while (k < d_ && !(w_[x * width + static_cast<std::size_t>(k)] > 0.0)) ++k;
      kmin_[x] = k;
    }
  }

  int bits() const { return d_; }
  double rate() const { return rate_; }
  int distance_to_support(std::size_t x) const { return kmin_[x]; }

  KernelPoint point(double tau) const {
    const double m = -std::expm1(-2.0 * rate_ * tau);
    return {tau, m / (2.0 - m), 1.0 - 0.5 * m};
  }

  /// M_x(r) (Horner).
  double scaled(std::size_t x, double r) const {
    const auto width = static_cast<std::size_t>(d_ + 1);
    const double* w = &w_[x * width];
    double m = 0.0;
    for (int k = d_; k >= kmin_[x]; --k) m = m * r + w[k];
    return m;
  }

  /// log μ_τ(x) (−inf at τ = 0 off the support): one log unless the product under- or
  /// overflows.
  double log_marginal(std::size_t x, const KernelPoint& p) const {
    const double mx = scaled(x, p.r);
    const int k = kmin_[x];
    const double prod = ipow(p.stay, d_) * ipow(p.r, k) * mx;
    if (prod > 1e-280 && prod < 1e280) return std::log(prod);
    return d_ * std::log(p.stay) + k * std::log(p.r) + std::log(mx);
  }

  /// ratio[ℓ] = μ_τ(φ^ℓ x)/μ_τ(x) for τ > 0 (|k*(φ^ℓ x) − k*(x)| <= 1); no transcendental.
  void ratios(std::size_t x, const KernelPoint& p, double* ratio) const {
    const double mx = scaled(x, p.r);
    for (int l = 0; l < d_; ++l) {
      const std::size_t y = flip_bit(x, l);
      double v = scaled(y, p.r) / mx;
      const int dk = kmin_[y] - kmin_[x];
      if (dk > 0) v *= p.r;
      if (dk < 0) v /= p.r;
      ratio[l] = v;
    }
  }

 private:
  double rate_;
  int d_ = 0;
  std::vector<double> w_;
  std::vector<int> kmin_;
};

/// The continuous reverse chain's clock and jump kernel (header: closed-form hazard).
class ContinuousReverse {
 public:
  ContinuousReverse(const Vec& mu0, double rate, double delta, double eps)
      : marg_(mu0, rate),
        delta_(delta),
        eps_(eps),
        slope_((1.0 + delta + eps) * rate * marg_.bits()),
        // Below τ_floor the rates' ratios (~1/(λτ)) would leave the range of a double.
        log_floor_(std::log(1e-250 / rate)) {}

  const OneStateMarginal& marginal() const { return marg_; }

  /// H_x(τ_a, τ_b) given log μ_{τ_a}(x).
  double hazard(std::size_t x, double tau_a, double log_mu_a, const KernelPoint& b) const {
    return (1.0 + delta_) * (log_mu_a - marg_.log_marginal(x, b)) + slope_ * (tau_a - b.tau);
  }

  /// Exit rate Λ_τ(x) and the jump weights q̂(x, φ^ℓ x)/λ into w[0, d).
  double exit_rate(std::size_t x, const KernelPoint& p, double* w) const {
    marg_.ratios(x, p, w);
    double sum = 0.0;
    for (int l = 0; l < marg_.bits(); ++l) {
      w[l] = (1.0 + delta_) * w[l] + eps_;
      sum += w[l];
    }
    return marg_.rate() * sum;
  }

  /// The kernel point of the forward time τ_b < τ_a at which the clock started at τ_a with
  /// threshold E rings, or nullopt when it does not ring before τ = 0. w: scratch of d entries.
  std::optional<KernelPoint> ring(std::size_t x, double tau_a, double E, double* w) const {
    const KernelPoint a = marg_.point(tau_a);
    const double la = marg_.log_marginal(x, a);
    if (marg_.distance_to_support(x) == 0 &&
        !(hazard(x, tau_a, la, KernelPoint{0.0, 0.0, 1.0}) > E))
      return std::nullopt;
    // Φ(v) = H_x(τ_a, e^v) − E is decreasing in v = log τ_b, Φ(log τ_a) = −E < 0, and Φ > 0 as
    // v → −∞ (+inf off the support; H_x(τ_a, 0) − E > 0 on it), taken to hold at the floor.
    // Safeguarded Newton in v from v = log τ_a: Φ'(v) = −Λ_{e^v}(x)·e^v; three transcendental
    // functions per iteration (exp, expm1, log).
    const double tol = 1e-13 * std::max(1.0, E);
    double lo = log_floor_, hi = std::log(tau_a), v = hi;
    double f = -E, df = -exit_rate(x, a, w) * tau_a;
    KernelPoint b = a;
    for (int it = 0; it < 100; ++it) {
      if (f > 0.0)
        lo = v;
      else
        hi = v;
      double next = df < 0.0 ? v - f / df : 0.5 * (lo + hi);
      if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
      if (std::abs(next - v) <= 1e-15 * std::max(1.0, std::abs(v))) break;
      v = next;
      b = marg_.point(std::exp(v));
      f = hazard(x, tau_a, la, b) - E;
      if (std::abs(f) <= tol) break;
      df = -exit_rate(x, b, w) * b.tau;
    }
    return b;
  }

 private:
  OneStateMarginal marg_;
  double delta_, eps_, slope_, log_floor_;
};

std::size_t draw_initial(const std::vector<double>& cdf, Rng& rng) {
  // The first x with cdf[x] > u: then init(x) = cdf[x] − cdf[x − 1] > 0.
  const double u = rng.uniform() * cdf.back();
  const auto it = std::upper_bound(cdf.begin(), cdf.end(), u);
  if (it != cdf.end()) return static_cast<std::size_t>(it - cdf.begin());
  // u rounded up to the total: the last state of positive probability.
  std::size_t x = cdf.size() - 1;
  while (x > 0 && cdf[x] == cdf[x - 1]) --x;
  return x;
}

/// One step's rates, stored row-major (rates[x·d + ℓ]) with the exit rates.
struct StepRates {
  std::vector<double> q;
  std::vector<double> exit;
};

StepRates step_rates(const BitFlipChain& chain, const Vec& mu0, double tau, double delta,
                     double eps) {
  // As run_jump_chain: q̂ = (1 + δ) λ μ_τ(φ^ℓ x)/μ_τ(x) + ελ at the step's start τ_k.
  Mat q = reverse_rates(chain.marginal(mu0, tau), chain.rate());
  perturb_rates(q, delta, eps, chain.rate());
  const Vec ex = exit_rates(q);
  StepRates r;
  r.q.resize(static_cast<std::size_t>(q.size()));
  for (Eigen::Index x = 0; x < q.rows(); ++x)
    for (Eigen::Index l = 0; l < q.cols(); ++l)
      r.q[static_cast<std::size_t>(x * q.cols() + l)] = q(x, l);
  r.exit.assign(ex.data(), ex.data() + ex.size());
  return r;
}

}  // namespace

double reverse_hazard(const BitFlipChain& chain, const HypercubeLaw& data, double delta, double eps,
                      std::size_t x, double tau_a, double tau_b) {
  constexpr const char* fn = "sb::reverse_hazard";
  if (!(std::isfinite(delta) && delta > -1.0))
    throw_input_error(fn, "delta", format_value(delta), "finite and > -1");
  check_nonnegative(fn, "eps", eps);
  if (x >= data.states())
    throw_input_error(fn, "x", std::to_string(x), fmt::format("< {}", data.states()));
  check_nonnegative(fn, "tau_a", tau_a);
  check_bounded(fn, "tau_b", tau_b, 0.0, tau_a);
  const ContinuousReverse rev(data.probs(), chain.rate(), delta, eps);
  const double la = rev.marginal().log_marginal(x, rev.marginal().point(tau_a));
  return rev.hazard(x, tau_a, la, rev.marginal().point(tau_b));
}

EmpiricalLaw simulate_jump_chain(const BitFlipChain& chain, const HypercubeLaw& data, Scheme s,
                                 double delta, double eps, const TimeGrid& grid, const Vec& init,
                                 long n, std::uint64_t seed, int threads) {
  const Vec& mu0 = data.probs();
  const int d = data.bits();
  const std::size_t states = data.states();
  if (!(std::isfinite(delta) && delta > -1.0))
    throw_input_error(kFn, "delta", format_value(delta), "finite and > -1");
  check_nonnegative(kFn, "eps", eps);
  check_at_least(kFn, "n", n, 1);
  check_size(kFn, "init", init.size(), mu0.size());
  for (Eigen::Index i = 0; i < init.size(); ++i)
    if (!(std::isfinite(init(i)) && init(i) >= 0.0))
      throw_input_error(kFn, fmt::format("init[{}]", i), format_value(init(i)), "finite and >= 0");
  if (!(std::abs(init.sum() - 1.0) <= 1e-9))
    throw_input_error(kFn, "sum of init", format_value(init.sum()), "1 (within 1e-9)");
  if (s != Scheme::kContinuous && !is_jump_scheme(s))
    throw_input_error(kFn, "sampler", to_string(s),
                      "frozen_rate, euler, tau_leaping or continuous for the bit-flip chain");

  std::vector<double> cdf(states);
  double acc = 0.0;
  for (std::size_t x = 0; x < states; ++x) cdf[x] = acc += init(static_cast<Eigen::Index>(x));

  using Counts = std::vector<long>;
  std::vector<Counts> blocks;

  if (s == Scheme::kContinuous) {
    const ContinuousReverse rev(mu0, chain.rate(), delta, eps);
    const double T = grid.horizon();
    blocks = map_stream_blocks(
        seed, n,
        [&](const StreamBlock& block, Rng& rng) {
          Counts counts(states, 0);
          std::vector<double> w(static_cast<std::size_t>(d));
          for (long i = 0; i < block.count; ++i) {
            std::size_t x = draw_initial(cdf, rng);
            double tau = T;
            for (long jumps = 0;; ++jumps) {
              if (jumps > kMaxJumps)
                throw std::runtime_error("simulate_jump_chain: a continuous chain did not settle");
              const std::optional<KernelPoint> next = rev.ring(x, tau, exp1(rng), w.data());
              if (!next) break;
              tau = next->tau;
              const double total = rev.exit_rate(x, *next, w.data()) / chain.rate();
              x = flip_bit(x, pick(w.data(), d, rng.uniform() * total));
            }
            ++counts[x];
          }
          return counts;
        },
        threads);
  } else {
    // Rates of every step, validated as run_jump_chain does (the whole table, not only the states
    // the chains visit: the exact engine's rule is a max over all states).
    const int N = grid.steps();
    const bool tabulate = static_cast<double>(N) * static_cast<double>(states) * d <= 4194304.0;
    std::vector<StepRates> table;
    if (tabulate) table.reserve(static_cast<std::size_t>(N));
    for (int k = 0; k < N; ++k) {
      const double h = grid.step(k), tau = grid.tau(k);
      StepRates r = step_rates(chain, mu0, tau, delta, eps);
      const double exit_h = h * *std::max_element(r.exit.begin(), r.exit.end());
      const std::string where =
          fmt::format("step {} (forward time tau = {})", k, format_value(tau));
      if (!std::isfinite(exit_h))
        throw_input_error(kFn, where, "a reverse rate that overflowed a double",
                          "finite rates (mu_tau has an entry that underflowed): use a coarser "
                          "grid near tau = 0");
      if (s == Scheme::kJumpEuler && exit_h > 1.0 + 1e-12)
        throw_input_error(kFn, "euler " + where,
                          fmt::format("h * max exit rate = {}", format_value(exit_h)),
                          "<= 1 (otherwise I + hQ is not a Markov kernel: a negative diagonal); "
                          "use more steps or frozen_rate");
      if (tabulate) table.push_back(std::move(r));
    }
    blocks = map_stream_blocks(
        seed, n,
        [&](const StreamBlock& block, Rng& rng) {
          std::vector<std::size_t> xs(static_cast<std::size_t>(block.count));
          for (std::size_t& x : xs) x = draw_initial(cdf, rng);
          StepRates local;
          for (int k = 0; k < N; ++k) {
            const double h = grid.step(k);
            if (!tabulate) local = step_rates(chain, mu0, grid.tau(k), delta, eps);
            const StepRates& r = tabulate ? table[static_cast<std::size_t>(k)] : local;
            for (std::size_t& x : xs) {
              const double* q = &r.q[x * static_cast<std::size_t>(d)];
              switch (s) {
                case Scheme::kFrozenRate: {
                  // Homogeneous Gillespie over [0, h] with the step's frozen rates.
                  double t = 0.0;
                  for (;;) {
                    const double ex = r.exit[x];
                    if (!(ex > 0.0)) break;
                    t += exp1(rng) / ex;
                    if (t >= h) break;
                    x = flip_bit(x, pick(q, d, rng.uniform() * ex));
                    q = &r.q[x * static_cast<std::size_t>(d)];
                  }
                  break;
                }
                case Scheme::kJumpEuler: {
                  // Move with probability h·Λ(x) (<= 1), to φ^ℓ x with probability h·q̂(x, φ^ℓ x).
                  const double u = rng.uniform();
                  if (u < h * r.exit[x]) x = flip_bit(x, pick(q, d, u / h));
                  break;
                }
                case Scheme::kTauLeaping: {
                  std::size_t mask = 0;
                  for (int l = 0; l < d; ++l)
                    if (rng.uniform() < -std::expm1(-h * q[l])) mask |= std::size_t{1} << l;
                  x ^= mask;
                  break;
                }
                default:
                  break;
              }
            }
          }
          Counts counts(states, 0);
          for (std::size_t x : xs) ++counts[x];
          return counts;
        },
        threads);
  }

  Counts total(states, 0);
  for (const Counts& c : blocks)
    for (std::size_t x = 0; x < states; ++x) total[x] += c[x];
  EmpiricalLaw out;
  out.samples = n;
  out.seed = seed;
  out.probs.resize(static_cast<Eigen::Index>(states));
  out.std_error.resize(static_cast<Eigen::Index>(states));
  const double nn = static_cast<double>(n);
  for (std::size_t x = 0; x < states; ++x) {
    const double p = static_cast<double>(total[x]) / nn;
    out.probs(static_cast<Eigen::Index>(x)) = p;
    out.std_error(static_cast<Eigen::Index>(x)) = std::sqrt(p * (1.0 - p) / nn);
  }
  return out;
}

}  // namespace sb
