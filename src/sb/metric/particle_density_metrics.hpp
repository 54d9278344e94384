// Monte Carlo KL and TV between the data law π (with a closed-form log-density) and the output
// law of a particle run, from the kernels of the sampler's last step.
//
// The output density, unbiased at every point. For em, ei, eir (and pc, whose last operation is
// a Langevin step Y + ε ŝ + √(2ε) ξ) the last step is Gaussian given the previous state:
//     Y_N | Y_{N−1} = y ~ N(A(y), v I),   A(y) = α y + ζ μ + γ ŝ(τ_{N−1}, y),   v = ω
// (sampler/grid_propagation.hpp, the coefficients of sb::step_coefficients; pc: A(y) = y +
// ε ŝ(τ_N, y), v = 2ε). Hence the output density is q(x) = E N(x; A(Y_{N−1}), v I), and over
// the particles' last-step centres c_i = A(Y^i_{N−1}), i = 1..n,
//     q̂(x) = (1/n) Σ_i K(x, c_i),   K(x, c) = N(x; c, v I) = (2πv)^{−d/2} e^{−‖x − c‖²/(2v)},
// is an unbiased estimate of q(x) at every fixed x: a Rao–Blackwellised density with no
// bandwidth to choose and no smoothing bias (the kernel is the sampler's own). Its relative
// variance at x is Var q̂(x)/q(x)² = (E K² − q²)/(n q²), estimated by
//     ρ̂²(x) = (1/n)[(1/n)Σ_i K_i² / q̂² − 1] = r(x) − 1/n,   r = Σ_i K_i² / (Σ_i K_i)² ∈ [1/n, 1].
//
// Estimators (X_j, j = 1..m, an exact sample of π independent of the particles; u = q/π):
//   KL(π ‖ q) = E_π[log π(X) − log q(X)]  ≈ (1/m) Σ_j f_j,  f_j = log π(X_j) − log q̂(X_j);
//   TV(π, q)  = ∫(π − q)_+ = E_π(1 − u(X))_+ ≈ (1/m) Σ_j t_j,  t_j = (1 − q̂(X_j)/π(X_j))_+;
//   KL(q ‖ π) = E_q[log q(Y) − log π(Y)]  ≈ (1/n) Σ_i f_i,  f_i = log q̂_{−i}(Y_i) − log π(Y_i),
// with the particles Y_i themselves and the LEAVE-ONE-OUT density q̂_{−i}(y) = 1/(n−1) Σ_{l≠i}
// K(y, c_l): Y_i was drawn from K(·, c_i), so including its own kernel would bias q̂ up at Y_i;
// without it q̂_{−i}(Y_i) is unbiased for q(Y_i) given Y_i.
//
// Standard error (delta method, both sources of randomness). Linearising each estimator in q̂,
// log q̂ ≈ log q + (q̂ − q)/q, it is, up to second-order terms, a sum of independent parts: one
// per data draw and one per particle (its kernel's influence through q̂ — the Hájek projection
// of the double sum over (j, i)). With R_ji = K(X_j, c_i)/q̂(X_j) (∈ [0, n]):
//   KL(π‖q):  f_j, and g_i = −(1/m) Σ_j R_ji;           SE² = Var_j(f)/m + Var_i(g)/n;
//   TV:       t_j, and g_i = −(1/m) Σ_j 1{u_j < 1} u_j R_ji  (the derivative of (1 − u)_+ is
//             −1{u < 1}, and K_ji/π_j = u_j R_ji);          SE² = Var_j(t)/m + Var_i(g)/n;
//   KL(q‖π):  the evaluation points and the kernels are the same particles, so particle i
//             contributes φ_i = f_i + h_i, h_i = (1/(n−1)) Σ_{l≠i} K(Y_l, c_i)/q̂_{−l}(Y_l) − 1
//             (the projection of (1/(n(n−1))) Σ_{l≠i} [K(Y_l, c_i)/q(Y_l) − 1]: its mean
//             over c_i given Y_l is 0, over Y_l given c_i it is E_q[K(Y, c_i)/q(Y)] − 1);
//             SE² = Var_i(φ)/n, from Var(f) over all particles and the spread of h and its
//             correlation with f.
// The kernel influences g (and h) are computed for the first min(n, kInfluenceKernels) kernels
// only (each costs m kernel evaluations) and their variance estimated from those (about 4%
// relative accuracy, ample for a standard error). Var_j(f) is over all m (or n) points.
//   The linearisation fails where π puts mass on the tails of q: there q̂(X_j) rests on a few
// kernels and −log q̂ is far from linear in them (at KL(π‖q) ≈ 1.6, n = 1000…4000 in 1-D, the
// spread of the estimates over seeds was 1.35–1.55 times the delta-method SE). So the data
// side also estimates the kernels' share directly: the kernels are cut into G = kKernelGroups
// contiguous groups (i.i.d. given X), each gives its own estimate V_g from the same X with its
// n/G kernels, and Var_g(V_g)/G estimates the kernels' share for n kernels — exactly in the
// linear regime, and an over-estimate where the nonlinearity grows as the kernels get fewer.
// The kernels' share is the larger of the two, so the SE errs on the safe side (over 100 seeds
// in the cases above: the spread 0.8–1.0 times the mean SE).
//
// Bias. log and (1 − u)_+ are not linear, so the plug-in estimators are biased although q̂ is
// unbiased. By Jensen, E[−log q̂(x)] >= −log q(x) and E(1 − û)_+ >= (1 − u)_+: KL(π‖q) and TV
// are biased up, KL(q‖π) (E log q̂_{−i} <= log q) down. Per point:
//   KL: the second-order term of log q̂ = log q + e/q − e²/(2q²) + …: bias ≈ ρ²(x)/2, i.e.
//       B₂ = (1/m) Σ_j ρ̂²(X_j)/2 (resp. (1/n) Σ_i with n − 1 kernels). Where a few kernels
//       dominate q̂ the higher orders matter (B₂ was half the observed bias at KL ≈ 1.6,
//       n = 1000), so also the split-sample estimate: with the kernels cut in two halves A, B
//       (sizes n_A + n_B = n), B_s = (1/m) Σ_j [log q̂ − (n_A/n) log q̂_A − (n_B/n) log q̂_B] >= 0
//       (concavity), which is E V_{n/2} − E V_n, the bias itself when the bias falls like 1/n
//       (it equals B₂ at second order). Reported: bias_bound = 2·max(B₂, B_s) — a stated
//       estimate with a factor 2 of margin (it covers a bias falling like n^{−0.6}), NOT a
//       rigorous bound. The bias of KL(π‖q) is >= 0, that of KL(q‖π) <= 0 (B_s from the halves
//       of the other n − 1 kernels).
//   TV: with e = û − u, E(1 − û)_+ − (1 − u)_+ = E(|e| − |1 − u|)_+ (for u < 1 it is E(û − 1)_+
//       after E e = 0; for u > 1 it is E(1 − û)_+), and (|e| − a)_+ <= min(|e|, e²/(4a)), so the
//       bias at x is at most min(sd, sd²/(4a), 1) with sd = sd(û) = u ρ, a = |1 − u|; for u > 1
//       also P(û <= 1) <= sd²/(sd² + a²) (Cantelli). Reported: bias_bound = (1/m) Σ_j of that
//       bound with u ← û_j and a ← |1 − û_j| − 2 sd̂ (a lower value for |1 − u|; when it is
//       <= 0, the bound min(sd, 1)): a bound up to the estimation of sd and u by their plug-ins.
//       (Far from the set {q = π} it is O(1/n); the cruder min(sd, 1) = O(1/√n) everywhere.)
//
// Sparse kernels. All of the above assumes that many kernels carry q̂ at the evaluation points.
// Where π puts its mass far from the output's kernels it is not so: q̂(X_j) then rests on the
// nearest kernel's tail, and although E q̂ = q, its typical value is orders of magnitude below q
// (the mean is carried by kernels that are rarely drawn), so KL(π‖q) comes out far too large,
// with a small spread and small B₂, B_s (two Gaussians 40 sd apart, n = 500: 1434 ± 9 for an
// exact 800). The diagnostic is the mean of ρ̂² over the data draws, 1/(the number of kernels
// that effectively carry q̂): above kSparseKernelRho2 the bias bound of KL(π‖q) is raised to its
// value — the one rigorous statement left, since E[estimate] >= KL(π‖q) >= 0 (Jensen). TV keeps
// its bound (its terms lie in [0, 1]); KL(q‖π) is evaluated at the particles, which sit among
// the kernels, so its ρ̂² stays small there.
//
// Zero densities. q̂ is summed in log space (a streaming log-sum-exp over the kernels), so it
// never underflows to 0: log q̂(x) is finite for every finite x. A non-finite result (π = 0 at a
// particle, so that KL(q‖π) is infinite; coordinates so large that distances overflow) throws
// sb::NonFiniteMetric; a non-finite log π at the data's own sample throws InputError.
//
// Cost and determinism. m·n kernel evaluations per estimator (plus m·min(n, kInfluenceKernels)
// for the influences): squared distances ‖x‖² − 2x·c + ‖c‖² by one matrix product per tile of
// kDensityEvalBlock points × kDensityKernelBlock kernels (coordinates centred at the centres'
// mean first, so the cancellation is that of the spread, not of the location), then exp. The
// points are shared among threads by blocks, each block summing over the kernels in a fixed
// order (and the influences by blocks of kernels over the points in a fixed order), so the
// result is the same bytes for every thread count. Memory O((m + n)·d) plus one tile per thread.
//
// Dimension. Meant for low dimension (1 to 3). In dimension d the kernels of width √v cover a
// fraction ~ (√v / spread)^d of the law, so ρ̂² grows like (spread/√v)^d / n: in high d every
// point sees one kernel, KL(π‖q) becomes ~ min_i ‖X − c_i‖²/(2v) (huge) and none of the
// expansions above holds; B₂ stays <= 1/2 per point, and whether the split and group terms
// track the error is not established. sb::Outcome offers these metrics only up to
// kDensityMetricMaxDim.
#pragma once

#include <cstdint>

#include "sb/core/estimate.hpp"
#include "sb/core/types.hpp"
#include "sb/law/grid_density.hpp"  // LogDensityFn
#include "sb/law/kernel_mixture.hpp"

namespace sb {

/// Points per tile (rows) of the kernel sums; part of what fixes the output bytes.
inline constexpr Eigen::Index kDensityEvalBlock = 256;
/// Kernels per tile (columns) of the kernel sums; part of what fixes the output bytes.
inline constexpr Eigen::Index kDensityKernelBlock = 512;
/// The kernels whose influence terms (g, h of the header) are computed.
inline constexpr Eigen::Index kInfluenceKernels = 1024;
/// The groups of kernels of the data-side estimates (header: standard error and bias).
inline constexpr Eigen::Index kKernelGroups = 16;
/// Above this mean ρ̂² over the data draws the kernels are too sparse at them (header).
inline constexpr double kSparseKernelRho2 = 0.25;
/// The highest dimension in which sb::Outcome offers the Monte Carlo KL and TV (header).
inline constexpr Eigen::Index kDensityMetricMaxDim = 3;

/// KL(π ‖ q) and TV(π, q) from the same exact sample of π.
struct DataSideMetrics {
  Estimate kl_data_model;
  Estimate tv;
};

/// KL(π ‖ q) and TV(π, q) (header), q̂ the uniform kernel mixture `model` (n >= 2 centres,
/// var > 0, equal weights), X = `data_sample` (m >= 2 exact draws of π, m × d), log π given by
/// `log_target`. Each Estimate has method "monte_carlo_last_step_kernel", samples = n (the
/// kernels), seed = `seed` (the caller's: the seed that reproduces the particles and X), the
/// standard error and bias bound of the header. `threads`: 0 for all cores; the result is the
/// same for every count. Throws InputError for invalid input (sizes, non-finite values, unequal
/// weights, var <= 0, a non-finite log π(X_j)), NonFiniteMetric for a non-finite result.
DataSideMetrics last_step_data_side(const KernelMixture& model, const Mat& data_sample,
                                    const LogDensityFn& log_target, std::uint64_t seed,
                                    int threads = 0);

/// KL(q ‖ π) (header) with the leave-one-out q̂_{−i} at the particles: `points` (n × d) are the
/// particles whose last-step centres are model.centres, row by row (Y_i drawn from
/// N(c_i, var I)). Method "monte_carlo_last_step_kernel_loo"; otherwise as
/// last_step_data_side, and NonFiniteMetric when π is 0 at a particle (the KL is infinite).
Estimate last_step_kl_model_data(const KernelMixture& model, const Mat& points,
                                 const LogDensityFn& log_target, std::uint64_t seed,
                                 int threads = 0);

}  // namespace sb
