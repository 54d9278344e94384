// Neal's funnel (Neal 2003, "Slice sampling", Ann. Statist. 31(3), 705–767, §8; the "Funnel
// dataset" of seed 002, "Solution 2: Numerical aspects", d = 50 and 100), in the parameterisation
//   x₁ ~ N(0, σ₁²),   x_j | x₁ ~ N(0, e^{x₁}),  j = 2..d,
// with σ₁² = x1_var a constructor parameter (default 1; Neal's §8 example uses σ₁² = 9, i.e.
// x1_var = 9). π_data has a closed-form density; its forward marginal under a linear process
// X_t | X_0 = x ~ N(m x + c, s² I) (m = m_t, c = κ_t μ, s² = s_t²) has none:
//   p_t(y) = ∫ φ(u; 0, σ₁²) N(y₁; m u + c₁, s²) Π_{j>=2} N(y_j; c_j, m² e^u + s²) du,
// a 1-D integral over u = x₁ in which the d − 1 coordinates j >= 2 enter only through
// Q = Σ_{j>=2} (y_j − c_j)². With V(u) = m² e^u + s² and the posterior of u given y,
//   ∂₁ log p_t = −(y₁ − c₁ − m E[u | y])/s²,   ∂_j log p_t = −(y_j − c_j) E[1/V(u) | y],  j >= 2.
//
// Quadrature (per row, O(d + nodes)): the log-integrand f(u) is smooth and unimodal; its mode u*
// is found by Newton's method safeguarded by bisection on a bracket of f', the width
// h = (−f''(u*))^{−1/2} sets the scale, the window [u_lo, u_hi] is widened geometrically from
// u* ± 4h until f has dropped 42 below f(u*) on each side (e^{−42} < 6e-19), and the window is
// cut into panels of width <= h, each integrated by the 10-point Gauss–Legendre rule of
// Boost.Math (boost/math/quadrature/gauss.hpp), at most 256 panels. Against adaptive
// Gauss–Kronrod (tests/data/funnel_test.cpp) log p_t agrees to 1e-12 relative and E[u | y],
// E[1/V | y] to 1e-11 relative; the integrand can be very sharp (h ≈ s/m when s ≪ m), which the
// curvature scaling handles.
#pragma once

#include <cstdint>
#include <string>

#include "sb/core/types.hpp"
#include "sb/data/target.hpp"
#include "sb/process/linear_process.hpp"

namespace sb {

class Funnel final : public Target {
 public:
  /// d >= 2 (named "d"), x1_var > 0 (named "x1_var").
  explicit Funnel(Eigen::Index d, double x1_var = 1.0);

  // Target.
  std::string kind() const override { return "funnel"; }
  std::string describe() const override;
  Eigen::Index dim() const override { return d_; }
  /// Exact draws: in block b (kStreamBlock rows, Rng(seed, b)) each row takes d normals z,
  /// x₁ = σ₁ z₁ and x_j = e^{x₁/2} z_j. Depends on (n, seed) only.
  Mat sample(long n, std::uint64_t seed) const override;
  bool has_log_density() const override { return true; }
  /// log π_data = log φ(x₁; 0, σ₁²) + Σ_{j>=2} log φ(x_j; 0, e^{x₁}), closed form.
  Vec log_density(const Mat& x) const override;
  /// ∇log p_t at the rows of x: closed form where s_t² = 0 (t = 0), by the quadrature of the
  /// header comment otherwise.
  void score(const LinearProcess& process, double t, const Mat& x, Mat& out) const override;
  bool has_hessian() const override { return false; }
  /// Throws std::logic_error: no Hessian is provided.
  Mat hessian(const LinearProcess& process, double t, const Vec& x) const override;

  /// log p_t(y) by the same quadrature (closed form where s_t² = 0).
  double log_density_t(const LinearProcess& process, double t, const Vec& y) const;

  /// σ₁², the variance of x₁.
  double x1_var() const { return x1_var_; }
  /// Mean 0; Cov = diag(x1_var, e^{x1_var/2}, …, e^{x1_var/2}) (E e^{x₁} = e^{σ₁²/2}; the
  /// coordinates are uncorrelated because x_j is symmetric given x₁).
  Gaussian moment_law() const override;

 private:
  Eigen::Index d_;
  double x1_var_;
};

}  // namespace sb
