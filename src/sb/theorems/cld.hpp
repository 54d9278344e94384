// Shared pieces of the checks on the kinetic process (critically damped Langevin, CLD; seed
// 002, Section 3.2 "Convergence of CLD"; Dockhorn, Vahdat & Kreis 2022, ICLR; theory/engines/
// cld.md): cld_euclidean_contraction, cld_renormalised_definite, cld_weighted_contraction
// (cld_contraction.cpp), cld_regularity_printed and cld_regularity_corrected
// (cld_regularity.cpp), cld_w2_bound (cld_w2.cpp). Gaussian data: every quantity is a
// closed form per 2×2 (position, velocity) block of a data eigen-direction.
#pragma once

#include <fmt/format.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/cld.hpp"
#include "sb/process/cld_contraction.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::theorems::cld {

/// The process of seed 002's worked instance (theory-notes V11): σ² = 4 (Σ∞ = I₂), velocity
/// variance v = 1.
inline CldPtr process(double sigma2 = 4.0, std::optional<double> velocity_var = 1.0,
                      double elliptic_eps = 0.0) {
  return std::make_shared<const CldProcess>(sigma2, velocity_var, elliptic_eps);
}

/// One instance on a uniform grid.
inline Instance instance(std::string name, CldPtr p, GaussianData data, double T, int steps,
                         Scheme scheme, Verdict expected = Verdict::kHolds, ScoreError err = {},
                         Init init = Init::kReference) {
  return {std::move(name),
          make_cld_problem(std::move(p), std::move(data), T, steps, scheme, std::move(err), init),
          expected};
}

/// A sweep point: make_cld_problem with the exact score unless given.
inline Problem at(CldPtr p, GaussianData data, double T, int steps, Scheme scheme,
                  ScoreError err = {}) {
  return make_cld_problem(std::move(p), std::move(data), T, steps, scheme, std::move(err));
}

inline Sweep sweep(std::string series, std::string x_label, bool log_x = true) {
  Sweep s;
  s.series = std::move(series);
  s.x_label = std::move(x_label);
  s.log_x = log_x;
  return s;
}

/// Rounding allowance of a 2×2 closed form with entries of size `scale` (a few dozen
/// operations: exponentials, a 2×2 inverse, an eigenvalue): 64ε·scale.
inline double block_tol(double scale) { return 64.0 * kEps * scale; }

/// The rates the checks search for the weighted-norm contraction, η = 0.05, 0.10, …, 0.95 (the
/// decay rate 1 of the renormalised drift is not reachable: a Jordan block); each check keeps
/// the one whose bound is least.
inline std::vector<double> contraction_rates() {
  std::vector<double> eta;
  for (int i = 1; i <= 19; ++i) eta.push_back(0.05 * i);
  return eta;
}

/// The legend's description of the process and data.
inline std::string describe(const Problem& cfg) {
  return fmt::format("{}; data {}", cfg.cld->describe(), cfg.target->describe());
}

}  // namespace sb::theorems::cld
