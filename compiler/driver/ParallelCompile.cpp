//===- ParallelCompile.cpp - Compile a module to objects on threads -------===//
//
// Plans the parts of a module and runs them through IR generation,
// optimisation and code generation on a pool of threads, each with its own
// target machine; every part gets a fresh LLVMContext that is destroyed as
// soon as its object is written.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/ParallelCompile.h"
#include "wasmkiln/wasm/BodyReader.h"

#include "llvm/Support/Threading.h"
#include "llvm/Support/thread.h"

#include <atomic>
#include <optional>

using namespace llvm;
using namespace wasmkiln;

/// What a function costs beyond its code (entry block, declarations).
static constexpr uint64_t PerFunctionBytes = 16;

std::vector<IRGenPart> wasmkiln::planParts(const wasmkiln::Module &wasm,
                                           uint64_t partBytes) {
  auto weight = [&](uint32_t func) {
    return wasm.body(func).code.size() + PerFunctionBytes;
  };
  uint32_t numFuncs = wasm.funcs.size();
  uint64_t total = 0;
  for (uint32_t i = wasm.numImportedFuncs; i < numFuncs; ++i)
    total += weight(i);
  if (partBytes == 0 || total <= partBytes)
    return {IRGenPart()};

  // Equal shares of the total, so that the last part is not a remainder.
  uint64_t count = (total + partBytes - 1) / partBytes;
  std::vector<IRGenPart> parts;
  auto close = [&](uint32_t first, uint32_t end) {
    IRGenPart part;
    part.firstFunc = first;
    part.endFunc = end;
    part.moduleData = parts.empty();
    part.split = true;
    parts.push_back(part);
  };
  uint32_t first = wasm.numImportedFuncs;
  uint64_t done = 0;
  for (uint32_t i = wasm.numImportedFuncs; i < numFuncs; ++i) {
    done += weight(i);
    if (parts.size() + 1 < count &&
        done * count >= (parts.size() + 1) * total) {
      close(first, i + 1);
      first = i + 1;
    }
  }
  if (first < numFuncs || parts.empty())
    close(first, numFuncs);
  if (parts.size() == 1)
    parts[0].split = false;
  return parts;
}

/// The functions a part without the module data declares: its own and
/// those it calls, found by a quick read of its bodies. Declaring all of
/// them in every part would cost parts times functions.
static std::vector<bool> functionsToDeclare(const wasmkiln::Module &wasm,
                                            const IRGenPart &part) {
  std::vector<bool> declared(wasm.funcs.size());
  for (uint32_t i = part.firstFunc; i < part.endFunc; ++i) {
    declared[i] = true;
    const FunctionBody &body = wasm.body(i);
    BodyReader reader(body.code, body.codeOffset);
    Instr instr;
    while (!reader.atEnd()) {
      if (Error err = reader.next(instr)) {
        // IR generation stops at the same instruction and reports it.
        consumeError(std::move(err));
        break;
      }
      if (instr.op == Opcode::Call && instr.index < declared.size())
        declared[instr.index] = true;
    }
  }
  return declared;
}

/// Generates, optimises and emits one part; its IR is freed on return.
static Error compilePart(const wasmkiln::Module &wasm,
                         const CompileOptions &options, IRGenPart part,
                         TargetMachine &tm, const ModuleDataHook &hook,
                         SmallVectorImpl<char> &object, PhaseTimes &times) {
  Stopwatch watch;
  if (part.split && !part.moduleData)
    part.declared = functionsToDeclare(wasm, part);
  LLVMContext context;
  auto ir = generateIRPart(wasm, context, forTarget(options.irgen, tm), part);
  if (!ir)
    return ir.takeError();
  if (part.moduleData && hook)
    if (Error err = hook(**ir))
      return err;
  times.addParallel(Phase::IRGen, watch.lap());
  if (options.optimize)
    optimizeModule(**ir, tm, options.codegen);
  times.addParallel(Phase::Optimize, watch.lap());
  raw_svector_ostream out(object);
  if (Error err = emitModule(**ir, tm, EmitKind::Object, out))
    return err;
  ir->reset();
  times.addParallel(Phase::Codegen, watch.lap());
  return Error::success();
}

namespace {
/// The shared state of the worker threads.
struct PartQueue {
  PartQueue(const wasmkiln::Module &wasm, const CompileOptions &options,
            const ModuleDataHook &hook)
      : wasm(wasm), options(options), hook(hook) {}

  const wasmkiln::Module &wasm;
  const CompileOptions &options;
  const ModuleDataHook &hook;
  std::vector<IRGenPart> parts;
  std::vector<SmallVector<char, 0>> objects;
  std::vector<PhaseTimes> times;
  std::vector<std::optional<Error>> errors;
  std::atomic<size_t> next{0};
  /// Parts after a failed one are skipped: their errors would not be the
  /// first in module order.
  std::atomic<size_t> firstFailed{SIZE_MAX};

  void fail(size_t index, Error err) {
    errors[index].emplace(std::move(err));
    size_t seen = firstFailed.load();
    while (index < seen && !firstFailed.compare_exchange_weak(seen, index)) {
    }
  }

  void work() {
    auto tm = createTargetMachine(options.codegen);
    for (size_t i = next++; i < parts.size(); i = next++) {
      if (i > firstFailed.load())
        continue;
      if (!tm) {
        fail(i, tm.takeError());
        continue;
      }
      if (Error err = compilePart(wasm, options, parts[i], **tm, hook,
                                  objects[i], times[i]))
        fail(i, std::move(err));
    }
    if (!tm)
      consumeError(tm.takeError());
  }
};
} // namespace

static unsigned threadCount(unsigned jobs, size_t parts) {
  if (jobs == 0)
    jobs = llvm::hardware_concurrency().compute_thread_count(); // affinity
  return unsigned(std::min<size_t>(jobs, parts));
}

Expected<CompiledObjects>
wasmkiln::compileToObjects(ArrayRef<uint8_t> bytes,
                           const CompileOptions &options,
                           const ModuleDataHook &hook) {
  CompiledObjects result;
  auto decoded = decodeAndValidate(bytes, result.times);
  if (!decoded)
    return decoded.takeError();
  result.wasm = std::move(*decoded);
  Stopwatch watch;

  PartQueue queue(*result.wasm, options, hook);
  queue.parts = planParts(*result.wasm, options.partBytes);
  size_t numParts = queue.parts.size();
  queue.objects.resize(numParts);
  queue.times.resize(numParts);
  queue.errors.resize(numParts);
  unsigned threads = threadCount(options.jobs, numParts);
  {
    // Code generation recurses on deep expressions: give the helpers the
    // main thread's usual stack.
    std::vector<llvm::thread> helpers;
    for (unsigned i = 1; i < threads; ++i)
      helpers.emplace_back(std::optional<unsigned>(8u << 20),
                           [&queue] { queue.work(); });
    queue.work();
    for (llvm::thread &helper : helpers)
      helper.join();
  }
  result.times.parallelWallSeconds = watch.lap().wall;
  result.times.parts = numParts;
  result.times.threads = threads;

  std::optional<Error> first;
  for (std::optional<Error> &err : queue.errors) {
    if (!err || !*err)
      continue;
    if (first)
      consumeError(std::move(*err));
    else
      first.emplace(std::move(*err));
  }
  if (first)
    return std::move(*first);
  for (const PhaseTimes &t : queue.times)
    result.times.merge(t);
  result.objects = std::move(queue.objects);
  return result;
}
