// Gaussian-mixture data π_data = Σ_k w_k N(μ_k, Σ_k) (seed 000, "Example", Proposition [GSO25]:
// the equal isotropic case Σ_k = σ²I; seed 001, "Synthetic example: 2-dimensional mixture of 25
// Gaussian"). Under a linear forward process X_t | X_0 = x ~ N(m_t x + κ_t c, s_t² I) every
// component is transported and the weights do not change:
//   p_t = Σ_k w_k N(μ_{k,t}, Σ_{k,t}),   μ_{k,t} = m_t μ_k + κ_t c,   Σ_{k,t} = m_t² Σ_k + s_t² I.
// With responsibilities r_k(x) = w_k φ(x; μ_{k,t}, Σ_{k,t}) / p_t(x) (log-sum-exp) and component
// scores g_k(x) = −Σ_{k,t}⁻¹(x − μ_{k,t}):
//   ∇log p_t = Σ_k r_k g_k,   ∇²log p_t = Σ_k r_k (g_k g_kᵀ − Σ_{k,t}⁻¹) − (Σ_k r_k g_k)(Σ_k r_k
//   g_k)ᵀ.
// Equal isotropic covariances Σ_k = σ²I (the fast path): with v = m_t²σ² + s_t², the ‖x‖² term is
// common to every component and cancels in r, so
//   logit_k(x) = (⟨x, μ_{k,t}⟩ − ½‖μ_{k,t}‖²)/v + log w_k,   ∇log p_t(x) = (Σ_k r_k μ_{k,t} − x)/v,
// i.e. two products X·M_tᵀ (n × d by d × K) and R·M_t around a row-wise softmax.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sb/core/types.hpp"
#include "sb/data/mixture1d.hpp"
#include "sb/data/target.hpp"
#include "sb/process/linear_process.hpp"

namespace sb {

class GaussianMixture final : public Target {
 public:
  /// General mixture: weights (K), means (K × d, row k = μ_k), covs (K matrices d × d, SPD).
  /// Throws InputError unless K >= 1, d >= 1, the shapes agree, the weights are finite, >= 0
  /// and sum to 1 within 1e-12·K (they are not renormalised), the means are finite and every
  /// covariance is symmetric positive definite. Names: "data.weights", "data.means",
  /// "data.covs", "data.covs[k]". K copies of var·I (exactly) select the isotropic fast path.
  GaussianMixture(Vec weights, Mat means, std::vector<Mat> covs);
  /// Equal isotropic covariances Σ_k = var·I (var > 0, named "data.var"): the fast path.
  GaussianMixture(Vec weights, Mat means, double var);

  // Target.
  std::string kind() const override { return "gmm"; }
  std::string describe() const override;
  Eigen::Index dim() const override { return means_.cols(); }
  /// Exact draws: in block b (kStreamBlock rows, Rng(seed, b)) each row takes a uniform u, the
  /// component k = min{k : u <= w_1 + … + w_k}, then μ_k + L_k z with z the next d normals and
  /// L_k the Cholesky factor of Σ_k (σ z in the isotropic case). Depends on (n, seed) only.
  Mat sample(long n, std::uint64_t seed) const override;
  bool has_log_density() const override { return true; }
  /// log π_data at the rows of x, by log-sum-exp over the components.
  Vec log_density(const Mat& x) const override;
  /// ∇log p_t at the rows of x (the formula of the header comment); resizes out to n × d.
  void score(const LinearProcess& process, double t, const Mat& x, Mat& out) const override;
  /// The same through score_rows, its workspace kept in `scratch` (made on the first call for
  /// this mixture and process): no allocation after the first call with a given row count.
  void score(const LinearProcess& process, double t, const Mat& x, Mat& out,
             Scratch& scratch) const override;
  bool has_hessian() const override { return true; }
  /// Σ_k r_k (g_k g_kᵀ − Σ_{k,t}⁻¹) − (Σ_k r_k g_k)(Σ_k r_k g_k)ᵀ at x.
  Mat hessian(const LinearProcess& process, double t, const Vec& x) const override;
  /// φ_t(u) = Σ_k w_k exp(i⟨u, μ_{k,t}⟩ − ½uᵀΣ_{k,t}u) at the rows of U: in the isotropic case
  /// exp(−½v‖u‖²)·Σ_k w_k e^{i⟨u, μ_{k,t}⟩} (one product U·M_tᵀ), otherwise the quadratic form
  /// of each Σ_{k,t} = m_t²Σ_k + s_t²I. Always true.
  bool characteristic_function(const LinearProcess& process, double t, const Mat& U,
                               Eigen::VectorXcd& out) const override;
  const GaussianMixture* as_mixture() const override { return this; }
  // fisher_information: the Monte Carlo default of Target (no closed form for mixtures).

  /// Scratch memory of score_rows, made once per (mixture, process) by make_workspace(): it
  /// holds the process centre, the transported means and inverse covariances, and row tiles of
  /// kTileRows rows. Its size does not depend on the number of rows scored.
  class Workspace {
   public:
    Workspace() = default;

   private:
    friend class GaussianMixture;
    const LinearProcess* process_ = nullptr;
    Eigen::Index d_ = 0, k_ = 0;
    Vec centre_;
    Mat mt_;    // K × d: μ_{k,t}/v (isotropic) or μ_{k,t} (general)
    Mat mtt_;   // d × K: μ_{k,t}ᵀ/v (isotropic)
    Vec bias_;  // K: log w_k − ½‖μ_{k,t}‖²/v, or log w_k − ½ log det Σ_{k,t}
    std::vector<Mat> neg_prec_;              // −Σ_{k,t}⁻¹ (general path)
    Mat chol_;                               // d × d scratch of the general path
    Vec col_;                                // d scratch of the general path
    Mat tile_a_, tile_b_, tile_c_;           // kTileLd × max(d, K) scratch
    Arr run_max_, run_sum_, tmp_a_, tmp_b_;  // kTileRows
  };

  /// Rows per tile of score_rows: the working set of a tile (X, logits, scores) stays in the L1
  /// or L2 cache for d up to a few hundred.
  static constexpr Eigen::Index kTileRows = 128;
  /// Leading dimension of the tiles: an odd number of 64-byte cache lines (17), so that the
  /// columns of a tile fall in different L1 cache sets, and a multiple of 32 bytes, so that
  /// every column starts aligned for the vector loops.
  static constexpr Eigen::Index kTileLd = kTileRows + 8;

  /// A workspace for score_rows with `process` (which must outlive it). Allocates.
  Workspace make_workspace(const LinearProcess& process) const;

  /// ∇log p_t at the rows of X (n × d, any n >= 0, e.g. a block of a particle matrix) into the
  /// rows of out (n × d, not resized), using ws from make_workspace(process) of this mixture.
  /// No heap allocation: every buffer is in ws, the products are tiled loops (no Eigen GEMM,
  /// whose packing buffers come from the heap), and X and out are accessed in place (pass a
  /// column-major block with unit inner stride, such as particles.middleRows(b, n), so that
  /// Eigen::Ref binds without a copy). Each row is computed on its own: splitting the rows
  /// into calls changes a result only by the rounding of the vectorised exp at a tile's tail
  /// (tested to 1e-14 relative). Throws InputError on a shape mismatch or a workspace made for
  /// another process or mixture dimension. Not thread-safe for one ws: give each thread its own.
  void score_rows(const LinearProcess& process, double t, const Eigen::Ref<const Mat>& X,
                  Eigen::Ref<Mat> out, Workspace& ws) const;

  /// p_t as a mixture: the same weights, components N(μ_{k,t}, Σ_{k,t}). Isotropic stays
  /// isotropic.
  GaussianMixture marginal(const LinearProcess& process, double t) const;
  /// log p_t at the rows of x (log_density of marginal(process, t)).
  Vec log_density_t(const LinearProcess& process, double t, const Mat& x) const;

  /// The law of ⟨direction, X⟩, X ~ π_data: Σ_k w_k N(⟨e, μ_k⟩, eᵀΣ_k e). direction must be
  /// finite, nonzero and of length d (it is not normalised).
  Mixture1d projected(const Vec& direction) const;
  /// projected(theta), as the Target interface asks.
  Gaussian moment_law() const override { return {mean(), covariance()}; }
  std::optional<Mixture1d> projection(const Vec& theta) const override { return projected(theta); }

  /// E‖X‖² = Σ_k w_k (‖μ_k‖² + tr Σ_k), exact.
  double second_moment() const;
  /// E X = Σ_k w_k μ_k.
  Vec mean() const;
  /// Cov X = Σ_k w_k (Σ_k + μ_k μ_kᵀ) − (E X)(E X)ᵀ.
  Mat covariance() const;

  Eigen::Index components() const { return weights_.size(); }
  const Vec& weights() const { return weights_; }
  const Mat& means() const { return means_; }
  /// The K covariance matrices (built on demand in the isotropic case: K copies of var·I).
  std::vector<Mat> covs() const;
  /// True for equal isotropic covariances var·I (the fast path).
  bool is_isotropic_equal() const { return isotropic_; }
  /// The common variance var; throws std::logic_error unless is_isotropic_equal().
  double isotropic_var() const;

 private:
  void validate_weights_and_means() const;
  void score_tile_isotropic(const double* x, Eigen::Index ldx, Eigen::Index rows, double* out,
                            Eigen::Index ldo, double inv_v, Workspace& ws) const;
  void score_tile_general(const double* x, Eigen::Index ldx, Eigen::Index rows, double* out,
                          Eigen::Index ldo, Workspace& ws) const;

  Vec weights_;
  Mat means_;
  bool isotropic_ = false;
  double var_ = 0.0;       // isotropic case
  std::vector<Mat> covs_;  // general case
  std::vector<Mat> chol_;  // general case: lower Cholesky factors of Σ_k
  Vec log_weights_;
};

/// ½N(−a, var) + ½N(a, var) in 1-D (a finite, var > 0).
GaussianMixture gmm_symmetric_pair(double a, double var);

/// 25 equal-weight components N(μ, var·I) in 2-D with means μ ∈ {−2, −1, 0, 1, 2}²·spacing (the
/// 25-Gaussian example of seed 001; spacing > 0, var > 0). Component 5i + j has mean
/// ((i − 2)·spacing, (j − 2)·spacing).
GaussianMixture gmm_grid25(double spacing, double var);

/// K equal-weight components N(μ_k, var·I) in dimension d, the means drawn N(0, mean_scale² I):
/// μ_k(j) = mean_scale·z with z the (k·d + j)-th normal of Rng(seed) (row by row). K >= 1,
/// d >= 1, mean_scale >= 0, var > 0.
GaussianMixture gmm_random(int K, Eigen::Index d, std::uint64_t seed, double mean_scale,
                           double var);

}  // namespace sb
