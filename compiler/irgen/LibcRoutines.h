//===- LibcRoutines.h - wasi-libc routines compiled natively ----*- C++ -*-===//
//
// wasi-libc's memcpy, memmove and memset are musl's portable C: word and
// byte loops in wasm. A defined function whose body is byte for byte one of
// the builds listed in LibcRoutines.def (call targets compared by what they
// are, not by index) gets a native fast path: when every byte it touches
// is in bounds (and, for memcpy, the ranges are disjoint) it is one call of
// LLVM's memcpy/memmove/memset, which give exactly the wasm result then;
// otherwise the original body runs and traps exactly where it would. Names
// play no part: a function is what its body is.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_IRGEN_LIBCROUTINES_H
#define WASMKILN_IRGEN_LIBCROUTINES_H

#include "wasmkiln/wasm/Module.h"

#include <cstdint>
#include <vector>

namespace wasmkiln {

enum class LibcRoutine : uint8_t {
  None,
#define LIBC_ROUTINE(Name) Name,
#include "LibcRoutines.def"
};

/// By function index, the routine each defined function is (None for the
/// others and for imports). Only for a module whose memory 0 is a 32-bit,
/// unshared memory of 64 KiB pages.
std::vector<LibcRoutine> recogniseLibcRoutines(const Module &module);

/// The fingerprint LibcRoutines.def lists for function \p funcIndex, in
/// hex; empty for a function that cannot be one (for the table's generator).
std::string libcFingerprint(const Module &module, uint32_t funcIndex);

} // namespace wasmkiln

#endif
