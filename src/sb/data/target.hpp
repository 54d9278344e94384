// The data law π_data of a problem — the "target" a sampler tries to reproduce — in the form
// every engine of scorebound consumes: its dimension, exact draws, its log-density where it is
// known, and its forward marginals p_t under a process with their scores (batched, n × d) and,
// where known, Hessians.
//
// Gaussian data (sb::GaussianData) is one implementation, with a spectral fast path that the
// exact engine reaches through as_gaussian(); Gaussian mixtures, the funnel and laws on the
// hypercube are others (ROADMAP 3, 5). A check or a metric that needs a particular family asks
// for it through as_*() and says so in its declared needs: no dynamic_cast on concrete classes.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "sb/core/estimate.hpp"
#include "sb/core/scratch.hpp"
#include "sb/core/types.hpp"
#include "sb/data/mixture1d.hpp"
#include "sb/law/gaussian.hpp"

namespace sb {

class LinearProcess;
class GaussianData;
class GaussianMixture;
class HypercubeLaw;

/// Settings of the Monte Carlo fallbacks of a Target (used only where no closed form exists).
struct TargetMcOptions {
  long samples = 100000;
  std::uint64_t seed = 20261123;  // sb::kDefaultSeed
};

/// Every method is const and may be called from several threads at once (the Monte Carlo
/// estimators share their blocks among threads).
class Target {
 public:
  virtual ~Target() = default;

  /// The JSON kind of the data law: "gaussian" (later "mixture", "funnel", "hypercube", ...).
  virtual std::string kind() const = 0;
  /// One line with the parameters, for reports and legends.
  virtual std::string describe() const = 0;
  virtual Eigen::Index dim() const = 0;

  /// n exact draws of π_data as the rows of an n × d matrix. Draws come in blocks of
  /// kStreamBlock rows, block b from Rng(seed, b), so they depend only on (n, seed).
  virtual Mat sample(long n, std::uint64_t seed) const = 0;

  /// True when log π_data has a closed form (then log_density() may be called).
  virtual bool has_log_density() const = 0;
  /// log π_data at the rows of x (n × d): n values.
  virtual Vec log_density(const Mat& x) const = 0;

  /// ∇log p_t at the rows of x (n × d) into the rows of `out` (resized to n × d), p_t the
  /// forward marginal at time t >= 0 under `process` (p_0 = π_data).
  virtual void score(const LinearProcess& process, double t, const Mat& x, Mat& out) const = 0;
  /// The same, taking temporaries from `scratch` (what a sampler calls inside its time loop;
  /// see sb::Scratch). The default calls score() above.
  virtual void score(const LinearProcess& process, double t, const Mat& x, Mat& out,
                     Scratch& scratch) const {
    (void)scratch;
    score(process, t, x, out);
  }

  /// True when the Hessian of log p_t has a closed form (then hessian() may be called).
  virtual bool has_hessian() const = 0;
  /// ∇²log p_t(x), d × d.
  virtual Mat hessian(const LinearProcess& process, double t, const Vec& x) const = 0;

  /// The Fisher information E_{p_t}‖∇log p_t‖², exact where a closed form exists (Gaussian:
  /// tr Σ_t⁻¹), otherwise a Monte Carlo estimate with its standard error from draws of p_t.
  /// The default is that Monte Carlo estimate, from forward draws X_t = m_t X_0 + κ_t μ + s_t Z.
  virtual Estimate fisher_information(const LinearProcess& process, double t,
                                      const TargetMcOptions& mc = {}) const;

  /// The law of ⟨θ, X_0⟩ for a unit vector θ, when it is a finite Gaussian mixture in closed
  /// form (Gaussian data, Gaussian mixtures): what the sliced W2 against the exact target
  /// needs. nullopt otherwise (the funnel).
  virtual std::optional<Mixture1d> projection(const Vec& theta) const {
    (void)theta;
    return std::nullopt;
  }

  /// N(E X_0, Cov X_0): the first two moments of π_data, exact (what a grid covering the data
  /// is built from).
  virtual Gaussian moment_law() const = 0;

  /// The characteristic function of the forward marginal, φ_t(u) = E_{X∼p_t} exp(i⟨u, X⟩), at
  /// the rows u of U (n × d) into out (resized to n), when it has a closed form (Gaussian data,
  /// Gaussian mixtures: p_t = Σ_k w_k N(μ_{k,t}, Σ_{k,t}) gives
  /// φ_t(u) = Σ_k w_k exp(i⟨u, μ_{k,t}⟩ − ½uᵀΣ_{k,t}u)); what the random score perturbation
  /// (score/random_field_score.hpp) needs to normalise its L² error exactly. Returns false, and
  /// leaves out untouched, when there is none (the default; the funnel).
  virtual bool characteristic_function(const LinearProcess& process, double t, const Mat& U,
                                       Eigen::VectorXcd& out) const {
    (void)process;
    (void)t;
    (void)U;
    (void)out;
    return false;
  }

  /// The Monte Carlo mean of f over the forward marginal p_t: E f(X_t) from mc.samples draws
  /// X_t = m_t X_0 + κ_t μ + s_t Z (X_0 from sample(), Z from streams of their own), with its
  /// standard error. f maps a block of rows (n × d) to n values; it is called from several
  /// threads at once. Depends on (samples, seed) only, whatever the number of threads.
  Estimate forward_mean(const LinearProcess& process, double t, const TargetMcOptions& mc,
                        const std::function<Vec(const Mat&)>& f) const;

  /// The Gaussian fast path: this law as Gaussian data, or nullptr when it is not Gaussian.
  virtual const GaussianData* as_gaussian() const { return nullptr; }
  /// This law as a Gaussian mixture (its components, for the checks that need them), or nullptr.
  virtual const GaussianMixture* as_mixture() const { return nullptr; }
  /// This law as a probability vector on {0,1}^d (data/hypercube_law.hpp), or nullptr.
  virtual const HypercubeLaw* as_hypercube() const { return nullptr; }
};

using TargetPtr = std::shared_ptr<const Target>;

}  // namespace sb
