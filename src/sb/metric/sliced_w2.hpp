// Sliced Wasserstein-2 distance and exact one-dimensional W2.
//
// Sliced W2 (Rabin, Peyré, Delon & Bernot 2011, "Wasserstein barycenter and its application to
// texture mixing", SSVM, LNCS 6667; Bonneel, Rabin, Peyré & Pfister 2015, J. Math. Imaging Vis.
// 51(1), eq. 3): SW₂²(μ, ν) = E_θ W₂²(θ#μ, θ#ν), θ uniform on the unit sphere, estimated with L
// given unit directions θ_1..θ_L as in POT 0.8.2 (`ot.sliced_wasserstein_distance(X_s, X_t,
// projections=directions, p=2)`, ot/sliced.py):  value = ( (1/L) Σ_l W₂²(θ_l#μ̂, θ_l#ν̂) )^{1/2}.
//
// One-dimensional W2 between laws with quantile functions F⁻¹ and G⁻¹ (e.g. Villani 2003,
// "Topics in Optimal Transportation", thm 2.18): W₂² = ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du. For two
// samples of sizes n and m with uniform weights both quantile functions are steps (at k/n and
// k/m): the sum over the merged breakpoints is POT's `wasserstein_1d` (ot/lp/solver_1d.py), here
// with the breakpoints merged in exact integer arithmetic (k·m against k'·n).
//
// Sample against a Gaussian mixture F (exact target): with x_(1) <= … <= x_(n) and the
// quantiles q_i = F⁻¹(i/n) (q_0 = −∞, q_n = +∞),
//   W₂² = Σ_i ∫_{q_{i−1}}^{q_i} (x_(i) − y)² dF(y) = Σ_i [ m_i (x_(i) − c_i)² + V_i ],
// m_i = 1/n the cell's mass, c_i its mean and V_i = ∫_cell (y − c_i)² dF: centred, so that
// nothing of the size of the second moments cancels. Per component k (z = (y − μ_k)/σ_k,
// cell [α, β] in z, t = (c_i − μ_k)/σ_k) the closed forms are
//   M₀ = Φ(β) − Φ(α),  M₁ = φ(α) − φ(β),  M₂ = M₀ + αφ(α) − βφ(β)  (∫ z^j φ over [α, β]),
//   m_i = Σ w_k M₀,  c_i m_i = Σ w_k (μ_k M₀ + σ_k M₁),  V_i = Σ w_k σ_k² (M₂ − 2tM₁ + t²M₀),
// each an O(K) update from the values of Φ and φ at the cell's ends. The quantiles come by
// Newton's method from the previous one: a second-order step q_{i−1} + Δ/f − Δ²f′/(2f³)
// (Δ = 1/n, the Taylor series of F⁻¹), one evaluation of F there, and the Newton correction δ;
// when |δ| <= 1e-6·min σ_k the values of Φ and φ at the root are carried from the evaluation
// point by their second-order Taylor series (error below 1e-17 relative), otherwise Newton
// iterates, safeguarded by bisection in the bracket [q_{i−1}, hi]. So each cell costs about one
// evaluation of the K normal cdfs and densities: O(n·K) per direction. The residual uses Φ below
// the median and the upper tail 1 − Φ = ½erfc(z/√2) above it, so the upper tail keeps its
// relative accuracy.
//
// Sample against a general continuous target given by its quantile function: each cell
// ∫_{(i−1)/n}^{i/n} (x_(i) − F⁻¹(u))² du by adaptive Gauss–Kronrod (15 points, relative
// tolerance 1e-12) on the inner cells and tanh–sinh on the two end cells (where F⁻¹ is
// unbounded). Accuracy: u near 1 is resolved only to 2⁻⁵³, so the upper end cell misses
// ∫ over (1 − 2⁻⁵³, 1): against the mixture path on N(0, 1), 1e-13 relative in W₂ at n = 100,
// 1e-11 at 1e3, 3e-10 at 1e4 (an exact-cell-mean sample, where W₂ is smallest).
//
// Statistical meaning. With random directions, value is a Monte Carlo estimate and std_error is
// the error of slicing: the per-direction W₂² have sample standard deviation s over the L
// directions, the mean has standard error s/√L, and the square root gets s/(2√L·value) (the
// delta method; 0 when every W₂² is 0). What is NOT in std_error: the samples' own randomness.
// The empirical W₂ of an n-sample is biased upward as an estimate of the W₂ of its law (it is
// positive even for an exact sample of the target: for a Gaussian n·W₂² is about 3 to 4 at
// n = 1e3…1e5, growing like log log n, so W₂ shrinks like 1/√n; and, for two samples, the
// second sample's noise adds to it), so bias_bound is left 0 and
// the value is the sliced W2 *between the given empirical measures* (or between the sample's
// empirical measure and the target), estimated over directions.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sb/core/estimate.hpp"
#include "sb/core/types.hpp"
#include "sb/data/mixture1d.hpp"

namespace sb {

/// d × L matrix of unit columns: standard normals (NormalGenerator(seed)) normalised, i.e.
/// uniform directions on the sphere (as POT's get_random_projections). d >= 1, L >= 1.
Mat random_directions(Eigen::Index d, int L, std::uint64_t seed);

/// W₂² between the empirical measures of x and y (uniform weights, sizes may differ); the
/// arguments are sorted in place. Both non-empty and finite.
double w2_squared_1d(std::vector<double>& x, std::vector<double>& y);

/// The per-direction W₂²(θ_l#μ̂, θ_l#ν̂), l = 0..L−1, of the samples X (n × d, rows are points)
/// and Y (m × d) along the columns of `directions` (d × L; used as given, not normalised).
/// Directions are shared among `threads` threads (0: all cores) in fixed blocks, so the result
/// is bit-identical for every thread count.
std::vector<double> sliced_w2_squared(const Mat& X, const Mat& Y, const Mat& directions,
                                      int threads = 0);

/// value = √(mean of w2_squared), std_error by the delta method over the L >= 2 directions,
/// samples = L, seed 0 (set it to the directions' seed), bias_bound 0 (see the header).
Estimate sliced_w2_estimate(const std::vector<double>& w2_squared, std::string method);

/// Sliced W2 between the samples X and Y (POT's definition), method "sliced_w2_samples".
/// directions needs L >= 2 columns (for the standard error).
Estimate sliced_w2(const Mat& X, const Mat& Y, const Mat& directions, int threads = 0);

/// W₂² between the empirical measure of the sorted values x[0, n) and the mixture F (exact
/// target, the centred cell formula of the header).
double w2_squared_sorted_to_mixture(const double* x, long n, const Mixture1d& target);

/// The per-direction W₂²(θ_l#μ̂, project(θ_l)) of the sample X against the exact target whose
/// projection on θ is the mixture project(θ) (called once per direction, on this thread).
std::vector<double> sliced_w2_squared_to_mixture(
    const Mat& X, const std::function<Mixture1d(const Vec& direction)>& project,
    const Mat& directions, int threads = 0);

/// Sliced W2 between the sample X and an exact target, method "sliced_w2_exact_target".
Estimate sliced_w2_to_mixture(const Mat& X,
                              const std::function<Mixture1d(const Vec& direction)>& project,
                              const Mat& directions, int threads = 0);

/// W₂ between the empirical measure of `sample` and the mixture (method
/// "w2_1d_sample_to_mixture", std_error 0, samples = n).
Estimate w2_1d_to_mixture(std::vector<double> sample, const Mixture1d& target);

/// W₂ between the empirical measure of `sample` and the continuous law with quantile function
/// `quantile` on (0, 1), by quadrature (method "w2_1d_sample_to_quantile", std_error 0,
/// samples = n). Slower than w2_1d_to_mixture: ~30 quantile evaluations per sample point.
Estimate w2_1d_to_quantile(std::vector<double> sample,
                           const std::function<double(double)>& quantile);

}  // namespace sb
