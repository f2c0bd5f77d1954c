//===- TimeReport.h - Phase times of one compilation ------------*- C++ -*-===//
//
// What --time-report prints: for each phase of the pipeline the time summed
// over the threads that ran it and, for the phases that run on one thread,
// the wall time; the parallel phases (IR generation, optimisation, code
// generation of the parts) share one wall time.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TIMEREPORT_H
#define WASMKILN_TIMEREPORT_H

#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdint>

namespace wasmkiln {

enum class Phase { DecodeValidate, IRGen, Optimize, Codegen, Link, Count };

struct PhaseTimes {
  double threadSeconds[unsigned(Phase::Count)] = {};
  /// Wall time of the serial phases (decode + validate, link).
  double wallSeconds[unsigned(Phase::Count)] = {};
  /// Wall time of the parallel section (IR generation to code generation).
  double parallelWallSeconds = 0;
  unsigned parts = 1, threads = 1;
  uint64_t wasmBytes = 0;

  void addThreadTime(Phase phase, double seconds) {
    threadSeconds[unsigned(phase)] += seconds;
  }
  /// A phase run on the calling thread alone.
  void addSerial(Phase phase, double seconds) {
    threadSeconds[unsigned(phase)] += seconds;
    wallSeconds[unsigned(phase)] += seconds;
  }
  /// Adds the thread times of \p other (one part's).
  void merge(const PhaseTimes &other);
};

/// Seconds since construction or the last lap().
class Stopwatch {
public:
  double lap() {
    auto now = std::chrono::steady_clock::now();
    double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    return seconds;
  }

private:
  std::chrono::steady_clock::time_point last = std::chrono::steady_clock::now();
};

/// Prints the table of --time-report.
void printTimeReport(llvm::raw_ostream &os, const PhaseTimes &times);

} // namespace wasmkiln

#endif
