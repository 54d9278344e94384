#include "test_util.hpp"

#include <Eigen/QR>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>

#include "sb/core/rng.hpp"
#include "sb/verify/registry.hpp"
#include "sb/verify/theorem_check.hpp"

namespace sb::test {

Mat random_orthogonal(Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed);
  Mat g(d, d);
  for (Eigen::Index j = 0; j < d; ++j)
    for (Eigen::Index i = 0; i < d; ++i) g(i, j) = rng.normal();
  return Eigen::HouseholderQR<Mat>(g).householderQ();
}

SpectralPair random_spectral_pair(Eigen::Index d, std::uint64_t seed) {
  Rng rng(seed, 1);
  auto basis = std::make_shared<const Mat>(random_orthogonal(d, seed));
  SpectralPair out{{basis, Vec(d), Vec(d)}, {basis, Vec(d), Vec(d)}};
  for (Eigen::Index j = 0; j < d; ++j) {
    out.P.mean[j] = rng.normal();
    out.Q.mean[j] = rng.normal();
    out.P.var[j] = 0.5 + 1.5 * rng.uniform();
    out.Q.var[j] = 0.5 + 1.5 * rng.uniform();
  }
  return out;
}

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const TheoremCheck& registered_check(const std::string& id) {
  const TheoremCheck* c = registry().find(id);
  if (c == nullptr) throw std::logic_error("check " + id + " is not registered");
  return *c;
}

BoundReport run_applicable(const std::string& id, const Problem& problem) {
  const TheoremCheck* c = registry().find(id);
  if (c == nullptr) {
    ADD_FAILURE() << id << " is not registered";
    return {};
  }
  EXPECT_TRUE(c->applies(problem)) << id;
  return run_check(*c, problem);
}

double term(const BoundReport& b, const std::string& name) {
  for (const BoundTerm& t : b.terms)
    if (t.name == name) return t.value;
  ADD_FAILURE() << b.id << " has no term " << name;
  return kNaN;
}

std::string describe(const BoundReport& b) {
  return b.id + ": exact " + std::to_string(b.exact.value) + " bound " + std::to_string(b.total) +
         " verdict " + to_string(b.verdict) + " scheme " + b.scheme;
}

}  // namespace sb::test
