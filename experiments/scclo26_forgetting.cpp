// Figure plots/scclo26_forgetting/: forgetting of the backward chain (SCCLO26; seed 000, slide
// "Stability I: Forgetting Property of the Backward Chain"; theory-notes C9, D-28).
// TV(Law X_k^x, Law X_k^y) against the step k for two copies of the chain started at the points
// x, y = ±r (1-D, standard OU dX = −X dt + √2 dB), with the fitted envelope C ρ^k
// (sb::fit_geometric with C = ‖x − y‖/√(2π min q), the constant of the coupling bound in
// geometric form, ρ = max_k (TV_k/C)^{1/k}; the C = TV_0 = 1 fit is in data.csv) and the coupling
// bound 2Φ(L_0⋯L_{k−1}·2r/(2√q_{k−1})) − 1 of the registered check scclo26_forgetting. Panels: (a)
// Gaussian data N(0, 4), EM, T = 1, N = 10 (D-28 / V22), r = 0.5, 2, 8 (exact, C9); (b) N(0, 4),
// EM, T = 3, N = 30, r = 2, score errors δ = −0.2, 0, 0.2 and ε = 0.5 (the additive error cancels
// exactly: same curve as δ = 0); (c) the mixture ½N(−2, 0.25) + ½N(2, 0.25), EM, T = 3, N = 30, r =
// 0.5, 2, 8 (grid engine, 2001 nodes; bias bounds in data.csv); (d) the same mixture, r = 2: ε = 0,
// 0.5, 1 (EM) and EIR.
//
// Usage: scclo26_forgetting [--out DIR]   → DIR/scclo26_forgetting/{data.csv, plot.gnu, plot.png}
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "sb/data/gaussian_mixture.hpp"
#include "sb/plot/experiment_main.hpp"
#include "sb/plot/figure.hpp"
#include "sb/problem/problem.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/forgetting.hpp"

namespace {

constexpr const char* kProg = "scclo26_forgetting";

struct Curve {
  int panel;
  std::string title;
  sb::ForgettingCurve c;
};

sb::ForgettingCurve run(const sb::Problem& pr, double r) {
  const sb::ScorePtr score = sb::make_score(pr);
  const sb::Vec x = sb::Vec::Constant(1, r), y = sb::Vec::Constant(1, -r);
  if (const sb::AffineScore* aff = score->as_affine())
    return sb::forgetting_exact(*pr.process, *aff, pr.scheme, pr.grid, x, y);
  return sb::forgetting_on_grid(*pr.process, *score, pr.scheme, pr.grid, x, y,
                                {pr.target->moment_law()});
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = "plots";
  CLI::App app{"Forgetting of the backward chain (SCCLO26): TV against k"};
  app.add_option("--out", out, "output directory");
  return sb::experiment_main(app, argc, argv, kProg, out, [&]() {
    using sb::Scheme;
    const sb::ProcessPtr ou = sb::make_standard_ou();
    const auto gauss = [&](double T, int N, Scheme s, sb::ScoreError e = {}) {
      return sb::make_problem(ou, sb::gaussian_1d(0, 4), T, N, s, std::move(e));
    };
    const auto mix = [&](double T, int N, Scheme s, double eps = 0.0) {
      return sb::make_grid_problem(
          ou, std::make_shared<const sb::GaussianMixture>(sb::gmm_symmetric_pair(2.0, 0.25)), T, N,
          s, eps);
    };
    std::vector<Curve> curves;
    for (double r : {0.5, 2.0, 8.0})
      curves.push_back({0, fmt::format("N(0,4) em T=1 N=10 r={}", r),
                        run(gauss(1, 10, Scheme::kEulerMaruyama), r)});
    for (double delta : {-0.2, 0.0, 0.2})
      curves.push_back(
          {1, fmt::format("N(0,4) em T=3 N=30 r=2 delta={}", delta),
           run(gauss(3, 30, Scheme::kEulerMaruyama, {.delta = delta, .eps = 0.0, .direction = {}}),
               2.0)});
    curves.push_back(
        {1, "N(0,4) em T=3 N=30 r=2 eps=0.5 (= delta 0)",
         run(gauss(3, 30, Scheme::kEulerMaruyama, {.delta = 0.0, .eps = 0.5, .direction = {}}),
             2.0)});
    for (double r : {0.5, 2.0, 8.0})
      curves.push_back({2, fmt::format("pair +-2 var 0.25 em T=3 N=30 r={}", r),
                        run(mix(3, 30, Scheme::kEulerMaruyama), r)});
    for (double eps : {0.0, 0.5, 1.0})
      curves.push_back({3, fmt::format("pair +-2 var 0.25 em T=3 N=30 r=2 eps={}", eps),
                        run(mix(3, 30, Scheme::kEulerMaruyama, eps), 2.0)});
    curves.push_back({3, "pair +-2 var 0.25 eir T=3 N=30 r=2",
                      run(mix(3, 30, Scheme::kExponentialRenormalised), 2.0)});

    sb::FigureWriter fig(out, kProg);
    fig.set_command_line(argc, argv);
    fig.set_param("process", "standard OU dX = -X dt + sqrt(2) dB");
    fig.set_param("starts", "x = r, y = -r (point masses)");
    fig.set_param("fit", "C = TV_0 = 1, rho = max_k TV_k^(1/k)");
    fig.set_param("fit_coupling_c", "C = |x-y|/sqrt(2 pi min_k q_k), rho = max_k (TV_k/C)^(1/k)");
    fig.set_param("coupling_bound", "2 Phi(L_0...L_{k-1} 2r / (2 sqrt(q_{k-1}))) - 1");
    for (const Curve& cv : curves) {
      const std::vector<double> tv = cv.c.values(), cb = cv.c.coupling_bound();
      const sb::GeometricFit f = sb::fit_geometric(tv);
      const sb::GeometricFit fc = sb::fit_geometric(tv, cv.c.coupling_constant());
      std::vector<std::vector<double>> rows;
      for (std::size_t k = 0; k < tv.size(); ++k)
        rows.push_back(
            {static_cast<double>(k), std::max(tv[k], 1e-300), cv.c.tv[k].bias_bound,
             std::max(f.C * std::pow(f.rho, static_cast<double>(k)), 1e-300),
             std::max(fc.C * std::pow(fc.rho, static_cast<double>(k)), 1e-300),
             std::min(1.0, cb[k]),
             k < cv.c.step_lipschitz.size() ? cv.c.step_lipschitz[k] : cv.c.step_lipschitz.back()});
      fig.add_block(fmt::format("{} (rho = {:.6f} with C = {}; rho = {:.6f} with C = {:.6g})",
                                cv.title, f.rho, f.C, fc.rho, fc.C),
                    {"k", "tv", "tv_bias_bound", "fit", "fit_coupling_c", "coupling_bound", "L_k"},
                    std::move(rows));
      fmt::print(
          "{}: TV_N = {:.10g}, rho = {:.6f} (k* = {}), with C = {:.4g}: rho = {:.6f} (k* = "
          "{}), prod L = {:.6g}\n",
          cv.title, tv.back(), f.rho, f.k_star, fc.C, fc.rho, fc.k_star,
          cv.c.lipschitz_product().back());
    }
    const char* titles[] = {
        "(a) N(0,4), EM, T=1, N=10 (D-28): starts +-r",
        "(b) N(0,4), EM, T=3, N=30, r=2: score errors",
        "(c) 1/2 N(+-2, 0.25), EM, T=3, N=30 (grid): starts +-r",
        "(d) 1/2 N(+-2, 0.25), T=3, N=30, r=2: eps and EIR",
    };
    std::string g = sb::FigureWriter::png_preamble(1400, 1000);
    g += "set datafile separator comma\nset multiplot layout 2,2\nset logscale y\n"
         "set xlabel 'step k (dashed: fitted C rho^k, C = |x-y|/sqrt(2 pi min q); dotted: coupling "
         "bound)'\nset ylabel 'TV(Law "
         "X_k^x, Law X_k^y)'\nset key bottom left "
         "font ',9'\nset yrange [1e-3:2]\n";
    for (int p = 0; p < 4; ++p) {
      g += fmt::format("set title {}\nplot ", sb::FigureWriter::gnuplot_quote(titles[p]));
      bool first = true;
      int color = 1;
      for (std::size_t i = 0; i < curves.size(); ++i) {
        if (curves[i].panel != p) continue;
        if (!first) g += ", \\\n  ";
        first = false;
        g += fmt::format(
            "'data.csv' index {0} using 1:2 with linespoints lc {1} pt 7 ps 0.6 title {2}, '' "
            "index {0} using 1:4 with lines lc {1} dt 2 notitle, '' index {0} using 1:5 with "
            "lines lc {1} dt 3 notitle",
            i, color++, sb::FigureWriter::gnuplot_quote(curves[i].title));
      }
      g += "\n";
    }
    g += "unset multiplot\n";
    fig.write(g);
    return 0;
  });
}
