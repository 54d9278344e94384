#include "sb/process/subvp.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

SubVp::SubVp(SchedulePtr beta) : beta_(std::move(beta)) {}

std::string SubVp::describe() const { return fmt::format("subvp ({})", beta_->describe()); }

double SubVp::g2(double t) const { return beta_->beta(t) * -std::expm1(-2 * beta_->integral(t)); }
double SubVp::m(double t) const { return std::exp(-0.5 * beta_->integral(t)); }
double SubVp::s2(double t) const {
  const double e = std::expm1(-beta_->integral(t));
  return e * e;
}

// var = m_{t2}² ∫ g2/m² = e^{−B2} ∫_{B1}^{B2} (e^{B} − e^{−B}) dB
//     = (1 − e^{−ΔB})(1 − e^{−(B1 + B2)}), a product without cancellation.
Transition SubVp::transition(double t1, double t2) const {
  const double dB = beta_->integral(t1, t2);
  const double B1 = beta_->integral(t1);
  const double B2 = B1 + dB;
  Transition tr;
  tr.log_flow = -0.5 * dB;
  tr.flow = std::exp(tr.log_flow);
  tr.shift = 0.0;
  tr.var = std::expm1(-dB) * std::expm1(-(B1 + B2));
  return tr;
}

// G = e^{−B1/2} [F(B2) − F(B1)],  F(B) = 2e^{B/2} + (2/3)e^{−3B/2}  (theory-notes B.2)
//   = 2(e^{ΔB/2} − 1) + (2/3) e^{−2B1} (e^{−3ΔB/2} − 1).
double SubVp::g2_integral(double t) const {
  // ∫₀ᵗ β(1 − e^{−2B}) = B_t + (e^{−2B_t} − 1)/2.
  const double B = -2.0 * std::log(m(t));
  return B + 0.5 * std::expm1(-2.0 * B);
}

double SubVp::ei_gain(double t1, double t2) const {
  const double dB = beta_->integral(t1, t2);
  const double B1 = beta_->integral(t1);
  return 2 * std::expm1(0.5 * dB) + (2.0 / 3.0) * std::exp(-2 * B1) * std::expm1(-1.5 * dB);
}

IsoGaussian SubVp::reference(Eigen::Index d, double) const { return {Vec::Zero(d), 1.0}; }

double SubVp::g2_sup(double T) const {
  // β(t)(1 − e^{−2B_t}): both factors are bounded by their sups.
  return beta_->sup(0.0, T) * -std::expm1(-2 * beta_->integral(T));
}

void SubVp::validate_for(Eigen::Index d, double T) const {
  LinearProcess::validate_for(d, T);
  if (beta_->horizon() < T)
    throw_input_error("sb::SubVp", "the end of the schedule table", format_value(beta_->horizon()),
                      fmt::format(">= T = {}", T));
}

ProcessPtr make_subvp(SchedulePtr beta) { return std::make_shared<SubVp>(std::move(beta)); }

}  // namespace sb
