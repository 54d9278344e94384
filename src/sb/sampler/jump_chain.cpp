#include "sb/sampler/jump_chain.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"
#include "sb/score/discrete_score.hpp"

namespace sb {

Vec exp_rates_action(const Vec& nu, const Mat& rates, double h) {
  const Vec exit = exit_rates(rates);
  const double lam = exit.size() ? exit.maxCoeff() : 0.0;
  if (!(lam * h > 0.0)) return nu;
  // Pieces with a = Λ·h/m <= 30, so that e^{−a} >= 1e-13 is far from underflow.
  const long m = std::max(1L, static_cast<long>(std::ceil(lam * h / 30.0)));
  const double a = lam * h / static_cast<double>(m);
  Vec v = nu;
  for (long piece = 0; piece < m; ++piece) {
    Vec w = v;
    double p = std::exp(-a);
    Vec acc = p * w;
    for (long n = 1;; ++n) {
      w += apply_rates(w, rates) / lam;  // w (I + Q/Λ): entries stay >= 0
      p *= a / static_cast<double>(n);
      acc += p * w;
      // Past the mode the Poisson weights fall at least geometrically with ratio a/(n + 1):
      // the remaining mass is at most p·r/(1 − r).
      const double r = a / static_cast<double>(n + 1);
      if (r < 0.5 && p * r / (1.0 - r) < 1e-17) break;
    }
    v = std::move(acc);
  }
  return v;
}

Vec tau_leaping_step(const Vec& nu, const Mat& rates, double h) {
  const Eigen::Index n = nu.size(), d = rates.cols();
  Vec out = Vec::Zero(n);
  Vec row(n);
  for (Eigen::Index x = 0; x < n; ++x) {
    if (nu(x) == 0.0) continue;
    // K(x, x ⊕ m) over the flip masks m, built one bit at a time.
    row(0) = nu(x);
    for (Eigen::Index l = 0; l < d; ++l) {
      const double f = -std::expm1(-h * rates(x, l));
      const Eigen::Index half = Eigen::Index{1} << l;
      for (Eigen::Index m = 0; m < half; ++m) {
        row(m + half) = row(m) * f;
        row(m) *= 1.0 - f;
      }
    }
    for (Eigen::Index m = 0; m < n; ++m) out(x ^ m) += row(m);
  }
  return out;
}

Vec exact_reverse_law(const Vec& mu0, const BitFlipChain& chain, double T, const Vec& nu) {
  // μ̂(y) = μ₀(y) Σ_x P_T(y, x) ν(x)/μ_T(x): P_T is symmetric, so Σ_x P_T(y, x) r(x) = (r P_T)(y).
  Vec r = nu.cwiseQuotient(chain.marginal(mu0, T));
  apply_bit_kernel(r, chain.stay(T), chain.move(T));
  return mu0.cwiseProduct(r);
}

Vec hypercube_initial_law(Init init, const BitFlipChain& chain, const HypercubeLaw& data,
                          double T) {
  if (init == Init::kPT) return chain.marginal(data.probs(), T);
  return Vec::Constant(data.probs().size(), 1.0 / static_cast<double>(data.probs().size()));
}

namespace {

Mat rates_at(const Vec& mu0, const BitFlipChain& chain, double tau, double delta, double eps) {
  Mat q = reverse_rates(chain.marginal(mu0, tau), chain.rate());
  perturb_rates(q, delta, eps, chain.rate());
  return q;
}

/// The continuous chain with rates (1 + δ)q̄ + ελ by the exponential midpoint rule on M uniform
/// pieces of [0, T] (second order).
Vec midpoint_law(const Vec& mu0, const BitFlipChain& chain, double T, double delta, double eps,
                 const Vec& nu, long M) {
  Vec v = nu;
  const double h = T / static_cast<double>(M);
  for (long k = 0; k < M; ++k) {
    const double tau_mid = T - (static_cast<double>(k) + 0.5) * h;
    v = exp_rates_action(v, rates_at(mu0, chain, tau_mid, delta, eps), h);
  }
  return v;
}

}  // namespace

JumpChainRun run_jump_chain(const BitFlipChain& chain, const HypercubeLaw& data, Scheme s,
                            double delta, double eps, const TimeGrid& grid, const Vec& init) {
  constexpr const char* kFn = "scorebound";
  const Vec& mu0 = data.probs();
  JumpChainRun run;
  run.bits = data.bits();
  const double T = grid.horizon();
  if (s == Scheme::kContinuous) {
    if (delta == 0.0 && eps == 0.0) {
      run.law = exact_reverse_law(mu0, chain, T, init);
      return run;
    }
    if (!(mu0.minCoeff() > 0.0))
      throw_input_error(kFn, "sampler", "continuous",
                        "frozen_rate, euler or tau_leaping for a score error on data without full "
                        "support (the perturbed continuous chain's rates blow up at tau = 0; with "
                        "the exact score its law is closed form for any data)");
    Vec coarse = midpoint_law(mu0, chain, T, delta, eps, init, 16);
    for (long M = 32; M <= kMaxMidpointSteps; M *= 2) {
      const Vec fine = midpoint_law(mu0, chain, T, delta, eps, init, M);
      const double diff = (fine - coarse).cwiseAbs().maxCoeff();
      // Order 2: the error of `fine` is about diff/3; the extrapolation removes most of it, and
      // diff/3 is kept as the stated error (conservative for the extrapolated law).
      if (diff / 3.0 < 1e-11 || M == kMaxMidpointSteps) {
        run.law = (4.0 * fine - coarse) / 3.0;
        run.error_estimate = diff / 3.0;
        return run;
      }
      coarse = fine;
    }
  }
  if (s == Scheme::kTauLeaping && data.bits() > kMaxTauLeapingDim)
    throw_input_error(
        kFn, "data.dim", std::to_string(data.bits()),
        fmt::format("<= {} for tau_leaping (its exact law costs 4^d per step)", kMaxTauLeapingDim));
  if (!is_jump_scheme(s))
    throw_input_error(kFn, "sampler", to_string(s),
                      "frozen_rate, euler, tau_leaping or continuous (exact) for the bit-flip "
                      "chain");
  Vec v = init;
  for (int k = 0; k < grid.steps(); ++k) {
    const double h = grid.step(k), tau = grid.tau(k);
    const Mat q = rates_at(mu0, chain, tau, delta, eps);
    const double exit_h = h * exit_rates(q).maxCoeff();
    run.max_step_exit = std::max(run.max_step_exit, exit_h);
    if (!std::isfinite(exit_h)) {
      run.ok = false;
      run.failed_step = k;
      run.message = fmt::format(
          "step {} (forward time tau = {}): a reverse rate overflowed a double (mu_tau has an "
          "entry that underflowed); use a coarser grid near tau = 0",
          k, format_value(tau));
      return run;
    }
    switch (s) {
      case Scheme::kFrozenRate:
        v = exp_rates_action(v, q, h);
        break;
      case Scheme::kJumpEuler:
        // Kernel iff the diagonal 1 − h·exit(x) >= 0 (off-diagonal entries are >= 0 anyway).
        if (exit_h > 1.0 + 1e-12) {
          run.ok = false;
          run.failed_step = k;
          run.message = fmt::format(
              "euler step {} (forward time tau = {}): h * max exit rate = {} > 1, so I + hQ is "
              "not a Markov kernel (a negative diagonal); use more steps or frozen_rate",
              k, format_value(tau), format_value(exit_h));
          return run;
        }
        v += h * apply_rates(v, q);
        break;
      case Scheme::kTauLeaping:
        v = tau_leaping_step(v, q, h);
        break;
      default:
        break;
    }
  }
  run.law = std::move(v);
  return run;
}

double rate_error_path_kl(const Vec& mu0, const BitFlipChain& chain, double delta, double eps,
                          const TimeGrid& grid, bool continuous) {
  int d = 0;
  while ((Eigen::Index{1} << d) < mu0.size()) ++d;
  const double lam = chain.rate(), T = grid.horizon();
  if (eps == 0.0) return T * lam * d * (delta - std::log1p(delta));
  const auto at = [&](double tau) {
    const Vec mu = chain.marginal(mu0, tau);
    const Mat q = reverse_rates(mu, lam);
    Mat qhat = q;
    perturb_rates(qhat, delta, eps, lam);
    return rate_bregman(mu, q, qhat);
  };
  if (continuous) return quad::gauss_kronrod(at, 0.0, T, 31, 12, 1e-12);
  double sum = 0.0;
  for (int k = 0; k < grid.steps(); ++k) sum += grid.step(k) * at(grid.tau(k));
  return sum;
}

}  // namespace sb
