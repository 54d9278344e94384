// Timings of the dense Gaussian metrics (src/sb/metric/, theory-notes B.4) between two random
// SPD Gaussians at d = 50 and d = 200. Targets of issue 7, item 9: KL (Cholesky) <= 15 µs and
// <= 250 µs, Bures W2 <= 60 µs and <= 1.5 ms. The diagonal forms are timed for comparison, and
// the Monte Carlo TV (200000 samples, the default) on a diagonal pair at d = 50 and d = 1000
// with one and two threads (the estimate is the same for both).
#include <benchmark/benchmark.h>

#include "sb/core/rng.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/metric/gaussian_tv.hpp"
#include "sb/metric/hellinger.hpp"

namespace {

// N(m, S) with m ~ N(0, I) and S = GGᵀ/d + ½I, G a d×d standard normal matrix.
sb::Gaussian random_gaussian(Eigen::Index d, std::uint64_t seed) {
  sb::Rng rng(seed);
  sb::Mat g(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i) g(i, j) = rng.normal();
  sb::Vec m(d);
  for (Eigen::Index i = 0; i < d; ++i) m[i] = rng.normal();
  sb::Mat s = g * g.transpose() / static_cast<double>(d) + 0.5 * sb::Mat::Identity(d, d);
  s = 0.5 * (s + s.transpose());
  return {m, s};
}

void BM_KlDense(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  for (auto _ : state) benchmark::DoNotOptimize(sb::kl_divergence(P, Q));
}
BENCHMARK(BM_KlDense)->Arg(50)->Arg(200)->Unit(benchmark::kMicrosecond);

void BM_W2Dense(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  for (auto _ : state) benchmark::DoNotOptimize(sb::w2(P, Q));
}
BENCHMARK(BM_W2Dense)->Arg(50)->Arg(200)->Unit(benchmark::kMicrosecond);

void BM_HellingerDense(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  for (auto _ : state) benchmark::DoNotOptimize(sb::hellinger_squared(P, Q));
}
BENCHMARK(BM_HellingerDense)->Arg(50)->Arg(200)->Unit(benchmark::kMicrosecond);

void BM_KlDiag(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  const sb::Vec v1 = P.cov.diagonal(), v2 = Q.cov.diagonal();
  for (auto _ : state) benchmark::DoNotOptimize(sb::kl_divergence_diag(P.mean, v1, Q.mean, v2));
}
BENCHMARK(BM_KlDiag)->Arg(50)->Unit(benchmark::kMicrosecond);

void BM_W2Diag(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  const sb::Vec v1 = P.cov.diagonal(), v2 = Q.cov.diagonal();
  for (auto _ : state) benchmark::DoNotOptimize(sb::w2_diag(P.mean, v1, Q.mean, v2));
}
BENCHMARK(BM_W2Diag)->Arg(50)->Unit(benchmark::kMicrosecond);

// Monte Carlo TV between N(m1, diag v1) and N(m2, diag v2) with unequal variances (d >= 2, so
// neither exact method applies); arguments d and the thread count.
void BM_TvMonteCarloDiag(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  sb::Rng rng(3);
  sb::Vec m1(d), v1(d), m2(d), v2(d);
  for (Eigen::Index j = 0; j < d; ++j) {
    m1[j] = 0.1 * rng.normal();
    m2[j] = 0.1 * rng.normal();
    v1[j] = 0.5 + rng.uniform();
    v2[j] = 0.5 + rng.uniform();
  }
  sb::TvOptions options;
  options.threads = static_cast<int>(state.range(1));
  for (auto _ : state)
    benchmark::DoNotOptimize(sb::total_variation_diag(m1, v1, m2, v2, options).value);
  state.counters["normals/s"] = benchmark::Counter(
      static_cast<double>(options.samples) * static_cast<double>(d) * state.iterations(),
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TvMonteCarloDiag)
    ->Args({50, 1})
    ->Args({1000, 1})
    ->Args({1000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
