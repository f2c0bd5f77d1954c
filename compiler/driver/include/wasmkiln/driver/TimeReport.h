//===- TimeReport.h - Phase times of one compilation ------------*- C++ -*-===//
//
// What --time-report prints: for each phase of the pipeline the CPU time
// summed over the threads that ran it and, for the phases that run on one
// thread, the wall time; the parallel phases (IR generation, optimisation,
// code generation of the parts) share one wall time. CPU time is what a
// phase costs even on a loaded machine; wall time is what a user waits.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TIMEREPORT_H
#define WASMKILN_TIMEREPORT_H

#include "llvm/Support/raw_ostream.h"

#include <cstdint>

namespace wasmkiln {

enum class Phase { DecodeValidate, IRGen, Optimize, Codegen, Link, Count };

/// Wall and CPU seconds of one stretch of work.
struct Lap {
  double wall = 0, cpu = 0;
};

/// Measures laps of the calling thread's CPU time (or, for phases that
/// start helper threads of their own such as lld's, the whole process's).
class Stopwatch {
public:
  enum Clock { Thread, Process };
  explicit Stopwatch(Clock clock = Thread);
  /// The time since construction or the last lap().
  Lap lap();

private:
  Lap now() const;
  Clock clock;
  Lap last;
};

struct PhaseTimes {
  double cpuSeconds[unsigned(Phase::Count)] = {};
  /// Wall time of the serial phases (decode + validate, link).
  double wallSeconds[unsigned(Phase::Count)] = {};
  /// Wall time of the parallel section (IR generation to code generation).
  double parallelWallSeconds = 0;
  unsigned parts = 1, threads = 1;
  unsigned cachedParts = 0; // of parts, those the compile cache held
  uint64_t wasmBytes = 0;

  /// A phase (of one part) run on a worker thread.
  void addParallel(Phase phase, Lap lap) {
    cpuSeconds[unsigned(phase)] += lap.cpu;
  }
  /// A phase run on the calling thread alone.
  void addSerial(Phase phase, Lap lap) {
    cpuSeconds[unsigned(phase)] += lap.cpu;
    wallSeconds[unsigned(phase)] += lap.wall;
  }
  /// Adds the CPU times of \p other (one part's).
  void merge(const PhaseTimes &other);
};

/// Prints the table of --time-report.
void printTimeReport(llvm::raw_ostream &os, const PhaseTimes &times);

} // namespace wasmkiln

#endif
