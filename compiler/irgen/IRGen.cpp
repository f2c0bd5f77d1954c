//===- IRGen.cpp - WebAssembly module to LLVM module ----------------------===//
//
// The module level of the IR generator: declares one LLVM function per wasm
// function, lays out the instance area, translates the bodies
// (IRGenFunction.cpp), and emits the entry thunks, the init function
// (IRGenInit.cpp) and the wk_module descriptor (IRGenDescriptor.cpp).
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/irgen/IRGen.h"
#include "IRGenInternal.h"
#include "wasmkiln/passes/LoopAddressing.h"
#include "wasmkiln/wasm/Error.h"

#include "wasmkiln/runtime.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace wasmkiln;

// For tools/libc-fingerprints.py, which lists known routine builds.
static cl::opt<bool> PrintLibcFingerprints(
    "wasmkiln-print-libc-fingerprints", cl::Hidden,
    cl::desc("Print the fingerprint of every function that could be a "
             "wasi-libc routine (LibcRoutines.def)"));

//===-- Names -------------------------------------------------------------===//

static void mangleInto(std::string &out, StringRef text) {
  static const char hex[] = "0123456789ABCDEF";
  for (unsigned char c : text) {
    if (llvm::isAlnum(c) || c == '_') {
      out += char(c);
    } else {
      out += '_';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

std::string wasmkiln::getImportSymbolName(StringRef module, StringRef field) {
  std::string name = "wkimport_";
  mangleInto(name, module);
  name += "__";
  mangleInto(name, field);
  return name;
}

std::string wasmkiln::getDescriptorSymbolName(StringRef name) {
  return ("wasmkiln_module_" + name).str();
}

std::string wasmkiln::sanitizeIdentifier(StringRef name) {
  std::string out;
  for (unsigned char c : name)
    out += llvm::isAlnum(c) || c == '_' ? char(c) : '_';
  if (out.empty() || llvm::isDigit(out[0]))
    out.insert(out.begin(), '_');
  return out;
}

/// Printable ASCII except quotes and backslashes, which LLVM would escape.
static std::string sanitizeFunctionName(StringRef name) {
  std::string out;
  // '@' would read as a symbol version to linkers ("f@V" is f of version V).
  for (unsigned char c : name)
    out += c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '@' ? char(c)
                                                                     : '_';
  return out.empty() ? "_" : out;
}

//===-- ModuleGen ---------------------------------------------------------===//

ModuleGen::ModuleGen(const wasmkiln::Module &wasm, llvm::Module &ir,
                     const IRGenOptions &options,
                     std::shared_ptr<const IRGenModuleInfo> moduleInfo)
    : wasm(wasm), ir(ir), ctx(ir.getContext()), options(options),
      info(std::move(moduleInfo)), layout(info->layout),
      displayNames(info->displayNames) {
  MDBuilder md(ctx);
  MDNode *root = md.createTBAARoot("wasmkiln");
  MDNode *memory = md.createTBAAScalarTypeNode(LinearMemoryTBAA, root);
  MDNode *runtime = md.createTBAAScalarTypeNode("runtime", root);
  tbaaMemory = md.createTBAAStructTagNode(memory, memory, 0);
  tbaaRuntime = md.createTBAAStructTagNode(runtime, runtime, 0);
  if (options.boundsChecks == BoundsChecks::Guard)
    ir.getOrInsertNamedMetadata(GuardPagesMetadata);
  if (!wasm.memories.empty() && wasm.memories[0].shared)
    ir.getOrInsertNamedMetadata(SharedMemory0Metadata);
}

Type *ModuleGen::ptrType() const { return PointerType::get(ctx, 0); }

Type *ModuleGen::getType(ValType type) const { return getValueType(ctx, type); }

Type *ModuleGen::getResultType(const FuncType &type) const {
  if (type.results.empty())
    return Type::getVoidTy(ctx);
  if (type.results.size() == 1)
    return getType(type.results[0]);
  SmallVector<Type *, 4> fields;
  for (ValType t : type.results)
    fields.push_back(getType(t));
  return StructType::get(ctx, fields);
}

FunctionType *ModuleGen::getFunctionType(const FuncType &type) const {
  SmallVector<Type *, 8> params{ptrType()};
  for (ValType t : type.params)
    params.push_back(getType(t));
  return FunctionType::get(getResultType(type), params, false);
}

FunctionCallee ModuleGen::getRuntimeFunction(StringRef name, FunctionType *type,
                                             ArrayRef<Value *> args) {
  assert(type->getNumParams() == args.size() &&
         all_of(enumerate(args),
                [&](auto arg) {
                  return arg.value()->getType() ==
                         type->getParamType(arg.index());
                }) &&
         "arguments do not match the runtime.h prototype");
  FunctionCallee callee = ir.getOrInsertFunction(name, type);
  if (auto *f = dyn_cast<Function>(callee.getCallee()))
    f->setDoesNotThrow();
  return callee;
}

Constant *ModuleGen::getString(StringRef text) {
  Constant *&str = strings[text];
  if (!str) {
    Constant *init = ConstantDataArray::getString(ctx, text);
    auto *gv = new GlobalVariable(ir, init->getType(), true,
                                  GlobalValue::PrivateLinkage, init, ".str");
    gv->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
    gv->setAlignment(Align(1));
    str = gv;
  }
  return str;
}

//===-- Layout and declarations -------------------------------------------===//

static Expected<InstanceLayout> computeLayout(const wasmkiln::Module &wasm) {
  InstanceLayout l;
  uint64_t off = abi::InstanceHeaderSize;
  l.funcImports = uint32_t(off);
  off += abi::PointerSize * wasm.numImportedFuncs;
  l.funcs = uint32_t(alignTo(off, abi::FuncAlign));
  off = l.funcs + abi::FuncSize * (wasm.funcs.size() - wasm.numImportedFuncs);
  l.memories = uint32_t(off);
  off += abi::PointerSize * wasm.memories.size();
  l.tables = uint32_t(off);
  off += abi::PointerSize * wasm.tables.size();
  l.typeIds = uint32_t(off);
  off += abi::TypeIdSize * wasm.types.size();
  off = alignTo(off, abi::PointerSize);
  l.tags = uint32_t(off);
  off += abi::PointerSize * wasm.tags.size();
  // A defined global is a wk_value; an imported one a pointer to its owner's.
  for (size_t i = 0; i < wasm.globals.size(); ++i) {
    bool imported = i < wasm.numImportedGlobals;
    uint64_t size = imported ? abi::PointerSize : abi::ValueSize;
    off = alignTo(off, imported ? alignof(void *) : abi::ValueAlign);
    l.globals.push_back(uint32_t(off));
    off += size;
  }
  for (const ElemSegment &seg : wasm.elems) {
    off = alignTo(off, abi::ElemSegmentAlign);
    l.elems.push_back(uint32_t(off));
    off += abi::ElemSegmentItems + abi::PointerSize * seg.items.size();
    if (off > UINT32_MAX)
      break;
  }
  for (size_t i = 0; i < wasm.datas.size(); ++i) {
    off = alignTo(off, alignof(abi::DataSegmentSlot));
    l.datas.push_back(uint32_t(off));
    off += sizeof(abi::DataSegmentSlot);
  }
  off = alignTo(off, abi::ValueAlign);
  if (off > UINT32_MAX)
    return makeError(WasmError::ImplLimit, 0,
                     "the instance would exceed 4 GiB");
  l.size = uint32_t(off);
  return l;
}

/// Name section, else the first export name, else f<index>.
static std::vector<std::string>
computeDisplayNames(const wasmkiln::Module &wasm) {
  std::vector<std::string> names(wasm.funcs.size());
  for (const Export &exp : wasm.exports)
    if (exp.kind == ExternKind::Func && exp.index < names.size() &&
        names[exp.index].empty())
      names[exp.index] = exp.name;
  for (auto &entry : wasm.funcNames)
    if (entry.first < names.size() && !entry.second.empty())
      names[entry.first] = entry.second;
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i].empty())
      names[i] = "f" + std::to_string(i);
  return names;
}

/// Whether function \p func of a split module needs a symbol shared between
/// the parts: it is defined in another part, a call in another part names
/// it, or the descriptor (in the first part) holds its code. The others
/// stay internal: when every function of a part was external, LLVM kept and
/// compiled every body of a chain of calls it had inlined into its head
/// (100,000 functions calling the next took 72 s; issue 26 item 2).
static bool needsPartSymbol(const wasmkiln::Module &wasm, const IRGenPart &part,
                            uint32_t func) {
  if (!part.defines(func))
    return true;
  if (part.calledFromOtherParts.empty() || part.calledFromOtherParts[func])
    return true;
  return wasm.isReferenced(func);
}

/// The LLVM name of every defined function: "wasm:<module>:<name>", made
/// unique with ".<n>" in function order.
static std::vector<std::string>
computeSymbolNames(const wasmkiln::Module &wasm,
                   ArrayRef<std::string> displayNames,
                   const IRGenOptions &options) {
  std::vector<std::string> names(wasm.funcs.size());
  StringSet<> used;
  for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i) {
    std::string base = "wasm:" + options.moduleName + ":" +
                       sanitizeFunctionName(displayNames[i]);
    std::string name = base;
    for (unsigned n = 1; !used.insert(name).second; ++n)
      name = base + "." + std::to_string(n);
    names[i] = std::move(name);
  }
  return names;
}

Expected<std::shared_ptr<const IRGenModuleInfo>>
wasmkiln::prepareIRGen(const wasmkiln::Module &wasm,
                       const IRGenOptions &options,
                       const WarningHandler &warn) {
  auto info = std::make_shared<IRGenModuleInfo>();
  auto layout = computeLayout(wasm);
  if (!layout)
    return layout.takeError();
  info->layout = std::move(*layout);
  info->displayNames = computeDisplayNames(wasm);
  info->symbolNames = computeSymbolNames(wasm, info->displayNames, options);
  info->exported.assign(wasm.funcs.size(), false);
  for (const Export &exp : wasm.exports)
    if (exp.kind == ExternKind::Func && exp.index < wasm.funcs.size())
      info->exported[exp.index] = true;
  if (options.debugInfo)
    info->guestDebug = readGuestDebugInfo(wasm, warn);
  // Fuel counts the bodies' loop iterations: a fast path would change it.
  info->libcRoutines = options.interruptChecks == InterruptChecks::Fuel
                           ? std::vector<LibcRoutine>(wasm.funcs.size())
                           : recogniseLibcRoutines(wasm);
  if (PrintLibcFingerprints)
    for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i) {
      std::string print = libcFingerprint(wasm, i);
      if (!print.empty())
        errs() << print << ' ' << info->displayNames[i] << '\n';
    }
  return info;
}

static void declareFunctions(ModuleGen &mg, const IRGenPart &part) {
  const wasmkiln::Module &wasm = mg.wasm;
  mg.functions.assign(wasm.funcs.size(), nullptr);
  for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i) {
    // An indirect tail call may reach any referenced function
    // (ModuleGen::getTailEntries).
    bool tailEntry = mg.tailCalls && wasm.declaredFuncRefs.contains(i);
    if (!part.declared.empty() && !part.declared[i] && !tailEntry)
      continue;
    bool isExported = mg.info->exported[i];
    bool external =
        isExported || (part.split && needsPartSymbol(wasm, part, i));
    auto linkage =
        external ? GlobalValue::ExternalLinkage : GlobalValue::InternalLinkage;
    Function *f = Function::Create(mg.getWasmFunctionType(wasm.funcType(i)),
                                   linkage, mg.info->symbolNames[i], mg.ir);
    if (external && !isExported)
      f->setVisibility(GlobalValue::HiddenVisibility);
    if (!moduleMayUnwind(wasm))
      f->setDoesNotThrow();
    // Recursion must exhaust the stack as wasm's does: no turning it into
    // loops (TRE) or sibling calls that would run forever instead.
    f->addFnAttr("disable-tail-calls", "true");
    f->getArg(0)->setName("instance");
    // Not noalias: callees reach the same instance through pointers loaded
    // from memory (a wk_func's ctx), and they read and write its globals and
    // memory; noalias let LLVM drop stores before imported calls.
    f->addParamAttr(0, Attribute::NonNull);
    // A wasm function always runs with its own instance (wk_func.ctx), all
    // instance_size bytes of it: loads of instance fields may be hoisted out
    // of loops even past a conditional trap.
    f->addDereferenceableParamAttr(0, mg.layout.size);
    // The runtime allocates it aligned for the wk_values of its globals.
    f->addParamAttr(
        0, Attribute::getWithAlignment(mg.ctx, Align(abi::ValueAlign)));
    mg.setWasmConvention(f);
    mg.functions[i] = f;
  }
}

/// Split modules define the segments in the part with the module data and
/// declare them elsewhere, under a name no function symbol can have.
static void declareDataSegments(ModuleGen &mg, const IRGenPart &part) {
  for (const DataSegment &seg : mg.wasm.datas) {
    std::string name = "data";
    if (part.split)
      name = "wasm:" + mg.options.moduleName + ".data." +
             std::to_string(mg.dataBytes.size());
    auto linkage =
        part.split ? GlobalValue::ExternalLinkage : GlobalValue::PrivateLinkage;
    Constant *init = nullptr;
    Type *type = ArrayType::get(Type::getInt8Ty(mg.ctx), seg.bytes.size());
    if (part.moduleData) {
      init = ConstantDataArray::get(mg.ctx, seg.bytes);
      type = init->getType();
    }
    auto *gv = new GlobalVariable(mg.ir, type, true, linkage, init, name);
    gv->setAlignment(Align(1));
    if (part.split)
      gv->setVisibility(GlobalValue::HiddenVisibility);
    mg.dataBytes.push_back(gv);
  }
}

/// Tags the accesses FuncEnv left untagged: those based on the instance
/// argument are runtime data (e.g. fuel checks), locals' allocas need no
/// tag, everything else addresses linear memory (loads, stores and memory
/// intrinsics of the translator and the SIMD emitters).
static void tagMemoryAccesses(ModuleGen &mg, Function &f) {
  for (Instruction &inst : instructions(f)) {
    Value *ptr = getLoadStorePointerOperand(&inst);
    if (auto *mi = dyn_cast<MemIntrinsic>(&inst))
      ptr = mi->getDest();
    if (!ptr || inst.getMetadata(LLVMContext::MD_tbaa))
      continue;
    const Value *object = getUnderlyingObject(ptr);
    if (isa<AllocaInst>(object))
      continue;
    inst.setMetadata(LLVMContext::MD_tbaa,
                     isa<Argument>(object) ? mg.tbaaRuntime : mg.tbaaMemory);
  }
}

//===-- Entry thunks ------------------------------------------------------===//

/// Thunks moving more values than this are compiled without optimisation.
constexpr size_t WideThunkValues = 64;

/// `void thunk(ptr code, ptr ctx, ptr io)`: params from io[i], results to
/// io[i], 16 bytes per slot.
static Function *createThunk(ModuleGen &mg, const FuncType &type,
                             StringRef name) {
  Type *ptr = mg.ptrType();
  auto *fnType =
      FunctionType::get(Type::getVoidTy(mg.ctx), {ptr, ptr, ptr}, false);
  Function *f =
      Function::Create(fnType, GlobalValue::InternalLinkage, name, mg.ir);
  f->setDoesNotThrow();
  IRBuilder<> b(BasicBlock::Create(mg.ctx, "entry", f));
  Value *io = f->getArg(2);
  auto slot = [&](unsigned i) {
    return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), io, abi::ValueSize * i);
  };
  SmallVector<Value *, 8> args{f->getArg(1)};
  for (unsigned i = 0; i < type.params.size(); ++i)
    args.push_back(b.CreateAlignedLoad(mg.getType(type.params[i]), slot(i),
                                       Align(abi::ValueAlign)));
  Value *result = b.CreateCall(mg.getFunctionType(type), f->getArg(0), args);
  if (type.results.size() == 1) {
    b.CreateAlignedStore(result, slot(0), Align(abi::ValueAlign));
  } else {
    for (unsigned i = 0; i < type.results.size(); ++i)
      b.CreateAlignedStore(b.CreateExtractValue(result, i), slot(i),
                           Align(abi::ValueAlign));
  }
  b.CreateRetVoid();
  // LLVM's instruction scheduler is quadratic in the loads and stores of one
  // block (finding F3); a wide thunk skips it (fast instruction selection).
  if (type.params.size() + type.results.size() > WideThunkValues) {
    f->addFnAttr(Attribute::OptimizeNone);
    f->addFnAttr(Attribute::NoInline);
  }
  return f;
}

/// What the wide thunks of a module may cost, in values squared: a base that
/// admits one type of 1,000 values, plus 64 per byte of types and code, so
/// the compile time stays proportional to the module's size (finding F3).
static uint64_t thunkBudget(const wasmkiln::Module &wasm) {
  uint64_t bytes = 0;
  for (const FuncType &type : wasm.types)
    bytes += 2 + type.params.size() + type.results.size();
  for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i)
    bytes += wasm.body(i).code.size();
  return (1u << 20) + 64 * bytes;
}

/// One thunk per distinct signature of a function, indexed by type index;
/// null for a type no function has. Only a wk_func's entry is ever a thunk
/// (a defined function's, or an import's bound here), and a module of
/// 100,000 types and no functions took 25 s compiling a thunk for each.
static Expected<std::vector<Function *>> createThunks(ModuleGen &mg) {
  std::vector<bool> used(mg.wasm.types.size());
  for (uint32_t typeIndex : mg.wasm.funcs)
    used[typeIndex] = true;
  StringMap<Function *> bySignature;
  std::vector<Function *> thunks;
  uint64_t cost = 0, budget = thunkBudget(mg.wasm);
  for (const FuncType &type : mg.wasm.types) {
    if (!used[thunks.size()]) {
      thunks.push_back(nullptr);
      continue;
    }
    Function *&thunk = bySignature[type.signature()];
    if (!thunk) {
      uint64_t width = type.params.size() + type.results.size();
      if (width > WideThunkValues && (cost += width * width) > budget)
        return makeError(WasmError::ImplLimit, 0,
                         "module too large to compile: the entry thunks of "
                         "its wide function types would exceed " +
                             Twine(budget) + " units (64 per byte)");
      thunk = createThunk(mg, type,
                          "wasm:" + mg.options.moduleName +
                              ":thunk:" + type.signature());
    }
    thunks.push_back(thunk);
  }
  return thunks;
}

//===-- Entry point -------------------------------------------------------===//

Expected<std::unique_ptr<llvm::Module>>
wasmkiln::generateIR(const wasmkiln::Module &wasm, LLVMContext &context,
                     const IRGenOptions &options) {
  return generateIRPart(wasm, context, options, IRGenPart());
}

Expected<std::unique_ptr<llvm::Module>>
wasmkiln::generateIRPart(const wasmkiln::Module &wasm, LLVMContext &context,
                         const IRGenOptions &options, const IRGenPart &part) {
  auto ir =
      std::make_unique<llvm::Module>("wasm:" + options.moduleName, context);
  // The layouts of the descriptor structs assume an LP64 SysV-like ABI
  // (x86-64 or AAPCS64).
  ir->setTargetTriple(options.targetTriple);
  ir->setDataLayout(options.dataLayout);
  std::shared_ptr<const IRGenModuleInfo> info = part.moduleInfo;
  if (!info) {
    auto prepared = prepareIRGen(wasm, options);
    if (!prepared)
      return prepared.takeError();
    info = std::move(*prepared);
  }
  ModuleGen mg(wasm, *ir, options, std::move(info));
  mg.tailCalls = wasm.usesTailCalls;
  declareFunctions(mg, part);
  declareDataSegments(mg, part);
  // Without -g too: the DebugLocs (wasm code offsets) are what trap
  // backtraces map native code back to the module by (driver/PcMap.cpp).
  mg.debug = std::make_unique<DebugInfoGen>(mg, mg.info->guestDebug.get());

  auto define = [&](uint32_t func) -> Error {
    if (Error err = translateFunction(mg, func))
      return err;
    tagMemoryAccesses(mg, *mg.functions[func]);
    attachFrameInfo(mg, func);
    return Error::success();
  };
  if (part.funcs.empty()) {
    for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i)
      if (Error err = define(i))
        return err;
  } else {
    for (uint32_t func : part.funcs)
      if (Error err = define(func))
        return err;
  }
  for (uint32_t func : part.imports) {
    if (Error err = translateFunction(mg, func))
      return err;
    tagMemoryAccesses(mg, *mg.functions[func]);
    mg.functions[func]->setLinkage(GlobalValue::AvailableExternallyLinkage);
  }

  if (part.moduleData) {
    Expected<std::vector<Function *>> thunks = createThunks(mg);
    if (!thunks)
      return thunks.takeError();
    Expected<Function *> init = createInitFunction(mg);
    if (!init)
      return init.takeError();
    if (Error err = createDescriptor(mg, *thunks, *init))
      return err;
  }

  addUnwindTables(*ir);
  if (mg.debug)
    mg.debug->finalize();

#ifdef WASMKILN_VERIFY_IR
  std::string message;
  raw_string_ostream os(message);
  if (verifyModule(*ir, &os))
    return createStringError(inconvertibleErrorCode(),
                             "internal error: invalid LLVM IR generated: " +
                                 os.str());
#endif
  return ir;
}
