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
/// at -O2), and four parts balance two threads whatever their costs. The
/// parts follow the call graph (Clusters), so that splitting costs little
/// inlining.
static constexpr uint64_t SplitThresholdBytes = 16 * 1024;
static constexpr uint64_t MinSplitParts = 4;

static uint64_t weight(const wasmkiln::Module &wasm, uint32_t func) {
  return wasm.body(func).code.size() + PerFunctionBytes;
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

namespace {
/// The direct calls between defined functions (one per call site, calls of
/// a function to itself left out): one read of all bodies.
struct CallEdges {
  struct Edge {
    uint32_t caller, callee;
  };
  std::vector<Edge> edges;

  explicit CallEdges(const wasmkiln::Module &wasm) {
    for (uint32_t i = wasm.numImportedFuncs; i < wasm.funcs.size(); ++i)
      forEachDirectCall(wasm, i, [&](uint32_t callee) {
        if (callee >= wasm.numImportedFuncs && callee != i)
          edges.push_back({i, callee});
      });
  }
};

/// Callees this small LLVM inlines into most callers (wasm bytes).
static constexpr uint64_t SmallCalleeBytes = 160;
/// How far a part copies small callees of other parts: its own functions'
/// callees and theirs, a quarter of its own code at most and no more than
/// MaxImportBytes: LLVM optimises the copies and what it inlines them into
/// (flite: 8 KiB of copies a part took 30 % more CPU than none, 1 KiB 14 %
/// more; 1 KiB gives script what 8 KiB did).
static constexpr unsigned MaxImportDepth = 2;
static constexpr uint64_t MaxImportBytes = 1024;

/// Groups of functions that should share a part, so that LLVM can inline
/// as in an unsplit module: a function called from one caller only (at one
/// call site LLVM inlines it whatever its size) and a small function join
/// the group of their caller, the one with the most calls of it, as long
/// as the group stays within a part's size.
class Clusters {
public:
  Clusters(const wasmkiln::Module &wasm, const CallEdges &calls,
           const std::vector<bool> &optimized, uint64_t maxBytes)
      : parent(wasm.funcs.size()), bytes(wasm.funcs.size()) {
    for (uint32_t i = 0; i < parent.size(); ++i) {
      parent[i] = i;
      if (i >= wasm.numImportedFuncs)
        bytes[i] = weight(wasm, i);
    }
    // Per callee: its calls from each caller.
    DenseMap<std::pair<uint32_t, uint32_t>, uint32_t> sites;
    std::vector<uint32_t> callers(wasm.funcs.size());
    for (const CallEdges::Edge &e : calls.edges)
      if (optimized[e.caller] && optimized[e.callee] &&
          sites[{e.callee, e.caller}]++ == 0)
        ++callers[e.callee];
    struct Merge {
      uint32_t callee, caller, sites;
    };
    std::vector<Merge> only, small; // callees of one caller, small callees
    DenseMap<uint32_t, Merge> best; // small callee -> its busiest caller
    for (const auto &[pair, count] : sites) {
      auto [callee, caller] = pair;
      if (callers[callee] == 1 && !wasm.isReferenced(callee)) {
        only.push_back({callee, caller, count});
      } else if (weight(wasm, callee) <= SmallCalleeBytes) {
        Merge &m =
            best.try_emplace(callee, Merge{callee, caller, 0}).first->second;
        if (count > m.sites || (count == m.sites && caller < m.caller))
          m = {callee, caller, count};
      }
    }
    for (const auto &entry : best)
      small.push_back(entry.second);
    // DenseMap's order is not the module's: sort, for the same parts on
    // every run.
    llvm::sort(only, [](const Merge &x, const Merge &y) {
      return x.callee < y.callee;
    });
    llvm::sort(small, [](const Merge &x, const Merge &y) {
      return std::tie(y.sites, x.callee) < std::tie(x.sites, y.callee);
    });
    for (ArrayRef<Merge> merges :
         {ArrayRef<Merge>(only), ArrayRef<Merge>(small)})
      for (const Merge &m : merges)
        join(m.caller, m.callee, maxBytes);
  }

  /// The functions \p funcs (in increasing order) group by group, groups in
  /// the order of their first function; \p starts gets where each group
  /// begins.
  std::vector<uint32_t> order(ArrayRef<uint32_t> funcs,
                              std::vector<bool> &starts) {
    DenseMap<uint32_t, std::vector<uint32_t>> members;
    std::vector<uint32_t> leaders;
    for (uint32_t func : funcs) {
      auto [it, fresh] = members.try_emplace(find(func));
      if (fresh)
        leaders.push_back(it->first);
      it->second.push_back(func);
    }
    std::vector<uint32_t> result;
    starts.assign(funcs.size() + 1, false);
    for (uint32_t leader : leaders) {
      starts[result.size()] = true;
      append_range(result, members[leader]);
    }
    starts[result.size()] = true;
    return result;
  }

private:
  void join(uint32_t x, uint32_t y, uint64_t maxBytes) {
    uint32_t a = find(x), b = find(y);
    if (a == b || bytes[a] + bytes[b] > maxBytes)
      return;
    // The smaller index leads, so that a group keeps its place.
    if (b < a)
      std::swap(a, b);
    parent[b] = a;
    bytes[a] += bytes[b];
  }

  uint32_t find(uint32_t func) {
    while (parent[func] != func)
      func = parent[func] = parent[parent[func]];
    return func;
  }

  std::vector<uint32_t> parent;
  std::vector<uint64_t> bytes; // a leader's: its group's
};
} // namespace

/// For each cut position s in [0, seq.size()] (before seq[s]), the number
/// of calls between seq[..s) and seq[s..).
static std::vector<int64_t> countCrossings(ArrayRef<uint32_t> seq,
                                           const CallEdges &calls,
                                           size_t numFuncs) {
  std::vector<int64_t> position(numFuncs, -1);
  for (size_t i = 0; i < seq.size(); ++i)
    position[seq[i]] = i;
  std::vector<int64_t> crossings(seq.size() + 2);
  for (const CallEdges::Edge &e : calls.edges) {
    int64_t a = position[e.caller], b = position[e.callee];
    if (a < 0 || b < 0)
      continue;
    if (a > b)
      std::swap(a, b);
    ++crossings[a + 1];
    --crossings[b + 1];
  }
  for (size_t s = 1; s < crossings.size(); ++s)
    crossings[s] += crossings[s - 1];
  crossings.pop_back();
  return crossings;
}

/// Cuts \p seq into parts of about \p partBytes (one if it is smaller or
/// \p partBytes is 0), equal shares so that the last is not a remainder.
/// Each cut is made at a group start (\p starts) within a quarter of a part
/// of the equal share, where the fewest calls cross it.
static void splitSequence(const wasmkiln::Module &wasm, ArrayRef<uint32_t> seq,
                          const std::vector<bool> &starts,
                          const CallEdges &calls, uint64_t partBytes,
                          bool unoptimized, std::vector<IRGenPart> &parts) {
  if (seq.empty())
    return;
  std::vector<uint64_t> before(seq.size() + 1); // bytes of seq[..s)
  for (size_t i = 0; i < seq.size(); ++i)
    before[i + 1] = before[i] + weight(wasm, seq[i]);
  uint64_t total = before.back();
  uint64_t count =
      partBytes == 0 ? 1 : std::max<uint64_t>(1, divideCeil(total, partBytes));
  std::vector<int64_t> crossings;
  if (count > 1)
    crossings = countCrossings(seq, calls, wasm.funcs.size());
  uint64_t share = total / count, slack = share / 4;
  size_t first = 0;
  for (uint64_t k = 1; k <= count; ++k) {
    size_t cut = seq.size();
    if (k < count) {
      uint64_t ideal = total * k / count;
      uint64_t low = ideal > slack ? ideal - slack : 0, high = ideal + slack;
      std::optional<size_t> best;
      uint64_t bestDistance = 0;
      for (size_t s = std::upper_bound(before.begin(), before.end(), low) -
                      before.begin() - 1;
           s < seq.size() && before[s] <= high; ++s) {
        if (s <= first || !starts[s] || before[s] < low)
          continue;
        uint64_t distance =
            before[s] > ideal ? before[s] - ideal : ideal - before[s];
        if (!best || crossings[s] < crossings[*best] ||
            (crossings[s] == crossings[*best] && distance < bestDistance)) {
          best = s;
          bestDistance = distance;
        }
      }
      if (!best) // no group starts near: cut at the equal share
        best = std::max<size_t>(
            first + 1, std::lower_bound(before.begin(), before.end(), ideal) -
                           before.begin());
      cut = std::min(*best, seq.size());
    }
    if (cut <= first)
      continue;
    IRGenPart part;
    part.funcs.assign(seq.begin() + first, seq.begin() + cut);
    llvm::sort(part.funcs);
    part.unoptimized = unoptimized;
    parts.push_back(std::move(part));
    first = cut;
  }
}

/// Gives each optimised part (if \p optimized) the small functions of other
/// parts that its functions call (and those these call, if small too) as
/// imports and sets IRGenPart::declared, then IRGenPart::calledFromOtherParts
/// of every part: the callees of other parts' functions and imports, and the
/// imports themselves.
static void linkParts(const wasmkiln::Module &wasm, const CallEdges &calls,
                      const std::vector<bool> &optimizedFunc, bool optimized,
                      std::vector<IRGenPart> &parts) {
  std::vector<uint32_t> partOf(wasm.funcs.size(), UINT32_MAX);
  for (uint32_t p = 0; p < parts.size(); ++p)
    for (uint32_t func : parts[p].funcs)
      partOf[func] = p;
  std::vector<std::vector<uint32_t>> callees(wasm.funcs.size());
  for (const CallEdges::Edge &e : calls.edges)
    callees[e.caller].push_back(e.callee);
  std::vector<bool> called(wasm.funcs.size());
  std::vector<uint32_t> importedBy(wasm.funcs.size(), UINT32_MAX);
  for (uint32_t p = 0; p < parts.size(); ++p) {
    IRGenPart &part = parts[p];
    uint64_t own = 0;
    for (uint32_t func : part.funcs)
      own += weight(wasm, func);
    uint64_t budget = std::min(own / 4, MaxImportBytes);
    // The part's callees, then those of the copies, MaxImportDepth deep
    // (a chain of small functions would otherwise be copied whole).
    std::vector<uint32_t> level(part.funcs);
    for (unsigned depth = 0; !level.empty(); ++depth) {
      std::vector<uint32_t> copied;
      for (uint32_t func : level)
        for (uint32_t callee : callees[func]) {
          if (partOf[callee] == p || importedBy[callee] == p)
            continue;
          called[callee] = true;
          uint64_t bytes = weight(wasm, callee);
          if (optimized && !part.unoptimized && depth < MaxImportDepth &&
              optimizedFunc[callee] && bytes <= SmallCalleeBytes &&
              bytes <= budget) {
            budget -= bytes;
            importedBy[callee] = p;
            copied.push_back(callee);
          }
        }
      append_range(part.imports, copied);
      level = std::move(copied);
    }
    llvm::sort(part.imports);
    // A part without the module data declares only its functions, its
    // copies and what they call: all of them in every part would cost parts
    // times functions.
    if (!part.moduleData) {
      part.declared.assign(wasm.funcs.size(), false);
      for (uint32_t func : concat<const uint32_t>(part.funcs, part.imports)) {
        part.declared[func] = true;
        for (uint32_t callee : callees[func])
          part.declared[callee] = true;
      }
    }
  }
  for (IRGenPart &part : parts)
    part.calledFromOtherParts = called;
}

std::vector<IRGenPart> wasmkiln::planParts(const wasmkiln::Module &wasm,
                                           uint64_t partBytes,
                                           bool explicitChecks,
                                           bool optimized) {
  uint32_t numFuncs = wasm.funcs.size();
  // At -O0 every function is compiled alike: parts of their own would only
  // cost (yosys has 900 functions over the budget).
  std::vector<bool> overBudget;
  if (optimized)
    overBudget = unoptimizedFunctions(wasm, explicitChecks);
  std::vector<bool> optimizedFunc(numFuncs, false);
  std::vector<uint32_t> optimizedFuncs;
  bool anyUnoptimized = false;
  uint64_t total = 0;
  for (uint32_t i = wasm.numImportedFuncs; i < numFuncs; ++i) {
    total += weight(wasm, i);
    if (optimized && overBudget[i - wasm.numImportedFuncs]) {
      anyUnoptimized = true;
    } else {
      optimizedFunc[i] = true;
      optimizedFuncs.push_back(i);
    }
  }
  if (partBytes != 0 && total >= SplitThresholdBytes)
    partBytes = std::min(partBytes, divideCeil(total, MinSplitParts));
  if (!anyUnoptimized && (partBytes == 0 || total <= partBytes))
    return {IRGenPart()};

  CallEdges calls(wasm);
  std::vector<IRGenPart> parts;
  {
    Clusters clusters(wasm, calls, optimizedFunc,
                      partBytes ? partBytes : UINT64_MAX);
    std::vector<bool> starts;
    std::vector<uint32_t> seq = clusters.order(optimizedFuncs, starts);
    splitSequence(wasm, seq, starts, calls, partBytes, false, parts);
  }
  // A run of adjacent functions over the budget shares parts, after the
  // optimised ones: one part each cost yosys 900 parts' fixed costs.
  for (uint32_t i = wasm.numImportedFuncs; i < numFuncs;) {
    if (optimizedFunc[i]) {
      ++i;
      continue;
    }
    std::vector<uint32_t> run;
    for (; i < numFuncs && !optimizedFunc[i]; ++i)
      run.push_back(i);
    std::vector<bool> starts(run.size() + 1, true);
    splitSequence(wasm, run, starts, calls, partBytes, true, parts);
  }
  if (parts.size() <= 1) {
    IRGenPart whole;
    whole.unoptimized = !parts.empty() && parts[0].unoptimized;
    return {whole};
  }
  for (IRGenPart &part : parts) {
    part.moduleData = &part == &parts.front();
    part.split = true;
  }
  linkParts(wasm, calls, optimizedFunc, optimized, parts);
  return parts;
}

/// Generates, optimises and emits one part; its IR is freed on return.
static Error compilePart(const wasmkiln::Module &wasm,
                         const CompileOptions &options, IRGenPart part,
                         TargetMachine &tm, const ModuleDataHook &hook,
                         SmallVectorImpl<char> &object, PhaseTimes &times) {
  Stopwatch watch;
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
  /// Where each failed part's error is in module order (errorOrder).
  std::vector<size_t> errorOrders;
  std::atomic<size_t> next{0};
  std::atomic<unsigned> cachedParts{0};
  /// The earliest failed function's error offset: parts whose functions all
  /// come later are skipped, their errors would not be the first.
  std::atomic<size_t> firstFailed{SIZE_MAX};

  /// Whether \p offset is in one of \p part's bodies.
  bool inBodies(const IRGenPart &part, size_t offset) const {
    if (part.funcs.empty())
      return true;
    auto after =
        llvm::upper_bound(part.funcs, offset, [&](size_t o, uint32_t f) {
          return o < wasm.body(f).bodyOffset;
        });
    if (after == part.funcs.begin())
      return false;
    const FunctionBody &body = wasm.body(*std::prev(after));
    return offset < body.codeOffset + body.code.size();
  }

  /// A part stops at its first invalid function, as the serial pipeline
  /// does: its error is ordered by its offset. Module-level errors (offset
  /// outside the bodies, or none) come after every function's.
  void fail(size_t index, Error err) {
    size_t order = SIZE_MAX;
    err = handleErrors(std::move(err), [&](std::unique_ptr<WasmError> e) {
      if (inBodies(parts[index], e->getOffset()))
        order = e->getOffset();
      return Error(std::move(e));
    });
    errorOrders[index] = order;
    errors[index].emplace(std::move(err));
    size_t seen = firstFailed.load();
    while (order < seen && !firstFailed.compare_exchange_weak(seen, order)) {
    }
  }
  /// Whether part \p index can only fail after an error already found.
  bool comesAfterFailure(size_t index) const {
    const IRGenPart &part = parts[index];
    size_t failed = firstFailed.load();
    return failed != SIZE_MAX && !part.funcs.empty() &&
           wasm.body(part.funcs.front()).bodyOffset > failed;
  }

  /// With a cache, each part's key (getPartCacheKey).
  std::vector<CacheKey> keys;

  void work() {
    // Created on the first miss: a fully cached module needs none.
    std::optional<Expected<std::unique_ptr<TargetMachine>>> tm;
    for (size_t i = next++; i < parts.size(); i = next++) {
      if (comesAfterFailure(i))
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
  queue.errorOrders.resize(numParts, SIZE_MAX);
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
  size_t firstPart = SIZE_MAX;
  for (size_t i = 0; i < numParts; ++i)
    if (queue.errors[i] && *queue.errors[i] &&
        (firstPart == SIZE_MAX ||
         queue.errorOrders[i] < queue.errorOrders[firstPart]))
      firstPart = i;
  for (size_t i = 0; i < numParts; ++i) {
    std::optional<Error> &err = queue.errors[i];
    if (!err || !*err)
      continue;
    if (i == firstPart)
      first.emplace(std::move(*err));
    else
      consumeError(std::move(*err));
  }
  if (first)
    return std::move(*first);
  for (const PhaseTimes &t : queue.times)
    result.times.merge(t);
  result.objects = std::move(queue.objects);
  return result;
}
