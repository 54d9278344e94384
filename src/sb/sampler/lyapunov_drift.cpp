#include "sb/sampler/lyapunov_drift.hpp"

#include <fmt/format.h>

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>

#include "sb/core/check.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/data/gaussian_mixture.hpp"

namespace sb {

namespace {

constexpr const char* kProfileFn = "sb::lyapunov_profile";

StepCoefficients ld_coefficients(const LinearProcess& p, Scheme s, const TimeGrid& grid, int k,
                                 const char* fn) {
  if (!is_affine_step_scheme(s))
    throw_input_error(fn, "sampler", to_string(s), "a discretised scheme (em, ei, eir)");
  if (k < 0 || k >= grid.steps())
    throw_input_error(fn, "k", std::to_string(k),
                      fmt::format("a step index in [0, {})", grid.steps()));
  return step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
}

/// λ_k from ρ_k (header comment).
double ld_lambda(double rho, const DriftOptions& opt) {
  return rho < 1.0 ? rho + (1.0 - opt.alpha_share) * (1.0 - rho) : (1.0 + opt.expand_eta) * rho;
}

/// Golden-section maximisation of f on [lo, hi] (f unimodal there), 80 iterations.
template <class F>
double ld_golden_max(const F& f, double lo, double hi, double& arg) {
  const double g = 0.5 * (std::sqrt(5.0) - 1.0);
  double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
  double f1 = f(x1), f2 = f(x2);
  for (int it = 0; it < 80 && hi - lo > 1e-13 * (1.0 + std::abs(lo) + std::abs(hi)); ++it) {
    if (f1 < f2) {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = f(x2);
    } else {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = f(x1);
    }
  }
  arg = f1 > f2 ? x1 : x2;
  return std::max(f1, f2);
}

}  // namespace

Vec drift_step_mean(const LinearProcess& p, const ScoreField& score, Scheme s, const TimeGrid& grid,
                    int k, const Vec& x) {
  const char* kFn = "sb::drift_step_mean";
  const StepCoefficients c = ld_coefficients(p, s, grid, k, kFn);
  check_size(kFn, "x", x.size(), score.dim());
  const Vec mu = p.centre(x.size());
  return c.alpha * x + c.zeta * mu + c.gamma * score.eval(grid.tau(k), x);
}

double lyapunov_drift(const LinearProcess& p, const ScoreField& score, Scheme s,
                      const TimeGrid& grid, int k, const Vec& x) {
  const StepCoefficients c = ld_coefficients(p, s, grid, k, "sb::lyapunov_drift");
  const Vec A = drift_step_mean(p, score, s, grid, k, x);
  // Equation (1): E‖A + √ω Z‖² = ‖A‖² + d ω.
  return 1.0 + A.squaredNorm() + static_cast<double>(x.size()) * c.omega;
}

DriftProfile lyapunov_profile(const LinearProcess& p, const ScoreField& score, Scheme s,
                              const TimeGrid& grid, const Target& target, const DriftOptions& opt) {
  const char* kFn = kProfileFn;
  if (!(opt.alpha_share > 0.0 && opt.alpha_share <= 1.0))
    throw_input_error(kFn, "alpha_share", format_value(opt.alpha_share), "in (0, 1]");
  check_positive(kFn, "expand_eta", opt.expand_eta);
  check_at_least(kFn, "grid_points", opt.grid_points, 101);
  if (!is_affine_step_scheme(s))
    throw_input_error(kFn, "sampler", to_string(s), "a discretised scheme (em, ei, eir)");
  check_scheme_applies(s, p);
  const Eigen::Index d = score.dim();
  check_size(kFn, "score dimension", d, target.dim());
  p.validate_for(d, grid.horizon());
  const Vec mu = p.centre(d);
  const double dd = static_cast<double>(d);

  const AffineScore* affine = score.as_affine();
  const GaussianMixture* mix = target.as_mixture();
  const auto pert = score.perturbation();
  const bool mixture_path = affine == nullptr && mix != nullptr && mix->is_isotropic_equal() &&
                            pert.has_value() && d <= 2;
  if (affine == nullptr && !mixture_path)
    throw_input_error(kFn, "score", score.describe(),
                      "an affine score (Gaussian data), or (1 + delta) grad log p + eps e for an "
                      "equal-isotropic Gaussian mixture in dimension 1 or 2");

  DriftProfile out;
  out.exact_b = affine != nullptr;
  out.method = affine != nullptr
                   ? "affine step: rho_k = largest squared eigen-factor of A_k, b_k closed form "
                     "sup of a concave quadratic"
                   : "mixture step: rho_k = squared slope (alpha - gamma(1+delta)/v_tau)^2 "
                     "(exact), b_k by numerical maximisation (grid + golden-section refinement, "
                     "a lower estimate of the sup), b_c9 rigorous upper bound";
  out.alpha = std::numeric_limits<double>::infinity();
  out.b = -std::numeric_limits<double>::infinity();
  out.b_c9 = -std::numeric_limits<double>::infinity();

  // Gaussian data with a spectral affine score: the O(d)-per-step branch, in the data eigenbasis.
  const GaussianData* gauss = target.as_gaussian();
  const bool spectral = affine != nullptr && affine->is_spectral() && gauss != nullptr;
  const Vec mu_basis = spectral && gauss->basis() ? Vec(gauss->basis()->transpose() * mu) : mu;

  for (int k = 0; k < grid.steps(); ++k) {
    DriftStep st;
    st.k = k;
    st.tau_from = grid.tau(k);
    st.tau_to = grid.tau(k + 1);
    st.coeff = step_coefficients(s, p, st.tau_from, st.tau_to);
    const StepCoefficients& co = st.coeff;
    const double tail = 1.0 + dd * co.omega;  // 1 + d ω: the part of (1) that is not ‖A_k(x)‖²
    double sup_quad = 0.0;                    // sup_x ‖A x + c(x)‖² − λ‖x‖²
    if (spectral) {
      // P(τ) is diagonal in the data eigenbasis: A_k is diagonal there too, A_j = α − γP_j, and
      // every quantity of the dense branch below is a sum over directions, O(d) per step
      // instead of two d × d eigendecompositions (a 200000-step, d = 101 run: 0.1 s, not 90 s).
      Vec Pj, qj;
      affine->field_spectral(st.tau_from, Pj, qj);
      const Vec A = (co.alpha - co.gamma * Pj.array()).matrix();
      const Vec c = co.zeta * mu_basis + co.gamma * qj;
      st.rho = A.array().square().maxCoeff();
      Eigen::Index j = 0;
      A.cwiseAbs().maxCoeff(&j);
      st.slope = A(j);
      st.sup_c = c.norm();
      st.lambda = ld_lambda(st.rho, opt);
      // The maximiser x*_j = A_j c_j/(λ − A_j²) and sup = ‖c‖² + Σ_j A_j² c_j²/(λ − A_j²).
      const Vec ac = A.cwiseProduct(c);
      const Vec xs = (ac.array() / (st.lambda - A.array().square())).matrix();
      sup_quad = c.squaredNorm() + ac.dot(xs);
      st.argmax_norm = xs.norm();
    } else if (affine != nullptr) {
      Mat P;
      Vec q;
      affine->field_dense(st.tau_from, P, q);
      // A_k(x) = (αI − γP)x + ζμ + γq (scheme.hpp).
      const Mat A = co.alpha * Mat::Identity(d, d) - co.gamma * P;
      const Vec c = co.zeta * mu + co.gamma * q;
      const Mat Asym = 0.5 * (A + A.transpose());
      // P is symmetric for every affine score of theory-notes B.1, so A is; the squared
      // spectral norm is the largest eigenvalue of AᵀA in general.
      const Eigen::SelfAdjointEigenSolver<Mat> ata(A.transpose() * A);
      st.rho = ata.eigenvalues().maxCoeff();
      const Eigen::SelfAdjointEigenSolver<Mat> es(Asym);
      Eigen::Index j = 0;
      es.eigenvalues().cwiseAbs().maxCoeff(&j);
      st.slope = es.eigenvalues()(j);
      st.sup_c = c.norm();
      st.lambda = ld_lambda(st.rho, opt);
      const Mat M = st.lambda * Mat::Identity(d, d) - A.transpose() * A;
      const Vec Atc = A.transpose() * c;
      const Vec xs = M.llt().solve(Atc);  // the maximiser x* = (λI − AᵀA)⁻¹Aᵀc
      sup_quad = c.squaredNorm() + Atc.dot(xs);
      st.argmax_norm = xs.norm();
    } else {
      // Equal-isotropic mixture: ŝ = (1 + δ)(μ̄_τ(x) − x)/v_τ + εe (gaussian_mixture.hpp).
      const double tau = st.tau_from;
      const double m = p.m(tau), v = m * m * mix->isotropic_var() + p.s2(tau);
      const double a = co.alpha - co.gamma * (1.0 + pert->delta) / v;
      st.slope = a;
      st.rho = a * a;
      st.lambda = ld_lambda(st.rho, opt);
      const Vec c0 = co.zeta * mu + co.gamma * pert->eps * pert->direction;
      const Vec centre_t = p.kappa(tau) * mu;
      double supc = 0.0;
      for (Eigen::Index i = 0; i < mix->components(); ++i) {
        const Vec mit = m * mix->means().row(i).transpose() + centre_t;
        supc = std::max(supc, (c0 + co.gamma * (1.0 + pert->delta) * mit / v).norm());
      }
      st.sup_c = supc;
      // f(x) = ‖A_k(x)‖² − λ‖x‖² ≤ (a² − λ)r² + 2|a|C r + C² (r = ‖x‖, C = sup‖c‖); beyond the
      // largest root R of (λ − a²)r² − 2|a|C r − (C² − f(0)) = 0 it is below f(0).
      const auto f = [&](const Vec& x) {
        const Vec A = co.alpha * x + co.zeta * mu + co.gamma * score.eval(tau, x);
        return A.squaredNorm() - st.lambda * x.squaredNorm();
      };
      // The same at the rows of X (n × d), with one batched score evaluation.
      const auto f_rows = [&](const Mat& X) {
        Mat S;
        score.eval_batch(tau, X, S);
        Mat A = co.alpha * X + co.gamma * S;
        A.rowwise() += co.zeta * mu.transpose();
        return Vec(A.rowwise().squaredNorm() - st.lambda * X.rowwise().squaredNorm());
      };
      const double f0 = f(Vec::Zero(d));
      const double gap = st.lambda - st.rho, C = supc, aa = std::abs(a);
      const double R =
          (aa * C + std::sqrt(aa * aa * C * C + gap * std::max(0.0, C * C - f0))) / gap + 1e-12;
      double best = f0;
      Vec arg = Vec::Zero(d);
      if (d == 1) {
        const int n = opt.grid_points;
        const double hstep = 2.0 * R / (n - 1);
        Mat X(n, 1);
        for (int i = 0; i < n; ++i) X(i, 0) = -R + i * hstep;
        const Vec fv = f_rows(X);
        const std::vector<double> vals(fv.data(), fv.data() + n);
        // Refine every local maximum of the grid values by golden section on its two cells.
        for (int i = 0; i < n; ++i) {
          const double fi = vals[static_cast<std::size_t>(i)];
          const bool left = i == 0 || fi >= vals[static_cast<std::size_t>(i - 1)];
          const bool right = i == n - 1 || fi >= vals[static_cast<std::size_t>(i + 1)];
          if (!(left && right)) continue;
          double xa = 0.0;
          const double lo = -R + std::max(0, i - 1) * hstep,
                       hi = -R + std::min(n - 1, i + 1) * hstep;
          const double fa = ld_golden_max(
              [&](double t) {
                Vec y(1);
                y(0) = t;
                return f(y);
              },
              lo, hi, xa);
          const double fb = std::max(fi, fa);
          if (fb > best) {
            best = fb;
            arg(0) = fa >= fi ? xa : -R + i * hstep;
          }
        }
      } else {
        const int n = 201;  // 2-D: 201 × 201 nodes
        const double hstep = 2.0 * R / (n - 1);
        Mat X(static_cast<Eigen::Index>(n) * n, 2);
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < n; ++j)
            X.row(static_cast<Eigen::Index>(i) * n + j) << -R + i * hstep, -R + j * hstep;
        const Vec fv = f_rows(X);
        Mat vals(n, n);
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < n; ++j) vals(i, j) = fv(static_cast<Eigen::Index>(i) * n + j);
        // Refine the grid's local maxima by cyclic coordinate golden-section searches.
        for (int i = 0; i < n; ++i)
          for (int j = 0; j < n; ++j) {
            const double fij = vals(i, j);
            bool is_max = true;
            for (int di = -1; di <= 1 && is_max; ++di)
              for (int dj = -1; dj <= 1; ++dj) {
                const int ii = i + di, jj = j + dj;
                if (ii < 0 || jj < 0 || ii >= n || jj >= n || (di == 0 && dj == 0)) continue;
                if (vals(ii, jj) > fij) {
                  is_max = false;
                  break;
                }
              }
            if (!is_max) continue;
            Vec y(2);
            y << -R + i * hstep, -R + j * hstep;
            double fy = fij;
            double width = hstep;
            for (int sweep = 0; sweep < 20; ++sweep) {
              for (int axis = 0; axis < 2; ++axis) {
                double t = 0.0;
                const double ft = ld_golden_max(
                    [&](double u) {
                      Vec z = y;
                      z(axis) = u;
                      return f(z);
                    },
                    y(axis) - width, y(axis) + width, t);
                if (ft > fy) {
                  fy = ft;
                  y(axis) = t;
                }
              }
              width *= 0.5;
            }
            if (fy > best) {
              best = fy;
              arg = y;
            }
          }
      }
      sup_quad = best;
      st.argmax_norm = arg.norm();
    }
    st.alpha = 1.0 - st.lambda;
    st.eta = st.rho > 0.0 ? st.lambda / st.rho - 1.0 : std::numeric_limits<double>::infinity();
    st.b = st.alpha + tail - 1.0 + sup_quad;  // 1 − λ + d ω + sup
    // C9: ‖Ax + c‖² ≤ (1 + η)ρ‖x‖² + (1 + 1/η)‖c‖² (Young), so b_k ≤ 1 − λ + dω + (1 + 1/η)C².
    const double young = std::isfinite(st.eta) ? 1.0 + 1.0 / st.eta : 1.0;
    st.b_c9 = st.alpha + tail - 1.0 + young * st.sup_c * st.sup_c;
    if (st.rho > out.rho_max || k == 0) {
      out.rho_max = st.rho;
      out.k_rho_max = k;
    }
    out.alpha = std::min(out.alpha, st.alpha);
    out.b = std::max(out.b, st.b);
    out.b_c9 = std::max(out.b_c9, st.b_c9);
    out.steps.push_back(st);
  }
  out.uniform = out.rho_max < 1.0;
  return out;
}

}  // namespace sb
