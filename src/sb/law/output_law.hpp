// The law of a sampler's output, whatever represents it: an exact Gaussian today (the
// mean/covariance recursion of theory-notes B.2 for Gaussian data), a particle cloud or a grid
// density tomorrow (ROADMAP 3). Metrics and checks reach a particular representation through
// as_*(), never by casting.
#pragma once

#include <memory>
#include <string>

#include "sb/law/gaussian.hpp"

namespace sb {

class GaussianOutputLaw;
class GridDensity;
class ParticleCloud;
class PhaseSpaceOutputLaw;
class ProbabilityVectorLaw;

class OutputLaw {
 public:
  virtual ~OutputLaw() = default;
  /// "gaussian", "particles", "grid_density", "probability_vector", "phase_space_gaussian".
  virtual std::string kind() const = 0;
  virtual Eigen::Index dim() const = 0;
  /// This law as an exact Gaussian, or nullptr.
  virtual const GaussianOutputLaw* as_gaussian() const { return nullptr; }
  /// This law as a density on a grid, or nullptr.
  virtual const GridDensity* as_grid() const { return nullptr; }
  /// This law as a particle cloud (an i.i.d. sample of it), or nullptr.
  virtual const ParticleCloud* as_particles() const { return nullptr; }
  /// This law as a probability vector on {0,1}^d (law/probability_vector.hpp), or nullptr.
  virtual const ProbabilityVectorLaw* as_probability_vector() const { return nullptr; }
  /// This law as a Gaussian on the CLD phase space (law/phase_space_gaussian.hpp), or nullptr.
  virtual const PhaseSpaceOutputLaw* as_phase_space() const { return nullptr; }
};

/// An exact Gaussian output law, kept in the data eigenbasis (spectral) when the recursion ran
/// there, as a dense N(mean, cov) otherwise.
class GaussianOutputLaw final : public OutputLaw {
 public:
  explicit GaussianOutputLaw(SpectralGaussian law)
      : spectral_(std::move(law)), is_spectral_(true) {}
  explicit GaussianOutputLaw(Gaussian law) : dense_(std::move(law)), is_spectral_(false) {}

  std::string kind() const override { return "gaussian"; }
  Eigen::Index dim() const override { return is_spectral_ ? spectral_.dim() : dense_.dim(); }
  const GaussianOutputLaw* as_gaussian() const override { return this; }

  bool is_spectral() const { return is_spectral_; }
  /// The law in the data eigenbasis. Requires is_spectral().
  const SpectralGaussian& spectral() const { return spectral_; }
  /// The law in the original coordinates (from the spectral form when needed).
  Gaussian dense() const { return is_spectral_ ? spectral_.dense() : dense_; }

 private:
  SpectralGaussian spectral_;
  Gaussian dense_;
  bool is_spectral_;
};

using OutputLawPtr = std::shared_ptr<const OutputLaw>;

}  // namespace sb
