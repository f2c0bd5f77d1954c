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

using namespace llvm;
using namespace llvm::orc;
using namespace wasmkiln;

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
