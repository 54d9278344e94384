#include "sb/problem/reference_constants.hpp"

#include <algorithm>
#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/stats.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace sb {

namespace {

// log φ_v(x) per row, φ_v the density of N(0, v I).
Vec log_isotropic_gaussian(const Mat& x, double v) {
  const double d = static_cast<double>(x.cols());
  return (-0.5 * x.rowwise().squaredNorm().array() / v - 0.5 * d * std::log(2 * M_PI * v)).matrix();
}

// The two integrands at the rows of x: log π − log φ_v, and ‖∇log π + x/v‖². ∇log π is the
// score of p_0 = π under any process (t = 0).
void reference_integrands(const Target& data, double v, const Mat& x, Vec& kl, Vec& fisher) {
  static const ProcessPtr kAnyProcess = make_standard_ou();
  kl = data.log_density(x) - log_isotropic_gaussian(x, v);
  Mat grad;
  data.score(*kAnyProcess, 0.0, x, grad);
  fisher = (grad + x / v).rowwise().squaredNorm();
}

// ∫ π·(kl, fisher) on a uniform grid of the box centre ± 12 sd per axis, n nodes per axis.
std::pair<double, double> trapezoid_reference(const Target& data, double v, Eigen::Index n) {
  const Gaussian m = data.moment_law();
  const Eigen::Index d = data.dim();
  Vec lo(d), step(d);
  for (Eigen::Index a = 0; a < d; ++a) {
    const double sd = std::sqrt(m.cov(a, a));
    lo(a) = m.mean(a) - 12.0 * sd;
    step(a) = 24.0 * sd / static_cast<double>(n - 1);
  }
  const Eigen::Index total = d == 1 ? n : n * n;
  Mat x(total, d);
  for (Eigen::Index i = 0; i < total; ++i) {
    x(i, 0) = lo(0) + static_cast<double>(i % n) * step(0);
    if (d == 2) x(i, 1) = lo(1) + static_cast<double>(i / n) * step(1);
  }
  Vec kl, fisher;
  reference_integrands(data, v, x, kl, fisher);
  const Vec dens = data.log_density(x).array().exp().matrix();
  const double cell = step.prod();
  // The integrands vanish (to double precision) at the box's edges: the trapezoid rule is the
  // plain sum.
  return {cell * dens.dot(kl), cell * dens.dot(fisher)};
}

Estimate reference_constant(const Target& data, double v, const TargetMcOptions& mc, bool fisher) {
  constexpr const char* kFn = "sb::reference_constants";
  check_positive(kFn, "v", v);
  if (const GaussianData* g = data.as_gaussian()) {
    const Vec& lam = g->eigenvalues();
    const double msq = g->mean().squaredNorm();
    double value = fisher ? msq / (v * v) : 0.5 * msq / v;
    for (Eigen::Index j = 0; j < lam.size(); ++j) {
      const double r = lam(j) / v;
      value +=
          fisher ? lam(j) * std::pow(1.0 / v - 1.0 / lam(j), 2) : 0.5 * (r - 1.0 - std::log(r));
    }
    return Estimate::exact(value, "exact_closed_form");
  }
  if (!data.has_log_density())
    throw_input_error(kFn, "data.kind", data.kind(), "a data law with a closed-form density");
  if (data.dim() <= 2) {
    // Smallest standard deviation of the moment law: the grid must resolve the narrowest
    // feature, which for a mixture is a component, not the moment law. Start at 16 nodes per
    // sd of the moment law's smallest axis and double until two successive values agree to
    // 1e-10 relative.
    Eigen::Index n = data.dim() == 1 ? 1025 : 257;
    double prev = 0.0;
    bool have_prev = false;
    for (int level = 0; level < 6; ++level, n = 2 * n - 1) {
      const auto [kl, fi] = trapezoid_reference(data, v, n);
      const double value = fisher ? fi : kl;
      if (have_prev && std::abs(value - prev) <= 1e-10 * std::max(1.0, std::abs(value))) {
        Estimate e = Estimate::exact(value, "grid_quadrature");
        e.bias_bound = std::abs(value - prev);
        return e;
      }
      prev = value;
      have_prev = true;
    }
    throw std::runtime_error("sb::reference_constants: the grid quadrature did not converge");
  }
  const Mat x = data.sample(mc.samples, mc.seed);
  Vec kl, fi;
  reference_integrands(data, v, x, kl, fi);
  const Vec& values = fisher ? fi : kl;
  RunningMoments mom;
  for (Eigen::Index i = 0; i < values.size(); ++i) mom.add(values(i));
  return Estimate::monte_carlo(mom.mean(), mom.std_error(), mom.count(), mc.seed);
}

}  // namespace

Estimate kl_to_isotropic_gaussian(const Target& data, double v, const TargetMcOptions& mc) {
  return reference_constant(data, v, mc, false);
}

Estimate relative_fisher_information(const Target& data, double v, const TargetMcOptions& mc) {
  return reference_constant(data, v, mc, true);
}

}  // namespace sb
