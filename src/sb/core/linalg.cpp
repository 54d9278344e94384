#include "sb/core/linalg.hpp"

#include <Eigen/SVD>

// The one instantiation of each decomposition declared `extern template` in linalg.hpp.
template Eigen::LLT<sb::Mat>& Eigen::LLT<sb::Mat>::compute<sb::Mat>(
    const Eigen::EigenBase<sb::Mat>&);
template Eigen::LDLT<sb::Mat>& Eigen::LDLT<sb::Mat>::compute<sb::Mat>(
    const Eigen::EigenBase<sb::Mat>&);
template Eigen::SelfAdjointEigenSolver<sb::Mat>&
Eigen::SelfAdjointEigenSolver<sb::Mat>::compute<sb::Mat>(const Eigen::EigenBase<sb::Mat>&, int);

#ifdef SB_EIGEN_KERNELS
// The one instantiation of the product kernels declared `extern template` in eigen_kernels.hpp.
SB_EIGEN_KERNEL_INSTANCES()
#endif

namespace sb {

SymEigen sym_eigen(const Mat& S) {
  const Eigen::SelfAdjointEigenSolver<Mat> es(S);
  return {es.eigenvalues(), es.eigenvectors()};
}

LeftSvd jacobi_svd_left(const Mat& A) {
  const Eigen::JacobiSVD<Mat> svd(A, Eigen::ComputeFullU);
  return {svd.singularValues(), svd.matrixU()};
}

}  // namespace sb
