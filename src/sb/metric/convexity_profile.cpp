#include "sb/metric/convexity_profile.hpp"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "sb/data/gaussian_mixture.hpp"

namespace sb {

// ---- the potential ------------------------------------------------------------------------

MixturePotential::MixturePotential(const GaussianMixture& q, double shift)
    : means_(q.means()), shift_(shift) {
  if (!std::isfinite(shift))
    throw InputError(fmt::format("sb::MixturePotential: shift = {} must be finite", shift));
  const std::vector<Mat> covs = q.covs();
  const Eigen::Index k = q.components();
  log_norm_.resize(k);
  double max_var = 0.0;
  for (Eigen::Index i = 0; i < k; ++i) {
    const Eigen::LLT<Mat> llt(covs[static_cast<std::size_t>(i)]);
    const Eigen::Index d = means_.cols();
    prec_.push_back(llt.solve(Mat::Identity(d, d)));
    // log det Σ = 2 Σ_j log L_jj.
    const double log_det = 2.0 * llt.matrixL().toDenseMatrix().diagonal().array().log().sum();
    log_norm_(i) = std::log(q.weights()(i)) - 0.5 * log_det;
    max_var = std::max(max_var, Eigen::SelfAdjointEigenSolver<Mat>(
                                    covs[static_cast<std::size_t>(i)], Eigen::EigenvaluesOnly)
                                    .eigenvalues()
                                    .maxCoeff());
  }
  scale_ = std::sqrt(max_var);
  if (q.is_isotropic_equal()) iso_prec_ = 1.0 / q.isotropic_var();
}

void MixturePotential::components(const Vec& x, Vec& resp, Mat& scores) const {
  const Eigen::Index k = means_.rows(), d = means_.cols();
  resp.resize(k);
  scores.resize(k, d);
  for (Eigen::Index i = 0; i < k; ++i) {
    const Vec diff = x - means_.row(i).transpose();
    const Vec g = -(prec_[static_cast<std::size_t>(i)] * diff);
    scores.row(i) = g.transpose();
    resp(i) = log_norm_(i) + 0.5 * diff.dot(g);  // log w_k φ(x; μ_k, Σ_k) + const
  }
  // Responsibilities by log-sum-exp (theory-notes A.0).
  resp = (resp.array() - resp.maxCoeff()).exp();
  resp /= resp.sum();
}

void MixturePotential::gradient_hessian(const Vec& x, Vec& grad, Mat& hess) const {
  const Eigen::Index d = dim();
  if (iso_prec_ > 0) {
    // Equal isotropic covariances Σ_k = I/p: g_k = −p(x − μ_k), so ∇U = p(x − μ̄) − shift·x and
    // ∇²U = (p − shift)I − p² Cov_r(μ), with μ̄ = Σ_k r_k μ_k (theory-notes A.0).
    const double p = iso_prec_;
    Vec resp = log_norm_ - 0.5 * p * (means_.rowwise() - x.transpose()).rowwise().squaredNorm();
    resp = (resp.array() - resp.maxCoeff()).exp();
    resp /= resp.sum();
    const Vec mbar = means_.transpose() * resp;
    grad = p * (x - mbar) - shift_ * x;
    const Mat c = means_.rowwise() - mbar.transpose();
    hess.noalias() = -(p * p) * (c.transpose() * resp.asDiagonal() * c);
    hess.diagonal().array() += p - shift_;
    return;
  }
  Vec resp;
  Mat scores;
  components(x, resp, scores);
  const Vec gbar = scores.transpose() * resp;
  grad = -gbar - shift_ * x;
  // ∇²U = Σ_k r_k Σ_k⁻¹ − Cov_r(g) − shift·I, the covariance of the component scores under the
  // responsibilities written as Σ_k r_k (g_k − ḡ)(g_k − ḡ)ᵀ (no cancellation, >= 0).
  hess = -shift_ * Mat::Identity(d, d);
  for (Eigen::Index i = 0; i < resp.size(); ++i) {
    const Vec c = scores.row(i).transpose() - gbar;
    hess += resp(i) * (prec_[static_cast<std::size_t>(i)] - c * c.transpose());
  }
}

Vec MixturePotential::gradient(const Vec& x) const {
  Vec resp;
  Mat scores;
  components(x, resp, scores);
  return -(scores.transpose() * resp) - shift_ * x;
}

Mat MixturePotential::hessian(const Vec& x) const {
  Vec g;
  Mat h;
  gradient_hessian(x, g, h);
  return h;
}

void MixturePotential::derivatives_1d(double x, double& du, double& d2u) const {
  const Eigen::Index k = means_.rows();
  double top = -std::numeric_limits<double>::infinity();
  // Two passes (k is small): logits, then the weighted moments of the component scores.
  for (Eigen::Index i = 0; i < k; ++i) {
    const double diff = x - means_(i, 0), p = prec_[static_cast<std::size_t>(i)](0, 0);
    top = std::max(top, log_norm_(i) - 0.5 * p * diff * diff);
  }
  double sum = 0.0, gbar = 0.0, prec_bar = 0.0;
  for (Eigen::Index i = 0; i < k; ++i) {
    const double diff = x - means_(i, 0), p = prec_[static_cast<std::size_t>(i)](0, 0);
    const double w = std::exp(log_norm_(i) - 0.5 * p * diff * diff - top);
    sum += w;
    gbar += w * (-p * diff);
    prec_bar += w * p;
  }
  gbar /= sum;
  prec_bar /= sum;
  double var = 0.0;
  for (Eigen::Index i = 0; i < k; ++i) {
    const double diff = x - means_(i, 0), p = prec_[static_cast<std::size_t>(i)](0, 0);
    const double w = std::exp(log_norm_(i) - 0.5 * p * diff * diff - top) / sum;
    const double c = -p * diff - gbar;
    var += w * c * c;
  }
  du = -gbar - shift_ * x;
  d2u = prec_bar - var - shift_;
}

double MixturePotential::tail_curvature_1d() const {
  double max_var = 0.0;
  for (const Mat& p : prec_) max_var = std::max(max_var, 1.0 / p(0, 0));
  return 1.0 / max_var - shift_;
}

double weak_convexity_bound(double alpha, double sqrt_m, double r) {
  // f_M(r)/r = 2√M tanh(r√M/2)/r = M·tanh(z)/z, z = r√M/2.
  const double z = 0.5 * r * sqrt_m;
  const double tanh_ratio = z < 1e-4 ? 1.0 - z * z / 3.0 : std::tanh(z) / z;
  return alpha - sqrt_m * sqrt_m * tanh_ratio;
}

double minimal_sqrt_m(double alpha, double kappa, double r) {
  const double gap = alpha - kappa;
  if (!(gap > 0)) return 0.0;
  // f_M(r)/r >= M(1 − (r√M)²/12) near 0 and -> 2√M/r: bracket by doubling, then bisect.
  double lo = 0.0, hi = std::max(std::sqrt(gap), 0.5 * r * gap);
  while (weak_convexity_bound(alpha, hi, r) > kappa) lo = hi, hi *= 2.0;
  for (int it = 0; it < 200 && hi - lo > 0x1p-52 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (weak_convexity_bound(alpha, mid, r) > kappa ? lo : hi) = mid;
  }
  return hi;
}

// ---- searches -----------------------------------------------------------------------------

namespace {

/// Minimises f over [lo, hi] on a uniform grid, then refines the best `refine` interior grid
/// minima by golden-section search. Returns (argmin, min).
template <class F>
std::pair<double, double> minimise_1d(F f, double lo, double hi, long n, int refine) {
  Vec xs = Vec::LinSpaced(n, lo, hi), fs(n);
  for (long j = 0; j < n; ++j) fs(j) = f(xs(j));
  std::vector<long> minima;
  for (long j = 0; j < n; ++j) {
    const bool left = j == 0 || fs(j) <= fs(j - 1), right = j == n - 1 || fs(j) <= fs(j + 1);
    if (left && right) minima.push_back(j);
  }
  std::sort(minima.begin(), minima.end(), [&](long a, long b) { return fs(a) < fs(b); });
  long best = minima.empty() ? 0 : minima.front();
  double bx = xs(best), bf = fs(best);
  const double phi = 0.5 * (std::sqrt(5.0) - 1.0);
  for (std::size_t m = 0; m < minima.size() && m < static_cast<std::size_t>(refine); ++m) {
    const long j = minima[m];
    double a = xs(std::max(j - 1, 0L)), b = xs(std::min(j + 1, n - 1));
    double c = b - phi * (b - a), d = a + phi * (b - a), fc = f(c), fd = f(d);
    for (int it = 0; it < 100 && b - a > 1e-15 * (std::abs(a) + std::abs(b) + 1e-300); ++it) {
      if (fc < fd) {
        b = d, d = c, fd = fc, c = b - phi * (b - a), fc = f(c);
      } else {
        a = c, c = d, fc = fd, d = a + phi * (b - a), fd = f(d);
      }
    }
    for (const auto& [x, v] : {std::pair{c, fc}, std::pair{d, fd}})
      if (v < bf) bx = x, bf = v;
  }
  return {bx, bf};
}

/// The 1-D search interval: the centres ± half_width·scale, widened by `extra` on the left.
std::pair<double, double> interval_1d(const MixturePotential& U, const ProfileSearch& s,
                                      double extra) {
  const double lo = U.centres().col(0).minCoeff() - s.half_width * U.scale() - extra;
  const double hi = U.centres().col(0).maxCoeff() + s.half_width * U.scale();
  return {lo, hi};
}

long grid_nodes(double lo, double hi, const MixturePotential& U, const ProfileSearch& s) {
  const double n = std::ceil((hi - lo) / U.scale() * s.points_per_scale) + 1.0;
  return static_cast<long>(std::clamp(n, 201.0, static_cast<double>(s.max_points)));
}

/// sign·⟨γ(x + r e) − γ(x), e⟩ / r and its gradients in x and (tangentially) in e.
struct PairValue {
  double f = 0.0;
  Vec gx, ge;
};
PairValue pair_value(const MixturePotential& U, const Vec& x, const Vec& e, double r, double sign) {
  Vec g0, g1;
  Mat h0, h1;
  U.gradient_hessian(x, g0, h0);
  U.gradient_hessian(x + r * e, g1, h1);
  PairValue p;
  const Vec dg = (g1 - g0) / r;
  p.f = sign * dg.dot(e);
  p.gx = sign * ((h1 - h0) * e) / r;
  // ∂/∂e of ⟨γ(x + re) − γ(x), e⟩/r = ∇²U(x + re)e + (γ(x + re) − γ(x))/r, then projected on
  // the tangent space of the unit sphere at e.
  const Vec ge = sign * (h1 * e + dg);
  p.ge = ge - ge.dot(e) * e;
  return p;
}

/// Multi-start projected-gradient descent of sign·⟨γ(x + re) − γ(x), e⟩/r over (x, e).
/// Returns the best (f, x, e).
struct PairMin {
  double f = std::numeric_limits<double>::infinity();
  Vec x, e;
};
PairMin descend_pairs(const MixturePotential& U, double r, double sign, const ProfileSearch& s) {
  const Eigen::Index d = U.dim(), k = U.centres().rows();
  const double scale = U.scale();
  Rng rng(s.seed, static_cast<std::uint64_t>(std::llround(1e6 * r)) + (sign > 0 ? 0 : 7919));
  std::vector<std::pair<Vec, Vec>> starts;
  // Pairs of centres: the segment of length r centred on their midpoint, along their axis.
  std::vector<std::pair<Eigen::Index, Eigen::Index>> pairs;
  for (Eigen::Index i = 0; i < k; ++i)
    for (Eigen::Index j = i + 1; j < k; ++j)
      if ((U.centres().row(j) - U.centres().row(i)).norm() > 0) pairs.emplace_back(i, j);
  // Keep the closest pairs first (the barrier between neighbours is where the profile dips).
  std::stable_sort(pairs.begin(), pairs.end(), [&](const auto& a, const auto& b) {
    return (U.centres().row(a.second) - U.centres().row(a.first)).squaredNorm() <
           (U.centres().row(b.second) - U.centres().row(b.first)).squaredNorm();
  });
  if (pairs.size() > static_cast<std::size_t>(s.max_pair_starts))
    pairs.resize(static_cast<std::size_t>(s.max_pair_starts));
  for (const auto& [i, j] : pairs) {
    const Vec a = U.centres().row(i).transpose(), b = U.centres().row(j).transpose();
    const Vec e = (b - a).normalized();
    starts.emplace_back(0.5 * (a + b) - 0.5 * r * e, e);
  }
  for (int m = 0; m < s.random_starts; ++m) {
    Vec z(d), e(d);
    for (Eigen::Index j = 0; j < d; ++j) z(j) = rng.normal();
    for (Eigen::Index j = 0; j < d; ++j) e(j) = rng.normal();
    const auto c = static_cast<Eigen::Index>(rng.uniform() * static_cast<double>(k));
    starts.emplace_back(U.centres().row(std::min(c, k - 1)).transpose() + scale * z,
                        e.normalized());
  }
  PairMin best;
  const Eigen::Index n = 2 * d;
  for (auto& [x0, e0] : starts) {
    // BFGS over z = (x, u), e = u/‖u‖ (f is invariant under scaling u, so the sphere needs no
    // constraint), with Armijo backtracking; the inverse Hessian starts at diag(scale², 1) so
    // that x moves in units of the components' scale.
    Vec z(n);
    z << x0, e0;
    const auto eval = [&](const Vec& zz, Vec& grad) {
      const double un = zz.tail(d).norm();
      const Vec e = zz.tail(d) / un;
      const PairValue pv = pair_value(U, zz.head(d), e, r, sign);
      grad.resize(n);
      grad << pv.gx, pv.ge / un;  // pv.ge is tangent at e; the chain rule through u/‖u‖
      return pv.f;
    };
    Vec g, gn;
    double f = eval(z, g);
    Mat H = Mat::Identity(n, n);
    H.topLeftCorner(d, d) *= scale * scale;
    for (int it = 0; it < s.max_iterations; ++it) {
      Vec dir = -(H * g);
      double slope = g.dot(dir);
      if (!(slope < 0)) {  // not a descent direction: restart from the scaled gradient
        H = Mat::Identity(n, n);
        H.topLeftCorner(d, d) *= scale * scale;
        dir = -(H * g);
        slope = g.dot(dir);
        if (!(slope < 0)) break;
      }
      // At most half a scale in x and half a radian in e per step.
      const double size = std::max(dir.head(d).norm() / scale, dir.tail(d).norm());
      double t = std::min(1.0, 0.5 / size);
      bool moved = false;
      Vec zn;
      double fn = 0.0;
      for (int bt = 0; bt < 50; ++bt, t *= 0.5) {
        zn = z + t * dir;
        fn = eval(zn, gn);
        if (fn <= f + 1e-4 * t * slope) {
          moved = true;
          break;
        }
      }
      if (!moved) break;
      const Vec sv = zn - z, yv = gn - g;
      const double sy = sv.dot(yv);
      const bool progress = f - fn > 1e-15 * std::abs(f);
      z = zn, f = fn, g = gn;
      // Keep ‖u‖ = 1 (a rescaling of u changes nothing in f but would skew H).
      z.tail(d).normalize();
      if (sy > 1e-12 * sv.norm() * yv.norm()) {
        const double rho = 1.0 / sy;
        const Vec hy = H * yv;
        H += (rho * rho * yv.dot(hy) + rho) * (sv * sv.transpose()) -
             rho * (hy * sv.transpose() + sv * hy.transpose());
      }
      if (!progress) break;
    }
    if (f < best.f) best = {f, z.head(d), z.tail(d).normalized()};
  }
  return best;
}

}  // namespace

ProfileValue convexity_profile(const MixturePotential& U, double r, const ProfileSearch& s) {
  if (!(r > 0) || !std::isfinite(r))
    throw InputError(fmt::format("sb::convexity_profile: r = {} must be finite and > 0", r));
  ProfileValue out;
  out.r = r;
  if (U.dim() == 1) {
    const auto [lo, hi] = interval_1d(U, s, r);
    const auto f = [&](double x) {
      double g0, h0, g1, h1;
      U.derivatives_1d(x, g0, h0);
      U.derivatives_1d(x + r, g1, h1);
      return (g1 - g0) / r;
    };
    auto [x, v] = minimise_1d(f, lo, hi, grid_nodes(lo, hi, U, s), s.refine);
    // Far in a tail the widest component dominates and U'' tends to its precision − shift:
    // the profile's limit at ±∞, approached but not attained (reported with x = ±inf).
    if (const double tail = U.tail_curvature_1d(); tail < v) v = tail, x = HUGE_VAL;
    out.kappa = v;
    out.x = Vec::Constant(1, x);
    out.y = Vec::Constant(1, x + r);
    out.method = "grid_search_1d";
    return out;
  }
  const PairMin m = descend_pairs(U, r, 1.0, s);
  out.kappa = m.f;
  out.x = m.x;
  out.y = m.x + r * m.e;
  out.method = "multistart_descent";
  return out;
}

namespace {
HessianExtreme hessian_extreme(const MixturePotential& U, double sign, const ProfileSearch& s) {
  HessianExtreme out;
  if (U.dim() == 1) {
    const auto [lo, hi] = interval_1d(U, s, 0.0);
    const auto f = [&](double x) {
      double g, h;
      U.derivatives_1d(x, g, h);
      return sign * h;
    };
    auto [x, v] = minimise_1d(f, lo, hi, grid_nodes(lo, hi, U, s), s.refine);
    if (const double tail = sign * U.tail_curvature_1d(); tail < v) v = tail, x = HUGE_VAL;
    out.value = sign * v;
    out.x = Vec::Constant(1, x);
    out.method = "grid_search_1d";
    return out;
  }
  const PairMin m = descend_pairs(U, 1e-4 * U.scale(), sign, s);
  out.value = sign * m.f;
  out.x = m.x;
  out.method = "multistart_descent_small_r";
  return out;
}
}  // namespace

HessianExtreme min_hessian_eigenvalue(const MixturePotential& U, const ProfileSearch& s) {
  return hessian_extreme(U, 1.0, s);
}
HessianExtreme max_hessian_eigenvalue(const MixturePotential& U, const ProfileSearch& s) {
  return hessian_extreme(U, -1.0, s);
}
HessianExtreme lipschitz_constant(const MixturePotential& U, const ProfileSearch& s) {
  HessianExtreme lo = min_hessian_eigenvalue(U, s), hi = max_hessian_eigenvalue(U, s);
  if (-lo.value > hi.value) {
    lo.value = -lo.value;
    return lo;
  }
  return hi;
}

}  // namespace sb
