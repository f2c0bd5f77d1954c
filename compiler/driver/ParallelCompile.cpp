//===- ParallelCompile.cpp - Compile a module to objects on threads -------===//
//
// Plans the parts of a module and runs them through IR generation,
// optimisation and code generation on a pool of threads, each with its own
// target machine; every part gets a fresh LLVMContext that is destroyed as
// soon as its object is written.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/ParallelCompile.h"
#include "wasmkiln/driver/Cache.h"
#include "wasmkiln/driver/OptimizationBudget.h"
#include "wasmkiln/wasm/BodyReader.h"

#include "llvm/Support/Threading.h"
#include "llvm/Support/thread.h"

#include <atomic>
#include <optional>

using namespace llvm;
using namespace wasmkiln;

/// What a function costs beyond its code (entry block, declarations).
static constexpr uint64_t PerFunctionBytes = 16;
/// A module with at least this much code is split into at least
/// MinSplitParts parts, however large the part size: one part would leave
/// every core but one idle (flite's 196 KB of code took 13 s on one thread
/// at -O2), and four parts of this size balance two threads whatever their
/// costs. None of the bench programs (22-97 KB of code) reaches it.
static constexpr uint64_t SplitThresholdBytes = 128 * 1024;
static constexpr uint64_t MinSplitParts = 4;

/// Appends the parts of the defined functions [begin, end): equal shares
/// of about \p partBytes (one part if they are smaller or \p partBytes is
/// 0), so that the last part is not a remainder.
static void splitRange(const wasmkiln::Module &wasm, uint32_t begin,
                       uint32_t end, uint64_t partBytes,
                       std::vector<IRGenPart> &parts) {
  auto weight = [&](uint32_t func) {
    return wasm.body(func).code.size() + PerFunctionBytes;
  };
  uint64_t total = 0;
  for (uint32_t i = begin; i < end; ++i)
    total += weight(i);
  uint64_t count =
      partBytes == 0
          ? 1
          : std::max<uint64_t>(1, (total + partBytes - 1) / partBytes);
  auto close = [&](uint32_t first, uint32_t last) {
    IRGenPart part;
    part.firstFunc = first;
    part.endFunc = last;
    parts.push_back(part);
  };
  size_t before = parts.size();
  uint32_t first = begin;
  uint64_t done = 0;
  for (uint32_t i = begin; i < end; ++i) {
    done += weight(i);
    size_t made = parts.size() - before;
    if (made + 1 < count && done * count >= (made + 1) * total) {
      close(first, i + 1);
      first = i + 1;
    }
  }
  if (first < end)
    close(first, end);
}

std::vector<IRGenPart> wasmkiln::planParts(const wasmkiln::Module &wasm,
                                           uint64_t partBytes,
                                           bool explicitChecks,
                                           bool optimized) {
  uint32_t numFuncs = wasm.funcs.size();
  std::vector<uint32_t> unoptimized; // over the budget, in order
  // At -O0 every function is compiled alike: parts of their own would only
  // cost (yosys has 900 functions over the budget).
  std::vector<bool> overBudget;
  if (optimized)
    overBudget = unoptimizedFunctions(wasm, explicitChecks);
  uint64_t total = 0;
  for (uint32_t i = wasm.numImportedFuncs; i < numFuncs; ++i) {
    total += wasm.body(i).code.size() + PerFunctionBytes;
    if (optimized && overBudget[i - wasm.numImportedFuncs])
      unoptimized.push_back(i);
  }
  if (partBytes != 0 && total >= SplitThresholdBytes)
    partBytes = std::min(partBytes, divideCeil(total, MinSplitParts));
  if (unoptimized.empty() && (partBytes == 0 || total <= partBytes))
    return {IRGenPart()};

  std::vector<IRGenPart> parts;
  uint32_t first = wasm.numImportedFuncs;
  for (size_t i = 0; i < unoptimized.size();) {
    // A run of adjacent functions over the budget shares parts: one part
    // each cost yosys 900 parts' fixed costs.
    uint32_t func = unoptimized[i], end = func + 1;
    while (++i < unoptimized.size() && unoptimized[i] == end)
      ++end;
    splitRange(wasm, first, func, partBytes, parts);
    size_t before = parts.size();
    splitRange(wasm, func, end, partBytes, parts);
    for (size_t p = before; p < parts.size(); ++p)
      parts[p].unoptimized = true;
    first = end;
  }
  splitRange(wasm, first, numFuncs, partBytes, parts);
  if (parts.empty())
    parts.emplace_back();
  for (IRGenPart &part : parts) {
    part.moduleData = &part == &parts.front();
    part.split = parts.size() > 1;
  }
  return parts;
}

/// Calls \p callee with the function index of every direct call (or tail
/// call) in the body of \p func, by a quick read of the body.
static void forEachDirectCall(const wasmkiln::Module &wasm, uint32_t func,
                              function_ref<void(uint32_t)> callee) {
  const FunctionBody &body = wasm.body(func);
  BodyReader reader(body.code, body.codeOffset);
  Instr instr;
  while (!reader.atEnd()) {
    if (Error err = reader.next(instr)) {
      // IR generation stops at the same instruction and reports it.
      consumeError(std::move(err));
      return;
    }
    if ((instr.op == Opcode::Call || instr.op == Opcode::ReturnCall) &&
        instr.index < wasm.funcs.size())
      callee(instr.index);
  }
}

/// The functions a part without the module data declares: its own and
/// those it calls. Declaring all of them in every part would cost parts
/// times functions.
static std::vector<bool> functionsToDeclare(const wasmkiln::Module &wasm,
                                            const IRGenPart &part) {
  std::vector<bool> declared(wasm.funcs.size());
  for (uint32_t i = part.firstFunc; i < part.endFunc; ++i) {
    declared[i] = true;
    forEachDirectCall(wasm, i,
                      [&](uint32_t callee) { declared[callee] = true; });
  }
  return declared;
}

/// IRGenPart::calledFromOtherParts of every part: one read of all bodies.
static void markCrossPartCalls(const wasmkiln::Module &wasm,
                               std::vector<IRGenPart> &parts) {
  if (parts.size() < 2)
    return;
  std::vector<bool> called(wasm.funcs.size());
  for (const IRGenPart &part : parts)
    for (uint32_t i = part.firstFunc; i < part.endFunc; ++i)
      forEachDirectCall(wasm, i, [&](uint32_t callee) {
        if (callee < part.firstFunc || callee >= part.endFunc)
          called[callee] = true;
      });
  for (IRGenPart &part : parts)
    part.calledFromOtherParts = called;
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
  // An unoptimized part gets a target machine at -O0 of its own: code
  // generation would leave the thread's one set to fast instruction
  // selection.
  CodegenOptions codegen = options.codegen;
  std::unique_ptr<TargetMachine> tm0;
  if (part.unoptimized && codegen.optLevel != 0) {
    codegen.optLevel = 0;
    codegen.sizeLevel = false;
    auto created = createTargetMachine(codegen);
    if (!created)
      return created.takeError();
    tm0 = std::move(*created);
  }
  TargetMachine &target = tm0 ? *tm0 : tm;
  if (options.optimize)
    optimizeModule(**ir, target, codegen);
  times.addParallel(Phase::Optimize, watch.lap());
  raw_svector_ostream out(object);
  if (Error err = emitModule(**ir, target, EmitKind::Object, out))
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
  std::atomic<unsigned> cachedParts{0};
  /// Parts after a failed one are skipped: their errors would not be the
  /// first in module order.
  std::atomic<size_t> firstFailed{SIZE_MAX};

  void fail(size_t index, Error err) {
    errors[index].emplace(std::move(err));
    size_t seen = firstFailed.load();
    while (index < seen && !firstFailed.compare_exchange_weak(seen, index)) {
    }
  }

  /// With a cache, each part's key (getPartCacheKey).
  std::vector<CacheKey> keys;

  void work() {
    // Created on the first miss: a fully cached module needs none.
    std::optional<Expected<std::unique_ptr<TargetMachine>>> tm;
    for (size_t i = next++; i < parts.size(); i = next++) {
      if (i > firstFailed.load())
        continue;
      if (options.cache && options.cache->lookup(keys[i], objects[i])) {
        ++cachedParts;
        continue;
      }
      if (!tm)
        tm.emplace(createTargetMachine(options.codegen));
      if (!*tm) {
        fail(i, tm->takeError());
        continue;
      }
      if (Error err = compilePart(wasm, options, parts[i], ***tm, hook,
                                  objects[i], times[i]))
        fail(i, std::move(err));
      else if (options.cache)
        options.cache->store(keys[i], objects[i]);
    }
    if (tm && !*tm)
      consumeError(tm->takeError());
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
  auto decoded =
      decodeAndValidate(bytes, result.times, options.disabledFeatures);
  if (!decoded)
    return decoded.takeError();
  result.wasm = std::move(*decoded);
  Stopwatch watch;

  PartQueue queue(*result.wasm, options, hook);
  queue.parts = planParts(*result.wasm, options.partBytes,
                          options.irgen.boundsChecks == BoundsChecks::Explicit,
                          options.optimize && options.codegen.optLevel != 0);
  markCrossPartCalls(*result.wasm, queue.parts);
  // Once for all parts, and under -g once even for one, so that its
  // warnings are given once and also when every part is in the cache.
  if (queue.parts.size() > 1 || options.irgen.debugInfo) {
    auto info = prepareIRGen(*result.wasm, options.irgen, options.warn);
    if (!info)
      return info.takeError();
    for (IRGenPart &part : queue.parts)
      part.moduleInfo = *info;
  }
  size_t numParts = queue.parts.size();
  if (options.cache) {
    CacheKey moduleKey = getModuleCacheKey(bytes, *result.wasm, options);
    for (const IRGenPart &part : queue.parts)
      queue.keys.push_back(getPartCacheKey(moduleKey, *result.wasm, part));
  }
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
  result.times.cachedParts = queue.cachedParts;

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
