// The registry of theorem checks (Google Benchmark's registration idiom): each check file ends
// with SB_REGISTER_THEOREM(Type), a static initialiser that adds one instance. The check files
// build into an OBJECT library linked whole into every binary, so no registration is stripped;
// tests assert that every write-up in theory/ has a registered check and vice versa.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "sb/verify/theorem_check.hpp"

namespace sb {

class Registry {
 public:
  /// Throws std::logic_error on a duplicate id.
  bool add(std::unique_ptr<TheoremCheck> check);
  /// Checks in id order.
  std::vector<const TheoremCheck*> all() const;
  std::vector<std::string> ids() const;
  /// nullptr when absent.
  const TheoremCheck* find(const std::string& id) const;

 private:
  std::vector<std::unique_ptr<TheoremCheck>> checks_;
};

Registry& registry();

}  // namespace sb

#define SB_REGISTER_THEOREM_CONCAT2(a, b) a##b
#define SB_REGISTER_THEOREM_CONCAT(a, b) SB_REGISTER_THEOREM_CONCAT2(a, b)
/// Registers one instance of Type built with the given constructor arguments: one class can be
/// registered several times, e.g. once per reading of a statement (the printed and the
/// corrected form), each instance with its own id.
#define SB_REGISTER_THEOREM(Type, ...)                                                  \
  namespace {                                                                           \
  [[maybe_unused]] const bool SB_REGISTER_THEOREM_CONCAT(sb_registered_, __COUNTER__) = \
      ::sb::registry().add(std::make_unique<Type>(__VA_ARGS__));                        \
  }
