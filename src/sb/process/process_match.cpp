#include "sb/process/process_match.hpp"

#include <array>
#include <cmath>

namespace sb {
namespace {

bool near(double x, double ref) {
  return std::abs(x - ref) <= kProcessMatchTol * std::max(1.0, std::abs(ref));
}

std::array<double, 4> match_times(double T) { return {0.0, 0.25 * T, 0.5 * T, T}; }

}  // namespace

bool is_standard_ou(const LinearProcess& p, double T) {
  const auto st = p.stationary(1);
  if (!st || !near(st->var, 1.0) || st->mean.cwiseAbs().maxCoeff() != 0.0) return false;
  for (double t : match_times(T))
    if (!near(p.a(t), -1.0) || std::abs(p.g2(t) - 2.0) > 4 * kProcessMatchTol) return false;
  return true;  // the centre is 0, so b plays no part
}

bool is_ve_brownian(const LinearProcess& p, double T) {
  for (double t : match_times(T)) {
    if (p.a(t) != 0.0 || p.b(t) != 0.0 || !near(p.g2(t), 2.0)) return false;
    if (!near(p.m(t), 1.0) || p.kappa(t) != 0.0 || !near(p.s2(t), 2.0 * t)) return false;
  }
  const IsoGaussian ref = p.reference(1, T);  // π_ref = N(0, 2T I)
  return ref.mean.cwiseAbs().maxCoeff() == 0.0 && near(ref.var, 2.0 * T);
}

bool is_pure_smoothing(const LinearProcess& p, double T) {
  for (double t : match_times(T))
    if (p.a(t) != 0.0 || p.b(t) != 0.0 || std::abs(p.m(t) - 1.0) > kProcessMatchTol ||
        p.kappa(t) != 0.0)
      return false;
  return true;
}

bool is_ve_geometric(const LinearProcess& p) { return p.family() == ProcessFamily::kVeGeometric; }

std::optional<OuForm> scheduled_setting(const LinearProcess& p, Eigen::Index d, double T) {
  const std::optional<OuForm> form = p.ou_form();
  if (!form || p.centre(d).cwiseAbs().maxCoeff() != 0.0) return std::nullopt;
  const double sign = form->expanding ? 1.0 : -1.0;
  for (double t : match_times(T)) {
    const double g2 = p.g2(t), a = p.a(t);
    if (!(g2 > 0) || std::abs(a - sign * g2 / (2 * form->v)) > kProcessMatchTol * std::abs(a))
      return std::nullopt;
  }
  return form;
}

std::optional<OuForm> as_vp(const LinearProcess& p, Eigen::Index d, double T) {
  const auto s = scheduled_setting(p, d, T);
  if (!s || s->expanding || std::abs(s->v - 1.0) > kProcessMatchTol) return std::nullopt;
  return s;
}

std::optional<OuForm> as_cvp(const LinearProcess& p, Eigen::Index d, double T) {
  const auto s = scheduled_setting(p, d, T);
  if (!s || !s->expanding || std::abs(s->v - 1.0) > kProcessMatchTol) return std::nullopt;
  return s;
}

std::optional<OuForm> stationary_ou_setting(const LinearProcess& p, double T) {
  std::optional<OuForm> form = p.ou_form();
  if (!form || form->expanding) return std::nullopt;
  const auto st = p.stationary(1);
  if (!st || st->mean.size() == 0 || st->mean.cwiseAbs().maxCoeff() != 0.0 || !(st->var > 0))
    return std::nullopt;
  for (double t : match_times(T)) {
    const double g2 = p.g2(t), a = p.a(t);
    if (!(g2 > 0) || std::abs(a + g2 / (2 * st->var)) > kProcessMatchTol * std::abs(a))
      return std::nullopt;
  }
  form->v = st->var;
  return form;
}

}  // namespace sb
