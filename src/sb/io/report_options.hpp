// How much of a large configuration `scorebound eval` prints (README, "scorebound eval",
// "Large dimensions").
#pragma once

#include "sb/core/types.hpp"

namespace sb {

/// Above this dimension a d x d covariance (config.data.cov, output.cov) is printed as a
/// summary object unless ReportOptions::full is set: at d = 5000 the two matrices in full are
/// 50 million numbers (about 1.5 GB of JSON).
inline constexpr Eigen::Index kFullMatrixMaxDim = 100;

struct ReportOptions {
  /// Print every matrix in full whatever the dimension (`scorebound eval --full`).
  bool full = false;
  /// True when a d x d matrix is printed in full under these options.
  bool full_matrix(Eigen::Index d) const { return full || d <= kFullMatrixMaxDim; }
};

}  // namespace sb
