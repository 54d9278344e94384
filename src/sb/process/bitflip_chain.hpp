// The forward process of PSOCD25 on {0,1}^d (seed 000, "Discrete state space" slides; Pham,
// Ocello, Conforti, Durmus 2025; theory/engines/hypercube.md): a continuous-time Markov chain in which
// every bit flips independently at rate λ. Its stationary law is the uniform γ_d.
//
// One bit: P(stay) = (1 + e^{−2λt})/2, P(flip) = (1 − e^{−2λt})/2 (the exponential of the 2 × 2
// generator λ[[−1, 1], [1, −1]]); on {0,1}^d the kernel is the product P_t(z, x) = Π_ℓ p¹_t(z_ℓ,
// x_ℓ). It is never formed as a 2^d × 2^d matrix: μ ↦ μP_t is applied one coordinate at a time
// (a butterfly over the pairs (x, φ^ℓ x), φ^ℓ flipping bit ℓ), O(d·2^d).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "sb/core/types.hpp"

namespace sb {

/// φ^ℓ x: the state x with bit ℓ (0-based) flipped.
inline std::size_t flip_bit(std::size_t x, int l) { return x ^ (std::size_t{1} << l); }

/// v ← v·K^{⊗d} in place for the symmetric one-bit kernel K = [[stay, move], [move, stay]],
/// coordinate by coordinate (O(d·2^d); v has 2^d entries).
void apply_bit_kernel(Vec& v, double stay, double move);
/// The same on the single coordinate l.
void apply_bit_kernel(Vec& v, int l, double stay, double move);

class BitFlipChain {
 public:
  /// rate λ > 0 and finite (named "rate").
  explicit BitFlipChain(double rate);

  std::string kind() const { return "bitflip"; }
  std::string describe() const;
  double rate() const { return rate_; }

  /// e^{−2λt}: the correlation of a bit with its initial value.
  double alpha(double t) const;
  /// (1 + e^{−2λt})/2 and (1 − e^{−2λt})/2, the latter by expm1 (no cancellation at small t).
  double stay(double t) const;
  double move(double t) const;

  /// μ_t = μ₀P_t (t >= 0).
  Vec marginal(const Vec& mu0, double t) const;
  /// ∂_t μ_t = μ_t Q with Q the forward generator: (μQ)(x) = λ Σ_ℓ (μ(φ^ℓ x) − μ(x)).
  Vec generator_action(const Vec& mu) const;

 private:
  double rate_;
};

using BitFlipPtr = std::shared_ptr<const BitFlipChain>;

}  // namespace sb
