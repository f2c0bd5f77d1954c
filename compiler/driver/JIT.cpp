//===- JIT.cpp - In-process compilation with ORC --------------------------===//
//
// Each wasm module is compiled (and optimised) up front by compileModule,
// then handed to LLJIT in a JITDylib of its own, so that many modules with
// the same internal names can live in one process.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/JIT.h"

#include "llvm/ExecutionEngine/Orc/ExecutionUtils.h"
#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/ExecutionEngine/Orc/LLJIT.h"
#include "llvm/ExecutionEngine/Orc/ThreadSafeModule.h"

using namespace llvm;
using namespace llvm::orc;
using namespace wasmkiln;

WasmJIT::~WasmJIT() = default;

Expected<std::unique_ptr<WasmJIT>>
WasmJIT::create(const CodegenOptions &options) {
  std::unique_ptr<WasmJIT> result(new WasmJIT());
  CodegenOptions jitOptions = options;
  jitOptions.pic = true;
  auto tm = createTargetMachine(jitOptions);
  if (!tm)
    return tm.takeError();
  result->tm = std::move(*tm);

  JITTargetMachineBuilder jtmb(result->tm->getTargetTriple());
  jtmb.setCPU(std::string(result->tm->getTargetCPU()));
  jtmb.getFeatures().addFeaturesVector(
      SubtargetFeatures(result->tm->getTargetFeatureString()).getFeatures());
  jtmb.setCodeGenOptLevel(result->tm->getOptLevel());
  jtmb.setRelocationModel(Reloc::PIC_);
  auto jit =
      LLJITBuilder().setJITTargetMachineBuilder(std::move(jtmb)).create();
  if (!jit)
    return jit.takeError();
  result->jit = std::move(*jit);
  return result;
}

Expected<const wk_module *> WasmJIT::addModule(ArrayRef<uint8_t> bytes,
                                               CompileOptions options,
                                               PhaseTimes *times) {
  auto context = std::make_unique<LLVMContext>();
  std::string name = "m" + std::to_string(moduleCount++);
  options.irgen.moduleName = name;
  options.irgen.staticImports = false;
  auto compiled = compileModule(bytes, *context, *tm, options);
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
  PhaseTimes compileTimes = compiled->times;
  Stopwatch watch;
  if (Error err =
          jit->addIRModule(*dylib, ThreadSafeModule(std::move(compiled->ir),
                                                    std::move(context))))
    return err;

  auto symbol = jit->lookup(*dylib, getDescriptorSymbolName(name));
  if (!symbol)
    return symbol.takeError();
  if (options.timeReport && times) { // the lookup ran the code generator
    Lap lap = watch.lap();
    compileTimes.addParallel(Phase::Codegen, lap);
    compileTimes.parallelWallSeconds += lap.wall;
    *times = compileTimes;
  }
  return symbol->toPtr<const wk_module *>();
}
