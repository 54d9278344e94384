// Monte Carlo KL and TV from the last step's kernels (particle_density_metrics.hpp): the kernel
// sums by tiles (one matrix product and one exp per tile), a streaming log-sum-exp per point,
// and the influence terms by a second pass over the first kernels.
#include "sb/metric/particle_density_metrics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/core/non_finite_metric.hpp"
#include "sb/core/parallel_for.hpp"
#include "sb/core/stats.hpp"

namespace sb {

namespace particle_density_detail {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// The evaluation points and the kernel centres of one estimator, centred at the centres' mean
/// (distances are unchanged; the cancellation in ‖x‖² − 2x·c + ‖c‖² is then that of the spread).
struct KernelSums {
  Mat X;                    // m × d evaluation points (centred)
  Mat C;                    // n × d kernel centres (centred)
  Vec x_norm2, c_norm2;     // their squared norms
  double half_inv_var = 0;  // 1/(2v)
  double log_norm = 0;      // log (2πv)^{−d/2}
  bool leave_out = false;   // point j and kernel j are the same particle: skip K(x_j, c_j)

  KernelSums(const Mat& points, const Mat& centres, double var, bool loo)
      : half_inv_var(0.5 / var), leave_out(loo) {
    const Eigen::RowVectorXd shift = centres.colwise().mean();
    X = points.rowwise() - shift;
    C = centres.rowwise() - shift;
    x_norm2 = X.rowwise().squaredNorm();
    c_norm2 = C.rowwise().squaredNorm();
    log_norm = -0.5 * static_cast<double>(centres.cols()) * std::log(2.0 * std::numbers::pi * var);
  }

  /// T = log K − log_norm = −‖x_j − c_i‖²/(2v) for the kernels [c0, c0 + kernels) (rows) and
  /// the points [r0, r0 + points) (columns), into the top-left corner of T; −∞ where a point
  /// meets its own kernel (leave_out). Kernels down the columns, so that every per-point
  /// operation below runs along a contiguous column.
  void log_tile(Eigen::Index c0, Eigen::Index kernels, Eigen::Index r0, Eigen::Index points,
                Mat& T) const {
    auto t = T.topLeftCorner(kernels, points);
    t.noalias() = C.middleRows(c0, kernels) * X.middleRows(r0, points).transpose();
    const auto cn = c_norm2.segment(c0, kernels).array();
    for (Eigen::Index j = 0; j < points; ++j)
      t.col(j).array() = (2.0 * t.col(j).array() - cn - x_norm2(r0 + j)).min(0.0) * half_inv_var;
    if (leave_out)
      for (Eigen::Index j = std::max(r0, c0); j < std::min(r0 + points, c0 + kernels); ++j)
        t(j - c0, j - r0) = kNegInf;
  }

  /// After exp_shifted: 0 where a point met its own kernel (exp of the clamped −∞ is not 0).
  void clear_own(Eigen::Index c0, Eigen::Index kernels, Eigen::Index r0, Eigen::Index points,
                 Mat& T) const {
    if (leave_out)
      for (Eigen::Index j = std::max(r0, c0); j < std::min(r0 + points, c0 + kernels); ++j)
        T(j - c0, j - r0) = 0.0;
  }
};

/// exp(t − shift) with the argument clamped at kExpFloor: below it the terms are < 1e-304 of
/// the largest (which is 1 in the sums, or R_ji <= n in the influences), far below rounding,
/// and the clamp keeps exp away from subnormal results (slow on some processors).
constexpr double kExpFloor = -700.0;
template <class Column>
void exp_shifted(Column&& t, double shift) {
  t.array() = (t.array() - shift).max(kExpFloor).exp();
}

/// The kernels cut into `count` contiguous groups of (nearly) equal size: group g holds the
/// kernels [start(g), start(g + 1)), start(g) = ⌊g·n/count⌋.
struct KernelGroups {
  Eigen::Index n = 0, count = 1;
  Eigen::Index start(Eigen::Index g) const { return g * n / count; }
  Eigen::Index size(Eigen::Index g) const { return start(g + 1) - start(g); }
};

/// Per point j and group g: log Σ_{i∈g} K(x_j, c_i) and log Σ_{i∈g} K(x_j, c_i)² (over every
/// kernel of the group but the point's own under leave_out).
struct GroupSums {
  Mat log_sum;   // m × groups
  Mat log_sum2;  // m × groups
};

/// log Σ_g e^{a_g} over the entries of a row (−∞ when all are −∞).
template <class Row>
double log_sum_exp(const Row& a) {
  const double mx = a.maxCoeff();
  if (mx == kNegInf) return kNegInf;
  return mx + std::log((a.array() - mx).exp().sum());
}

/// The kernel sums of every point by groups (GroupSums). Points in blocks of
/// kDensityEvalBlock, each block over the kernels in tiles of kDensityKernelBlock in order, the
/// part of a tile's column in one group at a time, with the streaming log-sum-exp: per part the
/// maximum M_b and Σ e^{T − M_b}, Σ e^{2(T − M_b)}, merged into the group's running (M, S₁, S₂)
/// rescaled to the larger maximum.
GroupSums kernel_group_sums(const KernelSums& ks, const KernelGroups& groups, int threads) {
  const Eigen::Index m = ks.X.rows(), n = ks.C.rows(), G = groups.count;
  GroupSums out{Mat(m, G), Mat(m, G)};
  const long blocks = static_cast<long>((m + kDensityEvalBlock - 1) / kDensityEvalBlock);
  struct Buffers {
    Mat T, M, S1, S2;  // the tile; the running states, points × groups
  };
  std::vector<Buffers> buf(static_cast<std::size_t>(parallel_workers(blocks, threads)));
  parallel_for(blocks, threads, [&](long b, long worker) {
    Buffers& w = buf[static_cast<std::size_t>(worker)];
    const Eigen::Index r0 = b * kDensityEvalBlock, points = std::min(kDensityEvalBlock, m - r0);
    w.T.resize(kDensityKernelBlock, kDensityEvalBlock);
    w.M.setConstant(points, G, kNegInf);
    w.S1.setZero(points, G);
    w.S2.setZero(points, G);
    Eigen::Index g0 = 0;  // the group of the tile's first kernel
    for (Eigen::Index c0 = 0; c0 < n; c0 += kDensityKernelBlock) {
      const Eigen::Index kernels = std::min(kDensityKernelBlock, n - c0);
      while (groups.start(g0 + 1) <= c0) ++g0;
      ks.log_tile(c0, kernels, r0, points, w.T);
      for (Eigen::Index j = 0; j < points; ++j) {
        const Eigen::Index own = ks.leave_out ? r0 + j - c0 : -1;  // its own kernel's row
        for (Eigen::Index g = g0; g < G && groups.start(g) < c0 + kernels; ++g) {
          const Eigen::Index a = std::max(groups.start(g), c0) - c0;
          const Eigen::Index len = std::min(groups.start(g + 1), c0 + kernels) - c0 - a;
          auto t = w.T.col(j).segment(a, len);
          const double bm = t.maxCoeff();
          if (bm == kNegInf) continue;  // its own kernel only: nothing to add
          exp_shifted(t, bm);
          if (own >= a && own < a + len) t(own - a) = 0.0;
          const double b1 = t.sum(), b2 = t.squaredNorm();
          double &M = w.M(j, g), &S1 = w.S1(j, g), &S2 = w.S2(j, g);
          if (bm > M) {
            const double f = std::exp(M - bm);  // 0 for the group's first part
            S1 = S1 * f + b1;
            S2 = S2 * f * f + b2;
            M = bm;
          } else {
            const double f = std::exp(bm - M);
            S1 += b1 * f;
            S2 += b2 * f * f;
          }
        }
      }
    }
    for (Eigen::Index j = 0; j < points; ++j)
      for (Eigen::Index g = 0; g < G; ++g) {
        const bool empty = w.S1(j, g) == 0.0;
        out.log_sum(r0 + j, g) = empty ? kNegInf : w.M(j, g) + std::log(w.S1(j, g)) + ks.log_norm;
        out.log_sum2(r0 + j, g) =
            empty ? kNegInf : 2.0 * (w.M(j, g) + ks.log_norm) + std::log(w.S2(j, g));
      }
  });
  return out;
}

/// Per point: log Σ K over the groups [g_lo, g_hi) (log_sum) and r = Σ K²/(Σ K)² over them.
void combine_groups(const GroupSums& s, Eigen::Index g_lo, Eigen::Index g_hi, Vec& log_sum,
                    Vec& ratio) {
  const Eigen::Index m = s.log_sum.rows();
  log_sum.resize(m);
  ratio.resize(m);
  for (Eigen::Index j = 0; j < m; ++j) {
    log_sum(j) = log_sum_exp(s.log_sum.row(j).segment(g_lo, g_hi - g_lo));
    ratio(j) =
        std::exp(log_sum_exp(s.log_sum2.row(j).segment(g_lo, g_hi - g_lo)) - 2.0 * log_sum(j));
  }
}

/// G (kernels × W.cols()) with G(i, ·) = Σ_j exp(log K(x_j, c_i) − log_scale_j) W(j, ·) for the
/// kernels i < kernels (all points j, but i's own under leave_out): the influence sums of the
/// header, R_ji = K_ji/q̂_j being exp(log K_ji − log q̂_j). Kernels in blocks of
/// kDensityKernelBlock, each block over the points in blocks of kDensityEvalBlock in order.
Mat kernel_column_sums(const KernelSums& ks, const Vec& log_scale, const Mat& W,
                       Eigen::Index kernels, int threads) {
  const Eigen::Index m = ks.X.rows();
  Mat G = Mat::Zero(kernels, W.cols());
  const long blocks = static_cast<long>((kernels + kDensityKernelBlock - 1) / kDensityKernelBlock);
  struct Buffers {
    Mat T, Gb;
  };
  std::vector<Buffers> buf(static_cast<std::size_t>(parallel_workers(blocks, threads)));
  parallel_for(blocks, threads, [&](long b, long worker) {
    Buffers& w = buf[static_cast<std::size_t>(worker)];
    const Eigen::Index c0 = b * kDensityKernelBlock;
    const Eigen::Index count = std::min(kDensityKernelBlock, kernels - c0);
    w.T.resize(kDensityKernelBlock, kDensityEvalBlock);
    w.Gb.setZero(count, W.cols());
    for (Eigen::Index r0 = 0; r0 < m; r0 += kDensityEvalBlock) {
      const Eigen::Index points = std::min(kDensityEvalBlock, m - r0);
      ks.log_tile(c0, count, r0, points, w.T);
      // T − (log_scale − log_norm) = log K − log_scale.
      for (Eigen::Index j = 0; j < points; ++j)
        exp_shifted(w.T.col(j).head(count), log_scale(r0 + j) - ks.log_norm);
      ks.clear_own(c0, count, r0, points, w.T);
      w.Gb.noalias() += w.T.topLeftCorner(count, points) * W.middleRows(r0, points);
    }
    G.middleRows(c0, count) = w.Gb;
  });
  return G;
}

/// The TV bias bound at one point (header): û = q̂/π there, rho2 = ρ̂² the relative variance of
/// q̂. min(sd, sd²/(4a), 1), and for û > 1 also sd²/(sd² + a²), with sd = ûρ and a = |1 − û| −
/// 2 sd; min(sd, 1) when a <= 0. Written in units of û above 1, so that û = +∞ stays finite.
double tv_point_bias(double u, double rho2) {
  const double rho = std::sqrt(rho2);
  if (rho == 0.0) return 0.0;
  if (u <= 1.0) {
    const double sd = u * rho, a = (1.0 - u) - 2.0 * sd;
    double b = std::min(sd, 1.0);
    if (a > 0.0) b = std::min(b, sd * sd / (4.0 * a));
    return b;
  }
  const double alpha = 1.0 - 1.0 / u - 2.0 * rho;  // a/û
  double b = 1.0;
  if (std::isfinite(u)) b = std::min(b, u * rho);
  if (alpha > 0.0) {
    b = std::min(b, rho2 / (rho2 + alpha * alpha));
    if (std::isfinite(u)) b = std::min(b, u * rho2 / (4.0 * alpha));
  }
  return b;
}

void check_model(const char* fn, const KernelMixture& model, Eigen::Index min_kernels) {
  const Eigen::Index n = model.centres.rows();
  check_at_least(fn, "kernel centres", n, min_kernels);
  check_at_least(fn, "dimension", model.centres.cols(), 1);
  check_finite(fn, "centres", model.centres);
  check_positive(fn, "var", model.var);
  check_size(fn, "weights.size()", model.weights.size(), n);
  check_positive(fn, "weights[0]", model.weights(0));
  if ((model.weights.array() != model.weights(0)).any())
    throw_input_error(fn, "weights", "not all equal", "uniform weights (a particle mixture)");
}

Vec log_target_at(const char* fn, const LogDensityFn& log_target, const Mat& x) {
  if (!log_target) throw_input_error(fn, "log_target", "empty", "a callable");
  Vec lp = log_target(x);
  check_size(fn, "log_target values", lp.size(), x.rows());
  return lp;
}

void finish(Estimate& e, const char* what) {
  if (!std::isfinite(e.value) || !std::isfinite(e.std_error) || !std::isfinite(e.bias_bound))
    throw NonFiniteMetric(fmt::format(
        "the output law is so far from the data law that the Monte Carlo {} overflowed", what));
}

}  // namespace particle_density_detail

namespace pdd = particle_density_detail;

DataSideMetrics last_step_data_side(const KernelMixture& model, const Mat& data_sample,
                                    const LogDensityFn& log_target, std::uint64_t seed,
                                    int threads) {
  constexpr const char* kFn = "sb::last_step_data_side";
  pdd::check_model(kFn, model, 2);
  const Eigen::Index n = model.centres.rows(), m = data_sample.rows();
  check_at_least(kFn, "data_sample rows", m, 2);
  check_size(kFn, "data_sample columns", data_sample.cols(), model.centres.cols());
  check_finite(kFn, "data_sample", data_sample);
  check_at_least(kFn, "threads", threads, 0);
  const Vec lp = pdd::log_target_at(kFn, log_target, data_sample);
  if (!lp.allFinite())
    throw_input_error(kFn, "log_target at the data sample", "not finite everywhere",
                      "finite (the sample is drawn from the data law)");

  const pdd::KernelSums ks(data_sample, model.centres, model.var, false);
  const pdd::KernelGroups groups{n, std::min<Eigen::Index>(kKernelGroups, n)};
  const Eigen::Index G = groups.count, H = G / 2;
  const pdd::GroupSums gs = pdd::kernel_group_sums(ks, groups, threads);
  if (!gs.log_sum.allFinite())
    throw NonFiniteMetric("the output density overflowed or vanished at a data point");
  Vec log_sum, ratio, log_a, log_b, unused;
  pdd::combine_groups(gs, 0, G, log_sum, ratio);
  pdd::combine_groups(gs, 0, H, log_a, unused);
  pdd::combine_groups(gs, H, G, log_b, unused);
  const double n_d = static_cast<double>(n), m_d = static_cast<double>(m);
  const double n_a = static_cast<double>(groups.start(H)), n_b = n_d - n_a;
  const double inv_n = 1.0 / n_d, inv_m = 1.0 / m_d;

  // Per data draw: f_j, t_j, the bias terms, the weights of the influence sums, and the terms
  // of the group estimates.
  RunningMoments f, t;
  double b2 = 0.0, split = 0.0, tv_bias = 0.0;
  Mat W(m, 2);
  Vec log_qhat(m), kl_groups = Vec::Zero(G), tv_groups = Vec::Zero(G);
  for (Eigen::Index j = 0; j < m; ++j) {
    log_qhat(j) = log_sum(j) - std::log(n_d);
    const double rho2 = std::max(ratio(j) - inv_n, 0.0);
    const double u = std::exp(log_qhat(j) - lp(j));
    f.add(lp(j) - log_qhat(j));
    t.add(std::max(1.0 - u, 0.0));
    b2 += 0.5 * rho2;
    split +=
        log_qhat(j) - (n_a * (log_a(j) - std::log(n_a)) + n_b * (log_b(j) - std::log(n_b))) * inv_n;
    tv_bias += pdd::tv_point_bias(u, rho2);
    W(j, 0) = -inv_m;
    W(j, 1) = u < 1.0 ? -inv_m * u : 0.0;
    for (Eigen::Index g = 0; g < G; ++g) {
      const double log_qg = gs.log_sum(j, g) - std::log(static_cast<double>(groups.size(g)));
      kl_groups(g) += lp(j) - log_qg;
      tv_groups(g) += std::max(1.0 - std::exp(log_qg - lp(j)), 0.0);
    }
  }
  // The kernels' share of the variance: the delta method (g_i for the first kernels, R_ji =
  // K_ji/q̂_j), or the spread of the group estimates scaled to n kernels, whichever is larger.
  const Eigen::Index k = std::min<Eigen::Index>(n, kInfluenceKernels);
  const Mat Gi = pdd::kernel_column_sums(ks, log_qhat, W, k, threads);
  RunningMoments g_kl, g_tv, v_kl, v_tv;
  for (Eigen::Index i = 0; i < k; ++i) {
    g_kl.add(Gi(i, 0));
    g_tv.add(Gi(i, 1));
  }
  for (Eigen::Index g = 0; g < G; ++g) {
    v_kl.add(kl_groups(g) * inv_m);
    v_tv.add(tv_groups(g) * inv_m);
  }
  const double G_d = static_cast<double>(G);
  const double kernel_kl = std::max(g_kl.variance() / n_d, v_kl.variance() / G_d);
  const double kernel_tv = std::max(g_tv.variance() / n_d, v_tv.variance() / G_d);
  // Too few kernels at the data points (header, "Sparse kernels"): then only E V >= KL >= 0.
  double kl_bias = 2.0 * std::max(b2, split) * inv_m;
  if (2.0 * b2 * inv_m > kSparseKernelRho2) kl_bias = std::max(kl_bias, f.mean());
  DataSideMetrics out;
  out.kl_data_model =
      Estimate::monte_carlo(f.mean(), std::sqrt(f.variance() / m_d + kernel_kl),
                            static_cast<long>(n), seed, "monte_carlo_last_step_kernel", kl_bias);
  out.tv = Estimate::monte_carlo(t.mean(), std::sqrt(t.variance() / m_d + kernel_tv),
                                 static_cast<long>(n), seed, "monte_carlo_last_step_kernel",
                                 tv_bias * inv_m);
  pdd::finish(out.kl_data_model, "KL(data || model)");
  pdd::finish(out.tv, "TV");
  return out;
}

Estimate last_step_kl_model_data(const KernelMixture& model, const Mat& points,
                                 const LogDensityFn& log_target, std::uint64_t seed, int threads) {
  constexpr const char* kFn = "sb::last_step_kl_model_data";
  pdd::check_model(kFn, model, 4);
  const Eigen::Index n = model.centres.rows();
  check_size(kFn, "points rows", points.rows(), n);
  check_size(kFn, "points columns", points.cols(), model.centres.cols());
  check_finite(kFn, "points", points);
  check_at_least(kFn, "threads", threads, 0);
  const Vec lp = pdd::log_target_at(kFn, log_target, points);
  for (Eigen::Index i = 0; i < n; ++i) {
    if (std::isnan(lp(i)) || lp(i) == std::numeric_limits<double>::infinity())
      throw_input_error(kFn, "log_target at a particle", format_value(lp(i)),
                        "a number < +inf (a log-density)");
    if (lp(i) == -std::numeric_limits<double>::infinity())
      throw NonFiniteMetric(
          "KL(model || data) is infinite: the data law's density is 0 at a particle");
  }

  // Two halves of the kernels, for the split-sample bias estimate; each holds >= 2 kernels,
  // so that leaving a particle's own kernel out leaves one.
  const pdd::KernelSums ks(points, model.centres, model.var, true);
  const pdd::KernelGroups halves{n, 2};
  const pdd::GroupSums gs = pdd::kernel_group_sums(ks, halves, threads);
  if (!gs.log_sum.allFinite())
    throw NonFiniteMetric("the output density overflowed or vanished at a particle");
  Vec log_sum, ratio;
  pdd::combine_groups(gs, 0, 2, log_sum, ratio);
  const double n1 = static_cast<double>(n - 1), n_d = static_cast<double>(n);
  const Eigen::Index n_a = halves.size(0);

  RunningMoments f;
  double b2 = 0.0, split = 0.0;
  Vec log_qhat(n), fv(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    log_qhat(i) = log_sum(i) - std::log(n1);
    fv(i) = log_qhat(i) - lp(i);
    f.add(fv(i));
    b2 += 0.5 * std::max(ratio(i) - 1.0 / n1, 0.0);
    // The halves without the particle's own kernel: sizes a, b with a + b = n − 1.
    const double a = static_cast<double>(n_a - (i < n_a ? 1 : 0)), b = n1 - a;
    split += log_qhat(i) -
             (a * (gs.log_sum(i, 0) - std::log(a)) + b * (gs.log_sum(i, 1) - std::log(b))) / n1;
  }
  // h_i = (1/(n−1)) Σ_{l≠i} K(Y_l, c_i)/q̂_{−l}(Y_l) − 1 for the first kernels, and its
  // correlation with f over them.
  const Eigen::Index k = std::min<Eigen::Index>(n, kInfluenceKernels);
  const Mat H = pdd::kernel_column_sums(ks, log_qhat, Mat::Constant(n, 1, 1.0 / n1), k, threads);
  RunningMoments h, fk;
  for (Eigen::Index i = 0; i < k; ++i) {
    h.add(H(i, 0) - 1.0);
    fk.add(fv(i));
  }
  double cov = 0.0;
  for (Eigen::Index i = 0; i < k; ++i) cov += (fv(i) - fk.mean()) * (H(i, 0) - 1.0 - h.mean());
  cov /= static_cast<double>(k - 1);
  const double sd_fk = std::sqrt(fk.variance()), sd_h = std::sqrt(h.variance());
  const double corr = sd_fk > 0.0 && sd_h > 0.0 ? std::clamp(cov / (sd_fk * sd_h), -1.0, 1.0) : 0.0;
  // Var(f + h) with Var f over all particles: (sd_f − sd_h)² + 2(1 + corr) sd_f sd_h >= 0.
  const double sd_f = std::sqrt(f.variance());
  const double var_phi = sd_f * sd_f + sd_h * sd_h + 2.0 * corr * sd_f * sd_h;
  Estimate e = Estimate::monte_carlo(f.mean(), std::sqrt(std::max(var_phi, 0.0) / n_d),
                                     static_cast<long>(n), seed, "monte_carlo_last_step_kernel_loo",
                                     2.0 * std::max(b2, split) / n_d);
  pdd::finish(e, "KL(model || data)");
  return e;
}

}  // namespace sb
