// The specification of a problem's score (theory-notes B.1): the exact score ∇log p_τ, or the
// perturbation ŝ = (1 + δ)∇log p_τ + ε e with a unit direction e (field "constant"), or the
// smooth random perturbation ŝ = ∇log p_τ + ε e(y)/c(τ) of score/random_field_score.hpp, whose
// L² error under p_τ is ε² at every τ (field "random": random Fourier features, Rahimi & Recht
// 2007, "Random features for large-scale kernel machines", NIPS). It is plain data (what the
// JSON key `score_error` holds); sb::make_score turns it into a ScoreField for a data law and a
// process.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sb/core/types.hpp"

namespace sb {

struct ScoreError {
  double delta = 0.0;  // multiplicative error; δ > −1
  double eps = 0.0;    // size of the additive error, ≥ 0
  Vec direction{};     // e before normalisation; empty means e₁ (field "constant" only)

  // The shape of the additive error: "constant" (ε e, above) or "random" (ε e(y)/c(τ), a random
  // Fourier-feature field; then δ must be 0 and no direction may be given).
  std::string field = "constant";
  int features = 64;          // random field: J, in [1, 4096]
  double length_scale = 1.0;  // random field: ℓ > 0, frequencies ω_j ~ N(0, ℓ⁻² I)
  std::uint64_t field_seed = 20261123;  // random field: seed of (a_j, ω_j, b_j) (sb::kDefaultSeed)

  bool is_exact() const { return delta == 0.0 && eps == 0.0; }
  bool is_random_field() const { return field == "random"; }
  /// True when the score this denotes is affine in y on Gaussian data (field "constant").
  bool is_affine_on_gaussian() const { return !is_random_field(); }
};

/// Checks the field part of `err`: field is "constant" or "random"; for "random", features in
/// [1, 4096], length_scale > 0 and finite, delta = 0 (the cross term 2δε E⟨∇log p_τ, e⟩/c has no
/// closed form, so δ and a random field are not combined), no direction. Throws InputError
/// naming score_error.field, .features, .length_scale, .delta or .direction.
void validate_score_field(std::string_view fn, const ScoreError& err);

/// Checks `err` for data of dimension d and returns the unit direction e (e₁ when none is
/// given). The norm is taken after scaling by the largest |component|, so directions with
/// components near the overflow (1e200) or underflow (1e-200) thresholds normalise correctly.
/// Throws InputError (naming score_error.delta, .eps or .direction) for δ <= −1 or not finite,
/// ε < 0 or not finite, a direction of the wrong length, not finite, or zero; and the errors of
/// validate_score_field (a random field returns e₁, which it does not use).
Vec validated_direction(std::string_view fn, const ScoreError& err, Eigen::Index d);

}  // namespace sb
