// The specification of a problem's score (theory-notes B.1): the exact score ∇log p_τ, or the
// perturbation ŝ = (1 + δ)∇log p_τ + ε e with a unit direction e. It is plain data (what the
// JSON key `score_error` holds); sb::make_score turns it into a ScoreField for a data law and a
// process.
#pragma once

#include <string_view>

#include "sb/core/types.hpp"

namespace sb {

struct ScoreError {
  double delta = 0.0;  // multiplicative error; δ > −1
  double eps = 0.0;    // size of the additive error, ≥ 0
  Vec direction{};     // e before normalisation; empty means e₁

  bool is_exact() const { return delta == 0.0 && eps == 0.0; }
};

/// Checks `err` for data of dimension d and returns the unit direction e (e₁ when none is
/// given). The norm is taken after scaling by the largest |component|, so directions with
/// components near the overflow (1e200) or underflow (1e-200) thresholds normalise correctly.
/// Throws InputError (naming score_error.delta, .eps or .direction) for δ <= −1 or not finite,
/// ε < 0 or not finite, a direction of the wrong length, not finite, or zero.
Vec validated_direction(std::string_view fn, const ScoreError& err, Eigen::Index d);

}  // namespace sb
