#include "sb/sampler/spectral_plan.hpp"

#include "sb/core/check.hpp"

namespace sb {

SpectralPlan::SpectralPlan(const LinearProcess& p, const AffineScore& base, Scheme s,
                           const TimeGrid& grid, const BasisPtr& basis)
    : scheme_(s), grid_(grid), basis_(basis) {
  if (s == Scheme::kContinuous)
    throw_input_error("sb::SpectralPlan", "sampler", "continuous", "a discretised scheme");
  if (!base.is_spectral())
    throw std::logic_error("sb::SpectralPlan: the base score model is not spectral");
  check_scheme_applies(s, p);
  const Eigen::Index d = basis->cols();
  const int N = grid.steps();
  coef_.resize(static_cast<std::size_t>(N));
  B_.resize(d, N);
  b_.resize(d, N);
  Vec P(d), q(d);
  for (int k = 0; k < N; ++k) {
    coef_[static_cast<std::size_t>(k)] = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
    base.field_spectral(grid.tau(k), P, q);
    B_.col(k) = P;
    b_.col(k) = q;
  }
  const Vec c = basis->transpose() * p.centre(d);
  if (c.cwiseAbs().maxCoeff() > 0.0) centre_rot_ = c;
}

inline void SpectralPlan::step(int k, double delta, double eps, const Vec& e_rot, Vec& mean,
                               Vec& var) const {
  const StepCoefficients& c = coef_[static_cast<std::size_t>(k)];
  const double g1 = c.gamma * (1.0 + delta);
  const double alpha = c.alpha, omega = c.omega;
  const Eigen::Index d = mean.size();
  const double* B = B_.col(k).data();
  const double* b = b_.col(k).data();
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

SamplerResult SpectralPlan::run(const SpectralGaussian& init, double delta, double eps,
                                const Vec& e_rot) const {
  const Eigen::Index d = B_.rows();
  check_size("sb::SpectralPlan::run", "init.mean", init.mean.size(), d);
  if (eps != 0.0) check_size("sb::SpectralPlan::run", "score_error.direction", e_rot.size(), d);
  Vec mean = init.mean, var = init.var;
  Vec good_mean = mean, good_var = var;
  int good_k = 0;
  SamplerResult r;
  r.is_spectral = true;
  const int N = steps();
  for (int k = 0; k < N; ++k) {
    step(k, delta, eps, e_rot, mean, var);
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
    int bad = good_k;
    for (int j = good_k; j <= k; ++j) {
      step(j, delta, eps, e_rot, mean, var);
      if (!within_limit(mean, var)) {
        bad = j;
        break;
      }
    }
    r.status = RunStatus::kDiverged;
    r.diverged_at_step = bad;
    r.message = divergence_message(scheme_, bad, grid_);
    return r;
  }
  r.spectral = {basis_, std::move(mean), std::move(var)};
  return r;
}

}  // namespace sb
