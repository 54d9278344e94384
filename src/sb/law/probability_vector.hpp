// The exact law of a sampler's output on {0,1}^d: a probability vector of 2^d entries, state
// index Σ_ℓ x_ℓ 2^{ℓ−1} (data/hypercube_law.hpp). What the bit-flip engine
// (sampler/jump_chain.hpp) produces; metric/discrete_divergence.hpp compares it with the data.
#pragma once

#include "sb/law/output_law.hpp"

namespace sb {

class ProbabilityVectorLaw final : public OutputLaw {
 public:
  /// `error`: a bound on max_x |probs(x) − exact law(x)| when the law comes from a numerical
  /// solver (the continuous chain with a rate error), 0 when it is exact up to rounding.
  ProbabilityVectorLaw(Vec probs, int bits, double error = 0.0)
      : probs_(std::move(probs)), bits_(bits), error_(error) {}

  std::string kind() const override { return "probability_vector"; }
  Eigen::Index dim() const override { return bits_; }
  const ProbabilityVectorLaw* as_probability_vector() const override { return this; }

  const Vec& probs() const { return probs_; }
  double error() const { return error_; }

 private:
  Vec probs_;
  int bits_;
  double error_;
};

}  // namespace sb
