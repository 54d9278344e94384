// Figure plots/cds25_kl/: the CDS25 KL bound (seed 000; theory-notes C1 and D-8) against the
// exact KL(π_data ‖ law of the output) of the three discretisations EM, EI and EIR, for the
// standard OU forward process dX = −X dt + √2 dB, the exact score (so E2 = 0) and the sampler
// started from the reference law N(0, I_d).
//
//   KL(π_data ‖ law of Y_N) ≤ E1 + E2 + E3,  E1 = e^{−2T} KL(π_data|γ_d),  E2 = T ε²,
//                                             E3 = h I(π_data|γ_d).
//
// Panels (3×2): rows 1–2 = sweep over the number of steps N at T = 2, and sweep over the
// horizon T at fixed step h = 0.05 (N = ⌈T/h⌉), for the 1-D instance of theory-notes D-8,
// N(0, 0.98) (left), and the d = 50 "correlated" preset (mean 1_d, Σ_ij = 1/√(|i−j|+1), right).
// Row 3 = the parameters the bound depends on besides T and h: (e) an additive error ε on the
// score (E2 = 4Tε², CDS25's ε being that of 2∇log p) on N(0, 0.98) at T = 2, N = 100;
// (f) the dimension d for the "heteroscedastic" preset (mean 1_d, diagonal variances
// 1, 0.01, 1, 1, 1 repeating) at T = 2, N = 100.
// Every number is exact (mean/covariance recursion of theory-notes B.2 + closed-form KL); the
// verdict of each point is the one of the registered check "cds25_kl" (exact ≤ bound + the
// floating-point allowance of kl_check_tolerance). A violation by EM or EI is a finding about
// the seed (its printed sampler is EM), not a failure of this program: it exits 0.
//
// Usage: cds25_kl [--out DIR]   → DIR/cds25_kl/{data.csv, plot.gnu, plot.png}
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <functional>
#include <iostream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sb/core/rng.hpp"
#include "sb/data/gaussian_data.hpp"
#include "sb/plot/experiment_main.hpp"
#include "sb/plot/figure.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/scheme.hpp"
#include "sb/sampler/time_grid.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/registry.hpp"

namespace {

using sb::Scheme;

constexpr const char* kFigure = "cds25_kl";
constexpr const char* kCheckId = "cds25_kl";
constexpr const char* kProg = "cds25_kl";

constexpr double kSweepNHorizon = 2.0;
const std::vector<double> kSweepNSteps = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
constexpr double kSweepTStep = 0.05;
const std::vector<double> kSweepTHorizons = {0.25, 0.5, 1, 2, 3, 4, 6, 8};
constexpr double kRow3Horizon = 2.0;
constexpr int kRow3Steps = 100;
const std::vector<double> kSweepEps = {1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1};
const std::vector<double> kSweepDims = {1, 2, 5, 10, 20, 50};
constexpr const char* kDimPreset = "heteroscedastic";

constexpr std::array<Scheme, 3> kSchemes = {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                                            Scheme::kExponentialRenormalised};
constexpr std::array<const char*, 3> kSchemeLegend = {
    "exact KL, EM (printed scheme)", "exact KL, EI", "exact KL, EIR (CDS25's scheme)"};

struct Options {
  std::string out = "plots";
};

struct DataSet {
  std::string key;                               // in messages and data.csv
  std::string title;                             // in the panel title (gnuplot enhanced text)
  std::shared_ptr<const sb::GaussianData> data;  // null when the sweep sets the data
};

struct Sweep {
  std::string key;
  std::string xlabel;
  std::string what;    // in the panel title
  std::string x_axis;  // gnuplot commands for the x axis (range, tics, format)
  std::vector<double> xs;
  /// Sets what the sweep varies on a configuration that holds the panel's data set: always
  /// the grid, and the score error or the data where those are swept.
  std::function<void(double, sb::Problem&)> configure;
};

/// One x of one panel: the three exact KLs and the (scheme-independent) bound.
struct Point {
  double x = 0, T = 0, h = 0;
  int steps = 0;
  std::array<double, 3> kl{};
  std::array<sb::Verdict, 3> verdict{};
  double bound = 0;
  std::array<double, 3> terms{};  // E1, E2, E3
};

struct Panel {
  const DataSet* data;
  const Sweep* sweep;
  std::vector<Point> points;
};

/// N = ⌈T/h⌉, robust to T/h landing a rounding error above an integer (0.25/0.05 = 5.000…01).
int steps_for(double T, double h) { return static_cast<int>(std::ceil(T / h * (1.0 - 1e-12))); }

Point evaluate_point(const DataSet& ds, const Sweep& sw, double x) {
  Point p;
  p.x = x;
  for (std::size_t s = 0; s < kSchemes.size(); ++s) {
    sb::Problem cfg;
    cfg.process = sb::make_standard_ou();
    cfg.target = ds.data;
    sw.configure(x, cfg);
    p.T = cfg.grid.horizon();
    p.steps = cfg.grid.steps();
    p.h = cfg.grid.max_step();
    cfg.scheme = kSchemes[s];
    cfg.init = sb::Init::kReference;
    // Only the check's own metric is computed: the Outcome computes what is asked for.
    sb::Outcome out = sb::solve(cfg);
    const std::string where =
        fmt::format("{}, {} = {}, scheme {}", ds.key, sw.key, x, sb::to_string(kSchemes[s]));
    if (!out.ok())
      throw std::runtime_error(
          fmt::format("the sampler diverged ({}): {}", where, out.result().message));
    const sb::TheoremCheck* check = sb::registry().find(kCheckId);
    if (check == nullptr || !sb::check_applies(*check, cfg))
      throw std::logic_error(
          fmt::format("check '{}' did not run ({}); is it registered and does "
                      "it apply to the standard OU?",
                      kCheckId, where));
    const sb::BoundReport r = sb::run_check(*check, cfg, out);
    if (r.terms.size() != 3 || r.terms[0].name != "E1" || r.terms[1].name != "E2" ||
        r.terms[2].name != "E3")
      throw std::logic_error(
          fmt::format("check '{}' must report the terms E1, E2, E3 ({})", kCheckId, where));
    if (!(r.exact.value > 0) || !std::isfinite(r.exact.value) || !std::isfinite(r.total))
      throw std::logic_error(
          fmt::format("exact KL {} or bound {} is not finite and > 0 ({}); "
                      "cannot be drawn on a log axis",
                      r.exact.value, r.total, where));
    if (r.exact.value != out.metric(sb::Metric::kKlDataModel).value)
      throw std::logic_error(
          fmt::format("the report's exact value is not KL(data ‖ output) ({})", where));
    p.kl[s] = r.exact.value;
    p.verdict[s] = r.verdict;
    const std::array<double, 3> terms = {r.terms[0].value, r.terms[1].value, r.terms[2].value};
    if (s == 0) {
      p.bound = r.total;
      p.terms = terms;
    } else if (r.total != p.bound || terms != p.terms) {
      // The bound involves the data, T, h and the score error only, never the scheme.
      throw std::logic_error(fmt::format("the CDS25 bound differs between schemes ({}): {} vs {}",
                                         where, r.total, p.bound));
    }
  }
  return p;
}

std::string format_sig(double x) { return fmt::format("{:.3g}", x); }

/// The y range of a panel (all curves plus a margin, so that no point sits on the frame) and
/// its tics: decades when at least three fall in the range, else 1-2-5 steps.
std::string y_axis(const Panel& pn) {
  double lo = std::numeric_limits<double>::infinity(), hi = 0;
  for (const Point& p : pn.points)
    for (double y : {p.kl[0], p.kl[1], p.kl[2], p.bound})
      lo = std::min(lo, y), hi = std::max(hi, y);
  lo /= 1.6;
  hi *= 1.6;
  std::string s = fmt::format("set yrange [{:.4g}:{:.4g}]\n", lo, hi);
  const double decades = std::floor(std::log10(hi)) - std::ceil(std::log10(lo)) + 1;
  if (decades > 6)  // every other decade, so that the labels do not crowd
    return s + fmt::format("set ytics 1e{:.0f}, 100\nset mytics 10\nset format y '10^{{%T}}'\n",
                           std::ceil(std::log10(lo)));
  s += "set mytics default\n";
  if (decades >= 3) return s + "set ytics autofreq\nset format y '10^{%T}'\n";
  std::vector<std::string> tics;
  for (int k = static_cast<int>(std::floor(std::log10(lo))); k <= std::ceil(std::log10(hi)); ++k)
    for (double m : {1.0, 2.0, 5.0}) {
      const double t = m * std::pow(10.0, k);
      if (t >= lo && t <= hi) tics.push_back(fmt::format("{:g}", t));
    }
  return s + fmt::format("set ytics ({})\nset format y '%g'\n", fmt::join(tics, ", "));
}

/// The gnuplot script: a multiplot of two panels per row, log–log, one shared legend at the
/// bottom.
std::string make_script(const std::vector<Panel>& panels, const std::vector<std::string>& cols) {
  const auto col = [&](const std::string& name) {
    const auto it = std::find(cols.begin(), cols.end(), name);
    if (it == cols.end()) throw std::logic_error("no column " + name);
    return static_cast<int>(it - cols.begin()) + 1;
  };
  const std::size_t rows = (panels.size() + 1) / 2;
  const int height = 190 + 425 * static_cast<int>(rows);
  std::string s = sb::FigureWriter::png_preamble(1400, height, "Sans,12");
  s += R"(# CDS25 KL bound against the exact KL of EM, EI, EIR; data in data.csv (index = panel).
set datafile separator comma
pos(y) = (y > 0 ? y : NaN)          # log axes: never draw a zero
set logscale xy
set grid xtics ytics mxtics mytics lc rgb '#dddddd' lw 1, lc rgb '#f0f0f0' lw 1
set border lw 1.2
set tics nomirror
set mxtics 10
set ylabel 'KL(π_{data} ‖ law of output)' offset 1,0
set linetype 1 lc rgb '#0072B2' lw 2 pt 5 ps 1.1 dt solid
set linetype 2 lc rgb '#E69F00' lw 2 pt 9 ps 1.3 dt solid
set linetype 3 lc rgb '#009E73' lw 2 pt 7 ps 1.1 dt solid
set linetype 4 lc rgb 'black'   lw 2.5 dt (10,6)
set linetype 5 lc rgb '#E00000' pt 7 ps 2.3
set multiplot \
    title "CDS25 KL bound (seed 000), standard OU, exact score\n{/*0.8 init N(0, I_d); exact mean/covariance recursion, no Monte Carlo; red halo: bound violated (exact KL > E1+E2+E3)}" \
    font ',16'
unset key
)";
  // Explicit panel geometry (screen fractions), so that the legend gets the full width below:
  // fixed pixel heights for the title (125), the legend (165) and the gaps between rows (115).
  const double px = 1.0 / height;
  constexpr double kLeft = 0.065, kRight = 0.985, kHGap = 0.075;
  const double kBottom = 165 * px, kTop = 1 - 125 * px, kVGap = 115 * px;
  const double w = (kRight - kLeft - kHGap) / 2;
  const double h =
      (kTop - kBottom - kVGap * static_cast<double>(rows - 1)) / static_cast<double>(rows);
  const char* letters = "abcdefgh";
  if (panels.size() > 8) throw std::logic_error("at most 8 panels");
  for (std::size_t i = 0; i < panels.size(); ++i) {
    const Panel& pn = panels[i];
    const double x0 = kLeft + static_cast<double>(i % 2) * (w + kHGap);
    const double y1 = kTop - static_cast<double>(i / 2) * (h + kVGap);
    s += fmt::format("\n# ---- panel ({}): index {} = {}, {}\n", letters[i], i, pn.data->key,
                     pn.sweep->key);
    s += fmt::format("set lmargin at screen {:.4f}; set rmargin at screen {:.4f}\n", x0, x0 + w);
    s += fmt::format("set bmargin at screen {:.4f}; set tmargin at screen {:.4f}\n", y1 - h, y1);
    s += fmt::format("set title \"({}) {};  {}\"\n", letters[i], pn.data->title, pn.sweep->what);
    s += fmt::format("set xlabel {}\n", sb::FigureWriter::gnuplot_quote(pn.sweep->xlabel));
    s += pn.sweep->x_axis + "\n";
    s += y_axis(pn);
    const std::string idx = fmt::format("'data.csv' index {}", i);
    std::vector<std::string> items;
    // Violation halos first, so that each scheme's own marker stays visible on top.
    for (const char* sch : {"em", "ei", "eir"})
      items.push_back(fmt::format("{} using 1:(${} > 0 ? pos(${}) : NaN) with points lt 5", idx,
                                  col(std::string("violated_") + sch),
                                  col(std::string("kl_") + sch)));
    items.push_back(fmt::format("{} using 1:(pos(${})) with lines lt 4", idx, col("bound")));
    for (const char* sch : {"em", "ei", "eir"})
      items.push_back(fmt::format("{} using 1:(pos(${})) with linespoints lt {}", idx,
                                  col(std::string("kl_") + sch), items.size() - 3));
    s += "plot " + fmt::format("{}", fmt::join(items, ", \\\n     ")) + "\n";
  }
  // The shared legend: an empty plot spanning the width of the figure below the panels.
  s += fmt::format(R"(
# ---- legend (NaN first: a plot of key entries only trips an assertion of gnuplot 5.4)
set lmargin at screen 0.02; set rmargin at screen 0.98
set bmargin at screen 0.005; set tmargin at screen {:.4f}
unset title; unset xlabel; unset ylabel; unset logscale; unset grid; unset border; unset tics
set xrange [0:1]; set yrange [0:1]
# filled column by column: row 1 = EM, EI, EIR; row 2 = bound, violated
set key center center horizontal maxcols 3 maxrows 2 Left reverse width 3 samplen 4 spacing 1.4 font ',13'
plot NaN notitle, \
     keyentry with linespoints lt 1 title "{}", \
     keyentry with lines lt 4 title 'CDS25 bound E1+E2+E3', \
     keyentry with linespoints lt 2 title "{}", \
     keyentry with points lt 5 title 'violated (exact > bound)', \
     keyentry with linespoints lt 3 title "{}"
)",
                   kBottom - 80 * px, kSchemeLegend[0], kSchemeLegend[1], kSchemeLegend[2]);
  s += "unset multiplot\n";
  return s;
}

int run(const Options& opt, int argc, const char* const* argv) {
  const auto t0 = std::chrono::steady_clock::now();
  if (!sb::registry().find(kCheckId))
    throw std::logic_error(fmt::format("check '{}' is not registered", kCheckId));

  // theory-notes D-8: N(0, 0.98) in d = 1.
  const std::vector<DataSet> datasets = {
      {"d1_N(0,0.98)", "d = 1, N(0, 0.98)",
       std::make_shared<const sb::GaussianData>(sb::Vec::Zero(1), sb::Mat::Constant(1, 1, 0.98))},
      {"d50_correlated", "d = 50, correlated preset: mean 1_d, Σ_{ij} = 1/√(|i−j|+1)",
       std::make_shared<const sb::GaussianData>(sb::gaussian_preset("correlated", 50))},
      {"heteroscedastic_d", "heteroscedastic preset (variances 1, 0.01, 1, 1, 1, …)", nullptr},
  };
  const std::string log_axis = "set xtics auto\nset format x '10^{%T}'\n";
  const std::vector<Sweep> sweeps = {
      {"sweep_N", "number of steps N", fmt::format("T = {}", kSweepNHorizon),
       log_axis + "set xrange [0.7:1500]", kSweepNSteps,
       [](double n, sb::Problem& c) {
         c.grid = sb::TimeGrid::uniform(kSweepNHorizon, static_cast<int>(n));
       }},
      {"sweep_T", "horizon T  (N = ⌈T/h⌉ steps)", fmt::format("h = {}", kSweepTStep),
       "set xtics ('0.25' 0.25, '0.5' 0.5, '1' 1, '2' 2, '4' 4, '8' 8)\nset format x '%g'\n"
       "set xrange [0.2:10]",
       kSweepTHorizons,
       [](double T, sb::Problem& c) {
         c.grid = sb::TimeGrid::uniform(T, steps_for(T, kSweepTStep));
       }},
      // A constant additive error ε·1 on ∇log p at every step. CDS25 measures the error of
      // s̃ ≈ 2∇log p, so its ε² is 4ε² here and E2 = 4Tε² (theory-notes B.1, C1).
      {"sweep_eps",
       "additive error ε of ∇log p  (CDS25 bounds the error of s̃ = 2∇log p: E2 = 4Tε²)",
       fmt::format("T = {}, N = {}", kRow3Horizon, kRow3Steps), log_axis + "set xrange [7e-4:1.5]",
       kSweepEps,
       [](double eps, sb::Problem& c) {
         c.grid = sb::TimeGrid::uniform(kRow3Horizon, kRow3Steps);
         c.score_error.eps = eps;
       }},
      {"sweep_d", "dimension d", fmt::format("T = {}, N = {}", kRow3Horizon, kRow3Steps),
       "set xtics (1, 2, 5, 10, 20, 50)\nset format x '%g'\nset xrange [0.8:65]", kSweepDims,
       [](double d, sb::Problem& c) {
         c.grid = sb::TimeGrid::uniform(kRow3Horizon, kRow3Steps);
         c.target = std::make_shared<const sb::GaussianData>(
             sb::gaussian_preset(kDimPreset, static_cast<Eigen::Index>(d)));
       }},
  };

  // Panel order = data-set index in data.csv: (a) N-sweep d = 1, (b) N-sweep d = 50,
  // (c) T-sweep d = 1, (d) T-sweep d = 50, (e) ε-sweep d = 1, (f) d-sweep heteroscedastic.
  const std::vector<std::pair<const DataSet*, const Sweep*>> layout = {
      {&datasets[0], &sweeps[0]}, {&datasets[1], &sweeps[0]}, {&datasets[0], &sweeps[1]},
      {&datasets[1], &sweeps[1]}, {&datasets[0], &sweeps[2]}, {&datasets[2], &sweeps[3]}};
  std::vector<Panel> panels;
  for (const auto& [ds, sw] : layout) {
    Panel pn{ds, sw, {}};
    for (double x : sw->xs) pn.points.push_back(evaluate_point(*ds, *sw, x));
    panels.push_back(std::move(pn));
  }

  const std::vector<std::string> cols = {
      "x",  "kl_em", "kl_ei",       "kl_eir",      "bound",       "E1",
      "E2", "E3",    "ratio_em",    "ratio_ei",    "ratio_eir",   "T",
      "N",  "h",     "violated_em", "violated_ei", "violated_eir"};

  sb::FigureWriter fig(opt.out, kFigure);
  fig.set_command_line(argc, argv);
  fig.set_param("theorem",
                "CDS25 KL bound, seed 000 (theory-notes C1, D-8): "
                "KL(pi_data || law of Y_N) <= E1 + E2 + E3");
  fig.set_param("terms",
                "E1 = e^{-2T} KL(pi_data|gamma_d), E2 = T eps^2 (= 0: exact score), "
                "E3 = h I(pi_data|gamma_d), h = max step");
  fig.set_param("process", "standard OU dX = -X dt + sqrt(2) dB (make_standard_ou)");
  fig.set_param("score", "exact, except in sweep_eps");
  fig.set_param("init", "reference N(0, I_d)");
  fig.set_param("schemes",
                "em (Euler-Maruyama, printed in seed 000), ei (plain exponential "
                "integrator), eir (renormalised exponential integrator, CDS25)");
  fig.set_param("data_1d", "N(0, 0.98), d = 1 (theory-notes D-8)");
  fig.set_param("data_50",
                "gaussian_preset correlated, d = 50: mean 1_d, "
                "Sigma_ij = 1/sqrt(|i-j|+1)");
  fig.set_param("sweep_N",
                fmt::format("N in {{{}}}, T = {}", fmt::join(kSweepNSteps, ","), kSweepNHorizon));
  fig.set_param("sweep_T", fmt::format("T in {{{}}}, h = {}, N = ceil(T/h)",
                                       fmt::join(kSweepTHorizons, ","), kSweepTStep));
  fig.set_param("sweep_eps",
                fmt::format("additive score error eps * 1_d, eps in {{{}}}, T = {}, N = {}, "
                            "data N(0, 0.98)",
                            fmt::join(kSweepEps, ","), kRow3Horizon, kRow3Steps));
  fig.set_param("sweep_d",
                fmt::format("d in {{{}}}, gaussian_preset {}, T = {}, N = {}",
                            fmt::join(kSweepDims, ","), kDimPreset, kRow3Horizon, kRow3Steps));
  fig.set_param("method", "exact mean/covariance recursion, no Monte Carlo");
  fig.set_param("verdict", fmt::format("registered check '{}': violated iff exact > bound + "
                                       "kl_check_tolerance(N, d, exact, bound)",
                                       kCheckId));
  fig.set_param("seed", sb::kDefaultSeed);
  fig.set_param("seed_use", "none: nothing in this figure is random (TV is not computed)");
  fig.set_param("ratio", "bound / exact (< 1: violated)");
  fig.set_param("violated", "1 if the check's verdict is 'violated', else 0");

  for (std::size_t i = 0; i < panels.size(); ++i) {
    const Panel& pn = panels[i];
    fig.set_param(fmt::format("index_{}", i), fmt::format("{}, {}", pn.data->key, pn.sweep->key));
    std::vector<std::vector<double>> rows;
    for (const Point& p : pn.points) {
      std::vector<double> row = {p.x,     p.kl[0],    p.kl[1],    p.kl[2],
                                 p.bound, p.terms[0], p.terms[1], p.terms[2]};
      for (double kl : p.kl) row.push_back(p.bound / kl);
      row.insert(row.end(), {p.T, static_cast<double>(p.steps), p.h});
      for (sb::Verdict v : p.verdict) row.push_back(v == sb::Verdict::kViolated ? 1.0 : 0.0);
      rows.push_back(std::move(row));
    }
    fig.add_block(fmt::format("{}, {}", pn.data->key, pn.sweep->key), cols, std::move(rows));
  }
  fig.write(make_script(panels, cols));
  for (const std::string& m : fig.gnuplot_messages())
    std::cerr << kProg << ": gnuplot: " << m << '\n';

  // Summary: per data set and scheme, over its sweeps, with the per-sweep split.
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(
      "CDS25 KL bound (seed 000) vs exact KL(pi_data || output): standard OU, exact score, "
      "init N(0,I); exact recursion, no Monte Carlo\n");
  fmt::print("{:<17} {:<6} {:>6} {:>6} {:>9}   {:>10} {:<26} {:>10} {:<26} {}\n", "data set",
             "scheme", "points", "holds", "violated", "min b/e", "(at)", "max b/e", "(at)",
             "violated per sweep");
  for (const DataSet& ds : datasets)
    for (std::size_t s = 0; s < kSchemes.size(); ++s) {
      int n = 0, holds = 0, viol = 0, other = 0;
      std::vector<std::string> viol_by_sweep;
      double lo = std::numeric_limits<double>::infinity(), hi = -lo;
      std::string at_lo, at_hi;
      for (const Panel& pn : panels) {
        if (pn.data != &ds) continue;
        int viol_here = 0;
        for (const Point& p : pn.points) {
          ++n;
          if (p.verdict[s] == sb::Verdict::kHolds)
            ++holds;
          else if (p.verdict[s] == sb::Verdict::kViolated)
            ++viol, ++viol_here;
          else
            ++other;
          const double r = p.bound / p.kl[s];
          const std::string at =
              fmt::format("{} x={} T={} N={}", pn.sweep->key.substr(6), p.x, p.T, p.steps);
          if (r < lo) lo = r, at_lo = at;
          if (r > hi) hi = r, at_hi = at;
        }
        viol_by_sweep.push_back(fmt::format("{} {}", pn.sweep->key.substr(6), viol_here));
      }
      fmt::print("{:<17} {:<6} {:>6} {:>6} {:>9}   {:>10} {:<26} {:>10} {:<26} {}{}\n", ds.key,
                 sb::to_string(kSchemes[s]), n, holds, viol, format_sig(lo), "(" + at_lo + ")",
                 format_sig(hi), "(" + at_hi + ")", fmt::join(viol_by_sweep, ", "),
                 other ? fmt::format("  ({} other verdicts)", other) : "");
    }
  fmt::print("b/e = bound/exact (< 1: violated). Figure: {} ({:.2f} s)\n",
             (fig.dir() / "plot.png").string(), secs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Figure cds25_kl: exact KL of EM, EI, EIR against the CDS25 KL bound (seed 000), "
      "standard OU, exact score. Writes DIR/cds25_kl/{data.csv, plot.gnu, plot.png}.",
      kProg};
  Options opt;
  app.add_option("--out", opt.out, "output directory (the figure goes to DIR/cds25_kl/)")
      ->capture_default_str();
  return sb::experiment_main(app, argc, argv, kProg, opt.out, [&] { return run(opt, argc, argv); });
}
