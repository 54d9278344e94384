#include "sb/data/gaussian_mixture.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/rng.hpp"
#include "sb/core/tile_product.hpp"

namespace sb {

namespace {

constexpr const char* kGmmFn = "sb::GaussianMixture";
constexpr double kGmmLog2Pi = 1.83787706640934548356;  // log 2π

// −s⁻¹ and log det s for an SPD matrix s (d × d), in place in s, with the scratch l (d × d) and
// col (d): l ← L (Cholesky, s = LLᵀ), then l ← M = L⁻¹ column by column (M_jj = 1/L_jj,
// M_ij = −(Σ_{k=j}^{i−1} L_ik M_kj)/L_ii for i > j; column j of M needs columns >= j of L only,
// so it replaces column j of L once complete), then s ← −MᵀM. Returns NaN when s is not
// numerically positive definite. No allocation.
double gmm_neg_inverse_spd(Mat& s, Mat& l, Vec& col) {
  const Eigen::Index d = s.rows();
  double logdet = 0.0;
  for (Eigen::Index j = 0; j < d; ++j) {
    double diag = s(j, j);
    for (Eigen::Index k = 0; k < j; ++k) diag -= l(j, k) * l(j, k);
    if (!(diag > 0.0) || !std::isfinite(diag)) return std::numeric_limits<double>::quiet_NaN();
    const double ljj = std::sqrt(diag);
    l(j, j) = ljj;
    logdet += 2.0 * std::log(ljj);
    for (Eigen::Index i = j + 1; i < d; ++i) {
      double v = s(i, j);
      for (Eigen::Index k = 0; k < j; ++k) v -= l(i, k) * l(j, k);
      l(i, j) = v / ljj;
    }
  }
  for (Eigen::Index j = 0; j < d; ++j) {
    col(j) = 1.0 / l(j, j);
    for (Eigen::Index i = j + 1; i < d; ++i) {
      double v = 0.0;
      for (Eigen::Index k = j; k < i; ++k) v += l(i, k) * col(k);
      col(i) = -v / l(i, i);
    }
    for (Eigen::Index i = j; i < d; ++i) l(i, j) = col(i);
  }
  for (Eigen::Index b = 0; b < d; ++b)
    for (Eigen::Index a = b; a < d; ++a) {
      double v = 0.0;
      for (Eigen::Index i = a; i < d; ++i) v += l(i, a) * l(i, b);
      s(a, b) = -v;
      s(b, a) = -v;
    }
  return logdet;
}

}  // namespace

// ---- construction ------------------------------------------------------------------------

void GaussianMixture::validate_weights_and_means() const {
  const Eigen::Index K = weights_.size();
  check_at_least(kGmmFn, "the number of components K (size of data.weights)", K, 1);
  check_finite(kGmmFn, "data.weights", weights_);
  for (Eigen::Index k = 0; k < K; ++k)
    if (weights_(k) < 0.0)
      throw_input_error(kGmmFn, fmt::format("data.weights[{}]", k), format_value(weights_(k)),
                        ">= 0");
  const double sum = weights_.sum();
  if (!(std::abs(sum - 1.0) <= 1e-12 * static_cast<double>(K)))
    throw_input_error(kGmmFn, "the sum of data.weights", format_value(sum),
                      fmt::format("1 within {} (weights are not renormalised)",
                                  format_value(1e-12 * static_cast<double>(K))));
  check_size(kGmmFn, "data.means rows (one per weight)", means_.rows(), K);
  check_at_least(kGmmFn, "the dimension d (columns of data.means)", means_.cols(), 1);
  check_finite(kGmmFn, "data.means", means_);
}

GaussianMixture::GaussianMixture(Vec weights, Mat means, std::vector<Mat> covs)
    : weights_(std::move(weights)), means_(std::move(means)), covs_(std::move(covs)) {
  validate_weights_and_means();
  const Eigen::Index K = weights_.size(), d = dim();
  check_size(kGmmFn, "data.covs (one per weight)", static_cast<Eigen::Index>(covs_.size()), K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const std::string name = fmt::format("data.covs[{}]", k);
    const Mat& c = covs_[static_cast<std::size_t>(k)];
    check_size(kGmmFn, name + " rows", c.rows(), d);
    check_size(kGmmFn, name + " columns", c.cols(), d);
    check_spd(kGmmFn, name, c);
  }
  // K exact copies of var·I: the isotropic fast path.
  const Mat& c0 = covs_[0];
  const double v0 = c0(0, 0);
  bool iso = (c0.diagonal().array() == v0).all() && (c0 - v0 * Mat::Identity(d, d)).isZero(0.0);
  for (std::size_t k = 1; iso && k < covs_.size(); ++k) iso = (covs_[k] == c0);
  if (iso) {
    isotropic_ = true;
    var_ = v0;
    covs_.clear();
  } else {
    chol_.reserve(covs_.size());
    for (const Mat& c : covs_) chol_.push_back(Eigen::LLT<Mat>(c).matrixL());
  }
  log_weights_ = weights_.array().log().matrix();
}

GaussianMixture::GaussianMixture(Vec weights, Mat means, double var)
    : weights_(std::move(weights)), means_(std::move(means)), isotropic_(true), var_(var) {
  validate_weights_and_means();
  check_positive(kGmmFn, "data.var", var_);
  log_weights_ = weights_.array().log().matrix();
}

std::string GaussianMixture::describe() const {
  if (isotropic_)
    return fmt::format("Gaussian mixture of {} components in d = {}, covariances {}·I",
                       components(), dim(), var_);
  return fmt::format("Gaussian mixture of {} components in d = {}, general covariances",
                     components(), dim());
}

double GaussianMixture::isotropic_var() const {
  if (!isotropic_)
    throw std::logic_error("sb::GaussianMixture::isotropic_var: the covariances are not var·I");
  return var_;
}

std::vector<Mat> GaussianMixture::covs() const {
  if (!isotropic_) return covs_;
  return std::vector<Mat>(static_cast<std::size_t>(components()),
                          var_ * Mat::Identity(dim(), dim()));
}

// ---- moments, marginals, projections -------------------------------------------------------

double GaussianMixture::second_moment() const {
  double s = 0.0;
  for (Eigen::Index k = 0; k < components(); ++k) {
    const double tr =
        isotropic_ ? var_ * static_cast<double>(dim()) : covs_[static_cast<std::size_t>(k)].trace();
    s += weights_(k) * (means_.row(k).squaredNorm() + tr);
  }
  return s;
}

Vec GaussianMixture::mean() const { return means_.transpose() * weights_; }

Mat GaussianMixture::covariance() const {
  const Eigen::Index d = dim();
  const Vec mu = mean();
  // Σ_k w_k (μ_k − μ)(μ_k − μ)ᵀ + Σ_k w_k Σ_k: the centred form avoids the cancellation of
  // E XXᵀ − μμᵀ.
  const Mat centred = means_.rowwise() - mu.transpose();
  Mat cov = centred.transpose() * weights_.asDiagonal() * centred;
  if (isotropic_) {
    cov.diagonal().array() += var_;
  } else {
    for (Eigen::Index k = 0; k < components(); ++k)
      cov += weights_(k) * covs_[static_cast<std::size_t>(k)];
  }
  (void)d;
  return cov;
}

GaussianMixture GaussianMixture::marginal(const LinearProcess& process, double t) const {
  check_nonnegative("sb::GaussianMixture::marginal", "t", t);
  const Eigen::Index d = dim();
  const double m = process.m(t), kappa = process.kappa(t), s2 = process.s2(t);
  Mat means = m * means_;
  if (kappa != 0.0) means.rowwise() += kappa * process.centre(d).transpose();
  if (isotropic_) return GaussianMixture(weights_, std::move(means), m * m * var_ + s2);
  std::vector<Mat> covs;
  covs.reserve(covs_.size());
  for (const Mat& c : covs_) {
    Mat ct = (m * m) * c;
    ct.diagonal().array() += s2;
    covs.push_back(std::move(ct));
  }
  return GaussianMixture(weights_, std::move(means), std::move(covs));
}

Mixture1d GaussianMixture::projected(const Vec& direction) const {
  constexpr const char* fn = "sb::GaussianMixture::projected";
  check_size(fn, "direction", direction.size(), dim());
  check_finite(fn, "direction", direction);
  if (direction.squaredNorm() == 0.0) throw_input_error(fn, "the norm of direction", "0", "> 0");
  Mixture1d out{weights_, means_ * direction, Vec(components())};
  for (Eigen::Index k = 0; k < components(); ++k)
    out.sds(k) = isotropic_
                     ? std::sqrt(var_) * direction.norm()
                     : std::sqrt(direction.dot(covs_[static_cast<std::size_t>(k)] * direction));
  return out;
}

// ---- sampling and log-density -------------------------------------------------------------

Mat GaussianMixture::sample(long n, std::uint64_t seed) const {
  check_at_least("sb::GaussianMixture::sample", "n", n, 0);
  const Eigen::Index d = dim(), K = components();
  Mat x(n, d);
  // Cumulative weights; the last is set to +inf so that a uniform above a rounded total still
  // picks the last component of positive weight.
  Vec cum(K);
  double acc = 0.0;
  for (Eigen::Index k = 0; k < K; ++k) cum(k) = (acc += weights_(k));
  for (Eigen::Index k = K - 1; k >= 0; --k) {
    if (weights_(k) > 0.0) {
      cum(k) = std::numeric_limits<double>::infinity();
      break;
    }
  }
  const double sd = isotropic_ ? std::sqrt(var_) : 0.0;
  map_stream_blocks(
      seed, n,
      [&](const StreamBlock& block, Rng& rng) {
        Vec z(d);
        for (long i = block.begin; i < block.begin + block.count; ++i) {
          const double u = rng.uniform();
          Eigen::Index k = 0;
          while (k + 1 < K && !(u <= cum(k))) ++k;
          rng.fill_normals(z.data(), static_cast<std::size_t>(d));
          if (isotropic_)
            x.row(i) = means_.row(k) + sd * z.transpose();
          else
            x.row(i) = means_.row(k) + (chol_[static_cast<std::size_t>(k)] * z).transpose();
        }
        return 0;
      },
      1);
  return x;
}

Vec GaussianMixture::log_density(const Mat& x) const {
  check_size("sb::GaussianMixture::log_density", "the columns of x", x.cols(), dim());
  const Eigen::Index n = x.rows(), d = dim(), K = components();
  // Rows in blocks of kBlock, so that the block's n × K logits stay in cache and the
  // log-sum-exp runs down columns (contiguous) rather than across the rows of a tall matrix
  // (which, for the 4e6 nodes of a fine 2-D quadrature grid, thrashed the TLB: 10 µs per row).
  constexpr Eigen::Index kBlock = 2048;
  Vec out(n);
  Mat logit;
  for (Eigen::Index b = 0; b < n; b += kBlock) {
    const Eigen::Index m = std::min(kBlock, n - b);
    const auto xb = x.middleRows(b, m);
    logit.resize(m, K);
    for (Eigen::Index k = 0; k < K; ++k) {
      const Mat r = xb.rowwise() - means_.row(k);
      if (isotropic_) {
        logit.col(k) = (log_weights_(k) - 0.5 * static_cast<double>(d) * std::log(var_)) -
                       (0.5 / var_) * r.rowwise().squaredNorm().array();
      } else {
        const Mat& L = chol_[static_cast<std::size_t>(k)];
        // z = L⁻¹ r per row: Zᵀ = L⁻¹ Rᵀ.
        const Mat z = L.triangularView<Eigen::Lower>().solve(r.transpose());
        const double logdet = 2.0 * L.diagonal().array().log().sum();
        logit.col(k) =
            (log_weights_(k) - 0.5 * logdet) - 0.5 * z.colwise().squaredNorm().transpose().array();
      }
    }
    // log Σ_k e^{ℓ_k} = top + log Σ_k e^{ℓ_k − top}, top = max_k ℓ_k (exact when a row's
    // logits are all −inf: the sum is then taken as that of e^{0}).
    Eigen::ArrayXd top = logit.col(0).array();
    for (Eigen::Index k = 1; k < K; ++k) top = top.max(logit.col(k).array());
    top = top.isFinite().select(top, 0.0);
    Eigen::ArrayXd sum = Eigen::ArrayXd::Zero(m);
    for (Eigen::Index k = 0; k < K; ++k) sum += (logit.col(k).array() - top).exp();
    out.segment(b, m) = (top + sum.log()).matrix();
  }
  return out.array() - 0.5 * static_cast<double>(d) * kGmmLog2Pi;
}

Vec GaussianMixture::log_density_t(const LinearProcess& process, double t, const Mat& x) const {
  return marginal(process, t).log_density(x);
}

// ---- score ---------------------------------------------------------------------------------

GaussianMixture::Workspace GaussianMixture::make_workspace(const LinearProcess& process) const {
  const Eigen::Index d = dim(), K = components();
  Workspace ws;
  ws.process_ = &process;
  ws.d_ = d;
  ws.k_ = K;
  ws.centre_ = process.centre(d);
  check_size("sb::GaussianMixture::make_workspace", "the process centre", ws.centre_.size(), d);
  ws.mt_.resize(K, d);
  ws.mtt_.resize(d, K);
  ws.bias_.resize(K);
  if (!isotropic_) {
    ws.neg_prec_.assign(static_cast<std::size_t>(K), Mat(d, d));
    ws.chol_.resize(d, d);
    ws.col_.resize(d);
  }
  const Eigen::Index w = std::max(d, K);
  ws.tile_a_.resize(kTileLd, w);
  ws.tile_b_.resize(kTileLd, w);
  ws.tile_c_.resize(kTileLd, w);
  ws.run_max_.resize(kTileRows);
  ws.run_sum_.resize(kTileRows);
  ws.tmp_a_.resize(kTileRows);
  ws.tmp_b_.resize(kTileRows);
  return ws;
}

void GaussianMixture::score_tile_isotropic(const double* x, Eigen::Index ldx, Eigen::Index rows,
                                           double* out, Eigen::Index ldo, double inv_v,
                                           Workspace& ws) const {
  const Eigen::Index d = ws.d_, K = ws.k_;
  const Eigen::Index T = kTileLd;
  double* logit = ws.tile_a_.data();  // rows × K, leading dimension T
  for (Eigen::Index k = 0; k < K; ++k) std::fill_n(logit + k * T, rows, ws.bias_(k));
  // logit += X·(M_t/v)ᵀ.
  tile_product(x, ldx, ws.mt_.data(), K, logit, T, rows, d, K);
  // Row-wise stable softmax.
  Eigen::Map<Arr> top(ws.run_max_.data(), rows), sum(ws.run_sum_.data(), rows);
  top = Eigen::Map<const Arr>(logit, rows);
  for (Eigen::Index k = 1; k < K; ++k) top = top.max(Eigen::Map<const Arr>(logit + k * T, rows));
  sum.setZero();
  for (Eigen::Index k = 0; k < K; ++k) {
    Eigen::Map<Arr> col(logit + k * T, rows);
    col = (col - top).exp();
    sum += col;
  }
  sum = sum.inverse();
  for (Eigen::Index k = 0; k < K; ++k) Eigen::Map<Arr>(logit + k * T, rows) *= sum;
  // out = −X/v + R·(M_t/v).
  tile_product(logit, T, ws.mtt_.data(), d, out, ldo, rows, K, d,
               TileStart::scaled(x, ldx, -inv_v));
}

void GaussianMixture::score_tile_general(const double* x, Eigen::Index ldx, Eigen::Index rows,
                                         double* out, Eigen::Index ldo, Workspace& ws) const {
  const Eigen::Index d = ws.d_, K = ws.k_;
  const Eigen::Index T = kTileLd;
  double* res = ws.tile_a_.data();  // residual x − μ_{k,t}, rows × d (leading dimension T)
  double* g = ws.tile_b_.data();    // g_k = −Σ_{k,t}⁻¹(x − μ_{k,t})
  double* acc = ws.tile_c_.data();  // running Σ_k e^{logit_k − top} g_k
  Eigen::Map<Arr> top(ws.run_max_.data(), rows), sum(ws.run_sum_.data(), rows);
  Eigen::Map<Arr> logit(ws.tmp_a_.data(), rows), scale(ws.tmp_b_.data(), rows);
  top.setConstant(-std::numeric_limits<double>::infinity());
  sum.setZero();
  for (Eigen::Index j = 0; j < d; ++j) std::fill_n(acc + j * T, rows, 0.0);
  // One pass over the components with a running maximum (an online log-sum-exp): when the
  // maximum of a row rises, the accumulated sums are rescaled by e^{old − new}.
  for (Eigen::Index k = 0; k < K; ++k) {
    if (weights_(k) == 0.0) continue;      // log w_k = −inf would give −inf − (−inf) below
    const double* mu = ws.mt_.data() + k;  // row k of M_t, stride K
    for (Eigen::Index j = 0; j < d; ++j) {
      const double mj = mu[j * K];
      const double* __restrict xj = x + j * ldx;
      double* __restrict rj = res + j * T;
      for (Eigen::Index i = 0; i < rows; ++i) rj[i] = xj[i] - mj;
    }
    // g = R·(−Σ_{k,t}⁻¹) (symmetric, so its column-major storage is also the row-major one).
    const Mat& np = ws.neg_prec_[static_cast<std::size_t>(k)];
    tile_product(res, T, np.data(), d, g, T, rows, d, d, TileStart::zero());
    // logit = log w_k − ½ log det Σ_{k,t} − ½ rᵀΣ⁻¹r, and −rᵀΣ⁻¹r = Σ_j g_j r_j.
    logit.setZero();
    for (Eigen::Index j = 0; j < d; ++j)
      logit += Eigen::Map<const Arr>(g + j * T, rows) * Eigen::Map<const Arr>(res + j * T, rows);
    logit = ws.bias_(k) + 0.5 * logit;
    // New maximum m' = max(top, logit) in scale; β = e^{logit − m'} in logit; α = e^{top − m'}
    // in top (0 for the first component, top = −inf); then top ← m'.
    scale = top.max(logit);
    logit = (logit - scale).exp();
    top = (top - scale).exp();
    sum = sum * top + logit;
    for (Eigen::Index j = 0; j < d; ++j) {
      Eigen::Map<Arr> aj(acc + j * T, rows);
      aj = aj * top + logit * Eigen::Map<const Arr>(g + j * T, rows);
    }
    top = scale;
  }
  sum = sum.inverse();
  for (Eigen::Index j = 0; j < d; ++j)
    Eigen::Map<Arr>(out + j * ldo, rows) = Eigen::Map<const Arr>(acc + j * T, rows) * sum;
}

void GaussianMixture::score_rows(const LinearProcess& process, double t,
                                 const Eigen::Ref<const Mat>& X, Eigen::Ref<Mat> out,
                                 Workspace& ws) const {
  constexpr const char* fn = "sb::GaussianMixture::score_rows";
  const Eigen::Index d = dim(), K = components(), n = X.rows();
  if (ws.process_ != &process || ws.d_ != d || ws.k_ != K)
    throw_input_error(fn, "ws", "a workspace made for another process or mixture",
                      "the result of make_workspace(process) of this mixture");
  check_size(fn, "the columns of X", X.cols(), d);
  check_size(fn, "the columns of out", out.cols(), d);
  if (out.rows() != n)
    throw_input_error(fn, "the rows of out", std::to_string(out.rows()),
                      fmt::format("{} (the rows of X)", n));
  check_nonnegative(fn, "t", t);
  const double m = process.m(t), kappa = process.kappa(t), s2 = process.s2(t);
  // Transported means μ_{k,t} = m μ_k + κ c (no temporaries: coefficient loops).
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index k = 0; k < K; ++k) ws.mt_(k, j) = m * means_(k, j) + kappa * ws.centre_(j);
  if (isotropic_) {
    const double v = m * m * var_ + s2;
    if (!(v > 0.0) || !std::isfinite(v))
      throw_input_error(fn, "the variance m_t²·var + s_t² of p_t", format_value(v),
                        "finite and > 0");
    const double inv_v = 1.0 / v;
    for (Eigen::Index k = 0; k < K; ++k) {
      double nrm = 0.0;
      for (Eigen::Index j = 0; j < d; ++j) nrm += ws.mt_(k, j) * ws.mt_(k, j);
      ws.bias_(k) = log_weights_(k) - 0.5 * inv_v * nrm;
    }
    for (Eigen::Index j = 0; j < d; ++j)
      for (Eigen::Index k = 0; k < K; ++k) {
        ws.mt_(k, j) *= inv_v;
        ws.mtt_(j, k) = ws.mt_(k, j);
      }
  } else {
    for (Eigen::Index k = 0; k < K; ++k) {
      Mat& np = ws.neg_prec_[static_cast<std::size_t>(k)];
      const Mat& c = covs_[static_cast<std::size_t>(k)];
      for (Eigen::Index j = 0; j < d; ++j)
        for (Eigen::Index i = 0; i < d; ++i) np(i, j) = m * m * c(i, j) + (i == j ? s2 : 0.0);
      const double logdet = gmm_neg_inverse_spd(np, ws.chol_, ws.col_);
      if (!std::isfinite(logdet))
        throw_input_error(fn, fmt::format("the covariance of component {} of p_t", k),
                          "not numerically positive definite", "positive definite");
      ws.bias_(k) = log_weights_(k) - 0.5 * logdet;
    }
  }
  const double inv_v = isotropic_ ? 1.0 / (m * m * var_ + s2) : 0.0;
  for (Eigen::Index r0 = 0; r0 < n; r0 += kTileRows) {
    const Eigen::Index rows = std::min(kTileRows, n - r0);
    const double* x = X.data() + r0;
    double* o = out.data() + r0;
    if (isotropic_)
      score_tile_isotropic(x, X.outerStride(), rows, o, out.outerStride(), inv_v, ws);
    else
      score_tile_general(x, X.outerStride(), rows, o, out.outerStride(), ws);
  }
}

void GaussianMixture::score(const LinearProcess& process, double t, const Mat& x, Mat& out) const {
  check_size("sb::GaussianMixture::score", "the columns of x", x.cols(), dim());
  out.resize(x.rows(), dim());
  Workspace ws = make_workspace(process);
  score_rows(process, t, x, out, ws);
}

void GaussianMixture::score(const LinearProcess& process, double t, const Mat& x, Mat& out,
                            Scratch& scratch) const {
  check_size("sb::GaussianMixture::score", "the columns of x", x.cols(), dim());
  out.resize(x.rows(), dim());
  Workspace& ws =
      scratch.object<Workspace>(this, &process, [&] { return make_workspace(process); });
  score_rows(process, t, x, out, ws);
}

bool GaussianMixture::characteristic_function(const LinearProcess& process, double t, const Mat& U,
                                              Eigen::VectorXcd& out) const {
  constexpr const char* kFn = "sb::GaussianMixture::characteristic_function";
  check_size(kFn, "the columns of U", U.cols(), dim());
  check_nonnegative(kFn, "t", t);
  const Eigen::Index n = U.rows(), d = dim(), K = components();
  const double m = process.m(t), kappa = process.kappa(t), s2 = process.s2(t);
  Mat mt = m * means_;  // K × d: μ_{k,t}
  if (kappa != 0.0) mt.rowwise() += kappa * process.centre(d).transpose();
  const Mat phase = U * mt.transpose();  // n × K: ⟨u_i, μ_{k,t}⟩
  Vec re = Vec::Zero(n), im = Vec::Zero(n);
  if (isotropic_) {
    const double v = m * m * var_ + s2;
    for (Eigen::Index k = 0; k < K; ++k) {
      re += weights_(k) * phase.col(k).array().cos().matrix();
      im += weights_(k) * phase.col(k).array().sin().matrix();
    }
    const Arr damp = (-0.5 * v * U.rowwise().squaredNorm().array()).exp();
    re.array() *= damp;
    im.array() *= damp;
  } else {
    for (Eigen::Index k = 0; k < K; ++k) {
      Mat ct = (m * m) * covs_[static_cast<std::size_t>(k)];
      ct.diagonal().array() += s2;
      const Arr w = weights_(k) * (-0.5 * (U * ct).cwiseProduct(U).rowwise().sum().array()).exp();
      re.array() += w * phase.col(k).array().cos();
      im.array() += w * phase.col(k).array().sin();
    }
  }
  out.resize(n);
  out.real() = re;
  out.imag() = im;
  return true;
}

Mat GaussianMixture::hessian(const LinearProcess& process, double t, const Vec& x) const {
  constexpr const char* fn = "sb::GaussianMixture::hessian";
  check_size(fn, "the length of x", x.size(), dim());
  check_finite(fn, "x", x);
  check_nonnegative(fn, "t", t);
  const GaussianMixture pt = marginal(process, t);
  const Eigen::Index d = dim(), K = components();
  const std::vector<Mat> covs = pt.covs();
  std::vector<Mat> prec(static_cast<std::size_t>(K));
  Mat g(d, K);
  Vec logit(K);
  for (Eigen::Index k = 0; k < K; ++k) {
    const Eigen::LLT<Mat> llt(covs[static_cast<std::size_t>(k)]);
    prec[static_cast<std::size_t>(k)] = llt.solve(Mat::Identity(d, d));
    const Vec r = x - pt.means_.row(k).transpose();
    g.col(k) = -prec[static_cast<std::size_t>(k)] * r;
    const double logdet = 2.0 * Mat(llt.matrixL()).diagonal().array().log().sum();
    logit(k) = log_weights_(k) - 0.5 * logdet + 0.5 * g.col(k).dot(r);
  }
  const Vec r = (logit.array() - logit.maxCoeff()).exp().matrix();
  const Vec resp = r / r.sum();
  const Vec gbar = g * resp;
  Mat h = -gbar * gbar.transpose();
  for (Eigen::Index k = 0; k < K; ++k)
    h += resp(k) * (g.col(k) * g.col(k).transpose() - prec[static_cast<std::size_t>(k)]);
  return 0.5 * (h + h.transpose());
}

// ---- presets -------------------------------------------------------------------------------

GaussianMixture gmm_symmetric_pair(double a, double var) {
  check_finite("sb::gmm_symmetric_pair", "a", a);
  check_positive("sb::gmm_symmetric_pair", "var", var);
  Mat means(2, 1);
  means << -a, a;
  return GaussianMixture(Vec::Constant(2, 0.5), std::move(means), var);
}

GaussianMixture gmm_grid25(double spacing, double var) {
  check_positive("sb::gmm_grid25", "spacing", spacing);
  check_positive("sb::gmm_grid25", "var", var);
  Mat means(25, 2);
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      means(5 * i + j, 0) = (i - 2) * spacing;
      means(5 * i + j, 1) = (j - 2) * spacing;
    }
  return GaussianMixture(Vec::Constant(25, 1.0 / 25.0), std::move(means), var);
}

GaussianMixture gmm_random(int K, Eigen::Index d, std::uint64_t seed, double mean_scale,
                           double var) {
  constexpr const char* fn = "sb::gmm_random";
  check_at_least(fn, "K", K, 1);
  check_at_least(fn, "d", d, 1);
  check_nonnegative(fn, "mean_scale", mean_scale);
  check_positive(fn, "var", var);
  Rng rng(seed);
  Mat means(K, d);
  for (int k = 0; k < K; ++k)
    for (Eigen::Index j = 0; j < d; ++j) means(k, j) = mean_scale * rng.normal();
  return GaussianMixture(Vec::Constant(K, 1.0 / K), std::move(means), var);
}

}  // namespace sb
