// Shared helpers for scorebound tests: named comparisons that explain their failures, small
// constructors, random orthogonal bases, and the runners of registered checks. Definitions that
// need Eigen's QR or the registry live in test_util.cpp (the library sb_test_util), so a test
// unit parses only this header.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <limits>
#include <string>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"  // LLT, LDLT, SelfAdjointEigenSolver, compiled once
#include "sb/law/gaussian.hpp"

namespace sb {
struct BoundReport;
struct Problem;
class TheoremCheck;
}  // namespace sb

namespace sb::test {

/// Relative tolerance of the theory-notes section E test vectors (10 significant digits are
/// printed; 1e-10 relative, or 1e-14 absolute for values below 1e-4 computed by cancellation).
inline constexpr double kVectorRel = 1e-10;
inline constexpr double kVectorAbs = 1e-14;

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// |x − ref| ≤ max(rel·|ref|, abs), and x finite.
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

inline Vec vec1(double a) { return Vec::Constant(1, a); }
inline Mat mat1(double a) { return Mat::Constant(1, 1, a); }
inline Vec vec2(double a, double b) { return (Vec(2) << a, b).finished(); }
inline Mat mat2(double a, double b, double c, double d) {
  return (Mat(2, 2) << a, b, c, d).finished();
}
inline Vec vec(std::initializer_list<double> xs) {
  Vec v(static_cast<Eigen::Index>(xs.size()));
  Eigen::Index i = 0;
  for (double x : xs) v[i++] = x;
  return v;
}

/// Random orthogonal d×d matrix: the Q of the QR factorisation of a Gaussian matrix drawn from
/// sb::Rng(seed).
Mat random_orthogonal(Eigen::Index d, std::uint64_t seed);

/// Two spectral laws sharing a random rotated basis: means N(0, 1), variances U(0.5, 2).
struct SpectralPair {
  SpectralGaussian P, Q;
};
SpectralPair random_spectral_pair(Eigen::Index d, std::uint64_t seed);

/// Expects f() to throw an InputError whose message names `name`.
template <class F>
void expect_input_error_naming(F&& f, const std::string& name) {
  try {
    f();
    ADD_FAILURE() << "no InputError thrown (expected one naming " << name << ")";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
  }
}

#ifdef SB_BINARY_DIR
/// The scorebound executable of this build.
inline const std::string kBinary = SB_BINARY_DIR "/scorebound";
#endif

/// The whole content of a file (empty if it cannot be read).
std::string slurp(const std::filesystem::path& p);

/// The registered check `id`; throws std::logic_error when there is none.
const TheoremCheck& registered_check(const std::string& id);

/// Runs the registered check `id` on `problem`, expecting that it is registered and applies.
BoundReport run_applicable(const std::string& id, const Problem& problem);

/// The value of the term `name` of a report (a test failure and NaN when there is none).
double term(const BoundReport& b, const std::string& name);

/// "id: exact … bound … verdict … scheme …", for failure messages.
std::string describe(const BoundReport& b);

}  // namespace sb::test
