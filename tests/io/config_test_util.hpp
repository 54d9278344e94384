// Helpers shared by the tests of `scorebound eval`'s configuration parser (tests/io/*_test.cpp).
#pragma once

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/io/config_json.hpp"

namespace sb::io_test {

/// Expects parse_run_config(j) to throw one InputError line "scorebound: ..." that contains
/// every one of `parts` and no internal function name ("sb::").
inline void expect_config_error(const nlohmann::json& j, const std::vector<std::string>& parts) {
  SCOPED_TRACE(j.dump().substr(0, 400));
  try {
    (void)parse_run_config(j);
    ADD_FAILURE() << "no error thrown";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind("scorebound: ", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
    EXPECT_EQ(msg.find("sb::"), std::string::npos) << msg;
    for (const auto& p : parts)
      EXPECT_NE(msg.find(p), std::string::npos) << "'" << p << "' not in: " << msg;
  }
}

/// The keys of a JSON object, in order.
inline std::vector<std::string> keys_of(const nlohmann::ordered_json& o) {
  std::vector<std::string> k;
  for (const auto& item : o.items()) k.push_back(item.key());
  return k;
}

}  // namespace sb::io_test
