// Runs f(b, worker) for b in [0, count) on up to `threads` threads: each index on one thread,
// the indices handed out in order from an atomic counter. When f(b, ·) writes only results of
// its own index b (computed from its arguments alone), the results are the same bytes for every
// thread count: fix the cut into indices (block sizes), never the threads. Used by the sliced
// W2 (metric/sliced_w2.cpp) and the particle density metrics.
#pragma once

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace sb {

/// The number of threads parallel_for uses: `threads` (0: std::thread::hardware_concurrency()),
/// at least 1 and at most max(count, 1). Worker ids are [0, parallel_workers(count, threads)).
inline long parallel_workers(long count, int threads) {
  const long w = threads > 0 ? threads : static_cast<long>(std::thread::hardware_concurrency());
  return std::clamp(w, 1L, std::max(count, 1L));
}

/// f(b, worker) for every b in [0, count), worker naming the calling thread (for per-thread
/// buffers). The first exception thrown by f is rethrown here, after the others stop.
template <class F>
void parallel_for(long count, int threads, F&& f) {
  const long workers = parallel_workers(count, threads);
  if (workers == 1) {
    for (long b = 0; b < count; ++b) f(b, 0L);
    return;
  }
  std::atomic<long> next{0};
  std::exception_ptr error;
  std::mutex error_mutex;
  auto work = [&](long worker) {
    for (long b = next++; b < count; b = next++) {
      try {
        f(b, worker);
      } catch (...) {
        const std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        next = count;
      }
    }
  };
  std::vector<std::thread> pool;
  for (long t = 1; t < workers; ++t) pool.emplace_back(work, t);
  work(0L);
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace sb
