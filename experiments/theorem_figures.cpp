// One figure per registered check that declares sweeps() (checks with a dedicated experiment,
// experiments/<id>.cpp, declare none): plots/<id>/{data.csv, plot.gnu, plot.png} with, for each
// sweep, the exact error (solid) and the bound (dashed, same colour) against the swept
// parameter; violated points are ringed in red. Everything is exact: no Monte Carlo except
// where a check's metric is TV without a closed form, and then the seed is recorded.
//   theorem_figures [--out DIR] [--filter SUBSTRING]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "sb/core/check.hpp"
#include "sb/plot/figure.hpp"
#include "sb/verify/registry.hpp"

namespace {

std::string script(const sb::TheoremCheck& c, const std::vector<sb::Sweep>& sweeps, bool log_y,
                   const std::string& metric) {
  const sb::TheoremInfo info = c.info();
  std::string s = sb::FigureWriter::png_preamble(1100, 750, "Sans,12");
  s += "set datafile separator comma\n";
  s += fmt::format("set title {} noenhanced\n",
                   sb::FigureWriter::gnuplot_quote(info.id + ": " + info.title));
  s += fmt::format("set xlabel {} noenhanced\n", sb::FigureWriter::gnuplot_quote(sweeps[0].x_label));
  s += fmt::format("set ylabel {} noenhanced\n",
                   sb::FigureWriter::gnuplot_quote(metric + "  (solid: exact, dashed: bound)"));
  if (sweeps[0].log_x) s += "set logscale x\n";
  if (log_y) s += "set logscale y\nset format y '10^{%L}'\n";
  s += "set grid\nset key outside right top vertical noenhanced\n";
  s += "set rmargin at screen 0.62\n";
  s += "plot ";
  const char* colours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"};
  for (std::size_t i = 0; i < sweeps.size(); ++i) {
    const std::string col = colours[i % 6];
    const std::string name = sb::FigureWriter::gnuplot_quote(sweeps[i].series);
    if (i) s += ", \\\n     ";
    s += fmt::format(
        "'data.csv' index {0} using 1:2 with linespoints lw 2 pt 7 lc rgb '{1}' title {2}.' (exact)', \\\n"
        "     '' index {0} using 1:3 with lines lw 2 dt 2 lc rgb '{1}' title {2}.' (bound)', \\\n"
        "     '' index {0} using 1:($4 > 0 ? $2 : 1/0) with points pt 6 ps 2.2 lw 2 lc rgb 'red' "
        "notitle",
        i, col, name);
  }
  s += "\n";
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Draws bound vs exact error for every registered check that declares sweeps."};
  std::string out = "plots", filter;
  app.add_option("--out", out, "output directory (default plots)");
  app.add_option("--filter", filter, "only checks whose id contains this text");
  CLI11_PARSE(app, argc, argv);
  try {
    for (const sb::TheoremCheck* c : sb::registry().all()) {
      const sb::TheoremInfo info = c->info();
      if (!filter.empty() && info.id.find(filter) == std::string::npos) continue;
      const auto sweeps = c->sweeps();
      if (sweeps.empty()) continue;
      sb::FigureWriter fig(out, info.id);
      fig.set_command_line(argc, argv);
      fig.set_param("theorem", info.title);
      fig.set_param("source", info.source);
      fig.set_param("statement", info.statement);
      fig.set_param("convention", info.convention);
      fig.set_param("seed", sb::kDefaultSeed);
      fig.set_param("method", "exact Gaussian recursion; see theory/" + info.id + ".md");
      bool all_positive = true;
      std::string metric;
      int violated = 0, points = 0;
      for (const sb::Sweep& sw : sweeps) {
        std::vector<std::vector<double>> rows;
        for (const auto& [x, cfg] : sw.points) {
          const sb::BoundReport r = sb::run_check(*c, cfg);
          metric = r.metric;
          if (!std::isfinite(r.total) || !std::isfinite(r.exact)) continue;  // vacuous: skip
          const bool v = r.verdict == sb::Verdict::kViolated;
          violated += v;
          ++points;
          all_positive = all_positive && r.exact > 0 && r.total > 0;
          rows.push_back({x, r.exact, r.total, v ? 1.0 : 0.0});
        }
        fig.add_block(sw.series, {"x", "exact", "bound", "violated"}, std::move(rows));
      }
      fig.write(script(*c, sweeps, all_positive, metric));
      std::cout << fmt::format("{:<28} {} points, {} violated -> {}\n", info.id, points, violated,
                               (fig.dir() / "plot.png").string());
    }
  } catch (const std::exception& e) {
    std::cerr << "theorem_figures: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
