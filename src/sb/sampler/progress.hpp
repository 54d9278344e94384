// Progress of long computations (a 10^8-step recursion takes minutes): the library reports it
// to a sink that a front end installs (`scorebound eval` prints it on stderr); without a sink,
// nothing is reported and the cost is one counter test per step.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace sb {

/// Receives (what is being computed, fraction done in [0, 1], seconds since it started);
/// fraction 1 marks the end of a computation that reported progress before.
using ProgressSink = std::function<void(std::string_view what, double fraction, double seconds)>;

/// Installs `sink` for the whole process (an empty function removes it). Not thread-safe with
/// respect to running computations: install it before starting them.
void set_progress_sink(ProgressSink sink);

/// Reports the progress of one loop of `total` iterations: nothing during the first
/// kProgressDelay seconds, then at most every kProgressInterval seconds.
class Progress {
 public:
  static constexpr double kProgressDelay = 2.0;
  static constexpr double kProgressInterval = 0.5;

  Progress(std::string what, long long total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  /// Call with the number of iterations done; looks at the clock only every 2^14 iterations.
  void update(long long done) {
    if (active_ && (done & 0x3FFF) == 0) report(done);
  }

 private:
  void report(long long done);

  std::string what_;
  long long total_;
  bool active_;
  bool reported_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace sb
