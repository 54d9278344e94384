#include "sb/data/gaussian_data.hpp"

#include <cmath>

#include "sb/core/check.hpp"

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

GaussianData gaussian_1d(double mean, double var) {
  return GaussianData(Vec::Constant(1, mean), Mat::Constant(1, 1, var));
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

}  // namespace sb
