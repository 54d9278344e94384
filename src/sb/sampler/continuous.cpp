#include "sb/sampler/continuous.hpp"

#include <array>
#include <boost/numeric/odeint.hpp>
#include <cmath>
#include <optional>
#include <vector>

#include "sb/core/quadrature.hpp"

namespace sb {
namespace {

using State = std::vector<double>;
namespace odeint = boost::numeric::odeint;

constexpr double kOdeRelTol = 1e-12;
constexpr double kOdeAbsTol = 1e-14;

template <class System>
void integrate(System&& sys, State& x, double T) {
  auto stepper = odeint::make_controlled<odeint::runge_kutta_dopri5<State>>(kOdeAbsTol, kOdeRelTol);
  odeint::integrate_adaptive(stepper, sys, x, 0.0, T, T * 1e-3);
}

SamplerResult finish_spectral(const BasisPtr& basis, Vec mean, Vec var) {
  SamplerResult r;
  r.is_spectral = true;
  if (!(mean.allFinite() && var.allFinite() && mean.cwiseAbs().maxCoeff() < kDivergenceLimit &&
        var.maxCoeff() < kDivergenceLimit)) {
    r.status = RunStatus::kDiverged;
    r.message = "the continuous-time solution overflowed";
    return r;
  }
  r.spectral = {basis, std::move(mean), std::move(var)};
  return r;
}

/// ∫₀ᵀ f(u) du for an integrand that may peak sharply at u = 0: the ε-shift integrand
/// m_u λ g2(u)/(m_u²λ + s_u²) has width about λ/g2(0) there, tiny for concentrated data, and
/// an adaptive bisection of [0, T] needs a great depth (seconds) to resolve it; on geometric
/// pieces towards 0 (sb::quad::integrate_geometric) each piece converges at once: on [x, 2x]
/// the nearest pole of the integrand, near u = −λ/g2, is at distance ≥ x.
double integrate_from_zero(const quad::Fn& f, double T) {
  return quad::integrate_geometric(f, 0.0, T);
}

}  // namespace

SamplerResult run_continuous_ode_spectral(const LinearProcess& p, const AffineScore& score,
                                          double T, const SpectralGaussian& init) {
  const Eigen::Index d = init.dim();
  const Vec centre = init.basis->transpose() * p.centre(d);
  State x(static_cast<std::size_t>(2 * d));
  for (Eigen::Index j = 0; j < d; ++j) {
    x[static_cast<std::size_t>(j)] = init.mean(j);
    x[static_cast<std::size_t>(d + j)] = init.var(j);
  }
  Vec P(d), q(d);
  auto sys = [&](const State& y, State& dy, double s) {
    const double tau = T - s;
    score.field_spectral(tau, P, q);
    const double a = p.a(tau), b = p.b(tau), g2 = p.g2(tau);
    for (Eigen::Index j = 0; j < d; ++j) {
      const auto jm = static_cast<std::size_t>(j), jv = static_cast<std::size_t>(d + j);
      const double lin = -a - g2 * P(j);
      dy[jm] = lin * y[jm] - b * centre(j) + g2 * q(j);
      dy[jv] = 2.0 * lin * y[jv] + g2;
    }
  };
  integrate(sys, x, T);
  Vec mean(d), var(d);
  for (Eigen::Index j = 0; j < d; ++j) {
    mean(j) = x[static_cast<std::size_t>(j)];
    var(j) = x[static_cast<std::size_t>(d + j)];
  }
  return finish_spectral(init.basis, std::move(mean), std::move(var));
}

SamplerResult run_continuous_spectral(const LinearProcess& p, const GaussianData& data,
                                      const AffineScore& score, const TimeGrid& grid,
                                      const SpectralGaussian& init) {
  const double T = grid.horizon();
  // The closed form needs the field to be this data's exact score plus an additive error.
  const std::optional<ScorePerturbation> pert = score.perturbation();
  if (!pert || pert->delta != 0.0) return run_continuous_ode_spectral(p, score, T, init);

  // Closed form (theory-notes A.0, B.3), per eigen-direction j with data variance λ_j:
  //   Σ_T = m_T²λ + s_T²,  R = m_T λ/Σ_T,
  //   mean = m0 + R(a0 − μ_T) + ε e_j ∫₀ᵀ m_u λ/(m_u²λ + s_u²) g2(u) du,
  //   var  = λ + R²(V0 − Σ_T).
  const Eigen::Index d = data.dim();
  const double mT = p.m(T), sT2 = p.s2(T);
  const SpectralGaussian data_law = data.law();
  const SpectralGaussian pT = data.marginal(p, T);
  Vec mean(d), var(d);
  const double eps = pert->eps;
  const Vec e_rot = data.basis()->transpose() * pert->direction;
  for (Eigen::Index j = 0; j < d; ++j) {
    const double lam = data_law.var(j);
    const double SigT = mT * mT * lam + sT2;
    const double R = mT * lam / SigT;
    mean(j) = data_law.mean(j) + R * (init.mean(j) - pT.mean(j));
    var(j) = lam + R * R * (init.var(j) - SigT);
    const double ej = e_rot(j);
    if (eps != 0.0 && ej != 0.0) {
      auto phi_g2 = [&](double u) {
        const double m = p.m(u);
        return m * lam / (m * m * lam + p.s2(u)) * p.g2(u);
      };
      mean(j) += eps * ej * integrate_from_zero(phi_g2, T);
    }
  }
  return finish_spectral(data.basis(), std::move(mean), std::move(var));
}

SamplerResult run_continuous_dense(const LinearProcess& p, const AffineScore& score,
                                   const TimeGrid& grid, const Gaussian& init) {
  const double T = grid.horizon();
  const Eigen::Index d = init.dim();
  const Vec centre = p.centre(d);
  const auto n = static_cast<std::size_t>(d + d * d);
  State x(n);
  Eigen::Map<Vec>(x.data(), d) = init.mean;
  Eigen::Map<Mat>(x.data() + d, d, d) = init.cov;
  Mat P(d, d), L(d, d);
  Vec q(d);
  auto sys = [&](const State& y, State& dy, double s) {
    const double tau = T - s;
    score.field_dense(tau, P, q);
    const double a = p.a(tau), b = p.b(tau), g2 = p.g2(tau);
    L = -g2 * P;
    L.diagonal().array() -= a;
    Eigen::Map<const Vec> M(y.data(), d);
    Eigen::Map<const Mat> C(y.data() + d, d, d);
    Eigen::Map<Vec>(dy.data(), d) = L * M - b * centre + g2 * q;
    Mat dC = L * C + C * L.transpose();
    dC.diagonal().array() += g2;
    Eigen::Map<Mat>(dy.data() + d, d, d) = dC;
  };
  integrate(sys, x, T);
  SamplerResult r;
  r.is_spectral = false;
  Vec mean = Eigen::Map<Vec>(x.data(), d);
  Mat cov = Eigen::Map<Mat>(x.data() + d, d, d);
  cov = 0.5 * (cov + cov.transpose()).eval();
  if (!(mean.allFinite() && cov.allFinite())) {
    r.status = RunStatus::kDiverged;
    r.message = "the continuous-time solution overflowed";
    return r;
  }
  r.dense = {std::move(mean), std::move(cov)};
  return r;
}

}  // namespace sb
