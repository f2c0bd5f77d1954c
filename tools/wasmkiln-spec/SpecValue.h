//===- SpecValue.h - Values of the spec tests' JSON commands ----*- C++ -*-===//
//
// Parsing wast2json's argument and expected-result values into wk_values,
// comparing results (NaN classes, per-lane v128 expectations, references)
// and printing them for failure messages.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_SPEC_SPECVALUE_H
#define WASMKILN_SPEC_SPECVALUE_H

#include "wasmkiln/runtime.h"

#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <string>

namespace wasmkiln::spec {

/// Externref N of the tests is the host pointer N + 1 (null stays null).
void *externRef(uint64_t n);

/// Parses an argument value ({"type": "i32", "value": "1"}, ...).
llvm::Expected<wk_value> parseValue(const llvm::json::Object &value);

/// True when \p got satisfies the expected value \p expected.
bool matches(const llvm::json::Object &expected, const wk_value &got);

/// How many results an assert_return command expects: its "expected" values,
/// or one when it lists alternatives in "either" (the 3.0 suite's relaxed
/// SIMD files: any one of them is right).
size_t expectedResultCount(const llvm::json::Object &command);

/// True when \p got satisfies one of the alternatives of an "either" array
/// (each compared as by matches, so v128 per lane).
bool matchesEither(const llvm::json::Array &alternatives, const wk_value &got);

/// Prints \p value in the shape the expectation \p like describes.
std::string formatValue(const llvm::json::Object &like, const wk_value &value);
/// Prints an expectation as written in the JSON.
std::string formatExpected(const llvm::json::Object &expected);

} // namespace wasmkiln::spec

#endif
