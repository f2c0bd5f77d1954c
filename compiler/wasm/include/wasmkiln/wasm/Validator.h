//===- Validator.h - WebAssembly validation ---------------------*- C++ -*-===//
//
// Module-level validation (index spaces, limits, constant expressions,
// exports, start, segments) and the spec's function-body algorithm: a typed
// operand stack and a control stack, with the polymorphic stack after
// unreachable, br, br_table and return. FunctionValidator checks one
// instruction at a time so that IR generation can run in the same pass.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_VALIDATOR_H
#define WASMKILN_VALIDATOR_H

#include "wasmkiln/wasm/Instr.h"
#include "wasmkiln/wasm/Module.h"

#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <memory>

namespace wasmkiln {

/// Everything but function bodies.
llvm::Error validateModule(const Module &module);

class FunctionValidator {
public:
  /// \p funcIndex indexes the function index space (a defined function).
  FunctionValidator(const Module &module, uint32_t funcIndex);
  ~FunctionValidator();

  /// Checks \p instr against the current state and applies it.
  llvm::Error validate(const Instr &instr);
  /// After the body's last instruction: the control stack must be empty.
  /// \p endOffset is the offset just past the body.
  llvm::Error finish(size_t endOffset);
  /// The features of the instructions validated so far.
  FeatureSet usedFeatures() const;

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

/// Reads the body of defined function \p funcIndex with BodyReader, validates
/// each instruction and then hands it to \p onValid (the IR generator's
/// hook; a no-op for plain validation), and checks the body's end. This is
/// the one pass that decodes, validates and lowers a function. The body's
/// features are added to \p used if given.
llvm::Error
walkFunctionBody(const Module &module, uint32_t funcIndex,
                 llvm::function_ref<llvm::Error(const Instr &)> onValid,
                 FeatureSet *used = nullptr);

/// Validates every function body of \p module (module-level validation
/// must have passed), adding the features they use to \p used if given.
llvm::Error validateFunctionBodies(const Module &module,
                                   FeatureSet *used = nullptr);

} // namespace wasmkiln

#endif
