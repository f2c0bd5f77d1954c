//===- Codegen.cpp - Optimise and emit native code ------------------------===//
//
// The back half of the pipeline: LLVM's new-pass-manager optimisation
// pipeline at -O0..-O3 / -Os, then the target's code generator (x86-64 or
// aarch64 Linux) writing an ELF object or assembly (or the IR itself for
// --emit=llvm).
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Codegen.h"

#include "PcMap.h"

#include "wasmkiln/passes/BoundsCheckOpt.h"
#include "wasmkiln/passes/InlineDepthLimit.h"
#include "wasmkiln/passes/LoopAddressing.h"

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LoopAnalysisManager.h"
#include "llvm/CodeGen/AsmPrinter.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineModuleInfo.h"
#include "llvm/CodeGen/Passes.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/MC/MCStreamer.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/SubtargetFeature.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/LCSSA.h"
#include "llvm/Transforms/Utils/LoopSimplify.h"

#include <mutex>

using namespace llvm;
using namespace wasmkiln;

// Only the supported targets: initialising all of LLVM's would cost every
// run start-up time for nothing.
static void initializeTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    LLVMInitializeX86TargetInfo();
    LLVMInitializeX86Target();
    LLVMInitializeX86TargetMC();
    LLVMInitializeX86AsmPrinter();
    LLVMInitializeX86AsmParser();
    LLVMInitializeAArch64TargetInfo();
    LLVMInitializeAArch64Target();
    LLVMInitializeAArch64TargetMC();
    LLVMInitializeAArch64AsmPrinter();
    LLVMInitializeAArch64AsmParser();
  });
}

Expected<Triple> wasmkiln::parseTarget(StringRef name) {
  Triple triple(Triple::normalize(name));
  bool known =
      triple.getArch() == Triple::x86_64 || triple.getArch() == Triple::aarch64;
  if (known && triple.isOSLinux() && triple.getEnvironment() == Triple::GNU &&
      (triple.getVendor() == Triple::UnknownVendor ||
       triple.getVendor() == Triple::PC))
    return Triple(triple.getArchName(), "unknown", "linux", "gnu");
  return createStringError(inconvertibleErrorCode(),
                           "unknown target '" + name +
                               "' (supported: x86_64-linux-gnu, "
                               "aarch64-linux-gnu)");
}

std::string wasmkiln::targetName(const Triple &triple) {
  return (triple.getArchName() + "-linux-gnu").str();
}

StringRef wasmkiln::defaultCPU(const Triple &triple) {
  return triple.isAArch64() ? "generic" : "x86-64-v2";
}

Expected<std::unique_ptr<TargetMachine>>
wasmkiln::createTargetMachine(const CodegenOptions &options) {
  initializeTargets();
  auto parsed = parseTarget(options.target);
  if (!parsed)
    return parsed.takeError();
  Triple triple = *parsed;
  std::string error;
  const Target *target = TargetRegistry::lookupTarget(triple.str(), error);
  if (!target)
    return createStringError(inconvertibleErrorCode(), error);

  TargetOptions targetOptions;
  // Traps are calls to a noreturn runtime function; keep the code after
  // them out, but never turn wasm's defined behaviour into traps of LLVM's.
  targetOptions.TrapUnreachable = false;
  CodeGenOptLevel level = CodeGenOptLevel::Default;
  switch (options.optLevel) {
  case 0:
    level = CodeGenOptLevel::None;
    break;
  case 1:
    level = CodeGenOptLevel::Less;
    break;
  case 3:
    level = CodeGenOptLevel::Aggressive;
    break;
  default:
    break;
  }
  std::string cpu =
      options.cpu.empty() ? defaultCPU(triple).str() : options.cpu;
  std::string features;
  // The host's CPU means nothing for another target.
  if (cpu == "native" &&
      triple.getArch() != Triple(sys::getProcessTriple()).getArch())
    return createStringError(inconvertibleErrorCode(),
                             "--cpu=native is only for the host's target");
  if (cpu == "native") {
    cpu = sys::getHostCPUName().str();
    SubtargetFeatures host;
    for (const auto &feature : sys::getHostCPUFeatures())
      host.AddFeature(feature.first(), feature.second);
    features = host.getString();
  }
  std::unique_ptr<TargetMachine> tm(target->createTargetMachine(
      triple.str(), cpu, features, targetOptions,
      options.pic ? Reloc::PIC_ : Reloc::Static, CodeModel::Small, level));
  if (!tm)
    return createStringError(inconvertibleErrorCode(),
                             "cannot create a target machine for " + cpu);
  return tm;
}

/// The micro-architecture to schedule for. The x86-64-vN levels name ISA
/// subsets, but LLVM also tunes for their reference cores (v2: Nehalem-era
/// Intel), which among other things rotates with SHLD: 1 cycle on those
/// cores, 3-4 on AMD Zen, which made SHA-256 1.8x slower than native there.
/// Tune such levels like clang does (generic); a named core tunes for itself.
static StringRef tuneCPU(StringRef cpu) {
  return cpu.starts_with("x86-64") ? StringRef("generic") : cpu;
}

/// Internal functions that are only ever called directly get Swift's
/// calling convention with the instance as `swiftself`: x86-64 passes it in
/// r13 and aarch64 in x20, both callee-saved, so a function that only hands its
/// instance on to the functions it calls (a recursion) neither moves nor saves
/// it.
static void pinInstanceRegister(Module &module) {
  for (Function &f : module) {
    if (f.isDeclaration() || !f.hasLocalLinkage() || f.hasAddressTaken() ||
        f.arg_empty() || !f.getArg(0)->getType()->isPointerTy() ||
        f.getCallingConv() != CallingConv::C || f.isVarArg())
      continue;
    f.setCallingConv(CallingConv::Swift);
    f.addParamAttr(0, Attribute::SwiftSelf);
    for (User *user : f.users()) {
      auto *call = cast<CallBase>(user);
      call->setCallingConv(CallingConv::Swift);
      call->addParamAttr(0, Attribute::SwiftSelf);
    }
  }
}

void wasmkiln::optimizeModule(Module &module, TargetMachine &tm,
                              const CodegenOptions &options) {
  module.setDataLayout(tm.createDataLayout());
  module.setTargetTriple(tm.getTargetTriple().str());
  StringRef tune = tuneCPU(tm.getTargetCPU());
  for (Function &f : module) {
    if (f.isDeclaration())
      continue;
    if (!f.hasFnAttribute("tune-cpu"))
      f.addFnAttr("tune-cpu", tune);
    if (options.framePointers)
      f.addFnAttr("frame-pointer", "all");
  }
  // LLVM's -O0 pipeline only runs the always-inliner, which looks at every
  // instruction of every function (isInlineViable) for nothing: generated
  // code marks no function always_inline.
  if (options.optLevel == 0 && !options.sizeLevel)
    return;
  pinInstanceRegister(module);

  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PipelineTuningOptions tuning;
  tuning.LoopVectorization = options.optLevel >= 2;
  tuning.SLPVectorization = options.optLevel >= 2;
  PassBuilder pb(&tm, tuning);
  if (options.optLevel >= 2 && !options.sizeLevel)
    pb.registerVectorizerStartEPCallback(
        [](FunctionPassManager &fpm, OptimizationLevel) {
          fpm.addPass(LoopSimplifyPass());
          fpm.addPass(LCSSAPass());
          fpm.addPass(LoopAddressingPass());
        });
  // Before an SCC's functions are inlined into their callers (the
  // inliner's pipeline: inline, simplify, this).
  pb.registerCGSCCOptimizerLateEPCallback(
      [](CGSCCPassManager &cgpm, OptimizationLevel) {
        cgpm.addPass(createCGSCCToFunctionPassAdaptor(InlineDepthLimitPass()));
      });
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  // Explicit bounds checks (IRGen lists the memories' slots): after GVN has
  // made equal indices one value, drop the checks that earlier ones imply.
  SmallVector<uint64_t, 4> memorySlots =
      BoundsCheckOptPass::memorySlotsOf(module);
  if (!memorySlots.empty())
    pb.registerScalarOptimizerLateEPCallback(
        [memorySlots](FunctionPassManager &fpm, OptimizationLevel) {
          fpm.addPass(BoundsCheckOptPass(memorySlots));
        });

  ModulePassManager mpm;
  if (options.sizeLevel)
    mpm = pb.buildPerModuleDefaultPipeline(OptimizationLevel::Os);
  else
    mpm = pb.buildPerModuleDefaultPipeline(
        options.optLevel == 1   ? OptimizationLevel::O1
        : options.optLevel == 2 ? OptimizationLevel::O2
                                : OptimizationLevel::O3);
  mpm.run(module, mam);
}

Error wasmkiln::emitModule(Module &module, TargetMachine &tm, EmitKind kind,
                           raw_pwrite_stream &out) {
  module.setDataLayout(tm.createDataLayout());
  module.setTargetTriple(tm.getTargetTriple().str());
  if (kind == EmitKind::LLVMIR) {
    module.print(out, nullptr);
    return Error::success();
  }
  CodeGenFileType type = kind == EmitKind::Object
                             ? CodeGenFileType::ObjectFile
                             : CodeGenFileType::AssemblyFile;
  // LLVMTargetMachine::addPassesToEmitFile, with the pc map's pass between
  // the last machine pass and the AsmPrinter, and its writer in the latter.
  auto &target = static_cast<LLVMTargetMachine &>(tm);
  legacy::PassManager pm;
  auto *mmi = new MachineModuleInfoWrapperPass(&target);
  TargetPassConfig *config = target.createPassConfig(pm);
  pm.add(config);
  pm.add(mmi);
#ifndef WASMKILN_VERIFY_IR
  config->setDisableVerify(true);
#endif
  // Without -g the locations only feed the pc map: no variables to track.
  if (module.debug_compile_units().empty())
    config->disablePass(&LiveDebugValuesID);
  auto cannotEmit = [] {
    return createStringError(inconvertibleErrorCode(),
                             "the target cannot emit this file type");
  };
  if (config->addISelPasses())
    return cannotEmit();
  config->addMachinePasses();
  config->setInitialized();
  Expected<std::unique_ptr<MCStreamer>> streamer =
      target.createMCStreamer(out, nullptr, type, mmi->getMMI().getContext());
  if (!streamer) {
    consumeError(streamer.takeError());
    return cannotEmit();
  }
  AsmPrinter *printer =
      target.getTarget().createAsmPrinter(target, std::move(*streamer));
  if (!printer)
    return cannotEmit();
  addPcMap(pm, *printer);
  pm.add(printer);
  pm.add(createFreeMachineFunctionPass());
  pm.run(module);
  return Error::success();
}
