// The ziggurat normal generator (src/sb/core/normal_generator.hpp): distribution (moments, tail
// probabilities, χ² on equiprobable bins, Kolmogorov–Smirnov, the exact tail beyond the last
// layer), independence (serial correlations, distinct streams), the chunking property, and the
// AVX2 kernel against the portable one.
//
// Every Monte Carlo assertion below has a false-alarm rate below 1e-6 (5-SE rules: 5.7e-7
// two-sided; the χ² and KS thresholds are set at 1e-6), and the sample sizes are chosen so that
// a 10 % error in the tested quantity is caught (stated where a test cannot).
#include "sb/core/normal_generator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

namespace sb {
namespace {

// Φ and the upper tail Q = 1 − Φ of N(0, 1).
double ng_cdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }
double ng_upper(double x) { return 0.5 * std::erfc(x / std::numbers::sqrt2); }

// Calls f(z) for n normals of gen, drawn in chunks of 2¹⁶.
template <class F>
void for_each_normal(NormalGenerator& gen, long n, F&& f) {
  std::vector<double> z(1 << 16);
  for (long done = 0; done < n;) {
    const long m = std::min<long>(n - done, static_cast<long>(z.size()));
    gen.fill(z.data(), static_cast<std::size_t>(m));
    for (long i = 0; i < m; ++i) f(z[static_cast<std::size_t>(i)]);
    done += m;
  }
}

// Mean of the values x_k and the standard error of that mean from their spread.
struct ng_MeanSe {
  double sum = 0, sum2 = 0;
  long n = 0;
  void add(double x) {
    sum += x;
    sum2 += x * x;
    ++n;
  }
  double mean() const { return sum / static_cast<double>(n); }
  double se() const {
    const double m = mean();
    return std::sqrt((sum2 / static_cast<double>(n) - m * m) / static_cast<double>(n));
  }
};

TEST(core_NormalGenerator, StreamIsPinned) {
  // The stream must not change silently (results depend on it); pinned from the AVX2 build;
  // the portable kernel and a -DSB_NATIVE=OFF build give the same bits.
  NormalGenerator g(20261123, 0);
  double z[4];
  g.fill(z, 4);
  EXPECT_EQ(z[0], -1.2829985852914241);
  EXPECT_EQ(z[1], 1.110890242825604);
  EXPECT_EQ(z[2], 0.43555859585909357);
  EXPECT_EQ(z[3], -0.16620036541144523);
}

TEST(core_NormalGenerator, Moments) {
  // E z^k = 0, 1, 0, 3 for k = 1..4 at n = 1e7; each sample mean of z^k is compared within 5 of
  // its standard errors (√(1/n), √(2/n), √(15/n), √(96/n) ≈ 3e-4 … 3e-3), so a 10 % error of
  // the variance or the kurtosis is caught with certainty. Four tests: false alarm < 2.3e-6.
  NormalGenerator g(1, 0);
  ng_MeanSe m[4];
  for_each_normal(g, 10'000'000, [&](double z) {
    const double z2 = z * z;
    m[0].add(z), m[1].add(z2), m[2].add(z2 * z), m[3].add(z2 * z2);
  });
  const double truth[4] = {0, 1, 0, 3};
  for (int k = 0; k < 4; ++k)
    EXPECT_LE(std::abs(m[k].mean() - truth[k]), 5 * m[k].se())
        << "moment " << k + 1 << ": " << m[k].mean() << " ± " << m[k].se();
}

TEST(core_NormalGenerator, TailProbabilities) {
  // P(Z > c) and P(Z < −c) for c = 2, 3, R (the last layer's edge, 3.654…), 4, 4.5 at n = 4e7,
  // each within 5 binomial standard errors √(p(1 − p)/n) of Q(c): false alarm < 6e-6 over the
  // ten. Relative SE: 3e-3 at c = 2, 0.02 at c = 4, 0.06 at 4.5, so a 10 % error is caught up
  // to c = 4 and a 30 % one at 4.5.
  const double cuts[5] = {2.0, 3.0, 3.654152885361009, 4.0, 4.5};
  long upper[5] = {}, lower[5] = {};
  const long n = 40'000'000;
  NormalGenerator g(2, 0);
  for_each_normal(g, n, [&](double z) {
    for (int k = 0; k < 5; ++k) {
      upper[k] += z > cuts[k];
      lower[k] += z < -cuts[k];
    }
  });
  for (int k = 0; k < 5; ++k) {
    const double p = ng_upper(cuts[k]);
    const double se = std::sqrt(p * (1 - p) / static_cast<double>(n));
    EXPECT_LE(std::abs(static_cast<double>(upper[k]) / n - p), 5 * se)
        << "P(Z > " << cuts[k] << ")";
    EXPECT_LE(std::abs(static_cast<double>(lower[k]) / n - p), 5 * se)
        << "P(Z < -" << cuts[k] << ")";
  }
}

TEST(core_NormalGenerator, ChiSquaredOnEquiprobableBins) {
  // 100 bins of probability 1/100 (edges Φ⁻¹(k/100)), n = 4e6 (4e4 per bin): Pearson's statistic
  // against the χ²₉₉ quantile at 1 − 1e-6 (false alarm 1e-6; ≈ 174). A 10 % error of one bin's
  // probability adds ≈ 400 to the statistic's mean of 99.
  constexpr int kBins = 100;
  std::vector<double> edges(kBins - 1);
  for (int k = 1; k < kBins; ++k)
    edges[static_cast<std::size_t>(k - 1)] =
        -std::numbers::sqrt2 * boost::math::erfc_inv(2.0 * k / kBins);
  std::vector<long> count(kBins, 0);
  const long n = 4'000'000;
  NormalGenerator g(3, 0);
  for_each_normal(g, n, [&](double z) {
    ++count[static_cast<std::size_t>(std::upper_bound(edges.begin(), edges.end(), z) -
                                     edges.begin())];
  });
  const double expected = static_cast<double>(n) / kBins;
  double chi2 = 0;
  for (long c : count) chi2 += (c - expected) * (c - expected) / expected;
  const double threshold =
      boost::math::quantile(boost::math::complement(boost::math::chi_squared(kBins - 1), 1e-6));
  EXPECT_LE(chi2, threshold);
  EXPECT_GT(chi2, 40.0);  // below the 1e-6 lower quantile (≈ 47): values too even to be random
}

// Kolmogorov–Smirnov distance of sorted values to a continuous cdf F.
template <class Cdf>
double ng_ks_distance(std::vector<double>& x, Cdf&& cdf) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = cdf(x[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

// √n·D exceeds λ with probability <= 2 exp(−2λ²) (Dvoretzky–Kiefer–Wolfowitz, Massart 1990);
// λ for a false alarm of 1e-6.
const double kKsLambda = std::sqrt(std::log(2e6) / 2);

TEST(core_NormalGenerator, KolmogorovSmirnov) {
  // n = 1e6: the threshold on D is 2.7e-3 (false alarm <= 1e-6); a shift of the law by 0.01
  // (a 10 % error of a scale-0.1 feature) moves D by 4e-3.
  std::vector<double> z(1'000'000);
  NormalGenerator g(4, 0);
  g.fill(z.data(), z.size());
  EXPECT_LE(ng_ks_distance(z, ng_cdf) * std::sqrt(static_cast<double>(z.size())), kKsLambda);
}

TEST(core_NormalGenerator, TailBeyondTheLastLayerIsExact) {
  // The values beyond R come from the separate tail algorithm; their conditional law is
  // P(Z <= x | Z > R) = 1 − Q(x)/Q(R). KS on the |z| > R of n = 4e7 draws (about 10 300
  // values; threshold on D 0.026, false alarm <= 1e-6), so a 10 % error of the tail's scale
  // (D ≈ 0.1) is caught.
  const double r = 3.654152885361009;
  std::vector<double> tail;
  NormalGenerator g(5, 0);
  for_each_normal(g, 40'000'000, [&](double z) {
    if (std::abs(z) > r) tail.push_back(std::abs(z));
  });
  ASSERT_GT(tail.size(), 9000u);
  const double qr = ng_upper(r);
  const double d = ng_ks_distance(tail, [&](double x) { return 1 - ng_upper(x) / qr; });
  EXPECT_LE(d * std::sqrt(static_cast<double>(tail.size())), kKsLambda);
}

TEST(core_NormalGenerator, SerialCorrelations) {
  // corr(z_j, z_{j+h}) for h = 1, 4, 8 (8: the same lane's next word) and corr(z_j², z_{j+1}²)
  // at n = 4e6: each ≈ N(0, 1/n) under independence, compared with 5/√n = 2.5e-3 (false alarm
  // < 2.3e-6 over the four).
  const long n = 4'000'000;
  std::vector<double> z(static_cast<std::size_t>(n));
  NormalGenerator g(6, 0);
  g.fill(z.data(), z.size());
  auto corr = [&](int h, bool squares) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
    const long m = n - h;
    for (long j = 0; j < m; ++j) {
      double a = z[static_cast<std::size_t>(j)], b = z[static_cast<std::size_t>(j + h)];
      if (squares) a *= a, b *= b;
      sa += a, sb += b, saa += a * a, sbb += b * b, sab += a * b;
    }
    const double dm = static_cast<double>(m);
    const double cov = sab / dm - sa / dm * sb / dm;
    return cov / std::sqrt((saa / dm - sa / dm * sa / dm) * (sbb / dm - sb / dm * sb / dm));
  };
  const double limit = 5 / std::sqrt(static_cast<double>(n));
  for (int h : {1, 4, 8}) EXPECT_LE(std::abs(corr(h, false)), limit) << "lag " << h;
  EXPECT_LE(std::abs(corr(1, true)), limit) << "squares, lag 1";
}

TEST(core_NormalGenerator, DistinctStreamsAreUncorrelated) {
  // corr of the j-th values of two generators, n = 1e6, within 5/√n = 5e-3 (false alarm
  // < 1.8e-6 over the three pairs): other stream, other seed, and stream 0 of seed s against
  // stream 1 of seed s − 1.
  const std::size_t n = 1'000'000;
  auto draw = [&](std::uint64_t seed, std::uint64_t stream) {
    std::vector<double> z(n);
    NormalGenerator(seed, stream).fill(z.data(), n);
    return z;
  };
  auto corr = [&](const std::vector<double>& a, const std::vector<double>& b) {
    double sab = 0, saa = 0, sbb = 0;
    for (std::size_t i = 0; i < n; ++i) sab += a[i] * b[i], saa += a[i] * a[i], sbb += b[i] * b[i];
    return sab / std::sqrt(saa * sbb);
  };
  const auto base = draw(7, 0);
  const double limit = 5 / std::sqrt(static_cast<double>(n));
  EXPECT_LE(std::abs(corr(base, draw(7, 1))), limit);
  EXPECT_LE(std::abs(corr(base, draw(8, 0))), limit);
  EXPECT_LE(std::abs(corr(base, draw(6, 1))), limit);
  EXPECT_NE(base, draw(7, 1));
}

TEST(core_NormalGenerator, ChunkingGivesTheSameNumbers) {
  const std::size_t total = 1000;
  std::vector<double> whole(total), parts(total), uw(total), up(total);
  NormalGenerator a(9, 3);
  a.fill(whole.data(), total);
  NormalGenerator b(9, 3);
  std::size_t at = 0;
  for (std::size_t c : {0u, 1u, 3u, 7u, 8u, 9u, 2u, 100u, 5u, 17u, 64u, 1u}) {
    b.fill(parts.data() + at, c);
    at += c;
  }
  b.fill(parts.data() + at, total - at);
  EXPECT_EQ(0, std::memcmp(whole.data(), parts.data(), total * sizeof(double)));
  // The same for uniforms.
  NormalGenerator c(9, 4), d(9, 4);
  c.fill_uniform(uw.data(), total);
  at = 0;
  for (std::size_t k : {5u, 0u, 11u, 8u, 1u, 300u, 3u}) {
    d.fill_uniform(up.data() + at, k);
    at += k;
  }
  d.fill_uniform(up.data() + at, total - at);
  EXPECT_EQ(0, std::memcmp(uw.data(), up.data(), total * sizeof(double)));
}

TEST(core_NormalGenerator, VectorKernelEqualsPortableKernel) {
  if (!NormalGenerator::has_vector_kernel()) GTEST_SKIP() << "no AVX2 kernel in this build";
  // 1e6 values include ≈ 1.2e4 from the slow path (wedges and tail): bitwise equal.
  const std::size_t n = 1'000'000;
  std::vector<double> v(n), p(n);
  NormalGenerator a(10, 0), b(10, 0);
  b.use_portable_kernel(true);
  a.fill(v.data(), n);
  b.fill(p.data(), n);
  EXPECT_EQ(0, std::memcmp(v.data(), p.data(), n * sizeof(double)));
  // And the states stay in step.
  a.fill(v.data(), 13);
  b.fill(p.data(), 13);
  EXPECT_EQ(0, std::memcmp(v.data(), p.data(), 13 * sizeof(double)));
}

TEST(core_NormalGenerator, Avx512KernelEqualsAvx2Kernel) {
  if (!NormalGenerator::cpu_has_avx512()) GTEST_SKIP() << "no AVX-512 kernel on this machine";
  // As above: 1e6 values (≈ 1.5e4 through the slow path), then the states.
  const std::size_t n = 1'000'000;
  std::vector<double> v(n), p(n);
  NormalGenerator a(12, 3), b(12, 3);
  b.use_avx2_kernel(true);
  a.fill(v.data(), n);
  b.fill(p.data(), n);
  EXPECT_EQ(0, std::memcmp(v.data(), p.data(), n * sizeof(double)));
  a.fill(v.data(), 13);
  b.fill(p.data(), 13);
  EXPECT_EQ(0, std::memcmp(v.data(), p.data(), 13 * sizeof(double)));
}

TEST(core_NormalGenerator, Uniforms) {
  // On (0, 1); mean ½ and E u² = ⅓ within 5 SE at n = 1e6 (false alarm < 1.2e-6); KS against
  // the identity (threshold 2.7e-3, false alarm <= 1e-6).
  const std::size_t n = 1'000'000;
  std::vector<double> u(n);
  NormalGenerator g(11, 0);
  g.fill_uniform(u.data(), n);
  ng_MeanSe m1, m2;
  for (double x : u) {
    ASSERT_GT(x, 0.0);
    ASSERT_LT(x, 1.0);
    m1.add(x), m2.add(x * x);
  }
  EXPECT_LE(std::abs(m1.mean() - 0.5), 5 * m1.se());
  EXPECT_LE(std::abs(m2.mean() - 1.0 / 3), 5 * m2.se());
  EXPECT_LE(ng_ks_distance(u, [](double x) { return x; }) * std::sqrt(static_cast<double>(n)),
            kKsLambda);
}

}  // namespace
}  // namespace sb
