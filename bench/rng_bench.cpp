// Standard normals per second on one thread (issue 8: >= 5e8): the ziggurat NormalGenerator
// (AVX2 kernel and portable kernel) against Rng::fill_normals (batched Box–Muller) and
// Rng::normal(). Items per second = normals per second.
#include <benchmark/benchmark.h>

#include <vector>

#include "sb/core/normal_generator.hpp"
#include "sb/core/rng.hpp"

namespace {

constexpr std::size_t kBatch = 4096;

void BM_NormalGeneratorFill(benchmark::State& state) {
  sb::NormalGenerator g(1, 0);
  g.use_portable_kernel(state.range(0) != 0);
  std::vector<double> z(kBatch);
  for (auto _ : state) {
    g.fill(z.data(), z.size());
    benchmark::DoNotOptimize(z.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<long>(state.iterations()) * static_cast<long>(kBatch));
  state.SetLabel(state.range(0) != 0 ? "portable kernel" : "AVX2 kernel where built");
}
BENCHMARK(BM_NormalGeneratorFill)->Arg(0)->Arg(1);

void BM_NormalGeneratorUniform(benchmark::State& state) {
  sb::NormalGenerator g(1, 0);
  std::vector<double> u(kBatch);
  for (auto _ : state) {
    g.fill_uniform(u.data(), u.size());
    benchmark::DoNotOptimize(u.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<long>(state.iterations()) * static_cast<long>(kBatch));
}
BENCHMARK(BM_NormalGeneratorUniform);

void BM_RngFillNormals(benchmark::State& state) {
  sb::Rng rng(1, 0);
  std::vector<double> z(kBatch);
  for (auto _ : state) {
    rng.fill_normals(z.data(), z.size());
    benchmark::DoNotOptimize(z.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<long>(state.iterations()) * static_cast<long>(kBatch));
}
BENCHMARK(BM_RngFillNormals);

void BM_RngNormal(benchmark::State& state) {
  sb::Rng rng(1, 0);
  for (auto _ : state) benchmark::DoNotOptimize(rng.normal());
  state.SetItemsProcessed(static_cast<long>(state.iterations()));
}
BENCHMARK(BM_RngNormal);

}  // namespace

BENCHMARK_MAIN();
