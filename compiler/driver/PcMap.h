//===- PcMap.h - Native pc -> wasm location table for backtraces -*- C++ -*-===//
//
// Private to the driver. The last machine pass before the AsmPrinter: it
// gives every call, and in guard mode every linear-memory access, of a wasm
// function an entry that says which wasm instruction (and source line, and
// inlined frames) it belongs to, taken from the instruction's DebugLoc (IR
// generation gives every instruction one; see irgen's IRGenDebugInfo.h).
// A handler of the AsmPrinter writes the table runtime.h describes
// (WK_PC_MAP_SECTION). Running after every other pass,
// and adding only labels, it changes no instruction.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_DRIVER_PCMAP_H
#define WASMKILN_DRIVER_PCMAP_H

namespace llvm {
class AsmPrinter;
namespace legacy {
class PassManager;
} // namespace legacy
} // namespace llvm

namespace wasmkiln {

/// Adds the pass to \p pm, to run right before \p printer (added after it),
/// and the writer of the tables to \p printer.
void addPcMap(llvm::legacy::PassManager &pm, llvm::AsmPrinter &printer);

} // namespace wasmkiln

#endif
