// Figures of the particle engine on data without a closed-form output law (issue 8):
//
//  plots/mixture_samples_grid25/  the 25-component grid of seed 001 (2-D, spacing 1, component
//      variance 0.02): 2000 generated points of Euler–Maruyama with the exact mixture score,
//      standard OU, started at N(0, I), over the data's 2σ circles, for T ∈ {1, 3} and
//      N ∈ {4, 16, 64}; each panel's title gives the sliced W2 to the exact data law (10000
//      particles, 100 directions, ± its standard error: directions and particles).
//  plots/mixture_sliced_w2/  the sliced W2 between the data law and the output of em, ei, eir,
//      pf_ode and pc, with error bars (± 2 standard errors), against the number of steps N:
//      (a) a random 8-component mixture in d = 50 (means N(0, 4 I), component variance 0.5), the
//      sliced W2 computed against the exact target's projections (no second sample); (b) the
//      funnel in d = 50 (x₁ ~ N(0, 1), x_j | x₁ ~ N(0, e^{x₁})), against an exact sample of the
//      same size; (c) the d = 50 mixture against the additive score error ε (N = 100). The grey
//      line in each panel is the same metric for exact samples of the data law of the same size
//      (mean over 5 samples): the Monte Carlo floor below which no sampler can be seen to
//      improve. Error bars: the slicing error and the particles' sampling error (batch means;
//      sb::Outcome::metric).
// Every random number comes from the seed in data.csv's header (kDefaultSeed); the particle
// engine gives the same bytes for any thread count.
//
// Usage: mixture_samples [--out DIR] [--only FIGURE]
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "sb/core/rng.hpp"
#include "sb/core/stats.hpp"
#include "sb/data/funnel.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/law/particle_cloud.hpp"
#include "sb/metric/sliced_w2.hpp"
#include "sb/plot/experiment_main.hpp"
#include "sb/plot/figure.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/problem/reference_constants.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace {

constexpr const char* kProg = "mixture_samples";
constexpr std::uint64_t kSeed = sb::kDefaultSeed;
// Random directions of every sliced W2 (the error bars include their share).
constexpr int kDirections = 100;

sb::Problem particle_problem(sb::TargetPtr data, double T, int N, sb::Scheme s, long particles,
                             double eps = 0.0) {
  sb::Problem p;
  p.process = sb::make_standard_ou();
  p.target = std::move(data);
  p.grid = sb::TimeGrid::uniform(T, N);
  p.scheme = s;
  p.score_error.eps = eps;
  p.options.engine = sb::Engine::kParticles;
  p.options.particles = particles;
  p.options.seed = kSeed;
  p.options.sliced_directions = kDirections;
  p.validate();
  return p;
}

/// Sliced W2 of an exact sample of the data law of size n, averaged over 5 independent samples
/// (± the standard error of that mean): the Monte Carlo floor. A single sample's value moves by
/// more than its error bar over the directions from one sample to the next.
sb::Estimate exact_sample_floor(const sb::Target& data, long n) {
  const sb::Mat dirs = sb::random_directions(data.dim(), kDirections, kSeed ^ 0xD1);
  sb::RunningMoments m;
  for (std::uint64_t k = 0; k < 5; ++k) {
    const sb::Mat X = data.sample(n, kSeed ^ (0x5EED + k));
    const sb::Estimate e = data.projection(sb::Vec::Unit(data.dim(), 0))
                               ? sb::sliced_w2_to_mixture(
                                     X, [&](const sb::Vec& t) { return *data.projection(t); }, dirs)
                               : sb::sliced_w2(X, data.sample(n, kSeed ^ (0xF00D + k)), dirs);
    m.add(e.value);
  }
  return sb::Estimate::monte_carlo(m.mean(), m.std_error(), n, kSeed, "exact_sample_mean_of_5");
}

void grid25_figure(const std::string& out, int argc, char** argv) {
  const auto data = std::make_shared<const sb::GaussianMixture>(sb::gmm_grid25(1.0, 0.02));
  sb::FigureWriter fig(out, "mixture_samples_grid25");
  fig.set_command_line(argc, argv);
  fig.set_param("data", "gmm_grid25(spacing 1, var 0.02): 25 equal components in 2-D");
  fig.set_param("process", "standard OU dX = -X dt + sqrt(2) dB, start N(0, I)");
  fig.set_param("sampler", "em, exact mixture score");
  fig.set_param("particles", "10000 (2000 drawn)");
  fig.set_param("metric", "sliced W2 to the exact data law, 100 directions, +- 1 std error");
  fig.set_param("seed", kSeed);
  std::vector<std::string> titles;
  for (double T : {1.0, 3.0})
    for (int N : {4, 16, 64}) {
      sb::Outcome o = sb::solve(particle_problem(data, T, N, sb::Scheme::kEulerMaruyama, 10000));
      if (!o.ok()) throw std::runtime_error(o.result().message);
      const sb::Estimate w = o.metric(sb::Metric::kSlicedW2);
      std::cerr << fmt::format("{}: grid25 T = {} N = {}: sliced W2 {:.4f} +- {:.4f}\n", kProg, T,
                               N, w.value, w.std_error);
      const sb::Mat& X = o.law().as_particles()->points();
      std::vector<std::vector<double>> rows;
      for (long i = 0; i < 2000; ++i) rows.push_back({X(i, 0), X(i, 1)});
      fig.add_block(fmt::format("T = {}, N = {}", T, N), {"x1", "x2"}, std::move(rows));
      titles.push_back(
          fmt::format("T = {}, N = {}: SW_2 = {:.3f} ± {:.3f}", T, N, w.value, w.std_error));
      fig.set_param(fmt::format("sliced_w2_T{}_N{}", T, N),
                    fmt::format("{:.6g} +- {:.3g}", w.value, w.std_error));
    }
  std::vector<std::vector<double>> circles;
  for (Eigen::Index k = 0; k < data->components(); ++k)
    circles.push_back({data->means()(k, 0), data->means()(k, 1), 2.0 * std::sqrt(0.02)});
  fig.add_block("data: component means and 2 sd circles", {"cx", "cy", "r"}, std::move(circles));
  std::string s = sb::FigureWriter::png_preamble(1500, 1000, "Sans,12");
  s += R"(set datafile separator comma
set multiplot layout 2,3 title "Euler–Maruyama with the exact score on the 25-Gaussian grid (seed 001): generated points over the data's 2σ circles\n{/*0.8 standard OU, start N(0, I); 2000 of 10000 particles shown; SW_2 = sliced W_2 to the exact data law (100 directions) ± std error}" font ',15'
set size ratio -1
set xrange [-3.2:3.2]; set yrange [-3.2:3.2]
set xtics 1; set ytics 1
set grid lc rgb '#eeeeee'
unset key
)";
  for (std::size_t i = 0; i < titles.size(); ++i)
    s += fmt::format(
        "set title \"{}\"\nplot 'data.csv' index 6 using 1:2:3 with circles lc rgb '#D55E00' lw "
        "1.5, "
        "'' index {} using 1:2 with points pt 7 ps 0.25 lc rgb '#0072B2'\n",
        titles[i], i);
  s += "unset multiplot\n";
  fig.write(s);
}

/// The 25-Gaussian grid with density propagation in 2-D: KL(data ‖ output) of em, ei, eir from
/// the grid engine against the CDS25 bound e^{−2T}KL(μ₀|γ) + h·I(μ₀|γ) (exact score), over N
/// at T = 2 and over T at N = 16 (em and eir; ei is within 2% of em here; N = 64 and T = 0.5
/// need a grid refined twice, 18 s each, and are left out to keep `make check-figures` short); and
/// the sliced W2 of the particle engine on the same runs (10000 particles, ± 2 standard errors)
/// beside the Monte Carlo floor of exact samples. KL(μ₀|γ) and I(μ₀|γ) by 2-D quadrature
/// (reference_constants.hpp), computed once.
void grid25_kl_figure(const std::string& out, int argc, char** argv) {
  using enum sb::Scheme;
  const double var = 0.05;
  const auto data = std::make_shared<const sb::GaussianMixture>(sb::gmm_grid25(1.0, var));
  const sb::Estimate kl0 = sb::kl_to_isotropic_gaussian(*data, 1.0);
  const sb::Estimate fisher = sb::relative_fisher_information(*data, 1.0);
  std::cerr << fmt::format("{}: grid25 var {}: KL(mu0|gamma) = {:.10g}, I(mu0|gamma) = {:.10g}\n",
                           kProg, var, kl0.value, fisher.value);
  sb::FigureWriter fig(out, "mixture_grid25_kl");
  fig.set_command_line(argc, argv);
  fig.set_param("data", "gmm_grid25(spacing 1, var 0.05): 25 equal components in 2-D");
  fig.set_param("process", "standard OU dX = -X dt + sqrt(2) dB, start N(0, I), exact score");
  fig.set_param("kl_mu0_gamma",
                fmt::format("{:.12g} (+- {:.2g}, {})", kl0.value, kl0.bias_bound, kl0.method));
  fig.set_param("fisher_mu0_gamma", fmt::format("{:.12g} (+- {:.2g}, {})", fisher.value,
                                                fisher.bias_bound, fisher.method));
  fig.set_param("bound", "CDS25 (seed 000): e^{-2T} KL(mu0|gamma) + h I(mu0|gamma)");
  fig.set_param("kl_method",
                "2-D density propagation on a grid (grid engine), KL by quadrature with its bias "
                "bound (column kl_bias_bound)");
  fig.set_param("sliced_w2",
                "particle engine, 10000 particles, 100 directions, against the "
                "exact projections; +- std error (directions and particles)");
  fig.set_param("seed", kSeed);
  const auto grid_problem = [&](double T, int N, sb::Scheme s) {
    return sb::make_grid_problem(sb::make_standard_ou(), data, T, N, s);
  };
  const std::vector<std::string> cols = {"x",     "kl",        "kl_bias_bound",
                                         "bound", "sliced_w2", "sw2_std_error"};
  struct Series {
    std::string label;
    int index;
  };
  std::vector<Series> by_n, by_t;
  int index = 0;
  const auto run = [&](const std::string& label, const std::vector<std::pair<double, int>>& TN,
                       bool x_is_n, sb::Scheme s) {
    std::vector<std::vector<double>> rows;
    for (const auto& [T, N] : TN) {
      const auto t0 = std::chrono::steady_clock::now();
      sb::Outcome g = sb::solve(grid_problem(T, N, s));
      const sb::Estimate kl = g.metric(sb::Metric::kKlDataModel);
      sb::Outcome o = sb::solve(particle_problem(data, T, N, s, 10000));
      if (!o.ok()) throw std::runtime_error(o.result().message);
      const sb::Estimate w = o.metric(sb::Metric::kSlicedW2);
      const double bound = std::exp(-2.0 * T) * kl0.value + (T / N) * fisher.value;
      std::cerr << fmt::format(
          "{}: grid25 {} T = {} N = {}: KL {:.4g} (+- {:.1g}), bound {:.4g}, SW2 {:.4f} +- "
          "{:.4f} ({:.1f} s)\n",
          kProg, sb::to_string(s), T, N, kl.value, kl.bias_bound, bound, w.value, w.std_error,
          std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      rows.push_back({x_is_n ? static_cast<double>(N) : T, kl.value, kl.bias_bound, bound, w.value,
                      w.std_error});
    }
    fig.add_block(label, cols, std::move(rows));
    (x_is_n ? by_n : by_t).push_back({label, index++});
  };
  for (sb::Scheme s : {kEulerMaruyama, kExponentialRenormalised}) {
    std::vector<std::pair<double, int>> TN;
    for (int N : {8, 16, 32}) TN.emplace_back(2.0, N);
    run(sb::to_string(s) + ", T = 2", TN, true, s);
  }
  for (sb::Scheme s : {kEulerMaruyama, kExponentialRenormalised}) {
    std::vector<std::pair<double, int>> TN;
    for (double T : {1.0, 2.0, 4.0}) TN.emplace_back(T, 16);
    run(sb::to_string(s) + ", N = 16", TN, false, s);
  }
  const sb::Estimate floor = exact_sample_floor(*data, 10000);
  fig.add_block("exact sample of the data (Monte Carlo floor of the sliced W2)",
                {"x", "sliced_w2", "std_error"},
                {{0.1, floor.value, floor.std_error}, {1000.0, floor.value, floor.std_error}});
  const int floor_index = index++;
  std::string g = sb::FigureWriter::png_preamble(1600, 1200, "Sans,12");
  g += R"(set datafile separator comma
set multiplot layout 2,2 title "The 25-Gaussian grid (spacing 1, variance 0.05): exact-score samplers against the CDS25 KL bound, and the sliced W_2\n{/*0.8 standard OU, start N(0, I); KL from the 2-D density propagated on a grid (quadrature, bias bound in data.csv); sliced W_2 of 10000 particles ± 2 std errors; grey: exact samples}" font ',15'
set logscale xy
set grid lc rgb '#eeeeee'
set key bottom left font ',10'
set clip two
set linetype 1 lc rgb '#0072B2' lw 2 pt 5
set linetype 2 lc rgb '#E69F00' lw 2 pt 9
set linetype 3 lc rgb '#009E73' lw 2 pt 7
)";
  const auto panel = [&](const std::vector<Series>& series, const std::string& title,
                         const std::string& xlabel, const std::string& xrange, bool kl) {
    std::string p = fmt::format(
        "set title '{}'\nset xlabel '{}'\nset ylabel '{}'\nset xrange {}\nset xtics {}\n"
        "plot ",
        title, xlabel, kl ? "KL(data || output)" : "sliced W_2(data, output)", xrange,
        xrange == "[6:40]" ? "(8, 16, 32)" : "(1, 2, 4)");
    int lt = 1;
    for (const Series& se : series) {
      if (kl)
        p += fmt::format(
            "'data.csv' index {0} using 1:2 with linespoints lt {1} title '{2}', "
            "'' index {0} using 1:4 with lines lt {1} dt 2 notitle, ",
            se.index, lt, se.label);
      else
        p += fmt::format(
            "'data.csv' index {0} using 1:5:(2*$6) with yerrorlines lt {1} title '{2}', ", se.index,
            lt, se.label);
      ++lt;
    }
    if (kl)
      p += "1/0 with lines lc rgb '#000000' dt 2 title 'CDS25 bound (dashed; the same for both)'\n";
    else
      p += fmt::format(
          "'data.csv' index {} using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact "
          "sample'\n",
          floor_index);
    return p;
  };
  g += panel(by_n, "(a) KL vs N, T = 2", "number of steps N", "[6:40]", true);
  g += panel(by_t, "(b) KL vs T, N = 16", "horizon T", "[0.8:5]", true);
  g += panel(by_n, "(c) sliced W_2 vs N, T = 2", "number of steps N", "[6:40]", false);
  g += panel(by_t, "(d) sliced W_2 vs T, N = 16", "horizon T", "[0.8:5]", false);
  g += "unset multiplot\n";
  fig.write(g);
}

struct Curve {
  std::string label;
  std::vector<double> x, y, se;
};

void sliced_figure(const std::string& out, int argc, char** argv) {
  using enum sb::Scheme;
  const std::vector<sb::Scheme> schemes = {kEulerMaruyama, kExponentialIntegrator,
                                           kExponentialRenormalised, kProbabilityFlow,
                                           kPredictorCorrector};
  const auto gmm =
      std::make_shared<const sb::GaussianMixture>(sb::gmm_random(8, 50, 20261205, 2.0, 0.5));
  const auto funnel = std::make_shared<const sb::Funnel>(50);
  const long n_gmm = 5000, n_funnel = 2000;
  const double T = 3.0;
  sb::FigureWriter fig(out, "mixture_sliced_w2");
  fig.set_command_line(argc, argv);
  fig.set_param("data_a", "gmm_random(K = 8, d = 50, seed 20261205, mean_scale 2, var 0.5)");
  fig.set_param("data_b", "funnel d = 50: x1 ~ N(0, 1), x_j | x1 ~ N(0, e^x1)");
  fig.set_param("process", "standard OU, T = 3, start N(0, I)");
  fig.set_param("particles", fmt::format("{} (mixture), {} (funnel)", n_gmm, n_funnel));
  fig.set_param("metric",
                "sliced W2, 100 directions; mixture: against the exact projections; funnel: "
                "against an exact sample of the same size; error bars +- 2 std errors "
                "(directions and particles, batch means)");
  fig.set_param("pc", "1 Langevin corrector step, eps_k = h_k g2/2");
  fig.set_param("seed", kSeed);
  const std::vector<std::string> cols = {"x", "sliced_w2", "std_error"};
  std::vector<std::string> plots;
  int index = 0;
  auto add_curve = [&](const std::string& title, const std::vector<double>& x,
                       const std::vector<sb::Estimate>& e) {
    std::vector<std::vector<double>> rows;
    for (std::size_t i = 0; i < x.size(); ++i) rows.push_back({x[i], e[i].value, e[i].std_error});
    fig.add_block(title, cols, std::move(rows));
    return index++;
  };
  struct Panel {
    std::string title, xlabel;
    std::vector<std::pair<std::string, int>> curves;  // label, index
    int floor = -1;
  };
  std::vector<Panel> panels(3);
  const std::vector<int> Ns = {5, 10, 20, 50, 100, 200};
  panels[0] = {"(a) 8-component mixture, d = 50, vs N", "number of steps N", {}, -1};
  for (sb::Scheme s : schemes) {
    std::vector<double> x;
    std::vector<sb::Estimate> e;
    for (int N : Ns) {
      sb::Outcome o = sb::solve(particle_problem(gmm, T, N, s, n_gmm));
      if (!o.ok()) throw std::runtime_error(o.result().message);
      x.push_back(N);
      e.push_back(o.metric(sb::Metric::kSlicedW2));
      std::cerr << fmt::format("{}: mixture d=50 {} N = {}: {:.4f} +- {:.4f}\n", kProg,
                               sb::to_string(s), N, e.back().value, e.back().std_error);
    }
    panels[0].curves.push_back(
        {sb::to_string(s), add_curve("mixture d=50 " + sb::to_string(s), x, e)});
  }
  {
    const sb::Estimate f = exact_sample_floor(*gmm, n_gmm);
    panels[0].floor = add_curve("mixture d=50 exact sample", {1.0, 1000.0}, {f, f});
  }
  panels[1] = {"(b) funnel, d = 50, vs N", "number of steps N", {}, -1};
  for (sb::Scheme s : {kEulerMaruyama, kExponentialRenormalised, kProbabilityFlow}) {
    std::vector<double> x;
    std::vector<sb::Estimate> e;
    for (int N : {10, 20, 50}) {
      sb::Outcome o = sb::solve(particle_problem(funnel, T, N, s, n_funnel));
      if (!o.ok()) throw std::runtime_error(o.result().message);
      x.push_back(N);
      e.push_back(o.metric(sb::Metric::kSlicedW2));
      std::cerr << fmt::format("{}: funnel d=50 {} N = {}: {:.4f} +- {:.4f}\n", kProg,
                               sb::to_string(s), N, e.back().value, e.back().std_error);
    }
    panels[1].curves.push_back(
        {sb::to_string(s), add_curve("funnel d=50 " + sb::to_string(s), x, e)});
  }
  {
    const sb::Estimate f = exact_sample_floor(*funnel, n_funnel);
    panels[1].floor = add_curve("funnel d=50 exact sample", {1.0, 1000.0}, {f, f});
  }
  panels[2] = {"(c) 8-component mixture, d = 50, N = 100, vs ε", "additive score error ε", {}, -1};
  for (sb::Scheme s : {kEulerMaruyama, kExponentialRenormalised}) {
    std::vector<double> x;
    std::vector<sb::Estimate> e;
    for (double eps : {0.01, 0.03, 0.1, 0.3, 1.0}) {
      sb::Outcome o = sb::solve(particle_problem(gmm, T, 100, s, n_gmm, eps));
      if (!o.ok()) throw std::runtime_error(o.result().message);
      x.push_back(eps);
      e.push_back(o.metric(sb::Metric::kSlicedW2));
    }
    panels[2].curves.push_back(
        {sb::to_string(s), add_curve("mixture d=50 eps " + sb::to_string(s), x, e)});
  }
  {
    const sb::Estimate f = exact_sample_floor(*gmm, n_gmm);
    panels[2].floor = add_curve("mixture d=50 exact sample (eps panel)", {0.001, 10.0}, {f, f});
  }
  std::string s = sb::FigureWriter::png_preamble(1800, 650, "Sans,12");
  s += R"(set datafile separator comma
set multiplot layout 1,3 title "Sliced W_2 between the data law and the samplers' output, d = 50 (particle engine, ± 2 std errors: directions and particles)\n{/*0.8 standard OU, T = 3, start N(0, I), exact score (c: + ε e_1); grey: the same metric for exact samples of the data of the same size (mean of 5: the Monte Carlo floor)}" font ',15'
set logscale xy
set grid lc rgb '#eeeeee'
set key top right font ',10'
set linetype 1 lc rgb '#0072B2' lw 2 pt 5
set linetype 2 lc rgb '#E69F00' lw 2 pt 9
set linetype 3 lc rgb '#009E73' lw 2 pt 7
set linetype 4 lc rgb '#CC79A7' lw 2 pt 11
set linetype 5 lc rgb '#56B4E9' lw 2 pt 13
set ylabel 'sliced W_2'
)";
  for (const Panel& p : panels) {
    s += fmt::format("set title '{}'\nset xlabel '{}'\nplot ", p.title, p.xlabel);
    int lt = 1;
    for (const auto& [label, idx] : p.curves) {
      s +=
          fmt::format("'data.csv' index {0} using 1:2:(2*$3) with yerrorlines lt {1} title '{2}', ",
                      idx, lt, label);
      ++lt;
    }
    s += fmt::format(
        "'data.csv' index {} using 1:2 with lines lc rgb '#999999' lw 2 dt 2 title 'exact "
        "sample'\n",
        p.floor);
  }
  s += "unset multiplot\n";
  fig.write(s);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Particle-engine figures on Gaussian mixtures and the funnel (issue 8)"};
  std::string out = "plots", only;
  app.add_option("--out", out, "output directory (default plots)");
  app.add_option("--only", only, "one figure only")
      ->check(CLI::IsMember({"mixture_samples_grid25", "mixture_grid25_kl", "mixture_sliced_w2"}));
  return sb::experiment_main(app, argc, argv, kProg, out, [&] {
    const auto t0 = std::chrono::steady_clock::now();
    if (only.empty() || only == "mixture_samples_grid25") grid25_figure(out, argc, argv);
    if (only.empty() || only == "mixture_grid25_kl") grid25_kl_figure(out, argc, argv);
    if (only.empty() || only == "mixture_sliced_w2") sliced_figure(out, argc, argv);
    std::cerr << fmt::format(
        "{}: done in {:.1f} s\n", kProg,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    return 0;
  });
}
