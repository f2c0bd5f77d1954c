//===- SpectestModule.h - The spec tests' "spectest" host module -*- C++ -*-=//
//
// The spec tests import print functions, globals, a table and a memory from
// a module named "spectest". wasmkiln provides it as a small wasm module of
// its own, compiled like any other, so no runtime internals are needed.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_SPEC_SPECTESTMODULE_H
#define WASMKILN_SPEC_SPECTESTMODULE_H

#include <cstdint>
#include <vector>

namespace wasmkiln::spec {

/// The binary of: print, print_i32, print_i64, print_f32, print_f64,
/// print_i32_f32, print_f64_f64 (no-ops), table (10..20 funcref), memory
/// (1..2 pages), global_i32 = 666, global_i64 = 666, global_f32 = 666.6,
/// global_f64 = 666.6.
std::vector<uint8_t> buildSpectestModule();

} // namespace wasmkiln::spec

#endif
