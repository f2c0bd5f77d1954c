//===- JIT.cpp - In-process compilation with ORC --------------------------===//
//
// Each wasm module is compiled to objects up front by compileToObjects, as
// for an object file (so the optimisation budget applies alike), then
// linked by LLJIT into a JITDylib of its own, so that many modules with the
// same internal names can live in one process.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/JIT.h"
#include "wasmkiln/driver/ParallelCompile.h"

#include "llvm/ExecutionEngine/Orc/Debugging/DebuggerSupport.h"
#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ObjectLinkingLayer.h"
#include "llvm/Support/DynamicLibrary.h"

#include "wasmkiln/runtime.h"

#include <mutex>

using namespace llvm;
using namespace llvm::orc;
using namespace wasmkiln;

namespace {

/// Hands each linked object's pc map (driver/PcMap.cpp) to the runtime,
/// where trap backtraces look up the wasm offsets of JIT code. The runtime
/// is the process's own (wasmkiln run, the spec runner), found by name so
/// that the driver does not link it.
class PcMapPlugin : public ObjectLinkingLayer::Plugin {
public:
  using RegisterFn = void(const void *, size_t);
  using UnregisterFn = void(const void *);

  PcMapPlugin(RegisterFn *reg, UnregisterFn *unreg) : reg(reg), unreg(unreg) {}

  void modifyPassConfig(MaterializationResponsibility &mr,
                        jitlink::LinkGraph &graph,
                        jitlink::PassConfiguration &config) override {
    // Nothing refers to the map's blocks (they refer to the code), so
    // pruning would drop them: keep them alive.
    config.PrePrunePasses.push_back([](jitlink::LinkGraph &g) -> Error {
      if (jitlink::Section *section = g.findSectionByName(WK_PC_MAP_SECTION))
        for (jitlink::Block *block : section->blocks())
          g.addAnonymousSymbol(*block, 0, block->getSize(), false, true);
      return Error::success();
    });
    config.PostFixupPasses.push_back([this,
                                      &mr](jitlink::LinkGraph &g) -> Error {
      jitlink::Section *map = g.findSectionByName(WK_PC_MAP_SECTION);
      if (!map)
        return Error::success();
      jitlink::SectionRange range(*map);
      if (range.empty())
        return Error::success();
      const void *start = range.getStart().toPtr<const void *>();
      reg(start, range.getSize());
      return mr.withResourceKeyDo([&](ResourceKey key) {
        std::lock_guard<std::mutex> guard(lock);
        registered[key].push_back(start);
      });
    });
  }

  Error notifyFailed(MaterializationResponsibility &) override {
    return Error::success();
  }

  Error notifyRemovingResources(JITDylib &, ResourceKey key) override {
    std::lock_guard<std::mutex> guard(lock);
    for (const void *start : registered[key])
      unreg(start);
    registered.erase(key);
    return Error::success();
  }

  void notifyTransferringResources(JITDylib &, ResourceKey to,
                                   ResourceKey from) override {
    std::lock_guard<std::mutex> guard(lock);
    auto &into = registered[to];
    auto &moved = registered[from];
    into.insert(into.end(), moved.begin(), moved.end());
    registered.erase(from);
  }

private:
  RegisterFn *reg;
  UnregisterFn *unreg;
  std::mutex lock;
  DenseMap<ResourceKey, std::vector<const void *>> registered;
};

} // namespace

static void addPcMapPlugin(LLJIT &jit) {
  // The process's own symbols (the runtime's), which the search needs.
  sys::DynamicLibrary::LoadLibraryPermanently(nullptr);
  auto *reg = reinterpret_cast<PcMapPlugin::RegisterFn *>(
      sys::DynamicLibrary::SearchForAddressOfSymbol("wk_register_pc_map"));
  auto *unreg = reinterpret_cast<PcMapPlugin::UnregisterFn *>(
      sys::DynamicLibrary::SearchForAddressOfSymbol("wk_unregister_pc_map"));
  if (auto *layer = dyn_cast<ObjectLinkingLayer>(&jit.getObjLinkingLayer()))
    if (reg && unreg)
      layer->addPlugin(std::make_unique<PcMapPlugin>(reg, unreg));
}

WasmJIT::~WasmJIT() = default;

Expected<std::unique_ptr<WasmJIT>>
WasmJIT::create(const CodegenOptions &options, bool debugger) {
  std::unique_ptr<WasmJIT> result(new WasmJIT());
  CodegenOptions jitOptions = options;
  jitOptions.pic = true;
  result->codegen = jitOptions;
  // The objects come from compileToObjects; LLJIT's own target machine is
  // the same one, for what it needs of the target (layout, linking).
  auto tm = createTargetMachine(jitOptions);
  if (!tm)
    return tm.takeError();

  JITTargetMachineBuilder jtmb((*tm)->getTargetTriple());
  jtmb.setCPU(std::string((*tm)->getTargetCPU()));
  jtmb.getFeatures().addFeaturesVector(
      SubtargetFeatures((*tm)->getTargetFeatureString()).getFeatures());
  jtmb.setCodeGenOptLevel((*tm)->getOptLevel());
  jtmb.setRelocationModel(Reloc::PIC_);
  auto jit =
      LLJITBuilder().setJITTargetMachineBuilder(std::move(jtmb)).create();
  if (!jit)
    return jit.takeError();
  // ORC's ELF debug object plugin: each linked object's debug sections,
  // relocated to where the code landed, go to gdb's JIT interface (found
  // in the process: libLLVM defines it).
  if (debugger)
    if (Error err = enableDebuggerSupport(**jit))
      return std::move(err);
  addPcMapPlugin(**jit);
  result->jit = std::move(*jit);
  return result;
}

Expected<const wk_module *> WasmJIT::addModule(ArrayRef<uint8_t> bytes,
                                               CompileOptions options,
                                               PhaseTimes *times) {
  std::string name = "m" + std::to_string(moduleCount++);
  options.irgen.moduleName = name;
  options.irgen.staticImports = false;
  // Split into parts on threads as the ahead-of-time path is (the caller's
  // partBytes): the objects of one module share its JITDylib, where their
  // hidden cross-part symbols resolve.
  options.codegen = codegen;
  auto compiled = compileToObjects(bytes, options);
  if (!compiled)
    return compiled.takeError();
  auto dylib = jit->createJITDylib("wasm-" + name);
  if (!dylib)
    return dylib.takeError();
  auto generator = DynamicLibrarySearchGenerator::GetForCurrentProcess(
      jit->getDataLayout().getGlobalPrefix());
  if (!generator)
    return generator.takeError();
  dylib->addGenerator(std::move(*generator));
  for (const SmallVector<char, 0> &object : compiled->objects)
    if (Error err = jit->addObjectFile(
            *dylib, MemoryBuffer::getMemBufferCopy(
                        StringRef(object.data(), object.size()), name)))
      return err;
  auto symbol = jit->lookup(*dylib, getDescriptorSymbolName(name));
  if (!symbol)
    return symbol.takeError();
  if (options.timeReport && times)
    *times = compiled->times;
  return symbol->toPtr<const wk_module *>();
}
