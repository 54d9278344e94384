#include "sb/sampler/grid_propagation.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "sb/core/check.hpp"

namespace sb {

namespace {

constexpr const char* kPropagateFn = "sb::propagate_on_grid";

double gp_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }

// v ← e^v elementwise, by Eigen's vectorised exp. `flatten` inlines Eigen's packet code here:
// the sanitizer build compiles this file at -O2 (CMakeLists.txt) while every other unit is at
// -Og, and Eigen's exp, a template, would otherwise be one out-of-line copy shared by all units
// (the linker keeps one, possibly an -Og one: two calls per packet, ~70% of the sanitizer run's
// mixture checks; inlined, they take a quarter less). The operations, hence the bits, are
// Eigen's either way. (Without AddressSanitizer's checks on the packets it would be faster
// still, but GCC does not inline instrumented code into a no_sanitize function.)
__attribute__((flatten)) void gp_exp_in_place(double* v, Eigen::Index m) {
  Eigen::Map<Eigen::ArrayXd> a(v, m);
  a = a.exp();
}

/// P(N(a, sd²) ∉ [lo, hi]) from the two tails.
double gp_outside(double a, double sd, double lo, double hi) {
  return gp_normal_cdf((lo - a) / sd) + gp_normal_cdf((a - hi) / sd);
}

/// The band [first, last] of nodes of `ax` within `half` of centre (empty when first > last).
void gp_band(const GridAxis& ax, double centre, double half, Eigen::Index& first,
             Eigen::Index& last) {
  const double a = std::ceil((centre - half - ax.lo) / ax.spacing);
  const double b = std::floor((centre + half - ax.lo) / ax.spacing);
  const double top = static_cast<double>(ax.count - 1);
  first = static_cast<Eigen::Index>(std::clamp(a, 0.0, top + 1.0));
  last = static_cast<Eigen::Index>(std::clamp(b, -1.0, top));
}

void gp_throw_spacing(int k, double tau, const std::string& what, double ratio, double r) {
  throw GridTooCoarse(fmt::format(
      "{}: grid spacing ({} / √q at step {}, τ = {}) is {}, but must be <= max_spacing_ratio = "
      "{} (refine the grid)",
      kPropagateFn, what, k, tau, format_value(ratio), r));
}

/// The step's kernel: A(y) = α y + ζ μ + γ ŝ(τ_k, y) at every node, and q.
struct GpStep {
  StepCoefficients c;
  double q = 0.0, sd = 0.0;
};

GpStep gp_step(Scheme s, const LinearProcess& p, const TimeGrid& grid, int k) {
  GpStep st;
  st.c = step_coefficients(s, p, grid.tau(k), grid.tau(k + 1));
  st.q = st.c.omega;
  if (!(std::isfinite(st.q) && st.q > 0.0))
    throw_input_error(kPropagateFn, fmt::format("kernel variance q at step {}", k),
                      format_value(st.q), "finite and > 0");
  st.sd = std::sqrt(st.q);
  return st;
}

}  // namespace

GridSpec propagation_grid(const LinearProcess& p, double T, const std::vector<Gaussian>& laws,
                          Eigen::Index count, double half_width_sds) {
  if (laws.empty()) throw_input_error("sb::propagation_grid", "laws", "empty", "at least one law");
  const Eigen::Index d = laws.front().dim();
  const IsoGaussian ref = p.reference(d, T);
  std::vector<Gaussian> all = laws;
  all.push_back({ref.mean, ref.var * Mat::Identity(d, d)});
  return grid_covering(all, count, half_width_sds);
}

GridDensity reference_density(const LinearProcess& p, double T, GridSpec grid) {
  grid.validate("sb::reference_density");
  const Eigen::Index d = grid.dim();
  const IsoGaussian ref = p.reference(d, T);
  return GridDensity::from_gaussian(std::move(grid), {ref.mean, ref.var * Mat::Identity(d, d)});
}

GridDensity propagate_on_grid(const LinearProcess& p, const ScoreField& score, Scheme s,
                              const TimeGrid& grid, const GridSpec& spec, const GridOptions& opt) {
  spec.validate(kPropagateFn);
  return propagate_on_grid(p, score, s, grid, reference_density(p, grid.horizon(), spec), opt);
}

GridDensity propagate_on_grid(const LinearProcess& p, const ScoreField& score, Scheme s,
                              const TimeGrid& grid, const GridDensity& init,
                              const GridOptions& opt) {
  const char* kFn = kPropagateFn;
  const GridSpec& spec = init.grid();
  spec.validate(kFn);
  const Eigen::Index d = spec.dim();
  if (s == Scheme::kContinuous)
    throw_input_error(kFn, "sampler", "continuous", "a discretised scheme (em, ei, eir)");
  check_scheme_applies(s, p);
  check_size(kFn, "score dimension", score.dim(), d);
  p.validate_for(d, grid.horizon());
  check_positive(kFn, "max_spacing_ratio", opt.max_spacing_ratio);
  check_positive(kFn, "kernel_cutoff_sds", opt.kernel_cutoff_sds);
  check_bounded(kFn, "negligible_mass", opt.negligible_mass, 0.0, 1e-6);
  check_at_least(kFn, "source_block", opt.source_block, 1);

  const double r = opt.max_spacing_ratio;
  const Vec mu = p.centre(d);
  const Mat Y = init.nodes();    // S × d
  const Vec w = init.weights();  // S
  const Eigen::Index S = Y.rows();
  const GridAxis& ax0 = spec.axes[0];
  const Eigen::Index n0 = ax0.count;
  const double tail_cut = std::erfc(opt.kernel_cutoff_sds / std::numbers::sqrt2);

  // Buffers, allocated once.
  Vec prob = init.values(), next(S), c(S);
  Mat score_out(S, d), A(S, d);
  std::vector<Eigen::Index> sig;
  sig.reserve(static_cast<std::size_t>(S));
  Vec band(n0);  // 1-D kernel values
  const Eigen::Index B = std::min(opt.source_block, S);
  const Eigen::Index tile =
      d == 1 ? n0 : std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::sqrt(double(B))));
  Mat K0, K1;  // 2-D kernel blocks, target nodes × sources
  std::vector<Eigen::Index> j0(static_cast<std::size_t>(B)), j1(static_cast<std::size_t>(B)),
      l0(static_cast<std::size_t>(B)), l1(static_cast<std::size_t>(B));
  if (d == 2) {
    K0.setZero(n0, B);
    K1.setZero(spec.axes[1].count, B);
  }
  const Vec x0 = Y.col(0);
  double lost = init.lost_mass(), dropped = init.dropped_mass();
  KernelMixture last;

  for (int k = 0; k < grid.steps(); ++k) {
    const double tau = grid.tau(k);
    const GpStep st = gp_step(s, p, grid, k);
    // (i) the spacing of every axis against the kernel's standard deviation.
    for (std::size_t a = 0; a < spec.axes.size(); ++a)
      if (spec.axes[a].spacing > r * st.sd)
        gp_throw_spacing(k, tau, fmt::format("axis {} spacing", a), spec.axes[a].spacing / st.sd,
                         r);
    // The sources with mass.
    c = w.cwiseProduct(prob);
    const double thresh = opt.negligible_mass * c.maxCoeff();
    // In 2-D the sources are taken tile by tile (tile × tile nodes), so that a block of sources
    // is compact in both axes and its kernels reach a small window of target nodes.
    sig.clear();
    const Eigen::Index n1 = S / n0;
    for (Eigen::Index t1 = 0; t1 < n1; t1 += tile)
      for (Eigen::Index t0 = 0; t0 < n0; t0 += tile)
        for (Eigen::Index i1 = t1; i1 < std::min(n1, t1 + tile); ++i1)
          for (Eigen::Index i0 = t0; i0 < std::min(n0, t0 + tile); ++i0) {
            const Eigen::Index i = i0 + n0 * i1;
            if (c(i) > thresh && c(i) > 0.0)
              sig.push_back(i);
            else
              dropped += c(i);
          }
    // The kernel centres A(y) = α y + ζ μ + γ ŝ(τ_k, y).
    score.eval_batch(tau, Y, score_out);
    A = st.c.alpha * Y + st.c.gamma * score_out;
    A.rowwise() += st.c.zeta * mu.transpose();
    for (const Eigen::Index i : sig)
      for (Eigen::Index a = 0; a < d; ++a)
        if (!std::isfinite(A(i, a)))
          throw_input_error(kFn, fmt::format("score at step {} (τ = {}), node {}", k, tau, i),
                            format_value(score_out(i, a)), "finite");
    // (ii) the images of neighbouring sources with mass.
    double worst = 0.0;
    const Eigen::Index stride1 = d == 2 ? n0 : S;
    for (const Eigen::Index i : sig) {
      if (i % n0 + 1 < n0 && c(i + 1) > thresh)
        worst = std::max(worst, (A.row(i + 1) - A.row(i)).norm());
      if (d == 2 && i + stride1 < S && c(i + stride1) > thresh)
        worst = std::max(worst, (A.row(i + stride1) - A.row(i)).norm());
    }
    if (worst > r * st.sd)
      gp_throw_spacing(k, tau, "image spacing ‖A(y') − A(y)‖", worst / st.sd, r);

    const double half = opt.kernel_cutoff_sds * st.sd;
    const double inv_sd = 1.0 / st.sd;
    next.setZero();
    if (d == 1) {
      const double norm = 1.0 / (st.sd * std::sqrt(2.0 * std::numbers::pi));
      for (const Eigen::Index i : sig) {
        const double a = A(i, 0);
        lost += c(i) * gp_outside(a, st.sd, ax0.lo, ax0.hi());
        dropped += c(i) * tail_cut;
        Eigen::Index first, lastj;
        gp_band(ax0, a, half, first, lastj);
        if (first > lastj) continue;
        const Eigen::Index m = lastj - first + 1;
        band.head(m).array() = ((x0.segment(first, m).array() - a) * inv_sd).square() * -0.5;
        gp_exp_in_place(band.data(), m);
        next.segment(first, m) += (c(i) * norm) * band.head(m);
      }
    } else {
      const GridAxis& ax1 = spec.axes[1];
      const double norm = 1.0 / (2.0 * std::numbers::pi * st.q);
      Eigen::Map<Mat> P(next.data(), n0, ax1.count);
      for (std::size_t b0 = 0; b0 < sig.size(); b0 += static_cast<std::size_t>(B)) {
        const Eigen::Index nb =
            static_cast<Eigen::Index>(std::min(sig.size() - b0, static_cast<std::size_t>(B)));
        Eigen::Index J0 = n0, J1 = -1, L0 = ax1.count, L1 = -1;
        for (Eigen::Index rr = 0; rr < nb; ++rr) {
          const Eigen::Index i = sig[b0 + static_cast<std::size_t>(rr)];
          const auto u = static_cast<std::size_t>(rr);
          const double o0 = gp_outside(A(i, 0), st.sd, ax0.lo, ax0.hi());
          const double o1 = gp_outside(A(i, 1), st.sd, ax1.lo, ax1.hi());
          lost += c(i) * (o0 + o1 - o0 * o1);
          dropped += c(i) * 2.0 * tail_cut;
          gp_band(ax0, A(i, 0), half, j0[u], j1[u]);
          gp_band(ax1, A(i, 1), half, l0[u], l1[u]);
          if (j0[u] > j1[u] || l0[u] > l1[u]) {  // the kernel misses the grid
            j0[u] = 1;
            j1[u] = 0;
            continue;
          }
          J0 = std::min(J0, j0[u]);
          J1 = std::max(J1, j1[u]);
          L0 = std::min(L0, l0[u]);
          L1 = std::max(L1, l1[u]);
        }
        if (J1 < J0 || L1 < L0) continue;
        const Eigen::Index mJ = J1 - J0 + 1, mL = L1 - L0 + 1;
        K0.block(J0, 0, mJ, nb).setZero();
        K1.block(L0, 0, mL, nb).setZero();
        for (Eigen::Index rr = 0; rr < nb; ++rr) {
          const auto u = static_cast<std::size_t>(rr);
          if (j0[u] > j1[u]) continue;
          const Eigen::Index i = sig[b0 + u];
          const Eigen::Index m0 = j1[u] - j0[u] + 1, m1 = l1[u] - l0[u] + 1;
          auto k0 = K0.col(rr).segment(j0[u], m0);
          for (Eigen::Index j = 0; j < m0; ++j) k0(j) = ax0.node(j0[u] + j);
          k0.array() = ((k0.array() - A(i, 0)) * inv_sd).square() * -0.5;
          gp_exp_in_place(k0.data(), m0);
          k0 *= c(i) * norm;
          auto k1 = K1.col(rr).segment(l0[u], m1);
          for (Eigen::Index l = 0; l < m1; ++l) k1(l) = ax1.node(l0[u] + l);
          k1.array() = ((k1.array() - A(i, 1)) * inv_sd).square() * -0.5;
          gp_exp_in_place(k1.data(), m1);
        }
        P.block(J0, L0, mJ, mL).noalias() +=
            K0.block(J0, 0, mJ, nb) * K1.block(L0, 0, mL, nb).transpose();
      }
    }
    if (k + 1 == grid.steps()) {
      const auto n_sig = static_cast<Eigen::Index>(sig.size());
      last.centres.resize(n_sig, d);
      last.weights.resize(n_sig);
      for (Eigen::Index t = 0; t < n_sig; ++t) {
        last.centres.row(t) = A.row(sig[static_cast<std::size_t>(t)]);
        last.weights(t) = c(sig[static_cast<std::size_t>(t)]);
      }
      last.var = st.q;
    }
    prob.swap(next);
    if (opt.on_step) opt.on_step(k, GridDensity(spec, prob, lost, dropped));
  }
  GridDensity out(spec, std::move(prob), lost, dropped);
  if (grid.steps() > 0)
    out.set_last_step(std::move(last));
  else if (init.last_step())
    out.set_last_step(*init.last_step());
  return out;
}

}  // namespace sb
