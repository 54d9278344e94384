#include "sb/process/process_match.hpp"

#include <cmath>

namespace sb {
namespace {
constexpr double kTol = 1e-13;
bool near(double x, double ref) { return std::abs(x - ref) <= kTol * std::max(1.0, std::abs(ref)); }
}  // namespace

bool is_standard_ou(const LinearProcess& p, double T) {
  const auto st = p.stationary(1);
  if (!st || !near(st->var, 1.0) || st->mean.cwiseAbs().maxCoeff() != 0.0) return false;
  for (double t : {0.0, 0.25 * T, 0.5 * T, T})
    if (!near(p.a(t), -1.0) || std::abs(p.g2(t) - 2.0) > 4 * kTol) return false;
  return true;  // the centre is 0, so b plays no part
}

bool is_ve_brownian(const LinearProcess& p, double T) {
  for (double t : {0.0, 0.25 * T, 0.5 * T, T}) {
    if (p.a(t) != 0.0 || p.b(t) != 0.0 || !near(p.g2(t), 2.0)) return false;
    if (!near(p.m(t), 1.0) || p.kappa(t) != 0.0 || !near(p.s2(t), 2.0 * t)) return false;
  }
  const IsoGaussian ref = p.reference(1, T);  // π_ref = N(0, 2T I)
  return ref.mean.cwiseAbs().maxCoeff() == 0.0 && near(ref.var, 2.0 * T);
}

}  // namespace sb
