// Variance-exploding processes (a = b = 0, m_t = 1, κ_t = 0; theory-notes A.1 #3):
//   geometric (seed 004 §3.2): σ(t) = σ_min r^{t/T}, r = σ_max/σ_min, g² = dσ²/dt,
//       s_t² = σ_min²(r^{2t/T} − 1), π_ref = N(0, (σ_max² − σ_min²) I);
//   Brownian (seed 001):  dX = √2 dB, s_t² = 2t, π_ref = N(0, 2T I).
#pragma once

#include "sb/process/linear_process.hpp"

namespace sb {

class VeGeometric final : public LinearProcess {
 public:
  VeGeometric(double sigma_min, double sigma_max, double T);
  std::string kind() const override { return "ve"; }
  ProcessFamily family() const override { return ProcessFamily::kVeGeometric; }
  /// s_t² (m ≡ 1).
  double g2_integral(double t) const override { return s2(t); }
  std::string describe() const override;
  double a(double) const override { return 0.0; }
  double b(double) const override { return 0.0; }
  double g2(double t) const override;
  double m(double) const override { return 1.0; }
  double kappa(double) const override { return 0.0; }
  double s2(double t) const override;
  Transition transition(double t1, double t2) const override;
  double ei_gain(double t1, double t2) const override { return transition(t1, t2).var; }
  IsoGaussian reference(Eigen::Index d, double T) const override;
  double g2_sup(double T) const override { return g2(T); }
  void validate_for(Eigen::Index d, double T) const override;

 private:
  double smin_, smax_, T_, log_r_;
};

class VeBrownian final : public LinearProcess {
 public:
  std::string kind() const override { return "ve_brownian"; }
  ProcessFamily family() const override { return ProcessFamily::kVeBrownian; }
  /// s_t² = 2t (m ≡ 1).
  double g2_integral(double t) const override { return s2(t); }
  std::string describe() const override { return "ve_brownian (dX = sqrt(2) dB)"; }
  double a(double) const override { return 0.0; }
  double b(double) const override { return 0.0; }
  double g2(double) const override { return 2.0; }
  double m(double) const override { return 1.0; }
  double kappa(double) const override { return 0.0; }
  double s2(double t) const override { return 2.0 * t; }
  Transition transition(double t1, double t2) const override {
    return {0.0, 1.0, 0.0, 2.0 * (t2 - t1)};
  }
  double ei_gain(double t1, double t2) const override { return 2.0 * (t2 - t1); }
  IsoGaussian reference(Eigen::Index d, double T) const override { return {Vec::Zero(d), 2.0 * T}; }
  double g2_sup(double) const override { return 2.0; }
};

ProcessPtr make_ve_geometric(double sigma_min, double sigma_max, double T);
ProcessPtr make_ve_brownian();

}  // namespace sb
