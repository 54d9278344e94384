#include "sb/sampler/exact_recursion.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/sampler/continuous.hpp"
#include "sb/sampler/spectral_plan.hpp"

namespace sb {

std::string to_string(Init i) { return i == Init::kReference ? "reference" : "p_T"; }

Init init_from_string(std::string_view name, std::string_view key) {
  if (name == "reference") return Init::kReference;
  if (name == "p_T") return Init::kPT;
  throw_input_error("scorebound", key, std::string(name), "one of reference, p_T");
}

SpectralGaussian initial_law(Init init, const LinearProcess& p, const GaussianData& data,
                             double T) {
  if (init == Init::kPT) return data.marginal(p, T);
  const IsoGaussian ref = p.reference(data.dim(), T);
  return {data.basis(), data.basis()->transpose() * ref.mean, Vec::Constant(data.dim(), ref.var)};
}

namespace {

bool within_limit(const Vec& mean, const Mat& cov) {
  return mean.cwiseAbs().maxCoeff() < kDivergenceLimit &&
         cov.cwiseAbs().maxCoeff() < kDivergenceLimit;
}

}  // namespace

std::string divergence_message(Scheme s, int k, const TimeGrid& g) {
  // Without the terms of the step (the spectral path explains the cause, divergence.hpp) this
  // names what is known: only em is an explicit scheme, so only em can have a step too large
  // in that sense.
  const std::string why =
      s == Scheme::kEulerMaruyama
          ? "its law passed 1e150 (the explicit step is too large for this process, or the "
            "score error is huge)"
          : "its law passed 1e150 (the process expands, or the score error is huge)";
  return fmt::format(
      "the {} recursion diverged at step {} (forward time {} -> {}, step size {}): {}",
      to_string(s), k, g.tau(k), g.tau(k + 1), g.step(k), why);
}

SamplerResult run_exact_spectral(const LinearProcess& p, const GaussianData& data,
                                 const AffineScore& score, Scheme s, const TimeGrid& grid,
                                 const SpectralGaussian& init) {
  if (!score.is_spectral())
    throw std::logic_error("sb::run_exact_spectral: the score model is not spectral");
  if (s == Scheme::kContinuous) return run_continuous_spectral(p, data, score, grid, init);
  return SpectralPlan(p, score, s, grid, data.basis()).run(init);
}

SamplerResult run_exact_dense(const LinearProcess& p, const GaussianData& data,
                              const AffineScore& score, Scheme s, const TimeGrid& grid,
                              const Gaussian& init) {
  const Eigen::Index d = data.dim();
  check_size("sb::run_exact_dense", "init.mean", init.mean.size(), d);
  check_size("sb::run_exact_dense", "init.cov", init.cov.rows(), d);
  SamplerResult r;
  r.is_spectral = false;
  if (s == Scheme::kContinuous) {
    r = run_continuous_dense(p, score, grid, init);
    return r;
  }
  check_scheme_applies(s, p);
  const Vec centre = p.centre(d);
  Vec mean = init.mean, q(d);
  Mat cov = init.cov, P(d, d), A(d, d);
  for (int k = 0; k < grid.steps(); ++k) {
    const StepCoefficients c = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
    score.field_dense(grid.tau(k), P, q);
    A = -c.gamma * P;
    A.diagonal().array() += c.alpha;
    mean = A * mean + c.zeta * centre + c.gamma * q;
    cov = A * cov * A.transpose();
    cov.diagonal().array() += c.omega;
    cov = 0.5 * (cov + cov.transpose()).eval();  // keep exact symmetry
    if (!within_limit(mean, cov)) {
      r.status = RunStatus::kDiverged;
      r.diverged_at_step = k;
      r.message = divergence_message(s, k, grid);
      return r;
    }
  }
  r.dense = {std::move(mean), std::move(cov)};
  return r;
}

}  // namespace sb
