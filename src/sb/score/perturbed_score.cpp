#include "sb/score/perturbed_score.hpp"

#include <fmt/format.h>

#include <limits>

namespace sb {

PerturbedScore::PerturbedScore(TargetPtr target, ProcessPtr process, ScoreError err,
                               TargetMcOptions mc)
    : target_(std::move(target)), process_(std::move(process)), err_(std::move(err)), mc_(mc) {
  e_ = validated_direction("sb::PerturbedScore", err_, target_->dim());
}

std::string PerturbedScore::describe() const {
  if (err_.is_exact()) return "exact score of " + target_->describe();
  return fmt::format("score (1 + {})·exact + {}·e of {}", err_.delta, err_.eps,
                     target_->describe());
}

void PerturbedScore::eval_batch(double tau, const Mat& Y, Mat& out) const {
  Scratch scratch;
  eval_batch(tau, Y, out, scratch);
}

void PerturbedScore::eval_batch(double tau, const Mat& Y, Mat& out, Scratch& scratch) const {
  target_->score(*process_, tau, Y, out, scratch);
  if (err_.delta != 0.0) out *= 1.0 + err_.delta;
  if (err_.eps != 0.0) out.rowwise() += err_.eps * e_.transpose();
}

Estimate PerturbedScore::l2_error_sq(double tau) const {
  const double eps2 = err_.eps * err_.eps;
  if (err_.delta == 0.0) return Estimate::exact(eps2, "exact_closed_form");
  Estimate fi = target_->fisher_information(*process_, tau, mc_);
  const double d2 = err_.delta * err_.delta;
  fi.value = d2 * fi.value + eps2;
  fi.std_error *= d2;
  fi.bias_bound *= d2;
  return fi;
}

double PerturbedScore::linf_error(double) const {
  return err_.delta == 0.0 ? err_.eps : std::numeric_limits<double>::infinity();
}

std::optional<ScorePerturbation> PerturbedScore::perturbation() const {
  return ScorePerturbation{err_.delta, err_.eps, e_};
}

}  // namespace sb
