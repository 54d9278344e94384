// Distances between a density propagated on a grid (sb::GridDensity) and data laws that the law
// layer cannot name: here the 1-D Gaussian mixture of sb::Mixture1d (theory-notes B.6 in the
// seeds' numbering). W2 comes from the two quantile functions,
//   W2² = ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du = ∫ (x − G⁻¹(F(x)))² p(x) dx,
// F the grid law's CDF and G the mixture's (GridDensity::w2, which states the bias bound).
#pragma once

#include "sb/core/estimate.hpp"
#include "sb/data/mixture1d.hpp"
#include "sb/law/grid_density.hpp"

namespace sb {

/// W2 between the mixture and a 1-D grid law; the mixture's quantiles are sought within
/// [min_i(m_i − 40 s_i), max_i(m_i + 40 s_i)]. Throws InputError for a mixture with no
/// component, vectors of different lengths, a weight < 0, or a standard deviation <= 0.
Estimate w2(const GridDensity& p, const Mixture1d& target);

}  // namespace sb
