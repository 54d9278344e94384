// Shared helpers for scorebound tests: named comparisons that explain their failures.
#pragma once

#include <gtest/gtest.h>

#include <Eigen/LU>
#include <Eigen/QR>
#include <cmath>
#include <string>

#include "sb/core/linalg.hpp"  // LLT, LDLT, SelfAdjointEigenSolver, compiled once

namespace sb::test {

/// Relative tolerance of the theory-notes section E test vectors (10 significant digits are
/// printed; 1e-10 relative, or 1e-14 absolute for values below 1e-4 computed by cancellation).
inline constexpr double kVectorRel = 1e-10;
inline constexpr double kVectorAbs = 1e-14;

inline ::testing::AssertionResult near_rel(double x, double ref, double rel = kVectorRel,
                                           double abs = 0.0) {
  if (std::isfinite(x) && std::abs(x - ref) <= std::max(rel * std::abs(ref), abs))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << std::to_string(x) << " = " << x << ", expected " << ref << " (relative error "
         << std::abs(x - ref) / std::abs(ref) << ", allowed " << rel << ")";
}

/// A printed test vector given to 12 significant digits: accept relative 1e-10.
inline ::testing::AssertionResult matches_vector(double x, double ref) {
  return near_rel(x, ref, kVectorRel, ref != 0 && std::abs(ref) < 1e-4 ? kVectorAbs : 0.0);
}

}  // namespace sb::test
