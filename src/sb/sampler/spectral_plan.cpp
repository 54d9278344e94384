#include "sb/sampler/spectral_plan.hpp"

#include <limits>

#include "sb/core/check.hpp"
#include "sb/sampler/divergence.hpp"
#include "sb/sampler/progress.hpp"
#include "sb/score/gaussian_score.hpp"

namespace sb {

SpectralPlan::SpectralPlan(const LinearProcess& p, const AffineScore& base, Scheme s,
                           const TimeGrid& grid, const BasisPtr& basis, long long max_stored_values)
    : scheme_(s), grid_(grid), basis_(basis) {
  if (s == Scheme::kContinuous)
    throw_input_error("sb::SpectralPlan", "sampler", "continuous", "a discretised scheme");
  if (!base.is_spectral())
    throw std::logic_error("sb::SpectralPlan: the base score model is not spectral");
  check_scheme_applies(s, p);
  const Eigen::Index d = basis->cols();
  const int N = grid.steps();
  if (const auto* gs = dynamic_cast<const GaussianScore*>(&base)) {
    base_delta_ = gs->error().delta;
    base_eps_ = gs->error().eps;
    base_e_rot_ = gs->direction_rot();
  }
  const Vec c = basis->transpose() * p.centre(d);
  if (c.cwiseAbs().maxCoeff() > 0.0) centre_rot_ = c;
  if (static_cast<long long>(N) * (2 * static_cast<long long>(d) + 4) > max_stored_values) {
    on_the_fly_ = true;
    process_ = &p;
    base_ = &base;
    B_.resize(d, 0);  // keeps the dimension for run()
    return;
  }
  coef_.resize(static_cast<std::size_t>(N));
  B_.resize(d, N);
  b_.resize(d, N);
  Vec P(d), q(d);
  Progress progress("preparing the steps", N);
  for (int k = 0; k < N; ++k) {
    coef_[static_cast<std::size_t>(k)] = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
    base.field_spectral(grid.tau(k), P, q);
    B_.col(k) = P;
    b_.col(k) = q;
    progress.update(k);
  }
}

inline SpectralPlan::StepView SpectralPlan::view(int k, StepCoefficients& c, Vec& P, Vec& q) const {
  if (!on_the_fly_)
    return {&coef_[static_cast<std::size_t>(k)], B_.col(k).data(), b_.col(k).data()};
  c = step_coefficients(scheme_, *process_, grid_.tau(k), grid_.tau(k + 1));
  base_->field_spectral(grid_.tau(k), P, q);
  return {&c, P.data(), q.data()};
}

inline void SpectralPlan::step(const StepView& sv, double delta, double eps, const Vec& e_rot,
                               Vec& mean, Vec& var) const {
  const StepCoefficients& c = *sv.c;
  const double g1 = c.gamma * (1.0 + delta);
  const double alpha = c.alpha, omega = c.omega;
  const Eigen::Index d = mean.size();
  const double* B = sv.B;
  const double* b = sv.b;
  double* m = mean.data();
  double* v = var.data();
  // A = α − γ(1 + δ)B_k ;  mean ← A∘mean + γ(1 + δ)b_k [+ γε e] [+ ζμ] ;  var ← A²∘var + ω.
  // Plain loops without temporaries: this is the hot path of every sweep.
  for (Eigen::Index j = 0; j < d; ++j) {
    const double A = alpha - g1 * B[j];
    m[j] = A * m[j] + g1 * b[j];
    v[j] = A * A * v[j] + omega;
  }
  if (eps != 0.0) mean.array() += (c.gamma * eps) * e_rot.array();
  if (centre_rot_.size() != 0) mean.array() += c.zeta * centre_rot_.array();
}

namespace {
bool within_limit(const Vec& mean, const Vec& var) {
  // NaN fails every comparison, so this also rejects non-finite entries.
  return mean.cwiseAbs().maxCoeff() < kDivergenceLimit && var.maxCoeff() < kDivergenceLimit &&
         var.minCoeff() >= 0.0;
}
constexpr int kCheckEvery = 16;  // divergence is checked every 16 steps, then located exactly
}  // namespace

SamplerResult SpectralPlan::diverged(int k, double delta, double eps, const Vec& e_rot,
                                     const Vec& mean, const Vec& var) const {
  // `mean`, `var`: the law before step k, the first step that left the range.
  const Eigen::Index d = mean.size();
  StepCoefficients scratch;
  Vec P(on_the_fly_ ? d : 0), q(on_the_fly_ ? d : 0);
  const StepView sv = view(k, scratch, P, q);
  Vec m1 = mean, v1 = var;
  step(sv, delta, eps, e_rot, m1, v1);
  StepTerms t;
  t.scheme = scheme_;
  t.step = k;
  t.c = *sv.c;
  const Eigen::Index j = first_out_of_range(m1, v1);
  t.j = j;
  // The field that ran is (1 + δ)·base + ε e, and a GaussianScore base is itself
  // (1 + δ_b)·exact + ε_b e_b: unfold both into the exact slope and offset and the errors.
  const double base_scale = 1.0 + base_delta_;
  const double eb = base_eps_ != 0.0 ? base_eps_ * base_e_rot_(j) : 0.0;
  t.delta = (1.0 + delta) * base_scale - 1.0;
  t.eps = base_eps_ != 0.0 ? base_eps_ : eps;
  t.slope = sv.B[j] / base_scale;
  t.offset = (sv.b[j] - eb) / base_scale;
  t.eps_shift = t.c.gamma * (1.0 + delta) * eb + (eps != 0.0 ? t.c.gamma * eps * e_rot(j) : 0.0);
  t.centre = centre_rot_.size() ? centre_rot_(j) : 0.0;
  t.mean = mean(j);
  t.var = var(j);
  SamplerResult r;
  r.is_spectral = true;
  r.status = RunStatus::kDiverged;
  r.diverged_at_step = k;
  r.message = explain_divergence(t, grid_);
  return r;
}

SamplerResult SpectralPlan::run(const SpectralGaussian& init, double delta, double eps,
                                const Vec& e_rot) const {
  const Eigen::Index d = B_.rows();
  check_size("sb::SpectralPlan::run", "init.mean", init.mean.size(), d);
  if (eps != 0.0) check_size("sb::SpectralPlan::run", "score_error.direction", e_rot.size(), d);
  SamplerResult r;
  r.is_spectral = true;
  if (!within_limit(init.mean, init.var)) {
    r.status = RunStatus::kDiverged;
    r.diverged_at_step = -1;
    const double m = init.mean.size() ? init.mean.cwiseAbs().maxCoeff() : 0.0;
    const double v = init.var.size() ? init.var.maxCoeff() : 0.0;
    r.message = explain_initial_overflow(
        m, init.var.hasNaN() ? std::numeric_limits<double>::quiet_NaN() : v);
    return r;
  }
  Vec mean = init.mean, var = init.var;
  Vec good_mean = mean, good_var = var;
  int good_k = 0;
  StepCoefficients scratch;
  Vec P(on_the_fly_ ? d : 0), q(on_the_fly_ ? d : 0);
  const int N = steps();
  Progress progress("running the recursion", N);
  for (int k = 0; k < N; ++k) {
    step(view(k, scratch, P, q), delta, eps, e_rot, mean, var);
    progress.update(k);
    if ((k + 1) % kCheckEvery != 0 && k + 1 != N) continue;
    if (within_limit(mean, var)) {
      good_mean = mean;
      good_var = var;
      good_k = k + 1;
      continue;
    }
    // Locate the first step that left the finite range, from the last good state.
    mean = good_mean;
    var = good_var;
    for (int j = good_k; j <= k; ++j) {
      const Vec before_mean = mean, before_var = var;
      step(view(j, scratch, P, q), delta, eps, e_rot, mean, var);
      if (!within_limit(mean, var)) return diverged(j, delta, eps, e_rot, before_mean, before_var);
    }
    return diverged(good_k, delta, eps, e_rot, good_mean, good_var);  // not reached
  }
  r.spectral = {basis_, std::move(mean), std::move(var)};
  return r;
}

}  // namespace sb
