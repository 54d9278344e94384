// Exact Wasserstein-1 distance for the Hamming metric between two laws on the hypercube {0,1}^d
// (the discrete engine of theory-notes B.5, issue 10).
//
// States. x ∈ {0,1}^d is the integer x = Σ_l x_l 2^(l−1) (coordinate l, 1-based, is bit l − 1),
// as everywhere in the project; a law is a Vec of length 2^d and Hamming(x, y) = popcount(x ^ y).
//
// Problem.  W1(p, q) = min over couplings π of p and q of E_π[Hamming(X, Y)].
// The Hamming metric is the shortest-path metric of the hypercube graph (states joined when they
// differ in one bit), so W1 is the uncapacitated min-cost transshipment on its d·2^(d−1) edges,
// unit cost per unit of mass and edge, supplies b = p − q:
//   W1 = min Σ_arcs φ(x→y)  over φ >= 0 with Σ_y φ(x→y) − Σ_y φ(y→x) = b(x) for every x.
// (A coupling routed along shortest paths is a flow of the same cost; conversely a flow
// decomposes into paths and cycles (Ahuja, Magnanti & Orlin 1993, "Network Flows", Sec. 3.5), the
// paths form a coupling of (p − q)₊ and (p − q)₋ whose cost is at most the flow's, and the common
// mass min(p, q) stays put.) Its LP dual is the Kantorovich–Rubinstein formula (Villani 2009,
// "Optimal Transport: Old and New", Ch. 5, the Kantorovich–Rubinstein case of Kantorovich duality):
//   W1 = max Σ_x f(x) (p(x) − q(x))  over f with |f(x) − f(y)| <= 1 for every edge {x, y},
// and at optimality φ(x→y) > 0 only where f(x) − f(y) = 1 (complementary slackness).
//
// Algorithm: the primal-dual min-cost-flow algorithm (Ahuja, Magnanti & Orlin 1993, Sec. 9.8)
// with integer node potentials π (f = −π). Each phase (i) computes shortest-path distances from
// all states with remaining excess in the residual graph under the reduced costs, which are
// integers in {0, 1, 2} (Dial's bucket algorithm, AMO Sec. 4.6), (ii) raises π by min(dist, D),
// D the distance of the nearest state with remaining deficit, which keeps every reduced cost >= 0,
// and (iii) sends a maximum flow from the excesses to the deficits through the admissible
// (zero reduced cost) arcs with Dinic's blocking flows (Dinic 1970; AMO Ch. 7), one path at a
// time. Why this rather than a network simplex: the potentials stay integers, so the certificate f
// is exactly 1-Lipschitz with no rounding; every augmentation zeroes its bottleneck exactly in
// floating point (x − x = 0), so termination needs no tolerance; and the number of phases is
// bounded by d: the potential of a state with excess stays 0, that of a state with deficit rises
// by D >= 1 per phase and never exceeds its Hamming distance (<= d) to a state with excess,
// since π is 1-Lipschitz (a (d+1)-th phase would be a broken invariant: std::logic_error).
// Dinic 1970: E. A. Dinic, "Algorithm for solution of a problem of maximum flow in networks with
// power estimation", Soviet Math. Doklady 11, 1277–1280.
//
// Cost. V = 2^d states, E = d·2^d arcs. At most d phases, each O(V d) for the shortest paths
// plus a Dinic maximum flow, O(V² E) in the worst case: O(d² 8^d) overall in the worst case.
// Measured in Release on random laws at d = 10 (V = 1024; dense, heavy-tailed, sparse, nearly
// equal and antipodal pairs): 0.4–10 ms (on a shared 2-core machine) and 200–1800 augmentations
// per call (the HammingW1.DimensionTen test prints its times).
//
// Accuracy. value = Σ_edges |φ| (summed in long double) is the cost of a flow whose divergence
// matches p − q up to the rounding of its additions (the excess left over when one side is
// exhausted is the rounding of Σ(p − q), ~1e-16); dual_value = Σ_x f(x)(p(x) − q(x)) with the
// integer potential. Their difference is Σ_x f(x)·(left-over excess) plus the rounding of the
// flow's additions: at most 5.3e-15 over 5000 random pairs with d = 1..10 (W1 up to 9.3).
#pragma once

#include "sb/core/types.hpp"

namespace sb {

/// Largest d accepted by hamming_w1 (2^10 = 1024 states).
inline constexpr int kMaxHammingW1Dim = 10;

struct HammingW1 {
  double value;        // W1(p, q) = Σ_edges |optimal flow| (primal)
  double dual_value;   // Σ_x potential(x) (p(x) − q(x)) (Kantorovich–Rubinstein dual)
  Vec potential;       // the dual certificate f: integer-valued, |f(x) − f(y)| <= 1 across every
                       // edge, f(0) = 0, f(x) − f(y) = 1 wherever the optimal flow moves x → y
  long augmentations;  // augmenting paths used by the maximum flows
};

/// W1 for the Hamming metric between the laws p and q on {0,1}^d (p.size() = q.size() = 2^d,
/// 1 <= d <= kMaxHammingW1Dim), both normalised by their sums before the transport.
/// Throws InputError when the sizes differ, the size is not 2^d with 1 <= d <= kMaxHammingW1Dim,
/// an entry is negative or not finite, or a sum differs from 1 by more than 1e-9.
HammingW1 hamming_w1(const Vec& p, const Vec& q);

}  // namespace sb
