#include "sb/score/score_error.hpp"

#include "sb/core/check.hpp"

namespace sb {

Vec validated_direction(std::string_view fn, const ScoreError& err, Eigen::Index d) {
  check_finite(fn, "score_error.delta", err.delta);
  if (!(err.delta > -1.0))
    throw_input_error(fn, "score_error.delta", format_value(err.delta), "> -1");
  check_nonnegative(fn, "score_error.eps", err.eps);
  if (err.direction.size() == 0) return Vec::Unit(d, 0);
  check_size(fn, "score_error.direction", err.direction.size(), d);
  check_finite(fn, "score_error.direction", err.direction);
  const double scale = err.direction.cwiseAbs().maxCoeff();
  if (!(scale > 0))
    throw_input_error(fn, "the norm of score_error.direction", "0", "> 0 (a non-zero direction)");
  if (scale == 1.0) return err.direction / err.direction.norm();
  const Vec scaled = err.direction / scale;  // exact when scale is a power of two
  return scaled / scaled.norm();
}

}  // namespace sb
