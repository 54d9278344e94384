#include "sb/verify/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace sb {

bool Registry::add(std::unique_ptr<TheoremCheck> check) {
  const std::string id = check->info().id;
  if (find(id) != nullptr) throw std::logic_error("sb::Registry: duplicate theorem id " + id);
  checks_.push_back(std::move(check));
  return true;
}

std::vector<const TheoremCheck*> Registry::all() const {
  std::vector<const TheoremCheck*> out;
  for (const auto& c : checks_) out.push_back(c.get());
  std::sort(out.begin(), out.end(), [](const TheoremCheck* a, const TheoremCheck* b) {
    return a->info().id < b->info().id;
  });
  return out;
}

std::vector<std::string> Registry::ids() const {
  std::vector<std::string> out;
  for (const auto* c : all()) out.push_back(c->info().id);
  return out;
}

const TheoremCheck* Registry::find(const std::string& id) const {
  for (const auto& c : checks_)
    if (c->info().id == id) return c.get();
  return nullptr;
}

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace sb
