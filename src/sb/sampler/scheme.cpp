#include "sb/sampler/scheme.hpp"

#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

std::string to_string(Scheme s) {
  switch (s) {
    case Scheme::kEulerMaruyama:
      return "em";
    case Scheme::kExponentialIntegrator:
      return "ei";
    case Scheme::kExponentialRenormalised:
      return "eir";
    case Scheme::kContinuous:
      return "continuous";
    case Scheme::kProbabilityFlow:
      return "pf_ode";
    case Scheme::kPredictorCorrector:
      return "pc";
    case Scheme::kFrozenRate:
      return "frozen_rate";
    case Scheme::kJumpEuler:
      return "euler";
    case Scheme::kTauLeaping:
      return "tau_leaping";
    case Scheme::kSplit:
      return "split";
    case Scheme::kSplitRenormalised:
      return "split_renormalised";
  }
  return "?";
}

Scheme scheme_from_string(std::string_view name, std::string_view key) {
  if (name == "em") return Scheme::kEulerMaruyama;
  if (name == "ei") return Scheme::kExponentialIntegrator;
  if (name == "eir") return Scheme::kExponentialRenormalised;
  if (name == "continuous") return Scheme::kContinuous;
  if (name == "pf_ode") return Scheme::kProbabilityFlow;
  if (name == "pc") return Scheme::kPredictorCorrector;
  if (name == "frozen_rate") return Scheme::kFrozenRate;
  if (name == "euler") return Scheme::kJumpEuler;
  if (name == "tau_leaping") return Scheme::kTauLeaping;
  if (name == "split") return Scheme::kSplit;
  if (name == "split_renormalised") return Scheme::kSplitRenormalised;
  if (name == "exact") return Scheme::kContinuous;
  throw_input_error("scorebound", key, std::string(name),
                    "one of em, ei, eir, continuous, pf_ode, pc (linear SDEs); frozen_rate, "
                    "euler, tau_leaping, exact or continuous (the bit-flip chain); em, ei, eir, "
                    "split, split_renormalised or continuous (the kinetic process cld)");
}

bool is_jump_scheme(Scheme s) {
  return s == Scheme::kFrozenRate || s == Scheme::kJumpEuler || s == Scheme::kTauLeaping;
}

bool is_cld_only_scheme(Scheme s) {
  return s == Scheme::kSplit || s == Scheme::kSplitRenormalised;
}

bool is_affine_step_scheme(Scheme s) {
  return s == Scheme::kEulerMaruyama || s == Scheme::kExponentialIntegrator ||
         s == Scheme::kExponentialRenormalised;
}

void check_scheme_applies(Scheme s, const LinearProcess& p) {
  if (is_jump_scheme(s))
    throw_input_error("scorebound", "sampler", to_string(s),
                      "em, ei, eir, continuous, pf_ode or pc for process kind " + p.kind() + " (" +
                          to_string(s) + " samples the bit-flip chain on {0,1}^d)");
  if (is_cld_only_scheme(s))
    throw_input_error("scorebound", "sampler", to_string(s),
                      "em, ei, eir, continuous, pf_ode or pc for process kind " + p.kind() + " (" +
                          to_string(s) + " samples the kinetic process cld)");
  if (s == Scheme::kExponentialRenormalised && !p.stationary(1))
    throw_input_error(
        "scorebound", "sampler", "eir",
        "em, ei or continuous for process kind " + p.kind() +
            " (eir needs a Gaussian stationary law: ou, ou_general, vp, ou_schedule)");
}

StepCoefficients step_coefficients(Scheme s, const LinearProcess& p, double tau_from,
                                   double tau_to) {
  StepCoefficients c;
  switch (s) {
    case Scheme::kEulerMaruyama: {
      const double h = tau_from - tau_to;
      const double g2 = p.g2(tau_from);
      c.alpha = 1.0 - h * p.a(tau_from);
      c.gamma = h * g2;
      c.zeta = -h * p.b(tau_from);
      c.omega = h * g2;
      return c;
    }
    case Scheme::kExponentialIntegrator: {
      // Forward transition τ_{k+1} → τ_k: flow = m_{τ_k}/m_{τ_{k+1}}, so E = 1/flow,
      // κ_{τ_{k+1}} − E κ_{τ_k} = −E·shift and E² s²_{τ_k} − s²_{τ_{k+1}} = E²·var
      // (theory-notes Appendix A2).
      const Transition tr = p.transition(tau_to, tau_from);
      const double E = std::exp(-tr.log_flow);
      c.alpha = E;
      c.gamma = p.ei_gain(tau_to, tau_from);
      c.zeta = -E * tr.shift;
      c.omega = E * E * tr.var;
      return c;
    }
    case Scheme::kExponentialRenormalised: {
      const auto st = p.stationary(1);
      if (!st) check_scheme_applies(s, p);
      const double v = st->var;
      const Transition tr = p.transition(tau_to, tau_from);
      const double one_minus_F = -std::expm1(tr.log_flow);  // 1 − F, F = m_{τ_k}/m_{τ_{k+1}}
      const double F = tr.flow;
      c.gamma = 2.0 * v * one_minus_F;
      c.alpha = 1.0 + one_minus_F;  // F + γ/v∞ = F + 2(1 − F)
      c.zeta = -one_minus_F;        // 1 − α
      c.omega = v * one_minus_F * (1.0 + F);
      return c;
    }
    case Scheme::kContinuous:
    case Scheme::kProbabilityFlow:
    case Scheme::kPredictorCorrector:
    case Scheme::kFrozenRate:
    case Scheme::kJumpEuler:
    case Scheme::kTauLeaping:
    case Scheme::kSplit:
    case Scheme::kSplitRenormalised:
      break;
  }
  throw_input_error("sb::step_coefficients", "sampler", to_string(s),
                    "a discretised scheme (em, ei, eir)");
}

}  // namespace sb
