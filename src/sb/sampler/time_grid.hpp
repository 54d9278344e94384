// The reverse-time grid 0 = s_0 < s_1 < … < s_N = T and the matching forward times
// τ_k = T − s_k (theory-notes notation: step k goes from forward time τ_k to τ_{k+1}).
#pragma once

#include <vector>

namespace sb {

class TimeGrid {
 public:
  /// s_k = kT/N; τ_k = (N − k)T/N computed directly (no cancellation near the data end).
  static TimeGrid uniform(double T, int steps);
  /// An explicit grid of reverse times; throws InputError unless s_0 = 0, strictly increasing,
  /// all finite, at least two points.
  static TimeGrid from_reverse_times(const std::vector<double>& s);

  int steps() const { return static_cast<int>(tau_.size()) - 1; }
  double horizon() const { return tau_.front(); }
  /// τ_k, k = 0..N (τ_0 = T, τ_N = 0).
  double tau(int k) const { return tau_[static_cast<std::size_t>(k)]; }
  /// h_k = τ_k − τ_{k+1} = s_{k+1} − s_k.
  double step(int k) const { return h_[static_cast<std::size_t>(k)]; }
  double max_step() const { return max_h_; }
  bool is_uniform() const { return uniform_; }
  /// s_k = T − τ_k.
  std::vector<double> reverse_times() const;

 private:
  std::vector<double> tau_, h_;
  double max_h_ = 0.0;
  bool uniform_ = false;
};

}  // namespace sb
