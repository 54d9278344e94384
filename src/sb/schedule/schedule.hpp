// A noise schedule β : [0, horizon] → (0, ∞) and its integral B(t) = ∫₀ᵗ β.
// Used by the scheduled OU family (theory-notes A.1 #4, #5, #7, #8) and time-changed VE.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace sb {

class Schedule {
 public:
  virtual ~Schedule() = default;
  /// "constant", "linear", "exp" or "table".
  virtual std::string kind() const = 0;
  /// One-line description with parameters, for legends and reports.
  virtual std::string describe() const = 0;
  /// End of the interval on which β is defined (+inf for a constant schedule).
  virtual double horizon() const = 0;
  virtual double beta(double t) const = 0;
  /// B(t) = ∫₀ᵗ β(u) du.
  virtual double integral(double t) const = 0;
  /// B(t2) − B(t1), evaluated without cancellation where the closed form allows.
  virtual double integral(double t1, double t2) const { return integral(t2) - integral(t1); }
  /// sup of β over [t1, t2].
  virtual double sup(double t1, double t2) const = 0;
  /// inf of β over [t1, t2].
  virtual double inf(double t1, double t2) const = 0;
  /// True if β is non-decreasing on [0, horizon] (a hypothesis of seed 003's KL bound).
  virtual bool non_decreasing() const = 0;
};

using SchedulePtr = std::shared_ptr<const Schedule>;

/// β(t) ≡ beta.
SchedulePtr make_constant_schedule(double beta);
/// β(t) = β_min + (β_max − β_min) t/T on [0, T] (seed 004 §3.3; theory-notes A.1).
SchedulePtr make_linear_schedule(double beta_min, double beta_max, double T);
/// β_a(t) = β_min + (β_max − β_min)(e^{at} − 1)/(e^{aT} − 1) on [0, T] (seed 003, the schedule
/// family of Strasman et al. 2024); the linear schedule as a → 0, continuously.
SchedulePtr make_exponential_schedule(double a, double beta_min, double beta_max, double T);
/// β piecewise linear through (t_i, β_i), t_0 = 0 < t_1 < … ; every β_i > 0.
SchedulePtr make_table_schedule(std::vector<std::pair<double, double>> points);

}  // namespace sb
