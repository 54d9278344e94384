// Basic linear-algebra aliases shared by every scorebound module.
#pragma once

#include <Eigen/Core>

#include "sb/core/eigen_kernels.hpp"  // the product kernels, compiled once (linalg.cpp)

namespace sb {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;
using Arr = Eigen::ArrayXd;
// The 2×2 blocks of the kinetic (CLD) process: (position, velocity) per data direction.
using Mat2 = Eigen::Matrix2d;
using Vec2 = Eigen::Vector2d;

}  // namespace sb
