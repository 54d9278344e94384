#include "sb/sampler/forgetting.hpp"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

#include "sb/core/check.hpp"

namespace sb {

namespace {

constexpr const char* kExactFn = "sb::forgetting_exact";
constexpr const char* kGridFn = "sb::forgetting_on_grid";

/// Equal-covariance TV for a Mahalanobis distance δ: 2Φ(δ/2) − 1 = erf(δ/(2√2))
/// (theory-notes B.4 (i)); erf keeps full relative accuracy for small δ.
double fg_tv_equal_cov(double delta) { return std::erf(delta / (2.0 * std::numbers::sqrt2)); }

void fg_check_common(const char* fn, const LinearProcess& p, Scheme s, const TimeGrid& grid,
                     Eigen::Index d, const Vec& x, const Vec& y) {
  if (!is_affine_step_scheme(s))
    throw_input_error(fn, "sampler", to_string(s), "a discretised scheme (em, ei, eir)");
  check_scheme_applies(s, p);
  check_size(fn, "x dimension", x.size(), d);
  check_size(fn, "y dimension", y.size(), d);
  check_finite(fn, "x", x);
  check_finite(fn, "y", y);
  p.validate_for(d, grid.horizon());
}

/// Largest singular value of a (small) matrix.
double fg_op_norm(const Mat& A) {
  if (A.rows() == 1 && A.cols() == 1) return std::abs(A(0, 0));
  return Eigen::JacobiSVD<Mat>(A).singularValues()(0);
}

}  // namespace

std::vector<double> ForgettingCurve::lipschitz_product() const {
  std::vector<double> out(step_lipschitz.size() + 1, 1.0);
  for (std::size_t k = 0; k < step_lipschitz.size(); ++k) out[k + 1] = out[k] * step_lipschitz[k];
  return out;
}

std::vector<double> ForgettingCurve::coupling_bound() const {
  const std::vector<double> lam = lipschitz_product();
  std::vector<double> out(lam.size());
  out[0] = distance > 0.0 ? 1.0 : 0.0;
  for (std::size_t k = 1; k < lam.size(); ++k)
    out[k] = fg_tv_equal_cov(lam[k] * distance / std::sqrt(kernel_var[k - 1]));
  return out;
}

std::vector<double> ForgettingCurve::values() const {
  std::vector<double> v;
  v.reserve(tv.size());
  for (const Estimate& e : tv) v.push_back(e.value);
  return v;
}

double ForgettingCurve::coupling_constant() const {
  const double tv0 = tv.empty() ? 0.0 : std::min(1.0, tv[0].value);
  if (kernel_var.empty()) return tv0;
  const double qmin = *std::min_element(kernel_var.begin(), kernel_var.end());
  return std::max(tv0, distance / std::sqrt(2.0 * std::numbers::pi * qmin));
}

GeometricFit fit_geometric(const std::vector<double>& tv) {
  if (tv.empty()) throw_input_error("sb::fit_geometric", "tv", "empty", "at least TV_0");
  return fit_geometric(tv, std::min(1.0, tv[0]));
}

GeometricFit fit_geometric(const std::vector<double>& tv, double C) {
  constexpr const char* kFn = "sb::fit_geometric";
  if (tv.empty()) throw_input_error(kFn, "tv", "empty", "at least TV_0");
  // Quadrature values may exceed 1 by rounding (1 + 2e-16): allowed up to 1e-9, clamped.
  for (std::size_t k = 0; k < tv.size(); ++k)
    check_bounded(kFn, fmt::format("tv[{}]", k), tv[k], 0.0, 1.0 + 1e-9);
  const double tv0 = std::min(1.0, tv[0]);
  if (!(std::isfinite(C) && C >= tv0))
    throw_input_error(kFn, "C", format_value(C), fmt::format("finite and >= TV_0 = {}", tv0));
  GeometricFit f;
  f.C = C;
  if (f.C == 0.0) return f;
  for (std::size_t k = 1; k < tv.size(); ++k) {
    const double r = std::pow(std::min(1.0, tv[k]) / f.C, 1.0 / static_cast<double>(k));
    if (r > f.rho) {
      f.rho = r;
      f.k_star = static_cast<int>(k);
    }
  }
  return f;
}

ForgettingCurve forgetting_exact(const LinearProcess& p, const AffineScore& score, Scheme s,
                                 const TimeGrid& grid, const Vec& x, const Vec& y,
                                 const Mat* basis) {
  const Eigen::Index d = score.dim();
  fg_check_common(kExactFn, p, s, grid, d, x, y);
  const Vec mu = p.centre(d);
  const int N = grid.steps();
  ForgettingCurve c;
  c.distance = (x - y).norm();
  c.tv.reserve(static_cast<std::size_t>(N) + 1);
  c.tv.push_back(Estimate::exact(c.distance > 0.0 ? 1.0 : 0.0, "exact_point_masses"));
  c.product_norm.push_back(1.0);
  if (basis != nullptr && score.is_spectral()) {
    // Spectral path: in the eigenbasis A_k = diag(α − γP_j), C_k and Π_k diagonal.
    const Mat& U = *basis;
    check_size(kExactFn, "basis rows", U.rows(), d);
    check_size(kExactFn, "basis columns", U.cols(), d);
    const Vec u = U.transpose() * (x - y), mu_rot = U.transpose() * mu;
    Vec pi = Vec::Ones(d), C = Vec::Zero(d), mx = U.transpose() * x, my = U.transpose() * y;
    Vec P, q;
    for (int k = 0; k < N; ++k) {
      const StepCoefficients sc = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
      score.field_spectral(grid.tau(k), P, q);
      const Vec a = (sc.alpha - sc.gamma * P.array()).matrix();
      const Vec ck = sc.zeta * mu_rot + sc.gamma * q;
      c.step_lipschitz.push_back(a.cwiseAbs().maxCoeff());
      c.kernel_var.push_back(sc.omega);
      pi = pi.cwiseProduct(a);
      C = (a.array().square() * C.array() + sc.omega).matrix();
      mx = a.cwiseProduct(mx) + ck;
      my = a.cwiseProduct(my) + ck;
      c.product_norm.push_back(pi.cwiseAbs().maxCoeff());
      if (!(C.minCoeff() > 0.0))
        throw_input_error(kExactFn, fmt::format("covariance C_{}", k + 1), "not positive definite",
                          "positive definite (kernel variance q_k > 0)");
      const double delta = (pi.cwiseProduct(u).array() / C.array().sqrt()).matrix().norm();
      c.tv.push_back(Estimate::exact(fg_tv_equal_cov(delta), "exact_equal_covariance"));
    }
    c.mean_x = U * mx;
    c.mean_y = U * my;
    if (d <= 256) c.cov = U * C.asDiagonal() * U.transpose();
    return c;
  }
  Mat Pi = Mat::Identity(d, d), C = Mat::Zero(d, d), P;
  Vec mx = x, my = y, q;
  for (int k = 0; k < N; ++k) {
    const StepCoefficients sc = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
    score.field_dense(grid.tau(k), P, q);
    // theory-notes B.2: A_k = α I − γ P_k, c_k = ζ μ + γ q_k, Q_k = ω I.
    const Mat A = sc.alpha * Mat::Identity(d, d) - sc.gamma * P;
    const Vec ck = sc.zeta * mu + sc.gamma * q;
    c.step_lipschitz.push_back(fg_op_norm(A));
    c.kernel_var.push_back(sc.omega);
    Pi = A * Pi;
    C = A * C * A.transpose();
    C.diagonal().array() += sc.omega;
    mx = A * mx + ck;
    my = A * my + ck;
    c.product_norm.push_back(fg_op_norm(Pi));
    // theory-notes C9: TV_k = 2Φ(½‖C_k^{−1/2} Π_k (x − y)‖) − 1.
    const Vec u = Pi * (x - y);
    const Eigen::LLT<Mat> llt(0.5 * (C + C.transpose()));
    if (llt.info() != Eigen::Success)
      throw_input_error(kExactFn, fmt::format("covariance C_{}", k + 1), "not positive definite",
                        "positive definite (kernel variance q_k > 0)");
    const double delta = llt.matrixL().solve(u).norm();
    c.tv.push_back(Estimate::exact(fg_tv_equal_cov(delta), "exact_equal_covariance"));
  }
  c.mean_x = std::move(mx);
  c.mean_y = std::move(my);
  c.cov = std::move(C);
  return c;
}

Mat step_map(const LinearProcess& p, const ScoreField& score, Scheme s, const TimeGrid& grid, int k,
             const Mat& Y) {
  const StepCoefficients sc = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
  Mat out;
  score.eval_batch(grid.tau(k), Y, out);
  Mat A = sc.alpha * Y + sc.gamma * out;
  A.rowwise() += sc.zeta * p.centre(Y.cols()).transpose();
  return A;
}

std::vector<double> step_lipschitz_on_grid(const LinearProcess& p, const ScoreField& score,
                                           Scheme s, const TimeGrid& grid,
                                           const std::vector<Gaussian>& cover, Eigen::Index points,
                                           double half_width_sds) {
  const Eigen::Index d = score.dim();
  if (d != 1 && d != 2)
    throw_input_error("sb::step_lipschitz_on_grid", "dimension", std::to_string(d), "1 or 2");
  if (points == 0) points = d == 1 ? 20001 : 201;
  const GridSpec spec = propagation_grid(p, grid.horizon(), cover, points, half_width_sds);
  const Mat Y = GridDensity(spec, Vec::Ones(spec.size())).nodes();
  std::vector<double> L;
  for (int k = 0; k < grid.steps(); ++k) {
    double best = 0.0;
    if (d == 1) {
      // Secant slopes: by the mean value theorem each is A_k'(ξ) for some ξ in the cell, so
      // their maximum is a lower bound on sup |A_k'|, accurate to O(Δ²).
      const Mat A = step_map(p, score, s, grid, k, Y);
      const double h = spec.axes[0].spacing;
      for (Eigen::Index i = 0; i + 1 < A.rows(); ++i)
        best = std::max(best, std::abs(A(i + 1, 0) - A(i, 0)) / h);
    } else {
      // Central-difference Jacobians at the nodes, ‖J‖₂ in closed form for 2 × 2.
      Mat J0, J1;
      for (int a = 0; a < 2; ++a) {
        const double h = spec.axes[static_cast<std::size_t>(a)].spacing;
        Mat Yp = Y, Ym = Y;
        Yp.col(a).array() += h;
        Ym.col(a).array() -= h;
        (a == 0 ? J0 : J1) =
            (step_map(p, score, s, grid, k, Yp) - step_map(p, score, s, grid, k, Ym)) / (2.0 * h);
      }
      for (Eigen::Index i = 0; i < Y.rows(); ++i) {
        Mat J(2, 2);
        J.col(0) = J0.row(i).transpose();
        J.col(1) = J1.row(i).transpose();
        best = std::max(best, fg_op_norm(J));
      }
    }
    L.push_back(best);
  }
  return L;
}

Estimate grid_tv(const GridDensity& a, const GridDensity& b) {
  constexpr const char* kFn = "sb::grid_tv";
  const GridSpec &ga = a.grid(), &gb = b.grid();
  bool same = ga.dim() == gb.dim();
  for (Eigen::Index i = 0; same && i < ga.dim(); ++i) {
    const GridAxis &u = ga.axes[static_cast<std::size_t>(i)],
                   &v = gb.axes[static_cast<std::size_t>(i)];
    same = u.lo == v.lo && u.spacing == v.spacing && u.count == v.count;
  }
  if (!same) throw_input_error(kFn, "grids", "different", "the same grid for both densities");
  const Vec log_b = b.values().array().log().matrix();
  Estimate e = a.tv([&](const Mat& nodes) -> Vec {
    check_size(kFn, "nodes", nodes.rows(), log_b.size());
    return log_b;
  });
  e.bias_bound += b.mass_defect() + b.dropped_mass();
  return e;
}

ForgettingCurve forgetting_on_grid(const LinearProcess& p, const ScoreField& score, Scheme s,
                                   const TimeGrid& grid, const Vec& x, const Vec& y,
                                   const std::vector<Gaussian>& cover,
                                   const ForgettingGridOptions& opt) {
  const Eigen::Index d = score.dim();
  if (d != 1 && d != 2) throw_input_error(kGridFn, "dimension", std::to_string(d), "1 or 2");
  fg_check_common(kGridFn, p, s, grid, d, x, y);
  const int N = grid.steps();
  ForgettingCurve c;
  c.distance = (x - y).norm();
  c.tv.push_back(Estimate::exact(c.distance > 0.0 ? 1.0 : 0.0, "exact_point_masses"));
  // Step 0 from the points: N(A_0(x), q_0 I) and N(A_0(y), q_0 I), exact.
  Mat XY(2, d);
  XY.row(0) = x.transpose();
  XY.row(1) = y.transpose();
  const Mat A0 = step_map(p, score, s, grid, 0, XY);
  const StepCoefficients sc0 = step_coefficients(s, p, grid.tau(0), grid.tau(1));
  const double q0 = sc0.omega;
  check_positive(kGridFn, "kernel variance q_0", q0);
  c.tv.push_back(Estimate::exact(fg_tv_equal_cov((A0.row(0) - A0.row(1)).norm() / std::sqrt(q0)),
                                 "exact_equal_covariance"));
  for (int k = 0; k < N; ++k)
    c.kernel_var.push_back(step_coefficients(s, p, grid.tau(k), grid.tau(k + 1)).omega);

  std::vector<Gaussian> laws = cover;
  const Gaussian gx{A0.row(0).transpose(), q0 * Mat::Identity(d, d)};
  const Gaussian gy{A0.row(1).transpose(), q0 * Mat::Identity(d, d)};
  laws.push_back(gx);
  laws.push_back(gy);
  if (opt.lipschitz)
    c.step_lipschitz =
        step_lipschitz_on_grid(p, score, s, grid, laws, opt.lipschitz_points, opt.half_width_sds);
  if (N == 1) return c;

  // Steps 1..N−1 on the suffix grid: reverse times s'_j = τ_1 − τ_{j+1}, whose horizon is τ_1,
  // so that its forward times are τ_{j+1} again.
  std::vector<double> rev;
  for (int j = 0; j < N; ++j) rev.push_back(grid.tau(1) - grid.tau(j + 1));
  const TimeGrid rest = TimeGrid::from_reverse_times(rev);

  const bool automatic = opt.points == 0;
  Eigen::Index points = automatic ? (d == 1 ? 2001 : 201) : opt.points;
  for (int refinement = 0;; ++refinement, points = 2 * points - 1) {
    try {
      const GridSpec spec = propagation_grid(p, grid.horizon(), laws, points, opt.half_width_sds);
      for (const GridAxis& ax : spec.axes)
        if (ax.spacing > opt.grid.max_spacing_ratio * std::sqrt(q0))
          throw GridTooCoarse(fmt::format(
              "{}: grid spacing {} exceeds max_spacing_ratio·√q_0 = {} at the first step", kGridFn,
              format_value(ax.spacing), format_value(opt.grid.max_spacing_ratio * std::sqrt(q0))));
      std::vector<GridDensity> dx, dy;
      GridOptions go = opt.grid;
      go.on_step = [&](int, const GridDensity& g) { dx.push_back(g); };
      propagate_on_grid(p, score, s, rest, GridDensity::from_gaussian(spec, gx), go);
      go.on_step = [&](int, const GridDensity& g) { dy.push_back(g); };
      propagate_on_grid(p, score, s, rest, GridDensity::from_gaussian(spec, gy), go);
      for (std::size_t j = 0; j < dx.size(); ++j) c.tv.push_back(grid_tv(dx[j], dy[j]));
      return c;
    } catch (const GridTooCoarse&) {
      if (!automatic || refinement == 3) throw;
    }
  }
}

}  // namespace sb
