//===- TimeReport.cpp - Phase times of one compilation --------------------===//
//
// Formats the --time-report table: one row per phase with the time summed
// over threads and the wall time, then the throughput in MB of wasm per
// second of wall time.
//
//===----------------------------------------------------------------------===//

#include "TimeReport.h"

#include "llvm/Support/Format.h"

using namespace llvm;
using namespace wasmkiln;

void PhaseTimes::merge(const PhaseTimes &other) {
  for (unsigned i = 0; i < unsigned(Phase::Count); ++i)
    threadSeconds[i] += other.threadSeconds[i];
}

static void row(raw_ostream &os, StringRef name, double thread, double wall,
                bool hasWall) {
  os << "  " << left_justify(name, 34) << format(" %10.4f", thread);
  if (hasWall)
    os << format(" %10.4f", wall);
  else
    os << " " << right_justify("|", 10);
  os << "\n";
}

void wasmkiln::printTimeReport(raw_ostream &os, const PhaseTimes &t) {
  auto thread = [&](Phase p) { return t.threadSeconds[unsigned(p)]; };
  auto wall = [&](Phase p) { return t.wallSeconds[unsigned(p)]; };
  os << "===--- wasmkiln time report: " << t.wasmBytes << " bytes of wasm, "
     << t.parts << (t.parts == 1 ? " part" : " parts") << " on " << t.threads
     << (t.threads == 1 ? " thread" : " threads") << " ---===\n";
  os << "  " << left_justify("phase", 34) << " "
     << right_justify("thread (s)", 10) << " " << right_justify("wall (s)", 10)
     << "\n";
  row(os, "decode + validate module", thread(Phase::DecodeValidate),
      wall(Phase::DecodeValidate), true);
  row(os, "IR generation (+ body validation)", thread(Phase::IRGen), 0, false);
  row(os, "optimisation", thread(Phase::Optimize), 0, false);
  row(os, "code generation", thread(Phase::Codegen), 0, false);
  double parallel =
      thread(Phase::IRGen) + thread(Phase::Optimize) + thread(Phase::Codegen);
  row(os, "  the three above (parallel)", parallel, t.parallelWallSeconds,
      true);
  row(os, "link", thread(Phase::Link), wall(Phase::Link), true);
  double totalThread =
      parallel + thread(Phase::DecodeValidate) + thread(Phase::Link);
  double totalWall =
      t.parallelWallSeconds + wall(Phase::DecodeValidate) + wall(Phase::Link);
  row(os, "total", totalThread, totalWall, true);
  if (totalWall > 0)
    os << format("  throughput: %.3f MB of wasm per second (wall)\n",
                 t.wasmBytes / 1e6 / totalWall);
}
