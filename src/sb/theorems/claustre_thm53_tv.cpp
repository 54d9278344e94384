// Seed 004, Theorem 5.3 — total-variation bound for the continuous-time generative process
// (theory-notes C15, D-15). Write-up: theory/claustre_thm53_tv.md.
// Source: seed 004 (A. Claustre, research report 2025), §5.1 "Total variation bound",
// Theorem 5.3, proof in Appendix B.1; after W. Tang and H. Zhao (2024), the report's [22].
//
//   Hyp 5.1: sup_t E_{p_t}‖s_θ(t, X) − ∇log p_t(X)‖² <= ε²;  g bounded;  Novikov. Then
//   d_TV(L(Y_T), p_data) <= d_TV(p_T, p_noise) + ε √(T/2) ‖g‖_∞.
//
// Scheme and convention: the continuous-time reverse SDE dY = [−f + g²s](T − t, Y)dt + g dB̄
// started at p_noise (the statement prints the drift −(f + g²∇log p): a sign slip; theory-notes
// C15), any forward process of theory-notes A.0. p_noise is whatever law the sampler starts from
// (the reference law, or p_T). The check applies to the `continuous` scheme only.
//
// Formula implemented: bound = TV(p_T, law of Y_0) + ε √(T/2) √(sup_{[0,T]} g2), with
// ε² = ε_add² + δ² sup_t tr Σ_t⁻¹ (theory-notes B.1; the sup is exact for δ = 0, a max over
// the scan times of claustre.hpp otherwise). Exact side: TV(p_data, L(Y_T)) of the exact output
// law. Both TVs are exact in 1-D and for equal covariances (theory-notes B.4); otherwise they
// are seeded Monte Carlo estimates and the acceptance rule is
// exact-side estimate − 5·se <= bound + 5·se(initialisation TV) (+ rounding allowance), see
// claustre::rounding_tolerance. Every instance of the grid has exact TVs.
// The proof's Girsanov step omits the ½ of KL(Q''‖Q') = ½E∫‖b‖²: the score term is √2 larger
// than Pinsker + Girsanov give (ε√T‖g‖∞/2); it is reported as an extra term.
#include <fmt/format.h>

#include <cmath>

#include "sb/process/subvp.hpp"
#include "sb/process/ve.hpp"
#include "sb/theorems/claustre.hpp"
#include "sb/verify/registry.hpp"

namespace sb::theorems {
namespace {

namespace cl = claustre;

class ClaustreThm53Tv final : public TheoremCheck {
 public:
  TheoremInfo info() const override {
    return {
        .id = "claustre_thm53_tv",
        .title = "Seed 004 Theorem 5.3: TV bound of the generative SDE",
        .source =
            "seed 004 (Claustre report), Section 5.1, Theorem 5.3 (proof Appendix B.1); after "
            "Tang and Zhao (2024)",
        .statement =
            "Under Hypothesis 5.1 (sup_t E_{p_t}||s_theta - grad log p_t||^2 <= eps^2), g bounded "
            "and Novikov's condition: d_TV(L(Y_T), p_data) <= d_TV(p(T,.), p_noise) + "
            "eps sqrt(T/2) ||g||_inf",
        .convention =
            "continuous-time reverse SDE -f + g^2 s (printed -(f + g^2 grad log p): sign slip), "
            "started at p_noise = the sampler's initial law; any linear forward process; score "
            "error under the forward marginals",
        .metric = "tv",
        .need = Need::kExactGaussianLaw,
        .trivial_max = 1.0};
  }

  bool applies(const Problem& cfg) const override { return cfg.scheme == Scheme::kContinuous; }

  BoundReport check(const Problem& cfg, Outcome& out) const override {
    const double T = cfg.T();
    const cl::TimedValue eps2 = cl::l2_error_sup(cfg);
    const double eps = std::sqrt(eps2.value);
    const double g_sup = std::sqrt(cfg.process->g2_sup(T));
    const TvResult init = cl::tv_initialisation(cfg);
    const TvResult& tv = out.tv();

    BoundReport r = info().report(cfg);
    r.terms = {
        {"d_TV(p_T, p_noise)", init.value,
         "initialisation: TV between p_T and the sampler's initial law (" + to_string(init.method) +
             ")"},
        {"eps sqrt(T/2) ||g||_inf", eps * std::sqrt(0.5 * T) * g_sup,
         "score error: Girsanov + Pinsker as printed"},
    };
    r.total = r.terms[0].value + r.terms[1].value;
    r.terms.push_back({"eps sqrt(T) ||g||_inf / 2", 0.5 * eps * std::sqrt(T) * g_sup,
                       "the score term with Girsanov's 1/2 (theory-notes C15); not part of the "
                       "bound"});
    r.terms.push_back({"eps", eps, "Hypothesis 5.1 constant (sup over t of the L2 error)"});
    r.exact = out.metric(Metric::kTv);
    r.total_std_error = init.std_error;
    r.tolerance = cl::rounding_tolerance(cfg, r.exact.value, r.total);
    r.hypotheses = {
        {"Hypothesis 5.1 (L2 score error)", std::isfinite(eps),
         fmt::format("eps^2 = {:.6g} (largest at t = {:.4g})", eps2.value, eps2.t)},
        {"g bounded on [0, T]", std::isfinite(g_sup), fmt::format("||g||_inf = {:.6g}", g_sup)},
        cl::novikov(cfg),
    };
    r.decide();
    r.convention =
        fmt::format("continuous-time reverse SDE from p_noise = {} law; TV exact side: {}{}",
                    to_string(cfg.init), to_string(tv.method),
                    tv.method == TvMethod::kMonteCarlo || init.method == TvMethod::kMonteCarlo
                        ? " (Monte Carlo: the one-sided rule with 5 standard errors of the exact "
                          "side and of the bound)"
                        : "");
    return r;
  }

  std::vector<Instance> instances() const override {
    using enum Scheme;
    using enum Verdict;
    const auto vp = [](double T) { return make_vp(make_linear_schedule(0.1, 20, T)); };
    return instance_table({
        // VP(0.1, 20) (theory-notes D-15), additive errors, 1-D data: both TVs exact.
        {"VP N(0.5,0.25) T=1 eps=0", vp(1), gaussian_1d(0.5, 0.25), 1, 1, kContinuous},
        {"VP N(0.5,0.25) T=1 eps=0.01", vp(1), gaussian_1d(0.5, 0.25), 1, 1, kContinuous, kHolds,
         cl::additive(0.01)},
        {"VP N(0.5,0.25) T=1 eps=0.1", vp(1), gaussian_1d(0.5, 0.25), 1, 1, kContinuous, kHolds,
         cl::additive(0.1)},
        {"VP N(0,0.1) T=1 eps=0.05", vp(1), gaussian_1d(0, 0.1), 1, 1, kContinuous, kHolds,
         cl::additive(0.05)},
        {"VP N(0,0.01) T=0.05 eps=0", vp(0.05), gaussian_1d(0, 0.01), 0.05, 1, kContinuous},
        {"VP N(2,4) T=0.2 eps=0.02", vp(0.2), gaussian_1d(2, 4), 0.2, 1, kContinuous, kHolds,
         cl::additive(0.02)},
        {"VP N(3,0.3) T=0.3 eps=0.001", vp(0.3), gaussian_1d(3, 0.3), 0.3, 1, kContinuous, kHolds,
         cl::additive(0.001)},
        {"VP N(0.5,0.25) T=1 delta=0.05", vp(1), gaussian_1d(0.5, 0.25), 1, 1, kContinuous, kHolds,
         cl::multiplicative(0.05)},
        {"VP N(0.5,0.25) T=1 eps=1 (vacuous)", vp(1), gaussian_1d(0.5, 0.25), 1, 1, kContinuous,
         kVacuous, cl::additive(1.0)},
        // Equal covariances in d = 10: every TV is exact in any dimension.
        {"VP N(1,I_10) T=0.2 eps=0.01", vp(0.2), GaussianData(Vec::Ones(10), Mat::Identity(10, 10)),
         0.2, 1, kContinuous, kHolds, cl::additive(0.01)},
        // d = 2, unequal covariances: both TVs are Monte Carlo (20000 seeded samples); the rule
        // is estimate - 5 se <= bound + 5 se (claustre::rounding_tolerance).
        {"VP diag(0.5,2) d=2 T=0.5 eps=0.01 (Monte Carlo TV)", vp(0.5),
         GaussianData(Vec::Zero(2), Eigen::Vector2d(0.5, 2.0).asDiagonal().toDenseMatrix()), 0.5, 1,
         kContinuous, kHolds, cl::additive(0.01)},
        // Other forward processes of seed 004 §3.
        {"OU std N(1,0.5) T=2 eps=0.1", make_standard_ou(), gaussian_1d(1, 0.5), 2, 1, kContinuous,
         kHolds, cl::additive(0.1)},
        {"OU(0.5,2,1) N(1,0.3) T=3 eps=0.05", make_ou(0.5, Vec::Constant(1, 2.0), 1.0),
         gaussian_1d(1, 0.3), 3, 1, kContinuous, kHolds, cl::additive(0.05)},
        {"VE(0.01,10) N(1,1) T=1 eps=0.01", make_ve_geometric(0.01, 10, 1), gaussian_1d(1, 1), 1, 1,
         kContinuous, kHolds, cl::additive(0.01)},
        {"VE(0.01,3) N(0,0.05) T=1 eps=0", make_ve_geometric(0.01, 3, 1), gaussian_1d(0, 0.05), 1,
         1, kContinuous},
        {"subVP(0.1,20) N(0.5,0.25) T=1 eps=0.01", make_subvp(make_linear_schedule(0.1, 20, 1)),
         gaussian_1d(0.5, 0.25), 1, 1, kContinuous, kHolds, cl::additive(0.01)},
        {"COU(1,0,1) N(1,1) T=2 eps=0", make_cou(1, Vec(), 1), gaussian_1d(1, 1), 2, 1,
         kContinuous},
        {"CVP(0.1,2) N(3,1) T=1 eps=0.01", make_cvp(make_linear_schedule(0.1, 2, 1)),
         gaussian_1d(3, 1), 1, 1, kContinuous, kHolds, cl::additive(0.01)},
    });
  }

  // Four panels: the additive error eps (the original figure), the horizon T, the schedule's
  // beta_max and the multiplicative error delta. The bound depends on T through
  // TV(p_T, p_noise) and sqrt(T/2), on the schedule through both terms (B_T and
  // ||g||_inf = sqrt(beta_max)), on eps and delta through the Hypothesis 5.1 constant
  // eps^2 = eps_add^2 + delta^2 sup_t tr Sigma_t^{-1} (theory-notes B.1, C15), and on the data
  // through the initialisation TV and tr Sigma_t^{-1}. Everything is 1-D, so both TVs are exact
  // (theory-notes B.4). Points are chosen so that the sampler's mean-shift quadrature is fast.
  std::vector<Sweep> sweeps() const override {
    const auto vp = [](double bmax, double T) {
      return make_vp(make_linear_schedule(0.1, bmax, T));
    };
    const auto at = [](ProcessPtr p, GaussianData data, double T, ScoreError err) {
      return make_problem(std::move(p), std::move(data), T, 1, Scheme::kContinuous, err);
    };
    const auto at_eps = [&](ProcessPtr p, GaussianData data, double T) {
      return [=](double e) { return at(p, data, T, cl::additive(e)); };
    };
    const auto at_T = [&](GaussianData data, double e) {
      return [=](double T) { return at(vp(20, T), data, T, cl::additive(e)); };
    };
    const auto at_bmax = [&](GaussianData data, double e) {
      return [=](double b) { return at(vp(b, 1), data, 1, cl::additive(e)); };
    };
    const auto at_delta = [&](ProcessPtr p, GaussianData data, double T) {
      return [=](double dl) { return at(p, data, T, cl::multiplicative(dl)); };
    };
    std::vector<Sweep> out;
    // Panel 1: additive error eps, everything else fixed (the original figure).
    cl::add_panel(
        out, "additive score error eps (Hypothesis 5.1 constant, delta = 0; VP: beta 0.1 -> 20)",
        {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1},
        {{"continuous, VP N(0.5,0.25), T=1", at_eps(vp(20, 1), gaussian_1d(0.5, 0.25), 1)},
         {"continuous, VP N(2,4), T=0.2", at_eps(vp(20, 0.2), gaussian_1d(2, 4), 0.2)},
         {"continuous, OU std N(1,0.5), T=2", at_eps(make_standard_ou(), gaussian_1d(1, 0.5), 2)},
         {"continuous, VE(0.01,3) N(0,0.05), T=1",
          at_eps(make_ve_geometric(0.01, 3, 1), gaussian_1d(0, 0.05), 1)}});
    // Panel 2: horizon T. The initialisation TV decays like e^{-B_T/2} while the score term
    // grows like sqrt(T): with eps > 0 the bound has a minimum in T, the exact TV levels off.
    // (eps > 0 only from T = 0.2: below, the sampler's 1e-14 mean-shift quadrature takes seconds.)
    const std::string t_label = "horizon T (VP beta 0.1 -> 20 on [0, T], delta = 0)";
    cl::add_panel(out, t_label, {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0},
                  {{"continuous, VP N(0.5,0.25), eps=0", at_T(gaussian_1d(0.5, 0.25), 0.0)}});
    cl::add_panel(out, t_label, {0.2, 0.3, 0.5, 1.0, 2.0, 4.0},
                  {{"continuous, VP N(0.5,0.25), eps=0.01", at_T(gaussian_1d(0.5, 0.25), 0.01)},
                   {"continuous, VP N(0.5,0.25), eps=0.1", at_T(gaussian_1d(0.5, 0.25), 0.1)},
                   {"continuous, VP N(2,4), eps=0.01", at_T(gaussian_1d(2, 4), 0.01)}});
    // Panel 3: the schedule, beta_max of the linear VP schedule 0.1 -> beta_max on [0, 1].
    // B_T = (0.1 + beta_max)/2 and ||g||_inf = sqrt(beta_max).
    cl::add_panel(out, "schedule beta_max (VP beta 0.1 -> beta_max on [0, 1], T = 1, delta = 0)",
                  {1.0, 2.0, 5.0, 10.0, 20.0, 50.0},
                  {{"continuous, VP N(0.5,0.25), eps=0.01", at_bmax(gaussian_1d(0.5, 0.25), 0.01)},
                   {"continuous, VP N(0.5,0.25), eps=0", at_bmax(gaussian_1d(0.5, 0.25), 0.0)},
                   {"continuous, VP N(2,4), eps=0.01", at_bmax(gaussian_1d(2, 4), 0.01)}});
    // Panel 4: multiplicative error delta (eps_add = 0): Hypothesis 5.1 gives
    // eps^2 = delta^2 sup_t tr Sigma_t^{-1} (theory-notes B.1), so the bound grows like
    // delta / sqrt(lambda_min) while the exact TV of VP barely depends on the data variance.
    // Novikov's sufficient test sup_t T g2 delta^2 / lambda_min(Sigma_t) < 1 holds on every point.
    cl::add_panel(
        out, "multiplicative score error delta (eps_add = 0; VP: beta 0.1 -> 20 on [0, 1])",
        {0.003, 0.01, 0.03, 0.1, 0.2},
        {{"continuous, VP N(0,1), T=1", at_delta(vp(20, 1), gaussian_1d(0, 1), 1)},
         {"continuous, VP N(0.5,0.25), T=1", at_delta(vp(20, 1), gaussian_1d(0.5, 0.25), 1)},
         {"continuous, VP N(0,0.05), T=1", at_delta(vp(20, 1), gaussian_1d(0, 0.05), 1)},
         {"continuous, OU std N(1,0.5), T=2",
          at_delta(make_standard_ou(), gaussian_1d(1, 0.5), 2)}});
    return out;
  }
};

}  // namespace

SB_REGISTER_THEOREM(ClaustreThm53Tv)

}  // namespace sb::theorems
