// Numerical identification of a process, for theorem checks whose statement is about one
// specific forward SDE: a process matches when its coefficients agree at several times to a
// relative 1e-13, whatever kind name it was built under (e.g. ou_general with θ = 1, σ = √2,
// μ = 0 is the standard OU, up to the rounding of σ²).
#pragma once

#include "sb/process/linear_process.hpp"

namespace sb {

/// dX = −X dt + √2 dB (theory-notes A.1 #1) on [0, T].
bool is_standard_ou(const LinearProcess& p, double T);
/// dX = √2 dB (theory-notes A.1 #3b) on [0, T], with reference law N(0, 2T I).
bool is_ve_brownian(const LinearProcess& p, double T);

}  // namespace sb
