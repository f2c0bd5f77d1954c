//===- TimeReport.cpp - Phase times of one compilation --------------------===//
//
// The clocks behind --time-report and its table: one row per phase with the
// CPU time summed over threads and the wall time, then the throughput in MB
// of wasm per second of wall time and of CPU time.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/TimeReport.h"

#include "llvm/Support/Format.h"

#include <chrono>
#include <time.h>

using namespace llvm;
using namespace wasmkiln;

Stopwatch::Stopwatch(Clock clock) : clock(clock), last(now()) {}

Lap Stopwatch::now() const {
  Lap t;
  t.wall = std::chrono::duration<double>(
               std::chrono::steady_clock::now().time_since_epoch())
               .count();
  timespec ts;
  if (clock_gettime(clock == Thread ? CLOCK_THREAD_CPUTIME_ID
                                    : CLOCK_PROCESS_CPUTIME_ID,
                    &ts) == 0)
    t.cpu = ts.tv_sec + ts.tv_nsec / 1e9;
  return t;
}

Lap Stopwatch::lap() {
  Lap t = now();
  Lap elapsed{t.wall - last.wall, t.cpu - last.cpu};
  last = t;
  return elapsed;
}

void PhaseTimes::merge(const PhaseTimes &other) {
  for (unsigned i = 0; i < unsigned(Phase::Count); ++i)
    cpuSeconds[i] += other.cpuSeconds[i];
}

static void row(raw_ostream &os, StringRef name, double cpu, double wall,
                bool hasWall) {
  os << "  " << left_justify(name, 34) << format(" %10.4f", cpu);
  if (hasWall)
    os << format(" %10.4f", wall);
  else
    os << " " << right_justify("|", 10);
  os << "\n";
}

void wasmkiln::printTimeReport(raw_ostream &os, const PhaseTimes &t) {
  auto cpu = [&](Phase p) { return t.cpuSeconds[unsigned(p)]; };
  auto wall = [&](Phase p) { return t.wallSeconds[unsigned(p)]; };
  os << "===--- wasmkiln time report: " << t.wasmBytes << " bytes of wasm, "
     << t.parts << (t.parts == 1 ? " part" : " parts")
     << (t.cachedParts ? " (" + std::to_string(t.cachedParts) + " cached)"
                       : std::string())
     << " on " << t.threads
     << (t.threads == 1 ? " thread" : " threads") << " ---===\n";
  os << "  " << left_justify("phase", 34) << " " << right_justify("cpu (s)", 10)
     << " " << right_justify("wall (s)", 10) << "\n";
  row(os, "decode + validate module", cpu(Phase::DecodeValidate),
      wall(Phase::DecodeValidate), true);
  row(os, "IR generation (+ body validation)", cpu(Phase::IRGen), 0, false);
  row(os, "optimisation", cpu(Phase::Optimize), 0, false);
  row(os, "code generation", cpu(Phase::Codegen), 0, false);
  double parallel =
      cpu(Phase::IRGen) + cpu(Phase::Optimize) + cpu(Phase::Codegen);
  row(os, "  the three above (parallel)", parallel, t.parallelWallSeconds,
      true);
  row(os, "link", cpu(Phase::Link), wall(Phase::Link), true);
  double totalCPU = parallel + cpu(Phase::DecodeValidate) + cpu(Phase::Link);
  double totalWall =
      t.parallelWallSeconds + wall(Phase::DecodeValidate) + wall(Phase::Link);
  row(os, "total", totalCPU, totalWall, true);
  if (totalWall > 0 && totalCPU > 0)
    os << format("  throughput: %.3f MB of wasm per second of wall time, "
                 "%.3f per second of CPU time\n",
                 t.wasmBytes / 1e6 / totalWall, t.wasmBytes / 1e6 / totalCPU);
}
