//===- main.cpp - The wasmkiln command-line tool --------------------------===//
//
// Parses options and runs the pipeline: a .wasm (or .wat) file in, a
// standalone executable, object, assembly or LLVM IR out. All compiler logic
// lives in compiler/; this file only translates flags and reports errors.
//
//===----------------------------------------------------------------------===//

#include "Input.h"
#include "Run.h"
#include "wasmkiln/driver/Cache.h"
#include "wasmkiln/driver/Compile.h"
#include "wasmkiln/driver/Config.h"
#include "wasmkiln/driver/HeaderGen.h"
#include "wasmkiln/driver/Link.h"
#include "wasmkiln/driver/ParallelCompile.h"
#include "wasmkiln/wasm/Error.h"

#include "wasmkiln/runtime.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace wasmkiln;

static cl::OptionCategory category("wasmkiln options");
static cl::SubCommand runCommand("run",
                                 "Compile in memory and run (JIT), like "
                                 "'wasmtime run'");
// Options both `wasmkiln` and `wasmkiln run` take.
#define BOTH cl::sub(cl::SubCommand::getTopLevel()), cl::sub(runCommand)

static cl::opt<std::string> runInput(cl::Positional,
                                     cl::desc("<app.wasm|app.wat>"),
                                     cl::Required, cl::sub(runCommand),
                                     cl::cat(category));
static cl::list<std::string> runArgs(cl::ConsumeAfter,
                                     cl::desc("<program arguments>..."),
                                     cl::sub(runCommand), cl::cat(category));
static cl::opt<std::string>
    invokeName("invoke",
               cl::desc("Call this export with the arguments and print "
                        "its results"),
               cl::value_desc("export"), cl::sub(runCommand),
               cl::cat(category));

static cl::opt<std::string> inputFile(cl::Positional,
                                      cl::desc("<input.wasm|input.wat>"),
                                      cl::Required, cl::cat(category));
static cl::opt<std::string> outputFile("o", cl::desc("Output file"),
                                       cl::value_desc("file"),
                                       cl::cat(category));

enum class Emit { Exe, Obj, Asm, LLVM };
static cl::opt<Emit> emitKind(
    "emit", cl::desc("What to produce (default: exe)"), cl::init(Emit::Exe),
    cl::values(clEnumValN(Emit::Exe, "exe", "a standalone executable"),
               clEnumValN(Emit::Obj, "obj", "an ELF object file"),
               clEnumValN(Emit::Asm, "asm", "assembly"),
               clEnumValN(Emit::LLVM, "llvm", "LLVM IR (after optimisation)")),
    cl::cat(category));
static cl::opt<bool> objectOnly("c", cl::desc("Same as --emit=obj"),
                                cl::cat(category));
static cl::opt<char> optLevel("O", cl::desc("Optimisation level: 0-3 or s"),
                              cl::Prefix, cl::init('2'), BOTH, cl::cat(category));
static cl::opt<BoundsChecks> boundsChecks(
    "bounds-checks", cl::desc("How memory accesses are sandboxed"),
    cl::init(BoundsChecks::Guard),
    cl::values(clEnumValN(BoundsChecks::Guard, "guard",
                          "reserve guard regions, no checks (default)"),
               clEnumValN(BoundsChecks::Explicit, "explicit",
                          "check every access")),
    BOTH, cl::cat(category));
static cl::opt<std::string>
    moduleName("module-name",
               cl::desc("Name used in symbols (default: from the name "
                        "section or the file name)"),
               cl::cat(category));
static cl::opt<std::string>
    target("target",
           cl::desc("Target: x86_64-linux-gnu (default) or aarch64-linux-gnu"),
           cl::init(DefaultTarget), cl::cat(category));
static cl::opt<std::string> cpu("cpu",
                                cl::desc("Target CPU, or 'native' (default: "
                                         "x86-64-v2; aarch64: generic)"),
                                BOTH, cl::cat(category));
static cl::opt<bool> strip("strip", cl::desc("Strip symbols from executables"),
                           cl::cat(category));
static cl::opt<bool> debugInfo(
    "g",
    cl::desc("Emit DWARF: the module's own (clang -g) translated, else wasm "
             "code offsets as lines (docs/debugging.md)"),
    BOTH, cl::cat(category));
static cl::opt<bool> framePointers(
    "frame-pointers",
    cl::desc("Keep a frame-pointer chain through wasm code, for profilers "
             "that walk it (perf record -g)"),
    BOTH, cl::cat(category));
static cl::opt<bool> validateOnly(
    "validate",
    cl::desc("Only decode and validate; print the features the module uses"),
    cl::cat(category));
static cl::list<std::string>
    disabledFeatures("disable",
                     cl::desc("Reject modules that use these features "
                              "(all are on by default; --validate names them)"),
                     cl::value_desc("feature,..."), cl::CommaSeparated, BOTH,
                     cl::cat(category));
static cl::opt<bool> timeReport("time-report",
                                cl::desc("Print the time of each phase"),
                                BOTH, cl::cat(category));
static cl::opt<unsigned>
    jobs("j",
         cl::desc("Compile on N threads (default: one per hardware thread)"),
         cl::value_desc("N"), cl::Prefix, cl::init(0), BOTH,
         cl::cat(category));
static cl::alias jobsLong("jobs", cl::desc("Same as -j"), cl::aliasopt(jobs),
                          cl::NotHidden);
static cl::opt<uint64_t> partSize(
    "part-size",
    cl::desc("Split modules into parts of about this many bytes of code, "
             "compiled in parallel (0: never split; default 262144)"),
    cl::value_desc("bytes"), cl::init(CompileOptions().partBytes), BOTH,
    cl::cat(category));
static cl::list<std::string>
    linkInputs("link", cl::desc("Object or archive providing host imports"),
               cl::value_desc("file"), cl::cat(category));
static cl::list<std::string>
    dirGrants("dir", cl::desc("Preopen HOST as GUEST (HOST[::GUEST])"),
              cl::value_desc("dir"), BOTH, cl::cat(category));
static cl::list<std::string>
    roDirGrants("ro-dir", cl::desc("Preopen read-only (HOST[::GUEST])"),
                cl::value_desc("dir"), BOTH, cl::cat(category));
static cl::list<std::string> envGrants("env",
                                       cl::desc("Set NAME=VALUE for the guest"),
                                       cl::value_desc("NAME=VALUE"),
                                       BOTH, cl::cat(category));
static cl::opt<std::string>
    headerFile("header",
               cl::desc("Also write a C header for embedding the module"),
               cl::value_desc("file"), cl::cat(category));
static cl::opt<bool> inheritEnv("inherit-env",
                                cl::desc("Pass the host environment through"),
                                BOTH, cl::cat(category));

// Resource limits (docs/reliability.md): baked into executables.
static cl::opt<std::string> maxMemory(
    "max-memory", cl::desc("Cap every memory at SIZE (bytes, K/M/G, or Np)"),
    cl::value_desc("SIZE"), BOTH, cl::cat(category));
static cl::opt<std::string>
    maxStack("max-stack", cl::desc("Native stack budget of wasm code"),
             cl::value_desc("SIZE"), BOTH, cl::cat(category));
static cl::opt<std::string> fuelLimit(
    "fuel", cl::desc("Check fuel; trap after N function entries and loop "
                     "iterations"),
    cl::value_desc("N"), BOTH, cl::cat(category));
static cl::opt<std::string>
    timeoutLimit("timeout", cl::desc("Check interrupts; trap after SECONDS"),
                 cl::value_desc("SECONDS"), BOTH, cl::cat(category));

// The compile cache (docs/performance.md, "Compile cache").
static cl::SubCommand cacheCommand("cache",
                                   "Show or empty the compile cache "
                                   "(stats | clear)");
#define WITH_CACHE BOTH, cl::sub(cacheCommand)
static cl::opt<std::string> cacheAction(cl::Positional,
                                        cl::desc("<stats|clear>"),
                                        cl::Required, cl::sub(cacheCommand),
                                        cl::cat(category));
static cl::opt<std::string> cacheDir(
    "cache",
    cl::desc("Reuse compiled objects from DIR (default with run; DIR "
             "defaults to $XDG_CACHE_HOME/wasmkiln or ~/.cache/wasmkiln)"),
    cl::value_desc("DIR"), cl::ValueOptional, WITH_CACHE, cl::cat(category));
static cl::opt<bool> noCache("no-cache", cl::desc("Do not use the cache"),
                             BOTH, cl::cat(category));
static cl::opt<std::string> cacheLimit(
    "cache-limit",
    cl::desc("Evict least recently used entries over SIZE (bytes, K/M/G; "
             "default 1G)"),
    cl::value_desc("SIZE"), WITH_CACHE, cl::cat(category));

static std::string programName = "wasmkiln";

[[noreturn]] static void fail(const Twine &message) {
  WithColor::error(errs(), programName) << message << "\n";
  exit(1);
}

[[noreturn]] static void failWith(const ModuleInput &input, Error err) {
  input.printError(errs(), std::move(err));
  exit(1);
}

/// A byte count with an optional K, M or G suffix (binary units).
static uint64_t parseByteSize(StringRef text, StringRef option) {
  uint64_t scale = 1;
  StringRef digits = text;
  if (!digits.empty()) {
    switch (toUpper(digits.back())) {
    case 'K': scale = uint64_t(1) << 10; break;
    case 'M': scale = uint64_t(1) << 20; break;
    case 'G': scale = uint64_t(1) << 30; break;
    }
    if (scale != 1)
      digits = digits.drop_back();
  }
  uint64_t value;
  if (digits.getAsInteger(10, value) || value > UINT64_MAX / scale)
    fail("invalid --" + option + " '" + text + "': expected bytes with an "
         "optional K, M or G");
  return value * scale;
}

/// The cache the options ask for: --cache[=DIR], or by default with run;
/// none with --no-cache or when no directory can be named.
static std::unique_ptr<ObjectCache> openCache(bool byDefault) {
  if (noCache || (!byDefault && !cacheDir.getNumOccurrences()))
    return nullptr;
  std::string dir = cacheDir.empty() ? ObjectCache::defaultDir() : cacheDir;
  if (dir.empty())
    return nullptr;
  uint64_t limit = ObjectCache::DefaultLimit;
  if (!cacheLimit.empty())
    limit = parseByteSize(cacheLimit, "cache-limit");
  return std::make_unique<ObjectCache>(dir, limit);
}

/// `wasmkiln cache stats|clear`.
static int runCacheCommand() {
  std::string dir = cacheDir.empty() ? ObjectCache::defaultDir() : cacheDir;
  if (dir.empty())
    fail("no cache directory: set XDG_CACHE_HOME or HOME, or pass --cache=DIR");
  if (cacheAction == "clear") {
    clearCache(dir);
    outs() << "cleared " << dir << "\n";
    return 0;
  }
  if (cacheAction != "stats")
    fail("unknown cache action '" + cacheAction + "': expected stats or clear");
  CacheStats stats = getCacheStats(dir);
  outs() << "directory: " << dir << "\nentries: " << stats.entries
         << "\nbytes: " << stats.bytes << "\n";
  return 0;
}

/// The --disable list as a set; an unknown name is an error listing them.
static FeatureSet parseDisabledFeatures() {
  std::string error;
  std::optional<FeatureSet> set =
      wasmkiln::parseDisabledFeatures(disabledFeatures, error);
  if (!set)
    fail(error);
  return *set;
}

/// The grants baked into an executable, one per line (see docs/wasi.md).
static std::string collectGrants() {
  std::string grants;
  for (const std::string &dir : dirGrants)
    grants += "dir=" + dir + "\n";
  for (const std::string &dir : roDirGrants)
    grants += "ro-dir=" + dir + "\n";
  for (const std::string &env : envGrants)
    grants += "env=" + env + "\n";
  if (inheritEnv)
    grants += "inherit-env\n";
  return grants;
}

/// The limits text of runtime.h's wk_parse_limits (checked here), one a
/// line; executables get it before their grants (wasi-impl/main.c).
static std::string collectLimits(IRGenOptions &irgen) {
  std::string limits;
  auto add = [&](StringRef key, const std::string &value) {
    if (!value.empty())
      limits += (key + "=" + value + "\n").str();
  };
  add("max-memory", maxMemory);
  add("max-stack", maxStack);
  add("fuel", fuelLimit);
  add("timeout", timeoutLimit);
  wk_instantiate_options parsed = {};
  char err[256];
  if (wk_parse_limits(limits.c_str(), &parsed, err, sizeof err))
    fail(err);
  irgen.interruptChecks = !fuelLimit.empty()      ? InterruptChecks::Fuel
                          : !timeoutLimit.empty() ? InterruptChecks::Interrupt
                                                  : InterruptChecks::None;
  return limits;
}

/// Adds what the standalone main needs: the descriptor under a fixed name
/// and the baked-in \p grants. Runs on a compiler thread.
static Error addExecutableEntry(llvm::Module &ir, StringRef descriptor,
                                StringRef grants) {
  GlobalVariable *desc = ir.getNamedGlobal(descriptor);
  if (!desc)
    return createStringError(inconvertibleErrorCode(),
                             "internal error: no module descriptor " +
                                 descriptor);
  GlobalAlias::create("wasmkiln_main_module", desc);
  Constant *init = ConstantDataArray::getString(ir.getContext(), grants);
  new GlobalVariable(ir, init->getType(), true, GlobalValue::ExternalLinkage,
                     init, "wasmkiln_grants");
  return Error::success();
}

/// lld reports a missing host function as an undefined wkimport_ symbol;
/// say which wasm import that is.
static Error explainUnresolvedImports(const wasmkiln::Module &module,
                                      Error err) {
  std::string text = toString(std::move(err));
  std::string missing;
  for (const Import &import : module.imports) {
    if (import.kind != ExternKind::Func)
      continue;
    std::string symbol = getImportSymbolName(import.module, import.field);
    if (text.find("undefined symbol: " + symbol) == std::string::npos)
      continue;
    missing += "\n  " + import.module + "." + import.field + " (host symbol " +
               symbol + ")";
  }
  if (missing.empty())
    return createStringError(inconvertibleErrorCode(), text);
  return createStringError(inconvertibleErrorCode(),
                           "unknown import, not WASI and not provided "
                           "(pass --link=FILE to provide it):" +
                               missing);
}

static unsigned parseOptLevel(CodegenOptions &codegen) {
  switch (optLevel) {
  case '0':
  case '1':
  case '2':
  case '3':
    return optLevel - '0';
  case 's':
    codegen.sizeLevel = true;
    return 2;
  default:
    fail(Twine("invalid optimisation level -O") + Twine(optLevel));
  }
}

static std::string defaultOutput(Emit kind) {
  StringRef stem = sys::path::stem(inputFile);
  switch (kind) {
  case Emit::Exe:
    return stem.str();
  case Emit::Obj:
    return (stem + ".o").str();
  case Emit::Asm:
    return (stem + ".s").str();
  case Emit::LLVM:
    return (stem + ".ll").str();
  }
  return stem.str();
}

static void writeHeader(const wasmkiln::Module &wasm, StringRef name) {
  if (headerFile.empty())
    return;
  std::error_code ec;
  ToolOutputFile header(headerFile, ec, sys::fs::OF_Text);
  if (ec)
    fail("cannot write '" + headerFile + "': " + ec.message());
  header.os() << generateHeader(wasm, name);
  header.keep();
}

/// --emit=asm|llvm: one LLVM module on one thread, so that the text is the
/// whole module.
static int emitText(const ModuleInput &input, Emit kind,
                    const CompileOptions &options, StringRef output) {
  auto tm = createTargetMachine(options.codegen);
  if (!tm)
    failWith(input, tm.takeError());
  LLVMContext context;
  auto compiled = compileModule(input.bytes(), context, **tm, options);
  if (!compiled)
    failWith(input, compiled.takeError());
  writeHeader(*compiled->wasm, options.irgen.moduleName);
  std::error_code ec;
  ToolOutputFile out(output, ec, sys::fs::OF_Text);
  if (ec)
    fail("cannot write '" + output + "': " + ec.message());
  Stopwatch watch;
  if (Error err = emitModule(
          *compiled->ir, **tm,
          kind == Emit::Asm ? EmitKind::Assembly : EmitKind::LLVMIR, out.os()))
    failWith(input, std::move(err));
  out.keep();
  if (options.timeReport) {
    Lap lap = watch.lap();
    compiled->times.addParallel(Phase::Codegen, lap);
    compiled->times.parallelWallSeconds += lap.wall;
    printTimeReport(errs(), compiled->times);
  }
  return 0;
}

/// Links the parts into an executable, or merges them into one object. The
/// temporary objects are gone when this returns, also on errors.
static Error linkObjects(const CompiledObjects &compiled, Emit kind,
                         StringRef output, const char *argv0) {
  TemporaryObjects objects;
  if (Error err = objects.write(compiled.objects))
    return err;
  if (kind == Emit::Obj)
    return linkRelocatable(objects.paths(), output);
  LinkOptions link;
  link.runtimeLibDir = findRuntimeLibDir(argv0);
  link.target = target;
  link.extraInputs.assign(linkInputs.begin(), linkInputs.end());
  link.strip = strip;
  if (Error err = linkExecutable(objects.paths(), output, link))
    return explainUnresolvedImports(*compiled.wasm, std::move(err));
  return Error::success();
}

/// Executables and objects: the parallel pipeline, then lld.
static int compileAndLink(const ModuleInput &input, Emit kind,
                          const CompileOptions &options, StringRef output,
                          const char *argv0, StringRef limits) {
  std::string grants = limits.str() + collectGrants();
  std::string descriptor = getDescriptorSymbolName(options.irgen.moduleName);
  ModuleDataHook hook;
  CompileOptions withHook = options;
  if (kind == Emit::Exe) {
    hook = [&](llvm::Module &ir) {
      return addExecutableEntry(ir, descriptor, grants);
    };
    withHook.moduleDataKey = "executable entry\n" + descriptor + "\n" + grants;
  }
  auto compiled = compileToObjects(input.bytes(), withHook, hook);
  if (!compiled)
    failWith(input, compiled.takeError());
  writeHeader(*compiled->wasm, options.irgen.moduleName);

  Stopwatch watch(Stopwatch::Process); // lld runs threads of its own
  if (kind == Emit::Obj && compiled->objects.size() == 1) {
    std::error_code ec;
    ToolOutputFile out(output, ec, sys::fs::OF_None);
    if (ec)
      fail("cannot write '" + output + "': " + ec.message());
    out.os().write(compiled->objects[0].data(), compiled->objects[0].size());
    out.keep();
  } else if (Error err = linkObjects(*compiled, kind, output, argv0)) {
    failWith(input, std::move(err));
  }
  // Not the flag: lld resets every cl::opt to its default.
  if (options.timeReport) {
    compiled->times.addSerial(Phase::Link, watch.lap());
    printTimeReport(errs(), compiled->times);
  }
  return 0;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  programName = sys::path::filename(argv[0]).str();
  cl::HideUnrelatedOptions(category);
  cl::SetVersionPrinter([](raw_ostream &os) {
    os << "wasmkiln " WASMKILN_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });
  cl::ParseCommandLineOptions(
      argc, argv,
      "wasmkiln: compile WebAssembly to sandboxed native code\n\n"
      "  wasmkiln app.wasm -o app        a standalone executable\n"
      "  wasmkiln -c mod.wasm -o mod.o   an object file\n"
      "  wasmkiln run app.wasm [args]    compile in memory and run\n");

  if (cacheCommand)
    return runCacheCommand();
  if (runCommand) {
    RunRequest request;
    std::unique_ptr<ObjectCache> cache = openCache(/*byDefault=*/true);
    request.options.cache = cache.get();
    request.input = runInput;
    request.args.assign(runArgs.begin(), runArgs.end());
    request.invoke = invokeName;
    request.grants = collectGrants();
    request.options.codegen.optLevel =
        parseOptLevel(request.options.codegen);
    request.options.codegen.cpu = cpu;
    request.options.codegen.framePointers = framePointers;
    request.options.irgen.boundsChecks = boundsChecks;
    request.options.irgen.debugInfo = debugInfo;
    request.options.warn = [](const Warning &w) {
      printWarning(errs(), runInput, w);
    };
    request.options.timeReport = timeReport;
    request.options.jobs = jobs;
    request.options.partBytes = partSize;
    request.options.disabledFeatures = parseDisabledFeatures();
    request.limits = collectLimits(request.options.irgen);
    return runModule(request);
  }

  auto buffer = MemoryBuffer::getFileOrSTDIN(inputFile, /*IsText=*/false);
  if (!buffer)
    fail("cannot read '" + inputFile + "': " + buffer.getError().message());
  auto read = ModuleInput::create(inputFile, std::move(*buffer));
  if (!read) {
    printInputError(errs(), inputFile, read.takeError());
    return 1;
  }
  const ModuleInput &input = *read;

  if (validateOnly) {
    auto used = validateBytes(input.bytes(), parseDisabledFeatures());
    if (!used)
      failWith(input, used.takeError());
    outs() << "features: " << (used->empty() ? "mvp" : used->names(" "))
           << "\n";
    return 0;
  }

  Emit kind = objectOnly ? Emit::Obj : emitKind.getValue();
  CompileOptions options;
  options.codegen.optLevel = parseOptLevel(options.codegen);
  options.codegen.cpu = cpu;
  options.codegen.framePointers = framePointers;
  if (auto triple = parseTarget(target))
    options.codegen.target = target;
  else
    fail(toString(triple.takeError()));
  options.codegen.pic = kind != Emit::Exe;
  options.irgen.boundsChecks = boundsChecks;
  options.irgen.debugInfo = debugInfo;
  options.warn = [&](const Warning &w) { printWarning(errs(), inputFile, w); };
  options.irgen.staticImports = true;
  options.timeReport = timeReport;
  options.jobs = jobs;
  options.partBytes = partSize;
  options.disabledFeatures = parseDisabledFeatures();
  std::unique_ptr<ObjectCache> cache = openCache(/*byDefault=*/false);
  options.cache = cache.get();
  std::string name = moduleName;
  if (name.empty())
    name = sys::path::stem(inputFile).str();
  options.irgen.moduleName = sanitizeIdentifier(name);
  std::string limits = collectLimits(options.irgen);
  std::string output = outputFile.empty() ? defaultOutput(kind) : outputFile;
  if (kind == Emit::Asm || kind == Emit::LLVM)
    return emitText(input, kind, options, output);
  return compileAndLink(input, kind, options, output, argv[0], limits);
}
