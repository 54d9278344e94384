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

  int steps() const { return n_; }
  double horizon() const { return T_; }
  /// τ_k, k = 0..N (τ_0 = T, τ_N = 0).
  double tau(int k) const {
    if (!uniform_) return tau_[static_cast<std::size_t>(k)];
    return k == 0 ? T_ : static_cast<double>(n_ - k) * h_;
  }
  /// h_k = τ_k − τ_{k+1} = s_{k+1} − s_k.
  double step(int k) const { return uniform_ ? h_ : steps_[static_cast<std::size_t>(k)]; }
  double max_step() const { return max_h_; }
  bool is_uniform() const { return uniform_; }
  /// s_k = T − τ_k.
  std::vector<double> reverse_times() const;

 private:
  // A uniform grid stores no array (O(1) memory at any N: 10^8 steps would need 1.6 GB);
  // τ_k and h_k are computed with the same arithmetic an array would have held.
  int n_ = 0;
  double T_ = 0.0, h_ = 0.0;         // uniform: h_ = T/N
  std::vector<double> tau_, steps_;  // explicit grids only
  double max_h_ = 0.0;
  bool uniform_ = false;
};

}  // namespace sb
