// Eigen's dense decompositions, compiled once. Including this header instead of <Eigen/Dense>
// gives the usual Eigen::LLT, Eigen::LDLT and Eigen::SelfAdjointEigenSolver on sb::Mat, but
// their compute() — where nearly all of their compile time goes (about 8 s per unit under -O2)
// — is instantiated in linalg.cpp only (explicit instantiation; declared `extern template`
// here), so a unit that factorises a matrix costs no more to compile than one that multiplies
// it. Add an `extern template` here and the matching instantiation in linalg.cpp for any other
// decomposition a second unit needs.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include "sb/core/types.hpp"

extern template Eigen::LLT<sb::Mat>& Eigen::LLT<sb::Mat>::compute<sb::Mat>(
    const Eigen::EigenBase<sb::Mat>&);
extern template Eigen::LDLT<sb::Mat>& Eigen::LDLT<sb::Mat>::compute<sb::Mat>(
    const Eigen::EigenBase<sb::Mat>&);
extern template Eigen::SelfAdjointEigenSolver<sb::Mat>&
Eigen::SelfAdjointEigenSolver<sb::Mat>::compute<sb::Mat>(const Eigen::EigenBase<sb::Mat>&, int);

namespace sb {

/// Eigenvalues (ascending) and orthonormal eigenvectors of a symmetric matrix.
struct SymEigen {
  Vec values;
  Mat vectors;
};
SymEigen sym_eigen(const Mat& S);

/// Singular values (descending) and the full matrix U of left singular vectors, A = U Σ Vᵀ, by
/// Eigen's two-sided Jacobi SVD (ColPivHouseholderQR preconditioner), compiled here only.
struct LeftSvd {
  Vec singular_values;
  Mat U;
};
LeftSvd jacobi_svd_left(const Mat& A);

}  // namespace sb
