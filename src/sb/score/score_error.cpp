#include "sb/score/score_error.hpp"

#include <string>

#include "sb/core/check.hpp"

namespace sb {

void validate_score_field(std::string_view fn, const ScoreError& err) {
  if (err.field == "constant") return;
  if (err.field != "random")
    throw_input_error(fn, "score_error.field", "\"" + err.field + "\"",
                      "\"constant\" or \"random\"");
  if (err.features < 1 || err.features > 4096)
    throw_input_error(fn, "score_error.features", std::to_string(err.features),
                      "an integer in [1, 4096]");
  check_positive(fn, "score_error.length_scale", err.length_scale);
  if (err.delta != 0.0)
    throw_input_error(fn, "score_error.delta", format_value(err.delta),
                      "0 when score_error.field is \"random\" (a multiplicative error is not "
                      "combined with the random field)");
  if (err.direction.size() != 0)
    throw_input_error(fn, "score_error.direction", "given",
                      "absent when score_error.field is \"random\" (the field has no direction)");
}

Vec validated_direction(std::string_view fn, const ScoreError& err, Eigen::Index d) {
  check_finite(fn, "score_error.delta", err.delta);
  if (!(err.delta > -1.0))
    throw_input_error(fn, "score_error.delta", format_value(err.delta), "> -1");
  check_nonnegative(fn, "score_error.eps", err.eps);
  validate_score_field(fn, err);
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
