#include "sb/sampler/progress.hpp"

#include <mutex>
#include <utility>

namespace sb {
namespace {

std::mutex& sink_mutex() {
  static std::mutex m;
  return m;
}

ProgressSink& sink() {
  static ProgressSink s;
  return s;
}

bool has_sink() {
  const std::lock_guard<std::mutex> lock(sink_mutex());
  return static_cast<bool>(sink());
}

void emit(std::string_view what, double fraction, double seconds) {
  const std::lock_guard<std::mutex> lock(sink_mutex());
  if (sink()) sink()(what, fraction, seconds);
}

}  // namespace

void set_progress_sink(ProgressSink s) {
  const std::lock_guard<std::mutex> lock(sink_mutex());
  sink() = std::move(s);
}

Progress::Progress(std::string what, long long total)
    : what_(std::move(what)),
      total_(total),
      active_(total > 0 && has_sink()),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() {
  if (reported_)
    emit(what_, 1.0,
         std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count());
}

void Progress::report(long long done) {
  const auto now = std::chrono::steady_clock::now();
  const double since_start = std::chrono::duration<double>(now - start_).count();
  if (since_start < kProgressDelay) return;
  if (reported_ && std::chrono::duration<double>(now - last_).count() < kProgressInterval) return;
  last_ = now;
  reported_ = true;
  emit(what_, static_cast<double>(done) / static_cast<double>(total_), since_start);
}

}  // namespace sb
