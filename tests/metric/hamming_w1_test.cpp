// Exact Hamming W1 on {0,1}^d (src/sb/metric/hamming_w1.hpp, theory-notes B.5): closed forms
// (one bit, product laws, point masses, a point mass against any law), metric axioms, the
// Kantorovich–Rubinstein certificate (primal = dual, 1-Lipschitz potential), the marginal lower
// bound and the TV-coupling upper bound, two independent brute-force computations (the coupling
// LP by a dense two-phase simplex, d <= 4; the maximum over the vertices of the dual polytope,
// enumerated, d <= 3), and hostile inputs.
#include "sb/metric/hamming_w1.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/core/rng.hpp"
#include "test_util.hpp"

namespace sb {
// Named so that the folder's single unity unit cannot collide with these helpers.
namespace hamming_w1_test {
namespace {

using namespace sb::test;  // the shared helpers (tests/test_util.hpp)

// Primal and dual agree to this (absolute; W1 <= d <= 10).
constexpr double kAgree = 1e-12;

int hamming(Eigen::Index x, Eigen::Index y) {
  return std::popcount(static_cast<std::uint64_t>(x ^ y));
}

// A random law on 2^d states: uniform weights, or (sparse) each state kept with probability 1/2.
Vec random_law(int d, Rng& rng, bool sparse = false) {
  const Eigen::Index n = Eigen::Index{1} << d;
  Vec p(n);
  for (Eigen::Index x = 0; x < n; ++x) {
    const double u = rng.uniform();
    p[x] = sparse && rng.uniform() < 0.5 ? 0.0 : u;
  }
  if (p.sum() == 0.0) p[0] = 1.0;
  return p / p.sum();
}

Vec point_mass(int d, Eigen::Index x) {
  Vec p = Vec::Zero(Eigen::Index{1} << d);
  p[x] = 1.0;
  return p;
}

// Independent bits, P(x_l = 1) = a[l − 1] (coordinate l is bit l − 1 of the state index).
Vec product_law(const std::vector<double>& a) {
  const int d = static_cast<int>(a.size());
  Vec p(Eigen::Index{1} << d);
  for (Eigen::Index x = 0; x < p.size(); ++x) {
    double w = 1.0;
    for (int l = 0; l < d; ++l) w *= (x >> l & 1) ? a[l] : 1.0 - a[l];
    p[x] = w;
  }
  return p;
}

// Σ_l |P(X_l = 1) − P(Y_l = 1)|: a lower bound, since E|X_l − Y_l| >= |E X_l − E Y_l| under any
// coupling and Hamming(X, Y) = Σ_l |X_l − Y_l|.
double marginal_lower_bound(const Vec& p, const Vec& q, int d) {
  double total = 0.0;
  for (int l = 0; l < d; ++l) {
    double m = 0.0;
    for (Eigen::Index x = 0; x < p.size(); ++x)
      if (x >> l & 1) m += p[x] - q[x];
    total += std::abs(m);
  }
  return total;
}

// d·TV(p, q): the maximal coupling has P(X != Y) = TV and Hamming <= d.
double tv_upper_bound(const Vec& p, const Vec& q, int d) {
  return d * 0.5 * (p - q).cwiseAbs().sum();
}

// The certificate: integer potential with f(0) = 0, 1-Lipschitz across every edge, dual_value
// equal to Σ f (p − q) recomputed here, and equal to value.
void expect_certificate(const HammingW1& r, const Vec& p, const Vec& q, int d) {
  ASSERT_EQ(r.potential.size(), p.size());
  EXPECT_EQ(r.potential[0], 0.0);
  double worst_lip = 0.0;
  for (Eigen::Index x = 0; x < p.size(); ++x) {
    EXPECT_EQ(r.potential[x], std::round(r.potential[x])) << "x = " << x;
    for (int l = 0; l < d; ++l)
      worst_lip = std::max(worst_lip, std::abs(r.potential[x] - r.potential[x ^ (1 << l)]));
  }
  EXPECT_LE(worst_lip, 1.0 + 1e-12);
  const double dual = r.potential.dot(p / p.sum() - q / q.sum());
  EXPECT_NEAR(dual, r.dual_value, kAgree);
  EXPECT_NEAR(r.value, r.dual_value, kAgree) << "d = " << d;
  EXPECT_GE(r.value, 0.0);
}

// ---- brute force for small d ---------------------------------------------------------------

// min c·x subject to A x = rhs, x >= 0 (rhs >= 0), by the two-phase tableau simplex with Bland's
// rule (smallest eligible index enters and leaves, so degenerate pivots cannot cycle).
double simplex_min(const Mat& A, const Vec& rhs, const Vec& c) {
  const Eigen::Index m = A.rows(), N = A.cols(), W = N + m;  // W: real and artificial columns
  constexpr double eps = 1e-12;
  Mat T = Mat::Zero(m, W + 1);
  T.leftCols(N) = A;
  T.block(0, N, m, m) = Mat::Identity(m, m);
  T.col(W) = rhs;
  std::vector<Eigen::Index> basis(static_cast<std::size_t>(m));
  for (Eigen::Index i = 0; i < m; ++i) basis[static_cast<std::size_t>(i)] = N + i;
  auto pivot = [&](Eigen::Index row, Eigen::Index col) {
    T.row(row) /= T(row, col);
    for (Eigen::Index i = 0; i < m; ++i)
      if (i != row && T(i, col) != 0.0) T.row(i) -= T(i, col) * T.row(row);
    basis[static_cast<std::size_t>(row)] = col;
  };
  auto run = [&](const Vec& cost, Eigen::Index allowed) {  // columns [0, allowed) may enter
    for (int iter = 0; iter < 100000; ++iter) {
      Eigen::Index enter = -1;
      for (Eigen::Index j = 0; j < allowed && enter < 0; ++j) {
        double rc = cost[j];
        for (Eigen::Index i = 0; i < m; ++i)
          rc -= cost[basis[static_cast<std::size_t>(i)]] * T(i, j);
        if (rc < -eps) enter = j;
      }
      if (enter < 0) return;
      Eigen::Index leave = -1;
      double best = 0.0;
      for (Eigen::Index i = 0; i < m; ++i) {
        if (T(i, enter) <= eps) continue;
        const double ratio = T(i, W) / T(i, enter);
        if (leave < 0 || ratio < best - eps ||
            (ratio <= best + eps &&
             basis[static_cast<std::size_t>(i)] < basis[static_cast<std::size_t>(leave)])) {
          leave = i;
          best = ratio;
        }
      }
      if (leave < 0) ADD_FAILURE() << "unbounded LP";
      if (leave < 0) return;
      pivot(leave, enter);
    }
    ADD_FAILURE() << "simplex did not terminate";
  };
  Vec phase1 = Vec::Zero(W);
  phase1.tail(m).setOnes();
  run(phase1, W);
  for (Eigen::Index i = 0; i < m; ++i) {
    if (basis[static_cast<std::size_t>(i)] < N) continue;
    EXPECT_LE(std::abs(T(i, W)), 1e-12) << "infeasible LP";
    for (Eigen::Index j = 0; j < N; ++j)  // drive the zero artificial out (if the row allows)
      if (std::abs(T(i, j)) > eps) {
        pivot(i, j);
        break;
      }
  }
  Vec cost = Vec::Zero(W);
  cost.head(N) = c;
  run(cost, N);
  double value = 0.0;
  for (Eigen::Index i = 0; i < m; ++i) value += cost[basis[static_cast<std::size_t>(i)]] * T(i, W);
  return value;
}

// W1 as defined: the minimum of E[Hamming] over couplings π(x, y) >= 0 with row sums p and
// column sums q (the last column constraint is implied by the others and dropped).
double coupling_lp(const Vec& p, const Vec& q) {
  const Eigen::Index n = p.size();
  Mat A = Mat::Zero(2 * n - 1, n * n);
  Vec rhs(2 * n - 1), c(n * n);
  for (Eigen::Index x = 0; x < n; ++x)
    for (Eigen::Index y = 0; y < n; ++y) {
      const Eigen::Index j = x * n + y;
      c[j] = hamming(x, y);
      A(x, j) = 1.0;
      if (y < n - 1) A(n + y, j) = 1.0;
    }
  rhs.head(n) = p;
  rhs.tail(n - 1) = q.head(n - 1);
  return simplex_min(A, rhs, c);
}

// max Σ f (p − q) over integer f with f(0) = 0 and |f(x) − f(y)| <= 1 on the edges, enumerated.
// This is W1 by Kantorovich–Rubinstein duality: the constraints f(x) − f(y) <= 1 form the
// transpose of a network incidence matrix, which is totally unimodular, so every vertex of the
// dual polytope {f(0) = 0, 1-Lipschitz} (bounded: |f(x)| <= Hamming(x, 0)) is integral and the
// maximum is attained at one of them.
double dual_vertex_enumeration(const Vec& p, const Vec& q, int d) {
  const Eigen::Index n = p.size();
  const Vec b = p - q;
  std::vector<int> f(static_cast<std::size_t>(n), 0);
  double best = -1e300;
  std::function<void(Eigen::Index)> assign = [&](Eigen::Index x) {
    if (x == n) {
      double s = 0.0;
      for (Eigen::Index y = 0; y < n; ++y) s += f[static_cast<std::size_t>(y)] * b[y];
      best = std::max(best, s);
      return;
    }
    int lo = -d, hi = d;
    for (int l = 0; l < d; ++l) {
      const Eigen::Index y = x ^ (Eigen::Index{1} << l);
      if (y < x) {
        lo = std::max(lo, f[static_cast<std::size_t>(y)] - 1);
        hi = std::min(hi, f[static_cast<std::size_t>(y)] + 1);
      }
    }
    for (int v = lo; v <= hi; ++v) {
      f[static_cast<std::size_t>(x)] = v;
      assign(x + 1);
    }
  };
  assign(1);
  return best;
}

// ---- closed forms --------------------------------------------------------------------------

TEST(HammingW1, OneBitIsTheAbsoluteDifference) {
  Rng rng(101);
  for (int k = 0; k < 20; ++k) {
    const double a = rng.uniform(), b = rng.uniform();
    const Vec p = vec2(1.0 - a, a), q = vec2(1.0 - b, b);
    const HammingW1 r = hamming_w1(p, q);
    EXPECT_NEAR(r.value, std::abs(a - b), 1e-15);
    expect_certificate(r, p, q, 1);
  }
  EXPECT_EQ(hamming_w1(vec2(1.0, 0.0), vec2(0.0, 1.0)).value, 1.0);
}

TEST(HammingW1, ProductLawsGiveTheSumOfTheBitDifferences) {
  // Independent bits with P(x_l = 1) = a_l against b_l: W1 = Σ_l |a_l − b_l| (the marginal lower
  // bound, reached by coupling the bits independently, each maximally).
  Rng rng(202);
  for (int d = 1; d <= 8; ++d)
    for (int k = 0; k < 3; ++k) {
      std::vector<double> a(d), b(d);
      double expected = 0.0;
      for (int l = 0; l < d; ++l) {
        a[l] = rng.uniform();
        b[l] = k == 0 && l % 2 ? a[l] : rng.uniform();  // some coordinates equal
        expected += std::abs(a[l] - b[l]);
      }
      const Vec p = product_law(a), q = product_law(b);
      const HammingW1 r = hamming_w1(p, q);
      EXPECT_NEAR(r.value, expected, 1e-12) << "d = " << d << ", k = " << k;
      expect_certificate(r, p, q, d);
    }
}

TEST(HammingW1, PointMassesGiveTheHammingDistance) {
  for (int d = 1; d <= kMaxHammingW1Dim; ++d) {
    const Eigen::Index n = Eigen::Index{1} << d;
    for (const auto& [x, y] : std::vector<std::pair<Eigen::Index, Eigen::Index>>{
             {0, n - 1}, {n - 1, 0}, {0, 1}, {n / 2, n / 2 - 1}, {5 % n, 3 % n}, {2 % n, 2 % n}}) {
      const HammingW1 r = hamming_w1(point_mass(d, x), point_mass(d, y));
      EXPECT_EQ(r.value, hamming(x, y)) << "d = " << d << ", x = " << x << ", y = " << y;
      EXPECT_EQ(r.dual_value, hamming(x, y));
      expect_certificate(r, point_mass(d, x), point_mass(d, y), d);
    }
  }
}

TEST(HammingW1, PointMassAgainstAnyLawIsTheMeanDistance) {
  // The only coupling of δ_x and q is δ_x ⊗ q: W1 = Σ_y q(y) Hamming(x, y).
  Rng rng(303);
  for (int d = 1; d <= 7; ++d) {
    const Eigen::Index n = Eigen::Index{1} << d;
    const Eigen::Index x =
        static_cast<Eigen::Index>(rng.next_u64() % static_cast<std::uint64_t>(n));
    const Vec q = random_law(d, rng, d % 2 == 0);
    double expected = 0.0;
    for (Eigen::Index y = 0; y < n; ++y) expected += q[y] * hamming(x, y);
    const HammingW1 r = hamming_w1(point_mass(d, x), q);
    EXPECT_NEAR(r.value, expected, 1e-12) << "d = " << d;
    expect_certificate(r, point_mass(d, x), q, d);
    EXPECT_NEAR(hamming_w1(q, point_mass(d, x)).value, expected, 1e-12);
  }
}

// ---- metric axioms, certificate, bounds ----------------------------------------------------

TEST(HammingW1, IdenticalLawsGiveZero) {
  Rng rng(404);
  for (int d = 1; d <= 6; ++d) {
    const Vec p = random_law(d, rng, d == 3);
    const HammingW1 r = hamming_w1(p, p);
    EXPECT_EQ(r.value, 0.0);
    EXPECT_EQ(r.dual_value, 0.0);
    EXPECT_EQ(r.augmentations, 0);
    EXPECT_TRUE(r.potential.isZero());
  }
}

TEST(HammingW1, IsSymmetric) {
  Rng rng(505);
  for (int d = 1; d <= 7; ++d) {
    const Vec p = random_law(d, rng), q = random_law(d, rng, true);
    EXPECT_NEAR(hamming_w1(p, q).value, hamming_w1(q, p).value, kAgree) << "d = " << d;
  }
}

TEST(HammingW1, SatisfiesTheTriangleInequality) {
  Rng rng(606);
  for (int d = 2; d <= 6; ++d)
    for (int k = 0; k < 5; ++k) {
      const Vec p = random_law(d, rng, k == 1), q = random_law(d, rng),
                s = random_law(d, rng, k > 2);
      const double pq = hamming_w1(p, q).value, qs = hamming_w1(q, s).value;
      const double ps = hamming_w1(p, s).value;
      EXPECT_LE(ps, pq + qs + kAgree) << "d = " << d << ", k = " << k;
      EXPECT_LE(pq, ps + qs + kAgree);
      EXPECT_LE(qs, pq + ps + kAgree);
    }
}

TEST(HammingW1, PrimalEqualsDualAndLiesBetweenTheBoundsOnRandomLaws) {
  Rng rng(707);
  for (int d = 2; d <= 6; ++d)
    for (int k = 0; k < 8; ++k) {
      const Vec p = random_law(d, rng, k % 2 == 1), q = random_law(d, rng, k % 4 >= 2);
      const HammingW1 r = hamming_w1(p, q);
      SCOPED_TRACE("d = " + std::to_string(d) + ", k = " + std::to_string(k));
      expect_certificate(r, p, q, d);
      EXPECT_GE(r.value, marginal_lower_bound(p, q, d) - kAgree);
      EXPECT_LE(r.value, tv_upper_bound(p, q, d) + kAgree);
    }
}

TEST(HammingW1, DisjointSupportsOnOppositeHalves) {
  // p on {x_d = 0}, q on {x_d = 1}: every coupling flips bit d, and the rest is transport on
  // the (d − 1)-cube between p and q shifted down: W1 = 1 + W1_{d−1}(p', q').
  Rng rng(808);
  for (int d = 2; d <= 6; ++d) {
    const Vec p_low = random_law(d - 1, rng), q_low = random_law(d - 1, rng, true);
    const Eigen::Index h = p_low.size();
    Vec p = Vec::Zero(2 * h), q = Vec::Zero(2 * h);
    p.head(h) = p_low;
    q.tail(h) = q_low;
    EXPECT_NEAR(hamming_w1(p, q).value, 1.0 + hamming_w1(p_low, q_low).value, kAgree);
  }
}

// ---- independent brute force, d <= 3 -------------------------------------------------------

TEST(HammingW1, MatchesTheCouplingLpAndTheDualVerticesForSmallD) {
  Rng rng(909);
  for (int d = 1; d <= 4; ++d)  // the LP up to d = 4 (256 couplings), the enumeration to d = 3
    for (int k = 0; k < 6; ++k) {
      const Vec p = random_law(d, rng, k >= 3), q = random_law(d, rng, k == 4);
      const HammingW1 r = hamming_w1(p, q);
      SCOPED_TRACE("d = " + std::to_string(d) + ", k = " + std::to_string(k));
      EXPECT_NEAR(r.value, coupling_lp(p, q), 1e-12);
      if (d <= 3) {
        EXPECT_NEAR(r.value, dual_vertex_enumeration(p, q, d), 1e-12);
      }
    }
  // A hand case (d = 2; states 0, 1, 2, 3 = (0,0), (1,0), (0,1), (1,1)): p = (½, 0, 0, ½),
  // q = (0, ½, ½, 0); each corner moves to a neighbour: W1 = 1, while Σ|marginal differences| = 0.
  const Vec p = vec({0.5, 0.0, 0.0, 0.5}), q = vec({0.0, 0.5, 0.5, 0.0});
  EXPECT_EQ(hamming_w1(p, q).value, 1.0);
  EXPECT_NEAR(coupling_lp(p, q), 1.0, 1e-14);
  EXPECT_NEAR(dual_vertex_enumeration(p, q, 2), 1.0, 1e-14);
  EXPECT_EQ(marginal_lower_bound(p, q, 2), 0.0);
}

// ---- hostile inputs ------------------------------------------------------------------------

TEST(HammingW1, RejectsBadInput) {
  const Vec p4 = vec({0.25, 0.25, 0.25, 0.25});
  expect_input_error_naming([&] { hamming_w1(p4, vec2(0.5, 0.5)); }, "the size of q is 2");
  expect_input_error_naming(
      [&] {
        hamming_w1(vec({0.5, 0.25, 0.25}), vec({0.5, 0.25, 0.25}));
      },
      "the size of p and q is 3");
  expect_input_error_naming([&] { hamming_w1(vec1(1.0), vec1(1.0)); }, "the size of p and q is 1");
  expect_input_error_naming([&] { hamming_w1(Vec(), Vec()); }, "the size of p and q is 0");
  const Vec p6 = Vec::Constant(6, 1.0 / 6.0);
  expect_input_error_naming([&] { hamming_w1(p6, p6); }, "must be 2^d");
  const Vec big = Vec::Constant(2048, 1.0 / 2048.0);
  expect_input_error_naming([&] { hamming_w1(big, big); }, "d is 11 (p.size() = 2048)");
  expect_input_error_naming([&] { hamming_w1(big, big); }, "but must be <= 10");

  expect_input_error_naming([&] { hamming_w1(vec({0.5, 0.6, -0.1, 0.0}), p4); }, "p[2] is -0.1");
  expect_input_error_naming([&] { hamming_w1(p4, vec({kNaN, 0.5, 0.5, 0.0})); }, "q[0] is nan");
  expect_input_error_naming([&] { hamming_w1(vec({kInf, 0.5, 0.5, 0.0}), p4); }, "p[0] is inf");
  expect_input_error_naming([&] { hamming_w1(p4, vec({0.5, 0.5, -kInf, 0.0})); }, "q[2] is -inf");
  expect_input_error_naming([&] { hamming_w1(1.1 * p4, p4); }, "the sum of p is 1.1");
  expect_input_error_naming([&] { hamming_w1(p4, 0.5 * p4); }, "the sum of q is 0.5");
  expect_input_error_naming([&] { hamming_w1(p4, Vec::Zero(4)); }, "the sum of q is 0");
  expect_input_error_naming([&] { hamming_w1(p4, (1.0 + 2e-9) * p4); }, "the sum of q");
}

TEST(HammingW1, NormalisesSumsWithinTolerance) {
  Rng rng(1001);
  const Vec p = random_law(4, rng), q = random_law(4, rng);
  const double exact = hamming_w1(p, q).value;
  const HammingW1 r = hamming_w1((1.0 + 5e-10) * p, (1.0 - 5e-10) * q);
  EXPECT_NEAR(r.value, exact, 1e-15);
  expect_certificate(r, (1.0 + 5e-10) * p, (1.0 - 5e-10) * q, 4);
}

TEST(HammingW1, SubnormalEntries) {
  Rng rng(1102);
  for (int d = 1; d <= 6; ++d) {
    const Eigen::Index n = Eigen::Index{1} << d;
    // Point masses at opposite corners sprinkled with 1e-320 (the sums stay 1 in double).
    Vec p = Vec::Constant(n, 1e-320), q = Vec::Constant(n, 1e-320);
    p[0] = 1.0;
    q[n - 1] = 1.0;
    HammingW1 r = hamming_w1(p, q);
    EXPECT_NEAR(r.value, d, 1e-12) << "d = " << d;
    expect_certificate(r, p, q, d);
    // A random law with some entries replaced by 1e-320 against the same law with zeros there.
    Vec a = random_law(d, rng, true), b = random_law(d, rng);
    Vec a_tiny = a;
    for (Eigen::Index x = 0; x < n; ++x)
      if (a_tiny[x] == 0.0) a_tiny[x] = 1e-320;
    r = hamming_w1(a_tiny, b);
    EXPECT_NEAR(r.value, hamming_w1(a, b).value, 1e-12) << "d = " << d;
    expect_certificate(r, a_tiny, b, d);
    // Both laws differ by subnormal amounts only: W1 is of that size.
    Vec c = a;
    c[n - 1] += 1e-320;
    c[0] = std::max(0.0, c[0] - 1e-320);
    r = hamming_w1(a, c);
    EXPECT_LE(r.value, 1e-300);
    expect_certificate(r, a, c, d);
  }
}

TEST(HammingW1, AllMassInOneStateOnBothSides) {
  for (int d = 1; d <= 8; ++d) {
    const Vec p = point_mass(d, (Eigen::Index{1} << d) - 1);
    const HammingW1 r = hamming_w1(p, p);
    EXPECT_EQ(r.value, 0.0);
    EXPECT_EQ(r.augmentations, 0);
  }
}

TEST(HammingW1, DimensionTen) {
  // d = kMaxHammingW1Dim on random dense laws: the certificate, the bounds and the closed forms
  // hold at full size (no timing assertion; the time is printed).
  const int d = kMaxHammingW1Dim;
  Rng rng(1203);
  for (int k = 0; k < 3; ++k) {
    const Vec p = random_law(d, rng, k == 2), q = random_law(d, rng);
    const auto start = std::chrono::steady_clock::now();
    const HammingW1 r = hamming_w1(p, q);
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    std::printf("[ hamming_w1 ] d = 10, law pair %d: W1 = %.15g, %ld augmentations, %.2f ms\n", k,
                r.value, r.augmentations, ms);
    SCOPED_TRACE("k = " + std::to_string(k));
    expect_certificate(r, p, q, d);
    EXPECT_GE(r.value, marginal_lower_bound(p, q, d) - kAgree);
    EXPECT_LE(r.value, tv_upper_bound(p, q, d) + kAgree);
    EXPECT_NEAR(r.value, hamming_w1(q, p).value, kAgree);
  }
  std::vector<double> a(d), b(d);
  double expected = 0.0;
  for (int l = 0; l < d; ++l) {
    a[l] = rng.uniform();
    b[l] = rng.uniform();
    expected += std::abs(a[l] - b[l]);
  }
  const HammingW1 r = hamming_w1(product_law(a), product_law(b));
  EXPECT_NEAR(r.value, expected, 1e-12);
  expect_certificate(r, product_law(a), product_law(b), d);
}

}  // namespace
}  // namespace hamming_w1_test
}  // namespace sb
