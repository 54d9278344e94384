#include "sb/data/gaussian_data.hpp"

#include <cmath>

#include "sb/core/check.hpp"

namespace sb {

GaussianData::GaussianData(Vec mean, Mat cov, const std::string& name)
    : mean_(std::move(mean)), cov_(std::move(cov)) {
  const std::string fn = "sb::GaussianData";
  check_at_least(fn, "the dimension of " + name + ".mean", mean_.size(), 1);
  check_finite(fn, name + ".mean", mean_);
  check_size(fn, name + ".cov rows", cov_.rows(), mean_.size());
  check_size(fn, name + ".cov columns", cov_.cols(), mean_.size());
  check_spd(fn, name + ".cov", cov_);
  Eigen::SelfAdjointEigenSolver<Mat> es(cov_);
  basis_ = std::make_shared<const Mat>(es.eigenvectors());
  lambda_ = es.eigenvalues();
  mean_rot_ = basis_->transpose() * mean_;
}

SpectralGaussian GaussianData::marginal(const LinearProcess& p, double t) const {
  const double m = p.m(t), s2 = p.s2(t), k = p.kappa(t);
  SpectralGaussian out{basis_, m * mean_rot_, (m * m) * lambda_.array() + s2};
  if (k != 0.0) out.mean += k * (basis_->transpose() * p.centre(dim()));
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
