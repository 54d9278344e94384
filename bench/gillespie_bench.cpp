// The Monte Carlo route for the bit-flip samplers (src/sb/sampler/gillespie.hpp; issue 10):
// simulate_jump_chain for d = 3 (a Dirichlet(1) law, seed 12), λ = 1, T = 1, n = 1e5 chains from
// the uniform law, the exact score and the perturbed rates (δ = 0.3, ε = 0.2): the continuous
// chain (exact Gillespie, closed-form hazard solved by Newton) and frozen_rate with N = 8 and
// N = 64 steps, on 1 and 2 threads. The time includes the rate table and the Hamming profile.
#include <benchmark/benchmark.h>

#include "sb/sampler/gillespie.hpp"

namespace {

void run(benchmark::State& state, sb::Scheme s) {
  const int steps = static_cast<int>(state.range(0));
  const int threads = static_cast<int>(state.range(1));
  const bool perturbed = state.range(2) != 0;
  const sb::HypercubeLaw data = sb::hypercube_random(3, 12);
  const sb::BitFlipChain chain(1.0);
  const sb::TimeGrid grid = sb::TimeGrid::uniform(1.0, steps);
  const sb::Vec init = sb::Vec::Constant(8, 0.125);
  const long n = 100000;
  for (auto _ : state) {
    const sb::EmpiricalLaw law =
        sb::simulate_jump_chain(chain, data, s, perturbed ? 0.3 : 0.0, perturbed ? 0.2 : 0.0, grid,
                                init, n, 20261123, threads);
    benchmark::DoNotOptimize(law.probs(0));
  }
  state.SetItemsProcessed(static_cast<long>(state.iterations()) * n);
}

void BM_GillespieContinuous(benchmark::State& state) { run(state, sb::Scheme::kContinuous); }
BENCHMARK(BM_GillespieContinuous)
    ->ArgNames({"N", "threads", "perturbed"})
    ->Args({1, 1, 0})
    ->Args({1, 1, 1})
    ->Args({1, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_GillespieFrozenRate(benchmark::State& state) { run(state, sb::Scheme::kFrozenRate); }
BENCHMARK(BM_GillespieFrozenRate)
    ->ArgNames({"N", "threads", "perturbed"})
    ->Args({8, 1, 0})
    ->Args({8, 1, 1})
    ->Args({64, 1, 1})
    ->Args({64, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
BENCHMARK_MAIN();
