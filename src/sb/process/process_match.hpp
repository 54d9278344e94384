// The one place that recognises a forward process, for the theorem checks whose statement is
// about one specific SDE. A process matches when its coefficients agree at the times
// {0, T/4, T/2, T} to the relative tolerance kProcessMatchTol, whatever kind name it was built
// under: ou_general with θ = 1, σ = √2, μ = 0 is the standard OU (up to the rounding of σ²), and
// ou_general with σ²/(2θ) = 1 and μ = 0 is VP with the constant schedule β ≡ σ².
#pragma once

#include <optional>

#include "sb/process/linear_process.hpp"

namespace sb {

/// Relative tolerance of every numerical recognition: the coefficients are closed forms
/// evaluated with a few roundings each.
inline constexpr double kProcessMatchTol = 1e-13;

/// dX = −X dt + √2 dB (theory-notes A.1 #1) on [0, T].
bool is_standard_ou(const LinearProcess& p, double T);
/// dX = √2 dB (theory-notes A.1 #3b) on [0, T], with reference law N(0, 2T I).
bool is_ve_brownian(const LinearProcess& p, double T);
/// No drift (m_t = 1, κ_t = 0 on [0, T]): p_t = π_data ∗ N(0, s_t² I), a VE process.
bool is_pure_smoothing(const LinearProcess& p, double T);
/// The geometric VE of seed 004 §3.2 (reference variance σ_max² − σ_min²).
bool is_ve_geometric(const LinearProcess& p);

/// A scheduled OU of seed 004 §3 (VP, CVP, OU, COU) with zero centre: its OuForm, when the
/// drift is a(t) = ±g2(t)/(2v) with g2 > 0 at the match times.
std::optional<OuForm> scheduled_setting(const LinearProcess& p, Eigen::Index d, double T);
/// VP (seed 004 §3.3): a contracting scheduled OU with v = 1.
std::optional<OuForm> as_vp(const LinearProcess& p, Eigen::Index d, double T);
/// CVP (seed 004 §3.5): an expanding scheduled OU with v = 1.
std::optional<OuForm> as_cvp(const LinearProcess& p, Eigen::Index d, double T);
/// The OU with a noise schedule of seed 003, dX = −β/(2σ²) X dt + √β dB with stationary law
/// N(0, σ² I): a contracting scheduled OU whose stationary mean is exactly 0 and whose drift is
/// a(t) = −g2(t)/(2σ²); v of the result is σ² (covers ou_schedule, vp, ou, ou_general, μ = 0).
std::optional<OuForm> stationary_ou_setting(const LinearProcess& p, double T);

}  // namespace sb
