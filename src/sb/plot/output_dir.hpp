// The options every experiment binary (experiments/*.cpp) shares, with one wording of their
// errors across the binaries:
//   <prog>: --out is 'a/b/c', but must be ... (a/b does not exist; create it first)
//   <prog>: --filter is 'x', but must be ...
// An experiment writes DIR/<figure>/{data.csv, plot.gnu, plot.png} under its --out DIR.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace sb {

/// Makes `out` the directory figures are written under and returns it: an existing directory
/// is used as it is; a missing one is created, but only its last component, so its parent must
/// exist (a typo in a parent is reported instead of a tree created silently, at the filesystem
/// root or anywhere else). Throws InputError "<prog>: --out is '<out>', but must be <what>
/// (<why>)" for an empty path, a file, a missing or non-directory parent, or a directory that
/// cannot be created (with the system's reason).
std::filesystem::path prepare_output_dir(std::string_view prog, const std::string& out);

/// Throws InputError "<prog>: --filter is '<filter>', but must be <allowed>": a filter that
/// selects nothing is a usage error (exit status 2), as for `scorebound verify --filter`.
[[noreturn]] void throw_filter_selects_nothing(std::string_view prog, const std::string& filter,
                                               std::string_view allowed);

}  // namespace sb
