// Scores of the non-Gaussian targets (issue 8): the Gaussian-mixture score ∇log p_t
// (src/sb/data/gaussian_mixture.hpp) at n = 1e5 and n = 4096 rows, d = 50, K = 8 (isotropic
// fast path and general path) and d = 2, K = 25 (the 25-Gaussian grid); a 100-step run of
// n = 1e5 particles in blocks of 4096 rows (score_rows with one workspace, plus the d normals
// per particle and step an Euler–Maruyama sampler draws), whose target is <= 1.2 s on one
// thread; and the funnel score at d = 50 (per-row cost of the quadrature over x₁).
#include <benchmark/benchmark.h>

#include "sb/core/rng.hpp"
#include "sb/data/funnel.hpp"
#include "sb/data/gaussian_mixture.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace {

sb::GaussianMixture bench_general(int K, Eigen::Index d) {
  const sb::GaussianMixture iso = sb::gmm_random(K, d, 7, 2.0, 0.5);
  std::vector<sb::Mat> covs;
  for (int k = 0; k < K; ++k) {
    sb::Mat c = 0.5 * sb::Mat::Identity(d, d);
    c.diagonal()(k % d) += 0.25;
    covs.push_back(c);
  }
  return sb::GaussianMixture(iso.weights(), iso.means(), covs);
}

// Arguments: n, d, K, general (0/1).
void BM_MixtureScore(benchmark::State& state) {
  const long n = state.range(0);
  const auto d = static_cast<Eigen::Index>(state.range(1));
  const int K = static_cast<int>(state.range(2));
  const sb::GaussianMixture g =
      state.range(3)
          ? bench_general(K, d)
          : (d == 2 && K == 25 ? sb::gmm_grid25(1.0, 0.05) : sb::gmm_random(K, d, 7, 2.0, 0.5));
  const auto p = sb::make_standard_ou();
  const sb::Mat x = g.sample(n, 3);
  sb::Mat out(n, d);
  auto ws = g.make_workspace(*p);
  for (auto _ : state) {
    g.score_rows(*p, 0.3, x, out, ws);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["time_per_row"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate |
                                                     benchmark::Counter::kInvert);
}
BENCHMARK(BM_MixtureScore)
    ->Args({100000, 50, 8, 0})
    ->Args({4096, 50, 8, 0})
    ->Args({512, 50, 8, 0})
    ->Args({100000, 2, 25, 0})
    ->Args({4096, 2, 25, 0})
    ->Args({4096, 50, 8, 1})
    ->Unit(benchmark::kMillisecond);

// The Target::score entry point (allocates its output and a workspace per call).
void BM_MixtureScoreTarget(benchmark::State& state) {
  const sb::GaussianMixture g = sb::gmm_random(8, 50, 7, 2.0, 0.5);
  const auto p = sb::make_standard_ou();
  const sb::Mat x = g.sample(100000, 3);
  sb::Mat out;
  for (auto _ : state) {
    g.score(*p, 0.3, x, out);
    benchmark::DoNotOptimize(out.data());
  }
}
BENCHMARK(BM_MixtureScoreTarget)->Unit(benchmark::kMillisecond);

// 100 steps on n = 1e5 particles, d = 50, K = 8, in blocks of kStreamBlock rows: one score_rows
// per block and step, and d normals per particle and step (an Euler–Maruyama update).
void BM_MixtureSamplerRun(benchmark::State& state) {
  constexpr long n = 100000;
  constexpr Eigen::Index d = 50;
  const sb::GaussianMixture g = sb::gmm_random(8, d, 7, 2.0, 0.5);
  const auto p = sb::make_standard_ou();
  sb::Mat y = sb::Mat::Zero(n, d);
  {
    sb::Rng rng(1);
    rng.fill_normals(y.data(), static_cast<std::size_t>(n * d));
  }
  sb::Mat s(sb::kStreamBlock, d), z(sb::kStreamBlock, d);
  auto ws = g.make_workspace(*p);
  const double T = 2.0, h = T / 100;
  for (auto _ : state) {
    for (long b = 0; b * sb::kStreamBlock < n; ++b) {
      const long begin = b * sb::kStreamBlock, count = std::min(sb::kStreamBlock, n - begin);
      sb::Rng rng(11, static_cast<std::uint64_t>(b));
      auto yb = y.middleRows(begin, count);
      for (int k = 0; k < 100; ++k) {
        const double t = T - k * h;
        g.score_rows(*p, t, yb, s.topRows(count), ws);
        rng.fill_normals(z.data(), static_cast<std::size_t>(count * d));
        // Reverse OU step: y += h (y + 2 s) + √(2h) z.
        yb += h * (yb + 2.0 * s.topRows(count)) + std::sqrt(2 * h) * z.topRows(count);
      }
    }
    benchmark::DoNotOptimize(y.data());
  }
}
BENCHMARK(BM_MixtureSamplerRun)->Unit(benchmark::kMillisecond)->Iterations(3);

// The random numbers of that run alone: 100 × 1e5 × 50 normals.
void BM_NormalsOfTheRun(benchmark::State& state) {
  sb::Mat z(sb::kStreamBlock, 50);
  for (auto _ : state) {
    for (long b = 0; b * sb::kStreamBlock < 100000; ++b) {
      sb::Rng rng(11, static_cast<std::uint64_t>(b));
      const long count = std::min(sb::kStreamBlock, 100000 - b * sb::kStreamBlock);
      for (int k = 0; k < 100; ++k)
        rng.fill_normals(z.data(), static_cast<std::size_t>(count * 50));
    }
    benchmark::DoNotOptimize(z.data());
  }
}
BENCHMARK(BM_NormalsOfTheRun)->Unit(benchmark::kMillisecond)->Iterations(2);

// Funnel score at d = 50 on draws of p_t (quadrature over x₁ per row).
void BM_FunnelScore(benchmark::State& state) {
  const double t = static_cast<double>(state.range(0)) / 1000.0;
  const sb::Funnel f(50);
  const auto p = sb::make_standard_ou();
  constexpr long n = 1000;
  sb::Mat y = p->m(t) * f.sample(n, 3);
  sb::Rng rng(4);
  for (long i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < 50; ++j) y(i, j) += std::sqrt(p->s2(t)) * rng.normal();
  sb::Mat out;
  for (auto _ : state) {
    f.score(*p, t, y, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["time_per_row"] =
      benchmark::Counter(static_cast<double>(n), benchmark::Counter::kIsIterationInvariantRate |
                                                     benchmark::Counter::kInvert);
}
// t in thousandths: 0.001, 0.1, 1.
BENCHMARK(BM_FunnelScore)->Arg(1)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
