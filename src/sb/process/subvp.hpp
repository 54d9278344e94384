// Sub-VP SDE (seed 004 §3.4; theory-notes A.1 #5):
//   dX = −β/2 X dt + √(β(1 − e^{−2B_t})) dB,  m_t = e^{−B_t/2},  s_t² = (1 − e^{−B_t})²,
//   π_ref = N(0, I).
#pragma once

#include "sb/process/linear_process.hpp"
#include "sb/schedule/schedule.hpp"

namespace sb {

class SubVp final : public LinearProcess {
 public:
  explicit SubVp(SchedulePtr beta);
  std::string kind() const override { return "subvp"; }
  ProcessFamily family() const override { return ProcessFamily::kSubVp; }
  std::string describe() const override;
  double a(double t) const override { return -0.5 * beta_->beta(t); }
  double b(double) const override { return 0.0; }
  double g2(double t) const override;
  double m(double t) const override;
  double kappa(double) const override { return 0.0; }
  double s2(double t) const override;
  Transition transition(double t1, double t2) const override;
  double ei_gain(double t1, double t2) const override;
  IsoGaussian reference(Eigen::Index d, double T) const override;
  double g2_sup(double T) const override;
  /// B_t − (1 − e^{−2B_t})/2 with B_t = −2 log m_t.
  double g2_integral(double t) const override;
  void validate_for(Eigen::Index d, double T) const override;

 private:
  SchedulePtr beta_;
};

ProcessPtr make_subvp(SchedulePtr beta);

}  // namespace sb
