#include "sb/process/linear_process.hpp"

#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

double LinearProcess::ei_gain(double t1, double t2) const {
  // m_{t1} ∫ g2(u)/m_u du = ∫ g2(u) · exp(−∫_{t1}^{u} a) du = ∫ g2(u) / flow(t1, u) du.
  auto f = [&](double u) { return g2(u) * std::exp(-transition(t1, u).log_flow); };
  double err = 0.0;
  const double v =
      boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, t1, t2, 15, 1e-14, &err);
  return v;
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
