// Basic linear-algebra aliases shared by every scorebound module.
#pragma once

#include <Eigen/Dense>

namespace sb {

using Vec = Eigen::VectorXd;
using Mat = Eigen::MatrixXd;
using Arr = Eigen::ArrayXd;

}  // namespace sb
