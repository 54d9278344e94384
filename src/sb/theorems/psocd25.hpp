// Shared pieces of the PSOCD25 checks on {0,1}^d (seed 000, Ocello's talk, section "Discrete
// Markov Probabilistic Models"; L.-T.-N. Pham, D. Shariatian, A. Ocello, G. Conforti,
// A. O. Durmus, "Discrete Markov probabilistic models", ICML 2025; theory/engines/hypercube.md):
// psocd25_kl_printed and psocd25_kl_corrected (psocd25_kl.cpp), psocd25_forward_contraction,
// psocd25_score_representation_printed and _corrected, psocd25_hjb and psocd25_optimal_control.
// Every quantity is exact: laws are probability vectors of 2^d entries.
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "sb/core/tolerance.hpp"
#include "sb/data/hypercube_law.hpp"
#include "sb/problem/problem.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::psocd25 {

/// The law of theory/engines/hypercube.md's worked example (the project's test vectors V12, V13):
/// μ₀ = (μ₀₀, μ₁₀, μ₀₁, μ₁₁) = (.5, .2, .2, .1) on {0,1}^2.
inline TargetPtr example_law() {
  Vec mu(4);
  mu << 0.5, 0.2, 0.2, 0.1;
  return std::make_shared<const HypercubeLaw>(mu, "mu0 = (.5, .2, .2, .1)");
}
inline TargetPtr cube(HypercubeLaw law) {
  return std::make_shared<const HypercubeLaw>(std::move(law));
}

/// The data law of a hypercube problem (the checks declare data kind "hypercube").
inline const HypercubeLaw& data_of(const Problem& p) { return *p.target->as_hypercube(); }

/// Relative accuracy of a quantity computed from N sampler steps on 2^d states: each step
/// applies the generator (O(d) terms per state) a few dozen times (uniformisation, at most ~70
/// terms per piece), and a distance sums 2^d terms; 64ε per operation in the chain, as
/// sb::exact_metric_rel_tol.
inline double cube_rel_tol(long long steps, int d) {
  return exact_metric_rel_tol(64 * steps * d, 1LL << d);
}

}  // namespace sb::theorems::psocd25
