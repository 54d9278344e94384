// Basic linear-algebra aliases shared by every scorebound module.
#pragma once

#include <Eigen/Core>

namespace sb {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;
using Arr = Eigen::ArrayXd;

}  // namespace sb
