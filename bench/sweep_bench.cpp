// The exact sweep of issue #2, item 12: 2500 configurations (50 horizons T × 50 multiplicative
// score errors δ), d = 50 (correlated preset), N = 1000 steps, Euler–Maruyama on the standard
// OU; each configuration runs the exact recursion and computes KL(π_data ‖ output) and W2.
// Targets on one thread: ≤ 125 ms on the eigen-direction path, ≤ 1 s with dense KL/W2.
// One SpectralPlan per horizon is shared by the 50 score errors (that is what a sweep is for).
#include <benchmark/benchmark.h>

#include "sb/data/gaussian_data.hpp"
#include "sb/metric/bures_w2.hpp"
#include "sb/metric/gaussian_kl.hpp"
#include "sb/process/scheduled_ou.hpp"
#include "sb/sampler/spectral_plan.hpp"
#include "sb/score/gaussian_score.hpp"

namespace {

constexpr int kHorizons = 50, kErrors = 50, kSteps = 1000, kDim = 50;

template <bool kDense>
void sweep(benchmark::State& state) {
  const auto p = sb::make_standard_ou();
  const sb::GaussianData data = sb::gaussian_preset("correlated", kDim);
  const sb::GaussianScore exact(p, data, {});
  const sb::SpectralGaussian target = data.law();
  const sb::Gaussian target_dense{data.mean(), data.cov()};
  double sink = 0.0;
  for (auto _ : state) {
    for (int i = 0; i < kHorizons; ++i) {
      const double T = 0.5 + 0.1 * i;
      const sb::TimeGrid grid = sb::TimeGrid::uniform(T, kSteps);
      const sb::SpectralPlan plan(*p, exact, sb::Scheme::kEulerMaruyama, grid, data.basis());
      const sb::SpectralGaussian init = sb::initial_law(sb::Init::kReference, *p, data, T);
      for (int j = 0; j < kErrors; ++j) {
        const double delta = -0.2 + 0.4 * j / (kErrors - 1);
        const sb::SamplerResult r = plan.run(init, delta);
        if constexpr (kDense) {
          const sb::Gaussian out = r.spectral.dense();
          sink += sb::kl_divergence(target_dense, out) + sb::w2(target_dense, out);
        } else {
          sink += sb::kl_divergence(target, r.spectral) + sb::w2(target, r.spectral);
        }
      }
    }
    benchmark::DoNotOptimize(sink);
  }
  state.counters["configs"] = kHorizons * kErrors;
}

void BM_Sweep2500_EigenDirections(benchmark::State& s) { sweep<false>(s); }
void BM_Sweep2500_DenseKlW2(benchmark::State& s) { sweep<true>(s); }
BENCHMARK(BM_Sweep2500_EigenDirections)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_Sweep2500_DenseKlW2)->Unit(benchmark::kMillisecond)->MinTime(3.0);

}  // namespace

BENCHMARK_MAIN();
