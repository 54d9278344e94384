#include "sb/core/quadrature.hpp"

#include <array>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/minima.hpp>
#include <stdexcept>
#include <string>

namespace sb::quad {
namespace {

/// Boost's adaptive Gauss–Kronrod compares the error estimate of the rule on the reference
/// interval [−1, 1] (not multiplied by the half-width) with a tolerance that is: on an interval
/// shorter than about ε/tol every error estimate, even pure rounding, looks too large, and the
/// rule bisects to its depth limit (2^depth · 31 evaluations for a piece of integrate_geometric
/// near its lower end: 115 million for one OU gain at depth 15). Integrating the affine image on
/// [−1, 1] makes the two comparable; the nodes are the same points.
template <unsigned Points>
double gk_on_reference(const Fn& f, double a, double b, unsigned max_depth, double tol,
                       double* error) {
  const double mid = 0.5 * (a + b), half = 0.5 * (b - a);
  return boost::math::quadrature::gauss_kronrod<double, Points>::integrate(
      [&](double s) { return half * f(mid + half * s); }, -1.0, 1.0, max_depth, tol, error);
}

}  // namespace

double gauss_kronrod(const Fn& f, double a, double b, int points, unsigned max_depth, double tol,
                     double* error) {
  double e = 0.0;
  double v = 0.0;
  switch (points) {
    case 15:
      v = gk_on_reference<15>(f, a, b, max_depth, tol, &e);
      break;
    case 31:
      v = gk_on_reference<31>(f, a, b, max_depth, tol, &e);
      break;
    case 61:
      v = gk_on_reference<61>(f, a, b, max_depth, tol, &e);
      break;
    default:
      throw std::invalid_argument("sb::quad::gauss_kronrod: points is " + std::to_string(points) +
                                  ", but must be 15, 31 or 61");
  }
  if (error) *error = e;
  return v;
}

double tanh_sinh(const Fn& f, double a, double b) {
  boost::math::quadrature::tanh_sinh<double> ts;
  return ts.integrate(f, a, b);
}

double integrate_geometric(const Fn& f, double lo, double hi, unsigned max_depth, double tol) {
  constexpr int kPieces = 64;  // w·2^{−63} is below any time the grids resolve
  std::array<double, kPieces> piece{};
  const double w = hi - lo;
  double top = w;  // pieces are [lo + bottom, lo + top]
  for (int k = 0; k < kPieces; ++k) {
    const double bottom = k + 1 == kPieces ? 0.0 : 0.5 * top;
    piece[static_cast<std::size_t>(k)] =
        gk_on_reference<31>(f, lo + bottom, lo + top, max_depth, tol, nullptr);
    top = bottom;
  }
  double sum = 0.0;
  for (int k = kPieces - 1; k >= 0; --k) sum += piece[static_cast<std::size_t>(k)];
  return sum;
}

std::pair<double, double> brent_minimum(const Fn& f, double lo, double hi, int bits,
                                        std::uintmax_t max_iter, std::uintmax_t* iterations) {
  boost::uintmax_t it = max_iter;
  const auto r = boost::math::tools::brent_find_minima(f, lo, hi, bits, it);
  if (iterations) *iterations = it;
  return r;
}

}  // namespace sb::quad
