// Deterministic random numbers: xoshiro256** (Blackman & Vigna 2018) seeded through splitmix64,
// with standard normals by the Box–Muller transform. Written out here rather than taken from
// <random> so that the same (seed, stream) gives the same bytes with every standard library.
// Parallel work draws from stream(seed, block) so results do not depend on the thread count:
// map_stream_blocks below cuts n items into blocks of kStreamBlock, block b drawing from
// Rng(seed, b), and returns the per-block results in block order.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <mutex>
#include <numbers>
#include <optional>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace sb {

class Rng {
 public:
  /// Stream `stream` of seed `seed`; distinct (seed, stream) pairs give independent-looking
  /// sequences (the state is filled by splitmix64 from a mix of both).
  explicit Rng(std::uint64_t seed, std::uint64_t stream = 0) {
    std::uint64_t x = seed ^ (0x9E3779B97F4A7C15ULL * (stream + 1));
    for (auto& w : s_) w = splitmix64(x);
  }

  std::uint64_t next_u64() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  /// Uniform on (0, 1): 53 random bits, never 0 or 1.
  double uniform() { return (static_cast<double>(next_u64() >> 11) + 0.5) * 0x1.0p-53; }

  /// Standard normal (Box–Muller; the second variate is kept for the next call).
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double u1 = uniform(), u2 = uniform();
    const double r = std::sqrt(-2.0 * std::log(u1));
    const double th = 2.0 * std::numbers::pi * u2;
    spare_ = r * std::sin(th);
    has_spare_ = true;
    return r * std::cos(th);
  }

  /// Writes the next n standard normals of this stream to z[0, n): the values that n calls of
  /// normal() return, in the same order and leaving the same state (position and kept second
  /// variate). The uniforms are drawn in batches and transformed with vectorised log, sqrt,
  /// sin and cos, which agree with the std:: functions of normal() to a few units in the last
  /// place (|difference| <= 1e-15·max(1, |z|)), and cost a fraction of them.
  void fill_normals(double* z, std::size_t n);

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static std::uint64_t splitmix64(std::uint64_t& x) {
    std::uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t s_[4];
  double spare_ = 0.0;
  bool has_spare_ = false;
};

/// Default seed of every scorebound computation that draws random numbers; printed in outputs.
inline constexpr std::uint64_t kDefaultSeed = 20261123;

/// Items (samples, particles) per block of a block-seeded stream.
inline constexpr long kStreamBlock = 4096;

/// Block `index` of a block-seeded computation over n items: items [begin, begin + count),
/// drawn from Rng(seed, index).
struct StreamBlock {
  long index;  // b
  long begin;  // b·kStreamBlock
  long count;  // min(kStreamBlock, n − begin) >= 1
};

/// Number of blocks of kStreamBlock items covering n >= 0 items.
constexpr long stream_block_count(long n) { return n <= 0 ? 0 : (n - 1) / kStreamBlock + 1; }

/// Runs f(block, rng) for every block of n items, with rng = Rng(seed, block.index) fresh for
/// each block, and returns the results in block order. The blocks are shared out among up to
/// `threads` threads (0: std::thread::hardware_concurrency(); never more than the blocks), but
/// each is computed whole by one thread from its own stream, so when f depends only on its
/// arguments the returned vector is bit-identical for every thread count. Combine it in block
/// order (e.g. RunningMoments::merge, stats.hpp) to keep that property. f is called
/// concurrently from several threads. The first exception thrown by f is rethrown here.
template <class F>
auto map_stream_blocks(std::uint64_t seed, long n, F&& f, int threads = 1)
    -> std::vector<std::invoke_result_t<F&, const StreamBlock&, Rng&>> {
  using Result = std::invoke_result_t<F&, const StreamBlock&, Rng&>;
  const long blocks = stream_block_count(n);
  std::vector<std::optional<Result>> slots(static_cast<std::size_t>(blocks));
  auto run = [&](long b) {
    const StreamBlock block{b, b * kStreamBlock, std::min(kStreamBlock, n - b * kStreamBlock)};
    Rng rng(seed, static_cast<std::uint64_t>(b));
    slots[static_cast<std::size_t>(b)].emplace(f(block, rng));
  };
  long workers = threads > 0 ? threads : static_cast<long>(std::thread::hardware_concurrency());
  workers = std::clamp(workers, 1L, std::max(blocks, 1L));
  if (workers == 1) {
    for (long b = 0; b < blocks; ++b) run(b);
  } else {
    std::atomic<long> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto work = [&] {
      for (long b = next++; b < blocks; b = next++) {
        try {
          run(b);
        } catch (...) {
          const std::lock_guard<std::mutex> lock(error_mutex);
          if (!error) error = std::current_exception();
          next = blocks;  // the others stop after their current block
        }
      }
    };
    std::vector<std::thread> pool;
    for (long t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
    if (error) std::rethrow_exception(error);
  }
  std::vector<Result> out;
  out.reserve(slots.size());
  for (std::optional<Result>& r : slots) out.push_back(std::move(*r));
  return out;
}

}  // namespace sb
