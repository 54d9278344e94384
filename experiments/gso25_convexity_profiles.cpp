// Figure plots/gso25_convexity_profiles/: the convexity profiles behind GSO25's weak-convexity
// results (seed 000, Ocello's talk, slides "Beyond Concavity: Weak Concavity", "Example" and "Key
// Results: Convexity of the Score Function"; M. Gentiloni Silveri, A. Ocello, ICML 2025;
// theory-notes C3, C4; write-ups theory/gso25_weak_convexity_sharp.md,
// theory/gso25_profile_propagation.md, theory/gso25_ct_propagation.md).
//
// Panels:
//  (a) κ_U(r) of U = −log π_data for ½N(±2, 1) against the weak-convexity bound α − f_M(r)/r with
//      the sharp √M = D/(2σ²) = 2 (equal at every r) and with the printed √M = (2n/σ²)Σ‖μ_i‖ = 16;
//  (b) κ_U(r) of the asymmetric three-component mixture (weights 0.2, 0.5, 0.3, means −2, 0.4,
//      2.5, σ² = 0.4) and of a 2-D three-component mixture (σ² = 0.5; multi-start search, an
//      upper estimate of the infimum) against their sharp bounds;
//  (c) κ_{−log p̃_τ}(r) of the three-component mixture at forward times τ = 0.1, 0.3, 0.6, 1.2
//      against GSO25's propagated bound α/Λ_τ − 1 − (c_τ/r) f_M(c_τ r) (sharp M);
//  (d) the one-sided constant C*_τ = inf_x λ_min(−∇²log p̃_τ) and GSO25's C_t over τ for ½N(±2, 1)
//      (equal) and the three-component mixture, with the contraction threshold −½ of the reverse
//      drift −y + 2∇log p̃_τ(y) (regime switching).
// Every value is a search that attains it (metric/convexity_profile.hpp): exhaustive in 1-D,
// multi-start in 2-D (seed printed in data.csv). Runs in well under a second.
//
// Usage: gso25_convexity_profiles [--out DIR]
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "sb/data/gaussian_mixture.hpp"
#include "sb/metric/convexity_profile.hpp"
#include "sb/plot/experiment_main.hpp"
#include "sb/plot/figure.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace {

constexpr const char* kProg = "gso25_convexity_profiles";
using sb::Mat;
using sb::Vec;

std::vector<double> radii() {
  std::vector<double> r;
  for (int i = 0; i <= 40; ++i) r.push_back(1e-2 * std::pow(10.0, 3.0 * i / 40.0));  // 0.01 .. 10
  return r;
}

struct Mix {
  sb::GaussianMixture g;
  double alpha, sqrt_m_sharp, sqrt_m_seed;
};

Mix describe(sb::GaussianMixture g) {
  const double var = g.isotropic_var();
  double d = 0, sum = 0;
  for (Eigen::Index i = 0; i < g.means().rows(); ++i) {
    sum += g.means().row(i).norm();
    for (Eigen::Index j = i + 1; j < g.means().rows(); ++j)
      d = std::max(d, (g.means().row(i) - g.means().row(j)).norm());
  }
  const double n = static_cast<double>(g.components());
  return {std::move(g), 1.0 / var, d / (2 * var), 2 * n / var * sum};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Convexity profiles of Gaussian mixtures and their GSO25 bounds."};
  std::string out = "plots";
  app.add_option("--out", out, "output directory (default plots)");
  return sb::experiment_main(app, argc, argv, kProg, out, [&] {
    const sb::ProfileSearch search;
    sb::FigureWriter fig(out, "gso25_convexity_profiles");
    fig.set_command_line(argc, argv);
    fig.set_param("search_seed", static_cast<long long>(search.seed));
    fig.set_param("process", "standard OU dX = -X dt + sqrt(2) dW (panels c, d)");

    Mat three(3, 1);
    three << -2.0, 0.4, 2.5;
    Mat two_d(3, 2);
    two_d << -1.5, 0.0, 1.5, 0.5, 0.0, 2.0;
    const Mix pair = describe(sb::gmm_symmetric_pair(2.0, 1.0));
    const Mix asym =
        describe(sb::GaussianMixture((Vec(3) << 0.2, 0.5, 0.3).finished(), three, 0.4));
    const Mix plane = describe(sb::GaussianMixture(Vec::Constant(3, 1.0 / 3), two_d, 0.5));

    // (a), (b): profiles of U = −log π_data. Columns: r, kappa, sharp bound, printed bound.
    const auto profile_block = [&](const Mix& m, const std::string& title) {
      const sb::MixturePotential U(m.g);
      std::vector<std::vector<double>> rows;
      for (double r : radii())
        rows.push_back({r, sb::convexity_profile(U, r, search).kappa,
                        sb::weak_convexity_bound(m.alpha, m.sqrt_m_sharp, r),
                        sb::weak_convexity_bound(m.alpha, m.sqrt_m_seed, r)});
      fig.add_block(title, {"r", "kappa", "bound_sharp", "bound_printed"}, std::move(rows));
    };
    profile_block(pair, "(a) 1/2 N(+-2,1)");                              // block 0
    profile_block(asym, "(b) 3 components 1-D, var 0.4");                 // block 1
    profile_block(plane, "(b) 3 components 2-D, var 0.5 (multi-start)");  // block 2

    // (c): −log p̃_τ of the asymmetric mixture at four times (blocks 3..6).
    const sb::ProcessPtr ou = sb::make_standard_ou();
    const std::vector<double> taus = {0.1, 0.3, 0.6, 1.2};
    for (double tau : taus) {
      const sb::MixturePotential U(asym.g.marginal(*ou, tau), 1.0);
      const double lambda = asym.alpha + (1 - asym.alpha) * std::exp(-2 * tau);
      const double c = std::exp(-tau) / lambda;
      std::vector<std::vector<double>> rows;
      for (double r : radii())
        rows.push_back(
            {r, sb::convexity_profile(U, r, search).kappa,
             sb::weak_convexity_bound(asym.alpha / lambda - 1, c * asym.sqrt_m_sharp, r)});
      fig.add_block(fmt::format("(c) tau = {}", tau), {"r", "kappa", "bound"}, std::move(rows));
    }

    // (d): C*_tau and C_t over tau (blocks 7, 8).
    for (const Mix* m : {&pair, &asym}) {
      std::vector<std::vector<double>> rows;
      for (int i = 0; i <= 40; ++i) {
        const double tau = 0.02 * std::pow(150.0, i / 40.0);  // 0.02 .. 3
        const double lambda = m->alpha + (1 - m->alpha) * std::exp(-2 * tau);
        const double ct =
            m->alpha / lambda -
            std::exp(-2 * tau) * m->sqrt_m_sharp * m->sqrt_m_sharp / (lambda * lambda) - 1;
        rows.push_back(
            {tau,
             sb::min_hessian_eigenvalue(sb::MixturePotential(m->g.marginal(*ou, tau), 1.0), search)
                 .value,
             ct});
      }
      fig.add_block(m == &pair ? "(d) 1/2 N(+-2,1)" : "(d) 3 components 1-D",
                    {"tau", "C_exact", "C_t"}, std::move(rows));
    }

    std::string s = sb::FigureWriter::png_preamble(1800, 1400, "Sans,12");
    s += "set datafile separator comma\nset grid\nset key bottom right noenhanced font 'Sans,10'\n";
    s += "set multiplot layout 2,2 title \"gso25_convexity_profiles: GSO25 weak convexity of "
         "Gaussian mixtures (seed 000; Gentiloni Silveri, Ocello, ICML 2025)\\nsolid: convexity "
         "profile (search, attained); dashed: GSO25 bound\" noenhanced\n";
    s += "set logscale x\nset format x '10^{%L}'\nset xlabel 'radius r' noenhanced\n";
    s += "set ylabel 'kappa_U(r)' noenhanced\nset yrange [-40:2]\n";
    s += "set title '(a) U = -log pi_data, 1/2 N(+-2,1): sharp sqrt(M) = 2 (equal), printed = 16' "
         "noenhanced\n";
    s += "plot 'data.csv' index 0 using 1:2 w l lw 3 lc rgb '#0072B2' t 'kappa_U(r)', "
         "'' index 0 using 1:3 w l lw 2 dt 2 lc rgb '#E69F00' t 'sharp bound', "
         "'' index 0 using 1:4 w l lw 2 dt 2 lc rgb '#D55E00' t 'printed bound'\n";
    s += "set autoscale y\n";
    s += "set title '(b) U = -log pi_data, asymmetric mixtures: sharp bound' noenhanced\n";
    s += "plot 'data.csv' index 1 using 1:2 w l lw 3 lc rgb '#0072B2' t '1-D, 3 components', "
         "'' index 1 using 1:3 w l lw 2 dt 2 lc rgb '#0072B2' notitle, "
         "'' index 2 using 1:2 w l lw 3 lc rgb '#009E73' t '2-D, 3 components (multi-start)', "
         "'' index 2 using 1:3 w l lw 2 dt 2 lc rgb '#009E73' notitle\n";
    s += "set ylabel 'kappa of -log p~_tau' noenhanced\n";
    s += "set title '(c) -log p~_tau of the 1-D 3-component mixture: propagated bound (sharp M)' "
         "noenhanced\n";
    const char* colours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7"};
    s += "plot ";
    for (std::size_t i = 0; i < taus.size(); ++i) {
      if (i) s += ", ";
      s += fmt::format(
          "'data.csv' index {0} using 1:2 w l lw 3 lc rgb '{1}' t 'tau = {2}', '' index {0} using "
          "1:3 w l lw 2 dt 2 lc rgb '{1}' notitle",
          3 + i, colours[i], taus[i]);
    }
    s += "\n";
    s += "set xlabel 'forward time tau' noenhanced\nset ylabel 'C (one-sided constant of the "
         "modified score)' noenhanced\n";
    s += "set title '(d) exact C*_tau vs C_t; the reverse drift contracts above -1/2' noenhanced\n";
    s += "plot 'data.csv' index 7 using 1:2 w l lw 3 lc rgb '#0072B2' t '1/2 N(+-2,1) exact', "
         "'' index 7 using 1:3 w l lw 2 dt 2 lc rgb '#0072B2' t 'C_t (equal)', "
         "'' index 8 using 1:2 w l lw 3 lc rgb '#009E73' t '3 components exact', "
         "'' index 8 using 1:3 w l lw 2 dt 2 lc rgb '#009E73' t 'C_t', "
         "-0.5 w l lw 1 lc rgb 'black' t 'contraction threshold -1/2'\n";
    s += "unset multiplot\n";
    fig.write(s);
    return 0;
  });
}
