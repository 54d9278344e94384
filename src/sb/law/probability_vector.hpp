// The exact law of a sampler's output on {0,1}^d: a probability vector of 2^d entries, state
// index Σ_ℓ x_ℓ 2^{ℓ−1} (data/hypercube_law.hpp). What the bit-flip engine
// (sampler/jump_chain.hpp) produces; metric/discrete_divergence.hpp compares it with the data.
#pragma once

#include "sb/law/output_law.hpp"

namespace sb {

class ProbabilityVectorLaw final : public OutputLaw {
 public:
  ProbabilityVectorLaw(Vec probs, int bits) : probs_(std::move(probs)), bits_(bits) {}

  std::string kind() const override { return "probability_vector"; }
  Eigen::Index dim() const override { return bits_; }
  const ProbabilityVectorLaw* as_probability_vector() const override { return this; }

  const Vec& probs() const { return probs_; }

 private:
  Vec probs_;
  int bits_;
};

}  // namespace sb
