// Reusable work buffers for batched evaluations inside a time loop. A sampler keeps one Scratch
// per thread and passes it to every score evaluation of its loop; an evaluation takes its
// temporaries from it (mat(i), vec(i)) instead of allocating. Eigen reallocates a buffer only
// when its size changes, so after the first step of a loop (same batch size every step) no
// evaluation allocates. A Scratch is not shared between threads.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "sb/core/types.hpp"

namespace sb {

class Scratch {
 public:
  /// Buffer i, created empty on first use; the caller resizes it (a no-op when the size is
  /// unchanged).
  Mat& mat(std::size_t i) {
    if (mats_.size() <= i) mats_.resize(i + 1);
    return mats_[i];
  }
  Vec& vec(std::size_t i) {
    if (vecs_.size() <= i) vecs_.resize(i + 1);
    return vecs_[i];
  }
  /// An object of type T kept for the pair of owners (a, b) — e.g. a data law's workspace for
  /// one process — made by make() on first use, or when the owners change.
  template <class T, class Make>
  T& object(const void* a, const void* b, Make&& make) {
    if (!object_ || owner_a_ != a || owner_b_ != b) {
      object_ = std::make_shared<T>(std::forward<Make>(make)());
      owner_a_ = a;
      owner_b_ = b;
    }
    return *static_cast<T*>(object_.get());
  }

 private:
  std::shared_ptr<void> object_;
  const void* owner_a_ = nullptr;
  const void* owner_b_ = nullptr;
  std::vector<Mat> mats_;
  std::vector<Vec> vecs_;
};

}  // namespace sb
