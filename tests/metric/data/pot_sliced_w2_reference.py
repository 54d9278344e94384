#!/usr/bin/env python3
"""Reference values for tests/metric/sliced_w2_test.cpp: a standard-library transliteration of
POT's ot.sliced_wasserstein_distance(X_s, X_t, a=None, b=None, projections=P, p=2) and of the
ot.wasserstein_1d it calls (github.com/PythonOT/POT, ot/sliced.py read at commit
08c5348d0a9d54ce7ad70ea764283213304da78c and ot/lp/solver_1d.py at commit
0119d3620bc496abc7c1c4d09fb831afdd5672fd: later than the 0.8.2 release the issue names, whose
text was not compared; for p = 2 and uniform weights both compute (Σ_l W2²_l / L)^{1/2} with the
quantile-function wasserstein_1d transliterated below).
numpy and POT are not available where this was written: this checks against POT's algorithm,
not against POT itself. Differences to POT proper are in the rounding only (numpy's dot and
pairwise sums against the sequential sums below: relative 1e-16 or so).

Usage: python3 pot_sliced_w2_reference.py > pot_sliced_w2_reference.txt
"""
import bisect
import math
import random


def fmt(x):
    return "%.17g" % x


def cumsum(values):  # np.cumsum: sequential
    out, s = [], 0.0
    for v in values:
        s += v
        out.append(s)
    return out


def wasserstein_1d_p2(u_values, v_values):
    """ot.wasserstein_1d(u_values, v_values, None, None, p=2) for one column."""
    n, m = len(u_values), len(v_values)
    u_values, v_values = sorted(u_values), sorted(v_values)  # require_sort=True
    u_cumweights = cumsum([1.0 / n] * n)  # nx.full(n, 1/n) then cumsum
    v_cumweights = cumsum([1.0 / m] * m)
    qs = sorted(u_cumweights + v_cumweights)
    # quantile_function: searchsorted (side='left'), clipped to [0, n - 1]
    u_quantiles = [u_values[min(max(bisect.bisect_left(u_cumweights, q), 0), n - 1)] for q in qs]
    v_quantiles = [v_values[min(max(bisect.bisect_left(v_cumweights, q), 0), m - 1)] for q in qs]
    qs = [0.0] + qs  # zero_pad
    delta = [qs[k + 1] - qs[k] for k in range(len(qs) - 1)]
    total = 0.0
    for k in range(len(delta)):
        diff = abs(u_quantiles[k] - v_quantiles[k])
        total += delta[k] * diff ** 2
    return total


def sliced_wasserstein_distance_p2(X_s, X_t, projections):
    d = len(projections)
    L = len(projections[0])
    emds = []
    for l in range(L):
        xs = [sum(row[j] * projections[j][l] for j in range(d)) for row in X_s]  # nx.dot
        xt = [sum(row[j] * projections[j][l] for j in range(d)) for row in X_t]
        emds.append(wasserstein_1d_p2(xs, xt))
    return (sum(emds) / L) ** 0.5, emds


def main():
    n, m, d, L = 37, 23, 3, 9
    rng = random.Random(20261205)
    # Round every input to its printed 17 digits first, so the C++ test reads the same numbers.
    X = [[float(fmt(rng.gauss(0.0, 1.0))) for _ in range(d)] for _ in range(n)]
    Y = [[float(fmt(0.5 + 1.3 * rng.gauss(0.0, 1.0))) for _ in range(d)] for _ in range(m)]
    G = [[rng.gauss(0.0, 1.0) for _ in range(L)] for _ in range(d)]
    norms = [math.sqrt(sum(G[j][l] ** 2 for j in range(d))) for l in range(L)]
    P = [[float(fmt(G[j][l] / norms[l])) for l in range(L)] for j in range(d)]
    result, emds = sliced_wasserstein_distance_p2(X, Y, P)
    print("# Sliced W2 reference: pot_sliced_w2_reference.py (this folder), a pure-Python")
    print("# transliteration of POT's ot.sliced_wasserstein_distance(X, Y, projections=P, p=2)")
    print("# and ot.wasserstein_1d (PythonOT/POT ot/sliced.py @ 08c5348d, ot/lp/solver_1d.py @")
    print("# 0119d362, later than release 0.8.2); not POT itself (no numpy here).")
    print("# Inputs from Python's random.Random(20261205), printed to 17 significant digits.")
    print("# Layout: n m d L; X (n rows of d); Y (m rows of d); P (d rows of L, unit columns);")
    print("# the L per-direction W2^2; the sliced W2.")
    print(n, m, d, L)
    for row in X:
        print(" ".join(fmt(v) for v in row))
    for row in Y:
        print(" ".join(fmt(v) for v in row))
    for row in P:
        print(" ".join(fmt(v) for v in row))
    print(" ".join(fmt(v) for v in emds))
    print(fmt(result))


if __name__ == "__main__":
    main()
