//===- IRGenInternal.h - Shared state of the IR generator -------*- C++ -*-===//
//
// Private to IRGen*.cpp. ModuleGen owns what is per module (LLVM types of
// wasm signatures, the declared functions, the instance area layout, runtime
// entry points); FuncEnv is the one seam that knows the instance layout and
// the runtime ABI (memory, globals, tables, indirect calls, traps) for the
// function translator. The generated init function (IRGenInit.cpp) is the
// other user of the layout: it walks tables of instance offsets instead.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_IRGENINTERNAL_H
#define WASMKILN_IRGENINTERNAL_H

#include "Emit.h"
#include "IRGenDebugInfo.h"
#include "LibcRoutines.h"
#include "wasmkiln/abi/RuntimeABI.h"
#include "wasmkiln/irgen/IRGen.h"
#include "wasmkiln/wasm/Module.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

#include <optional>
#include <string>
#include <vector>

namespace wasmkiln {

/// Offsets in the instance of the module-specific area (see docs/abi.md).
struct InstanceLayout {
  uint32_t funcImports = 0;      // wk_func *[numImportedFuncs]
  uint32_t funcs = 0;            // wk_func[numDefinedFuncs]
  uint32_t memories = 0;         // wk_memory *[numMemories]
  uint32_t tables = 0;           // wk_table *[numTables]
  uint32_t typeIds = 0;          // uint32_t[numTypes]
  uint32_t tags = 0;             // wk_tag *[numTags]
  std::vector<uint32_t> globals; // wk_value * (imported) or wk_value
  std::vector<uint32_t> elems;   // abi::ElemSegmentSlot
  std::vector<uint32_t> datas;   // abi::DataSegmentSlot
  uint32_t size = 0;
};

/// What every part of a module shares (IRGen.h, prepareIRGen).
struct IRGenModuleInfo {
  InstanceLayout layout;
  /// Human-readable name of every function (name section, export, f<i>).
  std::vector<std::string> displayNames;
  /// The LLVM name of every defined function (empty for imports).
  std::vector<std::string> symbolNames;
  /// By function index: exported.
  std::vector<bool> exported;
  /// `-g`: the module's DWARF, if it has any (IRGenDebugInfo.h).
  std::shared_ptr<const GuestDebugInfo> guestDebug;
  /// By function index, the wasi-libc routine it is (LibcRoutines.h).
  std::vector<LibcRoutine> libcRoutines;
};

/// Largest frame estimate of a function without calls that gets no stack
/// check (FuncEnv::emitStackCheck).
constexpr uint64_t MaxUncheckedLeafFrame = 1024;
/// Frames up to this size cannot wrap sp - frame below zero: no stack lies
/// in the lowest 64 KiB of the address space (vm.mmap_min_addr).
constexpr uint64_t MaxUnwrappedFrame = 64 * 1024;

/// Per-module state shared by all function translations.
class ModuleGen {
public:
  ModuleGen(const Module &wasm, llvm::Module &ir, const IRGenOptions &options,
            std::shared_ptr<const IRGenModuleInfo> info);

  const Module &wasm;
  llvm::Module &ir;
  llvm::LLVMContext &ctx;
  const IRGenOptions &options;
  /// The module's names and layout, shared with its other parts.
  const std::shared_ptr<const IRGenModuleInfo> info;
  const InstanceLayout &layout;
  /// info's displayNames.
  const llvm::ArrayRef<std::string> displayNames;

  /// Defined functions by function index (null for imports).
  std::vector<llvm::Function *> functions;
  /// Private constant byte arrays of the data segments.
  std::vector<llvm::GlobalVariable *> dataBytes;
  /// `-g` only: the part's debug metadata.
  std::unique_ptr<DebugInfoGen> debug;

  llvm::Type *ptrType() const;
  llvm::Type *getType(ValType type) const;
  /// The LLVM result type: void, the single type or a literal struct.
  llvm::Type *getResultType(const FuncType &type) const;
  /// `<ret>(ptr, params...)`: defined functions and host imports alike.
  llvm::FunctionType *getFunctionType(const FuncType &type) const;
  /// Declares (once) a runtime function of runtime.h, of \p type (from its
  /// C prototype); asserts that \p args match it.
  llvm::FunctionCallee getRuntimeFunction(llvm::StringRef name,
                                          llvm::FunctionType *type,
                                          llvm::ArrayRef<llvm::Value *> args);
  /// Calls the runtime.h function \p fn (WK_RUNTIME_FN) with \p args.
  template <typename Fn>
  llvm::CallInst *
  createRuntimeCall(llvm::IRBuilder<> &b, abi::RuntimeFn<Fn> fn,
                    abi::RuntimeArgs<abi::RuntimeFn<Fn>::arity> args) {
    return b.CreateCall(getRuntimeFunction(fn.name, fn.type(ctx), args.values),
                        args.values);
  }
  // Tail calls (IRGenTailCall.cpp, docs/abi.md "Tail calls").
  /// The module makes tail calls: every defined function has the tail-call
  /// convention (swifttailcc, the instance as swiftself), and the wk_func
  /// of a referenced one holds its C entry.
  bool tailCalls = false;
  /// Gives defined function \p f the convention of this module's functions.
  void setWasmConvention(llvm::Function *f) const;
  /// Whether functions of \p type return their results through a pointer:
  /// in a module with tail calls, results LLVM would return in memory (its
  /// musttail calls cannot demote a return) are stored to a buffer the
  /// caller passes as the last argument and a tail call forwards.
  bool returnsThroughPointer(const FuncType &type) const;
  /// The LLVM type of a defined function of \p type: getFunctionType, or
  /// `void(ptr, params..., ptr results)` if it returns through a pointer.
  llvm::FunctionType *getWasmFunctionType(const FuncType &type) const;
  /// Calls \p code, a function of \p type in the convention of this
  /// module's functions, with \p args (instance first); returns what a
  /// call of getFunctionType(type) would (the results, loaded from the
  /// buffer if they go through one). \p func is the calling function.
  llvm::Value *callWasmCode(llvm::IRBuilder<> &b, llvm::Function *caller,
                            llvm::Value *code, const FuncType &type,
                            llvm::ArrayRef<llvm::Value *> args) const;
  /// What the wk_func of defined function \p func calls: the function
  /// itself, or in a module with tail calls its C entry (created once).
  llvm::Function *getCEntry(uint32_t func);
  /// `[numDefinedFuncs x ptr]`: the tail-call-convention code of every
  /// referenced defined function (null for the others), indexed like the
  /// instance's wk_func array.
  llvm::GlobalVariable *getTailEntries();

  /// A private constant NUL-terminated string (deduplicated).
  llvm::Constant *getString(llvm::StringRef text);

  /// TBAA access tags of the two disjoint kinds of storage generated code
  /// touches: linear memories, and everything else (the instance, wk_memory,
  /// wk_table, wk_func, imported globals). Linear memory is a mapping of its
  /// own, so a store to it never changes a global, a memory's size or a
  /// table, and LLVM may keep those in registers across such stores.
  llvm::MDNode *tbaaMemory = nullptr;
  llvm::MDNode *tbaaRuntime = nullptr;

private:
  llvm::StringMap<llvm::Constant *> strings;
  llvm::DenseMap<uint32_t, llvm::Function *> cEntries;
  llvm::GlobalVariable *tailEntries = nullptr;
};

/// Emits everything that touches the instance or the runtime for one LLVM
/// function. The translator goes through it only.
class FuncEnv : public TrapSink {
public:
  FuncEnv(ModuleGen &mg, llvm::IRBuilder<> &b, llvm::Function *func,
          llvm::Value *instance, llvm::StringRef displayName);

  /// In the entry block: loads what stays fixed for the call (memory 0).
  void emitPrologue();
  /// Inserts, before \p entry's terminator (a branch to the body), the
  /// comparison of the stack pointer with the instance's stack limit.
  void emitStackCheck(llvm::BasicBlock *entry, uint64_t frameEstimate);

  // Traps.
  void trapIf(llvm::Value *cond, uint32_t kind) override;
  /// Terminates the current block with a jump to the trap of \p kind.
  void trap(uint32_t kind);
  /// A new block \p name that calls the runtime's noreturn \p callee
  /// (WK_RUNTIME_FN) with \p args.
  template <typename Fn>
  llvm::BasicBlock *
  createTrapCall(const llvm::Twine &name, abi::RuntimeFn<Fn> callee,
                 abi::RuntimeArgs<abi::RuntimeFn<Fn>::arity> args) {
    return createTrapCallTo(name, callee.name, callee.type(mg.ctx),
                            args.values);
  }
  /// Gives the call of \p trapBlock the current location if \p firstSite
  /// (the first that branches to it), else none.
  void attributeTrapSite(llvm::BasicBlock *trapBlock, bool firstSite);
  /// Branches to the block \p getTrapBlock returns if \p cond (unlikely),
  /// else continues in a new block \p contName (created first, so that the
  /// blocks keep their order when the trap block is new too).
  void branchToTrapIf(llvm::Value *cond,
                      llvm::function_ref<llvm::BasicBlock *()> getTrapBlock,
                      const llvm::Twine &contName = "cont");

  // Memory.
  /// Effective address of an access of \p width bytes, bounds-checked in
  /// explicit mode.
  llvm::Value *getAddress(const MemArg &mem, llvm::Value *index,
                          unsigned width);
  /// wk_memory.base of \p memory (it never moves).
  llvm::Value *memoryBase(uint32_t memory);
  llvm::Value *memorySize(uint32_t memory);
  llvm::Value *memoryGrow(uint32_t memory, llvm::Value *delta);
  void memoryFill(uint32_t memory, llvm::Value *dst, llvm::Value *value,
                  llvm::Value *n);
  void memoryCopy(uint32_t dstMem, uint32_t srcMem, llvm::Value *dst,
                  llvm::Value *src, llvm::Value *n);
  /// The fast path of a function recognised as \p routine (LibcRoutines.h)
  /// whose parameters are \p params: returns from the function when it
  /// applies, else continues in a new block, where the original body goes.
  void emitLibcFastPath(LibcRoutine routine,
                        llvm::ArrayRef<llvm::Value *> params, bool returnsDest);
  /// Whether [start64, start64 + n64) leaves \p memory, for zero-extended
  /// 32-bit operands, as a value: nothing traps.
  llvm::Value *rangeOutOfBounds(uint32_t memory, llvm::Value *start64,
                                llvm::Value *n64);
  void memoryInit(uint32_t memory, uint32_t segment, llvm::Value *dst,
                  llvm::Value *src, llvm::Value *n);
  void dataDrop(uint32_t segment);
  // Threads (IRGenAtomic.cpp).
  /// Traps "unaligned atomic" unless index + offset is a multiple of
  /// \p width (checked before the bounds, as the spec orders them).
  void checkAtomicAlignment(const MemArg &mem, llvm::Value *index,
                            unsigned width);
  /// memory.atomic.wait32/64 at \p addr (checked) of \p memory.
  llvm::Value *atomicWait(uint32_t memory, llvm::Value *addr,
                          llvm::Value *expected, llvm::Value *timeout);
  /// memory.atomic.notify at \p addr (checked) of \p memory.
  llvm::Value *atomicNotify(uint32_t memory, llvm::Value *addr,
                            llvm::Value *count);
  /// Sets the current size of a data segment (init).
  void setDataSize(uint32_t segment, uint32_t size);

  // Globals.
  llvm::Value *globalGet(uint32_t global);
  void globalSet(uint32_t global, llvm::Value *value);

  // Tables and references.
  llvm::Value *tableGet(uint32_t table, llvm::Value *index);
  void tableSet(uint32_t table, llvm::Value *index, llvm::Value *value);
  llvm::Value *tableSize(uint32_t table);
  llvm::Value *tableGrow(uint32_t table, llvm::Value *init, llvm::Value *delta);
  void tableFill(uint32_t table, llvm::Value *dst, llvm::Value *value,
                 llvm::Value *n);
  void tableCopy(uint32_t dstTable, uint32_t srcTable, llvm::Value *dst,
                 llvm::Value *src, llvm::Value *n);
  void tableInit(uint32_t table, uint32_t segment, llvm::Value *dst,
                 llvm::Value *src, llvm::Value *n);
  void elemDrop(uint32_t segment);
  /// Pointer to the items array of an element segment, and its count slot.
  llvm::Value *elemItems(uint32_t segment);
  llvm::Value *elemCountPtr(uint32_t segment);
  /// The wk_func * of function \p func.
  llvm::Value *funcRef(uint32_t func);

  // Calls. \p args exclude the instance; the result is the raw call result.
  llvm::Value *callImport(uint32_t func, llvm::ArrayRef<llvm::Value *> args);
  llvm::Value *callIndirect(uint32_t typeIndex, uint32_t table,
                            llvm::Value *index,
                            llvm::ArrayRef<llvm::Value *> args);
  /// call_ref: calls wk_func \p ref of type \p typeIndex, trapping if null
  /// (validation guarantees the type).
  llvm::Value *callRef(uint32_t typeIndex, llvm::Value *ref,
                       llvm::ArrayRef<llvm::Value *> args);

  /// Returns \p result (the results of the function's type, as a call of
  /// getFunctionType returns them) from the function, through its results
  /// pointer if it has one.
  void returnCallResult(llvm::Value *result);

  // Tail calls (IRGenTailCall.cpp). Each terminates the current block with
  // the call and a return of its result (the callee's results are the
  // caller's: the validator checked it).
  /// The mechanism: `musttail call` of \p code (tail-call convention, of
  /// \p type) with instance \p calleeInstance and \p args, then `ret`.
  void emitTailCall(llvm::Value *code, const FuncType &type,
                    llvm::Value *calleeInstance,
                    llvm::ArrayRef<llvm::Value *> args);
  /// Tail call of the (non-null) wk_func \p ref of type \p type: a real
  /// tail call when it is a function of this instance (\p ownInstance: known
  /// to be one), else a C call followed by a return.
  void tailCallFuncRef(llvm::Value *ref, const FuncType &type,
                       llvm::ArrayRef<llvm::Value *> args, bool ownInstance);
  void tailCallImport(uint32_t func, llvm::ArrayRef<llvm::Value *> args);
  /// Tail call of wk_func \p ref of unknown origin: a jump to its tail-call
  /// code with its instance when its module has one (wk_module.tail_code),
  /// else a C call followed by a return.
  void tailCallForeign(llvm::Value *ref, const FuncType &type,
                       llvm::ArrayRef<llvm::Value *> args);
  /// The tail-call code of wk_func \p ref, and its instance in
  /// \p calleeInstance; branches to \p none when it has none.
  llvm::Value *loadForeignTailCode(llvm::Value *ref, llvm::BasicBlock *none,
                                   llvm::Value *&calleeInstance);
  void tailCallIndirect(uint32_t typeIndex, uint32_t table, llvm::Value *index,
                        llvm::ArrayRef<llvm::Value *> args);

  /// Instance + \p offset.
  llvm::Value *fieldPtr(uint64_t offset);
  /// \p object + \p offset, for an abi:: offset into a runtime object.
  llvm::Value *fieldOf(llvm::Value *object, uint64_t offset);
  /// Loads and stores of runtime data (instance, wk_memory, wk_table,
  /// wk_func, imported globals), tagged ModuleGen::tbaaRuntime.
  llvm::LoadInst *loadRuntime(llvm::Type *type, llvm::Value *ptr,
                              const llvm::Twine &name = "");
  void storeRuntime(llvm::Value *value, llvm::Value *ptr);

private:
  llvm::Value *loadInvariant(llvm::Type *type, llvm::Value *ptr);
  llvm::Value *loadObjectPtr(uint64_t offset, uint64_t bytes, uint64_t align);
  /// The instance field at \p offset that points to a \p T.
  template <typename T> llvm::Value *loadObjectPtr(uint64_t offset) {
    return loadObjectPtr(offset, sizeof(T), alignof(T));
  }
  /// Calls the runtime.h function \p fn (WK_RUNTIME_FN) with \p args.
  template <typename Fn>
  llvm::Value *callRuntime(abi::RuntimeFn<Fn> fn,
                           abi::RuntimeArgs<abi::RuntimeFn<Fn>::arity> args) {
    return mg.createRuntimeCall(b, fn, args);
  }
  llvm::BasicBlock *createTrapCallTo(const llvm::Twine &name,
                                     llvm::StringRef callee,
                                     llvm::FunctionType *type,
                                     llvm::ArrayRef<llvm::Value *> args);
  llvm::Value *memoryPtr(uint32_t memory);
  /// The current size in bytes (i64) of \p memory.
  llvm::Value *
  memoryBytes(uint32_t memory,
              llvm::AtomicOrdering order = llvm::AtomicOrdering::Monotonic);
  void boundsCheck(uint32_t memory, llvm::Value *index64, uint64_t bytes);
  llvm::Value *getAddress64(const MemArg &mem, llvm::Value *index,
                            unsigned width);
  llvm::Value *tableOperand64(llvm::Value *v);
  llvm::Value *checkedRange(uint32_t memory, llvm::Value *start,
                            llvm::Value *n);
  llvm::Value *tablePtr(uint32_t table);
  llvm::Value *globalPtr(uint32_t global);
  /// The size of a table that cannot grow, known at compile time.
  std::optional<uint32_t> fixedTableSize(uint32_t table);
  void tableBoundsCheck(uint32_t table, llvm::Value *t, llvm::Value *index,
                        uint32_t kind);
  /// Address of element \p index of \p table (whose wk_table * is \p t).
  llvm::Value *tableSlot(uint32_t table, llvm::Value *t, llvm::Value *index);
  /// Whether \p table only holds null or this instance's own functions.
  bool isOwnFunctionTable(uint32_t table) const;
  /// The wk_func * of element \p index of \p table, after the checks of
  /// call_indirect: in bounds, not null, of type \p typeIndex.
  llvm::Value *loadIndirectCallee(uint32_t typeIndex, uint32_t table,
                                  llvm::Value *index);
  llvm::Value *callFuncRef(llvm::Value *funcRef, const FuncType &type,
                           llvm::ArrayRef<llvm::Value *> args);
  llvm::Value *callCode(llvm::Value *funcRef, llvm::Value *ctx,
                        const FuncType &type,
                        llvm::ArrayRef<llvm::Value *> args);
  llvm::BasicBlock *getTrapBlock(uint32_t kind);

  ModuleGen &mg;
  llvm::IRBuilder<> &b;
  llvm::Function *func;
  llvm::Value *instance;
  std::string displayName;
  llvm::Value *mem0Base = nullptr;
  llvm::Value *mem0 = nullptr;
  llvm::Value *table0Elements = nullptr; // when table 0 never grows
  llvm::DenseMap<uint32_t, llvm::BasicBlock *> trapBlocks;
};

// Exception handling (IRGenException.cpp).
/// Whether exceptions may unwind through the module's functions: then they
/// are not nounwind, so that they get unwind tables and their calls in try
/// blocks stay invokes. Modules without tags keep exactly their old code.
bool moduleMayUnwind(const Module &wasm);
/// The wk_tag * of tag \p tag of the function's instance.
llvm::Value *emitTagRef(ModuleGen &mg, FuncEnv &env, uint32_t tag);
/// wk_exception.tag of \p exn.
llvm::Value *emitExceptionTag(ModuleGen &mg, FuncEnv &env, llvm::Value *exn);
/// A new wk_exception of \p tag (a wk_tag *), payload zeroed.
llvm::Value *emitNewException(ModuleGen &mg, llvm::IRBuilder<> &b,
                              llvm::Value *tag);
/// The address of payload value \p i of \p exn (a wk_value slot).
llvm::Value *exceptionValuePtr(llvm::IRBuilder<> &b, llvm::Value *exn,
                               unsigned i);
/// wk_throw: noreturn and, alone among the runtime's functions, unwinding.
llvm::FunctionCallee getThrowFunction(ModuleGen &mg);
/// The personality routine of functions with landing pads.
llvm::Function *getPersonalityFunction(ModuleGen &mg);

/// Translates the body of defined function \p funcIndex into
/// mg.functions[funcIndex], validating it on the way.
llvm::Error translateFunction(ModuleGen &mg, uint32_t funcIndex);

// Backtraces (IRGenFrameInfo.cpp).
/// Places the function's wk_frame_info right before its entry (prefix data),
/// so that a backtrace recognises and names its frames.
void attachFrameInfo(ModuleGen &mg, uint32_t funcIndex);
/// Asynchronous unwind tables for every function defined in \p ir, so that
/// backtraces, gdb and perf walk through wasm frames. They change no code.
void addUnwindTables(llvm::Module &ir);

/// Generates `void init(ptr instance)` (IRGenInit.cpp): global initialisers,
/// element segment items, then active element and data segments in order,
/// as loops over constant tables whose code does not grow with the module.
llvm::Expected<llvm::Function *> createInitFunction(ModuleGen &mg);

/// Emits the wk_module descriptor (IRGenDescriptor.cpp). \p thunks holds the
/// entry thunk of every type index. Fails only if the LLVM struct layouts
/// disagree with runtime.h.
llvm::Error createDescriptor(ModuleGen &mg,
                             llvm::ArrayRef<llvm::Function *> thunks,
                             llvm::Function *init);

} // namespace wasmkiln

#endif
