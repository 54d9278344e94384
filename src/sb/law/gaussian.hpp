// Gaussian laws: dense N(mean, cov), and "spectral" laws that are diagonal in a shared
// orthonormal basis U: N(U·mean, U·diag(var)·Uᵀ). For isotropic forward processes every law in
// the samplers' recursions is spectral in the eigenbasis of the data covariance
// (theory-notes §0.2), which makes every step O(d).
#pragma once

#include <memory>

#include "sb/core/types.hpp"

namespace sb {

struct Gaussian {
  Vec mean;
  Mat cov;
  Eigen::Index dim() const { return mean.size(); }
};

using BasisPtr = std::shared_ptr<const Mat>;

struct SpectralGaussian {
  BasisPtr basis;  // U, orthonormal columns
  Vec mean;        // coordinates in the basis: Uᵀ·(mean in the original coordinates)
  Vec var;         // variances along the basis vectors
  Eigen::Index dim() const { return mean.size(); }
  /// The same law in the original coordinates.
  Gaussian dense() const {
    const Mat& U = *basis;
    return {U * mean, U * var.asDiagonal() * U.transpose()};
  }
};

}  // namespace sb
