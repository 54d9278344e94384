#include "sb/process/ve.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

VeGeometric::VeGeometric(double sigma_min, double sigma_max, double T)
    : smin_(sigma_min), smax_(sigma_max), T_(T) {
  constexpr const char* kFn = "sb::VeGeometric";
  check_positive(kFn, "sigma_min", sigma_min);
  check_positive(kFn, "T", T);
  if (!(std::isfinite(sigma_max) && sigma_max > sigma_min))
    throw_input_error(kFn, "sigma_max", format_value(sigma_max),
                      fmt::format("finite and > sigma_min = {}", format_value(sigma_min)));
  log_r_ = std::log(smax_ / smin_);
}

std::string VeGeometric::describe() const {
  return fmt::format("ve (geometric sigma {} -> {})", smin_, smax_);
}

// g²(t) = dσ²/dt = σ(t)² · 2 log r / T.
double VeGeometric::g2(double t) const {
  return smin_ * smin_ * std::exp(2 * t * log_r_ / T_) * 2 * log_r_ / T_;
}
double VeGeometric::s2(double t) const { return smin_ * smin_ * std::expm1(2 * t * log_r_ / T_); }
Transition VeGeometric::transition(double t1, double t2) const {
  const double var =
      smin_ * smin_ * std::exp(2 * t1 * log_r_ / T_) * std::expm1(2 * (t2 - t1) * log_r_ / T_);
  return {0.0, 1.0, 0.0, var};
}
IsoGaussian VeGeometric::reference(Eigen::Index d, double) const {
  return {Vec::Zero(d), (smax_ - smin_) * (smax_ + smin_)};
}
void VeGeometric::validate_for(Eigen::Index d, double T) const {
  LinearProcess::validate_for(d, T);
  if (std::abs(T - T_) > 1e-12 * T_)
    throw_input_error("sb::VeGeometric", "T", format_value(T),
                      fmt::format("the horizon the process was built for ({})", T_));
}

ProcessPtr make_ve_geometric(double sigma_min, double sigma_max, double T) {
  return std::make_shared<VeGeometric>(sigma_min, sigma_max, T);
}
ProcessPtr make_ve_brownian() { return std::make_shared<VeBrownian>(); }

}  // namespace sb
