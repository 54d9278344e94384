// scorebound: the command-line front end (README, "scorebound eval").
//
//   scorebound eval [FILE] [--compact] [--full] [--progress]
//                                        one configuration (JSON; stdin when FILE is absent or
//                                        "-") -> one JSON report on stdout
//   scorebound sample [FILE] [--out PATH] [--particles N] [--seed S] [--progress]
//                                        the same configuration run on the particle engine ->
//                                        the generated sample as CSV (stdout, or PATH written
//                                        atomically); exit 1 when the sampler diverged
//   scorebound verify [--filter TEXT] [--json]   every registered check on its default
//                                        instances; exit 3 when a verdict differs from the
//                                        expected one
//   scorebound list                      the registered checks
//   scorebound --version
//
// Exit status: 0 for a valid configuration (a diverged recursion included, reported as
// "status": "diverged"), 2 for bad input or usage (exactly one line on stderr, starting
// "scorebound: ", nothing on stdout), 1 for an internal error.
//
// Each subcommand is one add_* function that registers its options and returns the action to
// run once the command line has been parsed; a new subcommand (verify, list, ...) is one more
// such function and one more line in main().
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <iterator>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "sb/core/check.hpp"
#include "sb/io/config_json.hpp"
#include "sb/io/printable.hpp"
#include "sb/io/report_json.hpp"
#include "sb/law/particle_cloud.hpp"
#include "sb/problem/outcome.hpp"
#include "sb/sampler/progress.hpp"
#include "sb/verify/evaluate.hpp"
#include "sb/verify/registry.hpp"
#include "sb/verify/verify.hpp"

namespace {

constexpr int kExitOk = 0;
constexpr int kExitInternal = 1;
constexpr int kExitDiverged = 1;  // `sample`: the sampler diverged, nothing was written
constexpr int kExitBadInput = 2;
constexpr int kExitUnexpectedVerdict = 3;

struct Subcommand {
  CLI::App* app;
  std::function<int()> run;  // returns the exit status; may throw
};

/// One line on stderr, "scorebound: " prefixed unless the message already starts with it;
/// control characters and invalid UTF-8 are escaped (sb::printable), never printed raw.
void print_error(std::string msg) {
  for (char& c : msg)
    if (c == '\n' || c == '\r') c = ' ';
  msg = sb::printable(msg);
  const std::string prefix = "scorebound: ";
  if (msg.compare(0, prefix.size(), prefix) != 0) msg = prefix + msg;
  std::cerr << msg << '\n' << std::flush;
}

/// Progress of a long evaluation on stderr: nothing during the first kDelay seconds, then the
/// current phase, its elapsed time and, for the recursion (sb::Progress), the fraction done.
/// On a terminal it is one self-erasing line, rewritten every kTick; when stderr is not a
/// terminal it is shown only with --progress, one line per phase and then every kEvery.
class ProgressDisplay {
 public:
  static constexpr double kDelay = 2.0;
  static constexpr std::chrono::milliseconds kTick{250};
  static constexpr double kEvery = 5.0;

  explicit ProgressDisplay(bool forced)
      : tty_(::isatty(STDERR_FILENO) == 1), on_(tty_ || forced), start_(Clock::now()) {
    if (!on_) return;
    sb::set_progress_sink([this](std::string_view what, double fraction, double) {
      const std::lock_guard<std::mutex> lock(mutex_);
      detail_ = fraction >= 1.0 ? std::string() : fmt::format("{}: {:.0f}%", what, 100 * fraction);
    });
    thread_ = std::thread([this] { loop(); });
  }
  ~ProgressDisplay() {
    if (!on_) return;
    sb::set_progress_sink({});
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
    if (shown_ && tty_) std::cerr << "\r\033[K" << std::flush;
  }
  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

  void phase(std::string text) {
    if (!on_) return;
    const std::lock_guard<std::mutex> lock(mutex_);
    phase_ = std::move(text);
    detail_.clear();
    changed_ = true;
  }

 private:
  using Clock = std::chrono::steady_clock;

  void loop() {
    std::unique_lock<std::mutex> lock(mutex_);
    double last_line = -kEvery;
    while (!wake_.wait_for(lock, kTick, [this] { return stop_; })) {
      const double t = std::chrono::duration<double>(Clock::now() - start_).count();
      if (t < kDelay) continue;
      const std::string text = fmt::format("scorebound: {}{} ({:.0f} s)", phase_,
                                           detail_.empty() ? "" : ", " + detail_, t);
      if (tty_) {
        std::cerr << "\r" << sb::printable(text) << "\033[K" << std::flush;
      } else if (changed_ || t - last_line >= kEvery) {
        std::cerr << sb::printable(text) << '\n' << std::flush;
        last_line = t;
      }
      changed_ = false;
      shown_ = true;
    }
  }

  const bool tty_, on_;
  const Clock::time_point start_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::thread thread_;
  std::string phase_ = "starting", detail_;
  bool changed_ = true, stop_ = false, shown_ = false;
};

/// The whole of FILE, or of stdin when FILE is empty or "-".
std::string read_input(const std::string& file) {
  std::ostringstream ss;
  if (file.empty() || file == "-") {
    ss << std::cin.rdbuf();
    if (std::cin.bad()) sb::throw_input_error("scorebound", "stdin", "unreadable", "readable");
    return ss.str();
  }
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec))
    sb::throw_input_error("scorebound", "FILE", sb::printable(file),
                          "a readable file (it is a directory)");
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    const int err = errno;
    sb::throw_input_error("scorebound", "FILE", sb::printable(file),
                          std::string("a readable file (") + std::strerror(err) + ")");
  }
  ss << in.rdbuf();
  if (in.bad()) sb::throw_input_error("scorebound", "FILE", sb::printable(file), "a readable file");
  return ss.str();
}

/// Writes the whole report at once, so that nothing reaches stdout before it is complete.
void print_json(const nlohmann::ordered_json& j, bool compact) {
  const std::string text =
      j.dump(compact ? -1 : 2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::cout << text << '\n' << std::flush;
}

Subcommand add_eval(CLI::App& app) {
  struct Options {
    std::string file;
    bool compact = false;
    bool full = false;
    bool progress = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Evaluate one configuration (JSON) exactly and print one JSON report");
  cmd->footer(
      "Reads FILE (stdin when absent or -) and prints the exact law of the sampler's output, "
      "its distances to the data law and every theorem check that applies (README, "
      "\"scorebound eval\").\nExit status: 0 valid configuration (a diverged recursion "
      "included), 2 bad input (one line on stderr), 1 internal error.");
  cmd->add_option("FILE", opt->file, "configuration file (JSON); stdin when absent or -");
  cmd->add_flag("--compact", opt->compact, "print the report on one line");
  cmd->add_flag("--full", opt->full,
                "print every covariance and probability vector in full (by default a "
                "covariance of dimension above " +
                    std::to_string(sb::kFullMatrixMaxDim) + " and a law on {0,1}^d of more than " +
                    std::to_string(sb::kFullProbabilityVectorMaxStates) +
                    " states are summarised)");
  cmd->add_flag("--progress", opt->progress,
                "report the progress of long runs on stderr even when it is not a terminal");
  return {cmd, [opt]() {
            const sb::ReportOptions report{opt->full};
            std::string text;
            std::optional<sb::ParsedConfig> parsed;
            {
              ProgressDisplay progress(opt->progress);
              progress.phase("reading the configuration");
              const nlohmann::json j = sb::parse_json_text(read_input(opt->file));
              parsed = sb::parse_config(j, report);
              // Each theorem check is a phase of its own (one can take minutes at 10^8 steps).
              progress.phase(parsed->config.engine() == sb::Engine::kParticles
                                 ? "running the particle sampler and estimating the distances"
                                 : "running the sampler and computing the distances");
              sb::Evaluation ev = sb::evaluate(
                  parsed->config, /*with_bounds=*/true,
                  [&](const sb::TheoremCheck& c, std::size_t i, std::size_t n) {
                    progress.phase(fmt::format("checking {} ({} of {})", c.info().id, i + 1, n));
                  });
              progress.phase("writing the report");
              const nlohmann::ordered_json out = sb::evaluation_to_json(*parsed, ev, report);
              text = out.dump(opt->compact ? -1 : 2, ' ', false,
                              nlohmann::ordered_json::error_handler_t::replace);
            }  // the progress line is erased before the report is printed
            std::cout << text << '\n' << std::flush;
            return kExitOk;
          }};
}

// ---------------------------------------------------------------------------------------------
// sample

namespace fs = std::filesystem;

/// Checks --out before the sampler runs: PATH must name a file (not a directory) in an existing
/// directory. Returns it as a path.
fs::path checked_out_path(const std::string& out) {
  constexpr const char* kAllowed = "a file path in an existing directory";
  if (out.empty()) sb::throw_input_error("scorebound", "--out", "''", kAllowed);
  const fs::path path(out);
  std::error_code ec;
  if (fs::is_directory(path, ec))
    sb::throw_input_error("scorebound", "--out", "'" + sb::printable(out) + "'",
                          std::string(kAllowed) + " (it is a directory)");
  if (!path.has_filename())
    sb::throw_input_error("scorebound", "--out", "'" + sb::printable(out) + "'",
                          std::string(kAllowed) + " (it names no file)");
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::is_directory(parent, ec))
    sb::throw_input_error("scorebound", "--out", "'" + sb::printable(out) + "'",
                          fmt::format("{} ({} does not exist or is not a directory)", kAllowed,
                                      sb::printable(parent.string())));
  return path;
}

/// A temporary file `.<name>.<pid>.<random>.tmp` next to the destination, created exclusively
/// and removed on destruction unless commit() moved it over the destination by rename(2):
/// readers of the destination see the old file or the complete new one, never a part.
class AtomicFile {
 public:
  explicit AtomicFile(const fs::path& dest) : dest_(dest) {
    std::random_device rd;
    const fs::path dir = dest.has_parent_path() ? dest.parent_path() : fs::path(".");
    for (int attempt = 0;; ++attempt) {
      tmp_ = dir / fmt::format(".{}.{}.{:08x}{:08x}.tmp", dest.filename().string(), ::getpid(),
                               rd(), rd());
      const int fd = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd >= 0) {
        file_ = ::fdopen(fd, "w");
        if (file_ == nullptr) {
          ::close(fd);
          remove_tmp();
          throw std::runtime_error("cannot open a temporary file in " + dir.string());
        }
        return;
      }
      if (errno != EEXIST || attempt == 10) {
        const int err = errno;
        sb::throw_input_error(
            "scorebound", "--out", "'" + sb::printable(dest.string()) + "'",
            fmt::format("a path in a writable directory (cannot create a file in {}: {})",
                        sb::printable(dir.string()), std::strerror(err)));
      }
    }
  }
  ~AtomicFile() {
    if (file_ != nullptr) std::fclose(file_);
    if (!committed_) remove_tmp();
  }
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::FILE* file() const { return file_; }

  /// Flushes, closes and renames the temporary file over the destination.
  void commit() {
    const bool flushed = std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
    const bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!flushed || !closed)
      throw std::runtime_error(
          fmt::format("cannot write {}: {}", tmp_.string(), std::strerror(errno)));
    std::error_code ec;
    fs::rename(tmp_, dest_, ec);
    if (ec)
      throw std::runtime_error(
          fmt::format("cannot move {} to {}: {}", tmp_.string(), dest_.string(), ec.message()));
    committed_ = true;
  }

 private:
  void remove_tmp() {
    std::error_code ec;
    fs::remove(tmp_, ec);
  }

  fs::path dest_, tmp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

/// Writes the sample as CSV to `out`: the comment lines, the header x1,...,xd, one row per
/// particle with 17 significant digits (every double round-trips). Written in pieces of about
/// 1 MB, so that memory stays that of the particles. Throws std::runtime_error when a write
/// fails.
void write_sample_csv(std::FILE* out, const sb::ParsedConfig& parsed,
                      const sb::ParticleCloud& cloud) {
  const sb::Problem& cfg = parsed.config;
  const Eigen::Index d = cloud.dim();
  fmt::memory_buffer buf;
  const auto flush = [&] {
    if (buf.size() > 0 && std::fwrite(buf.data(), 1, buf.size(), out) != buf.size())
      throw std::runtime_error(std::string("cannot write the sample: ") + std::strerror(errno));
    buf.clear();
  };
  fmt::format_to(
      std::back_inserter(buf), "# scorebound {}\n# seed {}\n# config {}\n", sb::kScoreboundVersion,
      cfg.options.seed,
      parsed.echo.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
  fmt::format_to(std::back_inserter(buf), "# particles {} dim {} sampler {}\n", cloud.size(), d,
                 sb::to_string(cfg.scheme));
  for (Eigen::Index j = 0; j < d; ++j)
    fmt::format_to(std::back_inserter(buf), "{}x{}", j ? "," : "", j + 1);
  buf.push_back('\n');
  const sb::Mat& x = cloud.points();
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    for (Eigen::Index j = 0; j < d; ++j)
      fmt::format_to(std::back_inserter(buf), "{}{:.17g}", j ? "," : "", x(i, j));
    buf.push_back('\n');
    if (buf.size() >= (1u << 20)) flush();
  }
  flush();
  if (std::fflush(out) != 0)
    throw std::runtime_error(std::string("cannot write the sample: ") + std::strerror(errno));
}

Subcommand add_sample(CLI::App& app) {
  struct Options {
    std::string file, out;
    long long particles = 0;
    std::uint64_t seed = 0;
    bool progress = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "sample", "Run one configuration (JSON) on the particle engine and print the sample as CSV");
  cmd->footer(
      "Reads FILE (stdin when absent or -) as `scorebound eval` does, runs the sampler on the "
      "particle engine (whatever the data and the engine key say) and writes the generated "
      "sample as CSV: comment lines (# scorebound, # seed, # config, # particles), the header "
      "x1,...,xd, one row per particle (README, \"scorebound sample\").\nExit status: 0 "
      "written, 2 bad input (one line on stderr), 1 the sampler diverged (nothing written) or "
      "an internal error.");
  cmd->add_option("FILE", opt->file, "configuration file (JSON); stdin when absent or -");
  CLI::Option* out = cmd->add_option(
      "--out", opt->out,
      "write the CSV to PATH (atomically: a temporary file renamed into place) instead of stdout");
  CLI::Option* particles = cmd->add_option("--particles", opt->particles,
                                           "number of particles (overrides the configuration's)");
  CLI::Option* seed =
      cmd->add_option("--seed", opt->seed, "seed of the run (overrides the configuration's)");
  cmd->add_flag("--progress", opt->progress,
                "report the progress of long runs on stderr even when it is not a terminal");
  return {cmd, [opt, out, particles, seed]() {
            std::optional<fs::path> dest;
            if (out->count() > 0) dest = checked_out_path(opt->out);
            if (particles->count() > 0 && (opt->particles < 2 || opt->particles > 10000000))
              sb::throw_input_error("scorebound", "--particles", std::to_string(opt->particles),
                                    "an integer in [2, 10000000]");
            std::optional<sb::ParsedConfig> parsed;
            sb::Outcome outcome;
            {
              ProgressDisplay progress(opt->progress);
              progress.phase("reading the configuration");
              nlohmann::json j = sb::parse_json_text(read_input(opt->file));
              if (j.is_object()) {
                // A law on {0,1}^d has no particle engine: its sampler's law is exact.
                const auto data = j.find("data");
                if (data != j.end() && data->is_object() &&
                    data->value("kind", nlohmann::json()) == "hypercube")
                  sb::throw_input_error(
                      "scorebound", "data.kind", "hypercube",
                      "gaussian, gmm or funnel for scorebound sample (it runs the particle "
                      "engine; the law of a sampler of the bit-flip chain on {0,1}^d is exact: "
                      "scorebound eval prints it as output.probs)");
                // Nor has the kinetic process (cld): its laws are exact.
                const auto process = j.find("process");
                if (process != j.end() && process->is_object() &&
                    process->value("kind", nlohmann::json()) == "cld")
                  sb::throw_input_error(
                      "scorebound", "process.kind", "cld",
                      "a linear SDE (ou, vp, ...) for scorebound sample (it runs the particle "
                      "engine, which has no kinetic process; the law of a cld sampler is exact: "
                      "scorebound eval prints it as output)");
                // The overrides go through the parser, so that the echo shows what ran.
                j["engine"] = "particles";
                if (particles->count() > 0) j["particles"] = opt->particles;
                if (seed->count() > 0) j["seed"] = opt->seed;
              }
              parsed = sb::parse_config(j);
              progress.phase("running the particle sampler");
              outcome = sb::solve(parsed->config);
            }  // the progress line is erased before anything is written
            if (!outcome.ok()) {
              print_error(outcome.result().message + "; no sample written");
              return kExitDiverged;
            }
            const sb::ParticleCloud* cloud = outcome.law().as_particles();
            if (cloud == nullptr)
              throw std::logic_error("the particle engine returned no particle cloud");
            if (!dest) {
              write_sample_csv(stdout, *parsed, *cloud);
              return kExitOk;
            }
            AtomicFile file(*dest);
            write_sample_csv(file.file(), *parsed, *cloud);
            file.commit();
            return kExitOk;
          }};
}

Subcommand add_verify(CLI::App& app) {
  struct Options {
    std::string filter;
    bool json = false;
  };
  auto opt = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Run every registered check on its default instances and print the verdicts");
  cmd->footer(
      "Prints one row per (check, instance): verdict and the verdict the exact numbers are "
      "expected to give (theory/<id>.md), bound, exact value, ratio bound/exact, failing "
      "hypotheses.\nExit status: 0 every verdict as expected, 3 some verdict differs, 2 bad "
      "usage.");
  cmd->add_option("--filter", opt->filter, "only checks whose id contains TEXT");
  cmd->add_flag("--json", opt->json, "print JSON instead of the table");
  return {cmd, [opt]() {
            const std::vector<sb::VerifyRow> rows = sb::run_verify(opt->filter);
            if (rows.empty())
              sb::throw_input_error("scorebound", "verify --filter",
                                    "'" + sb::printable(opt->filter) + "'",
                                    "a substring of a registered check id (scorebound list)");
            bool all_expected = true;
            nlohmann::ordered_json out = nlohmann::ordered_json::array();
            for (const auto& r : rows) {
              all_expected = all_expected && r.as_expected();
              nlohmann::ordered_json j;
              j["id"] = r.id;
              j["instance"] = r.instance;
              j["expected"] = sb::to_string(r.expected);
              j["as_expected"] = r.as_expected();
              if (!r.error.empty()) j["error"] = r.error;
              j["report"] = sb::bound_to_json(r.report);
              out.push_back(std::move(j));
            }
            if (opt->json)
              print_json(out, false);
            else
              std::cout << sb::verify_table(rows) << std::flush;
            return all_expected ? kExitOk : kExitUnexpectedVerdict;
          }};
}

Subcommand add_list(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand("list", "List the registered theorem checks");
  return {cmd, []() {
            for (const sb::TheoremCheck* c : sb::registry().all()) {
              const sb::TheoremInfo i = c->info();
              std::cout << i.id << "  " << i.title << "\n    source: " << i.source
                        << "\n    convention: " << i.convention << "\n";
            }
            return kExitOk;
          }};
}

int run_guarded(const std::function<int()>& run) {
  try {
    return run();
  } catch (const sb::InputError& e) {
    print_error(e.what());
    return kExitBadInput;
  } catch (const std::exception& e) {
    print_error(std::string("internal error: ") + e.what());
    return kExitInternal;
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "scorebound: numerical checks of the convergence theorems of diffusion models (exact on "
      "Gaussian data, by particles on mixtures and the funnel)",
      "scorebound"};
  app.set_version_flag("--version", std::string("scorebound ") + sb::kScoreboundVersion);
  app.require_subcommand(1);

  std::vector<Subcommand> commands;
  commands.push_back(add_eval(app));
  commands.push_back(add_verify(app));
  commands.push_back(add_list(app));
  commands.push_back(add_sample(app));

  // CLI11 reports an unknown first word only as "A subcommand is required": name it.
  if (argc > 1 && argv[1][0] != '-') {
    const std::string word = argv[1];
    bool known = false;
    for (const Subcommand& c : commands) known = known || c.app->check_name(word);
    if (!known) {
      print_error(fmt::format(
          "the subcommand is '{}', but must be one of eval, verify, list, sample (run scorebound "
          "--help)",
          word));
      return kExitBadInput;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    print_error(std::string(e.what()) + " (run scorebound --help)");
    return kExitBadInput;
  }

  for (const Subcommand& c : commands)
    if (c.app->parsed()) return run_guarded(c.run);
  print_error("a subcommand is required (run scorebound --help)");
  return kExitBadInput;
}
