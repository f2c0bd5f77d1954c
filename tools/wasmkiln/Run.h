//===- Run.h - `wasmkiln run`: execute a module with the JIT ----*- C++ -*-===//
#ifndef WASMKILN_TOOLS_RUN_H
#define WASMKILN_TOOLS_RUN_H

#include "wasmkiln/driver/Compile.h"

#include <string>
#include <vector>

namespace wasmkiln {

struct RunRequest {
  std::string input;                   // the .wasm or .wat file
  std::vector<std::string> args;       // program arguments (after the file)
  std::string invoke;                  // export to call instead of _start
  std::string grants;                  // WASI grants, docs/wasi.md format
  std::string limits;                  // resource limits, wk_parse_limits
  CompileOptions options;
};

/// Compiles and runs; returns the process exit status.
int runModule(const RunRequest &request);

} // namespace wasmkiln

#endif
