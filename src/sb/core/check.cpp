#include "sb/core/check.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/linalg.hpp"

namespace sb {

void throw_input_error(std::string_view fn, std::string_view name, std::string_view value,
                       std::string_view allowed) {
  throw InputError(fmt::format("{}: {} is {}, but must be {}", fn, name, value, allowed));
}

std::string format_value(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  return fmt::format("{}", x);
}

bool is_finite(double x) { return std::isfinite(x); }
bool is_finite(const Vec& v) { return v.allFinite(); }
bool is_finite(const Mat& m) { return m.allFinite(); }

namespace {
template <class M>
void check_finite_entries(std::string_view fn, std::string_view name, const M& m) {
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = 0; i < m.rows(); ++i)
      if (!std::isfinite(m(i, j))) {
        const std::string where =
            m.cols() == 1 ? fmt::format("{}[{}]", name, i) : fmt::format("{}[{}][{}]", name, i, j);
        throw_input_error(fn, where, format_value(m(i, j)), "finite");
      }
}
}  // namespace

void check_finite(std::string_view fn, std::string_view name, double x) {
  if (!std::isfinite(x)) throw_input_error(fn, name, format_value(x), "finite");
}
void check_finite(std::string_view fn, std::string_view name, const Vec& v) {
  check_finite_entries(fn, name, v);
}
void check_finite(std::string_view fn, std::string_view name, const Mat& m) {
  check_finite_entries(fn, name, m);
}

void check_positive(std::string_view fn, std::string_view name, double x) {
  if (!(std::isfinite(x) && x > 0)) throw_input_error(fn, name, format_value(x), "finite and > 0");
}

void check_nonnegative(std::string_view fn, std::string_view name, double x) {
  if (!(std::isfinite(x) && x >= 0))
    throw_input_error(fn, name, format_value(x), "finite and >= 0");
}

void check_bounded(std::string_view fn, std::string_view name, double x, double lo, double hi) {
  if (!(std::isfinite(x) && x >= lo && x <= hi))
    throw_input_error(fn, name, format_value(x),
                      fmt::format("in [{}, {}]", format_value(lo), format_value(hi)));
}

void check_at_least(std::string_view fn, std::string_view name, long long n, long long lo) {
  if (n < lo) throw_input_error(fn, name, std::to_string(n), fmt::format(">= {}", lo));
}

void check_size(std::string_view fn, std::string_view name, Eigen::Index actual,
                Eigen::Index expected) {
  if (actual != expected)
    throw_input_error(fn, fmt::format("the size of {}", name), std::to_string(actual),
                      fmt::format("{} (the data dimension)", expected));
}

bool is_spd(const Mat& m) {
  if (m.rows() != m.cols() || m.rows() == 0 || !m.allFinite()) return false;
  const double scale = m.cwiseAbs().maxCoeff();
  if ((m - m.transpose()).cwiseAbs().maxCoeff() > 1e-12 * scale) return false;
  Eigen::LLT<Mat> llt(m);
  return llt.info() == Eigen::Success;
}

void check_spd(std::string_view fn, std::string_view name, const Mat& m) {
  if (m.rows() != m.cols() || m.rows() == 0)
    throw_input_error(fn, fmt::format("the shape of {}", name),
                      fmt::format("{}x{}", m.rows(), m.cols()), "square and non-empty");
  check_finite(fn, name, m);
  const double scale = m.cwiseAbs().maxCoeff();
  for (Eigen::Index i = 0; i < m.rows(); ++i)
    for (Eigen::Index j = i + 1; j < m.cols(); ++j)
      if (std::abs(m(i, j) - m(j, i)) > 1e-12 * scale)
        throw_input_error(fn, fmt::format("{}[{}][{}] - {}[{}][{}]", name, i, j, name, j, i),
                          format_value(m(i, j) - m(j, i)), "0 (symmetric matrix)");
  Eigen::SelfAdjointEigenSolver<Mat> es(m, Eigen::EigenvaluesOnly);
  const double lmin = es.eigenvalues().minCoeff();
  // Positive definite, and well enough conditioned that Cholesky succeeds.
  if (!(lmin > 0) || Eigen::LLT<Mat>(m).info() != Eigen::Success)
    throw_input_error(fn, fmt::format("the smallest eigenvalue of {}", name), format_value(lmin),
                      "> 0 (positive definite matrix)");
}

}  // namespace sb
