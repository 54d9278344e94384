// One-dimensional quadrature and minimisation (Boost.Math), behind a plain function interface
// so that Boost's quadrature headers and tables are compiled in one unit (quadrature.cpp)
// instead of in every check that integrates something.
#pragma once

#include <cstdint>
#include <functional>
#include <utility>

namespace sb::quad {

using Fn = std::function<double(double)>;

/// Adaptive Gauss–Kronrod ∫_a^b f with `points` ∈ {15, 31, 61} nodes, bisecting at most
/// `max_depth` times until the error estimate is below tol·|integral| (Boost's rule, applied to
/// the affine image of f on [−1, 1], so that a short interval is not bisected for its rounding
/// noise). `error`, when given, receives the error estimate. Throws std::invalid_argument for
/// another number of points.
double gauss_kronrod(const Fn& f, double a, double b, int points, unsigned max_depth, double tol,
                     double* error = nullptr);

/// Tanh–sinh (double-exponential) ∫_a^b f with Boost's default tolerance (√ε), which handles
/// end-point singularities.
double tanh_sinh(const Fn& f, double a, double b);

/// ∫_lo^hi f for an integrand that may vary sharply near `lo`: adaptive Gauss–Kronrod (31
/// points, at most `max_depth` bisections, relative tolerance `tol` per piece) on the geometric
/// pieces [lo + w·2^{−k−1}, lo + w·2^{−k}], w = hi − lo, k = 0..62, and [lo, lo + w·2^{−63}],
/// summed from the smallest up. On each piece a smooth integrand varies on the scale of the
/// piece (a pole at distance ≥ the piece's length from it), so the rule converges at once.
/// The defaults (depth 3, 1e-14) suit an analytic integrand. An integrand with kinks (a
/// tabulated schedule) needs the depth to resolve them and a tolerance double precision can
/// certify there: e.g. depth 15 at 1e-13, which bisects only the pieces holding a kink.
double integrate_geometric(const Fn& f, double lo, double hi, unsigned max_depth = 3,
                           double tol = 1e-14);

/// Minimum of a unimodal f on [lo, hi] by Brent's method to `bits` bits, at most `max_iter`
/// iterations: {argmin, min}. `iterations`, when given, receives the number used.
std::pair<double, double> brent_minimum(const Fn& f, double lo, double hi, int bits,
                                        std::uintmax_t max_iter = 500,
                                        std::uintmax_t* iterations = nullptr);

}  // namespace sb::quad
