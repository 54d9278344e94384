#include "sb/plot/figure.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

// gnuplot-iostream.h is a third-party header compiled under our -Wall -Wextra -Werror.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wall"
#pragma GCC diagnostic ignored "-Wextra"
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include <gnuplot-iostream.h>
#pragma GCC diagnostic pop

namespace sb {
namespace fs = std::filesystem;

namespace {

constexpr const char* kFn = "sb::FigureWriter";
constexpr const char* kPngSignature = "\x89PNG\r\n\x1a\n";

bool has_line_break(const std::string& s) { return s.find_first_of("\r\n") != std::string::npos; }

std::string format_number(double x) {
  if (!std::isfinite(x))
    throw std::logic_error(fmt::format("{}: refusing to write the non-finite number {}", kFn, x));
  return fmt::format("{}", x);
}

/// Writes `text` to `path` (a file of this process's work directory).
void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error(fmt::format("{}: cannot create {}", kFn, path.string()));
  out << text;
  out.flush();
  if (!out) throw std::runtime_error(fmt::format("{}: cannot write {}", kFn, path.string()));
}

/// rename(2) `from` over `to`: atomic on POSIX file systems (a reader sees the old file or the
/// new one, never a mix).
void move_into_place(const fs::path& from, const fs::path& to) {
  std::error_code ec;
  fs::rename(from, to, ec);
  if (ec)
    throw std::runtime_error(
        fmt::format("{}: cannot move {} to {}: {}", kFn, from.string(), to.string(), ec.message()));
}

/// Creates the figure directory out_dir/name (only that last component: out_dir must exist).
void make_figure_dir(const fs::path& dir) {
  std::error_code ec;
  const fs::path parent = dir.parent_path();
  if (!fs::is_directory(parent, ec))
    throw std::runtime_error(
        fmt::format("{}: the output directory {} does not exist (or is not a directory)", kFn,
                    parent.string()));
  if (fs::is_directory(dir, ec)) return;
  if (fs::exists(dir, ec))
    throw std::runtime_error(
        fmt::format("{}: cannot write the figure into {}: it exists and is not a directory", kFn,
                    dir.string()));
  fs::create_directory(dir, ec);  // a concurrent run may have created it meanwhile: fine
  if (!fs::is_directory(dir))
    throw std::runtime_error(fmt::format("{}: cannot create the figure directory {}: {}", kFn,
                                         dir.string(), ec ? ec.message() : "unknown error"));
}

/// A fresh directory `.render.<pid>.<random>.tmp` inside `dir`, removed with its content when
/// it goes out of scope (whatever happens).
class WorkDir {
 public:
  explicit WorkDir(const fs::path& dir) {
    std::random_device rd;
    for (int attempt = 0;; ++attempt) {
      path_ = dir / fmt::format(".render.{}.{:08x}{:08x}.tmp", ::getpid(), rd(), rd());
      std::error_code ec;
      if (fs::create_directory(path_, ec)) return;
      if (attempt == 10)
        throw std::runtime_error(fmt::format("{}: cannot create a work directory in {}: {}", kFn,
                                             dir.string(), ec.message()));
    }
  }
  ~WorkDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  WorkDir(const WorkDir&) = delete;
  WorkDir& operator=(const WorkDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

/// The executable gnuplot would run: `command` itself if it contains '/', else the first
/// executable of that name on PATH. Empty when there is none.
fs::path find_executable(const std::string& command) {
  if (command.empty()) return {};
  if (command.find('/') != std::string::npos)
    return ::access(command.c_str(), X_OK) == 0 && fs::is_regular_file(command) ? fs::path(command)
                                                                                : fs::path();
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  for (std::string d; std::getline(dirs, d, ':');) {
    const fs::path candidate = fs::path(d.empty() ? "." : d) / command;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return {};
}

/// `s` as a POSIX shell single-quoted word.
std::string shell_quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

/// Blocks SIGPIPE on this thread while gnuplot runs, so that a gnuplot dying early turns our
/// writes into EPIPE errors (detected below) instead of killing the process; a pending SIGPIPE
/// is consumed before the old mask is restored.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~SigpipeBlock() {
    sigset_t pending;
    sigemptyset(&pending);
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE)) {
      const timespec zero{0, 0};
      while (sigtimedwait(&pipe_, nullptr, &zero) == -1 && errno == EINTR) {
      }
    }
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t pipe_, old_;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The non-empty lines of gnuplot's stderr, trimmed, without the caret lines that point at
/// the offending column.
std::vector<std::string> message_lines(const std::string& log) {
  std::vector<std::string> out;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    const auto b = line.find_first_not_of(" \t\r");
    if (b == std::string::npos) continue;
    const auto e = line.find_last_not_of(" \t\r");
    line = line.substr(b, e - b + 1);
    if (line == "^") continue;
    out.push_back(line);
  }
  return out;
}

bool starts_with_png_signature(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char head[8] = {};
  in.read(head, 8);
  return in.gcount() == 8 && std::string(head, 8) == std::string(kPngSignature, 8);
}

}  // namespace

FigureWriter::FigureWriter(fs::path out_dir, std::string name)
    : out_dir_(std::move(out_dir)), name_(std::move(name)) {
  if (name_.empty() || name_ == "." || name_ == ".." ||
      name_.find_first_of("/\\") != std::string::npos || has_line_break(name_))
    throw std::invalid_argument(fmt::format(
        "{}: name is '{}', but must be one non-empty path component (no '/')", kFn, name_));
  if (out_dir_.empty()) out_dir_ = ".";
}

void FigureWriter::set_param(const std::string& key, const std::string& value) {
  if (key.empty() || key.find('=') != std::string::npos || has_line_break(key) ||
      key == "generated_by")
    throw std::invalid_argument(fmt::format(
        "{}: parameter key is '{}', but must be non-empty, one line, without '=' and not "
        "'generated_by' (use set_command_line)",
        kFn, key));
  if (has_line_break(value))
    throw std::invalid_argument(
        fmt::format("{}: the value of parameter '{}' must be one line", kFn, key));
  for (auto& [k, v] : params_)
    if (k == key) {
      v = value;
      return;
    }
  params_.emplace_back(key, value);
}

void FigureWriter::set_param(const std::string& key, const char* value) {
  set_param(key, std::string(value ? value : ""));
}

void FigureWriter::set_param(const std::string& key, double value) {
  if (!std::isfinite(value))
    throw std::logic_error(
        fmt::format("{}: parameter '{}' is {}, but must be finite", kFn, key, value));
  set_param(key, format_number(value));
}

void FigureWriter::set_param(const std::string& key, bool value) {
  set_param(key, std::string(value ? "true" : "false"));
}

void FigureWriter::set_command_line(int argc, const char* const* argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i] ? argv[i] : "";
    if (has_line_break(a))
      throw std::invalid_argument(fmt::format("{}: argument {} contains a line break", kFn, i));
    if (a.empty() || a.find_first_of(" \t'\"\\$`") != std::string::npos) a = shell_quote(a);
    if (i > 0) line += ' ';
    line += a;
  }
  generated_by_ = line;
}

void FigureWriter::add_block(std::string title, std::vector<std::string> columns,
                             std::vector<std::vector<double>> rows) {
  if (has_line_break(title))
    throw std::invalid_argument(fmt::format("{}: block title '{}' must be one line", kFn, title));
  if (columns.empty())
    throw std::invalid_argument(fmt::format("{}: block '{}' has no columns", kFn, title));
  for (const auto& c : columns)
    if (c.empty() || c.find_first_of(",# \t\r\n") != std::string::npos)
      throw std::invalid_argument(fmt::format(
          "{}: column name '{}' of block '{}' must be non-empty, without ',', '#' or spaces", kFn,
          c, title));
  if (rows.empty())
    throw std::invalid_argument(fmt::format("{}: block '{}' has no rows", kFn, title));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != columns.size())
      throw std::invalid_argument(
          fmt::format("{}: row {} of block '{}' has {} values, but the "
                      "block declares {} columns",
                      kFn, i, title, rows[i].size(), columns.size()));
    for (std::size_t j = 0; j < rows[i].size(); ++j)
      if (!std::isfinite(rows[i][j]))
        throw std::logic_error(fmt::format(
            "{}: block '{}', row {}, column '{}' is {}: non-finite numbers are never written "
            "(the caller must not produce them)",
            kFn, title, i, columns[j], rows[i][j]));
  }
  blocks_.push_back({std::move(title), std::move(columns), std::move(rows)});
}

std::string FigureWriter::csv_text() const {
  std::string s;
  s += fmt::format("# figure = {}\n", name_);
  if (!generated_by_.empty()) s += fmt::format("# generated_by = {}\n", generated_by_);
  for (const auto& [k, v] : params_) s += fmt::format("# {} = {}\n", k, v);
  for (std::size_t b = 0; b < blocks_.size(); ++b) {
    const Block& blk = blocks_[b];
    if (b > 0) s += "\n\n";
    s += fmt::format("# block {}: {}\n", b, blk.title);
    s += fmt::format("# columns: {}\n", fmt::join(blk.columns, ","));
    for (const auto& row : blk.rows) {
      for (std::size_t j = 0; j < row.size(); ++j) {
        if (j > 0) s += ',';
        s += format_number(row[j]);  // checked finite in add_block; checked again here
      }
      s += '\n';
    }
  }
  return s;
}

void FigureWriter::write(const std::string& gnuplot_script) {
  messages_.clear();
  if (blocks_.empty())
    throw std::logic_error(fmt::format("{}: figure '{}' has no data block", kFn, name_));
  const fs::path exe = find_executable(gnuplot_);
  if (exe.empty())
    throw std::runtime_error(fmt::format(
        "{}: cannot render figure '{}': gnuplot executable '{}' not found (install gnuplot, "
        "e.g. `apt-get install gnuplot-nox`)",
        kFn, name_, gnuplot_));
  const std::string csv = csv_text();  // may throw before anything touches the disk

  const fs::path dir = fs::absolute(out_dir_ / name_);
  make_figure_dir(dir);
  const fs::path png = dir / "plot.png";

  // Everything is written and rendered in a work directory of this process (pid and a random
  // suffix), then moved into place by rename(2), each file atomically: two runs writing the
  // same figure at once never see or remove each other's temporary files, and a reader never
  // sees a partial file.
  const WorkDir work(dir);
  const fs::path w = work.path();
  write_file(w / "data.csv", csv);
  write_file(w / "plot.gnu", gnuplot_script);
  const fs::path log = w / "gnuplot.log", status = w / "gnuplot.status";

  // gnuplot-iostream does not report gnuplot's exit status (its pclose result is only logged),
  // so the shell records it: gnuplot exits with 1 after any error, also inside `load`.
  const std::string command = fmt::format("{} 2> {}; echo $? > {}", shell_quote(exe.string()),
                                          shell_quote(log.string()), shell_quote(status.string()));
  bool stream_ok = true;
  {
    SigpipeBlock no_sigpipe;
    Gnuplot gp(command);
    gp << "cd " << gnuplot_quote(w.string()) << "\n"
       << "outfile = 'plot.png'\n"
       << "load 'plot.gnu'\n"
       << "unset multiplot\n"  // a no-op, unless the script failed inside a multiplot
       << "set output\n"       // closes (completes) the PNG
       << "exit\n";
    gp.flush();
    stream_ok = static_cast<bool>(gp);
  }  // ~Gnuplot: pclose waits for the shell, hence for gnuplot, to exit

  messages_ = message_lines(read_file(log));
  const std::vector<std::string> status_lines = message_lines(read_file(status));
  const std::string code = status_lines.empty() ? std::string("unknown") : status_lines.front();
  const bool ran = stream_ok && code == "0";
  move_into_place(w / "data.csv", dir / "data.csv");
  move_into_place(w / "plot.gnu", dir / "plot.gnu");
  if (!ran || !fs::exists(w / "plot.png") || !starts_with_png_signature(w / "plot.png")) {
    std::error_code ec;
    fs::remove(png, ec);  // an older plot.png would no longer match data.csv
    std::string why;
    if (!ran)
      why = messages_.empty() ? fmt::format("gnuplot exited with status {} without a message", code)
                              : fmt::format("{}", fmt::join(messages_, " | "));
    else
      why = "the script did not write a PNG to `outfile` (start it with png_preamble())";
    messages_.clear();
    throw std::runtime_error(
        fmt::format("{}: gnuplot failed to render {}: {}", kFn, (dir / "plot.gnu").string(), why));
  }
  move_into_place(w / "plot.png", png);
}

std::string FigureWriter::png_preamble(int width, int height, const std::string& font) {
  if (width <= 0 || height <= 0)
    throw std::invalid_argument(
        fmt::format("{}: png size {}x{} must be positive", kFn, width, height));
  return fmt::format(
      "set encoding utf8\n"
      "set terminal pngcairo enhanced size {},{} font {}\n"
      "# outfile is defined by the program that renders the figure; by hand: plot.png\n"
      "if (!exists(\"outfile\")) outfile = 'plot.png'\n"
      "set output outfile\n",
      width, height, gnuplot_quote(font));
}

std::string FigureWriter::gnuplot_quote(const std::string& text) {
  std::string q = "'";
  for (char c : text) q += c == '\'' ? std::string("''") : std::string(1, c);
  return q + "'";
}

}  // namespace sb
