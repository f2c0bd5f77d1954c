//===- TableAnalysis.h - Which tables hold only the module's own functions ===//
//
// A call_indirect must call its callee with the callee's instance, which
// generated code loads from the table entry (wk_func.ctx). When a table can
// only ever hold null or functions defined by this module, that instance is
// the caller's own: passing the caller's instance pointer instead lets the
// callee's loads start before the dispatch's chain of loads (index, entry,
// code pointer) has resolved. On a dispatch loop that is a factor of three.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TABLEANALYSIS_H
#define WASMKILN_TABLEANALYSIS_H

#include "wasmkiln/wasm/Module.h"

#include <vector>

namespace wasmkiln {

/// For every table of \p module, whether each of its elements is always
/// null or a function defined in \p module: the table is defined, not
/// exported (so the host cannot write it), every element segment names only
/// defined functions or null, and no function body writes it with
/// table.set, table.fill, table.grow or a table.copy from another table.
/// Scans the function bodies; a body that does not decode makes every
/// answer false (validation reports it later).
std::vector<bool> findOwnFunctionTables(const Module &module);

} // namespace wasmkiln

#endif
