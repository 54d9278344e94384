#include "sb/metric/hamming_w1.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "sb/core/check.hpp"

namespace sb {

// Named so that the unity build's combined units cannot collide with these internal names.
namespace hamming_w1_detail {
namespace {

constexpr std::string_view kFn = "sb::hamming_w1";
// A sum farther than this from 1 is an error; closer, the law is divided by its sum.
constexpr double kSumTol = 1e-9;
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr int kUnreached = std::numeric_limits<int>::max();

// d with size = 2^d, after checking 1 <= d <= kMaxHammingW1Dim.
int checked_dimension(const Vec& p, const Vec& q) {
  if (q.size() != p.size())
    throw_input_error(kFn, "the size of q", std::to_string(q.size()),
                      fmt::format("the size of p ({})", p.size()));
  const auto n = static_cast<std::uint64_t>(p.size());
  if (n < 2 || !std::has_single_bit(n))
    throw_input_error(kFn, "the size of p and q", std::to_string(p.size()),
                      "2^d for an integer d >= 1 (a law on {0,1}^d)");
  const int d = std::countr_zero(n);
  if (d > kMaxHammingW1Dim)
    throw_input_error(kFn, "d", fmt::format("{} (p.size() = {})", d, p.size()),
                      fmt::format("<= {} (the exact transport is O(d² 8^d) in the worst case)",
                                  kMaxHammingW1Dim));
  return d;
}

// p / sum(p) after checking entries (finite, >= 0) and the sum (1 within kSumTol).
Vec normalised(const Vec& p, std::string_view name) {
  for (Eigen::Index i = 0; i < p.size(); ++i)
    if (!(std::isfinite(p[i]) && p[i] >= 0.0))
      throw_input_error(kFn, fmt::format("{}[{}]", name, i), format_value(p[i]), "finite and >= 0");
  const double sum = p.sum();
  if (!(std::abs(sum - 1.0) <= kSumTol))
    throw_input_error(kFn, fmt::format("the sum of {}", name), format_value(sum),
                      fmt::format("1 within {}", format_value(kSumTol)));
  return p / sum;
}

// The primal-dual algorithm of the header on the hypercube graph. Edge {x, x ^ 2^l} carries one
// signed flow, positive from the endpoint with bit l clear to the one with bit l set; both
// directions cost 1 and are uncapacitated, so the residual arcs from u to v = u ^ 2^l are the
// forward arc (cost +1, infinite capacity) and, when mass flows v → u, its reverse (cost −1,
// capacity that flow). With reduced costs c(u→v) + π(u) − π(v) >= 0 on every residual arc, the
// arc u → v is admissible (reduced cost 0) iff π(v) = π(u) + 1 (the forward arc), or
// π(v) = π(u) − 1 and mass flows v → u (the reverse arc; complementary slackness makes
// π(u) = π(v) + 1 whenever mass flows v → u, so such reverse arcs are always admissible).
class Transshipment {
 public:
  Transshipment(int d, const Vec& b)
      : d_(d),
        n_(1 << d),
        excess_(b.data(), b.data() + b.size()),
        flow_(static_cast<std::size_t>(n_) * d_, 0.0),
        pi_(n_, 0),
        dist_(n_),
        level_(n_),
        arc_(n_) {}

  // At most d phases (header comment): more would mean a broken invariant, reported rather than
  // looped on.
  void solve() {
    for (int phase = 0; raise_potentials(); ++phase) {
      if (phase == d_)
        throw std::logic_error(fmt::format("{}: more than d = {} primal-dual phases", kFn, d_));
      max_flow();
    }
  }

  long augmentations() const { return augmentations_; }
  const std::vector<int>& potentials() const { return pi_; }

  // Σ_edges |flow| in long double.
  double cost() const {
    long double total = 0.0L;
    for (double f : flow_) total += std::abs(static_cast<long double>(f));
    return static_cast<double>(total);
  }

 private:
  std::size_t edge(int u, int l) const {
    return static_cast<std::size_t>(u & ~(1 << l)) * d_ + static_cast<std::size_t>(l);
  }
  // Mass flowing from u to u ^ 2^l (negative when it flows the other way).
  double flow_out(int u, int l) const {
    const double f = flow_[edge(u, l)];
    return (u >> l & 1) ? -f : f;
  }
  void push(int u, int l, double amount) {
    double& f = flow_[edge(u, l)];
    if (u >> l & 1)
      f -= amount;
    else
      f += amount;
  }
  // Residual capacity of the admissible arc u → u ^ 2^l (0 when it is not admissible).
  double admissible_capacity(int u, int l) const {
    const int v = u ^ (1 << l);
    if (pi_[v] == pi_[u] + 1) return kInf;
    if (pi_[v] == pi_[u] - 1) return std::max(0.0, flow_out(v, l));
    return 0.0;
  }

  // Steps (i) and (ii): Dial's shortest paths from every state with excess under the reduced
  // costs, then π += min(dist, D). Returns false when no excess or no deficit is left.
  bool raise_potentials() {
    std::fill(dist_.begin(), dist_.end(), kUnreached);
    buckets_.assign(1, {});
    for (int x = 0; x < n_; ++x)
      if (excess_[x] > 0.0) {
        dist_[x] = 0;
        buckets_[0].push_back(x);
      }
    if (buckets_[0].empty()) return false;
    std::vector<char> settled(n_, 0);
    int D = -1;
    for (std::size_t k = 0; k < buckets_.size() && D < 0; ++k) {
      for (std::size_t i = 0; i < buckets_[k].size(); ++i) {
        const int u = buckets_[k][i];
        if (settled[u] || dist_[u] != static_cast<int>(k)) continue;
        settled[u] = 1;
        if (excess_[u] < 0.0) {
          D = static_cast<int>(k);
          break;
        }
        for (int l = 0; l < d_; ++l) {
          const int v = u ^ (1 << l);
          // Reverse arc (mass flows v → u): reduced cost 0; else the forward arc.
          const int rc = flow_out(v, l) > 0.0 ? 0 : 1 + pi_[u] - pi_[v];
          const int dv = static_cast<int>(k) + rc;
          if (dv < dist_[v]) {
            dist_[v] = dv;
            if (buckets_.size() <= static_cast<std::size_t>(dv)) buckets_.resize(dv + 1);
            buckets_[dv].push_back(v);
          }
        }
      }
    }
    if (D < 0) return false;  // every state settled and none has a deficit
    for (int x = 0; x < n_; ++x) pi_[x] += settled[x] ? std::min(dist_[x], D) : D;
    return true;
  }

  // Step (iii): Dinic's algorithm on the admissible arcs, the states with excess as sources and
  // those with deficit as sinks.
  void max_flow() {
    std::vector<int> queue, path;
    queue.reserve(n_);
    path.reserve(n_);
    for (;;) {
      // Level graph by breadth-first search from all sources, up to the nearest sinks.
      std::fill(level_.begin(), level_.end(), -1);
      queue.clear();
      for (int x = 0; x < n_; ++x)
        if (excess_[x] > 0.0) {
          level_[x] = 0;
          queue.push_back(x);
        }
      int sink_level = -1;
      for (std::size_t i = 0; i < queue.size(); ++i) {
        const int u = queue[i];
        if (sink_level >= 0 && level_[u] >= sink_level) break;
        if (excess_[u] < 0.0) {
          sink_level = level_[u];
          continue;
        }
        for (int l = 0; l < d_; ++l) {
          const int v = u ^ (1 << l);
          if (level_[v] < 0 && admissible_capacity(u, l) > 0.0) {
            level_[v] = level_[u] + 1;
            queue.push_back(v);
          }
        }
      }
      if (sink_level < 0) return;  // no admissible path left: the maximum flow is reached
      // Blocking flow, one augmenting path at a time, with current-arc pointers.
      std::fill(arc_.begin(), arc_.end(), 0);
      for (int s = 0; s < n_; ++s) {
        if (level_[s] != 0) continue;
        path.assign(1, s);
        while (!path.empty() && excess_[s] > 0.0) {
          const int u = path.back();
          if (level_[u] == sink_level) {
            if (excess_[u] < 0.0) {
              augment(path);
              path.resize(1);
            } else {
              retreat(path);
            }
            continue;
          }
          int& l = arc_[u];
          while (l < d_) {
            const int v = u ^ (1 << l);
            if (level_[v] == level_[u] + 1 && admissible_capacity(u, l) > 0.0) break;
            ++l;
          }
          if (l < d_)
            path.push_back(u ^ (1 << l));
          else
            retreat(path);
        }
      }
    }
  }

  // Removes the dead end path.back() from the level graph and advances its parent's arc.
  void retreat(std::vector<int>& path) {
    level_[path.back()] = -1;
    path.pop_back();
    if (!path.empty()) ++arc_[path.back()];
  }

  // Sends the bottleneck along path (source first, sink last). The bottleneck entry becomes
  // exactly 0 (x − x = 0 in floating point), so every augmentation saturates an arc, empties the
  // source or fills the sink.
  void augment(const std::vector<int>& path) {
    const int s = path.front(), t = path.back();
    double amount = std::min(excess_[s], -excess_[t]);
    for (std::size_t i = 0; i + 1 < path.size(); ++i)
      amount = std::min(amount, admissible_capacity(path[i], arc_[path[i]]));
    for (std::size_t i = 0; i + 1 < path.size(); ++i) push(path[i], arc_[path[i]], amount);
    excess_[s] -= amount;
    excess_[t] += amount;
    ++augmentations_;
  }

  int d_, n_;
  std::vector<double> excess_;  // b minus the divergence of the flow
  std::vector<double> flow_;    // per edge, indexed by (endpoint with bit l clear, l)
  std::vector<int> pi_;         // node potentials, integers
  std::vector<int> dist_, level_, arc_;
  std::vector<std::vector<int>> buckets_;
  long augmentations_ = 0;
};

}  // namespace
}  // namespace hamming_w1_detail

HammingW1 hamming_w1(const Vec& p, const Vec& q) {
  namespace hw1 = hamming_w1_detail;
  const int d = hw1::checked_dimension(p, q);
  const Vec pn = hw1::normalised(p, "p"), qn = hw1::normalised(q, "q");
  const Vec b = pn - qn;
  hw1::Transshipment t(d, b);
  t.solve();
  // f = −π, shifted so that f(0) = 0 (Σ b = 0 up to rounding, so the shift changes the dual by
  // rounding only).
  const std::vector<int>& pi = t.potentials();
  HammingW1 r;
  r.potential.resize(b.size());
  long double dual = 0.0L;
  for (Eigen::Index x = 0; x < b.size(); ++x) {
    r.potential[x] = static_cast<double>(pi[0] - pi[x]);
    dual += static_cast<long double>(r.potential[x]) * static_cast<long double>(b[x]);
  }
  r.value = t.cost();
  r.dual_value = static_cast<double>(dual);
  r.augmentations = t.augmentations();
  return r;
}

}  // namespace sb
