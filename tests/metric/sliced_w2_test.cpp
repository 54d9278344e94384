// Sliced W2 and exact 1-D W2 (src/sb/metric/sliced_w2.hpp): a POT reference (a transliteration
// of POT's code, see tests/metric/data/pot_sliced_w2_reference.py), hand computations,
// invariances, the exact-target path against the generic quadrature path, the bias of exact
// samples, and thread-count invariance.
#include "sb/metric/sliced_w2.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/core/normal_generator.hpp"
#include "test_util.hpp"

namespace sb {
namespace {

Mat sw_normal_matrix(Eigen::Index rows, Eigen::Index cols, std::uint64_t seed) {
  Mat m(rows, cols);
  NormalGenerator(seed).fill(m.data(), static_cast<std::size_t>(m.size()));
  return m;
}

double sw_std_quantile(double u) { return -std::numbers::sqrt2 * boost::math::erfc_inv(2 * u); }
double sw_std_pdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi); }

TEST(metric_SlicedW2, MatchesTransliterationOfPot) {
  // The reference is a pure-Python transliteration of POT's sliced_wasserstein_distance and
  // wasserstein_1d (p = 2, uniform weights), run on the inputs stored with it; this checks
  // against POT's algorithm, not against POT itself. Per direction and in total: 1e-13 relative
  // (the projections and sums round differently: a few ulp).
  std::ifstream in(std::string(SB_SOURCE_DIR) + "/tests/metric/data/pot_sliced_w2_reference.txt");
  ASSERT_TRUE(in.good());
  std::stringstream body;
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') body << line << '\n';
  int n, m, d, L;
  body >> n >> m >> d >> L;
  ASSERT_EQ(n, 37);
  Mat X(n, d), Y(m, d), P(d, L);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < d; ++j) body >> X(i, j);
  for (int i = 0; i < m; ++i)
    for (int j = 0; j < d; ++j) body >> Y(i, j);
  for (int j = 0; j < d; ++j)
    for (int l = 0; l < L; ++l) body >> P(j, l);
  std::vector<double> ref(static_cast<std::size_t>(L));
  for (double& r : ref) body >> r;
  double total = 0;
  body >> total;
  ASSERT_FALSE(body.fail());
  const std::vector<double> got = sliced_w2_squared(X, Y, P, 1);
  for (int l = 0; l < L; ++l)
    EXPECT_TRUE(
        test::near_rel(got[static_cast<std::size_t>(l)], ref[static_cast<std::size_t>(l)], 1e-13))
        << "direction " << l;
  const Estimate e = sliced_w2(X, Y, P, 1);
  EXPECT_TRUE(test::near_rel(e.value, total, 1e-13));
  EXPECT_EQ(e.method, "sliced_w2_samples");
  EXPECT_EQ(e.samples, L);
  EXPECT_GT(e.std_error, 0.0);
}

TEST(metric_SlicedW2, OneDimensionalByHand) {
  // x = {3, 0, 1} (n = 3), y = {2, 0.5} (m = 2): quantile steps at 1/3, 1/2, 2/3 give
  // (1/3)(0 − 0.5)² + (1/6)(1 − 0.5)² + (1/6)(1 − 2)² + (1/3)(3 − 2)² = 0.625.
  std::vector<double> x{3, 0, 1}, y{2, 0.5};
  EXPECT_TRUE(test::near_rel(w2_squared_1d(x, y), 0.625, 4e-16));
  // The same through the sliced function in d = 1 (θ = ±1: reflection keeps W2).
  const Mat X = (Mat(3, 1) << 3, 0, 1).finished(), Y = (Mat(2, 1) << 2, 0.5).finished();
  const Mat dirs = (Mat(1, 2) << 1.0, -1.0).finished();
  const Estimate e = sliced_w2(X, Y, dirs, 1);
  EXPECT_TRUE(test::near_rel(e.value, std::sqrt(0.625), 4e-16));
  EXPECT_EQ(e.std_error, 0.0);
  // Equal sizes: the sorted pairs. x = {1, 2, 4}, y = {0, 4, 1}: (1−0)² + (2−1)² + 0 over 3.
  std::vector<double> a{4, 1, 2}, b{0, 4, 1};
  EXPECT_TRUE(test::near_rel(w2_squared_1d(a, b), 2.0 / 3, 4e-16));
}

TEST(metric_SlicedW2, SortAgreesWithStdSort) {
  // 5000 values with runs of equal top-44-bit keys (1 + k·1e-13) and both signs: the W2² via
  // the library's sort equals the one computed on std::sort's order, bitwise.
  std::vector<double> x(5000), y(3001);
  NormalGenerator g(5);
  g.fill(x.data(), x.size());
  g.fill(y.data(), y.size());
  for (std::size_t i = 0; i < 1000; ++i) x[i] = 1.0 + static_cast<double>(i % 97) * 1e-13;
  for (std::size_t i = 0; i < 50; ++i) y[i] = -0.0;
  std::vector<double> xs = x, ys = y;
  std::sort(xs.begin(), xs.end());
  std::sort(ys.begin(), ys.end());
  // Reference sum, the same arithmetic as the library over the merged breakpoints.
  const long long n = static_cast<long long>(xs.size()), m = static_cast<long long>(ys.size());
  long long pos = 0;
  std::size_t i = 0, j = 0;
  double s = 0;
  while (i < xs.size() && j < ys.size()) {
    const long long ex = (static_cast<long long>(i) + 1) * m,
                    ey = (static_cast<long long>(j) + 1) * n;
    const long long next = std::min(ex, ey);
    const double dd = xs[i] - ys[j];
    s += static_cast<double>(next - pos) * (dd * dd);
    pos = next;
    if (next == ex) ++i;
    if (next == ey) ++j;
  }
  const double ref = s / (static_cast<double>(n) * static_cast<double>(m));
  EXPECT_EQ(w2_squared_1d(x, y), ref);
  EXPECT_TRUE(std::is_sorted(x.begin(), x.end()));
}

TEST(metric_SlicedW2, SameSampleIsZeroAndRowOrderDoesNotMatter) {
  const Mat X = sw_normal_matrix(300, 4, 1), Y = sw_normal_matrix(200, 4, 2);
  const Mat dirs = random_directions(4, 16, 3);
  const Estimate zero = sliced_w2(X, X, dirs, 1);
  EXPECT_EQ(zero.value, 0.0);
  EXPECT_EQ(zero.std_error, 0.0);
  // Reversed rows: the same per-direction values (to rounding of the projections: 1e-13).
  const Mat Xr = X.colwise().reverse(), Yr = Y.colwise().reverse();
  const auto a = sliced_w2_squared(X, Y, dirs, 1), b = sliced_w2_squared(Xr, Yr, dirs, 1);
  for (std::size_t l = 0; l < a.size(); ++l) EXPECT_TRUE(test::near_rel(b[l], a[l], 1e-13)) << l;
}

TEST(metric_SlicedW2, TranslationGivesSquaredProjectedShift) {
  // Y = X + v: every direction's W2² is ⟨θ, v⟩² (the sorted projections shift by ⟨θ, v⟩), to
  // the rounding of the projections (|X| <= 6, so 1e-13 absolute on differences of 1e-1).
  const Mat X = sw_normal_matrix(500, 5, 4);
  const Vec v = test::vec({0.3, -0.2, 0.5, 0.1, 0.7});
  const Mat Y = X.rowwise() + v.transpose();
  const Mat dirs = random_directions(5, 24, 5);
  const auto w = sliced_w2_squared(X, Y, dirs, 1);
  double mean = 0;
  for (Eigen::Index l = 0; l < dirs.cols(); ++l) {
    const double s = dirs.col(l).dot(v);
    EXPECT_NEAR(w[static_cast<std::size_t>(l)], s * s, 1e-13) << l;
    mean += s * s / static_cast<double>(dirs.cols());
  }
  EXPECT_NEAR(sliced_w2(X, Y, dirs, 1).value, std::sqrt(mean), 1e-13);
}

TEST(metric_SlicedW2, RandomDirectionsAreUnitAndSeeded) {
  const Mat a = random_directions(7, 50, 11), b = random_directions(7, 50, 11);
  EXPECT_EQ(a, b);
  for (Eigen::Index l = 0; l < a.cols(); ++l) EXPECT_NEAR(a.col(l).norm(), 1.0, 4e-16);
  EXPECT_NE(a, random_directions(7, 50, 12));
}

TEST(metric_SlicedW2, ThreadCountDoesNotChangeTheBytes) {
  const Mat X = sw_normal_matrix(2000, 6, 7), Y = sw_normal_matrix(1500, 6, 8);
  const Mat dirs = random_directions(6, 40, 9);  // 2 blocks (32 + 8 directions)
  const auto one = sliced_w2_squared(X, Y, dirs, 1), two = sliced_w2_squared(X, Y, dirs, 2);
  EXPECT_EQ(0, std::memcmp(one.data(), two.data(), one.size() * sizeof(double)));
  auto project = [](const Vec& th) {
    return Mixture1d{test::vec({0.5, 0.5}), test::vec({-th[0], th[0]}), test::vec({1.0, 1.0})};
  };
  const auto m1 = sliced_w2_squared_to_mixture(X, project, dirs, 1);
  const auto m2 = sliced_w2_squared_to_mixture(X, project, dirs, 2);
  EXPECT_EQ(0, std::memcmp(m1.data(), m2.data(), m1.size() * sizeof(double)));
}

// F⁻¹(u) of a mixture by toms748 on the bracket of the header (min/max of the components'
// quantiles), to full double precision.
double sw_mixture_quantile(const Mixture1d& F, double u) {
  double lo = 1e300, hi = -1e300;
  for (Eigen::Index k = 0; k < F.weights.size(); ++k) {
    lo = std::min(lo, F.means[k] + F.sds[k] * sw_std_quantile(u));
    hi = std::max(hi, F.means[k] + F.sds[k] * sw_std_quantile(u));
  }
  if (hi - lo < 1e-300) return lo;
  auto g = [&](double x) { return u < 0.5 ? F.cdf(x) - u : (1 - u) - (1 - F.cdf(x)); };
  std::uintmax_t it = 200;
  const auto r = boost::math::tools::toms748_solve(
      g, lo, hi, boost::math::tools::eps_tolerance<double>(52), it);
  return 0.5 * (r.first + r.second);
}

TEST(metric_SlicedW2, MixturePathAgreesWithQuadraturePath) {
  // A three-component mixture and a sample of 200 from another law: the closed-form cell sums
  // against adaptive quadrature of (x_(i) − F⁻¹(u))² (F⁻¹ by root finding): 1e-9 relative (the
  // quadrature's accuracy; the closed form is far more accurate).
  const Mixture1d F{test::vec({0.2, 0.5, 0.3}), test::vec({-2.0, 0.0, 1.5}),
                    test::vec({0.5, 1.0, 0.3})};
  std::vector<double> x(200);
  NormalGenerator(21).fill(x.data(), x.size());
  for (double& v : x) v = 0.3 + 1.2 * v;
  const Estimate fast = w2_1d_to_mixture(x, F);
  const Estimate slow = w2_1d_to_quantile(x, [&](double u) { return sw_mixture_quantile(F, u); });
  EXPECT_TRUE(test::near_rel(fast.value, slow.value, 1e-9));
  EXPECT_EQ(fast.method, "w2_1d_sample_to_mixture");
  EXPECT_EQ(slow.method, "w2_1d_sample_to_quantile");
  EXPECT_EQ(fast.samples, 200);
}

TEST(metric_SlicedW2, CellMeanSampleGivesTheExactMinimum) {
  // The "sample" x_i = n ∫_cell y dΦ = n (φ(q_{i−1}) − φ(q_i)) (the cell means of N(0, 1)) is
  // the closest n-point empirical measure; its W2² = Σ_i Var(cell i)·(1/n) is small (~0.2/n,
  // mostly the two end cells) against E y² = 1: the centred sums must keep its digits. The
  // generic quadrature path is the independent reference (1e-9 relative), and W2² n is
  // bounded and W2 decreases with n.
  const Mixture1d F{test::vec({1.0}), test::vec({0.0}), test::vec({1.0})};
  double previous = 1e300;
  for (long n : {10L, 100L, 1000L}) {
    std::vector<double> x(static_cast<std::size_t>(n));
    for (long i = 0; i < n; ++i) {
      const double a = i == 0 ? 0.0 : sw_std_pdf(sw_std_quantile(static_cast<double>(i) / n));
      const double b =
          i == n - 1 ? 0.0 : sw_std_pdf(sw_std_quantile(static_cast<double>(i + 1) / n));
      x[static_cast<std::size_t>(i)] = static_cast<double>(n) * (a - b);
    }
    const Estimate fast = w2_1d_to_mixture(x, F);
    const Estimate slow = w2_1d_to_quantile(x, sw_std_quantile);
    EXPECT_TRUE(test::near_rel(fast.value, slow.value, 1e-9)) << n;
    EXPECT_LT(fast.value, previous);
    EXPECT_LT(fast.value * fast.value * static_cast<double>(n), 1.0) << n;
    previous = fast.value;
  }
}

TEST(metric_SlicedW2, ExactGaussianSampleAgainstItsLawShrinksLikeOneOverRootN) {
  // X ~ N(μ, Σ) exactly (d = 3), target: the same law, whose projection on θ is the
  // one-component mixture N(⟨θ, μ⟩, θᵀΣθ). The sliced W2 is then only the empirical bias, not
  // covered by std_error: for a Gaussian E W2²(μ̂_n, μ) ≍ log log n / n (Bobkov & Ledoux 2019,
  // Mem. AMS 261(1259), sec. 6.4). Band: n·SW2² in [0.2, 25] at n = 1e3 and 1e4. Its basis is
  // empirical: over 20 seeds a single direction gave n·W2² in [1.3, 8.9] (mean 3.3 at 1e3, 3.6
  // at 1e4), and this sliced set-up over 4 seeds 2.7–6.0; the upper tail is that of the sample
  // extremes (Gumbel), so 25 is far out (false alarm not computed; judged < 1e-4). At 1e4 a 10 %
  // error of the data's scale or a mean shift of 0.1 gives n·SW2² >= 88: caught. And the value
  // decreases from 1e3 to 1e4 (in the runs above by a factor >= 2.6).
  const Vec mu = test::vec({1.0, -0.5, 0.2});
  const Mat S = (Mat(3, 3) << 2.0, 0.3, 0.1, 0.3, 1.0, -0.2, 0.1, -0.2, 0.5).finished();
  const Mat Lc = S.llt().matrixL();
  auto project = [&](const Vec& th) {
    return Mixture1d{test::vec({1.0}), test::vec({th.dot(mu)}),
                     test::vec({std::sqrt(th.dot(S * th))})};
  };
  const Mat dirs = random_directions(3, 64, 31);
  Estimate e[2];
  int k = 0;
  for (long n : {1000L, 10000L}) {
    const Mat X =
        (sw_normal_matrix(n, 3, 40 + static_cast<std::uint64_t>(n)) * Lc.transpose()).rowwise() +
        mu.transpose();
    e[k] = sliced_w2_to_mixture(X, project, dirs, 1);
    const double scaled = e[k].value * e[k].value * static_cast<double>(n);
    EXPECT_GT(scaled, 0.2) << n;
    EXPECT_LT(scaled, 25.0) << n;
    EXPECT_GT(e[k].std_error, 0.0);
    EXPECT_LT(e[k].std_error, 0.2 * e[k].value);  // slicing error: a few % here
    EXPECT_EQ(e[k].method, "sliced_w2_exact_target");
    EXPECT_EQ(e[k].samples, 64);
    ++k;
  }
  EXPECT_LT(e[1].value, e[0].value);
}

TEST(metric_SlicedW2, RejectsBadInput) {
  const Mat X = sw_normal_matrix(10, 3, 1), Y = sw_normal_matrix(10, 2, 2);
  const Mat dirs = random_directions(3, 4, 3);
  test::expect_input_error_naming([&] { sliced_w2(X, Y, dirs); }, "columns of Y");
  test::expect_input_error_naming([&] { sliced_w2(X, X, random_directions(3, 1, 3)); },
                                  "columns of directions");
  test::expect_input_error_naming([&] { sliced_w2(X, X, random_directions(2, 4, 3)); },
                                  "rows of directions");
  Mat bad = X;
  bad(2, 1) = test::kNaN;
  test::expect_input_error_naming([&] { sliced_w2(bad, X, dirs); }, "X");
  const Mixture1d F{test::vec({0.5, 0.4}), test::vec({0.0, 1.0}), test::vec({1.0, 1.0})};
  test::expect_input_error_naming([&] { w2_1d_to_mixture({1.0, 2.0}, F); }, "mixture weights");
  const Mixture1d G{test::vec({0.5, 0.5}), test::vec({0.0, 1.0}), test::vec({1.0, -1.0})};
  test::expect_input_error_naming([&] { w2_1d_to_mixture({1.0, 2.0}, G); }, "mixture sd 1");
  test::expect_input_error_naming([&] { random_directions(0, 3, 1); }, "d");
}

}  // namespace
}  // namespace sb
