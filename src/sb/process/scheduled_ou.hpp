// The scheduled Ornstein–Uhlenbeck family, contracting or expanding:
//   contracting:  dX = −β(t)/(2v) (X − μ) dt + √β(t) dB     (stationary N(μ, v I))
//   expanding:    dX = +β(t)/(2v) (X − μ) dt + √β(t) dB
// It covers, with B(t) = ∫₀ᵗ β (theory-notes A.1):
//   #1 standard OU  (β ≡ 2, v = 1)             seeds 000–003
//   #2 OU(θ, μ, σ)  (β ≡ σ², v = σ²/(2θ))      seed 004 §3.1
//   #4 VP           (β linear, v = 1)          seed 004 §3.3
//   #8 OU with schedule β, stationary σ∞² = v  seed 003
//   #6 COU(θ, μ, σ) (expanding, β ≡ σ², v = σ²/(2θ))  seed 004 §3.5
//   #7 CVP          (expanding, β linear, v = 1)      seed 004 §3.5
// With s = ±1 (contracting −1): m_t = e^{s B/(2v)}, κ_t = 1 − m_t, s_t² = s·v·(e^{s B/v} − 1).
#pragma once

#include "sb/process/linear_process.hpp"
#include "sb/schedule/schedule.hpp"

namespace sb {

class ScheduledOu final : public LinearProcess {
 public:
  enum class Direction { kContracting, kExpanding };

  /// `kind` is the name reported (e.g. "vp"); v > 0; mu may be empty (centre 0).
  ScheduledOu(std::string kind, Direction dir, SchedulePtr beta, double v, Vec mu = Vec());

  std::string kind() const override { return kind_; }
  ProcessFamily family() const override { return ProcessFamily::kScheduledOu; }
  std::optional<OuForm> ou_form() const override {
    return OuForm{beta_.get(), v_, dir_ == Direction::kExpanding};
  }
  std::string describe() const override;
  double a(double t) const override;
  double b(double t) const override;
  double g2(double t) const override { return beta_->beta(t); }
  double m(double t) const override;
  double kappa(double t) const override;
  double s2(double t) const override;
  Transition transition(double t1, double t2) const override;
  double ei_gain(double t1, double t2) const override;
  IsoGaussian reference(Eigen::Index d, double T) const override;
  std::optional<IsoGaussian> stationary(Eigen::Index d) const override;
  double g2_sup(double T) const override { return beta_->sup(0.0, T); }
  /// B_t, the schedule's integral.
  double g2_integral(double t) const override { return beta_->integral(t); }
  void validate_for(Eigen::Index d, double T) const override;

  const Schedule& schedule() const { return *beta_; }
  double v() const { return v_; }
  Direction direction() const { return dir_; }

 private:
  double sign() const { return dir_ == Direction::kContracting ? -1.0 : 1.0; }
  std::string kind_;
  Direction dir_;
  SchedulePtr beta_;
  double v_;
};

/// dX = −X dt + √2 dB, π_ref = N(0, I).
ProcessPtr make_standard_ou();
/// dX = θ(μ − X) dt + σ dB, π_ref = N(μ, σ²/(2θ) I).  σ is the diffusion coefficient.
ProcessPtr make_ou(double theta, Vec mu, double sigma);
/// VP with schedule β, π_ref = N(0, I).
ProcessPtr make_vp(SchedulePtr beta);
/// dX = −β/(2σ∞²) X dt + √β dB, π_ref = N(0, σ∞² I) (seed 003).
ProcessPtr make_ou_schedule(SchedulePtr beta, double sigma2);
/// dX = θ(X − μ) dt + σ dB, π_ref = N(0, s_T² I) (seed 004 §3.5).
ProcessPtr make_cou(double theta, Vec mu, double sigma);
/// dX = β/2 X dt + √β dB, π_ref = N(0, (e^{B_T} − 1) I) (seed 004 §3.5).
ProcessPtr make_cvp(SchedulePtr beta);

}  // namespace sb
