// The exception of a distance that is not a finite number. A metric between the data law and an
// output law that overflows a double (or is infinite: the data law has no density where the
// output has mass) is reported as such — which metric, and why — and never printed as a number.
#pragma once

#include <stdexcept>

namespace sb {

/// A metric that came out NaN or infinite: the output law is so far from the data law that the
/// distance overflows a double. Callers report it; it is never printed as a number. Thrown by
/// sb::Outcome and by the metric functions that can meet it.
class NonFiniteMetric : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sb
