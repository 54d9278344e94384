// A law on the hypercube {0,1}^d (PSOCD25, seed 000 "Discrete state space"; theory/engines/hypercube.md):
// a probability vector μ of length 2^d, state x = (x_1, ..., x_d) stored at index
// Σ_ℓ x_ℓ 2^{ℓ−1} (coordinate ℓ is bit ℓ − 1; index 0, 1, 2, 3 ↔ 00, 10, 01, 11 in d = 2).
//
// It is a Target like the continuous data laws (kind "hypercube"): exact draws (rows of 0/1),
// log μ at rows of bits, the first two moments. It has no score under a linear SDE — its
// forward process is the bit-flip chain (process/bitflip_chain.hpp) and its scores are the
// discrete ones of score/discrete_score.hpp — so score() and hessian() throw std::logic_error
// (the checks that call them declare Gaussian or mixture data and never see a hypercube law).
//
// Size limit: d <= kMaxHypercubeDim = 16. Memory is not what limits d (a law is 2^d doubles:
// 512 KiB at d = 16); time is: every sampler step applies the reverse generator, O(d·2^d), a few
// dozen times (uniformisation), and the τ-leaping law is O(4^d) per step (d <= 12 there).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sb/data/target.hpp"

namespace sb {

inline constexpr int kMaxHypercubeDim = 16;

class HypercubeLaw final : public Target {
 public:
  /// probs: 2^d entries (1 <= d <= 16), finite and >= 0, summing to 1 within 1e-9 (then divided
  /// by their sum). Throws InputError naming `name` (its entries as name[i]) otherwise.
  /// `label` is what describe() shows (a preset's name and parameters), empty for explicit laws.
  explicit HypercubeLaw(Vec probs, std::string label = "", std::string_view name = "data.probs");

  int bits() const { return bits_; }
  std::size_t states() const { return static_cast<std::size_t>(probs_.size()); }
  const Vec& probs() const { return probs_; }

  // Target.
  std::string kind() const override { return "hypercube"; }
  std::string describe() const override;
  Eigen::Index dim() const override { return bits_; }
  /// Rows of 0/1 (as doubles); block b of kStreamBlock rows from Rng(seed, b).
  Mat sample(long n, std::uint64_t seed) const override;
  bool has_log_density() const override { return true; }
  /// log μ(x) for rows x of 0/1 entries (−inf off the support); throws InputError for an entry
  /// that is not 0 or 1.
  Vec log_density(const Mat& x) const override;
  /// Throws std::logic_error: a law on {0,1}^d has no score under a linear SDE.
  void score(const LinearProcess& process, double t, const Mat& x, Mat& out) const override;
  bool has_hessian() const override { return false; }
  Mat hessian(const LinearProcess& process, double t, const Vec& x) const override;
  Estimate fisher_information(const LinearProcess& process, double t,
                              const TargetMcOptions& mc = {}) const override;
  /// Mean and covariance of the bit vector (exact).
  Gaussian moment_law() const override;
  const HypercubeLaw* as_hypercube() const override { return this; }

 private:
  Vec probs_;
  int bits_ = 0;
  std::string label_;
};

/// The number of bits d of a vector of 2^d entries; throws InputError naming `name` when the
/// size is not a power of two in [2, 2^kMaxHypercubeDim].
int hypercube_bits(Eigen::Index size, std::string_view name);

/// Independent bits with P(x_ℓ = 1) = p1(ℓ − 1) ∈ [0, 1].
HypercubeLaw hypercube_product(const Vec& p1);
/// The point mass at state `index` < 2^d.
HypercubeLaw hypercube_point_mass(int d, std::uint64_t index);
/// An Ising chain: μ(x) ∝ exp(J Σ_{ℓ<d} σ_ℓ σ_{ℓ+1} + h Σ_ℓ σ_ℓ), σ_ℓ = 2x_ℓ − 1 (open boundary).
HypercubeLaw hypercube_ising(int d, double coupling, double field);
/// A random law: Dirichlet(a, ..., a) on the 2^d states (normalised Gamma(a) draws from
/// Rng(seed)); small a gives peaked laws, a = 1 is uniform on the simplex.
HypercubeLaw hypercube_random(int d, std::uint64_t seed, double concentration = 1.0);
/// The uniform law γ_d (the stationary law of the bit-flip chain).
HypercubeLaw hypercube_uniform(int d);

}  // namespace sb
