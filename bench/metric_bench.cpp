// Timings of the dense Gaussian metrics (src/sb/metric/, theory-notes B.4) at d = 50: KL by
// Cholesky (target <= 40 µs) and Bures W2 by two symmetric eigen-solves (target <= 250 µs),
// between two random SPD Gaussians. The diagonal forms are timed for comparison.
#include <benchmark/benchmark.h>

#include "sb/core/rng.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
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
BENCHMARK(BM_KlDense)->Arg(50)->Unit(benchmark::kMicrosecond);

void BM_W2Dense(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  for (auto _ : state) benchmark::DoNotOptimize(sb::w2(P, Q));
}
BENCHMARK(BM_W2Dense)->Arg(50)->Unit(benchmark::kMicrosecond);

void BM_HellingerDense(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::Gaussian P = random_gaussian(d, 1), Q = random_gaussian(d, 2);
  for (auto _ : state) benchmark::DoNotOptimize(sb::hellinger_squared(P, Q));
}
BENCHMARK(BM_HellingerDense)->Arg(50)->Unit(benchmark::kMicrosecond);

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

}  // namespace

BENCHMARK_MAIN();
