#include "sb/process/linear_process.hpp"

#include <cmath>

#include "sb/core/check.hpp"
#include "sb/core/quadrature.hpp"

namespace sb {

double LinearProcess::ei_gain(double t1, double t2) const {
  // m_{t1} ∫ g2(u)/m_u du = ∫ g2(u) · exp(−∫_{t1}^{u} a) du = ∫ g2(u) / flow(t1, u) du, on
  // geometric pieces towards t1 (integrands that vary sharply near the lower end converge at
  // once), at a tolerance double precision can certify at a kink (1e-13), with the depth to
  // resolve the kinks of a tabulated g2.
  return quad::integrate_geometric(
      [&](double u) { return g2(u) * std::exp(-transition(t1, u).log_flow); }, t1, t2, 15, 1e-13);
}

double LinearProcess::g2_integral(double t) const {
  return quad::integrate_geometric([&](double u) { return g2(u); }, 0.0, t, 15, 1e-13);
}

Vec LinearProcess::centre(Eigen::Index d) const {
  if (mu_.size() == 0) return Vec::Zero(d);
  return mu_;
}

void LinearProcess::validate_for(Eigen::Index d, double T) const {
  check_positive("sb::LinearProcess", "T", T);
  if (mu_.size() != 0) check_size("sb::LinearProcess", "process.mu", mu_.size(), d);
}

}  // namespace sb
