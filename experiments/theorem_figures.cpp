// One figure per registered check that declares sweeps() (checks with a dedicated experiment,
// experiments/<id>.cpp, declare none): plots/<id>/{data.csv, plot.gnu, plot.png}.
//
// The figure has one panel per swept quantity (consecutive sweeps with the same x label share a
// panel, see sb::Sweep). In every panel each series is one colour: the exact value of the
// check's metric (solid, filled dots) and the check's bound (dashed); points whose verdict is
// `violated` are ringed in red, points whose hypotheses fail are crossed in black, and points
// whose bound is infinite are drawn without a bound and counted in the panel's x label.
// Everything is exact: no Monte Carlo except where a check's metric is TV without a closed form,
// and then the seed is recorded in data.csv.
//   theorem_figures [--out DIR] [--filter SUBSTRING]
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <set>

#include "sb/core/check.hpp"
#include "sb/plot/experiment_main.hpp"
#include "sb/plot/figure.hpp"
#include "sb/verify/registry.hpp"

namespace {

// Okabe–Ito colours, distinguishable by colour-blind readers.
constexpr const char* kColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7",
                                    "#56B4E9", "#D55E00", "#000000", "#F0E442"};

/// What a check's metric id means, for axis labels (unknown ids are shown as they are).
std::string metric_label(const std::string& metric) {
  static const std::map<std::string, std::string> names = {
      {"kl_data_model", "KL(data || sampler output)"},
      {"kl_pT_reference", "KL(p_T || reference law)"},
      {"w2", "W2(data, sampler output)"},
      {"w2_squared", "W2^2(data, sampler output)"},
      {"w2_data_smoothed", "W2(data, data smoothed at level sigma)"},
      {"tv", "TV(data, sampler output)"},
      {"lipschitz_constant", "Lipschitz constant of the score"},
      {"printed_L_t", "L_t (printed formula)"},
      {"slc_constant", "strong log-concavity constant"},
      {"one_sided_constant", "C: <grad log p~(x) - grad log p~(y), x - y> <= -C |x - y|^2"},
      {"weak_convexity_sqrt_m", "sqrt(M) of the weak-convexity bound (alpha fixed)"},
      {"contraction_factor", "contraction factor"},
      {"u_vp", "u_VP(T)"},
      {"var_langevin_worst_direction", "variance, worst direction"},
  };
  const auto it = names.find(metric);
  return it == names.end() ? metric : it->second;
}

/// `text` as a gnuplot double-quoted string, so that "\n" breaks the line.
std::string dquote(const std::string& text) {
  std::string s = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') s += '\\';
    if (c == '\n') {
      s += "\\n";
      continue;
    }
    s += c;
  }
  return s + "\"";
}

/// Breaks `text` at spaces into lines of at most `width` characters (longer words stay whole).
std::string wrap(const std::string& text, std::size_t width) {
  std::string out, line;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find(' ', pos);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

/// gnuplot commands for a log axis ('x' or 'y') over [lo, hi], 0 < lo: powers of ten from three
/// decades on; below that, tics at 1, 2, 5 times powers of ten as plain numbers (gnuplot would
/// label a single decade, if any).
std::string log_axis(char axis, double lo, double hi) {
  std::string s = fmt::format("set logscale {0}\nset m{0}tics default\n", axis);
  if (hi >= 1000 * lo) return s + fmt::format("set format {} '10^{{%L}}'\n", axis);
  std::vector<std::string> tics;
  for (int k = static_cast<int>(std::floor(std::log10(lo)));
       k <= static_cast<int>(std::ceil(std::log10(hi))); ++k)
    for (double m : {1.0, 2.0, 5.0}) {
      const double v = m * std::pow(10.0, k);
      if (v >= lo * (1 - 1e-12) && v <= hi * (1 + 1e-12)) tics.push_back(fmt::format("{:g}", v));
    }
  return s + fmt::format("set format {0} '%g'\nset {0}tics ({1})\n", axis, fmt::join(tics, ", "));
}

struct PanelData {
  std::string x_label;
  bool log_x = true;
  std::vector<std::size_t> blocks;             // indices into the data blocks (= sweeps)
  bool positive = true;                        // every exact value and finite bound is > 0: log y
  double y_min = HUGE_VAL, y_max = -HUGE_VAL;  // over the exact values and finite bounds
  double x_min = HUGE_VAL, x_max = -HUGE_VAL;
  int infinite_bounds = 0, hypotheses_fail = 0, violated = 0, points = 0;
};

std::string script(const sb::TheoremInfo& info, const std::vector<sb::Sweep>& sweeps,
                   const std::vector<PanelData>& panels, const std::string& metric) {
  const std::size_t n = panels.size();
  const std::size_t cols = n == 1 ? 1 : 2, rows = (n + cols - 1) / cols;
  const int width = cols == 1 ? 1200 : 1800;
  const int height = 170 + static_cast<int>(rows) * 680;

  std::set<std::string> bound_names;
  bool any_hyp = false, any_violated = false;
  for (const sb::Sweep& sw : sweeps)
    if (sw.draw_bound) bound_names.insert(sw.bound_name);
  for (const PanelData& p : panels) {
    any_hyp = any_hyp || p.hypotheses_fail > 0;
    any_violated = any_violated || p.violated > 0;
  }
  std::string key = "solid, filled dots: exact " + metric_label(metric);
  for (const std::string& b : bound_names) key += "     dashed: " + b;
  if (any_violated) key += "     red ring: violated";
  if (any_hyp) key += "     black x: hypotheses fail";

  const std::string title =
      wrap(info.id + ": " + info.title, 150) + "\n" + wrap(info.source, 190) + "\n" + key;
  std::string s = sb::FigureWriter::png_preamble(width, height, "Sans,12");
  s += "set datafile separator comma\n";
  s += "set grid\nset tmargin 2.5\n";
  s += "set key below left Left reverse noenhanced font 'Sans,10' samplen 3 spacing 1.1 maxcols 2 "
       "height 1\n";
  // A margin on every side, so that no point sits on the frame.
  s += "set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05\n";
  s += fmt::format("set multiplot layout {},{} title {} noenhanced font 'Sans,12'\n", rows, cols,
                   dquote(title));
  for (const PanelData& p : panels) {
    std::string xl = wrap(p.x_label, 110);
    if (p.infinite_bounds)
      xl += fmt::format("\n[{} point(s) with an infinite bound: exact value only]",
                        p.infinite_bounds);
    s += "unset logscale\nset format x '% h'\nset format y '% h'\nset autoscale\n"
         "set xtics autofreq\nset ytics autofreq\n";
    s += fmt::format("set xlabel {} noenhanced\n", dquote(xl));
    s += fmt::format("set ylabel {} noenhanced\n", dquote(metric_label(metric)));
    // A log axis only where the values span at least a decade (below that a linear axis
    // reads better).
    if (p.log_x && p.x_max >= 10 * p.x_min) s += log_axis('x', p.x_min, p.x_max);
    s += "set autoscale fix\n";  // the data's range plus the offsets, not whole decades
    if (p.positive && p.y_max >= 10 * p.y_min) s += log_axis('y', p.y_min, p.y_max);
    s += "plot ";
    for (std::size_t j = 0; j < p.blocks.size(); ++j) {
      const std::size_t b = p.blocks[j];
      const sb::Sweep& sw = sweeps[b];
      const std::string col = kColours[j % std::size(kColours)];
      if (j) s += ", \\\n     ";
      s += fmt::format(
          "'data.csv' index {0} using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb '{1}' "
          "title {2}",
          b, col, sb::FigureWriter::gnuplot_quote(sw.series));
      if (sw.draw_bound)
        s += fmt::format(
            ", \\\n     '' index {0} using 1:($4 > 0 ? $3 : 1/0) with lines lw 2 dt 2 lc rgb '{1}' "
            "notitle",
            b, col);
      s += fmt::format(
          ", \\\n     '' index {0} using 1:($5 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 "
          "lc rgb 'red' notitle"
          ", \\\n     '' index {0} using 1:($6 > 0 ? $2 : 1/0) with points pt 2 ps 1.8 lw 2 "
          "lc rgb 'black' notitle",
          b);
    }
    s += "\n";
  }
  s += "unset multiplot\n";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Draws bound vs exact error for every registered check that declares sweeps."};
  std::string out = "plots", filter;
  app.add_option("--out", out, "output directory (default plots)");
  app.add_option("--filter", filter, "only checks whose id contains this text");
  std::vector<std::pair<const sb::TheoremCheck*, std::vector<sb::Sweep>>> selected;
  const auto select = [&] {
    std::vector<std::string> without_figure;
    for (const sb::TheoremCheck* c : sb::registry().all()) {
      std::vector<sb::Sweep> sweeps = c->sweeps();
      if (sweeps.empty()) without_figure.push_back(c->info().id);
      if (!filter.empty() && c->info().id.find(filter) == std::string::npos) continue;
      if (!sweeps.empty()) selected.emplace_back(c, std::move(sweeps));
    }
    if (selected.empty())
      sb::throw_filter_selects_nothing(
          "theorem_figures", filter,
          fmt::format("a substring of the id of a check drawn here (scorebound list; not drawn "
                      "here, each with its own experiment: {})",
                      fmt::join(without_figure, ", ")));
  };
  return sb::experiment_main(
      app, argc, argv, "theorem_figures", out,
      [&] {
        for (const auto& [c, sweeps] : selected) {
          const sb::TheoremInfo info = c->info();
          const auto start = std::chrono::steady_clock::now();
          sb::FigureWriter fig(out, info.id);
          fig.set_command_line(argc, argv);
          fig.set_param("theorem", info.title);
          fig.set_param("source", info.source);
          fig.set_param("statement", info.statement);
          fig.set_param("convention", info.convention);
          fig.set_param("seed", sb::kDefaultSeed);
          // What computes the exact side, by what the check needs (TheoremInfo::need).
          const bool on_cube = std::find(info.data.begin(), info.data.end(), "hypercube") !=
                               info.data.end();
          const std::string method = [&]() -> std::string {
            if (on_cube)
              return info.need == sb::Need::kMarginals
                         ? "a property of the forward marginals mu_t on {0,1}^d, exact "
                           "(probability vectors); no sampler run"
                         : "exact probability vector of the bit-flip engine (no Monte Carlo; "
                           "theory/engines/hypercube.md)";
            switch (info.need) {
              case sb::Need::kMarginals:
                return "a property of the marginals p_t: closed forms, or searches that attain "
                       "their values; no sampler run";
              case sb::Need::kOneStep:
                return "one step of the sampler, exactly (each step is Gaussian given its start)";
              case sb::Need::kExactGaussianLaw:
                return "exact Gaussian recursion";
              case sb::Need::kSamples:
                return "particle engine: Monte Carlo with standard errors and stated bias";
              case sb::Need::kOutputDensity:
                return "output density propagated on a grid, metric by quadrature (stated bias "
                       "bound)";
            }
            return "";
          }();
          fig.set_param("method", method + "; see theory/" + info.id + ".md");
          fig.set_param("columns",
                        "x; exact metric; bound (0 where infinite); bound_finite; violated; "
                        "hypotheses_fail (flags 0/1)");
          std::vector<PanelData> panels;
          std::string metric;
          for (std::size_t b = 0; b < sweeps.size(); ++b) {
            const sb::Sweep& sw = sweeps[b];
            if (panels.empty() || (!sw.x_label.empty() && sw.x_label != panels.back().x_label)) {
              panels.push_back({sw.x_label, sw.log_x, {}});
              fig.set_param(fmt::format("panel {}", panels.size()), sw.x_label);
            }
            PanelData& p = panels.back();
            p.blocks.push_back(b);
            std::vector<std::vector<double>> rows;
            for (const auto& [x, cfg] : sw.points) {
              const sb::BoundReport r = sb::run_check(*c, cfg);
              metric = r.metric;
              if (!std::isfinite(r.exact.value))
                throw std::logic_error(fmt::format("{}: series '{}' at x = {}: exact value is {}",
                                                   info.id, sw.series, x, r.exact.value));
              const bool finite = std::isfinite(r.total);
              const bool violated = r.verdict == sb::Verdict::kViolated;
              const bool hyp = r.verdict == sb::Verdict::kHypothesesFail;
              p.infinite_bounds += !finite;
              p.violated += violated;
              p.hypotheses_fail += hyp;
              ++p.points;
              p.positive = p.positive && r.exact.value > 0 && (!finite || r.total > 0) &&
                           (!p.log_x || x > 0);
              p.y_min = std::min({p.y_min, r.exact.value, finite ? r.total : r.exact.value});
              p.y_max = std::max({p.y_max, r.exact.value, finite ? r.total : r.exact.value});
              p.x_min = std::min(p.x_min, x);
              p.x_max = std::max(p.x_max, x);
              rows.push_back({x, r.exact.value, finite ? r.total : 0.0, finite ? 1.0 : 0.0,
                              violated ? 1.0 : 0.0, hyp ? 1.0 : 0.0});
            }
            fig.add_block(fmt::format("panel {}: {}", panels.size(), sw.series),
                          {"x", "exact", "bound", "bound_finite", "violated", "hypotheses_fail"},
                          std::move(rows));
          }
          fig.write(script(info, sweeps, panels, metric));
          int points = 0, violated = 0, hyp = 0;
          for (const PanelData& p : panels) {
            points += p.points;
            violated += p.violated;
            hyp += p.hypotheses_fail;
          }
          const double secs =
              std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
          std::cout << fmt::format(
              "{:<32} {} panel(s), {:>3} points, {:>3} violated, {:>3} hypotheses fail ({:.2f} s) "
              "-> {}\n",
              info.id, panels.size(), points, violated, hyp, secs,
              (fig.dir() / "plot.png").string());
        }
        return 0;
      },
      select);
}
