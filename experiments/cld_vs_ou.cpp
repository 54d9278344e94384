// Figure plots/cld_vs_ou/: is critically damped Langevin diffusion (CLD) better than the OU
// process at the same cost? (issue 11, item 4; seed 002, slides "Extending the Phase Space of
// SGMs" and "3. Marginals can be sampled"; Dockhorn, Vahdat & Kreis 2022, ICLR; theory-notes A.1
// "CLD", B.2 "CLD (per 2×2 block)", C11, Appendix A5). Write-up: theory/engines/cld_vs_ou.md.
//
// What the exact numbers show (this program's stdout; ratio = best OU / best CLD at equal N,
// best = smallest error over the discrete schemes of each process; > 1: CLD better):
//  * The initialisation error alone (continuous-time samplers) favours the OU at every T in
//    [0.5, 6], KL and W2, both data. Exactly so: with the stationary velocity, C₀ − Σ∞ =
//    diag(λ − 1, 0) per block, so the CLD output's position law depends on T only through
//    ‖e^{TA}e₁‖² = e^{−2T}((1 + T)² + T²) where the OU's has e^{−2T}: CLD at horizon T IS the OU
//    at T_eff = T − ½ log(1 + 2T + 2T²), for any Gaussian data (checked to 3e-15). CLD needs
//    T = 3.815 to match the OU at T = 2, and T = 7.418 for T = 5 (the Jordan block's t²e^{−2t}).
//    d = 1: KL 1.0e-7 (OU) vs 1.5e-3 (CLD) at T = 2, 4.2e-18 vs 5.8e-11 at T = 5. The small
//    velocity v = 0.04 lowers CLD's KL in d = 1 (1.9× at T = 2, 7.9× at T = 5), not in d = 10.
//  * d = 1, T = 2: the OU wins at every N but 10 (KL ratio 0.25 at N = 5, 0.30 at N = 20 down
//    to 1.1e-4 at N = 640; W2 0.55 → 0.011): CLD's floor is its initialisation error 1.5e-3.
//    The CLD "win" at N = 10 (KL 1.3e-5 vs 2.9e-4) is CLD EM's discretisation error cancelling
//    that floor (its KL then rises with N back to 1.5e-3).
//  * d = 1, T = 5 (initialisation error negligible): CLD wins at every N, modestly at small N
//    (KL ratio 1.3–3.0 for N <= 40, split_renormalised; W2 1.1–1.7), then by 5, 24, 137, 1900 at
//    N = 80..640 (CLD EI, whose KL drops 16–54× per doubling of N, the OU's ~4×). It depends on
//    the scheme: CLD EM is WORSE than OU EM at every N (OU/CLD 0.0065–0.18).
//  * Heteroscedastic d = 10 (one variance 0.01 in every five), T = 5, uniform grid: CLD wins by
//    1.75 (N = 5), 27 (N = 20), 855 (N = 80), 1.3e4 (N = 320) in KL, 2.5–34 in W2. The OU score
//    is stiff near τ = 0 (precision 100) and all three OU schemes are still at KL 0.21 at
//    N = 640; the CLD score enters through the velocity only. From N = 320 CLD sits on its own
//    initialisation floor (KL 3.1e-5, W2 7.8e-3).
//  * The same on the quadratic grid τ_k = T(1 − k/N)²: the OU gains most, the KL ratio falls to
//    4–187 (17 at N = 640), the W2 ratio to 1.3–32 up to N = 320 and 0.74 at N = 640 (CLD's
//    W2 stays near its initialisation floor 7.8e-3, best 7.2e-3; the OU reaches 5.3e-3). The size
//    of CLD's advantage on anisotropic data is partly a property of the uniform grid.
//  * σ² = 2 (Σ∞ = ½I) against the OU with π∞ = N(0, ½), d = 1, T = 5: the same picture (ratio
//    1.2–3100), so the answer does not hinge on σ² = 4.
// Answer: not uniformly. At equal T the CLD forgets its start more slowly (the OU with a
// horizon shorter by ½ log(1 + 2T + 2T²)), so at a short horizon the OU wins; once T makes that
// error negligible, CLD's exponential/renormalised samplers (not its EM) have the smaller
// discretisation error at equal N, by a small factor on isotropic 1-D data at N <= 40 and by
// orders of magnitude on anisotropic data with a uniform grid.
//
// What is compared. Cost = N, the number of score evaluations (steps; every scheme below
// evaluates the score once per step, the Strang splittings at the step's midpoint). Same
// Gaussian data, same horizon T, exact score, sampler started at the reference law, uniform grid
// unless stated. Errors: the exact KL(π_data ‖ output) and W2(π_data, output) — for CLD of the
// position marginal of the phase-space output law — by the mean/covariance recursions of
// theory-notes B.2 and the closed forms of B.4; no Monte Carlo anywhere.
//   OU:   dX = −X dt + √2 dB, π∞ = N(0, I) (make_standard_ou); schemes em, ei, eir, continuous.
//   CLD:  dU = AU dt + Σ dB on (x, v), A = [[0, 1], [−1, −2]], Σ = diag(0, σ), σ² = 4, so that
//         Σ∞ = σ²/4·I = I and the reference N(0, I) in phase space matches the OU's; schemes em,
//         ei, eir, split, split_renormalised, continuous. Velocity variants: (i) the stationary
//         velocity v = (Σ∞)_vv = σ²/4 — at σ² = 4 this IS v = 1 (the program checks that
//         CldProcess(4, 1) and CldProcess(4, stationary) give the same numbers); (ii) v = 0.04
//         (Σ∞)_vv, the small initial velocity of Dockhorn et al. 2022 (γ = 0.04, v₀ ~ N(0, γM)
//         with M the equilibrium velocity variance).
//   Both forward processes have the same rate: the OU mean decays as e^{−t}, the CLD flow is
//   e^{tA} = e^{−t}(I + tN) (double eigenvalue −1, Jordan block N = A + I).
// Cases (the summary table's keys):
//   1d_T2, 1d_T5   d = 1, data N(0, 2) (seed 002's instance of theory-notes V11/V27), T = 2, 5;
//   het_T5         gaussian_preset("heteroscedastic", 10) (mean 1_d, variances 1, .01, 1, 1, 1
//                  repeated), T = 5, uniform grid;
//   het_T5_quad    the same on the quadratic grid τ_k = T(1 − k/N)² (steps ∝ τ^{1/2}, finer near
//                  the data), for both processes: is CLD's advantage on anisotropic data only a
//                  property of the uniform grid?
//   1d_T5_s2       (table and data.csv only) d = 1, N(0, 2), T = 5 with σ² = 2 (Σ∞ = ½I) against
//                  the OU with the same stationary law N(0, ½): does the answer depend on σ²?
// and the continuous-time samplers alone (the initialisation error: how fast each forward
// process forgets its start) against T ∈ [0.5, 6] for the 1-D and heteroscedastic data.
//
// Layout: 2×3 panels. (a) 1d_T2, (b) 1d_T5, (c) KL of the continuous-time samplers against T,
// (d) het_T5, (e) het_T5_quad: KL against N, log-log, every scheme; dashed horizontal lines:
// the continuous-time limits (they do not depend on N: data.csv holds them once, in the horizon
// block, the last, whose T grid contains 2 and 5; the 1d_T5_s2 case's are on stdout only). (f)
// ratio (best OU scheme)/(best CLD scheme) at equal N, KL and W2, for the four plotted cases: above
// 1 CLD wins. The second CLD velocity variant is in data.csv and in panels (c) and the table.
//
// Usage: cld_vs_ou [--out DIR]   → DIR/cld_vs_ou/{data.csv, plot.gnu, plot.png}; the summary
// table goes to stdout, progress to stderr. A run whose law leaves the finite range (or whose
// metric overflows) is kept out of the CSV: its value columns hold 0 (not drawn: pos() maps it to
// NaN) and its diverged_* column 1; it is listed on stdout. None diverges with the settings below.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sb/core/non_finite_metric.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/plot/experiment_main.hpp"
#include "sb/plot/figure.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/cld.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"

namespace {

using sb::Scheme;

constexpr const char* kProg = "cld_vs_ou";
constexpr std::array<int, 8> kSteps = {5, 10, 20, 40, 80, 160, 320, 640};
constexpr double kDockhornGamma = 0.04;  // Dockhorn et al. 2022: v₀ ~ N(0, γM), γ = 0.04
constexpr double kTMin = 0.5, kTMax = 6.0, kTStep = 0.25;  // panel (c)

// ---- the samplers ----------------------------------------------------------------------------

enum class Family { kOu, kCld, kCldSmallV };
constexpr std::array<const char*, 3> kFamilyKey = {"ou", "cld", "cldv"};

struct Series {
  Family family;
  Scheme scheme;
  const char* scheme_key;
};

constexpr std::array<Series, 16> kSeries = {{
    {Family::kOu, Scheme::kEulerMaruyama, "em"},
    {Family::kOu, Scheme::kExponentialIntegrator, "ei"},
    {Family::kOu, Scheme::kExponentialRenormalised, "eir"},
    {Family::kOu, Scheme::kContinuous, "continuous"},
    {Family::kCld, Scheme::kEulerMaruyama, "em"},
    {Family::kCld, Scheme::kExponentialIntegrator, "ei"},
    {Family::kCld, Scheme::kExponentialRenormalised, "eir"},
    {Family::kCld, Scheme::kSplit, "split"},
    {Family::kCld, Scheme::kSplitRenormalised, "split_renormalised"},
    {Family::kCld, Scheme::kContinuous, "continuous"},
    {Family::kCldSmallV, Scheme::kEulerMaruyama, "em"},
    {Family::kCldSmallV, Scheme::kExponentialIntegrator, "ei"},
    {Family::kCldSmallV, Scheme::kExponentialRenormalised, "eir"},
    {Family::kCldSmallV, Scheme::kSplit, "split"},
    {Family::kCldSmallV, Scheme::kSplitRenormalised, "split_renormalised"},
    {Family::kCldSmallV, Scheme::kContinuous, "continuous"},
}};

std::string series_key(const Series& s) {
  return fmt::format("{}_{}", kFamilyKey[static_cast<int>(s.family)], s.scheme_key);
}

// ---- the cases -------------------------------------------------------------------------------

struct Case {
  std::string key, title;
  sb::GaussianData data;
  double T;
  bool quadratic_grid;
  double sigma2;  // CLD σ²; the OU has the same stationary law N(0, σ²/4 I)
  bool plotted;
  // The continuous-time limits of a plotted case are drawn from the horizon block (data set
  // "1d" or "het" at T): see make_script.
  std::string horizon_data;
};

/// The processes of a case.
struct Processes {
  sb::ProcessPtr ou;
  sb::CldPtr cld, cld_small_v;
};

Processes processes_of(double sigma2, Eigen::Index d) {
  const double v_inf = sigma2 / 4.0;  // (Σ∞)_vv = σ²/4 for ε = 0 (process/cld.hpp)
  Processes p;
  // dX = −(X − 0) dt + √(2 v∞) dB: rate 1, stationary N(0, v∞ I) (make_ou(θ, μ, σ): σ²/(2θ)).
  p.ou = sigma2 == 4.0 ? sb::make_standard_ou()
                       : sb::make_ou(1.0, sb::Vec::Zero(d), std::sqrt(2.0 * v_inf));
  p.cld = std::make_shared<const sb::CldProcess>(sigma2);  // stationary velocity
  p.cld_small_v = std::make_shared<const sb::CldProcess>(sigma2, kDockhornGamma * v_inf);
  return p;
}

/// τ_k = T(1 − k/N)², i.e. s_k = T − τ_k = T u(2 − u), u = k/N (no cancellation; s_N = T).
sb::TimeGrid quadratic_grid(double T, int N) {
  std::vector<double> s(static_cast<std::size_t>(N) + 1);
  for (int k = 0; k <= N; ++k) {
    const double u = static_cast<double>(k) / N;
    s[static_cast<std::size_t>(k)] = T * u * (2.0 - u);
  }
  return sb::TimeGrid::from_reverse_times(s);
}

struct Err {
  double kl = 0, w2 = 0;
  bool ok = false;
  std::string why;
};

Err evaluate(const sb::Problem& problem) {
  sb::Outcome out = sb::solve(problem);
  if (!out.ok()) return {0, 0, false, out.result().message};
  Err e;
  try {
    e.kl = out.metric(sb::Metric::kKlDataModel).value;
    e.w2 = out.metric(sb::Metric::kW2).value;
  } catch (const sb::NonFiniteMetric& x) {
    return {0, 0, false, x.what()};
  }
  if (!std::isfinite(e.kl) || !std::isfinite(e.w2)) return {0, 0, false, "non-finite metric"};
  e.ok = true;
  return e;
}

sb::Problem make(const Case& c, const Processes& p, const Series& s, int N,
                 const sb::CldPtr& cld_override = nullptr) {
  sb::Problem pr;
  switch (s.family) {
    case Family::kOu:
      pr = sb::make_problem(p.ou, c.data, c.T, N, s.scheme);
      break;
    case Family::kCld:
      pr = sb::make_cld_problem(cld_override ? cld_override : p.cld, c.data, c.T, N, s.scheme);
      break;
    case Family::kCldSmallV:
      pr = sb::make_cld_problem(p.cld_small_v, c.data, c.T, N, s.scheme);
      break;
  }
  if (c.quadratic_grid) pr.grid = quadratic_grid(c.T, N);
  return pr;
}

// ---- results ---------------------------------------------------------------------------------

/// One case: errs[n][series] for N = kSteps[n].
struct CaseResult {
  std::vector<std::array<Err, kSeries.size()>> errs;
};

/// Index in kSeries of the best discrete scheme of a family at row n for metric (0 KL, 1 W2);
/// continuous excluded (it is not available at a finite cost), diverged runs excluded.
int best_of(const CaseResult& r, std::size_t n, Family f, int metric) {
  int best = -1;
  for (std::size_t i = 0; i < kSeries.size(); ++i) {
    if (kSeries[i].family != f || kSeries[i].scheme == Scheme::kContinuous) continue;
    const Err& e = r.errs[n][i];
    if (!e.ok) continue;
    const double y = metric == 0 ? e.kl : e.w2;
    const double yb = best < 0 ? 0 : (metric == 0 ? r.errs[n][best].kl : r.errs[n][best].w2);
    if (best < 0 || y < yb) best = static_cast<int>(i);
  }
  if (best < 0) throw std::logic_error("every scheme of a family diverged");
  return best;
}

int continuous_of(Family f) {
  for (std::size_t i = 0; i < kSeries.size(); ++i)
    if (kSeries[i].family == f && kSeries[i].scheme == Scheme::kContinuous)
      return static_cast<int>(i);
  throw std::logic_error("no continuous series");
}

double metric_of(const Err& e, int metric) { return metric == 0 ? e.kl : e.w2; }

// The case blocks hold the discrete schemes only. The continuous-time errors do not depend on N;
// they are in the horizon block (the last), whose T grid contains T = 2 and T = 5, where
// sb_numdiff's floor (1e-12 × the column's largest value) covers the last digits of the tiny
// ones (the OU's KL 4.2e-18 at T = 5 has only ~8 significant digits: r − 1 ≈ 4e-9).
bool in_case_block(const Series& s) { return s.scheme != Scheme::kContinuous; }

std::vector<std::string> case_columns() {
  std::vector<std::string> cols = {"N"};
  for (const Series& s : kSeries)
    if (in_case_block(s))
      for (const char* m : {"kl", "w2"}) cols.push_back(fmt::format("{}_{}", m, series_key(s)));
  for (const Series& s : kSeries)
    if (in_case_block(s)) cols.push_back(fmt::format("diverged_{}", series_key(s)));
  for (const char* m : {"kl", "w2"}) {
    for (const char* f : kFamilyKey) cols.push_back(fmt::format("{}_best_{}", m, f));
    for (const char* f : kFamilyKey) cols.push_back(fmt::format("{}_best_{}_series", m, f));
    cols.push_back(fmt::format("{}_ratio_ou_over_cld", m));
    cols.push_back(fmt::format("{}_ratio_ou_over_cldv", m));
  }
  return cols;
}

std::vector<std::vector<double>> case_rows(const CaseResult& r) {
  std::vector<std::vector<double>> rows;
  for (std::size_t n = 0; n < kSteps.size(); ++n) {
    std::vector<double> row = {static_cast<double>(kSteps[n])};
    for (std::size_t i = 0; i < kSeries.size(); ++i)
      if (in_case_block(kSeries[i])) row.insert(row.end(), {r.errs[n][i].kl, r.errs[n][i].w2});
    for (std::size_t i = 0; i < kSeries.size(); ++i)
      if (in_case_block(kSeries[i])) row.push_back(r.errs[n][i].ok ? 0.0 : 1.0);
    for (int m = 0; m < 2; ++m) {
      std::array<int, 3> b{};
      for (int f = 0; f < 3; ++f) b[f] = best_of(r, n, static_cast<Family>(f), m);
      for (int f = 0; f < 3; ++f) row.push_back(metric_of(r.errs[n][b[f]], m));
      for (int f = 0; f < 3; ++f) row.push_back(b[f]);
      row.push_back(metric_of(r.errs[n][b[0]], m) / metric_of(r.errs[n][b[1]], m));
      row.push_back(metric_of(r.errs[n][b[0]], m) / metric_of(r.errs[n][b[2]], m));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- panel (c): the continuous-time samplers against T -----------------------------------------

struct HorizonPoint {
  double T;
  std::array<Err, 3> one_d, het;  // per family
};

Err continuous_error(const Processes& p, Family f, const sb::GaussianData& data, double T) {
  const int steps = 1;  // the continuous-time law does not depend on the grid
  switch (f) {
    case Family::kOu:
      return evaluate(sb::make_problem(p.ou, data, T, steps, Scheme::kContinuous));
    case Family::kCld:
      return evaluate(sb::make_cld_problem(p.cld, data, T, steps, Scheme::kContinuous));
    case Family::kCldSmallV:
      return evaluate(sb::make_cld_problem(p.cld_small_v, data, T, steps, Scheme::kContinuous));
  }
  throw std::logic_error("family");
}

/// The horizon at which the CLD continuous-time KL equals `target`, by bisection on [lo, hi]
/// (the KL must be decreasing there: checked on the bracket's ends); nullopt if not bracketed.
std::optional<double> horizon_for(const std::function<double(double)>& kl, double target, double lo,
                                  double hi) {
  if (!(kl(lo) > target && kl(hi) < target)) return std::nullopt;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (kl(mid) > target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

// ---- the gnuplot script ----------------------------------------------------------------------

struct Style {
  const char* key;  // series key
  int lt;
};
// OU: blues/greens, filled markers; CLD: reds/oranges/purples, open markers; continuous: dashed.
constexpr std::array<Style, 10> kPlotted = {{
    {"ou_em", 1},
    {"ou_ei", 2},
    {"ou_eir", 3},
    {"ou_continuous", 4},
    {"cld_em", 5},
    {"cld_ei", 6},
    {"cld_eir", 7},
    {"cld_split", 8},
    {"cld_split_renormalised", 9},
    {"cld_continuous", 10},
}};
constexpr std::array<const char*, 10> kLegend = {
    "OU, EM",
    "OU, EI",
    "OU, EIR",
    "OU, continuous time (no discretisation)",
    "CLD, EM",
    "CLD, EI",
    "CLD, EIR (renormalised EI)",
    "CLD, split (Strang)",
    "CLD, split renormalised (SSCS-type)",
    "CLD, continuous time (no discretisation)",
};

std::string decade_range(double lo, double hi) {
  const double a = std::pow(10.0, std::floor(std::log10(lo / 3.0)));
  const double b = std::pow(10.0, std::ceil(std::log10(hi)));
  return fmt::format("set yrange [{:.0e}:{:.0e}]\n", a, b);
}

std::string make_script(const std::vector<Case>& cases, const std::vector<CaseResult>& results,
                        const std::vector<std::string>& cols, const std::vector<std::string>& hcols,
                        const std::vector<HorizonPoint>& horizon) {
  const auto col = [](const std::vector<std::string>& c, const std::string& name) {
    const auto it = std::find(c.begin(), c.end(), name);
    if (it == c.end()) throw std::logic_error("no column " + name);
    return static_cast<int>(it - c.begin()) + 1;
  };
  std::string s = sb::FigureWriter::png_preamble(1900, 1250, "Sans,12");
  s += R"(# Is CLD better than OU at the same number of score evaluations? Exact numbers; data.csv.
set datafile separator comma
pos(y) = (y > 0 ? y : NaN)
set grid xtics ytics mxtics mytics lc rgb '#dddddd' lw 1, lc rgb '#f2f2f2' lw 1
set border lw 1.2
set tics nomirror
set format y '10^{%T}'
set linetype 1  lc rgb '#08306B' lw 2 pt 7  ps 0.9 dt solid
set linetype 2  lc rgb '#2171B5' lw 2 pt 5  ps 0.9 dt solid
set linetype 3  lc rgb '#41B6C4' lw 2 pt 9  ps 1.1 dt solid
set linetype 4  lc rgb '#08306B' lw 2 dt (12,6)
set linetype 5  lc rgb '#E41A1C' lw 2 pt 6  ps 1.0 dt solid
set linetype 6  lc rgb '#FF7F00' lw 2 pt 4  ps 1.0 dt solid
set linetype 7  lc rgb '#E7298A' lw 2 pt 8  ps 1.2 dt solid
set linetype 8  lc rgb '#984EA3' lw 2 pt 12 ps 1.2 dt solid
set linetype 9  lc rgb '#8C510A' lw 2 pt 14 ps 1.2 dt solid
set linetype 10 lc rgb '#E41A1C' lw 2 dt (12,6)
CONTINUOUS_STATS
set multiplot \
    title "Is CLD better than the OU process at the same cost (N score evaluations)? Exact errors, Gaussian data, exact score, start at the reference law N(0, I)\n{/*0.8 OU: dX = -X dt + √2 dB.   CLD (seed 002; Dockhorn et al. 2022): d(x, v) = (v, -x - 2v) dt + (0, σ dB), σ^2 = 4, Σ_∞ = I, V_0 ∼ N(0, 1) (stationary); error of the position marginal.   Exact mean/covariance recursions, no Monte Carlo}" \
    font ',15'
unset key
)";
  // Continuous-time limits of the plotted cases, read from the horizon block at the case's T.
  {
    std::string stats;
    const int hidx = static_cast<int>(cases.size());
    for (std::size_t ci = 0; ci < cases.size(); ++ci) {
      if (!cases[ci].plotted) continue;
      for (const char* f : {"ou", "cld"}) {
        stats += fmt::format(
            "stats 'data.csv' index {} using (abs($1 - {}) < 1e-9 ? ${} : NaN) nooutput\n"
            "cont_{}_{} = STATS_min\n",
            hidx, cases[ci].T, col(hcols, fmt::format("kl_{}_{}", cases[ci].horizon_data, f)), ci,
            f);
      }
    }
    const std::string marker = "CONTINUOUS_STATS\n";
    s.replace(s.find(marker), marker.size(), stats);
  }
  constexpr double kLeft = 0.05, kRight = 0.99, kBottom = 0.15, kTop = 0.895;
  constexpr double kHGap = 0.05, kVGap = 0.085;
  const double w = (kRight - kLeft - 2 * kHGap) / 3, h = (kTop - kBottom - kVGap) / 2;
  const auto place = [&](int row, int column) {
    const double x0 = kLeft + column * (w + kHGap), y1 = kTop - row * (h + kVGap);
    return fmt::format(
        "set lmargin at screen {:.4f}; set rmargin at screen {:.4f}\n"
        "set bmargin at screen {:.4f}; set tmargin at screen {:.4f}\n",
        x0, x0 + w, y1 - h, y1);
  };
  const std::string n_axis =
      "set logscale xy\nset xrange [4:800]\nset xtics (5, 10, 20, 40, 80, 160, 320, 640)\n"
      "set mxtics default\nset format x '%g'\nset xlabel 'N (score evaluations = steps)'\n";

  // Panels (a), (b), (d), (e): KL against N.
  const std::array<std::pair<int, int>, 4> where = {{{0, 0}, {0, 1}, {1, 0}, {1, 1}}};
  const char* letters[] = {"a", "b", "d", "e"};
  int plotted = 0;
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    if (!cases[ci].plotted) continue;
    const Case& c = cases[ci];
    const CaseResult& r = results[ci];
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    std::vector<std::string> off_scale;
    for (std::size_t n = 0; n < kSteps.size(); ++n)
      for (std::size_t i = 0; i < kSeries.size(); ++i) {
        if (kSeries[i].family == Family::kCldSmallV || !r.errs[n][i].ok) continue;
        if (kSeries[i].scheme == Scheme::kContinuous) continue;
        lo = std::min(lo, r.errs[n][i].kl), hi = std::max(hi, r.errs[n][i].kl);
      }
    // Continuous limits: drawn when within three decades below the discrete curves, else
    // named in a label.
    for (Family f : {Family::kOu, Family::kCld}) {
      const double y = r.errs[0][continuous_of(f)].kl;
      if (y >= lo * 1e-3)
        lo = std::min(lo, y);
      else
        off_scale.push_back(fmt::format("{} continuous-time limit: KL = {:.2g} (below the axis)",
                                        f == Family::kOu ? "OU" : "CLD", y));
    }
    const auto [row, column] = where[static_cast<std::size_t>(plotted)];
    s += fmt::format("\n# ---- panel ({}): case {} (data.csv index {})\n", letters[plotted], c.key,
                     ci);
    s += place(row, column);
    s += fmt::format("set title \"({}) {}\"\n", letters[plotted], c.title);
    s += n_axis;
    s += column == 0 ? "set ylabel 'KL(π_{data} ‖ output)' offset 1,0\n" : "unset ylabel\n";
    s += decade_range(lo, hi);
    s += "unset label\n";
    for (std::size_t k = 0; k < off_scale.size(); ++k)
      s += fmt::format("set label {} \"{}\" at graph 0.97, graph {:.2f} right font ',10'\n", k + 1,
                       off_scale[k], 0.94 - 0.06 * static_cast<double>(k));
    std::vector<std::string> items;
    for (const Style& st : kPlotted) {
      const std::string key = st.key;
      if (key.ends_with("continuous"))  // a constant: cont_<case>_<family>
        items.push_back(
            fmt::format("cont_{}_{} with lines lt {}", ci, key.substr(0, key.find('_')), st.lt));
      else
        items.push_back(fmt::format("'data.csv' index {} using 1:(pos(${})) with linespoints lt {}",
                                    ci, col(cols, "kl_" + key), st.lt));
    }
    s += "plot " + fmt::format("{}", fmt::join(items, ", \\\n     ")) + "\n";
    s += "unset label\n";
    ++plotted;
  }
  if (plotted != 4) throw std::logic_error("four cases must be plotted");

  // Panel (c): the continuous-time samplers against T.
  {
    double lo = std::numeric_limits<double>::infinity(), hi = 0;
    for (const HorizonPoint& p : horizon)
      for (const auto* arr : {&p.one_d, &p.het})
        for (const Err& e : *arr) lo = std::min(lo, e.kl), hi = std::max(hi, e.kl);
    s += "\n# ---- panel (c): continuous-time samplers against T (data.csv last index)\n";
    s += place(0, 2);
    s += "set title \"(c) initialisation error alone: continuous-time samplers against T\"\n";
    s += "unset logscale\nset logscale y\nset xrange [0.4:6.1]\nset xtics 0.5, 0.5, 6\n"
         "set mxtics 2\nset format x '%g'\nset xlabel 'horizon T'\nunset ylabel\n";
    s += decade_range(lo, hi);
    s += "set key bottom left font ',10' spacing 1.1 samplen 3\n";
    const int hidx = static_cast<int>(cases.size());
    const std::array<std::string, 6> keys = {"kl_1d_ou",  "kl_1d_cld",  "kl_1d_cldv",
                                             "kl_het_ou", "kl_het_cld", "kl_het_cldv"};
    const std::array<std::string, 6> titles = {
        "d = 1 N(0,2): OU",       "d = 1: CLD, v_0 = 1 (stationary)",
        "d = 1: CLD, v_0 = 0.04", "d = 10 heterosc.: OU",
        "d = 10: CLD, v_0 = 1",   "d = 10: CLD, v_0 = 0.04"};
    const std::array<std::string, 6> styles = {
        "lc rgb '#08306B' lw 2.5 dt solid", "lc rgb '#B2182B' lw 2.5 dt solid",
        "lc rgb '#F16913' lw 2.5 dt solid", "lc rgb '#08306B' lw 2.5 dt (8,4)",
        "lc rgb '#B2182B' lw 2.5 dt (8,4)", "lc rgb '#F16913' lw 2.5 dt (8,4)"};
    std::vector<std::string> items;
    for (std::size_t k = 0; k < keys.size(); ++k)
      items.push_back(fmt::format("'data.csv' index {} using 1:(pos(${})) with lines {} title '{}'",
                                  hidx, col(hcols, keys[k]), styles[k], titles[k]));
    s += "plot " + fmt::format("{}", fmt::join(items, ", \\\n     ")) + "\n";
    s += "unset key\n";
  }

  // Panel (f): ratio best OU / best CLD at equal N.
  {
    double lo = 1, hi = 1;
    std::vector<std::string> items;
    const std::array<const char*, 4> colors = {"#1B9E77", "#D95F02", "#7570B3", "#E7298A"};
    const std::array<const char*, 4> short_titles = {"d=1, T=2", "d=1, T=5", "d=10 het., T=5",
                                                     "d=10 het., T=5, quad. grid"};
    int k = 0;
    for (std::size_t ci = 0; ci < cases.size(); ++ci) {
      if (!cases[ci].plotted) continue;
      for (const std::vector<double>& row : case_rows(results[ci]))
        for (const char* m : {"kl", "w2"}) {
          const double y =
              row[static_cast<std::size_t>(col(cols, fmt::format("{}_ratio_ou_over_cld", m)) - 1)];
          lo = std::min(lo, y), hi = std::max(hi, y);
        }
      items.push_back(fmt::format(
          "'data.csv' index {} using 1:(pos(${})) with linespoints lc rgb '{}' lw 2 pt 7 ps 0.8 "
          "dt solid title '{}: KL'",
          ci, col(cols, "kl_ratio_ou_over_cld"), colors[k], short_titles[k]));
      items.push_back(fmt::format(
          "'data.csv' index {} using 1:(pos(${})) with linespoints lc rgb '{}' lw 2 pt 6 ps 0.8 "
          "dt (6,4) title '{}: W_2'",
          ci, col(cols, "w2_ratio_ou_over_cld"), colors[k], short_titles[k]));
      ++k;
    }
    s += "\n# ---- panel (f): (best OU scheme)/(best CLD scheme) at equal N\n";
    s += place(1, 2);
    s += "set title \"(f) (best OU error) / (best CLD error) at equal N;  above 1: CLD better\"\n";
    s += n_axis;
    s += "unset ylabel\n";
    // Three empty decades below the curves hold the key.
    s += decade_range(lo * 1e-3, hi);
    s += "set arrow 1 from graph 0, first 1 to graph 1, first 1 nohead lc rgb 'black' lw 1.5\n";
    s += "set key bottom right maxrows 4 font ',10' spacing 1.05 samplen 3 width -2\n";
    s += "plot " + fmt::format("{}", fmt::join(items, ", \\\n     ")) + "\n";
    s += "unset arrow 1\nunset key\n";
  }

  // Shared legend of panels (a), (b), (d), (e).
  s += fmt::format(R"(
# ---- legend of (a), (b), (d), (e) (NaN first: a plot of key entries only trips gnuplot 5.4)
set lmargin at screen 0.02; set rmargin at screen 0.98
set bmargin at screen 0.005; set tmargin at screen {:.4f}
unset title; unset xlabel; unset ylabel; unset logscale; unset grid; unset border; unset tics
unset label
set xrange [0:1]; set yrange [0:1]
set key center center horizontal maxrows 2 Left reverse width 1 samplen 4 spacing 1.3 font ',12'
plot NaN notitle)",
                   kBottom - 0.06);
  for (std::size_t k = 0; k < kPlotted.size(); ++k) {
    const bool cont = std::string(kPlotted[k].key).ends_with("continuous");
    s += fmt::format(", \\\n     keyentry with {} lt {} title '{}'", cont ? "lines" : "linespoints",
                     kPlotted[k].lt, kLegend[k]);
  }
  s += "\nunset multiplot\n";
  return s;
}

// ---- main ------------------------------------------------------------------------------------

int run(const std::string& out, int argc, const char* const* argv) {
  const auto t0 = std::chrono::steady_clock::now();
  const std::vector<Case> cases = {
      {"1d_T2", "d = 1, data N(0, 2), T = 2", sb::gaussian_1d(0, 2), 2.0, false, 4.0, true, "1d"},
      {"1d_T5", "d = 1, data N(0, 2), T = 5", sb::gaussian_1d(0, 2), 5.0, false, 4.0, true, "1d"},
      {"het_T5", "d = 10 heteroscedastic (variances 1, 0.01, ...), T = 5",
       sb::gaussian_preset("heteroscedastic", 10), 5.0, false, 4.0, true, "het"},
      {"het_T5_quad", "the same on the quadratic grid τ_k = T(1 - k/N)^2",
       sb::gaussian_preset("heteroscedastic", 10), 5.0, true, 4.0, true, "het"},
      {"1d_T5_s2", "d = 1, data N(0, 2), T = 5, sigma2 = 2 (Sigma_inf = I/2), OU with N(0, I/2)",
       sb::gaussian_1d(0, 2), 5.0, false, 2.0, false, ""},
  };

  std::vector<CaseResult> results;
  std::vector<std::string> diverged;
  for (const Case& c : cases) {
    const Processes p = processes_of(c.sigma2, c.data.dim());
    CaseResult r;
    for (int N : kSteps) {
      std::array<Err, kSeries.size()> row;
      for (std::size_t i = 0; i < kSeries.size(); ++i) {
        row[i] = evaluate(make(c, p, kSeries[i], N));
        if (!row[i].ok)
          diverged.push_back(
              fmt::format("{} N = {} {}: {}", c.key, N, series_key(kSeries[i]), row[i].why));
      }
      r.errs.push_back(row);
    }
    results.push_back(std::move(r));
    std::cerr << fmt::format("{}: case {} done\n", kProg, c.key);
  }

  // The brief's two velocity variants "v = 1" and "stationary" are the same at σ² = 4:
  // (Σ∞)_vv = σ²/4 = 1. Checked on the first case, every scheme and N.
  double max_rel = 0;
  {
    const Case& c = cases[0];
    const Processes p = processes_of(c.sigma2, c.data.dim());
    const auto v1 = std::make_shared<const sb::CldProcess>(4.0, 1.0);
    for (std::size_t n = 0; n < kSteps.size(); ++n)
      for (std::size_t i = 0; i < kSeries.size(); ++i) {
        if (kSeries[i].family != Family::kCld) continue;
        const Err e = evaluate(make(c, p, kSeries[i], kSteps[n], v1));
        const Err& ref = results[0].errs[n][i];
        max_rel =
            std::max({max_rel, std::abs(e.kl - ref.kl) / ref.kl, std::abs(e.w2 - ref.w2) / ref.w2});
      }
    if (!(max_rel <= 1e-12))
      throw std::logic_error(
          fmt::format("CldProcess(4, v = 1) differs from the stationary velocity by {}", max_rel));
  }

  // Panel (c): continuous-time samplers against T.
  const sb::GaussianData one_d = sb::gaussian_1d(0, 2);
  const sb::GaussianData het = sb::gaussian_preset("heteroscedastic", 10);
  const Processes p1 = processes_of(4.0, 1), p10 = processes_of(4.0, 10);
  std::vector<HorizonPoint> horizon;
  const int n_horizon = static_cast<int>(std::lround((kTMax - kTMin) / kTStep)) + 1;
  for (int k = 0; k < n_horizon; ++k) {
    HorizonPoint hp;
    hp.T = kTMin + kTStep * k;
    for (int f = 0; f < 3; ++f) {
      hp.one_d[f] = continuous_error(p1, static_cast<Family>(f), one_d, hp.T);
      hp.het[f] = continuous_error(p10, static_cast<Family>(f), het, hp.T);
      if (!hp.one_d[f].ok || !hp.het[f].ok)
        throw std::runtime_error(fmt::format("continuous-time sampler failed at T = {}", hp.T));
    }
    horizon.push_back(hp);
  }
  std::cerr << fmt::format("{}: horizon sweep done\n", kProg);
  // The plotted cases draw their continuous-time limits from the horizon block: same numbers?
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    if (!cases[ci].plotted) continue;
    const auto hp = std::find_if(horizon.begin(), horizon.end(),
                                 [&](const HorizonPoint& x) { return x.T == cases[ci].T; });
    if (hp == horizon.end()) throw std::logic_error("a plotted case's T is not on the T grid");
    const auto& arr = cases[ci].horizon_data == "1d" ? hp->one_d : hp->het;
    for (Family f : {Family::kOu, Family::kCld, Family::kCldSmallV}) {
      const Err& a = arr[static_cast<std::size_t>(f)];
      const Err& b = results[ci].errs[0][static_cast<std::size_t>(continuous_of(f))];
      if (a.kl != b.kl || a.w2 != b.w2)
        throw std::logic_error("the horizon block's continuous-time errors differ from the case's");
    }
  }

  // ---- data.csv, plot.gnu, plot.png
  const std::vector<std::string> cols = case_columns();
  std::vector<std::string> hcols = {"T"};
  for (const char* dkey : {"1d", "het"})
    for (const char* m : {"kl", "w2"})
      for (const char* f : kFamilyKey) hcols.push_back(fmt::format("{}_{}_{}", m, dkey, f));

  sb::FigureWriter fig(out, kProg);
  fig.set_command_line(argc, argv);
  fig.set_param("question", "CLD vs OU at the same number N of score evaluations (issue 11)");
  fig.set_param("ou",
                "standard OU dX = -X dt + sqrt(2) dB, pi_inf = N(0, I) (sigma2 = 2 case: "
                "dX = -X dt + dB, pi_inf = N(0, I/2))");
  fig.set_param("cld",
                "seed 002 CLD, A = [[0, 1], [-1, -2]], D = diag(0, sigma2), sigma2 = 4 "
                "(Sigma_inf = I); cld_*: stationary velocity v = sigma2/4 (= v = 1 at "
                "sigma2 = 4, checked), cldv_*: v = 0.04 sigma2/4 (Dockhorn et al. 2022, gamma = "
                "0.04)");
  fig.set_param("error",
                "exact KL(pi_data || output) and W2(pi_data, output); CLD: position "
                "marginal of the phase-space output");
  fig.set_param("score", "exact");
  fig.set_param("init", "reference law (OU N(0, I); CLD N(0, Sigma_inf) in phase space)");
  fig.set_param("grid", "uniform, except het_T5_quad: tau_k = T (1 - k/N)^2");
  fig.set_param("best",
                "*_best_<family>: smallest error over the discrete schemes of the family "
                "(continuous excluded); *_series: its 0-based index among the columns "
                "ou_em, ou_ei, ou_eir, ou_continuous, cld_em, ..., cldv_continuous");
  fig.set_param("continuous", "the continuous-time errors are in the last block (against T)");
  fig.set_param("diverged", "1 if the run left the finite range (its value columns then hold 0)");
  fig.set_param("method",
                "exact mean/covariance recursions (sb::solve), closed-form metrics, "
                "no Monte Carlo");
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    fig.set_param(fmt::format("index_{}", ci), cases[ci].key);
    fig.add_block(fmt::format("{}: {}", cases[ci].key, cases[ci].title), cols,
                  case_rows(results[ci]));
  }
  fig.set_param(fmt::format("index_{}", cases.size()),
                "continuous-time samplers against T (1d: N(0, 2); het: heteroscedastic d = 10)");
  {
    std::vector<std::vector<double>> rows;
    for (const HorizonPoint& hp : horizon) {
      std::vector<double> row = {hp.T};
      for (const auto* arr : {&hp.one_d, &hp.het}) {
        for (const Err& e : *arr) row.push_back(e.kl);
        for (const Err& e : *arr) row.push_back(e.w2);
      }
      rows.push_back(std::move(row));
    }
    fig.add_block("continuous-time samplers against the horizon T", hcols, std::move(rows));
  }
  fig.write(make_script(cases, results, cols, hcols, horizon));
  for (const std::string& m : fig.gnuplot_messages())
    std::cerr << kProg << ": gnuplot: " << m << '\n';

  // ---- summary on stdout
  fmt::print(
      "CLD vs OU at equal cost N (score evaluations), exact errors; best = smallest error over "
      "the discrete schemes of a family; ratio = best OU / best CLD (> 1: CLD wins); '<' marks a "
      "best CLD error below CLD's own continuous-time error (discretisation error cancelling "
      "the initialisation error)\n");
  fmt::print(
      "cld = stationary velocity v = 1 (identical to v = 1 at sigma2 = 4: max relative "
      "difference {:.1e}); cldv = v = 0.04\n",
      max_rel);
  const auto name = [](int i) { return kSeries[static_cast<std::size_t>(i)].scheme_key; };
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    const Case& c = cases[ci];
    const CaseResult& r = results[ci];
    fmt::print("\n[{}] {}\n", c.key, c.title);
    fmt::print(
        "  continuous-time limits: KL OU {:.4g}, CLD {:.4g}, CLD v=0.04 {:.4g}; W2 OU "
        "{:.4g}, CLD {:.4g}, CLD v=0.04 {:.4g}\n",
        r.errs[0][continuous_of(Family::kOu)].kl, r.errs[0][continuous_of(Family::kCld)].kl,
        r.errs[0][continuous_of(Family::kCldSmallV)].kl, r.errs[0][continuous_of(Family::kOu)].w2,
        r.errs[0][continuous_of(Family::kCld)].w2, r.errs[0][continuous_of(Family::kCldSmallV)].w2);
    fmt::print(
        "  {:>4} | {:<4} {:>10} {:<18} {:>10}  {:>9} | {:<18} {:>10} | {:<4} {:>10} "
        "{:<18} {:>10}  {:>9}\n",
        "N", "OU", "KL", "CLD", "KL", "ratio", "CLD v=0.04", "KL", "OU", "W2", "CLD", "W2",
        "ratio");
    for (std::size_t n = 0; n < kSteps.size(); ++n) {
      const int bo = best_of(r, n, Family::kOu, 0), bc = best_of(r, n, Family::kCld, 0),
                bv = best_of(r, n, Family::kCldSmallV, 0);
      const int wo = best_of(r, n, Family::kOu, 1), wc = best_of(r, n, Family::kCld, 1);
      const double kc = r.errs[n][continuous_of(Family::kCld)].kl;
      const double wcc = r.errs[n][continuous_of(Family::kCld)].w2;
      fmt::print(
          "  {:>4} | {:<4} {:>10.3e} {:<18} {:>10.3e}{} {:>9.3g} | {:<18} {:>10.3e} | {:<4} "
          "{:>10.3e} {:<18} {:>10.3e}{} {:>9.3g}\n",
          kSteps[n], name(bo), r.errs[n][bo].kl, name(bc), r.errs[n][bc].kl,
          r.errs[n][bc].kl < kc ? '<' : ' ', r.errs[n][bo].kl / r.errs[n][bc].kl, name(bv),
          r.errs[n][bv].kl, name(wo), r.errs[n][wo].w2, name(wc), r.errs[n][wc].w2,
          r.errs[n][wc].w2 < wcc ? '<' : ' ', r.errs[n][wo].w2 / r.errs[n][wc].w2);
    }
    // Scheme by scheme (em, ei, eir exist for both processes): OU KL / CLD KL at each N.
    for (int k = 0; k < 3; ++k) {
      std::vector<std::string> ratios;
      for (std::size_t n = 0; n < kSteps.size(); ++n) {
        const Err& o = r.errs[n][static_cast<std::size_t>(k)];
        const Err& c2 = r.errs[n][static_cast<std::size_t>(continuous_of(Family::kOu) + 1 + k)];
        ratios.push_back(o.ok && c2.ok ? fmt::format("{:.3g}", o.kl / c2.kl) : "diverged");
      }
      fmt::print("  same scheme {:<3}: KL OU/CLD at N = 5..640: {}\n", kSeries[k].scheme_key,
                 fmt::join(ratios, ", "));
    }
    // Schemes whose KL does not decrease with N (above the rounding level).
    std::vector<std::string> rising;
    for (std::size_t i = 0; i < kSeries.size(); ++i) {
      if (kSeries[i].scheme == Scheme::kContinuous) continue;
      std::vector<int> at;
      for (std::size_t n = 0; n + 1 < kSteps.size(); ++n)
        if (r.errs[n][i].ok && r.errs[n + 1][i].ok &&
            r.errs[n + 1][i].kl > r.errs[n][i].kl * (1 + 1e-9))
          at.push_back(kSteps[n]);
      if (!at.empty())
        rising.push_back(
            fmt::format("{} (N = {} -> 2N)", series_key(kSeries[i]), fmt::join(at, ", ")));
    }
    fmt::print("  KL increases with N: {}\n",
               rising.empty() ? "none" : fmt::format("{}", fmt::join(rising, "; ")));
  }

  fmt::print("\nInitialisation error alone (continuous-time samplers), KL (W2):\n");
  fmt::print("  {:>5} | {:>21} {:>21} {:>21} | {:>21} {:>21} {:>21}\n", "T", "1d OU", "1d CLD",
             "1d CLD v=0.04", "het OU", "het CLD", "het CLD v=0.04");
  for (const HorizonPoint& hp : horizon) {
    if (std::abs(hp.T - std::round(hp.T)) > 1e-12 && std::abs(hp.T - 0.5) > 1e-12) continue;
    fmt::print("  {:>5} |", hp.T);
    for (const auto* arr : {&hp.one_d, &hp.het}) {
      for (const Err& e : *arr) fmt::print(" {:>9.3e} ({:>9.3e})", e.kl, e.w2);
      fmt::print(" |");
    }
    fmt::print("\n");
  }
  bool ou_always = true;
  for (const HorizonPoint& hp : horizon)
    for (int f = 1; f < 3; ++f)
      ou_always = ou_always && hp.one_d[0].kl < hp.one_d[f].kl && hp.het[0].kl < hp.het[f].kl &&
                  hp.one_d[0].w2 < hp.one_d[f].w2 && hp.het[0].w2 < hp.het[f].w2;
  fmt::print(
      "  OU's initialisation error is below both CLD variants' at every T in [{}, {}], "
      "KL and W2: {}\n",
      kTMin, kTMax, ou_always ? "yes" : "no");
  // The identity of the write-up: with the stationary velocity, C₀ − Σ∞ = diag(λ − 1, 0), so
  // Cov_T − Σ∞ = (λ − 1) f fᵀ with f = e^{TA}e₁ and the continuous-time CLD output's position
  // law depends on T only through q = ‖f‖² = e^{−2T}((1 + T)² + T²); the OU's through
  // q = e^{−2T}. So CLD at T = OU at T_eff = T − ½ log(1 + 2T + 2T²), for every Gaussian data.
  // Agreement is required to 1e-9 relative, or to the rounding level of the tiny values: a KL
  // near 1e-21 carries r − 1 ≈ 1e-10, resolved to ~1e-6 relative (absolute floors 1e-24 on the
  // KL, 1e-14 on W2).
  double identity_rel = 0;
  bool identity_ok = true;
  for (const HorizonPoint& hp : horizon) {
    const double T_eff = hp.T - 0.5 * std::log1p(2.0 * hp.T + 2.0 * hp.T * hp.T);
    const Err a = continuous_error(p1, Family::kOu, one_d, T_eff);
    const Err b = continuous_error(p10, Family::kOu, het, T_eff);
    for (const auto& [x, y] : {std::pair{a, hp.one_d[1]}, std::pair{b, hp.het[1]}}) {
      identity_rel =
          std::max({identity_rel, std::abs(x.kl - y.kl) / y.kl, std::abs(x.w2 - y.w2) / y.w2});
      identity_ok = identity_ok && std::abs(x.kl - y.kl) <= 1e-9 * y.kl + 1e-24 &&
                    std::abs(x.w2 - y.w2) <= 1e-9 * y.w2 + 1e-14;
    }
  }
  fmt::print(
      "  CLD (stationary velocity) at T = OU at T_eff = T - log(1 + 2T + 2T^2)/2 "
      "(exact identity): max relative difference over the T grid, both data, KL and W2: "
      "{:.1e}\n",
      identity_rel);
  if (!identity_ok)
    throw std::logic_error(fmt::format("the T_eff identity fails: {}", identity_rel));
  for (double T0 : {2.0, 5.0})
    for (int dk = 0; dk < 2; ++dk) {
      const Processes& p = dk == 0 ? p1 : p10;
      const sb::GaussianData& data = dk == 0 ? one_d : het;
      const double target = continuous_error(p, Family::kOu, data, T0).kl;
      const auto kl = [&](double T) { return continuous_error(p, Family::kCld, data, T).kl; };
      const std::optional<double> Tc = horizon_for(kl, target, T0, 3.0 * T0);
      fmt::print(
          "  {} data: OU's KL at T = {} ({:.3e}) is reached by CLD (v = 1) at T = {} "
          "(bisection; = the root of T_eff(T) = {})\n",
          dk == 0 ? "1d" : "het", T0, target,
          Tc ? fmt::format("{:.4f}", *Tc) : std::string("(not in [T, 3T])"), T0);
    }
  fmt::print("\nDiverged runs: {}\n",
             diverged.empty() ? "none" : fmt::format("{}", fmt::join(diverged, "; ")));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("Figure: {} ({:.2f} s)\n", (fig.dir() / "plot.png").string(), secs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Figure cld_vs_ou: exact errors of the CLD and OU samplers at the same number of score "
      "evaluations (seed 002; Dockhorn et al. 2022). Writes DIR/cld_vs_ou/{data.csv, plot.gnu, "
      "plot.png}; summary table on stdout.",
      kProg};
  std::string out = "plots";
  app.add_option("--out", out, "output directory (the figure goes to DIR/cld_vs_ou/)")
      ->capture_default_str();
  return sb::experiment_main(app, argc, argv, kProg, out, [&] { return run(out, argc, argv); });
}
