// Pinsker's inequality between the data law and the sampler output (theory-notes C10, B.4, D-25).
// Source: seed 001 (Strasman talk), slide "Existing Results I: KL and Total Variation", box
// "Total variation consequence (Pinsker's inequality)":
//   ‖π_data − π̂‖_TV ≤ √(½ KL(π_data ‖ π̂)),
// with π̂ the law of the sampler output. Pinsker's inequality is a theorem, so this check is a
// control: it confirms that scorebound's TV and KL codes are mutually consistent.
// Write-up: theory/pinsker.md.
//
// Scheme and convention: any configuration (process, scheme, score error, start); TV(P, Q) =
// sup_A |P(A) − Q(A)| (the seed's ‖·‖_TV is read with this normalisation, the one Pinsker's
// constant ½ needs); KL in the printed direction KL(π_data ‖ π̂).
//
// Formula implemented. Bound √(KL(π_data ‖ π̂)/2) from the closed-form KL (theory-notes B.4).
// Exact side: TV from sb::total_variation (the evaluation's metrics):
//  * exact in 1-D and for equal covariances (theory-notes B.4 (i), (ii)): holds iff
//    TV ≤ bound + tol, tol = exact_metric_rel_tol(N, d)·max(TV, bound) + √d·exact_metric_rel_tol;
//  * Monte Carlo otherwise. TvResult::upper cannot decide the verdict, because it is a minimum
//    that already contains Pinsker's bound. The check forms an upper bound of TV that does not
//    use KL — min(Le Cam √(1 − BC²), 1 − Π_j(1 − t_j)) with the exact 1-D TVs t_j of the
//    coordinates, which are independent under both laws in the shared basis — and, when it is
//    at most √(KL/2) (within tol), the verdict `holds` is rigorous. Otherwise the acceptance
//    rule is the Monte Carlo one: estimate − 5·std_error ≤ bound + tol.
#include <fmt/format.h>

#include <cmath>
#include <initializer_list>
#include <vector>

#include "sb/core/tolerance.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/process/ve.hpp"
#include "sb/schedule/schedule.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

/// min(Le Cam, coordinate coupling): an upper bound of TV that uses no KL. Le Cam is
/// √(1 − BC²) with BC = 1 − H²; the coupling bound needs both laws diagonal in one basis.
double upper_without_kl(const GaussianData& data, const GaussianOutputLaw& out, double hellinger2) {
  const double bc = 1.0 - hellinger2;
  double upper = std::min(1.0, std::sqrt(std::max(0.0, (1.0 - bc) * (1.0 + bc))));
  if (out.is_spectral() && out.spectral().basis == data.basis()) {
    const SpectralGaussian target = data.law();
    double log_agree = 0.0;  // log Π(1 − t_j)
    for (Eigen::Index j = 0; j < target.dim(); ++j)
      log_agree += std::log1p(-total_variation_1d(target.mean(j), target.var(j),
                                                  out.spectral().mean(j), out.spectral().var(j)));
    upper = std::min(upper, -std::expm1(log_agree));
  }
  return upper;
}

class Pinsker final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "pinsker",
        .title = "Pinsker's inequality between the data and the sampler output",
        .source =
            "seed 001 (Strasman talk), slide 'Existing Results I: KL and Total Variation' (box "
            "'Total variation consequence (Pinsker's inequality)')",
        .statement =
            "||pi_data - pi^_{inf,N}^theta||_TV <= sqrt( (1/2) KL(pi_data || pi^_{inf,N}^theta) )",
        .convention =
            "any process, scheme, score error and start; TV = sup_A |P(A) - Q(A)|; KL in the "
            "printed direction KL(data || output); a control of the distance code",
        .metric = "tv",
        .need = Need::kExactGaussianLaw,
        .trivial_max = 1.0};
  }

  bool applies(const Problem&) const override { return true; }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const Eigen::Index d = cfg.gaussian().dim();
    const double rel = exact_metric_rel_tol(cfg.grid.steps(), d);
    const double kl = out.metric(Metric::kKlDataModel).value;
    const TvResult& tv = out.tv();

    BoundReport r = info().report(cfg);
    r.terms = {{"sqrt(KL/2)", std::sqrt(0.5 * kl), "Pinsker: sqrt(KL(data || output)/2)"}};
    r.total = r.terms[0].value;
    r.exact = out.metric(Metric::kTv);
    // Relative allowance of the recursion and closed forms, plus a floor for both sides ~ 0
    // (TV and sqrt(KL/2) are then first order in the rounding of the output law).
    r.tolerance = rel * std::max(std::abs(r.exact.value), std::abs(r.total)) +
                  std::sqrt(static_cast<double>(d)) * rel;
    r.hypotheses = {};  // Pinsker's inequality needs none
    if (r.exact.is_exact()) {
      r.decide();
      r.convention = fmt::format("TV exact ({}); scheme {} as given", r.exact.method, r.scheme);
      return r;
    }
    const double upper =
        upper_without_kl(cfg.gaussian(), out.gaussian_law(), out.metric(Metric::kHellinger2).value);
    r.terms.push_back({"tv_upper_without_kl", upper,
                       "min(Le Cam, coordinate coupling): rigorous upper bound of TV that uses "
                       "no KL; not part of the bound"});
    r.terms.push_back({"tv_lower", tv.lower, "rigorous lower bound of TV; not part of the bound"});
    if (decide(upper, r.total, r.tolerance, true) == Verdict::kHolds) {
      r.verdict = decide(0.0, r.total, r.tolerance, true, 1.0);  // holds, or vacuous if bound ≥ 1
      r.convention = fmt::format(
          "TV by Monte Carlo; rigorous: the KL-free upper bound {} of TV is <= sqrt(KL/2)", upper);
    } else if (decide(tv.lower, r.total, r.tolerance, true) == Verdict::kViolated) {
      r.verdict = Verdict::kViolated;
      r.convention = fmt::format(
          "TV by Monte Carlo; rigorous: the lower bound {} of TV exceeds sqrt(KL/2)", tv.lower);
    } else {
      r.decide();  // the one-sided Monte Carlo rule of sb::decide, with its standard error
      r.convention =
          "TV by Monte Carlo; acceptance: holds iff estimate + 5 std_error <= sqrt(KL/2) + tol, "
          "violated iff estimate - 5 std_error > sqrt(KL/2) + tol, inconclusive in between";
    }
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const ProcessPtr ou = make_standard_ou(), ve = make_ve_brownian();
    const ProcessPtr vp = make_vp(make_linear_schedule(0.1, 20, 1));
    const ScoreError eps03{.delta = 0.0, .eps = 0.3, .direction = {}};
    const ScoreError delta02{.delta = 0.2, .eps = 0.0, .direction = {}};
    return instance_table({
        // theory-notes V04–V06: data N(0, 4), T = 1, N = 10, standard OU.
        {"V04 OU N(0,4) T=1 N=10 em", ou, gaussian_1d(0, 4), 1, 10, kEulerMaruyama},
        {"V05 OU N(0,4) T=1 N=10 ei", ou, gaussian_1d(0, 4), 1, 10, kExponentialIntegrator},
        {"V06 OU N(0,4) T=1 N=10 eir", ou, gaussian_1d(0, 4), 1, 10, kExponentialRenormalised},
        // theory-notes V09, V10.
        {"V09 VP(0.1,20) N(0.5,0.25) T=1 N=100 em", vp, gaussian_1d(0.5, 0.25), 1, 100,
         kEulerMaruyama},
        {"V10 VE N(0,1) T=10 N=100 em", ve, gaussian_1d(0, 1), 10, 100, kEulerMaruyama},
        // Data = stationary law, eir: the output is the data up to rounding (both sides ~ 0).
        {"OU gamma_1 T=2 N=20 eir (exact scheme)", ou, gaussian_1d(0, 1), 2, 20,
         kExponentialRenormalised},
        // Continuous time from p_T with an additive error: equal covariances, TV exact in d = 5.
        {"OU correlated d=5 T=1 continuous eps=0.3 init p_T", ou, gaussian_preset("correlated", 5),
         1, 1, kContinuous, kHolds, eps03, Init::kPT},
        // Multiplicative error, COU bias (theory-notes V24), VE geometric.
        {"VP N(1,0.1) T=1 N=50 ei delta=0.2", vp, gaussian_1d(1, 0.1), 1, 50,
         kExponentialIntegrator, kHolds, delta02},
        {"V24 COU N(1,1) T=2 continuous", make_cou(1.0, Vec::Zero(1), 1.0), gaussian_1d(1, 1), 2, 1,
         kContinuous},
        // d > 1, unequal covariances: Monte Carlo TV with the rigorous / MC rule.
        {"OU heteroscedastic d=5 T=2 N=20 em (Monte Carlo TV)", ou,
         gaussian_preset("heteroscedastic", 5), 2, 20, kEulerMaruyama},
        {"VE isotropic d=3 T=5 N=10 em (Monte Carlo TV)", ve, gaussian_preset("isotropic", 3), 5,
         10, kEulerMaruyama},
        // Far from the data: sqrt(KL/2) >= 1, the bound says nothing.
        {"OU N(5,1) T=0.1 N=1 em (bound >= 1)", ou, gaussian_1d(5, 1), 0.1, 1, kEulerMaruyama,
         kVacuous},
    });
  }

  std::vector<Sweep> sweeps() const override {
    // Pinsker's bound √(KL/2) depends on the configuration only through KL(data ‖ output): one
    // panel per N, T and d (presets). TV is exact in 1-D (panels 1 and 2) and Monte Carlo in
    // d > 1 with unequal covariances (panel 3: few points, 20000 samples each).
    const GaussianData data = gaussian_1d(0, 4.0);
    const std::initializer_list<Scheme> schemes = {
        Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator, Scheme::kExponentialRenormalised};
    std::vector<Sweep> out;
    // Panel 1: against N, d = 1.
    static constexpr const char* kXLabel =
        "number of steps N  (d = 1: TV exact; solid TV, dashed sqrt(KL/2))";
    for (Scheme s : schemes) {
      Sweep sw{to_string(s) + ", OU N(0,4), T=1", kXLabel, true, {}};
      for (int N : {1, 2, 4, 8, 16, 32, 64, 128, 256})
        sw.points.emplace_back(N, make_problem(make_standard_ou(), data, 1.0, N, s));
      out.push_back(std::move(sw));
    }
    Sweep ve{"em, VE N(0,1), T=10", kXLabel, true, {}};
    for (int N : {1, 2, 4, 8, 16, 32, 64, 128, 256})
      ve.points.emplace_back(
          N, make_problem(make_ve_brownian(), gaussian_1d(0, 1), 10.0, N, Scheme::kEulerMaruyama));
    out.push_back(std::move(ve));
    // Panel 2: against T at N = 20, d = 1: short horizons leave the start N(0, 1) far from
    // p_T (initialisation error), long ones a large step h = T/20 (discretisation error).
    for (Scheme s : schemes) {
      Sweep sw{to_string(s) + ", OU N(0,4), N=20",
               "horizon T  (standard OU, data N(0,4), N = 20, start N(0,1); d = 1: TV exact)",
               true,
               {}};
      for (double T : {0.03, 0.1, 0.3, 1.0, 3.0, 10.0})
        sw.points.emplace_back(T, make_problem(make_standard_ou(), data, T, 20, s));
      out.push_back(std::move(sw));
    }
    // Panel 3: against d for the three presets of seed 003 (em, T = 1, N = 20); TV by Monte
    // Carlo for d > 1 (the check's verdict uses its KL-free upper bound or the MC rule).
    for (const char* preset : {"isotropic", "heteroscedastic", "correlated"}) {
      Sweep sw{fmt::format("em, OU {} preset, T=1, N=20", preset),
               "dimension d  (standard OU, presets of seed 003, T = 1, N = 20; TV by Monte "
               "Carlo for d > 1)",
               false,
               {}};
      for (Eigen::Index d : {1, 2, 4, 8})
        sw.points.emplace_back(d, make_problem(make_standard_ou(), gaussian_preset(preset, d), 1.0,
                                               20, Scheme::kEulerMaruyama));
      out.push_back(std::move(sw));
    }
    return out;
  }
};

}  // namespace
}  // namespace sb::theorems

namespace sb::theorems {
SB_REGISTER_THEOREM(Pinsker)
}
