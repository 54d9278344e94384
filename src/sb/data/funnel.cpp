#include "sb/data/funnel.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/math/quadrature/gauss.hpp>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"

namespace sb {

namespace {

constexpr double kFunnelLog2Pi = 1.83787706640934548356;  // log 2π
constexpr int kFunnelGaussPoints = 10;                    // Gauss–Legendre points per panel
constexpr int kFunnelMaxPanels = 256;
constexpr double kFunnelDrop = 42.0;  // window edge: f <= f(u*) − 42

// The 1-D problem of one row: the log-integrand
//   f(u) = −u²/(2σ₁²) − (a − m u)²/(2s²) − (D/2) log V(u) − Q/(2V(u)),  V = m² e^u + s²,
// with a = y₁ − c₁, Q = Σ_{j>=2}(y_j − c_j)², D = d − 1 (constants left out).
struct FunnelRow {
  double m, s2, sig2, a, Q, D;

  // r = m²e^u/V and q = s²/V (r + q = 1), without inf/inf for large u.
  void ratios(double u, double& r, double& q, double& V) const {
    const double E = m * m * std::exp(u);
    V = E + s2;
    r = std::isinf(E) ? 1.0 : E / V;
    q = s2 / V;
  }
  double f(double u) const {
    double r, q, V;
    ratios(u, r, q, V);
    const double e = a - m * u;
    return -u * u / (2 * sig2) - e * e / (2 * s2) - 0.5 * D * std::log(V) - 0.5 * Q / V;
  }
  double df(double u) const {
    double r, q, V;
    ratios(u, r, q, V);
    return -u / sig2 + m * (a - m * u) / s2 - 0.5 * D * r + 0.5 * Q * r / V;
  }
  double d2f(double u) const {
    double r, q, V;
    ratios(u, r, q, V);
    return -1.0 / sig2 - m * m / s2 - 0.5 * D * r * q + 0.5 * Q * r * (q - r) / V;
  }
};

struct FunnelPosterior {
  double log_integral;  // log ∫ e^{f(u)} du
  double mean_u;        // E[u | y]
  double mean_inv_v;    // E[1/V(u) | y]
  int nodes;
};

// Scratch arrays of kFunnelMaxPanels·kFunnelGaussPoints nodes, reused across rows.
struct FunnelScratch {
  Arr u, w, f, inv_v;
  FunnelScratch()
      : u(kFunnelMaxPanels * kFunnelGaussPoints), w(u.size()), f(u.size()), inv_v(u.size()) {}
};

// Root of f' (the mode of f): bracket from the mode of the two Gaussian factors, then Newton's
// method safeguarded by bisection (Press et al., "Numerical Recipes", rtsafe).
double funnel_mode(const FunnelRow& row) {
  const double prec_g = 1.0 / row.sig2 + row.m * row.m / row.s2;
  const double u0 = (row.m * row.a / row.s2) / prec_g;
  double step = std::max(1.0, 1.0 / std::sqrt(prec_g));
  double lo = u0, hi = u0;
  if (row.df(u0) > 0.0) {
    hi = u0 + step;
    for (int i = 0; i < 200 && row.df(hi) > 0.0; ++i) {
      lo = hi;
      step *= 2.0;
      hi = lo + step;
    }
  } else {
    lo = u0 - step;
    for (int i = 0; i < 200 && row.df(lo) < 0.0; ++i) {
      hi = lo;
      step *= 2.0;
      lo = hi - step;
    }
  }
  double u = 0.5 * (lo + hi);
  for (int it = 0; it < 200; ++it) {
    const double g = row.df(u);
    if (g > 0.0)
      lo = u;
    else if (g < 0.0)
      hi = u;
    else
      return u;
    const double h2 = row.d2f(u);
    double next = h2 < 0.0 ? u - g / h2 : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    const double tol = 1e-14 * std::max(1.0, std::abs(u));
    if (std::abs(next - u) <= tol || hi - lo <= tol) return next;
    u = next;
  }
  return u;
}

FunnelPosterior funnel_posterior(const FunnelRow& row, FunnelScratch& s) {
  using Rule = boost::math::quadrature::gauss<double, kFunnelGaussPoints>;
  const double u_star = funnel_mode(row);
  const double f_star = row.f(u_star);
  const double curv = -row.d2f(u_star);
  const double h =
      curv > 0.0 ? 1.0 / std::sqrt(curv) : 1.0 / std::sqrt(1.0 / row.sig2 + row.m * row.m / row.s2);
  // Window: widen each side geometrically until f has dropped by kFunnelDrop.
  double left = 4.0 * h, right = 4.0 * h;
  for (int i = 0; i < 60 && row.f(u_star - left) > f_star - kFunnelDrop; ++i) left *= 1.5;
  for (int i = 0; i < 60 && row.f(u_star + right) > f_star - kFunnelDrop; ++i) right *= 1.5;
  const double lo = u_star - left, width = left + right;
  const int panels = std::clamp(static_cast<int>(std::ceil(width / h)), 1, kFunnelMaxPanels);
  const double half = 0.5 * width / panels;
  // Nodes and weights of the composite rule.
  const auto& xs = Rule::abscissa();
  const auto& ws = Rule::weights();
  int n = 0;
  for (int p = 0; p < panels; ++p) {
    const double mid = lo + (2 * p + 1) * half;
    for (std::size_t i = 0; i < xs.size(); ++i) {
      // Boost stores the nonnegative half of a symmetric rule (10 points: 5 pairs ±x).
      s.u(n) = mid - half * xs[i];
      s.w(n++) = half * ws[i];
      s.u(n) = mid + half * xs[i];
      s.w(n++) = half * ws[i];
    }
  }
  auto u = s.u.head(n);
  auto f = s.f.head(n);
  auto inv_v = s.inv_v.head(n);
  // Vectorised over the nodes: V = m²e^u + s², f(u) − f(u*), weights w·e^{f − f*}.
  inv_v = ((row.m * row.m) * u.exp() + row.s2).inverse();
  const auto e = row.a - row.m * u;
  f = -u.square() / (2 * row.sig2) - e.square() / (2 * row.s2) + (0.5 * row.D) * inv_v.log() -
      (0.5 * row.Q) * inv_v - f_star;
  auto wf = s.w.head(n);
  wf *= f.exp();
  const double z = wf.sum();
  return {f_star + std::log(z), (wf * u).sum() / z, (wf * inv_v).sum() / z, n};
}

}  // namespace

Funnel::Funnel(Eigen::Index d, double x1_var) : d_(d), x1_var_(x1_var) {
  check_at_least("sb::Funnel", "d", d, 2);
  check_positive("sb::Funnel", "x1_var", x1_var);
}

std::string Funnel::describe() const {
  return fmt::format("funnel in d = {}: x1 ~ N(0, {}), x_j | x1 ~ N(0, exp(x1))", d_, x1_var_);
}

Mat Funnel::sample(long n, std::uint64_t seed) const {
  check_at_least("sb::Funnel::sample", "n", n, 0);
  Mat x(n, d_);
  const double sd1 = std::sqrt(x1_var_);
  map_stream_blocks(
      seed, n,
      [&](const StreamBlock& block, Rng& rng) {
        Vec z(d_);
        for (long i = block.begin; i < block.begin + block.count; ++i) {
          rng.fill_normals(z.data(), static_cast<std::size_t>(d_));
          const double x1 = sd1 * z(0);
          x(i, 0) = x1;
          const double sd = std::exp(0.5 * x1);
          for (Eigen::Index j = 1; j < d_; ++j) x(i, j) = sd * z(j);
        }
        return 0;
      },
      1);
  return x;
}

Vec Funnel::log_density(const Mat& x) const {
  check_size("sb::Funnel::log_density", "the columns of x", x.cols(), d_);
  const double D = static_cast<double>(d_ - 1);
  Vec out(x.rows());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double x1 = x(i, 0);
    const double q = x.row(i).tail(d_ - 1).squaredNorm();
    out(i) = -0.5 * x1 * x1 / x1_var_ - 0.5 * std::log(x1_var_) - 0.5 * q * std::exp(-x1) -
             0.5 * D * x1 - 0.5 * static_cast<double>(d_) * kFunnelLog2Pi;
  }
  return out;
}

void Funnel::score(const LinearProcess& process, double t, const Mat& x, Mat& out) const {
  constexpr const char* fn = "sb::Funnel::score";
  check_size(fn, "the columns of x", x.cols(), d_);
  check_nonnegative(fn, "t", t);
  const double m = process.m(t), kappa = process.kappa(t), s2 = process.s2(t);
  const Vec c = kappa * process.centre(d_);
  check_size(fn, "the process centre", c.size(), d_);
  out.resize(x.rows(), d_);
  const double D = static_cast<double>(d_ - 1);
  if (s2 == 0.0) {
    // Y = m X + c: ∇log p(y) = (1/m) ∇log π((y − c)/m).
    if (!(m > 0.0)) throw_input_error(fn, "m_t at s_t² = 0", format_value(m), "> 0");
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const Vec z = (x.row(i).transpose() - c) / m;
      const double e = std::exp(-z(0));
      const double q = z.tail(d_ - 1).squaredNorm();
      out(i, 0) = (-z(0) / x1_var_ - 0.5 * D + 0.5 * q * e) / m;
      out.row(i).tail(d_ - 1) = (-e / m) * z.tail(d_ - 1).transpose();
    }
    return;
  }
  FunnelScratch scratch;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const double a = x(i, 0) - c(0);
    double q = 0.0;
    for (Eigen::Index j = 1; j < d_; ++j) q += (x(i, j) - c(j)) * (x(i, j) - c(j));
    const FunnelRow row{m, s2, x1_var_, a, q, D};
    const FunnelPosterior post = funnel_posterior(row, scratch);
    out(i, 0) = -(a - m * post.mean_u) / s2;
    for (Eigen::Index j = 1; j < d_; ++j) out(i, j) = -(x(i, j) - c(j)) * post.mean_inv_v;
  }
}

double Funnel::log_density_t(const LinearProcess& process, double t, const Vec& y) const {
  constexpr const char* fn = "sb::Funnel::log_density_t";
  check_size(fn, "the length of y", y.size(), d_);
  check_nonnegative(fn, "t", t);
  const double m = process.m(t), kappa = process.kappa(t), s2 = process.s2(t);
  const Vec c = kappa * process.centre(d_);
  check_size(fn, "the process centre", c.size(), d_);
  if (s2 == 0.0) {
    if (!(m > 0.0)) throw_input_error(fn, "m_t at s_t² = 0", format_value(m), "> 0");
    const Vec z = (y - c) / m;
    return log_density(z.transpose())(0) - static_cast<double>(d_) * std::log(m);
  }
  const double D = static_cast<double>(d_ - 1);
  const FunnelRow row{m, s2, x1_var_, y(0) - c(0), (y.tail(d_ - 1) - c.tail(d_ - 1)).squaredNorm(),
                      D};
  FunnelScratch scratch;
  const FunnelPosterior post = funnel_posterior(row, scratch);
  return post.log_integral - 0.5 * std::log(x1_var_) - 0.5 * std::log(s2) -
         0.5 * static_cast<double>(d_ + 1) * kFunnelLog2Pi;
}

Mat Funnel::hessian(const LinearProcess&, double, const Vec&) const {
  throw std::logic_error("sb::Funnel::hessian: the funnel provides no Hessian (has_hessian false)");
}

Gaussian Funnel::moment_law() const {
  Vec var = Vec::Constant(dim(), std::exp(0.5 * x1_var_));
  var(0) = x1_var_;
  return {Vec::Zero(dim()), var.asDiagonal().toDenseMatrix()};
}

}  // namespace sb
