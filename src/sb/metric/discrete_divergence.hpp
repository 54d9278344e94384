// Distances between probability vectors (laws on a finite set, here {0,1}^d), exact:
//   KL(p‖q) = Σ p log(p/q)  (+inf when q = 0 < p),   TV = ½ Σ|p − q|,
//   H² = 1 − Σ√(pq) = ½ Σ(√p − √q)²  (the second form: no cancellation for close laws),
// and PSOCD25's discrete Fisher information of a law μ relative to the uniform γ_d
// (seed 000, "KL bound" slide; theory/psocd25_kl_corrected.md):
//   β_{γ_d}(μ) = Σ_x μ(x) Σ_ℓ 𝔥(μ(φ^ℓ x)/μ(x)),   𝔥(a) = a log a − a + 1,  𝔥(0) = 1.
#pragma once

#include "sb/core/types.hpp"

namespace sb {

/// KL(p‖q); terms with p = 0 are 0.
double discrete_kl(const Vec& p, const Vec& q);
double discrete_tv(const Vec& p, const Vec& q);
double discrete_hellinger2(const Vec& p, const Vec& q);
/// KL(μ‖γ_d) = d log 2 + Σ μ log μ, computed as Σ μ log(2^d μ).
double kl_to_uniform(const Vec& mu);
/// β_{γ_d}(μ) above (0 for the uniform law).
double bitflip_beta(const Vec& mu);

}  // namespace sb
