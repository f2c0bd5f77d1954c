//===- SpecRunner.h - Executes wast2json command files ----------*- C++ -*-===//
//
// Runs the commands of one spec test (the JSON that wabt's wast2json writes)
// against wasmkiln: modules are compiled by a ModuleLoader (ORC JIT or the AOT
// pipeline) and instantiated with the runtime library; actions are invoked
// through wk_invoke, traps are caught and compared with the expected message.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_SPEC_SPECRUNNER_H
#define WASMKILN_SPEC_SPECRUNNER_H

#include "ModuleLoader.h"

#include "wasmkiln/runtime.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace wasmkiln::spec {

struct Counts {
  unsigned passed = 0, failed = 0, skipped = 0;
};

class SpecRunner {
public:
  SpecRunner(ModuleLoader &loader, CompileOptions options,
             llvm::raw_ostream &log)
      : loader(loader), options(std::move(options)), log(log) {}
  ~SpecRunner();

  /// Runs every command of \p jsonPath; results accumulate in counts().
  llvm::Error runFile(llvm::StringRef jsonPath);
  const Counts &counts() const { return total; }
  /// Print a spectest-interp style transcript of every action (Trace.h)
  /// instead of checking expectations.
  void setTrace(bool on) { trace = on; }
  /// wk_instantiate_options.max_stack_bytes of every instance (0: none).
  void setMaxStack(uint64_t bytes) { maxStack = bytes; }

private:
  struct Outcome; // of instantiating a module file

  void runCommand(const llvm::json::Object &command);
  /// Compiles \p filename and, unless \p instantiate is false (3.0's
  /// `module definition`), instantiates it.
  Outcome loadModule(llvm::StringRef filename, bool instantiate = true);
  /// Invokes or reads the action; returns the trap (WK_TRAP_NONE if none)
  /// and fills \p results, or an error string in \p error.
  wk_trap runAction(const llvm::json::Object &action,
                    std::vector<wk_value> &results, size_t numResults,
                    std::string &error);
  wk_instance *findInstance(const llvm::json::Object &action,
                            std::string &error);
  void traceAction(const llvm::json::Object &command,
                   const llvm::json::Object &action);
  void checkResults(const llvm::json::Object &command,
                    const std::vector<wk_value> &results);
  /// An assert_return with "either": one result, any alternative.
  void checkEither(const llvm::json::Object &command,
                   const llvm::json::Array &alternatives,
                   const wk_value &result);

  void pass() { ++total.passed; }
  void skip() { ++total.skipped; }
  void fail(const llvm::json::Object &command, const llvm::Twine &message);

  static int resolveImport(void *user, const wk_import_desc *import,
                           wk_extern *out);

  ModuleLoader &loader;
  CompileOptions options;
  llvm::raw_ostream &log;
  Counts total;
  bool trace = false;
  uint64_t maxStack = 0;
  std::string jsonPath, baseDir;

  std::vector<wk_instance *> instances; // owned, freed at the end
  wk_instance *current = nullptr;
  llvm::StringMap<wk_instance *> named;      // "$M" -> instance
  llvm::StringMap<wk_instance *> registered; // import name -> instance
};

} // namespace wasmkiln::spec

#endif
