#include "sb/plot/output_dir.hpp"

#include <fmt/format.h>

#include <system_error>

#include "sb/core/check.hpp"
#include "sb/io/printable.hpp"

namespace sb {
namespace fs = std::filesystem;

namespace {

constexpr const char* kAllowed = "an existing directory, or a new one in an existing directory";

[[noreturn]] void bad_out(std::string_view prog, const std::string& out, const std::string& why) {
  throw_input_error(prog, "--out", "'" + printable(out) + "'",
                    fmt::format("{} ({})", kAllowed, printable(why)));
}

}  // namespace

fs::path prepare_output_dir(std::string_view prog, const std::string& out) {
  if (out.empty()) throw_input_error(prog, "--out", "''", "the path of a directory (it is empty)");
  fs::path p(out);
  // "a/b/" names the directory "a/b".
  while (!p.has_filename() && p.has_relative_path()) p = p.parent_path();
  std::error_code ec;
  const fs::file_status st = fs::status(p, ec);
  if (fs::is_directory(st)) return p;
  if (fs::exists(st)) bad_out(prog, out, "it exists and is not a directory");
  fs::path parent = p.parent_path();
  if (parent.empty()) parent = ".";
  const fs::file_status pst = fs::status(parent, ec);
  if (!fs::exists(pst))
    bad_out(prog, out,
            fmt::format("its parent {} does not exist; create it first", parent.string()));
  if (!fs::is_directory(pst))
    bad_out(prog, out, fmt::format("its parent {} is not a directory", parent.string()));
  if (!fs::create_directory(p, ec) && !fs::is_directory(p))
    bad_out(prog, out, fmt::format("cannot create it: {}", ec ? ec.message() : "unknown error"));
  return p;
}

void throw_filter_selects_nothing(std::string_view prog, const std::string& filter,
                                  std::string_view allowed) {
  throw_input_error(prog, "--filter", "'" + printable(filter) + "'", allowed);
}

}  // namespace sb
