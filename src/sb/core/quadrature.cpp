#include "sb/core/quadrature.hpp"

#include <array>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/tools/minima.hpp>
#include <stdexcept>
#include <string>

namespace sb::quad {

double gauss_kronrod(const Fn& f, double a, double b, int points, unsigned max_depth, double tol,
                     double* error) {
  double e = 0.0;
  double v = 0.0;
  switch (points) {
    case 15:
      v = boost::math::quadrature::gauss_kronrod<double, 15>::integrate(f, a, b, max_depth, tol,
                                                                        &e);
      break;
    case 31:
      v = boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, a, b, max_depth, tol,
                                                                        &e);
      break;
    case 61:
      v = boost::math::quadrature::gauss_kronrod<double, 61>::integrate(f, a, b, max_depth, tol,
                                                                        &e);
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
        boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, lo + bottom, lo + top,
                                                                      max_depth, tol);
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
