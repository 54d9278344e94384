#include "sb/sampler/cld_recursion.hpp"

#include <fmt/format.h>

#include <Eigen/Eigenvalues>
#include <boost/numeric/odeint.hpp>
#include <cmath>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"

namespace sb {

// ---- Sampler names ---------------------------------------------------------------------------

std::string to_string(CldSampler s) {
  switch (s.scheme) {
    case CldScheme::kEulerMaruyama:
      return s.renormalised ? "em_renormalised" : "em";
    case CldScheme::kExponentialIntegrator:
      return s.renormalised ? "eir" : "ei";
    case CldScheme::kSplitting:
      return s.renormalised ? "split_renormalised" : "split";
    case CldScheme::kContinuous:
      return s.renormalised ? "continuous_renormalised" : "continuous";
  }
  return "?";
}

CldSampler cld_sampler_from_string(std::string_view name, std::string_view key) {
  if (name == "em") return {CldScheme::kEulerMaruyama, false};
  if (name == "ei") return {CldScheme::kExponentialIntegrator, false};
  if (name == "eir") return {CldScheme::kExponentialIntegrator, true};
  if (name == "split") return {CldScheme::kSplitting, false};
  if (name == "split_renormalised") return {CldScheme::kSplitting, true};
  if (name == "continuous") return {CldScheme::kContinuous, false};
  throw_input_error("scorebound", key, std::string(name),
                    "one of em, ei, eir, split, split_renormalised, continuous (cld)");
}

CldSampler cld_sampler_of(Scheme s) {
  switch (s) {
    case Scheme::kEulerMaruyama:
      return {CldScheme::kEulerMaruyama, false};
    case Scheme::kExponentialIntegrator:
      return {CldScheme::kExponentialIntegrator, false};
    case Scheme::kExponentialRenormalised:
      return {CldScheme::kExponentialIntegrator, true};
    case Scheme::kSplit:
      return {CldScheme::kSplitting, false};
    case Scheme::kSplitRenormalised:
      return {CldScheme::kSplitting, true};
    case Scheme::kContinuous:
      return {CldScheme::kContinuous, false};
    default:
      break;
  }
  throw_input_error("scorebound", "sampler", to_string(s),
                    "em, ei, eir, split, split_renormalised or continuous for process kind cld "
                    "(its laws are computed exactly, block by block)");
}

void check_cld_sampler(CldSampler s) {
  if (s.renormalised &&
      (s.scheme == CldScheme::kEulerMaruyama || s.scheme == CldScheme::kContinuous))
    throw_input_error("sb::run_cld", "sampler", to_string(s),
                      "em, ei, eir, split, split_renormalised or continuous (renormalising the "
                      "drift changes neither em nor the continuous-time SDE)");
}

// ---- Laws ------------------------------------------------------------------------------------

PhaseSpaceGaussian cld_marginal(const CldProcess& p, const GaussianData& data, double t) {
  check_nonnegative("sb::cld_marginal", "t", t);
  const Eigen::Index d = data.dim();
  const SpectralGaussian dl = data.law();
  PhaseSpaceGaussian g = PhaseSpaceGaussian::zeros(data.basis(), d);
  for (Eigen::Index j = 0; j < d; ++j)
    g.set_block(j, CldProcess::mean(t, dl.mean(j)), p.cov(t, dl.var(j)));
  return g;
}

PhaseSpaceGaussian cld_target_law(const CldProcess& p, const GaussianData& data) {
  return cld_marginal(p, data, 0.0);
}

PhaseSpaceGaussian cld_initial_law(Init init, const CldProcess& p, const GaussianData& data,
                                   double T) {
  if (init == Init::kPT) return cld_marginal(p, data, T);
  PhaseSpaceGaussian g = PhaseSpaceGaussian::zeros(data.basis(), data.dim());
  for (Eigen::Index j = 0; j < data.dim(); ++j) g.set_block(j, Vec2::Zero(), p.stationary_cov());
  return g;
}

Mat cld_error_direction(const ScoreError& err, const GaussianData& data) {
  const std::string fn = "sb::run_cld";
  if (err.is_random_field())
    throw_input_error(fn, "score_error.field", err.field,
                      "\"constant\" for the cld samplers (the exact engine needs an affine score)");
  const Eigen::Index d = data.dim();
  ScoreError e = err;
  if (e.direction.size() == 0) e.direction = Vec::Unit(2 * d, d);  // first velocity coordinate
  const Vec u = validated_direction(fn, e, 2 * d);
  const Mat& U = *data.basis();
  Mat out(d, 2);
  out.col(0) = U.transpose() * u.head(d);
  out.col(1) = U.transpose() * u.tail(d);
  return out;
}

// ---- One step --------------------------------------------------------------------------------

namespace {

/// What a step needs that does not depend on the block.
struct CldFrame {
  double h = 0.0;
  double tau_score = 0.0;   // forward time of the score evaluation
  Mat2 F_score, Sig_score;  // e^{τA}, Σ_τ at tau_score
  Mat2 E, J, Q;             // EM/EI: A = E − J D P', c = J D q, noise Q; split: E = half flow,
                            // Q = half-step noise
};

CldFrame cld_frame(const CldProcess& p, CldSampler s, double tau_from, double tau_to) {
  CldFrame f;
  f.h = tau_from - tau_to;
  const JordanFlow L = s.renormalised ? p.renormalised_flow() : CldProcess::reverse_flow();
  switch (s.scheme) {
    case CldScheme::kEulerMaruyama:
      f.tau_score = tau_from;
      f.E = Mat2::Identity() - f.h * CldProcess::drift();
      f.J = f.h * Mat2::Identity();
      f.Q = f.h * p.diffusion();
      break;
    case CldScheme::kExponentialIntegrator:
      f.tau_score = tau_from;
      f.E = L.exp(f.h);
      f.J = L.integral(f.h);
      f.Q = L.gram(f.h, p.diffusion());
      break;
    case CldScheme::kSplitting:
      f.tau_score = 0.5 * (tau_from + tau_to);
      f.E = L.exp(0.5 * f.h);
      f.J = Mat2::Zero();
      f.Q = L.gram(0.5 * f.h, p.diffusion());
      break;
    case CldScheme::kContinuous:
      throw std::logic_error("sb::cld_frame: the continuous sampler has no step");
  }
  f.F_score = CldProcess::flow(f.tau_score);
  f.Sig_score = p.noise_cov(f.tau_score);
  return f;
}

Mat2 cld_inverse2(const Mat2& c) {
  const double det = c(0, 0) * c(1, 1) - c(0, 1) * c(1, 0);
  Mat2 inv;
  inv << c(1, 1) / det, -c(0, 1) / det, -c(1, 0) / det, c(0, 0) / det;
  return inv;
}

CldStep cld_block_step(const CldProcess& p, CldSampler s, const CldFrame& f, double m0,
                       double lambda, double delta, double eps, const Vec2& e_block) {
  Mat2 cov = f.F_score * p.initial_cov(lambda) * f.F_score.transpose() + f.Sig_score;
  cov(1, 0) = cov(0, 1);
  const Mat2 P = (1.0 + delta) * cld_inverse2(cov);
  const Vec2 q = P * CldProcess::mean(f.tau_score, m0) + eps * e_block;
  const Mat2 Pf = s.renormalised ? Mat2(P - p.stationary_precision()) : P;
  const Mat2& D = p.diffusion();
  CldStep st;
  if (s.scheme == CldScheme::kSplitting) {
    const Mat2 S = Mat2::Identity() - f.h * D * Pf;
    st.A = f.E * S * f.E;
    st.c = f.E * (f.h * (D * q));
    st.Q = f.E * S * f.Q * S.transpose() * f.E.transpose() + f.Q;
  } else {
    const Mat2 JD = f.J * D;
    st.A = f.E - JD * Pf;
    st.c = JD * q;
    st.Q = f.Q;
  }
  st.Q(1, 0) = st.Q(0, 1);
  return st;
}

void cld_check_delta_eps(const ScoreError& err) {
  if (!(err.delta > -1.0) || !std::isfinite(err.delta))
    throw_input_error("sb::run_cld", "score_error.delta", format_value(err.delta),
                      "finite and > -1");
  check_nonnegative("sb::run_cld", "score_error.eps", err.eps);
}

bool cld_within_limit(const Vec2& m, const Mat2& c) {
  return m.allFinite() && c.allFinite() && m.cwiseAbs().maxCoeff() < kDivergenceLimit &&
         c.cwiseAbs().maxCoeff() < kDivergenceLimit;
}

void cld_check_init(const GaussianData& data, const PhaseSpaceGaussian& init) {
  const std::string fn = "sb::run_cld";
  check_size(fn, "init dimension", init.dim(), data.dim());
  for (const Vec* v : {&init.mean_v, &init.cov_xx, &init.cov_xv, &init.cov_vv})
    check_size(fn, "init dimension", v->size(), data.dim());
  if (!init.basis || !(init.basis == data.basis() || *init.basis == *data.basis()))
    throw_input_error(fn, "init.basis", "another basis", "the data eigenbasis (cld_initial_law)");
  for (Eigen::Index j = 0; j < init.dim(); ++j) {
    const Mat2 c = init.block_cov(j);
    if (!init.block_mean(j).allFinite() || !c.allFinite() || !(c(0, 0) >= 0.0) ||
        !(c(1, 1) >= 0.0) || !(c(0, 0) * c(1, 1) - c(0, 1) * c(0, 1) >= 0.0))
      throw_input_error(fn, fmt::format("init block {}", j), "not a Gaussian law",
                        "finite mean and a positive semidefinite covariance");
  }
}

}  // namespace

CldStep cld_step(const CldProcess& p, CldSampler s, double tau_from, double tau_to, double m0,
                 double lambda, const ScoreError& err, const Vec2& e_block) {
  check_cld_sampler(s);
  if (s.scheme == CldScheme::kContinuous)
    throw_input_error("sb::cld_step", "sampler", "continuous",
                      "a discretised sampler (em, ei, eir, split, split_renormalised)");
  cld_check_delta_eps(err);
  if (!(tau_from > tau_to) || !(tau_to >= 0.0))
    throw_input_error("sb::cld_step", "tau_from", format_value(tau_from),
                      fmt::format("> tau_to = {} >= 0", tau_to));
  return cld_block_step(p, s, cld_frame(p, s, tau_from, tau_to), m0, lambda, err.delta, err.eps,
                        e_block);
}

// ---- Continuous time -------------------------------------------------------------------------

namespace {

CldResult cld_finish(PhaseSpaceGaussian law) {
  CldResult r;
  for (Eigen::Index j = 0; j < law.dim(); ++j) {
    if (!cld_within_limit(law.block_mean(j), law.block_cov(j))) {
      r.status = RunStatus::kDiverged;
      r.message = "the continuous-time solution overflowed";
      return r;
    }
  }
  r.law = std::move(law);
  return r;
}

CldResult cld_continuous_closed_form(const CldProcess& p, const GaussianData& data,
                                     const ScoreError& err, double T,
                                     const PhaseSpaceGaussian& init) {
  const Eigen::Index d = data.dim();
  const SpectralGaussian dl = data.law();
  const Mat e = err.eps != 0.0 ? cld_error_direction(err, data) : Mat::Zero(d, 2);
  const Mat2 FT = CldProcess::flow(T);
  const Mat2& D = p.diffusion();
  PhaseSpaceGaussian out = PhaseSpaceGaussian::zeros(data.basis(), d);
  for (Eigen::Index j = 0; j < d; ++j) {
    const double m0 = dl.mean(j), lam = dl.var(j);
    const Mat2 C0 = p.initial_cov(lam);
    const Mat2 covT = p.cov(T, lam);
    const Mat2 R = C0 * FT.transpose() * cld_inverse2(covT);  // theory-notes A.1, Appendix A1
    Vec2 mean = Vec2(m0, 0.0) + R * (init.block_mean(j) - CldProcess::mean(T, m0));
    // cov = C₀ + R(V − Cov_T)Rᵀ, with C₀ − R Cov_T Rᵀ in the Joseph form
    // (I − RF)C₀(I − RF)ᵀ + RΣ_TRᵀ (Cov_T = FC₀Fᵀ + Σ_T): a sum of positive semidefinite terms.
    // The difference form cancels when σ² ≪ λ (its relative error grew like 1e-17 (λ/σ²)²: 19%
    // at λ = 2, σ² = 1e-8, T = 2, and a negative variance at σ² = 1e-8 in d = 3).
    const Mat2 IRF = Mat2::Identity() - R * FT;
    Mat2 cov =
        IRF * C0 * IRF.transpose() + R * (p.noise_cov(T) + init.block_cov(j)) * R.transpose();
    const Vec2 De = D * Vec2(e(j, 0), e(j, 1));
    if (err.eps != 0.0 && De.squaredNorm() > 0.0) {
      // ε ∫₀ᵀ Φ(τ) D e dτ, Φ(τ) = C₀ e^{τAᵀ} Cov_τ⁻¹ (theory-notes B.3, CLD form). The integrand
      // varies on the scale min(λ, v)/σ² near τ = 0: geometric pieces towards 0.
      for (int comp = 0; comp < 2; ++comp) {
        auto phi = [&](double tau) {
          const Vec2 y = C0 * CldProcess::flow(tau).transpose() * (p.precision(tau, lam) * De);
          return y(comp);
        };
        mean(comp) += err.eps * quad::integrate_geometric(phi, 0.0, T);
      }
    }
    cov(1, 0) = cov(0, 1);
    out.set_block(j, mean, cov);
  }
  return cld_finish(std::move(out));
}

}  // namespace

CldResult run_cld_continuous_ode(const CldProcess& p, const GaussianData& data,
                                 const ScoreError& err, double T, const PhaseSpaceGaussian& init) {
  namespace odeint = boost::numeric::odeint;
  using State = std::vector<double>;
  cld_check_delta_eps(err);
  check_positive("sb::run_cld_continuous_ode", "T", T);
  cld_check_init(data, init);
  const Eigen::Index d = data.dim();
  const SpectralGaussian dl = data.law();
  const Mat e = err.eps != 0.0 ? cld_error_direction(err, data) : Mat::Zero(d, 2);
  const Mat2 A = CldProcess::drift();
  const Mat2& D = p.diffusion();
  // State per block j: (M_x, M_v, C_xx, C_xv, C_vv) at offset 5j.
  State x(static_cast<std::size_t>(5 * d));
  for (Eigen::Index j = 0; j < d; ++j) {
    const auto o = static_cast<std::size_t>(5 * j);
    x[o] = init.mean_x(j);
    x[o + 1] = init.mean_v(j);
    x[o + 2] = init.cov_xx(j);
    x[o + 3] = init.cov_xv(j);
    x[o + 4] = init.cov_vv(j);
  }
  // Ṁ = B M + D q, Ċ = B C + C Bᵀ + D, B = −A − D P, P = (1 + δ)Cov_τ⁻¹, q = P mean_τ + ε e_j.
  auto sys = [&](const State& y, State& dy, double s) {
    const double tau = T - s;
    const Mat2 F = CldProcess::flow(tau);
    const Mat2 Sig = p.noise_cov(tau);
    for (Eigen::Index j = 0; j < d; ++j) {
      const auto o = static_cast<std::size_t>(5 * j);
      Mat2 cov = F * p.initial_cov(dl.var(j)) * F.transpose() + Sig;
      cov(1, 0) = cov(0, 1);
      const Mat2 P = (1.0 + err.delta) * cld_inverse2(cov);
      const Vec2 q = P * CldProcess::mean(tau, dl.mean(j)) + err.eps * Vec2(e(j, 0), e(j, 1));
      const Mat2 B = -A - D * P;
      const Vec2 M(y[o], y[o + 1]);
      Mat2 C;
      C << y[o + 2], y[o + 3], y[o + 3], y[o + 4];
      const Vec2 dM = B * M + D * q;
      const Mat2 dC = B * C + C * B.transpose() + D;
      dy[o] = dM(0);
      dy[o + 1] = dM(1);
      dy[o + 2] = dC(0, 0);
      dy[o + 3] = dC(0, 1);
      dy[o + 4] = dC(1, 1);
    }
  };
  auto stepper = odeint::make_controlled<odeint::runge_kutta_dopri5<State>>(1e-14, 1e-12);
  odeint::integrate_adaptive(stepper, sys, x, 0.0, T, T * 1e-3);
  PhaseSpaceGaussian out = PhaseSpaceGaussian::zeros(data.basis(), d);
  for (Eigen::Index j = 0; j < d; ++j) {
    const auto o = static_cast<std::size_t>(5 * j);
    out.mean_x(j) = x[o];
    out.mean_v(j) = x[o + 1];
    out.cov_xx(j) = x[o + 2];
    out.cov_xv(j) = x[o + 3];
    out.cov_vv(j) = x[o + 4];
  }
  return cld_finish(std::move(out));
}

// ---- The recursion ---------------------------------------------------------------------------

CldResult run_cld(const CldProcess& p, const GaussianData& data, const ScoreError& err,
                  CldSampler s, const TimeGrid& grid, const PhaseSpaceGaussian& init) {
  check_cld_sampler(s);
  cld_check_delta_eps(err);
  cld_check_init(data, init);
  const Eigen::Index d = data.dim();
  const Mat e = err.eps != 0.0 ? cld_error_direction(err, data) : Mat::Zero(d, 2);
  if (s.scheme == CldScheme::kContinuous) {
    if (err.delta != 0.0) return run_cld_continuous_ode(p, data, err, grid.horizon(), init);
    return cld_continuous_closed_form(p, data, err, grid.horizon(), init);
  }
  const SpectralGaussian dl = data.law();
  PhaseSpaceGaussian law = init;
  law.basis = data.basis();
  CldResult r;
  for (int k = 0; k < grid.steps(); ++k) {
    const CldFrame f = cld_frame(p, s, grid.tau(k), grid.tau(k + 1));
    for (Eigen::Index j = 0; j < d; ++j) {
      const CldStep st = cld_block_step(p, s, f, dl.mean(j), dl.var(j), err.delta, err.eps,
                                        Vec2(e(j, 0), e(j, 1)));
      const Vec2 m = st.A * law.block_mean(j) + st.c;
      Mat2 c = st.A * law.block_cov(j) * st.A.transpose() + st.Q;
      c(1, 0) = c(0, 1) = 0.5 * (c(0, 1) + c(1, 0));
      if (!cld_within_limit(m, c)) {
        r.status = RunStatus::kDiverged;
        r.diverged_at_step = k;
        r.message = fmt::format(
            "the cld {} recursion diverged at step {} (forward time {} -> {}, step size {}): its "
            "law passed 1e150",
            to_string(s), k, grid.tau(k), grid.tau(k + 1), grid.step(k));
        return r;
      }
      law.set_block(j, m, c);
    }
  }
  r.law = std::move(law);
  return r;
}

double cld_score_error_sq(const CldProcess& p, const GaussianData& data, const ScoreError& err,
                          double tau, bool drift_weighted) {
  cld_check_delta_eps(err);
  check_nonnegative("sb::cld_score_error_sq", "tau", tau);
  const Eigen::Index d = data.dim();
  const Mat2& D = p.diffusion();
  double sum = 0.0;
  if (err.eps != 0.0) {
    const Mat e = cld_error_direction(err, data);
    sum = drift_weighted ? err.eps * err.eps *
                               (D(0, 0) * e.col(0).squaredNorm() + D(1, 1) * e.col(1).squaredNorm())
                         : err.eps * err.eps;
  }
  if (err.delta != 0.0) {
    const SpectralGaussian dl = data.law();
    double tr = 0.0;
    for (Eigen::Index j = 0; j < d; ++j) {
      const Mat2 P = p.precision(tau, dl.var(j));
      tr += drift_weighted ? (D * P).trace() : P.trace();
    }
    sum += err.delta * err.delta * tr;
  }
  return sum;
}

}  // namespace sb
