// Eigen's matrix-product kernels for sb::Mat, compiled once. A unit that multiplies two dynamic
// matrices, or a matrix and a vector, instantiates Eigen's packing routines and its blocked
// kernel (gebp: one function of ~200 KB of code under ASan) — 24 of the library's and tests'
// units did, each paying for it under -O2 and three times over under ASan+UBSan. Declared
// `extern template` here (included by core/types.hpp, so every unit sees it) and instantiated
// once in linalg.cpp. The products are the ones Eigen 3.4 uses for double: A·B, A·Bᵀ, Aᵀ·B
// (column-major result) and the four matrix–vector products; their parameters come from
// Eigen's own gebp_traits, so they follow the instruction set (-march) of the build.
// Other Eigen versions: nothing is declared, and every unit instantiates what it uses.
#pragma once

#include <Eigen/Core>

#if EIGEN_VERSION_AT_LEAST(3, 4, 0) && !EIGEN_VERSION_AT_LEAST(3, 4, 90)
#define SB_EIGEN_KERNELS 1

// EXT is `extern` for the declarations and empty for the one instantiation (linalg.cpp).
// clang-format off
#define SB_EIGEN_GEMM_PACKS(EXT, ORDER)                                                        \
  EXT template struct Eigen::internal::gemm_pack_lhs<                                          \
      double, Eigen::Index, Eigen::internal::const_blas_data_mapper<double, Eigen::Index, ORDER>, \
      Eigen::internal::gebp_traits<double, double>::mr,                                        \
      Eigen::internal::gebp_traits<double, double>::LhsProgress,                               \
      Eigen::internal::gebp_traits<double, double>::LhsPacket4Packing, ORDER>;                 \
  EXT template struct Eigen::internal::gemm_pack_rhs<                                          \
      double, Eigen::Index, Eigen::internal::const_blas_data_mapper<double, Eigen::Index, ORDER>, \
      Eigen::internal::gebp_traits<double, double>::nr, ORDER>;

#define SB_EIGEN_GEMV(EXT, LHS_ORDER, RHS_ORDER)                                               \
  EXT template struct Eigen::internal::general_matrix_vector_product<                          \
      Eigen::Index, double,                                                                    \
      Eigen::internal::const_blas_data_mapper<double, Eigen::Index, LHS_ORDER>, LHS_ORDER,      \
      false, double, Eigen::internal::const_blas_data_mapper<double, Eigen::Index, RHS_ORDER>,  \
      false, 0>;

#define SB_EIGEN_KERNEL_INSTANCES(EXT)                                                         \
  SB_EIGEN_GEMM_PACKS(EXT, Eigen::ColMajor)                                                    \
  SB_EIGEN_GEMM_PACKS(EXT, Eigen::RowMajor)                                                    \
  EXT template struct Eigen::internal::gebp_kernel<                                            \
      double, double, Eigen::Index,                                                            \
      Eigen::internal::blas_data_mapper<double, Eigen::Index, Eigen::ColMajor, Eigen::Unaligned, 1>, \
      Eigen::internal::gebp_traits<double, double>::mr,                                        \
      Eigen::internal::gebp_traits<double, double>::nr, false, false>;                         \
  SB_EIGEN_GEMV(EXT, Eigen::ColMajor, Eigen::RowMajor)                                         \
  SB_EIGEN_GEMV(EXT, Eigen::RowMajor, Eigen::ColMajor)                                         \
  SB_EIGEN_GEMV(EXT, Eigen::ColMajor, Eigen::ColMajor)
// clang-format on

SB_EIGEN_KERNEL_INSTANCES(extern)
#endif
