#include "sb/law/particle_cloud.hpp"

#include "sb/core/check.hpp"

namespace sb {

ParticleCloud::ParticleCloud(Mat points, std::uint64_t seed, std::optional<KernelMixture> last_step)
    : points_(std::move(points)), seed_(seed), last_step_(std::move(last_step)) {
  if (!last_step_) return;
  constexpr const char* kFn = "sb::ParticleCloud";
  const KernelMixture& m = *last_step_;
  check_size(kFn, "last_step.centres.cols()", m.centres.cols(), points_.cols());
  if (m.centres.rows() > points_.rows())
    throw_input_error(kFn, "last_step.centres.rows()", std::to_string(m.centres.rows()),
                      "at most the number of points, " + std::to_string(points_.rows()));
  check_size(kFn, "last_step.weights.size()", m.weights.size(), m.centres.rows());
  check_finite(kFn, "last_step.centres", m.centres);
  check_positive(kFn, "last_step.var", m.var);
  if (m.weights.size() > 0 && (m.weights.array() != m.weights(0)).any())
    throw_input_error(kFn, "last_step.weights", "not all equal", "uniform weights");
  if (m.weights.size() > 0) check_positive(kFn, "last_step.weights[0]", m.weights(0));
}

}  // namespace sb
