//===- CodegenFuzzer.cpp - libFuzzer: IR generation + codegen -------------===//
//
// For every input that decodes and validates: generate IR (generateIR runs
// llvm::verifyModule and returns its complaint as an error, which is a bug
// here: a valid module must always give valid IR), optimise at -O1 and emit
// an x86-64 object into memory. Nothing is executed. The one error allowed
// after validation is the IR budget's "function N too large to compile"
// (an implementation limit that bounds compile time and memory).
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Codegen.h"
#include "wasmkiln/irgen/IRGen.h"
#include "wasmkiln/wasm/Decoder.h"
#include "wasmkiln/wasm/Error.h"
#include "wasmkiln/wasm/Validator.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace wasmkiln;

static llvm::TargetMachine *getTargetMachine(const CodegenOptions &options) {
  static std::unique_ptr<llvm::TargetMachine> tm = [&] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    auto created = createTargetMachine(options);
    if (!created) {
      llvm::errs() << "CodegenFuzzer: " << llvm::toString(created.takeError())
                   << "\n";
      abort();
    }
    return std::move(*created);
  }();
  return tm.get();
}

// A module that validated must compile: any error from here on is a bug, and
// aborting makes libFuzzer save the input.
static void checkNoError(llvm::Error err, const char *phase) {
  if (!err)
    return;
  llvm::errs() << "CodegenFuzzer: " << phase << " failed on a valid module: "
               << llvm::toString(std::move(err)) << "\n";
  abort();
}

// Consumes the IR generator's implementation limit on the size of a function
// (IRGenFunction.cpp, IR budget), which a valid module may hit; passes any
// other error on.
static llvm::Error ignoreFunctionTooLarge(llvm::Error err) {
  return llvm::handleErrors(std::move(err),
                            [](std::unique_ptr<WasmError> e) -> llvm::Error {
                              if (e->getKind() == WasmError::ImplLimit &&
                                  llvm::StringRef(e->getMessage())
                                      .contains(" too large to compile: "))
                                return llvm::Error::success();
                              return llvm::Error(std::move(e));
                            });
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  auto module = decodeModule(llvm::ArrayRef<uint8_t>(data, size));
  if (!module) {
    llvm::consumeError(module.takeError());
    return 0;
  }
  if (llvm::Error err = validateModule(**module)) {
    llvm::consumeError(std::move(err));
    return 0;
  }
  if (llvm::Error err = validateFunctionBodies(**module)) {
    llvm::consumeError(std::move(err));
    return 0;
  }

  CodegenOptions options;
  options.optLevel = 1;
  llvm::TargetMachine *tm = getTargetMachine(options);
  llvm::LLVMContext context;
  // Alternate the bounds-check mode by input so both paths are covered.
  IRGenOptions irOptions;
  irOptions.boundsChecks =
      size % 2 ? BoundsChecks::Explicit : BoundsChecks::Guard;
  auto ir = generateIR(**module, context, irOptions);
  if (!ir) {
    llvm::Error err = ignoreFunctionTooLarge(ir.takeError());
    if (!err)
      return 0;
    checkNoError(std::move(err), "generateIR");
  }
  optimizeModule(**ir, *tm, options);
  llvm::SmallVector<char, 0> object;
  llvm::raw_svector_ostream out(object);
  checkNoError(emitModule(**ir, *tm, EmitKind::Object, out), "emitModule");
  return 0;
}
