//===- TailCallAnalysis.h - Whether a module makes tail calls ---*- C++ -*-===//
//
// A module whose bodies contain return_call or return_call_indirect compiles
// every defined function with a calling convention that guarantees tail
// calls (swifttailcc: docs/abi.md, "Tail calls"); every other module keeps
// the C convention and exactly the code it had before tail calls existed.
// The choice is per module because all callers of a function must agree on
// it, across the parts of a split module too, so it is made before IR
// generation from a quick read of the bodies.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TAILCALLANALYSIS_H
#define WASMKILN_TAILCALLANALYSIS_H

#include "wasmkiln/wasm/Module.h"
#include "wasmkiln/wasm/Opcode.h"

namespace wasmkiln {

/// Whether an instruction of a body of \p module is a tail call. Bodies
/// without a byte that could encode one are not decoded at all; a body that
/// does not decode counts as far as it decodes (validation reports it).
bool findTailCalls(const Module &module);

/// Whether \p op is a tail call (return_call, return_call_indirect).
bool isTailCall(Opcode op);

} // namespace wasmkiln

#endif
