//===- CrossPlan.h - Spec commands for a runner on another target -*- C++ -*-=//
//
// `wasmkiln-spec --aot --target=T --cross-dir=DIR FILE.json` cannot run code
// compiled for T (aarch64) in its own process. It decides on the host what
// needs no execution (assert_malformed, assert_invalid, module definitions,
// compile errors), compiles every other module into a shared object
// DIR/NAME.wasm.so for T, and writes DIR/plan.txt: the remaining commands,
// line-based, with argument values already turned into bit patterns.
// wasmkiln-spec-run (plain C, built for T, tools/wasmkiln-spec-run/) runs that
// plan under QEMU and prints the failures and its own closing counts;
// run_spec.py adds both.
//
// plan.txt, one command per line, tokens separated by one space. A string
// (file path, module name, field, register name, trap text) is "x" followed
// by its bytes in hex ("x" alone is empty), "-" when absent. Value texts are
// wast2json's (decimal bit patterns, nan:canonical, nan:arithmetic, null).
// SO is a plan string too: the shared object's file name in DIR.
//
//   wasmkiln-spec-plan 1 JSONPATH
//   spectest SO SYMBOL                      instantiate, register "spectest"
//   module LINE SO SYMBOL NAME              instantiate; the current module
//   nomodule LINE                           failed on the host: no current
//   register LINE NAME AS                   NAME "-": the current module
//   assert_unlinkable LINE SO SYMBOL TEXT
//   assert_uninstantiable LINE SO SYMBOL TEXT
//   TYPE LINE MODULE FIELD invoke|get TEXT NARGS ARG... all|either NEXP EXP...
//
// where TYPE is assert_return, action, assert_trap, assert_exhaustion or
// assert_exception, TEXT the expected trap text, ARG the 16 bytes of a
// wk_value in hex, and EXP "VALUETYPE LANETYPE NTEXTS TEXT..." (LANETYPE "-"
// for scalars; NTEXTS 0 when only the type is given, as in assert_trap);
// "either" means one result matching any EXP.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_SPEC_CROSSPLAN_H
#define WASMKILN_SPEC_CROSSPLAN_H

#include "SpecRunner.h"

#include "wasmkiln/driver/Compile.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace wasmkiln::spec {

class CrossPlanner {
public:
  /// \p tm emits PIC for the other target (createPICTargetMachine).
  CrossPlanner(llvm::TargetMachine &tm, CompileOptions options, std::string dir,
               llvm::raw_ostream &log)
      : tm(tm), options(std::move(options)), dir(std::move(dir)), log(log) {}

  /// Plans every command of \p jsonPath into dir/plan.txt; the commands
  /// decided here accumulate in counts().
  llvm::Error planFile(llvm::StringRef jsonPath);
  const Counts &counts() const { return total; }

private:
  struct Compiled {
    std::string error;        // empty: compiled into file
    std::string file, symbol; // file as a plan string
  };

  /// Into dir/SOURCE.so (SOURCE the .wasm file's name, for messages).
  Compiled compile(llvm::ArrayRef<uint8_t> bytes,
                   const CompileOptions &moduleOptions, llvm::StringRef source);
  Compiled compileFile(llvm::StringRef filename);
  void planCommand(const llvm::json::Object &command);
  void planModuleCheck(const llvm::json::Object &command, llvm::StringRef type,
                       llvm::StringRef filename);
  void planAction(const llvm::json::Object &command, llvm::StringRef type,
                  const llvm::json::Object &action);
  /// Appends " VALUETYPE LANETYPE NTEXTS TEXT..." to \p out; false if a
  /// text could not be written as a token.
  static bool appendExpected(std::string &out,
                             const llvm::json::Object &expected);

  void pass() { ++total.passed; }
  void skip() { ++total.skipped; }
  void fail(const llvm::json::Object &command, const llvm::Twine &message);

  llvm::TargetMachine &tm;
  CompileOptions options;
  std::string dir, jsonPath, baseDir;
  llvm::raw_ostream &log;
  std::string plan;
  unsigned moduleCount = 0;
  Counts total;
};

} // namespace wasmkiln::spec

#endif
