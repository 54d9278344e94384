// The main() of every experiment binary (experiments/*.cpp), so that all of them parse their
// options, prepare --out and report errors alike. Header-only: it uses CLI11, which only the
// binaries link.
//
// Exit status: 0 done; 2 bad usage (an unknown option, a bad --out, a --filter that selects
// nothing), one line "<prog>: <message>" on stderr; 1 any other failure, one line
// "<prog>: error: <message>".
#pragma once

#include <CLI/CLI.hpp>
#include <exception>
#include <functional>
#include <iostream>
#include <string>
#include <string_view>

#include "sb/core/check.hpp"
#include "sb/io/printable.hpp"
#include "sb/plot/output_dir.hpp"

namespace sb {

/// Parses the command line with `app`, in which `out` is bound to the --out option, runs
/// `check_options` (which throws InputError for a bad option, before anything is created),
/// makes `out` usable (prepare_output_dir), then runs `body`.
inline int experiment_main(CLI::App& app, int argc, char** argv, std::string_view prog,
                           std::string& out, const std::function<int()>& body,
                           const std::function<void()>& check_options = {}) {
  const auto line = [&](const std::string& text) {
    std::string one = text;
    for (char& c : one)
      if (c == '\n' || c == '\r') c = ' ';
    std::cerr << printable(one) << '\n' << std::flush;
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    line(std::string(prog) + ": " + e.what() + " (see --help)");
    return 2;
  }
  try {
    if (check_options) check_options();
    out = prepare_output_dir(prog, out).string();
    return body();
  } catch (const InputError& e) {
    line(e.what());
    return 2;
  } catch (const std::exception& e) {
    line(std::string(prog) + ": error: " + e.what());
    return 1;
  }
}

}  // namespace sb
