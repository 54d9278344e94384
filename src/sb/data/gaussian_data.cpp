#include "sb/data/gaussian_data.hpp"

#include <fmt/format.h>

#include <cmath>
#include <complex>
#include <numbers>

#include "sb/core/check.hpp"
#include "sb/core/linalg.hpp"
#include "sb/core/rng.hpp"

namespace sb {

namespace {

// |m_ij − m_ji| <= 1e-12·max|m| for every pair, the symmetry rule of check_spd.
bool symmetric(const Mat& m) {
  const double tol = 1e-12 * m.cwiseAbs().maxCoeff();
  for (Eigen::Index j = 0; j < m.cols(); ++j)
    for (Eigen::Index i = j + 1; i < m.rows(); ++i)
      if (std::abs(m(i, j) - m(j, i)) > tol) return false;
  return true;
}

}  // namespace

GaussianData::GaussianData(Vec mean, Mat cov, const std::string& name)
    : mean_(std::move(mean)), cov_(std::move(cov)) {
  const std::string fn = "sb::GaussianData";
  check_at_least(fn, "the dimension of " + name + ".mean", mean_.size(), 1);
  check_finite(fn, name + ".mean", mean_);
  check_size(fn, name + ".cov rows", cov_.rows(), mean_.size());
  check_size(fn, name + ".cov columns", cov_.cols(), mean_.size());
  // The rules of check_spd (finite, symmetric to relative 1e-12, Cholesky succeeds, smallest
  // eigenvalue > 0), with the eigenvalues taken from the decomposition that follows instead of
  // a second eigenvalue solve; check_spd itself runs only to word a failure.
  const std::string cov_name = name + ".cov";
  if (!cov_.allFinite() || !symmetric(cov_) || Eigen::LLT<Mat>(cov_).info() != Eigen::Success) {
    check_spd(fn, cov_name, cov_);
    throw_input_error(fn, cov_name, "not positive definite", "positive definite");
  }
  Eigen::SelfAdjointEigenSolver<Mat> es(cov_);
  const double lmin = es.eigenvalues().minCoeff();
  if (es.info() != Eigen::Success || !(lmin > 0))
    throw_input_error(fn, "the smallest eigenvalue of " + cov_name, format_value(lmin),
                      "> 0 (positive definite matrix)");
  basis_ = std::make_shared<const Mat>(es.eigenvectors());
  lambda_ = es.eigenvalues();
  mean_rot_ = basis_->transpose() * mean_;
}

SpectralGaussian GaussianData::marginal(const LinearProcess& p, double t) const {
  const double m = p.m(t), s2 = p.s2(t), k = p.kappa(t);
  SpectralGaussian out{basis_, m * mean_rot_, (m * m) * lambda_.array() + s2};
  // The d² product Uᵀμ only for a nonzero centre: a process may have κ_t != 0 with μ = 0.
  if (k != 0.0) {
    const Vec centre = p.centre(dim());
    if (!(centre.array() == 0.0).all()) out.mean += k * (basis_->transpose() * centre);
  }
  return out;
}

std::string GaussianData::describe() const {
  if (dim() == 1) return fmt::format("N({}, {})", mean_(0), cov_(0, 0));
  return fmt::format("N(m, Sigma) in d = {}, eigenvalues of Sigma in [{}, {}]", dim(),
                     lambda_.minCoeff(), lambda_.maxCoeff());
}

Mat GaussianData::sample(long n, std::uint64_t seed) const {
  check_at_least("sb::GaussianData::sample", "n", n, 0);
  const Eigen::Index d = dim();
  Mat x(n, d);
  const Vec sd = lambda_.cwiseSqrt();
  Vec z(d);
  for (long block = 0; block * kStreamBlock < n; ++block) {
    Rng rng(seed, static_cast<std::uint64_t>(block));
    const long end = std::min(n, (block + 1) * kStreamBlock);
    for (long i = block * kStreamBlock; i < end; ++i) {
      for (Eigen::Index j = 0; j < d; ++j) z(j) = sd(j) * rng.normal();
      x.row(i) = (mean_ + (*basis_) * z).transpose();
    }
  }
  return x;
}

Vec GaussianData::log_density(const Mat& x) const {
  check_size("sb::GaussianData::log_density", "the columns of x", x.cols(), dim());
  // log φ(x; m, Σ) = −½ Σ_j (y_j²/λ_j + log(2πλ_j)),  y = Uᵀ(x − m).
  const double log_norm = -0.5 * (lambda_.array().log().sum() +
                                  static_cast<double>(dim()) * std::log(2 * std::numbers::pi));
  const Mat y = (x.rowwise() - mean_.transpose()) * (*basis_);
  return (log_norm -
          0.5 * (y.array().square().rowwise() / lambda_.transpose().array()).rowwise().sum())
      .matrix();
}

void GaussianData::score(const LinearProcess& process, double t, const Mat& x, Mat& out) const {
  check_size("sb::GaussianData::score", "the columns of x", x.cols(), dim());
  const SpectralGaussian pt = marginal(process, t);
  // ∇log p_t(x) = −U diag(1/v) Uᵀ(x − μ_t), μ_t = U·pt.mean.
  const Mat y = x * (*basis_);
  out.noalias() =
      -((y.rowwise() - pt.mean.transpose()).array().rowwise() / pt.var.transpose().array())
           .matrix() *
      basis_->transpose();
}

Mat GaussianData::hessian(const LinearProcess& process, double t, const Vec& x) const {
  check_size("sb::GaussianData::hessian", "the length of x", x.size(), dim());
  const SpectralGaussian pt = marginal(process, t);
  return -(*basis_) * pt.var.cwiseInverse().asDiagonal() * basis_->transpose();
}

bool GaussianData::characteristic_function(const LinearProcess& process, double t, const Mat& U,
                                           Eigen::VectorXcd& out) const {
  constexpr const char* kFn = "sb::GaussianData::characteristic_function";
  check_size(kFn, "the columns of U", U.cols(), dim());
  check_nonnegative(kFn, "t", t);
  const SpectralGaussian pt = marginal(process, t);
  const Mat rot = U * (*basis_);  // row i: (Uᵀu_i)ᵀ in the eigenbasis
  const Vec phase = rot * pt.mean;
  const Vec quad = rot.array().square().matrix() * pt.var;
  out.resize(U.rows());
  for (Eigen::Index i = 0; i < U.rows(); ++i)
    out(i) =
        std::exp(-0.5 * quad(i)) * std::complex<double>(std::cos(phase(i)), std::sin(phase(i)));
  return true;
}

Estimate GaussianData::fisher_information(const LinearProcess& process, double t,
                                          const TargetMcOptions&) const {
  return Estimate::exact(marginal(process, t).var.cwiseInverse().sum(), "exact_closed_form");
}

GaussianData gaussian_1d(double mean, double var) {
  return GaussianData(Vec::Constant(1, mean), Mat::Constant(1, 1, var));
}

GaussianData gaussian_isotropic(Eigen::Index d, double mean, double var) {
  return GaussianData(Vec::Constant(d, mean), var * Mat::Identity(d, d));
}

GaussianData gaussian_preset(const std::string& name, Eigen::Index d) {
  check_at_least("sb::gaussian_preset", "d", d, 1);
  Vec mean = Vec::Ones(d);
  Mat cov = Mat::Zero(d, d);
  if (name == "isotropic") {
    cov.diagonal().setConstant(0.5);
  } else if (name == "heteroscedastic") {
    const double pattern[5] = {1.0, 0.01, 1.0, 1.0, 1.0};
    for (Eigen::Index i = 0; i < d; ++i) cov(i, i) = pattern[i % 5];
  } else if (name == "correlated") {
    for (Eigen::Index i = 0; i < d; ++i)
      for (Eigen::Index j = 0; j < d; ++j)
        cov(i, j) = 1.0 / std::sqrt(static_cast<double>(std::abs(i - j) + 1));
  } else {
    throw_input_error("sb::gaussian_preset", "data.preset", name,
                      "one of isotropic, heteroscedastic, correlated");
  }
  return GaussianData(std::move(mean), std::move(cov), "data(" + name + ")");
}

std::optional<Mixture1d> GaussianData::projection(const Vec& theta) const {
  check_size("sb::GaussianData::projection", "theta", theta.size(), dim());
  Mixture1d m;
  m.weights = Vec::Ones(1);
  m.means = Vec::Constant(1, theta.dot(mean_));
  m.sds = Vec::Constant(
      1, std::sqrt((lambda_.array() * (basis_->transpose() * theta).array().square()).sum()));
  return m;
}

}  // namespace sb
