#include "sb/schedule/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "sb/core/check.hpp"
#include "sb/core/numeric.hpp"

namespace sb {
namespace {

class ConstantSchedule final : public Schedule {
 public:
  explicit ConstantSchedule(double beta) : beta_(beta) {
    check_positive("sb::ConstantSchedule", "beta", beta);
  }
  std::string kind() const override { return "constant"; }
  std::string describe() const override { return fmt::format("beta = {}", beta_); }
  double horizon() const override { return std::numeric_limits<double>::infinity(); }
  double beta(double) const override { return beta_; }
  double integral(double t) const override { return beta_ * t; }
  double integral(double t1, double t2) const override { return beta_ * (t2 - t1); }
  double sup(double, double) const override { return beta_; }
  double inf(double, double) const override { return beta_; }
  bool non_decreasing() const override { return true; }

 private:
  double beta_;
};

class LinearSchedule final : public Schedule {
 public:
  LinearSchedule(double beta_min, double beta_max, double T)
      : bmin_(beta_min), bmax_(beta_max), T_(T) {
    constexpr const char* kFn = "sb::LinearSchedule";
    check_positive(kFn, "beta_min", beta_min);
    check_positive(kFn, "beta_max", beta_max);
    check_positive(kFn, "T", T);
  }
  std::string kind() const override { return "linear"; }
  std::string describe() const override {
    return fmt::format("linear beta {} -> {}", bmin_, bmax_);
  }
  double horizon() const override { return T_; }
  double beta(double t) const override { return bmin_ + (bmax_ - bmin_) * t / T_; }
  // B(t) = β_min t + (β_max − β_min) t²/(2T)  (theory-notes A.1).
  double integral(double t) const override { return t * (bmin_ + (bmax_ - bmin_) * t / (2 * T_)); }
  // B(t2) − B(t1) = (t2 − t1)(β_min + (β_max − β_min)(t1 + t2)/(2T)): no cancellation.
  double integral(double t1, double t2) const override {
    return (t2 - t1) * (bmin_ + (bmax_ - bmin_) * (t1 + t2) / (2 * T_));
  }
  double sup(double t1, double t2) const override { return std::max(beta(t1), beta(t2)); }
  double inf(double t1, double t2) const override { return std::min(beta(t1), beta(t2)); }
  bool non_decreasing() const override { return bmax_ >= bmin_; }

 private:
  double bmin_, bmax_, T_;
};

// β_a(t) = β_min + (β_max − β_min)·t·f1(at)/(T·f1(aT)),  f1(x) = (e^x − 1)/x,
// B(t)  = β_min t + (β_max − β_min)·t²·f2(at)/(T·f1(aT)), f2(x) = (e^x − 1 − x)/x²,
// which equals the closed form of seed 003 / the issue, B(t) = β_min t + δ((e^{at} − 1)/a − t),
// δ = (β_max − β_min)/(e^{aT} − 1), and is smooth through a = 0 (linear schedule).
class ExponentialSchedule final : public Schedule {
 public:
  ExponentialSchedule(double a, double beta_min, double beta_max, double T)
      : a_(a), bmin_(beta_min), bmax_(beta_max), T_(T) {
    constexpr const char* kFn = "sb::ExponentialSchedule";
    check_finite(kFn, "a", a);
    check_bounded(kFn, "a*T", a * T, -700.0, 700.0);
    check_positive(kFn, "beta_min", beta_min);
    check_positive(kFn, "beta_max", beta_max);
    check_positive(kFn, "T", T);
    scale_ = (bmax_ - bmin_) / (T_ * num::expm1_over_x(a_ * T_));
  }
  std::string kind() const override { return "exp"; }
  std::string describe() const override {
    return fmt::format("exp schedule a = {}, beta {} -> {}", a_, bmin_, bmax_);
  }
  double horizon() const override { return T_; }
  double beta(double t) const override { return bmin_ + scale_ * t * num::expm1_over_x(a_ * t); }
  double integral(double t) const override {
    return bmin_ * t + scale_ * t * t * num::expm1mx_over_x2(a_ * t);
  }
  // B(t2) − B(t1) = β_min Δ + scale·(e^{a t2} − e^{a t1} − aΔ)/a², and since
  // e^{a t1}(e^{aΔ} − 1) − aΔ = (e^{aΔ} − 1 − aΔ) + (e^{a t1} − 1)(e^{aΔ} − 1),
  // (e^{a t2} − e^{a t1} − aΔ)/a² = Δ²·f2(aΔ) + t1·f1(a t1)·Δ·f1(aΔ): a sum without cancellation.
  double integral(double t1, double t2) const override {
    const double d = t2 - t1;
    const double q = d * d * num::expm1mx_over_x2(a_ * d) +
                     t1 * d * num::expm1_over_x(a_ * t1) * num::expm1_over_x(a_ * d);
    return bmin_ * d + scale_ * q;
  }
  double sup(double t1, double t2) const override { return std::max(beta(t1), beta(t2)); }
  double inf(double t1, double t2) const override { return std::min(beta(t1), beta(t2)); }
  bool non_decreasing() const override { return bmax_ >= bmin_; }

 private:
  double a_, bmin_, bmax_, T_, scale_;
};

class TableSchedule final : public Schedule {
 public:
  explicit TableSchedule(std::vector<std::pair<double, double>> pts) : pts_(std::move(pts)) {
    constexpr const char* kFn = "sb::TableSchedule";
    check_at_least(kFn, "the number of schedule points", static_cast<long long>(pts_.size()), 2);
    if (pts_.front().first != 0.0)
      throw_input_error(kFn, "points[0].t", format_value(pts_.front().first), "0");
    cum_.assign(pts_.size(), 0.0);
    for (std::size_t i = 0; i < pts_.size(); ++i) {
      check_finite(kFn, fmt::format("points[{}].t", i), pts_[i].first);
      check_positive(kFn, fmt::format("points[{}].beta", i), pts_[i].second);
      if (i > 0) {
        if (!(pts_[i].first > pts_[i - 1].first))
          throw_input_error(kFn, fmt::format("points[{}].t", i), format_value(pts_[i].first),
                            fmt::format("> points[{}].t = {} (strictly increasing)", i - 1,
                                        format_value(pts_[i - 1].first)));
        cum_[i] = cum_[i - 1] +
                  0.5 * (pts_[i].first - pts_[i - 1].first) * (pts_[i].second + pts_[i - 1].second);
      }
    }
  }
  std::string kind() const override { return "table"; }
  std::string describe() const override {
    return fmt::format("tabulated beta ({} points)", pts_.size());
  }
  double horizon() const override { return pts_.back().first; }
  double beta(double t) const override {
    const std::size_t i = segment(t);
    const auto& [t0, b0] = pts_[i];
    const auto& [t1, b1] = pts_[i + 1];
    return b0 + (b1 - b0) * (t - t0) / (t1 - t0);
  }
  double integral(double t) const override {
    const std::size_t i = segment(t);
    const double t0 = pts_[i].first;
    return cum_[i] + 0.5 * (t - t0) * (pts_[i].second + beta(t));
  }
  // B(t2) − B(t1) as a sum of trapezoids between t1, the interior breakpoints and t2: no
  // subtraction of two large cumulative integrals.
  double integral(double t1, double t2) const override {
    if (t2 < t1) return -integral(t2, t1);
    double sum = 0.0, a = t1, ba = beta(t1);
    for (const auto& [t, b] : pts_) {
      if (t <= t1) continue;
      if (t >= t2) break;
      sum += 0.5 * (t - a) * (ba + b);
      a = t;
      ba = b;
    }
    return sum + 0.5 * (t2 - a) * (ba + beta(t2));
  }
  double sup(double t1, double t2) const override {
    double s = std::max(beta(t1), beta(t2));
    for (const auto& [t, b] : pts_)
      if (t > t1 && t < t2) s = std::max(s, b);
    return s;
  }
  double inf(double t1, double t2) const override {
    double s = std::min(beta(t1), beta(t2));
    for (const auto& [t, b] : pts_)
      if (t > t1 && t < t2) s = std::min(s, b);
    return s;
  }
  bool non_decreasing() const override {
    for (std::size_t i = 1; i < pts_.size(); ++i)
      if (pts_[i].second < pts_[i - 1].second) return false;
    return true;
  }

 private:
  // Index i of the segment [t_i, t_{i+1}] holding t (clamped to the table).
  std::size_t segment(double t) const {
    auto it = std::upper_bound(pts_.begin(), pts_.end(), t,
                               [](double x, const auto& p) { return x < p.first; });
    std::size_t i = static_cast<std::size_t>(it - pts_.begin());
    i = i == 0 ? 0 : i - 1;
    return std::min(i, pts_.size() - 2);
  }
  std::vector<std::pair<double, double>> pts_;
  std::vector<double> cum_;
};

}  // namespace

SchedulePtr make_constant_schedule(double beta) { return std::make_shared<ConstantSchedule>(beta); }
SchedulePtr make_linear_schedule(double beta_min, double beta_max, double T) {
  return std::make_shared<LinearSchedule>(beta_min, beta_max, T);
}
SchedulePtr make_exponential_schedule(double a, double beta_min, double beta_max, double T) {
  return std::make_shared<ExponentialSchedule>(a, beta_min, beta_max, T);
}
SchedulePtr make_table_schedule(std::vector<std::pair<double, double>> points) {
  return std::make_shared<TableSchedule>(std::move(points));
}

}  // namespace sb
