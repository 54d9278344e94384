// Continuous-time reverse SDE (src/sb/sampler/continuous.hpp): test vectors V07 and V24, the
// closed form against the ODE solution, and the additive-error mean shift against the arctan
// closed form of theory-notes B.3.
#include "sb/sampler/continuous.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
#include "sb/score/gaussian_score.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

using test::mat1;
using test::vec1;

using test::matches_vector;
using test::near_rel;

// V07: OU std, data N(0, 4), T = 1, init N(0, 1): R = e^{−T}λ/var_T.
TEST(TestVectors, V07_ContinuousReverseSde) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.0), mat1(4.0));
  const GaussianScore score(p, data, {});
  const auto out = run_continuous_spectral(*p, data, score, TimeGrid::uniform(1.0, 1),
                                           initial_law(Init::kReference, *p, data, 1.0));
  const double varT = std::exp(-2.0) * 4.0 + 1.0 - std::exp(-2.0);
  EXPECT_TRUE(matches_vector(std::exp(-1.0) * 4.0 / varT * 1.0, 1.04659434026));  // R
  EXPECT_TRUE(matches_vector(out.spectral.var(0), 3.55527754896));
  EXPECT_TRUE(matches_vector(kl_divergence(data.law(), out.spectral), 0.00361337091726));
  EXPECT_TRUE(matches_vector(w2(data.law(), out.spectral), 0.114455635909));
}

// V24: COU θ = 1, σ² = 1, μ = 0, T = 2, data N(1, 1), init N(0, s_T²), continuous.
TEST(TestVectors, V24_ContractiveOuKeepsABias) {
  const auto p = make_cou(1.0, Vec(), 1.0);
  const GaussianData data(vec1(1.0), mat1(1.0));
  const GaussianScore score(p, data, {});
  const auto out = run_continuous_spectral(*p, data, score, TimeGrid::uniform(2.0, 1),
                                           initial_law(Init::kReference, *p, data, 2.0));
  EXPECT_TRUE(matches_vector(out.spectral.mean(0), 0.329238189634));
  EXPECT_TRUE(matches_vector(out.spectral.var(0), 0.550078593754));
  const double w = w2(data.law(), out.spectral);
  EXPECT_TRUE(matches_vector(w * w, 0.51665433057));
}

// The closed form (exact score + additive error) against the ODE integration at rtol 1e-12,
// for every process family; accept relative 1e-9 (the ODE's global error).
TEST(Continuous, ClosedFormMatchesOde) {
  Mat cov(2, 2);
  cov << 1.5, 0.4, 0.4, 0.6;
  const GaussianData data((Vec(2) << 0.5, -1.0).finished(), cov);
  ScoreError err;
  err.eps = 0.3;
  err.direction = (Vec(2) << 1.0, 1.0).finished();
  const double T = 1.2;
  for (const ProcessPtr& p :
       {make_standard_ou(), make_ou(0.8, (Vec(2) << 1.0, 2.0).finished(), 1.1),
        make_vp(make_linear_schedule(0.1, 20.0, T)), make_subvp(make_linear_schedule(0.1, 20.0, T)),
        make_cvp(make_linear_schedule(0.1, 2.0, T)), make_ve_geometric(0.01, 5.0, T),
        make_ve_brownian()}) {
    SCOPED_TRACE(p->describe());
    const GaussianScore score(p, data, err);
    const auto init = initial_law(Init::kReference, *p, data, T);
    const auto cf = run_continuous_spectral(*p, data, score, TimeGrid::uniform(T, 1), init);
    const auto ode = run_continuous_ode_spectral(*p, score, T, init);
    for (int j = 0; j < 2; ++j) {
      EXPECT_TRUE(near_rel(cf.spectral.var(j), ode.spectral.var(j), 1e-9));
      EXPECT_TRUE(near_rel(cf.spectral.mean(j), ode.spectral.mean(j), 1e-9, 1e-10));
    }
  }
}

// B.3: for OU std, c = λ − 1 > 0, the mean shift of an additive error ε e is
// ε·(2λ/√c)[arctan √c − arctan(√c e^{−T})] (and the artanh form for c < 0). Concentrated
// data (λ = 1e-3, 1e-6) make the integrand a spike of width ≈ λ at u = 0, which the
// quadrature must resolve (it once took seconds per call there).
// artanh(√(1 − λ)) = ½ log((1 + s)/(1 − s)) with 1 − s = λ/(1 + s) computed without
// cancellation: std::atanh(√(1 − λ)) loses ~log10(1/λ) digits for small λ.
double artanh_sqrt_one_minus(double lam) {
  const double s = std::sqrt(1.0 - lam);
  return 0.5 * std::log((1.0 + s) * (1.0 + s) / lam);
}

TEST(Continuous, AdditiveErrorShiftMatchesArctanForm) {
  const auto p = make_standard_ou();
  const double T = 1.7, eps = 0.25;
  for (double lam : {3.0, 0.4, 1e-3, 1e-6}) {
    const GaussianData data(vec1(0.0), mat1(lam));
    ScoreError err;
    err.eps = eps;
    const GaussianScore score(p, data, err);
    const GaussianScore exact(p, data, {});
    const auto init = initial_law(Init::kReference, *p, data, T);
    const double shifted =
        run_continuous_spectral(*p, data, score, TimeGrid::uniform(T, 1), init).spectral.mean(0);
    const double base =
        run_continuous_spectral(*p, data, exact, TimeGrid::uniform(T, 1), init).spectral.mean(0);
    const double c = lam - 1.0;
    const double ref =
        c > 0 ? 2 * lam / std::sqrt(c) *
                    (std::atan(std::sqrt(c)) - std::atan(std::sqrt(c) * std::exp(-T)))
              : 2 * lam / std::sqrt(-c) *
                    (artanh_sqrt_one_minus(lam) - std::atanh(std::sqrt(-c) * std::exp(-T)));
    EXPECT_TRUE(near_rel(shifted - base, eps * ref, 1e-12)) << "lambda = " << lam;
  }
}

// With a multiplicative error the ODE path is used; as N → ∞ the EI/EM laws converge to it
// (first order): the error at N = 4000 is below 1e-3 relative.
TEST(Continuous, DiscretisedSchemesConvergeToTheContinuousLaw) {
  const auto p = make_standard_ou();
  const GaussianData data(vec1(0.4), mat1(2.5));
  ScoreError err;
  err.delta = 0.2;
  const GaussianScore score(p, data, err);
  const double T = 2.0;
  const auto init = initial_law(Init::kReference, *p, data, T);
  const auto cont = run_continuous_spectral(*p, data, score, TimeGrid::uniform(T, 1), init);
  for (Scheme s :
       {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised}) {
    double prev = 0.0;
    for (int N : {1000, 4000}) {
      const auto d = run_exact_spectral(*p, data, score, s, TimeGrid::uniform(T, N), init);
      const double e = std::abs(d.spectral.var(0) - cont.spectral.var(0));
      EXPECT_LT(e, 1e-2 * cont.spectral.var(0) * 1000.0 / N);
      if (prev > 0) {
        EXPECT_NEAR(prev / e, 4.0, 0.2) << to_string(s);  // O(h): ×4 steps, ÷4 error
      }
      prev = e;
    }
  }
}

}  // namespace
}  // namespace sb
