//===- Trace.h - Transcripts in the format of wabt's spectest-interp -*- C++
//-*-//
//
// With --trace, wasmkiln-spec prints what every action did instead of judging
// it: "name(args) => results" or "name(args) => error: message", and one
// "called host spectest.print_i32(i32:5) =>" line per call of a spectest
// print function, in the exact format wabt's spectest-interp uses for the
// same commands (floats as printf "%f", v128 as four hex i32 lanes). The
// differential fuzzer (test/fuzz/differential.py) compares the two texts.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_SPEC_TRACE_H
#define WASMKILN_SPEC_TRACE_H

#include "wasmkiln/runtime.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace wasmkiln::spec {

/// One value as spectest-interp prints it ("i32:5", "f32:1.500000", ...);
/// \p type is the JSON value type ("i32", "v128", "funcref", ...).
std::string formatTraceValue(llvm::StringRef type, const wk_value &value);

/// Resolves spectest.print* to host functions that print a host-call line
/// to \p log. Returns false for any other import.
bool resolveTracePrint(const wk_import_desc &import, llvm::raw_ostream &log,
                       wk_extern &out);

} // namespace wasmkiln::spec

#endif
