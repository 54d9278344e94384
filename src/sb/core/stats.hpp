// Running moments of a stream of numbers: Welford's one-pass update (Welford 1962,
// Technometrics 4(3), 419–420) and the pairwise merge of two partial results (Chan, Golub &
// LeVeque 1979, "Updating formulae and a pairwise algorithm for computing sample variances",
// Stanford CS report STAN-CS-79-773, eq. 2.1). Both avoid the cancellation of Σx² − n·mean².
//
// For a result that does not depend on the number of threads, accumulate each block of a
// block-seeded stream (sb::map_stream_blocks in rng.hpp) in its own RunningMoments and merge the
// blocks in block order: the arithmetic is then the same whatever thread computed a block.
#pragma once

#include <cmath>
#include <limits>

namespace sb {

class RunningMoments {
 public:
  /// Adds x: n ← n + 1, mean ← mean + (x − mean)/n, M2 ← M2 + (x − mean_old)(x − mean_new).
  void add(double x) {
    ++n_;
    const double d = x - mean_;
    mean_ += d / static_cast<double>(n_);
    m2_ += d * (x - mean_);
  }

  /// Appends the moments of `other` (the values it saw come after those of *this):
  /// with δ = mean_b − mean_a, mean = mean_a + δ·n_b/n and M2 = M2_a + M2_b + δ²·n_a·n_b/n
  /// (Chan et al. 1979, eq. 2.1). Merging an empty accumulator changes nothing.
  void merge(const RunningMoments& other) {
    if (other.n_ == 0) return;
    const double n1 = static_cast<double>(n_), n2 = static_cast<double>(other.n_);
    const double d = other.mean_ - mean_;
    const double tot = n1 + n2;
    mean_ += d * (n2 / tot);
    m2_ += other.m2_ + d * d * (n1 * n2 / tot);
    n_ += other.n_;
  }

  /// Number of values seen.
  long count() const { return n_; }
  /// Their mean (0 when none).
  double mean() const { return mean_; }
  /// Σ (x − mean)².
  double sum_squared_deviations() const { return m2_; }
  /// Unbiased sample variance M2/(n − 1); NaN for fewer than two values.
  double variance() const {
    return n_ < 2 ? std::numeric_limits<double>::quiet_NaN() : m2_ / static_cast<double>(n_ - 1);
  }
  /// Standard error of the mean, √(M2/(n − 1)/n); NaN for fewer than two values.
  double std_error() const { return std::sqrt(variance() / static_cast<double>(n_)); }

 private:
  long n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0;
};

}  // namespace sb
