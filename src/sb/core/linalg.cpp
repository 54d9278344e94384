#include "sb/core/linalg.hpp"

// The one instantiation of each decomposition declared `extern template` in linalg.hpp.
template Eigen::LLT<sb::Mat>& Eigen::LLT<sb::Mat>::compute<sb::Mat>(
    const Eigen::EigenBase<sb::Mat>&);
template Eigen::LDLT<sb::Mat>& Eigen::LDLT<sb::Mat>::compute<sb::Mat>(
    const Eigen::EigenBase<sb::Mat>&);
template Eigen::SelfAdjointEigenSolver<sb::Mat>&
Eigen::SelfAdjointEigenSolver<sb::Mat>::compute<sb::Mat>(const Eigen::EigenBase<sb::Mat>&, int);

namespace sb {

SymEigen sym_eigen(const Mat& S) {
  const Eigen::SelfAdjointEigenSolver<Mat> es(S);
  return {es.eigenvalues(), es.eigenvectors()};
}

}  // namespace sb
