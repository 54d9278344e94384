#include "sb/score/random_field_score.hpp"

#include <fmt/format.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <stdexcept>

#include "sb/core/check.hpp"
#include "sb/core/stats.hpp"

namespace sb {

namespace {

// Streams of the noise Z of the Monte Carlo c(τ)², distinct from those of Target::sample.

}  // namespace

RandomFieldScore::RandomFieldScore(TargetPtr target, ProcessPtr process, double eps,
                                   RandomFieldSpec spec, TargetMcOptions mc)
    : target_(std::move(target)), process_(std::move(process)), eps_(eps), spec_(spec), mc_(mc) {
  constexpr const char* kFn = "sb::RandomFieldScore";
  if (!target_)
    throw InputError("sb::RandomFieldScore: the data law is missing, but must be given");
  if (!process_)
    throw InputError("sb::RandomFieldScore: the process is missing, but must be given");
  check_nonnegative(kFn, "score_error.eps", eps_);
  if (spec_.features < 1 || spec_.features > 4096)
    throw_input_error(kFn, "score_error.features", std::to_string(spec_.features),
                      "an integer in [1, 4096]");
  check_positive(kFn, "score_error.length_scale", spec_.length_scale);
  const Eigen::Index d = target_->dim(), J = spec_.features;
  amp_.resize(J, d);
  omega_.resize(J, d);
  phase_.resize(J);
  Rng rng(spec_.seed);
  for (Eigen::Index j = 0; j < J; ++j) {
    for (Eigen::Index r = 0; r < d; ++r) amp_(j, r) = rng.normal();
    for (Eigen::Index r = 0; r < d; ++r) omega_(j, r) = rng.normal() / spec_.length_scale;
    phase_(j) = 2.0 * std::numbers::pi * rng.uniform();
  }
  omega_t_ = omega_.transpose();
  amp_norm_sum_ = amp_.rowwise().norm().sum();
  Eigen::VectorXcd probe;
  closed_form_ = target_->characteristic_function(*process_, 0.0, Mat::Zero(1, d), probe);
  if (!closed_form_ && eps_ > 0.0) check_at_least(kFn, "mc.samples", mc_.samples, 2);
}

std::string RandomFieldScore::describe() const {
  if (eps_ == 0.0) return "exact score of " + target_->describe();
  return fmt::format(
      "score exact + {}·e(y)/c(tau) (random Fourier field, J = {}, length scale {}, seed {}) of {}",
      eps_, spec_.features, spec_.length_scale, spec_.seed, target_->describe());
}

void RandomFieldScore::add_features(const Mat& Y, double scale, Mat& out, Mat& P) const {
  if (P.rows() != kTileRows || P.cols() != kTileFeatures) P.resize(kTileRows, kTileFeatures);
  const Eigen::Index n = Y.rows(), J = omega_.rows();
  for (Eigen::Index r0 = 0; r0 < n; r0 += kTileRows) {
    const Eigen::Index rows = std::min(kTileRows, n - r0);
    for (Eigen::Index f0 = 0; f0 < J; f0 += kTileFeatures) {
      const Eigen::Index nf = std::min(kTileFeatures, J - f0);
      auto C = P.topLeftCorner(rows, nf);
      C.noalias() = Y.middleRows(r0, rows) * omega_t_.middleCols(f0, nf);
      C.rowwise() += phase_.segment(f0, nf).transpose();
      C.array() = C.array().cos();
      out.middleRows(r0, rows).noalias() += scale * C * amp_.middleRows(f0, nf);
    }
  }
}

void RandomFieldScore::field(const Mat& Y, Mat& out) const {
  check_size("sb::RandomFieldScore::field", "the columns of Y", Y.cols(), dim());
  out.setZero(Y.rows(), dim());
  Mat P;
  add_features(Y, 1.0 / std::sqrt(static_cast<double>(spec_.features)), out, P);
}

Mat RandomFieldScore::field_jacobian(const Vec& y) const {
  check_size("sb::RandomFieldScore::field_jacobian", "the length of y", y.size(), dim());
  const Arr s = ((omega_ * y).array() + phase_.array()).sin();
  const double scale = -1.0 / std::sqrt(static_cast<double>(spec_.features));
  return scale * (amp_.transpose() * (s.matrix().asDiagonal() * omega_));
}

void RandomFieldScore::eval_batch(double tau, const Mat& Y, Mat& out) const {
  Scratch scratch;
  eval_batch(tau, Y, out, scratch);
}

void RandomFieldScore::eval_batch(double tau, const Mat& Y, Mat& out, Scratch& scratch) const {
  target_->score(*process_, tau, Y, out, scratch);
  if (eps_ == 0.0) return;
  const double c2 = normaliser_sq(tau).value;
  const double scale = eps_ / std::sqrt(c2 * static_cast<double>(spec_.features));
  add_features(Y, scale, out, scratch.mat(kScratchSlot));
}

Estimate RandomFieldScore::normaliser_sq(double tau) const {
  check_nonnegative("sb::RandomFieldScore", "tau", tau);
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = cache_.find(tau);
  if (it != cache_.end()) return it->second;
  Estimate c2 = closed_form_ ? Estimate::exact(closed_form_c2(tau), "exact_closed_form")
                             : monte_carlo_c2(tau);
  if (!(c2.value > 0.0) || !std::isfinite(c2.value))
    throw InputError(fmt::format(
        "sb::RandomFieldScore: c(tau)^2 = E|e(X)|^2 at tau = {} is {}, but must be > 0 and "
        "finite to normalise the field (try another score_error.field_seed or length_scale)",
        tau, format_value(c2.value)));
  cache_.emplace(tau, c2);
  return c2;
}

double RandomFieldScore::closed_form_c2(double tau) const {
  const Eigen::Index J = omega_.rows(), d = omega_.cols();
  // (1/2J)[Σ_j‖a_j‖² + Σ_{j<l} 2⟨a_j, a_l⟩ Re(φ(ω_j − ω_l) e^{i(b_j − b_l)})
  //        + Σ_{j<=l} (2 − [j = l])⟨a_j, a_l⟩ Re(φ(ω_j + ω_l) e^{i(b_j + b_l)})].
  double acc = amp_.squaredNorm();
  Mat U;
  Eigen::VectorXcd phi;
  for (Eigen::Index j = 0; j < J; ++j) {
    const Eigen::Index nd = J - j - 1, ns = J - j;
    U.resize(nd + ns, d);
    for (Eigen::Index l = j + 1; l < J; ++l) U.row(l - j - 1) = omega_.row(j) - omega_.row(l);
    for (Eigen::Index l = j; l < J; ++l) U.row(nd + l - j) = omega_.row(j) + omega_.row(l);
    if (!target_->characteristic_function(*process_, tau, U, phi))
      throw std::logic_error("sb::RandomFieldScore: the characteristic function went missing");
    const Vec g = amp_.bottomRows(ns) * amp_.row(j).transpose();  // ⟨a_j, a_l⟩, l >= j
    for (Eigen::Index l = j + 1; l < J; ++l) {
      const std::complex<double> rot = std::polar(1.0, phase_(j) - phase_(l));
      acc += 2.0 * g(l - j) * (phi(l - j - 1) * rot).real();
    }
    for (Eigen::Index l = j; l < J; ++l) {
      const std::complex<double> rot = std::polar(1.0, phase_(j) + phase_(l));
      acc += (l == j ? 1.0 : 2.0) * g(l - j) * (phi(nd + l - j) * rot).real();
    }
  }
  return acc / (2.0 * static_cast<double>(J));
}

Estimate RandomFieldScore::monte_carlo_c2(double tau) const {
  // E‖e(X_τ)‖² over forward draws of p_τ (Target::forward_mean).
  Estimate c2 = target_->forward_mean(*process_, tau, mc_, [this](const Mat& xt) -> Vec {
    Mat e;
    field(xt, e);
    return e.rowwise().squaredNorm();
  });
  c2.method = "monte_carlo_forward_draws";
  return c2;
}

Estimate RandomFieldScore::l2_error_sq(double tau) const {
  const double eps2 = eps_ * eps_;
  if (eps_ == 0.0) return Estimate::exact(0.0, "exact_closed_form");
  const Estimate c2 = normaliser_sq(tau);
  if (c2.is_exact()) return Estimate::exact(eps2, "exact_closed_form");
  // ε²c²/ĉ² with ĉ² = c²(1 + η): ≈ ε²(1 − η), sd(η) = SE(ĉ²)/c² ≈ SE(ĉ²)/ĉ² (delta method).
  return Estimate::monte_carlo(eps2, eps2 * c2.std_error / c2.value, c2.samples, c2.seed,
                               "monte_carlo_delta_method");
}

double RandomFieldScore::linf_error(double tau) const {
  if (eps_ == 0.0) return 0.0;
  const double c2 = normaliser_sq(tau).value;
  return eps_ * amp_norm_sum_ / std::sqrt(c2 * static_cast<double>(spec_.features));
}

}  // namespace sb
