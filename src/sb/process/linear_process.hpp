// The linear forward SDE of theory-notes A.0, which covers every forward process of the seeds
// except CLD:
//     dX_t = (a(t) X_t + b(t) μ) dt + √g2(t) dB_t,   X_0 ~ π_data,
// with scalar a, b, g2 and a fixed centre vector μ (empty when the process has none).
//   m_t = exp ∫₀ᵗ a,   κ_t = m_t ∫₀ᵗ b/m,   s_t² = m_t² ∫₀ᵗ g2/m²,
//   X_t | X_0 = x  ~  N(m_t x + κ_t μ, s_t² I).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "sb/core/types.hpp"

namespace sb {

/// Forward transition from time t1 to t2 > t1:  X_{t2} | X_{t1} = x ~ N(flow·x + shift·μ, var·I).
/// flow = m_{t2}/m_{t1} = exp(log_flow); shift = κ_{t2} − flow·κ_{t1}; var = s²_{t2} −
/// flow²·s²_{t1}.
struct Transition {
  double log_flow = 0.0;
  double flow = 1.0;
  double shift = 0.0;
  double var = 0.0;
};

/// N(mean, var·I).
struct IsoGaussian {
  Vec mean;
  double var = 1.0;
};

class Schedule;

/// The closed-form family a process belongs to (theory-notes A.1), for checks whose statement is
/// about one family; sb::process_match recognises the members of a family numerically.
enum class ProcessFamily {
  kScheduledOu,  // #1, #2, #4, #6, #7, #8: dX = ∓β/(2v)(X − μ) dt + √β dB
  kSubVp,        // #5
  kVeGeometric,  // #3a
  kVeBrownian,   // #3b
};

/// What a scheduled-OU-family process is: dX = ∓β(t)/(2v)(X − μ) dt + √β(t) dB.
struct OuForm {
  const Schedule* beta = nullptr;
  double v = 1.0;
  bool expanding = false;
};

class LinearProcess {
 public:
  virtual ~LinearProcess() = default;

  /// The JSON kind: "ou", "ou_general", "ve", "ve_brownian", "vp", "subvp", "cou", "cvp",
  /// "ou_schedule".
  virtual std::string kind() const = 0;
  /// The closed-form family (several kinds share one: ou, vp, cvp, ... are scheduled OUs).
  virtual ProcessFamily family() const = 0;
  /// β, v and the direction of a scheduled-OU-family process; nullopt for the others.
  virtual std::optional<OuForm> ou_form() const { return std::nullopt; }
  /// One line with the parameters, for reports and legends.
  virtual std::string describe() const = 0;

  // SDE coefficients.
  virtual double a(double t) const = 0;
  virtual double b(double t) const = 0;
  virtual double g2(double t) const = 0;

  // Closed-form marginal coefficients (theory-notes A.1).
  virtual double m(double t) const = 0;
  virtual double kappa(double t) const = 0;
  virtual double s2(double t) const = 0;

  /// Closed-form transition, free of cancellation for t2 − t1 small.
  virtual Transition transition(double t1, double t2) const = 0;

  /// Exponential-integrator gain m_{t1} ∫_{t1}^{t2} g2(u)/m_u du (theory-notes B.2, G_k with
  /// t1 = τ_{k+1}, t2 = τ_k). The default integrates on geometric pieces towards t1
  /// (sb::quad::integrate_geometric); processes with a closed form override it.
  virtual double ei_gain(double t1, double t2) const;

  /// The law the sampler starts from (theory-notes A.1, last column), in dimension d for
  /// horizon T.
  virtual IsoGaussian reference(Eigen::Index d, double T) const = 0;

  /// The Gaussian stationary law N(μ∞, v∞ I) of an OU-type process (g2 = −2 a v∞), needed by
  /// the renormalised exponential integrator (EIR); nullopt for the others.
  virtual std::optional<IsoGaussian> stationary(Eigen::Index d) const {
    (void)d;
    return std::nullopt;
  }

  /// sup of g2 over [0, T] (‖g‖²_∞ in seed 004's bounds).
  virtual double g2_sup(double T) const = 0;

  /// ∫₀ᵗ g2, the integrated diffusion. Processes with a closed form override it; the default
  /// integrates on geometric pieces towards 0 (sb::quad::integrate_geometric).
  virtual double g2_integral(double t) const;

  /// The centre μ in dimension d (zero when the process has none).
  Vec centre(Eigen::Index d) const;
  /// Throws InputError if the process's centre does not have dimension d, or if the process is
  /// not defined on [0, T].
  virtual void validate_for(Eigen::Index d, double T) const;

 protected:
  Vec mu_;  // empty when the process has no centre
};

using ProcessPtr = std::shared_ptr<const LinearProcess>;

}  // namespace sb
