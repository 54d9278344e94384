#include "sb/law/grid_density.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/numeric.hpp"

namespace sb {

namespace {

constexpr double kGridEps = std::numeric_limits<double>::epsilon();
// A node of the first law where the second law vanishes (underflow, or kernel tails cut at
// GridOptions::kernel_cutoff_sds) is left out of a KL sum when its contribution's bound
// w·a·(|log a| + 746) is at most this — far below the reporting precision, and added to the bias
// bound; above it the KL is taken to be infinite (an InputError asks for a finer or wider grid).
constexpr double kGridNegligibleContribution = 1e-12;

double grid_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

/// Trapezoid weights along one axis with step `stride` (1: every node; 2: the refinement
/// comparison on nodes 0, 2, ..., 2m, zero elsewhere).
Vec grid_axis_weights(const GridAxis& ax, Eigen::Index stride) {
  Vec w = Vec::Zero(ax.count);
  const Eigen::Index last = ((ax.count - 1) / stride) * stride;
  const double h = ax.spacing * static_cast<double>(stride);
  for (Eigen::Index i = 0; i <= last; i += stride) w(i) = h;
  w(0) *= 0.5;
  w(last) *= 0.5;
  return w;
}

Vec grid_product_weights(const GridSpec& g, Eigen::Index stride) {
  const Vec w0 = grid_axis_weights(g.axes[0], stride);
  if (g.dim() == 1) return w0;
  const Vec w1 = grid_axis_weights(g.axes[1], stride);
  Vec w(g.size());
  const Eigen::Index n0 = w0.size();
  for (Eigen::Index j = 0; j < w1.size(); ++j) w.segment(j * n0, n0) = w1(j) * w0;
  return w;
}

bool grid_is_boundary(const GridSpec& g, Eigen::Index s) {
  const Eigen::Index n0 = g.axes[0].count;
  const Eigen::Index i0 = s % n0;
  if (i0 == 0 || i0 == n0 - 1) return true;
  if (g.dim() == 1) return false;
  const Eigen::Index i1 = s / n0;
  return i1 == 0 || i1 == g.axes[1].count - 1;
}

/// Σ w f on the grid and on the refinement grid, with the rounding allowance.
struct GridSums {
  double fine = 0.0, coarse = 0.0, rounding = 0.0;
  double quadrature_bound() const { return std::abs(fine - coarse) + rounding; }
};

GridSums grid_sums(const GridSpec& g, const Vec& f) {
  const Vec w = grid_product_weights(g, 1), w2 = grid_product_weights(g, 2);
  GridSums s;
  s.fine = w.dot(f);
  s.coarse = w2.dot(f);
  s.rounding = static_cast<double>(f.size()) * kGridEps * w.cwiseProduct(f).cwiseAbs().sum();
  return s;
}

/// The target's log-density and density at the nodes, and its mass outside the grid.
struct GridTarget {
  Vec log_pi, pi;
  double out = 0.0;
};

GridTarget grid_target(std::string_view fn, const GridDensity& g, const LogDensityFn& log_target) {
  if (!log_target) throw_input_error(fn, "log_target", "empty", "a callable");
  GridTarget t;
  t.log_pi = log_target(g.nodes());
  if (t.log_pi.size() != g.size())
    throw_input_error(fn, "log_target(nodes).size()", std::to_string(t.log_pi.size()),
                      fmt::format("the number of nodes, {}", g.size()));
  for (Eigen::Index s = 0; s < t.log_pi.size(); ++s)
    if (std::isnan(t.log_pi(s)) || t.log_pi(s) == std::numeric_limits<double>::infinity())
      throw_input_error(fn, fmt::format("log_target at node {}", s), format_value(t.log_pi(s)),
                        "finite or -inf");
  t.pi = t.log_pi.array().exp().matrix();
  t.out = std::max(0.0, 1.0 - grid_product_weights(g.grid(), 1).dot(t.pi));
  return t;
}

/// The density's own error estimate: quadrature mass defect plus the mass it dropped.
double grid_density_error(const GridDensity& g) { return g.mass_defect() + g.dropped_mass(); }

/// KL(a ‖ b) for a, b the target and the grid density in either order (a_is_target).
Estimate grid_kl(std::string_view fn, const GridDensity& g, const GridTarget& t, bool a_is_target) {
  const Vec& p = g.values();
  const Vec w = grid_product_weights(g.grid(), 1);
  Vec f = Vec::Zero(p.size());
  double skipped = 0.0, boundary_log = 0.0;
  for (Eigen::Index s = 0; s < p.size(); ++s) {
    const double a = a_is_target ? t.pi(s) : p(s);
    const double b = a_is_target ? p(s) : t.pi(s);
    const double log_a = a_is_target ? t.log_pi(s) : std::log(p(s));
    const double log_b = a_is_target ? std::log(p(s)) : t.log_pi(s);
    if (a == 0.0) {
      f(s) = b;  // a log(a/b) − a + b → b
      continue;
    }
    if (b == 0.0 || !std::isfinite(log_b)) {
      if (w(s) * a * (std::abs(log_a) + 746.0) > kGridNegligibleContribution)
        throw_input_error(
            fn, fmt::format("the {} density at node {}", a_is_target ? "grid" : "target", s), "0",
            fmt::format("> 0 where the {} density ({}) has mass (refine or "
                        "widen the grid)",
                        a_is_target ? "target" : "grid", format_value(a)));
      // a·log(a/b) with b >= the smallest positive double: at most a(|log a| + 745).
      skipped += w(s) * a * (std::abs(log_a) + 746.0);
      continue;
    }
    const double L = log_a - log_b;  // log(a/b)
    // a log(a/b) − a + b = a·(r − 1 − log r), r = b/a: cancellation-free near r = 1.
    f(s) = std::abs(L) < 1.0 ? a * num::rm1_minus_log(std::exp(-L)) : a * L - a + b;
    if (grid_is_boundary(g.grid(), s)) boundary_log = std::max(boundary_log, std::abs(L));
  }
  const GridSums sums = grid_sums(g.grid(), f);
  const double a_out = a_is_target ? t.out : g.lost_mass();
  const double b_out = a_is_target ? g.lost_mass() : t.out;
  const double truncation = b_out + 2.0 * a_out * std::max(1.0, boundary_log);
  Estimate e = Estimate::exact(sums.fine, "grid_quadrature");
  e.bias_bound = sums.quadrature_bound() + truncation + skipped + grid_density_error(g);
  return e;
}

}  // namespace

Eigen::Index GridSpec::size() const {
  Eigen::Index n = 1;
  for (const GridAxis& a : axes) n *= a.count;
  return axes.empty() ? 0 : n;
}

void GridSpec::validate(std::string_view fn) const {
  if (axes.size() != 1 && axes.size() != 2)
    throw_input_error(fn, "grid dimension", std::to_string(axes.size()), "1 or 2");
  for (std::size_t a = 0; a < axes.size(); ++a) {
    const GridAxis& ax = axes[a];
    check_finite(fn, fmt::format("grid.axes[{}].lo", a), ax.lo);
    check_positive(fn, fmt::format("grid.axes[{}].spacing", a), ax.spacing);
    check_at_least(fn, fmt::format("grid.axes[{}].count", a), ax.count, 3);
    check_finite(fn, fmt::format("grid.axes[{}].hi", a), ax.hi());
  }
}

GridSpec grid_covering(const std::vector<Gaussian>& laws, Eigen::Index count,
                       double half_width_sds) {
  constexpr const char* kFn = "sb::grid_covering";
  if (laws.empty()) throw_input_error(kFn, "laws", "empty", "at least one law");
  const Eigen::Index d = laws.front().dim();
  if (d != 1 && d != 2) throw_input_error(kFn, "dimension", std::to_string(d), "1 or 2");
  check_positive(kFn, "half_width_sds", half_width_sds);
  check_at_least(kFn, "count", count, 3);
  GridSpec g;
  for (Eigen::Index a = 0; a < d; ++a) {
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const Gaussian& law : laws) {
      check_size(kFn, "law dimension", law.dim(), d);
      check_size(kFn, "law covariance size", law.cov.rows(), d);
      const double sd = std::sqrt(law.cov(a, a));
      check_positive(kFn, fmt::format("standard deviation along axis {}", a), sd);
      check_finite(kFn, fmt::format("mean along axis {}", a), law.mean(a));
      lo = std::min(lo, law.mean(a) - half_width_sds * sd);
      hi = std::max(hi, law.mean(a) + half_width_sds * sd);
    }
    g.axes.push_back({lo, (hi - lo) / static_cast<double>(count - 1), count});
  }
  return g;
}

GridDensity::GridDensity(GridSpec grid, Vec values, double lost_mass, double dropped_mass)
    : grid_(std::move(grid)),
      values_(std::move(values)),
      lost_mass_(lost_mass),
      dropped_mass_(dropped_mass) {
  constexpr const char* kFn = "sb::GridDensity";
  grid_.validate(kFn);
  check_size(kFn, "values.size()", values_.size(), grid_.size());
  for (Eigen::Index s = 0; s < values_.size(); ++s)
    if (!(std::isfinite(values_(s)) && values_(s) >= 0.0))
      throw_input_error(kFn, fmt::format("values[{}]", s), format_value(values_(s)),
                        "finite and >= 0");
  check_nonnegative(kFn, "lost_mass", lost_mass_);
  check_nonnegative(kFn, "dropped_mass", dropped_mass_);
}

GridDensity GridDensity::from_gaussian(GridSpec grid, const Gaussian& law) {
  constexpr const char* kFn = "sb::GridDensity::from_gaussian";
  grid.validate(kFn);
  const Eigen::Index d = grid.dim();
  check_size(kFn, "law dimension", law.dim(), d);
  check_finite(kFn, "law.mean", law.mean);
  check_spd(kFn, "law.cov", law.cov);
  const Eigen::LLT<Mat> llt(law.cov);
  const Mat L = llt.matrixL();
  double log_det = 0.0;
  for (Eigen::Index i = 0; i < d; ++i) log_det += 2.0 * std::log(L(i, i));
  const double log_norm =
      -0.5 * (static_cast<double>(d) * std::log(2.0 * std::numbers::pi) + log_det);
  GridDensity tmp(grid, Vec::Zero(grid.size()));
  const Mat z = tmp.nodes().rowwise() - law.mean.transpose();               // n × d
  const Mat white = L.triangularView<Eigen::Lower>().solve(z.transpose());  // d × n
  Vec values = (log_norm - 0.5 * white.colwise().squaredNorm().array()).exp().matrix();
  // Mass outside: the per-axis marginal tails, combined exactly for independent axes
  // (1 − Π(1 − o_a) = o₀ + o₁ − o₀o₁) and by the union bound otherwise.
  bool diagonal = true;
  for (Eigen::Index i = 0; i < d; ++i)
    for (Eigen::Index j = 0; j < d; ++j)
      if (i != j && law.cov(i, j) != 0.0) diagonal = false;
  std::vector<double> out_a;
  for (Eigen::Index a = 0; a < d; ++a) {
    const GridAxis& ax = grid.axes[static_cast<std::size_t>(a)];
    const double sd = std::sqrt(law.cov(a, a));
    out_a.push_back(grid_normal_cdf((ax.lo - law.mean(a)) / sd) +
                    grid_normal_cdf(-(ax.hi() - law.mean(a)) / sd));
  }
  double lost = out_a[0];
  if (d == 2)
    lost =
        diagonal ? out_a[0] + out_a[1] - out_a[0] * out_a[1] : std::min(1.0, out_a[0] + out_a[1]);
  GridDensity out(std::move(grid), std::move(values), lost);
  const double v0 = law.cov(0, 0);
  if (diagonal && (law.cov.diagonal().array() == v0).all()) {
    KernelMixture m;
    m.centres = law.mean.transpose();
    m.weights = Vec::Ones(1);
    m.var = v0;
    out.set_last_step(std::move(m));
  }
  return out;
}

Mat GridDensity::nodes() const {
  const Eigen::Index n = size(), d = dim();
  Mat X(n, d);
  const GridAxis& a0 = axis(0);
  for (Eigen::Index s = 0; s < n; ++s) {
    X(s, 0) = a0.node(s % a0.count);
    if (d == 2) X(s, 1) = axis(1).node(s / a0.count);
  }
  return X;
}

Vec GridDensity::weights() const { return grid_product_weights(grid_, 1); }

double GridDensity::mass() const { return weights().dot(values_); }

Vec GridDensity::mean() const {
  const Vec wp = weights().cwiseProduct(values_);
  return nodes().transpose() * wp / wp.sum();
}

Mat GridDensity::covariance() const {
  const Vec wp = weights().cwiseProduct(values_);
  const Vec m = nodes().transpose() * wp / wp.sum();
  const Mat Z = nodes().rowwise() - m.transpose();
  return Z.transpose() * wp.asDiagonal() * Z / wp.sum();
}

void GridDensity::set_last_step(KernelMixture m) {
  constexpr const char* kFn = "sb::GridDensity::set_last_step";
  check_size(kFn, "centres.cols()", m.centres.cols(), dim());
  check_size(kFn, "weights.size()", m.weights.size(), m.centres.rows());
  check_finite(kFn, "centres", m.centres);
  check_positive(kFn, "var", m.var);
  for (Eigen::Index i = 0; i < m.weights.size(); ++i)
    check_nonnegative(kFn, fmt::format("weights[{}]", i), m.weights(i));
  check_positive(kFn, "the total weight", m.weights.sum());
  last_step_ = std::move(m);
}

double GridDensity::cdf(double x) const {
  constexpr const char* kFn = "sb::GridDensity::cdf";
  if (dim() != 1) throw_input_error(kFn, "dimension", std::to_string(dim()), "1");
  if (std::isnan(x)) throw_input_error(kFn, "x", "nan", "a number");
  if (last_step_) {
    const KernelMixture& m = *last_step_;
    const double sd = std::sqrt(m.var);
    double F = 0.0;
    for (Eigen::Index i = 0; i < m.weights.size(); ++i)
      F += m.weights(i) * grid_normal_cdf((x - m.centres(i, 0)) / sd);
    return std::clamp(F / m.weights.sum(), 0.0, 1.0);
  }
  const GridAxis& ax = axis(0);
  if (x <= ax.lo) return 0.0;
  if (x >= ax.hi()) return 1.0;
  double cum = 0.0;
  const double total = mass();
  const Eigen::Index j = std::min<Eigen::Index>(
      static_cast<Eigen::Index>(std::floor((x - ax.lo) / ax.spacing)), ax.count - 2);
  for (Eigen::Index i = 0; i < j; ++i) cum += 0.5 * ax.spacing * (values_(i) + values_(i + 1));
  const double t = (x - ax.node(j)) / ax.spacing;
  cum += ax.spacing * (t * values_(j) + 0.5 * t * t * (values_(j + 1) - values_(j)));
  return std::clamp(cum / total, 0.0, 1.0);
}

double GridDensity::quantile(double u) const {
  constexpr const char* kFn = "sb::GridDensity::quantile";
  if (dim() != 1) throw_input_error(kFn, "dimension", std::to_string(dim()), "1");
  if (!(u > 0.0 && u < 1.0)) throw_input_error(kFn, "u", format_value(u), "in (0, 1)");
  double lo = axis(0).lo, hi = axis(0).hi();
  if (last_step_) {
    const double w = 40.0 * std::sqrt(last_step_->var);
    lo = std::min(lo, last_step_->centres.col(0).minCoeff() - w);
    hi = std::max(hi, last_step_->centres.col(0).maxCoeff() + w);
  }
  for (int it = 0; it < 200 && hi - lo > 1e-15 * std::max({1.0, std::abs(lo), std::abs(hi)});
       ++it) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < u ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

Estimate GridDensity::kl_data_model(const LogDensityFn& log_target) const {
  constexpr const char* kFn = "sb::GridDensity::kl_data_model";
  return grid_kl(kFn, *this, grid_target(kFn, *this, log_target), true);
}

Estimate GridDensity::kl_model_data(const LogDensityFn& log_target) const {
  constexpr const char* kFn = "sb::GridDensity::kl_model_data";
  return grid_kl(kFn, *this, grid_target(kFn, *this, log_target), false);
}

Estimate GridDensity::tv(const LogDensityFn& log_target) const {
  const GridTarget t = grid_target("sb::GridDensity::tv", *this, log_target);
  const Vec diff = t.pi - values_;
  const Vec f = 0.5 * diff.cwiseAbs();
  GridSums sums = grid_sums(grid_, f);
  // Kink correction: on a cell of axis 0 where π − p changes sign (values a, b), the trapezoid
  // rule over-states ∫|linear interpolant| by h|a||b|/(|a| + |b|); that leading O(h²) term is
  // removed, on the grid and on the refinement grid, and its size is added to the bias bound
  // (the remainder is of higher order).
  const GridAxis& a0 = axis(0);
  const Eigen::Index n0 = a0.count, rows = size() / n0;
  double correction = 0.0;
  for (const Eigen::Index stride : {Eigen::Index{1}, Eigen::Index{2}}) {
    const Vec w1 = dim() == 2 ? grid_axis_weights(axis(1), stride) : Vec::Ones(1);
    const double h = a0.spacing * static_cast<double>(stride);
    double corr = 0.0;
    for (Eigen::Index l = 0; l < rows; ++l) {
      if (w1(l) == 0.0) continue;
      for (Eigen::Index j = 0; j + stride < n0; j += stride) {
        const double a = diff(l * n0 + j), b = diff(l * n0 + j + stride);
        if (a * b < 0.0)
          corr += w1(l) * 0.5 * h * std::abs(a) * std::abs(b) / (std::abs(a) + std::abs(b));
      }
    }
    (stride == 1 ? sums.fine : sums.coarse) -= corr;
    if (stride == 1) correction = corr;
  }
  Estimate e = Estimate::exact(sums.fine, "grid_quadrature");
  e.bias_bound =
      sums.quadrature_bound() + correction + 0.5 * (t.out + lost_mass_) + grid_density_error(*this);
  return e;
}

Estimate GridDensity::hellinger2(const LogDensityFn& log_target) const {
  const GridTarget t = grid_target("sb::GridDensity::hellinger2", *this, log_target);
  const Vec f = 0.5 * (t.pi.cwiseSqrt() - values_.cwiseSqrt()).array().square().matrix();
  const GridSums sums = grid_sums(grid_, f);
  Estimate e = Estimate::exact(sums.fine, "grid_quadrature");
  e.bias_bound = sums.quadrature_bound() + 0.5 * (t.out + lost_mass_) + grid_density_error(*this);
  return e;
}

Estimate GridDensity::w2(const CdfFn& target_cdf, double lo, double hi) const {
  constexpr const char* kFn = "sb::GridDensity::w2";
  if (dim() != 1) throw_input_error(kFn, "dimension", std::to_string(dim()), "1");
  if (!target_cdf) throw_input_error(kFn, "target_cdf", "empty", "a callable");
  check_finite(kFn, "lo", lo);
  check_finite(kFn, "hi", hi);
  if (!(lo < hi)) throw_input_error(kFn, "hi", format_value(hi), fmt::format("> lo = {}", lo));
  const GridAxis& ax = axis(0);
  const Eigen::Index n = size();
  const double total = mass();
  const double G_lo = target_cdf(lo), G_hi = target_cdf(hi);
  // F at the nodes: from the last step's mixture, or by the cumulative trapezoid rule — then on
  // the refinement grid (every other node) too, so that the refinement term of the bias bound
  // sees the O(Δ²) error of this CDF as well as that of the outer integral.
  Vec F_fine(n), F_coarse(n);
  if (last_step_) {
    for (Eigen::Index j = 0; j < n; ++j) F_fine(j) = cdf(ax.node(j));
    F_coarse = F_fine;
  } else {
    for (const Eigen::Index stride : {Eigen::Index{1}, Eigen::Index{2}}) {
      Vec& F = stride == 1 ? F_fine : F_coarse;
      F.setZero();
      const Eigen::Index last = ((n - 1) / stride) * stride;
      for (Eigen::Index j = stride; j <= last; j += stride)
        F(j) = F(j - stride) +
               0.5 * static_cast<double>(stride) * ax.spacing * (values_(j - stride) + values_(j));
      F /= F(last);
      for (Eigen::Index j = last + 1; j < n; ++j) F(j) = 1.0;
    }
  }
  // G⁻¹(u) by bisection on target_cdf within [lo, hi]; clamped outside.
  double clamped = 0.0;
  const Vec w = weights();
  auto transport = [&](double u, double wp) {
    if (u <= G_lo || u >= G_hi) {
      clamped += wp;
      return u <= G_lo ? lo : hi;
    }
    double a = lo, b = hi;
    for (int it = 0; it < 200 && b - a > 1e-15 * std::max({1.0, std::abs(a), std::abs(b)}); ++it) {
      const double mid = 0.5 * (a + b);
      (target_cdf(mid) < u ? a : b) = mid;
    }
    return 0.5 * (a + b);
  };
  Vec f(n), f_coarse(n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const double x = ax.node(j), pj = values_(j) / total;
    const double T = transport(F_fine(j), w(j) * pj);
    f(j) = (x - T) * (x - T) * pj;
    f_coarse(j) = f(j);
    if (F_coarse(j) != F_fine(j) && j % 2 == 0) {
      const double Tc = transport(F_coarse(j), 0.0);
      f_coarse(j) = (x - Tc) * (x - Tc) * pj;
    }
  }
  if (!f.allFinite())
    throw_input_error(kFn, "target_cdf", "not finite or not monotone", "a CDF on [lo, hi]");
  GridSums sums = grid_sums(grid_, f);
  sums.coarse = grid_product_weights(grid_, 2).dot(f_coarse);
  const double span = std::max(hi, ax.hi()) - std::min(lo, ax.lo);
  const double b2 = sums.quadrature_bound() + clamped * (hi - lo) * (hi - lo) +
                    (lost_mass_ + grid_density_error(*this)) * span * span;
  const double w2sq = std::max(sums.fine, 0.0);
  Estimate e = Estimate::exact(std::sqrt(w2sq), "grid_quadrature");
  e.bias_bound = w2sq > 0.0 ? std::min(std::sqrt(b2), b2 / std::sqrt(w2sq)) : std::sqrt(b2);
  return e;
}

}  // namespace sb
