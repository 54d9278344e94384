// Fast standard normals: the ziggurat method (Marsaglia & Tsang 2000, "The ziggurat method for
// generating random variables", J. Stat. Softw. 5(8)) with 256 layers, fed by eight interleaved
// xoshiro256++ generators (Blackman & Vigna 2021, "Scrambled linear pseudorandom number
// generators", ACM Trans. Math. Softw. 47(4), fig. 1, the "++" scrambler) whose states are
// filled by splitmix64 from (seed, stream).
//
// The ziggurat. Let f(x) = exp(−x²/2) on x >= 0. It is covered by N = 256 layers of equal area
// V: the base layer is the rectangle [0, R] × [0, f(R)] together with the tail {x > R, y < f(x)},
// and layer i >= 1 is the rectangle [0, X_i] × [f(X_i), f(X_{i+1})], with X_1 = R,
// X_{i+1} = f⁻¹(f(X_i) + V/X_i), X_N = 0 and the base given the width X_0 = V/f(R). Then
// V = R f(R) + √(π/2) erfc(R/√2), and R = 3.654152885361009 is the root for which the recursion
// closes, f(X_{N−1}) + V/X_{N−1} = 1 (to 4e-15 in double). A draw picks a layer i uniformly and
// x = u·X_i with u uniform on (−1, 1):
//  * if |x| < X_{i+1} the point lies under f whatever its height: return x (98.5 % of draws, one
//    multiplication and one comparison);
//  * in the base layer with |x| >= R: return ±(R + a) with a drawn exactly from the tail
//    density ∝ f(R + a) by Marsaglia's (1964) rejection: a = −log(U₁)/R, b = −log(U₂),
//    accepted when 2b > a² (Marsaglia & Tsang 2000, section 2);
//  * otherwise (a wedge): y uniform on [f(X_i), f(X_{i+1})]; return x if y < f(x), else draw
//    again from the start. Most wedge tests are decided without exp by bounds of f around the
//    layer's chord (McFarland 2016, J. Stat. Comput. Simul. 86(7)), with a margin of 1e-12 far
//    above the rounding errors, so they decide exactly as y < f(x) computed would.
// Every value is therefore an exact sample of N(0, 1) up to the resolution of the uniforms
// (u on a grid of 2⁻⁵¹, the tail uniforms on a grid of 2⁻⁵³, so |z| < R + 53 log 2/R < 13.8).
//
// The stream. The eight xoshiro256++ lanes advance together; step k gives the 64-bit words
// w_{8k}, …, w_{8k+7} (lane l gives w_{8k+l}). Normal number j is made from word w_j: layer
// i = w_j mod 256, u = (m + ½)·2⁻⁵¹ − 1 from its top 52 bits m = w_j >> 12; only when the
// first test fails does it draw further (wedge heights, tail uniforms, fresh draws) — from a
// ninth xoshiro256++ generator, the side stream, consumed in the order of j. So the j-th normal
// depends on w_j and the side stream only, and the AVX2 kernel (four lanes per register), the
// AVX-512 kernel (eight; chosen at run time where the processor has it) and the portable kernel
// compute the same numbers with the same floating-point operations: one product (u/2)·(2X_i)
// and comparisons on the fast path, and no expression a·b + c that a compiler could contract
// into an FMA in the slow path's exact tests (its chord shortcuts may be contracted: their margin
// covers that). Builds with and without -march=native give the same bits (the slow path calls
// std::log and std::exp, so the same C library is assumed).
//
// fill() and fill_uniform() draw from this one stream of words, eight at a time; the values of
// an incomplete step are kept (one buffer for normals, one for uniforms) for the next call, so
// fill(z, a) then fill(z + a, b) gives the numbers of fill(z, a + b), and the same holds for
// fill_uniform.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sb {

class NormalGenerator {
 public:
  /// Independent-looking lanes per generator (words per step).
  static constexpr int kLanes = 8;

  /// Stream `stream` of seed `seed`. Cheap: 36 splitmix64 steps (the ziggurat tables are
  /// static, built once on first use, thread-safely).
  explicit NormalGenerator(std::uint64_t seed, std::uint64_t stream = 0);

  /// Writes the next n standard normals to z[0, n).
  void fill(double* z, std::size_t n);

  /// Writes the next n uniforms on (0, 1) to u[0, n): (m + ½)·2⁻⁵², m the top 52 bits of a
  /// word, so 2⁻⁵³ <= u <= 1 − 2⁻⁵³.
  void fill_uniform(double* u, std::size_t n);

  /// True when this build has the AVX2 kernel (compiled with __AVX2__).
  static bool has_vector_kernel();

  /// Tests and benchmarks: use the portable kernel even where the AVX2 one exists. The numbers
  /// are the same either way; only the speed differs.
  void use_portable_kernel(bool on) { portable_ = on; }

  /// True when the AVX2 build runs on a processor with AVX-512 (F, DQ): fill() then uses an
  /// AVX-512 kernel (eight lanes per register), again with the same numbers.
  static bool cpu_has_avx512();

  /// Tests and benchmarks: the AVX2 kernel even where the AVX-512 one could run.
  void use_avx2_kernel(bool on) { no_avx512_ = on; }

 private:
  void normal_steps(double* z, std::size_t steps);
  void normal_steps_portable(double* z, std::size_t steps);
  struct FastBatch;
  void fast_steps_avx2(double* z, std::size_t steps, FastBatch& b);
  void fast_steps_avx512(double* z, std::size_t steps, FastBatch& b);
  void uniform_steps(double* u, std::size_t steps);
  double slow_path(unsigned layer, double x);
  std::uint64_t side_next();
  double side_uniform();

  alignas(64) std::uint64_t s_[4][kLanes];  // s_[w][l]: word w of lane l's state
  std::uint64_t side_[4];                   // the side stream
  alignas(64) double normal_buf_[kLanes];
  alignas(64) double uniform_buf_[kLanes];
  int normal_pos_ = kLanes;  // next unread entry of normal_buf_ (kLanes: empty)
  int uniform_pos_ = kLanes;
  bool portable_ = false;
  bool no_avx512_ = false;
};

}  // namespace sb
