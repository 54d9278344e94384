// Figure plots/noise_schedule_study/: seed 003's noise-schedule study (Strasman et al. 2024,
// slides "Numerical analysis I/II"), with exact numbers in place of the slides' Monte Carlo
// estimates over 10 training runs.
//
// Forward process (theory-notes A.1 #8): dX = −β_a(t)/(2σ∞²) X dt + √β_a(t) dB, σ∞² = 1, T = 1,
// β_a(t) = β_min + (β_max − β_min)(e^{at} − 1)/(e^{aT} − 1), β_min = 0.1, β_max = 20 (linear at
// a = 0), a ∈ [−10, 10] (41 values). Data: the d = 50 "correlated" preset (mean 1_d,
// Σ_ij = 1/√(|i−j|+1)). Exact score, sampler started at π∞ = N(0, I), N ∈ {25, 50, 100} steps,
// schemes em, ei (printed in seed 003) and eir. For each point: the exact KL(π_data ‖ output)
// and W2(π_data, output) (mean/covariance recursion of theory-notes B.2 + closed forms), and the
// bounds of the registered checks
//   strasman24_kl               (theory-notes C12),
//   strasman24_w2_renormalised  (C13 with C_t, L_t, M of π_t/π∞, the reading that holds),
//   strasman24_w2_literal       (C13 with C_t, L_t, M of π_t, violated in theory-notes D-13).
// With the exact score the three bounds do not depend on the scheme (the score terms are 0);
// the program checks that.
//
// Layout: 2×3 grid, columns N = 25, 50, 100, rows KL and W2; log y; red rings mark the points
// where a check's verdict is "violated" (exact > bound + tolerance). Violations are findings
// about the seed, not failures of this program: it exits 0.
//
// Usage: noise_schedule_study [--out DIR]   → DIR/noise_schedule_study/{data.csv, plot.gnu,
// plot.png}; a summary (per N and scheme: the a minimising each exact error, and whether each
// bound holds at every a) goes to stdout.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <filesystem>
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
#include "sb/schedule/schedule.hpp"
#include "sb/verify/bound_report.hpp"
#include "sb/verify/registry.hpp"

namespace {

using sb::Scheme;

constexpr const char* kFigure = "noise_schedule_study";
constexpr const char* kProg = "noise_schedule_study";

constexpr double kBetaMin = 0.1, kBetaMax = 20.0, kHorizon = 1.0, kSigma2 = 1.0;
constexpr double kAMin = -10.0, kAMax = 10.0;
constexpr int kANumber = 41;
constexpr Eigen::Index kDim = 50;
constexpr std::array<int, 3> kSteps = {25, 50, 100};

constexpr std::array<Scheme, 3> kSchemes = {Scheme::kEulerMaruyama, Scheme::kExponentialIntegrator,
                                            Scheme::kExponentialRenormalised};
constexpr std::array<const char*, 3> kSchemeKey = {"em", "ei", "eir"};
constexpr std::array<const char*, 3> kSchemeLegend = {"exact, EM", "exact, EI (printed scheme)",
                                                      "exact, EIR"};

// The three bounds, in the order of the columns of data.csv.
constexpr std::array<const char*, 3> kCheckIds = {"strasman24_kl", "strasman24_w2_renormalised",
                                                  "strasman24_w2_literal"};
constexpr std::array<const char*, 3> kBoundKey = {"kl", "w2ren", "w2lit"};

struct Options {
  std::string out = "plots";
};

/// One value of a for one N: the exact errors of the three schemes and the three bounds.
struct Point {
  double a = 0;
  double B_T = 0;                    // ∫₀ᵀ β_a
  std::array<double, 3> kl{}, w2{};  // per scheme
  std::array<double, 3> bound{};     // per bound (kl, w2 renormalised, w2 literal)
  std::array<std::array<sb::Verdict, 3>, 3> verdict{};  // [bound][scheme]
};

double a_value(int i) { return kAMin + (kAMax - kAMin) * i / (kANumber - 1); }

Point evaluate_point(const std::shared_ptr<const sb::GaussianData>& data, int N, double a) {
  Point p;
  p.a = a;
  const sb::SchedulePtr beta = sb::make_exponential_schedule(a, kBetaMin, kBetaMax, kHorizon);
  p.B_T = beta->integral(kHorizon);
  const sb::ProcessPtr process = sb::make_ou_schedule(beta, kSigma2);
  for (std::size_t s = 0; s < kSchemes.size(); ++s) {
    sb::Problem cfg;
    cfg.process = process;
    cfg.target = data;
    cfg.grid = sb::TimeGrid::uniform(kHorizon, N);
    cfg.scheme = kSchemes[s];
    cfg.init = sb::Init::kReference;
    // KL and W2 only: the Outcome computes the metrics that are asked for, nothing else.
    sb::Outcome out = sb::solve(cfg);
    const std::string where = fmt::format("N = {}, a = {}, scheme {}", N, a, kSchemeKey[s]);
    if (!out.ok())
      throw std::runtime_error(
          fmt::format("the sampler diverged ({}): {}", where, out.result().message));
    p.kl[s] = out.metric(sb::Metric::kKlDataModel).value;
    p.w2[s] = out.metric(sb::Metric::kW2).value;
    for (std::size_t c = 0; c < kCheckIds.size(); ++c) {
      const sb::TheoremCheck* check = sb::registry().find(kCheckIds[c]);
      if (!sb::check_applies(*check, cfg))
        throw std::logic_error(fmt::format("check '{}' does not apply ({})", kCheckIds[c], where));
      const sb::BoundReport r = sb::run_check(*check, cfg, out);
      const double exact = c == 0 ? p.kl[s] : p.w2[s];
      if (r.exact.value != exact)
        throw std::logic_error(fmt::format("check '{}' reports exact {} but the metric is {} ({})",
                                           kCheckIds[c], r.exact.value, exact, where));
      if (!std::isfinite(r.total) || !(r.total > 0) || !(exact > 0))
        throw std::logic_error(
            fmt::format("check '{}': bound {} or exact {} is not finite and > 0 "
                        "({}); cannot be drawn on a log axis",
                        kCheckIds[c], r.total, exact, where));
      if (s == 0)
        p.bound[c] = r.total;
      else if (r.total != p.bound[c])  // exact score: the bounds do not involve the scheme
        throw std::logic_error(
            fmt::format("check '{}': the bound differs between schemes ({}): "
                        "{} vs {}",
                        kCheckIds[c], where, r.total, p.bound[c]));
      p.verdict[c][s] = r.verdict;
    }
  }
  return p;
}

/// y range over a set of values (with a margin) and decade tics.
std::string y_axis(double lo, double hi) {
  lo /= 2.0;
  hi *= 2.0;
  return fmt::format(
      "set yrange [{:.4g}:{:.4g}]\nset ytics autofreq\nset mytics 10\n"
      "set format y '10^{{%T}}'\n",
      lo, hi);
}

std::string make_script(const std::vector<std::vector<Point>>& panels,
                        const std::vector<std::string>& cols) {
  const auto col = [&](const std::string& name) {
    const auto it = std::find(cols.begin(), cols.end(), name);
    if (it == cols.end()) throw std::logic_error("no column " + name);
    return static_cast<int>(it - cols.begin()) + 1;
  };
  std::string s = sb::FigureWriter::png_preamble(1800, 1100, "Sans,12");
  s += R"(# Seed-003 noise-schedule study, exact numbers; data in data.csv (index = N).
set datafile separator comma
pos(y) = (y > 0 ? y : NaN)
set logscale y
set grid xtics ytics mytics lc rgb '#dddddd' lw 1, lc rgb '#f0f0f0' lw 1
set border lw 1.2
set tics nomirror
set xrange [-10.5:10.5]
set xtics -10, 2.5, 10
set format x '%g'
set linetype 1 lc rgb '#0072B2' lw 2 pt 5 ps 0.8 dt solid
set linetype 2 lc rgb '#E69F00' lw 2 pt 9 ps 1.0 dt solid
set linetype 3 lc rgb '#009E73' lw 2 pt 7 ps 0.8 dt solid
set linetype 4 lc rgb 'black'   lw 2.5 dt (10,6)
set linetype 5 lc rgb '#CC79A7' lw 2.5 dt (3,4)
set linetype 6 lc rgb '#E00000' pt 6 ps 1.8 lw 1.5
set multiplot \
    title "Seed 003 noise-schedule study: exact errors vs the Strasman et al. 2024 bounds, d = 50 correlated data\n{/*0.8 dX = -β_a(t)/2 X dt + √β_a dB, β_a: 0.1 → 20 (a = 0: linear), T = 1, π_∞ = N(0, I); exact score; exact recursion, no Monte Carlo; red ring: bound violated}" \
    font ',16'
unset key
)";
  constexpr double kLeft = 0.055, kRight = 0.99, kBottom = 0.17, kTop = 0.88;
  constexpr double kHGap = 0.05, kVGap = 0.115;
  const double w = (kRight - kLeft - 2 * kHGap) / 3, h = (kTop - kBottom - kVGap) / 2;
  const char* letters = "abcdef";
  for (int row = 0; row < 2; ++row)
    for (std::size_t i = 0; i < panels.size(); ++i) {
      const bool kl = row == 0;
      const double x0 = kLeft + static_cast<double>(i) * (w + kHGap);
      const double y1 = kTop - row * (h + kVGap);
      double lo = std::numeric_limits<double>::infinity(), hi = 0;
      for (const Point& p : panels[i]) {
        for (int sch = 0; sch < 3; ++sch) {
          const double y = kl ? p.kl[sch] : p.w2[sch];
          lo = std::min(lo, y), hi = std::max(hi, y);
        }
        for (int c = kl ? 0 : 1; c < (kl ? 1 : 3); ++c)
          lo = std::min(lo, p.bound[c]), hi = std::max(hi, p.bound[c]);
      }
      s += fmt::format("\n# ---- panel ({}): index {}, N = {}, {}\n", letters[row * 3 + i], i,
                       kSteps[i], kl ? "KL" : "W2");
      s += fmt::format("set lmargin at screen {:.4f}; set rmargin at screen {:.4f}\n", x0, x0 + w);
      s += fmt::format("set bmargin at screen {:.4f}; set tmargin at screen {:.4f}\n", y1 - h, y1);
      s += fmt::format("set title \"({}) {}, N = {} steps\"\n", letters[row * 3 + i],
                       kl ? "KL(π_{data} ‖ output)" : "W_2(π_{data}, output)", kSteps[i]);
      s += "set xlabel 'schedule parameter a'\n";
      s += i == 0 ? fmt::format("set ylabel '{}' offset 1,0\n", kl ? "KL" : "W_2")
                  : "unset ylabel\n";
      s += y_axis(lo, hi);
      const std::string idx = fmt::format("'data.csv' index {}", i);
      std::vector<std::string> items;
      // Rings first, so that each curve's own markers stay on top.
      for (int c = kl ? 0 : 1; c < (kl ? 1 : 3); ++c)
        for (const char* sch : kSchemeKey)
          items.push_back(fmt::format("{} using 1:(${} > 0 ? pos(${}) : NaN) with points lt 6", idx,
                                      col(fmt::format("violated_{}_{}", kBoundKey[c], sch)),
                                      col(fmt::format("{}_{}", kl ? "kl" : "w2", sch))));
      if (kl) {
        items.push_back(fmt::format("{} using 1:(pos(${})) with lines lt 4", idx, col("bound_kl")));
      } else {
        items.push_back(
            fmt::format("{} using 1:(pos(${})) with lines lt 4", idx, col("bound_w2ren")));
        items.push_back(
            fmt::format("{} using 1:(pos(${})) with lines lt 5", idx, col("bound_w2lit")));
      }
      for (int sch = 0; sch < 3; ++sch)
        items.push_back(fmt::format("{} using 1:(pos(${})) with linespoints lt {}", idx,
                                    col(fmt::format("{}_{}", kl ? "kl" : "w2", kSchemeKey[sch])),
                                    sch + 1));
      s += "plot " + fmt::format("{}", fmt::join(items, ", \\\n     ")) + "\n";
    }
  s += fmt::format(R"(
# ---- legend (NaN first: a plot of key entries only trips an assertion of gnuplot 5.4)
set lmargin at screen 0.02; set rmargin at screen 0.98
set bmargin at screen 0.005; set tmargin at screen {:.4f}
unset title; unset xlabel; unset ylabel; unset logscale; unset grid; unset border; unset tics
set xrange [0:1]; set yrange [0:1]
set key center center horizontal maxcols 3 maxrows 2 Left reverse width 2 samplen 4 spacing 1.3 font ',13'
plot NaN notitle, \
     keyentry with linespoints lt 1 title "{}", \
     keyentry with linespoints lt 2 title "{}", \
     keyentry with linespoints lt 3 title "{}", \
     keyentry with lines lt 4 title 'bound: strasman24\_kl (KL row) / strasman24\_w2\_renormalised (W_2 row)', \
     keyentry with lines lt 5 title 'bound: strasman24\_w2\_literal (W_2 row; C_t, L_t, M of π_t)', \
     keyentry with points lt 6 title 'violated (exact > bound)'
)",
                   kBottom - 0.085, kSchemeLegend[0], kSchemeLegend[1], kSchemeLegend[2]);
  s += "unset multiplot\n";
  return s;
}

int run(const Options& opt, int argc, const char* const* argv) {
  const auto t0 = std::chrono::steady_clock::now();
  for (const char* id : kCheckIds)
    if (!sb::registry().find(id))
      throw std::logic_error(fmt::format("check '{}' is not registered", id));
  const auto data =
      std::make_shared<const sb::GaussianData>(sb::gaussian_preset("correlated", kDim));

  std::vector<std::vector<Point>> panels;
  for (int N : kSteps) {
    std::vector<Point> pts;
    for (int i = 0; i < kANumber; ++i) pts.push_back(evaluate_point(data, N, a_value(i)));
    panels.push_back(std::move(pts));
  }

  std::vector<std::string> cols = {"a", "B_T"};
  for (const char* m : {"kl", "w2"})
    for (const char* sch : kSchemeKey) cols.push_back(fmt::format("{}_{}", m, sch));
  for (const char* b : kBoundKey) cols.push_back(fmt::format("bound_{}", b));
  for (const char* b : kBoundKey)
    for (const char* sch : kSchemeKey) cols.push_back(fmt::format("violated_{}_{}", b, sch));

  sb::FigureWriter fig(opt.out, kFigure);
  fig.set_command_line(argc, argv);
  fig.set_param("study",
                "seed 003 (Strasman et al. 2024), slides 'Numerical analysis I/II': "
                "error against the schedule parameter a, exact numbers");
  fig.set_param("process",
                "ou_schedule dX = -beta_a(t)/(2 sigma^2) X dt + sqrt(beta_a(t)) dB, sigma^2 = 1");
  fig.set_param("schedule", fmt::format("beta_a(t) = beta_min + (beta_max - beta_min)(e^(a t) - 1)"
                                        "/(e^(a T) - 1), beta_min = {}, beta_max = {}, T = {}",
                                        kBetaMin, kBetaMax, kHorizon));
  fig.set_param("a", fmt::format("{} values from {} to {}", kANumber, kAMin, kAMax));
  fig.set_param("data", "gaussian_preset correlated, d = 50: mean 1_d, Sigma_ij = 1/sqrt(|i-j|+1)");
  fig.set_param("score", "exact");
  fig.set_param("init", "reference pi_inf = N(0, I_d)");
  fig.set_param("schemes",
                "em (Euler-Maruyama), ei (plain exponential integrator, printed in "
                "seed 003), eir (renormalised exponential integrator)");
  fig.set_param("bound_kl", "strasman24_kl (theory-notes C12)");
  fig.set_param("bound_w2ren", "strasman24_w2_renormalised (theory-notes C13, D-13b)");
  fig.set_param("bound_w2lit", "strasman24_w2_literal (theory-notes C13, D-13)");
  fig.set_param("method",
                "exact mean/covariance recursion (SpectralPlan via sb::solve) + "
                "closed-form KL and W2, no Monte Carlo");
  fig.set_param("seed", sb::kDefaultSeed);
  fig.set_param("violated", "1 if the check's verdict is 'violated' (exact > bound + tolerance)");
  for (std::size_t i = 0; i < panels.size(); ++i) {
    fig.set_param(fmt::format("index_{}", i), fmt::format("N = {}", kSteps[i]));
    std::vector<std::vector<double>> rows;
    for (const Point& p : panels[i]) {
      std::vector<double> row = {p.a, p.B_T};
      row.insert(row.end(), p.kl.begin(), p.kl.end());
      row.insert(row.end(), p.w2.begin(), p.w2.end());
      row.insert(row.end(), p.bound.begin(), p.bound.end());
      for (const auto& vs : p.verdict)
        for (sb::Verdict v : vs) row.push_back(v == sb::Verdict::kViolated ? 1.0 : 0.0);
      rows.push_back(std::move(row));
    }
    fig.add_block(fmt::format("N = {}", kSteps[i]), cols, std::move(rows));
  }
  fig.write(make_script(panels, cols));
  for (const std::string& m : fig.gnuplot_messages())
    std::cerr << kProg << ": gnuplot: " << m << '\n';

  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print(
      "Seed-003 noise-schedule study, exact: d = 50 correlated, beta_a 0.1 -> 20, T = 1, "
      "sigma^2 = 1, exact score, init N(0, I); {} values of a in [{}, {}]\n",
      kANumber, kAMin, kAMax);
  fmt::print("{:>4} {:<6} {:>11} {:>12} {:>11} {:>12}   {:<26} {:<26} {:<26}\n", "N", "scheme",
             "argmin KL", "min KL", "argmin W2", "min W2", "strasman24_kl",
             "strasman24_w2_renormalised", "strasman24_w2_literal");
  for (std::size_t i = 0; i < panels.size(); ++i) {
    for (std::size_t s = 0; s < kSchemes.size(); ++s) {
      const auto& pts = panels[i];
      const auto best_kl = std::min_element(pts.begin(), pts.end(),
                                            [&](auto& x, auto& y) { return x.kl[s] < y.kl[s]; });
      const auto best_w2 = std::min_element(pts.begin(), pts.end(),
                                            [&](auto& x, auto& y) { return x.w2[s] < y.w2[s]; });
      std::array<std::string, 3> status;
      for (std::size_t c = 0; c < 3; ++c) {
        int viol = 0;
        std::vector<double> where;
        for (const Point& p : pts)
          if (p.verdict[c][s] == sb::Verdict::kViolated) ++viol, where.push_back(p.a);
        status[c] = viol == 0 ? "holds at every a"
                              : fmt::format("violated at {}/{} (a in [{}, {}])", viol, pts.size(),
                                            where.front(), where.back());
      }
      fmt::print("{:>4} {:<6} {:>11} {:>12.5g} {:>11} {:>12.5g}   {:<26} {:<26} {:<26}\n",
                 kSteps[i], kSchemeKey[s], best_kl->a, best_kl->kl[s], best_w2->a, best_w2->w2[s],
                 status[0], status[1], status[2]);
    }
    const auto& pts = panels[i];
    std::array<double, 3> arg{};
    for (std::size_t c = 0; c < 3; ++c)
      arg[c] = std::min_element(pts.begin(), pts.end(), [&](auto& x, auto& y) {
                 return x.bound[c] < y.bound[c];
               })->a;
    fmt::print(
        "{:>4} {:<6} argmin over a of the bounds: KL {}, W2 renormalised {}, W2 literal {}\n",
        kSteps[i], "bound", arg[0], arg[1], arg[2]);
  }
  fmt::print("Figure: {} ({:.2f} s)\n", (fig.dir() / "plot.png").string(), secs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "Figure noise_schedule_study: seed 003's noise-schedule study with exact numbers (KL and W2 "
      "of EM, EI, EIR against the schedule parameter a, with the Strasman et al. 2024 bounds). "
      "Writes DIR/noise_schedule_study/{data.csv, plot.gnu, plot.png}.",
      kProg};
  Options opt;
  app.add_option("--out", opt.out,
                 "output directory (the figure goes to DIR/noise_schedule_study/)")
      ->capture_default_str();
  return sb::experiment_main(app, argc, argv, kProg, opt.out, [&] { return run(opt, argc, argv); });
}
