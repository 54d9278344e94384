#include "sb/sampler/divergence.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "sb/core/check.hpp"
#include "sb/sampler/exact_recursion.hpp"

namespace sb {
namespace {

bool moderate(double x) { return std::isfinite(x) && std::abs(x) < kDivergenceLimit; }

std::string num(double x) { return format_value(x); }

}  // namespace

Eigen::Index first_out_of_range(const Vec& mean, const Vec& var) {
  for (Eigen::Index j = 0; j < mean.size(); ++j)
    if (!(std::abs(mean(j)) < kDivergenceLimit && var(j) < kDivergenceLimit && var(j) >= 0.0))
      return j;
  return 0;
}

std::string explain_initial_overflow(double mean, double var) {
  const bool var_bad = !(var < kDivergenceLimit);
  const std::string what = var_bad ? fmt::format("a variance of {}", num(var))
                                   : fmt::format("a mean of magnitude {}", num(mean));
  return fmt::format(
      "the sampler's initial law (the process's reference law at T, or p_T with init = p_T) "
      "already has {} (beyond {}), before any step: the process spreads or moves the data "
      "beyond what doubles can carry at this horizon (an expanding process such as cou or cvp "
      "over a long horizon, a huge sigma_max, or a huge stationary variance sigma^2/(2 theta)); "
      "nothing was run",
      what, num(kDivergenceLimit));
}

std::string explain_divergence(const StepTerms& t, const TimeGrid& grid) {
  const std::string where =
      fmt::format("the {} recursion diverged at step {} (forward time {} -> {}, step size {})",
                  to_string(t.scheme), t.step, num(grid.tau(t.step)), num(grid.tau(t.step + 1)),
                  num(grid.step(t.step)));
  const StepCoefficients& c = t.c;
  const auto cause = [&](const std::string& text) { return where + ": " + text; };

  // 1. The coefficients of the step themselves: the process expands (or injects variance)
  //    beyond the range over this one step.
  if (!moderate(c.alpha) || !moderate(c.gamma) || !moderate(c.zeta) || !moderate(c.omega)) {
    const std::string coefs = fmt::format("alpha = {}, gamma = {}, zeta = {}, omega = {}",
                                          num(c.alpha), num(c.gamma), num(c.zeta), num(c.omega));
    if (t.scheme == Scheme::kEulerMaruyama)
      return cause(fmt::format(
          "the explicit step is too large for this process: the coefficients of one step "
          "overflow ({})",
          coefs));
    return cause(fmt::format(
        "the process's own flow over this one step is beyond the double range (the time "
        "reversal of a contracting process expands, of an expanding one contracts): the "
        "coefficients of the step overflow ({}); take more steps or a shorter horizon",
        coefs));
  }

  const double g1 = c.gamma * (1.0 + t.delta);
  const double A = c.alpha - g1 * t.slope;        // the step map with the score error
  const double A0 = c.alpha - c.gamma * t.slope;  // the same with δ = 0
  const std::string dir = fmt::format("data eigen-direction {}", t.j);

  // 2. The step map expands: |A| > 1 multiplies the variance by A² at every step.
  if (!(std::abs(A) <= 1.0)) {
    if (t.delta != 0.0 && std::abs(A) > std::abs(A0) &&
        (std::abs(A0) <= 1.0 || std::abs(A) >= 2 * std::abs(A0)))
      return cause(fmt::format(
          "the score error is huge: its multiplicative part delta = {} makes the step map "
          "expand by |A| = {} along {} (|A| = {} with the exact score's slope)",
          num(t.delta), num(std::abs(A)), dir, num(std::abs(A0))));
    if (t.scheme == Scheme::kEulerMaruyama)
      return cause(fmt::format(
          "the explicit step is too large for this process (the step map multiplies the "
          "variance along {} by A^2 = {} per step)",
          dir, num(A * A)));
    return cause(fmt::format(
        "the step map expands by |A| = {} along {} (the score frozen over a step of size {} "
        "overshoots: take more steps)",
        num(std::abs(A)), dir, num(grid.step(t.step))));
  }

  // 3. A contracting map and an additive term that is out of range.
  const double add_delta = g1 * t.offset, add_eps = t.eps_shift, add_centre = c.zeta * t.centre;
  const double carried = std::abs(A * t.mean);
  const double largest_add =
      std::max({std::abs(add_delta), std::abs(add_eps), std::abs(add_centre)});
  const double var_after = A * A * t.var + c.omega;
  if (!(var_after < kDivergenceLimit) && c.omega >= A * A * t.var)
    return cause(
        fmt::format("the process itself injects a variance of omega = {} along {} in this step",
                    num(c.omega), dir));
  if (std::abs(add_eps) >= largest_add && std::abs(add_eps) > carried && t.eps != 0.0)
    return cause(fmt::format(
        "the score error is huge: its additive part eps = {} moves the mean by gamma eps e = {} "
        "along {} in one step",
        num(t.eps), num(add_eps), dir));
  if (std::abs(add_delta) >= largest_add && std::abs(add_delta) > carried && t.delta != 0.0 &&
      std::abs(1.0 + t.delta) > 2.0)
    return cause(fmt::format(
        "the score error is huge: its multiplicative part delta = {} scales the score's offset "
        "to gamma (1 + delta) b = {} along {}",
        num(t.delta), num(add_delta), dir));
  if (std::abs(add_centre) >= largest_add && std::abs(add_centre) > carried)
    return cause(fmt::format(
        "the process itself moves the mean by zeta mu = {} along {} in this step (its centre "
        "term overflows)",
        num(add_centre), dir));
  return cause(fmt::format(
      "the mean or variance along {} passed {} (mean {} and variance {} before the step, step "
      "map A = {})",
      dir, num(kDivergenceLimit), num(t.mean), num(t.var), num(A)));
}

}  // namespace sb
