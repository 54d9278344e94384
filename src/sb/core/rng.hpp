// Deterministic random numbers: xoshiro256** (Blackman & Vigna 2018) seeded through splitmix64,
// with standard normals by the Box–Muller transform. Written out here rather than taken from
// <random> so that the same (seed, stream) gives the same bytes with every standard library.
// Parallel work draws from stream(seed, block) so results do not depend on the thread count.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

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

/// Draws are made in blocks of this many samples, block b from Rng(seed, b), so that a result
/// depends on (seed, sample size) only, never on how the blocks are shared among threads.
inline constexpr long kStreamBlock = 4096;

}  // namespace sb
