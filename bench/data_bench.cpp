// Set-up of the Gaussian data law (src/sb/data/gaussian_data.hpp): the "correlated" preset at
// d = 1000, i.e. the input checks, the positive-definiteness check and the eigendecomposition
// Σ = UΛUᵀ (issue 7, item 9: part of the <= 1 s of `scorebound eval` at d = 1000), and one
// forward marginal p_t (O(d) for a process centred at 0).
#include <benchmark/benchmark.h>

#include "sb/data/gaussian_data.hpp"
#include "sb/process/scheduled_ou.hpp"

namespace {

void BM_GaussianDataCorrelated(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  for (auto _ : state) {
    const sb::GaussianData data = sb::gaussian_preset("correlated", d);
    benchmark::DoNotOptimize(data.eigenvalues()[0]);
  }
}
BENCHMARK(BM_GaussianDataCorrelated)->Arg(200)->Arg(1000)->Unit(benchmark::kMillisecond);

void BM_GaussianDataMarginal(benchmark::State& state) {
  const auto d = static_cast<Eigen::Index>(state.range(0));
  const sb::GaussianData data = sb::gaussian_preset("correlated", d);
  const auto p = sb::make_standard_ou();
  for (auto _ : state) benchmark::DoNotOptimize(data.marginal(*p, 0.5).var[0]);
}
BENCHMARK(BM_GaussianDataMarginal)->Arg(1000)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
