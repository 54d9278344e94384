#include "sb/verify/theorem_check.hpp"

#include <algorithm>
#include <stdexcept>

namespace sb {

std::string to_string(Need n) {
  switch (n) {
    case Need::kMarginals:
      return "marginals";
    case Need::kOneStep:
      return "one_step";
    case Need::kExactGaussianLaw:
      return "exact_gaussian_law";
    case Need::kSamples:
      return "samples";
    case Need::kOutputDensity:
      return "output_density";
  }
  return "?";
}

BoundReport TheoremInfo::report(const Problem& problem) const {
  BoundReport r;
  r.id = id;
  r.metric = metric;
  r.side = side;
  r.trivial_max = trivial_max;
  r.scheme = to_string(problem.scheme);
  return r;
}

std::vector<Instance> instance_table(std::vector<InstanceRow> rows) {
  std::vector<Instance> out;
  out.reserve(rows.size());
  for (InstanceRow& r : rows)
    out.push_back({std::move(r.name),
                   make_problem(std::move(r.process), std::move(r.data), r.T, r.steps, r.scheme,
                                std::move(r.score_error), r.init),
                   r.expected});
  return out;
}

std::string process_family(const Problem& problem) {
  if (problem.cld) return "cld";
  if (problem.chain) return "bitflip";
  return "linear";
}

bool check_applies(const TheoremCheck& check, const Problem& problem) {
  const TheoremInfo info = check.info();
  const std::string kind = problem.target->kind();
  if (std::find(info.data.begin(), info.data.end(), kind) == info.data.end()) return false;
  const std::string family = process_family(problem);
  if (std::find(info.processes.begin(), info.processes.end(), family) == info.processes.end())
    return false;
  // The engine that solves the problem must give what the check needs.
  const Engine engine = problem.engine();
  if (info.need == Need::kExactGaussianLaw && engine != Engine::kExact) return false;
  if (info.need == Need::kOutputDensity && engine != Engine::kExact && engine != Engine::kGrid)
    return false;
  if (info.need == Need::kSamples && engine != Engine::kParticles) return false;
  return check.applies(problem);
}

BoundReport run_check(const TheoremCheck& check, const Problem& problem, Outcome& solved) {
  try {
    return check.check(problem, solved);
  } catch (const NonFiniteMetric& e) {
    throw std::runtime_error("check " + check.info().id + ": " + e.what());
  }
}

BoundReport run_check(const TheoremCheck& check, const Problem& problem) {
  const Need need = check.info().need;
  if (need == Need::kMarginals || need == Need::kOneStep) {
    problem.validate();
    Outcome none;
    return run_check(check, problem, none);
  }
  Outcome out = solve(problem);
  if (!out.ok())
    throw std::runtime_error("check " + check.info().id +
                             ": the sampler diverged: " + out.result().message);
  return run_check(check, problem, out);
}

}  // namespace sb
