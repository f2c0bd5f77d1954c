//===- PcMap.h - Native pc -> wasm location tables for backtraces -*- C++ -*-===//
//
// Private to the driver. The last machine pass before the AsmPrinter: it
// gives every call, and in guard mode every linear-memory access, of a wasm
// function an LLVM !pcsections entry that says which wasm instruction (and
// source line, and inlined frames) it belongs to, taken from the
// instruction's DebugLoc (IR generation gives every instruction one; see
// irgen's IRGenDebugInfo.h). The AsmPrinter then writes the tables
// runtime.h describes (WK_PC_MAP_SECTION, WK_PC_FUNCS_SECTION). Running
// after every other pass, it changes no instruction.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_DRIVER_PCMAP_H
#define WASMKILN_DRIVER_PCMAP_H

namespace llvm {
class MachineFunctionPass;
} // namespace llvm

namespace wasmkiln {

llvm::MachineFunctionPass *createPcMapPass();

} // namespace wasmkiln

#endif
