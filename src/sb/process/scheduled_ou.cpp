#include "sb/process/scheduled_ou.hpp"

#include <fmt/format.h>

#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

ScheduledOu::ScheduledOu(std::string kind, Direction dir, SchedulePtr beta, double v, Vec mu)
    : kind_(std::move(kind)), dir_(dir), beta_(std::move(beta)), v_(v) {
  const std::string fn = "sb::ScheduledOu(" + kind_ + ")";
  check_positive(fn, "stationary variance v", v);
  check_finite(fn, "mu", mu);
  mu_ = std::move(mu);
}

std::string ScheduledOu::describe() const {
  return fmt::format("{} ({}, {}, v = {}{})", kind_,
                     dir_ == Direction::kContracting ? "contracting" : "expanding",
                     beta_->describe(), v_, mu_.size() ? ", centred at mu" : "");
}

double ScheduledOu::a(double t) const { return sign() * beta_->beta(t) / (2 * v_); }
double ScheduledOu::b(double t) const { return -a(t); }
double ScheduledOu::m(double t) const { return std::exp(sign() * beta_->integral(t) / (2 * v_)); }
// κ_t = m_t ∫ b/m = 1 − m_t (b = −a), evaluated as −expm1.
double ScheduledOu::kappa(double t) const {
  return -std::expm1(sign() * beta_->integral(t) / (2 * v_));
}
// s_t² = s·v·expm1(s·B/v): v(1 − e^{−B/v}) contracting, v(e^{B/v} − 1) expanding.
double ScheduledOu::s2(double t) const {
  return sign() * v_ * std::expm1(sign() * beta_->integral(t) / v_);
}

Transition ScheduledOu::transition(double t1, double t2) const {
  const double dB = beta_->integral(t1, t2);
  Transition tr;
  tr.log_flow = sign() * dB / (2 * v_);
  tr.flow = std::exp(tr.log_flow);
  tr.shift = -std::expm1(tr.log_flow);
  tr.var = sign() * v_ * std::expm1(sign() * dB / v_);
  return tr;
}

// m_{t1} ∫ β/m = ∫ β e^{−s(B_u − B_{t1})/(2v)} du = −s·2v·(e^{−sΔB/(2v)} − 1):
// contracting 2v(e^{ΔB/(2v)} − 1), expanding 2v(1 − e^{−ΔB/(2v)})  (theory-notes B.2).
double ScheduledOu::ei_gain(double t1, double t2) const {
  const double dB = beta_->integral(t1, t2);
  return -sign() * 2 * v_ * std::expm1(-sign() * dB / (2 * v_));
}

IsoGaussian ScheduledOu::reference(Eigen::Index d, double T) const {
  if (dir_ == Direction::kContracting) return {centre(d), v_};
  // Seed 004 §3.5: the reference of COU/CVP is centred at 0 with the variance s_T² (the data
  // are not forgotten: theory-notes A.2 and D-20).
  return {Vec::Zero(d), s2(T)};
}

std::optional<IsoGaussian> ScheduledOu::stationary(Eigen::Index d) const {
  if (dir_ == Direction::kExpanding) return std::nullopt;
  return IsoGaussian{centre(d), v_};
}

void ScheduledOu::validate_for(Eigen::Index d, double T) const {
  LinearProcess::validate_for(d, T);
  if (beta_->horizon() < T)
    throw_input_error("sb::ScheduledOu(" + kind_ + ")", "the end of the schedule table",
                      format_value(beta_->horizon()), fmt::format(">= T = {}", T));
}

ProcessPtr make_standard_ou() {
  return std::make_shared<ScheduledOu>("ou", ScheduledOu::Direction::kContracting,
                                       make_constant_schedule(2.0), 1.0);
}

ProcessPtr make_ou(double theta, Vec mu, double sigma) {
  check_positive("sb::make_ou", "theta", theta);
  check_positive("sb::make_ou", "sigma", sigma);
  return std::make_shared<ScheduledOu>("ou_general", ScheduledOu::Direction::kContracting,
                                       make_constant_schedule(sigma * sigma),
                                       sigma * sigma / (2 * theta), std::move(mu));
}

ProcessPtr make_vp(SchedulePtr beta) {
  return std::make_shared<ScheduledOu>("vp", ScheduledOu::Direction::kContracting, std::move(beta),
                                       1.0);
}

ProcessPtr make_ou_schedule(SchedulePtr beta, double sigma2) {
  return std::make_shared<ScheduledOu>("ou_schedule", ScheduledOu::Direction::kContracting,
                                       std::move(beta), sigma2);
}

ProcessPtr make_cou(double theta, Vec mu, double sigma) {
  check_positive("sb::make_cou", "theta", theta);
  check_positive("sb::make_cou", "sigma", sigma);
  return std::make_shared<ScheduledOu>("cou", ScheduledOu::Direction::kExpanding,
                                       make_constant_schedule(sigma * sigma),
                                       sigma * sigma / (2 * theta), std::move(mu));
}

ProcessPtr make_cvp(SchedulePtr beta) {
  return std::make_shared<ScheduledOu>("cvp", ScheduledOu::Direction::kExpanding, std::move(beta),
                                       1.0);
}

}  // namespace sb
