// Seed 004 — the reference laws of the contractive processes (and of geometric VE) are centred
// at 0 and do not adapt to the data, so the initialisation error KL(p_T ‖ p_noise) does not
// vanish as T → ∞ (theory-notes A.2, D-20). Write-up: theory/contractive_reference_bias.md.
// Source: seed 004 (A. Claustre, research report 2025), §3.5 "Contractive Diffusion
// Probabilistic Models (CDPM)" (COU: p_noise = N(0, σ²/(2θ)(e^{2θT} − 1) I; CVP:
// p_noise = N(0, (e^{B_T} − 1) I)) and §3.2 (VE: p_noise = N(0, (σ_max² − σ_min²) I)); the
// claim tested is the implicit one of §2.1.2 and §5.1 that p_noise is "close to p(T, ·)" for
// a suitable horizon, so that the first term of Thm 5.3 / 5.7 can be made small.
//
// Statement checked (a lower bound, derived here): for COU with centre μ = 0 (v = σ²/(2θ)), CVP
// (v = 1) and geometric VE (v = σ_max² − σ_min²), data N(m_0, Σ_0) with eigenvalues λ_j,
//   KL(p_T ‖ p_noise) >= K_∞ := ½ [ tr(Σ_0/v) − log det(I + Σ_0/v) + ‖m_0‖²/v ] > 0   for every T.
// Proof: for COU/CVP, p_T = N(M m_0, M²Σ_0 + v(M² − 1)I) with M = m_T > 1 and p_noise =
// N(0, v(M² − 1)I); with y = M²/(M² − 1) > 1,
//   KL = ½ Σ_j [y λ_j/v − log(1 + y λ_j/v)] + ½ y‖m_0‖²/v,
// increasing in y (z − log(1 + z) increases on z >= 0), and y ↓ 1 as T → ∞, so KL decreases to
// K_∞ (theory-notes A.2: COU θ = σ² = 1, data N(1, 1), T = 10: 1.4506938591 vs 1.4506938557).
// For geometric VE, p_T = N(m_0, Σ_0 + v I) for every T: KL = K_∞ exactly (equality).
// So the initialisation error never falls below a positive constant fixed by the data; with
// the exact score the continuous sampler keeps an O(1) bias: per direction
//   Y_T → N(m_0 v/(λ + v), λ v(2λ + v)/(λ + v)²)   (reported as a term).
// Check: side = lower, exact = KL(p_T ‖ p_noise) (closed form, theory-notes B.4), bound = K_∞;
// holds iff K_∞ <= exact + sb::kl_check_tolerance(1, d, ·, ·). COU with μ ≠ 0 is not covered
// (the mean term (M(m_0 − μ) + μ)²/(v(M² − 1)) is not monotone in T).
#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "sb/core/numeric.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/ve.hpp"
#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;

/// v of the statement, or nullopt when the check does not apply.
std::optional<double> reference_scale(const LinearProcess& p, Eigen::Index d, double T) {
  if (const auto s = scheduled_setting(p, d, T); s && s->expanding) return s->v;
  if (is_ve_geometric(p)) return p.reference(d, T).var;
  return std::nullopt;
}

class ContractiveReferenceBias final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "contractive_reference_bias",
        .title = "Reference laws centred at 0: KL(p_T || p_noise) >= K_inf > 0",
        .source =
            "seed 004 (Claustre report), Section 3.5 (COU, CVP reference laws) and Section 3.2 "
            "(VE); theory-notes A.2, D-20",
        .statement =
            "(implicit) p_noise = N(0, s_T^2 I) is close to p(T,.) for T large, i.e. "
            "KL(p(T,.) || p_noise) -> 0. Checked instead: KL(p_T || p_noise) >= 1/2 [tr(Sigma_0/v) "
            "- log det(I + Sigma_0/v) + ||m_0||^2/v] > 0 for every T",
        .convention =
            "forward marginal p_T against the seed's reference law (sampler not involved); COU "
            "with mu = 0 (v = sigma^2/(2 theta)), CVP (v = 1), geometric VE (v = sigma_max^2 - "
            "sigma_min^2)",
        .metric = "kl_pT_reference",
        .need = Need::kMarginals,
        .side = BoundSide::kLower};
  }

  bool applies(const Problem& cfg) const override {
    return reference_scale(*cfg.process, cfg.gaussian().dim(), cfg.T()).has_value();
  }

  BoundReport check(const Problem& cfg, Outcome&) const override {
    const double T = cfg.T();
    const GaussianData& data = cfg.gaussian();
    const Eigen::Index d = data.dim();
    const double v = *reference_scale(*cfg.process, d, T);
    const SpectralGaussian pT = data.marginal(*cfg.process, T);
    const IsoGaussian ref = cfg.process->reference(d, T);
    const SpectralGaussian law = data.law();  // mean and variances in the data eigenbasis
    double var_part = 0.0, mean_part = 0.0, w2_limit = 0.0;
    for (Eigen::Index j = 0; j < d; ++j) {
      const double lam = law.var(j), m0 = law.mean(j);
      var_part += 0.5 * num::rm1_minus_log(1.0 + lam / v);
      mean_part += 0.5 * m0 * m0 / v;
      // T → ∞ output of the exact-score continuous sampler in direction j.
      const double out_mean = m0 * v / (lam + v);
      const double out_var = lam * v * (2 * lam + v) / ((lam + v) * (lam + v));
      w2_limit += (m0 - out_mean) * (m0 - out_mean) + num::sqrt_diff_sq(lam, out_var);
    }

    BoundReport r = info().report(cfg);
    r.terms = {
        {"1/2 [tr(Sigma_0/v) - log det(I + Sigma_0/v)]", var_part, "variance part of K_inf"},
        {"||m_0||^2 / (2v)", mean_part, "mean part of K_inf"},
    };
    r.total = var_part + mean_part;
    r.terms.push_back({"v", v, "scale of the T -> inf reference; not part of the bound"});
    r.terms.push_back({"W2^2 of the T -> inf output (exact score, continuous)", w2_limit,
                       "the sampler's bias that remains as T -> inf; not part of the bound"});
    r.exact =
        Estimate::exact(kl_divergence_diag(pT.mean, pT.var, data.basis()->transpose() * ref.mean,
                                           Vec::Constant(d, ref.var)),
                        "exact_closed_form");
    r.terms.push_back({"KL(p_T || p_noise) - K_inf", r.exact.value - r.total,
                       "how far the instance's T is from the limit; not part of the bound"});
    r.tolerance = kl_check_tolerance(1, d, r.exact.value, r.total);
    r.hypotheses = {{"reference law centred at 0 and scaled by v", true,
                     fmt::format("p_noise = N(0, {:.6g} I), v = {:.6g}", ref.var, v)}};
    r.decide();
    r.convention =
        "lower bound: the initialisation error at the instance's T is at least its "
        "T -> inf limit K_inf > 0 (sampler not involved)";
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    const auto cou = [](double theta) { return make_cou(theta, Vec(), 1); };
    const auto cvp = [](double bmax, double T) {
      return make_cvp(make_linear_schedule(0.1, bmax, T));
    };
    return instance_table({
        // theory-notes A.2 and V24: COU θ = 1, σ² = 1, μ = 0, data N(1, 1).
        {"COU(1,0,1) N(1,1) T=0.5", cou(1), gaussian_1d(1, 1), 0.5, 1, kContinuous},
        {"V24 COU(1,0,1) N(1,1) T=2", cou(1), gaussian_1d(1, 1), 2, 1, kContinuous},
        {"A.2 COU(1,0,1) N(1,1) T=10", cou(1), gaussian_1d(1, 1), 10, 1, kContinuous},
        {"COU(1,0,1) N(1,1) T=2 em N=50", cou(1), gaussian_1d(1, 1), 2, 50, kEulerMaruyama},
        {"COU(2,0,1) isotropic d=5 T=1", cou(2), gaussian_preset("isotropic", 5), 1, 1,
         kContinuous},
        {"V23 CVP(0.1,2) N(3,1) T=1", cvp(2, 1), gaussian_1d(3, 1), 1, 1, kContinuous},
        {"CVP(0.1,2) N(10,4) T=6", cvp(2, 6), gaussian_1d(10, 4), 6, 1, kContinuous},
        {"CVP(0.1,20) correlated d=10 T=1", cvp(20, 1), gaussian_preset("correlated", 10), 1, 1,
         kContinuous},
        {"VE(0.01,10) N(1,1) T=1 (equality)", make_ve_geometric(0.01, 10, 1), gaussian_1d(1, 1), 1,
         1, kContinuous},
        {"VE(0.01,3) N(2,0.5) T=5 (equality)", make_ve_geometric(0.01, 3, 5), gaussian_1d(2, 0.5),
         5, 1, kContinuous},
    });
  }

  // Four panels, one per quantity K_inf and KL(p_T || p_noise) depend on (theory-notes A.2,
  // D-20): the horizon T (KL only), the reference scale v (COU sigma^2/(2 theta), geometric VE
  // sigma_max^2 - sigma_min^2), the data variance and mean in 1-D, and the dimension with one
  // series per preset. The dashed curve is K_inf, a lower bound (the T -> inf limit). Sampler
  // not involved (the configurations carry continuous, N = 1).
  std::vector<Sweep> sweeps() const override {
    const std::string limit = "limit K_inf (lower bound)";
    const auto at = [](ProcessPtr p, GaussianData data, double T) {
      return make_problem(std::move(p), std::move(data), T, 1, Scheme::kContinuous);
    };
    const auto cou = [] { return make_cou(1, Vec(), 1); };
    const auto cvp = [](double T) { return make_cvp(make_linear_schedule(0.1, 2, T)); };
    std::vector<Sweep> out;
    // Panel 1: horizon T, three reference laws centred at 0.
    cl::add_panel(
        out,
        "horizon T (process and data as labelled; dashed: the limit K_inf as T -> inf, a lower "
        "bound)",
        {0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0},
        {{"no sampler, COU(1,0,1) (v=1/2), N(1,1)",
          [=](double T) { return at(cou(), gaussian_1d(1, 1), T); }},
         {"no sampler, CVP(0.1,2) (v=1), N(3,1)",
          [=](double T) { return at(cvp(T), gaussian_1d(3, 1), T); }},
         {"no sampler, VE(0.01,10) (v=100), N(1,1)",
          [=](double T) { return at(make_ve_geometric(0.01, 10, T), gaussian_1d(1, 1), T); }}},
        limit);
    // Panel 2: the reference scale v, data N(1, 1). COU with theta = 1, sigma = sqrt(2v), at
    // T = 0.3 and 1; geometric VE with sigma_min = 0.01, sigma_max = sqrt(v + sigma_min^2), for
    // which KL = K_inf at every T. K_inf depends on v and the data only, so the three series
    // share one dashed curve.
    const auto cou_v = [=](double T) {
      return
          [=](double v) { return at(make_cou(1, Vec(), std::sqrt(2 * v)), gaussian_1d(1, 1), T); };
    };
    cl::add_panel(
        out, "reference scale v (COU theta = 1: sigma^2/2; VE: sigma_max^2 - 1e-4; data N(1,1))",
        {0.1, 0.3, 1.0, 3.0, 10.0},
        {{"no sampler, COU(1,0,sqrt(2v)), N(1,1), T=0.3", cou_v(0.3)},
         {"no sampler, COU(1,0,sqrt(2v)), N(1,1), T=1 (bound shared)", cou_v(1.0), false},
         {"no sampler, VE(0.01,sqrt(v+1e-4)), N(1,1), T=1 (bound shared)",
          [=](double v) {
            return at(make_ve_geometric(0.01, std::sqrt(v + 1e-4), 1), gaussian_1d(1, 1), 1);
          },
          false}},
        limit);
    // Panel 3: the data variance lambda and mean m_0 in 1-D, T = 2.
    cl::add_panel(out, "data variance lambda (1-D data N(m_0, lambda), m_0 as labelled; T = 2)",
                  {0.01, 0.1, 0.3, 1.0, 3.0, 10.0},
                  {{"no sampler, COU(1,0,1) (v=1/2), N(0,lambda), T=2",
                    [=](double lam) { return at(cou(), gaussian_1d(0.0, lam), 2.0); }},
                   {"no sampler, COU(1,0,1) (v=1/2), N(2,lambda), T=2",
                    [=](double lam) { return at(cou(), gaussian_1d(2.0, lam), 2.0); }},
                   {"no sampler, CVP(0.1,2) (v=1), N(0,lambda), T=2",
                    [=](double lam) { return at(cvp(2.0), gaussian_1d(0.0, lam), 2.0); }}},
                  limit);
    // Panel 4: dimension and data preset (mean 1_d), COU(1, 0, 1), T = 2.
    const auto at_d = [=](std::string preset) {
      return [=](double d) {
        return at(cou(), gaussian_preset(preset, static_cast<Eigen::Index>(d)), 2.0);
      };
    };
    cl::add_panel(out, "dimension d (preset data, mean 1_d; COU(1,0,1), v = 1/2, T = 2)",
                  {1, 2, 5, 10, 20, 50},
                  {{"no sampler, COU(1,0,1), isotropic, T=2", at_d("isotropic")},
                   {"no sampler, COU(1,0,1), heteroscedastic, T=2", at_d("heteroscedastic")},
                   {"no sampler, COU(1,0,1), correlated, T=2", at_d("correlated")}},
                  limit);
    return out;
  }
};

}  // namespace

SB_REGISTER_THEOREM(ContractiveReferenceBias)

}  // namespace sb::theorems
