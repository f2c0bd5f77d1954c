//===- RuntimeABI.h - The runtime's layout, as the compiler sees it -*- C++
//-*-//
//
// Every offset, size and callee of runtime-lib/include/wasmkiln/runtime.h
// that generated code depends on, derived from the header itself (offsetof,
// sizeof, decltype), as wasmtime derives its VMOffsets: a change to
// runtime.h changes the generated code with it or fails to compile here.
// IR generation (irgen) and the passes that recognise its loads (passes)
// both take their numbers from this header and from nowhere else.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_ABI_RUNTIMEABI_H
#define WASMKILN_ABI_RUNTIMEABI_H

#include "wasmkiln/runtime.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Value.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace wasmkiln::abi {

// The compiler targets LP64 only (x86-64, aarch64): the host that builds it
// lays out the runtime's structs as the target does.
static_assert(sizeof(void *) == 8, "wasmkiln generates code for LP64 only");

/// Pointers in the instance's arrays (wk_func *, wk_memory *, wk_table *).
inline constexpr uint64_t PointerSize = sizeof(void *);

//===-- wk_instance ---------------------------------------------------------//
inline constexpr uint64_t InstanceMem0Base = offsetof(wk_instance, mem0_base);
inline constexpr uint64_t InstanceMem0 = offsetof(wk_instance, mem0);
inline constexpr uint64_t InstanceStackLimit =
    offsetof(wk_instance, stack_limit);
inline constexpr uint64_t InstanceInterrupt = offsetof(wk_instance, interrupt);
inline constexpr uint64_t InstanceFuel = offsetof(wk_instance, fuel);
inline constexpr uint64_t InstanceModule = offsetof(wk_instance, module);
inline constexpr uint64_t InstanceHeaderSize = WK_INSTANCE_HEADER_SIZE;
static_assert(sizeof(wk_instance) == WK_INSTANCE_HEADER_SIZE,
              "the module-specific area starts right after the header");

//===-- wk_memory, wk_table -------------------------------------------------//
inline constexpr uint64_t MemoryBase = offsetof(wk_memory, base);
inline constexpr uint64_t MemorySize = offsetof(wk_memory, size);
/// memory.size in pages is wk_memory.size >> PageShift.
inline constexpr unsigned PageShift = 16;
static_assert(uint64_t(1) << PageShift == WK_PAGE_SIZE);
inline constexpr uint64_t TableElements = offsetof(wk_table, elements);
inline constexpr uint64_t TableSize = offsetof(wk_table, size);

//===-- wk_func, wk_value ---------------------------------------------------//
inline constexpr uint64_t FuncSize = sizeof(wk_func);
inline constexpr uint64_t FuncAlign = alignof(wk_func);
inline constexpr uint64_t FuncCode = offsetof(wk_func, code);
inline constexpr uint64_t FuncCtx = offsetof(wk_func, ctx);
inline constexpr uint64_t FuncTypeId = offsetof(wk_func, type_id);
inline constexpr uint64_t FuncFlags = offsetof(wk_func, flags);
inline constexpr uint32_t FuncFlagWasm = WK_FUNC_WASM;
/// The entry thunks' argument and result array (wk_entry_fn's io).
inline constexpr uint64_t ValueSize = sizeof(wk_value);
inline constexpr uint64_t ValueAlign = alignof(wk_value);
/// wk_module.type_ids_offset: one canonical id per type.
inline constexpr uint64_t TypeIdSize = sizeof(uint32_t);

//===-- wk_module: what a tail call into another instance reads -------------//
inline constexpr uint64_t ModuleNumFuncs = offsetof(wk_module, num_funcs);
inline constexpr uint64_t ModuleFuncsOffset = offsetof(wk_module, funcs_offset);
inline constexpr uint64_t ModuleTailCode = offsetof(wk_module, tail_code);
static_assert(sizeof(wk_module::num_funcs) == 4 &&
                  sizeof(wk_module::funcs_offset) == 4 &&
                  sizeof(wk_func::flags) == 4,
              "generated code loads them as i32");

//===-- wk_frame_info: the prefix of every wasm function --------------------//
inline constexpr uint32_t FrameInfoMagic = WK_FRAME_INFO_MAGIC;
inline constexpr uint64_t FrameInfoSize = sizeof(wk_frame_info);
static_assert(offsetof(wk_frame_info, magic) == 0 &&
                  offsetof(wk_frame_info, func_index) == 4 &&
                  offsetof(wk_frame_info, name_offset) == 8 &&
                  offsetof(wk_frame_info, body_offset) == 12 &&
                  FrameInfoSize == 16,
              "attachFrameInfo emits the fields as four i32 in this order; "
              "16 bytes keep the entry aligned");

//===-- Exceptions: wk_tag, wk_exception ------------------------------------//
inline constexpr uint64_t ExceptionTag = offsetof(wk_exception, tag);
inline constexpr uint64_t ExceptionValues = offsetof(wk_exception, values);
/// The personality routine of functions with try blocks (runtime-lib/
/// exception.c; its prototype needs <unwind.h>, so runtime.h leaves it out).
inline constexpr const char *PersonalityName = "wk_personality";

//===-- The compiler's own areas of the instance (docs/abi.md) --------------//
/// An element segment's slot: its current length, then its items.
struct ElemSegmentSlot {
  uint32_t count;
  void *items[1];
};
inline constexpr uint64_t ElemSegmentCount = offsetof(ElemSegmentSlot, count);
inline constexpr uint64_t ElemSegmentItems = offsetof(ElemSegmentSlot, items);
inline constexpr uint64_t ElemSegmentAlign = alignof(ElemSegmentSlot);
/// A data segment's slot: its current length (0 after data.drop).
using DataSegmentSlot = uint32_t;

//===-- Runtime functions that generated code calls -------------------------//

/// The LLVM type of a C parameter or result type of runtime.h.
template <typename T, typename = void> struct LLVMTypeOf;
template <> struct LLVMTypeOf<void> {
  static llvm::Type *get(llvm::LLVMContext &c) {
    return llvm::Type::getVoidTy(c);
  }
};
template <typename T>
struct LLVMTypeOf<
    T, std::enable_if_t<std::is_integral_v<T> || std::is_enum_v<T>>> {
  static llvm::Type *get(llvm::LLVMContext &c) {
    return llvm::Type::getIntNTy(c, 8 * sizeof(T));
  }
};
template <typename T> struct LLVMTypeOf<T *> {
  static llvm::Type *get(llvm::LLVMContext &c) {
    return llvm::PointerType::getUnqual(c);
  }
};

/// A runtime function with its C prototype: the declaration generated code
/// calls is typed from the prototype, and a call with the wrong number of
/// arguments does not compile (RuntimeArgs).
template <typename Fn> struct RuntimeFn;
template <typename R, typename... Params> struct RuntimeFn<R(Params...)> {
  const char *name;
  static constexpr size_t arity = sizeof...(Params);
  static llvm::FunctionType *type(llvm::LLVMContext &c) {
    std::array<llvm::Type *, arity> params{LLVMTypeOf<Params>::get(c)...};
    return llvm::FunctionType::get(LLVMTypeOf<R>::get(c), params, false);
  }
};

template <typename R, typename... Params>
constexpr RuntimeFn<R(Params...)> runtimeFn(R (*)(Params...),
                                            const char *name) {
  return {name};
}

/// The arguments of a call to a runtime function of \p N parameters,
/// written as a braced list (evaluated left to right, unlike a function's
/// arguments); a list of another length does not compile.
template <size_t N> struct RuntimeArgs {
  template <typename... V,
            typename = std::enable_if_t<
                sizeof...(V) == N &&
                (std::is_convertible_v<V, llvm::Value *> && ...)>>
  RuntimeArgs(V... v) : values{v...} {}
  std::array<llvm::Value *, N> values;
};

} // namespace wasmkiln::abi

/// The runtime.h function \p fn as an abi::RuntimeFn. Deduced from a
/// pointer to it, which drops attributes such as noreturn (part of the
/// function's type for clang).
#define WK_RUNTIME_FN(fn) (::wasmkiln::abi::runtimeFn(&fn, #fn))

#endif
