// The samplers of theory-notes B.2–B.3 and the coefficients of one step.
//
// For an isotropic linear forward process and an affine score ŝ(τ, y) = −P y + q, one step of
// every discretised scheme is an affine map (theory-notes B.2)
//     Y_{k+1} = (α I − γ P_k) Y_k + ζ μ + γ q_k + √ω Z_k,
// where μ is the process centre (the stationary mean μ∞ for EIR, which is the same vector), and
// (α, γ, ζ, ω) are scalars that depend only on the process, the scheme and the two times:
//   EM  (seeds 000–002, 004 eq. (13)): α = 1 − h a(τ_k), γ = h g2(τ_k), ζ = −h b(τ_k), ω = h
//   g2(τ_k); EI  (plain score frozen, seed 003): α = E = m_{τ_{k+1}}/m_{τ_k}, γ = G_k = m_{τ_{k+1}}
//   ∫ g2/m,
//        ζ = κ_{τ_{k+1}} − E κ_{τ_k}, ω = E² s²_{τ_k} − s²_{τ_{k+1}};
//   EIR (renormalised score ŝ + (y − μ∞)/v∞ frozen; OU-type only; CDS25):
//        F = m_{τ_k}/m_{τ_{k+1}}, γ = 2v∞(1 − F), α = F + γ/v∞, ζ = 1 − α, ω = v∞(1 − F²).
#pragma once

#include <string>
#include <string_view>

#include "sb/process/linear_process.hpp"

namespace sb {

enum class Scheme {
  kEulerMaruyama,            // "em"
  kExponentialIntegrator,    // "ei"
  kExponentialRenormalised,  // "eir"
  kContinuous,               // "continuous": the exact reverse SDE with the given score
  // Particle engine only (sb::run_particle_sampler) for now:
  kProbabilityFlow,     // "pf_ode": the probability-flow ODE by Heun's method (Song et al. 2021)
  kPredictorCorrector,  // "pc": an EM predictor + Langevin corrector steps (seed 004, §5.3)
  // The bit-flip chain on {0,1}^d only (sampler/jump_chain.hpp); kContinuous is its exact
  // continuous-time reverse chain there ("exact" is accepted as another name for it):
  kFrozenRate,  // "frozen_rate": exp(h Q̂) with the rates frozen at the step's start
  kJumpEuler,   // "euler": the kernel I + h Q̂ (valid only when h·max exit rate <= 1)
  kTauLeaping,  // "tau_leaping": every bit flips independently w.p. 1 − e^{−h q̂}
  // The kinetic (CLD) process only (sampler/cld_recursion.hpp; em, ei, eir, continuous are
  // shared with the linear SDEs):
  kSplit,              // "split": Strang splitting, exact linear flow / Euler score sub-step
  kSplitRenormalised,  // "split_renormalised": the same around the π∞-preserving linear flow
};

/// True for the samplers of the bit-flip chain (frozen_rate, euler, tau_leaping; continuous is
/// shared with the linear SDEs).
bool is_jump_scheme(Scheme s);
/// True for the samplers that only the kinetic (CLD) process has (split, split_renormalised).
bool is_cld_only_scheme(Scheme s);

/// True for the schemes whose step is the affine map above (em, ei, eir): the ones the exact
/// mean/covariance recursion and step_coefficients() handle.
bool is_affine_step_scheme(Scheme s);

std::string to_string(Scheme s);
/// Throws InputError naming `key` for an unknown name.
Scheme scheme_from_string(std::string_view name, std::string_view key = "sampler");

struct StepCoefficients {
  double alpha = 1.0, gamma = 0.0, zeta = 0.0, omega = 0.0;
};

/// Coefficients of the step from forward time tau_from = τ_k down to tau_to = τ_{k+1}.
/// Throws InputError for kContinuous, and for kExponentialRenormalised on a process without a
/// Gaussian stationary law.
StepCoefficients step_coefficients(Scheme s, const LinearProcess& p, double tau_from,
                                   double tau_to);

/// Throws InputError if the scheme cannot run on the process (EIR needs a stationary law).
void check_scheme_applies(Scheme s, const LinearProcess& p);

}  // namespace sb
