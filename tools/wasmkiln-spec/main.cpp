//===- main.cpp - wasmkiln-spec: the spec test runner ---------------------===//
//
// wasmkiln-spec [--aot] FILE.json... runs wast2json command files and prints
// one line per failed command and a closing "N passed, N failed, N skipped".
// Modules are compiled with the ORC JIT, or with --aot through the
// ahead-of-time path (object, lld-linked shared object, dlopen). With
// --trace it prints what every action did instead (Trace.h; used by
// test/fuzz/differential.py), many files per process. With --target for
// another machine (and --aot, --cross-dir) it only prepares the run for
// wasmkiln-spec-run there (CrossPlan.h).
//
//===----------------------------------------------------------------------===//

#include "CrossPlan.h"
#include "SpecRunner.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/WithColor.h"

using namespace llvm;
using namespace wasmkiln;

static cl::OptionCategory category("wasmkiln-spec options");
static cl::list<std::string> inputs(cl::Positional, cl::desc("<test.json>..."),
                                    cl::OneOrMore, cl::cat(category));
static cl::opt<BoundsChecks> boundsChecks(
    "bounds-checks", cl::desc("How memory accesses are sandboxed"),
    cl::init(BoundsChecks::Guard),
    cl::values(clEnumValN(BoundsChecks::Guard, "guard", "guard pages"),
               clEnumValN(BoundsChecks::Explicit, "explicit",
                          "explicit checks")),
    cl::cat(category));
static cl::opt<bool> aot("aot",
                         cl::desc("Compile modules ahead of time (object + "
                                  "lld shared object + dlopen), not with the "
                                  "JIT"),
                         cl::cat(category));
static cl::opt<bool>
    keepTemps("keep-temps",
              cl::desc("With --aot: keep the .o/.so files (for debugging)"),
              cl::cat(category));
static cl::opt<bool>
    trace("trace",
          cl::desc("Print what each action did in the format of wabt's "
                   "spectest-interp (results, traps, spectest.print calls) "
                   "instead of checking it; each file starts with a line "
                   "\"## FILE\" and ends with \"## end\""),
          cl::cat(category));
static cl::opt<uint64_t>
    maxStack("max-stack",
             cl::desc("Bytes of native stack one call from the runner may "
                      "use (wk_instantiate_options.max_stack_bytes; 0: the "
                      "thread's)"),
             cl::init(0), cl::cat(category));
static cl::opt<unsigned> optLevel("O", cl::desc("Optimisation level (0-3)"),
                                  cl::Prefix, cl::init(1), cl::cat(category));
static cl::opt<InterruptChecks> interruptChecks(
    "interrupt-checks",
    cl::desc("Compile the checks of --timeout or --fuel (unlimited here)"),
    cl::init(InterruptChecks::None),
    cl::values(clEnumValN(InterruptChecks::None, "none", "none"),
               clEnumValN(InterruptChecks::Interrupt, "interrupt",
                          "interrupt flag"),
               clEnumValN(InterruptChecks::Fuel, "fuel", "flag and fuel")),
    cl::cat(category));

static cl::list<std::string>
    disabledFeatures("disable",
                     cl::desc("Reject modules that use these features (names "
                              "as in wasmkiln --disable; 3.0 for 2.0's rules)"),
                     cl::CommaSeparated, cl::cat(category));

static cl::opt<std::string>
    target("target",
           cl::desc("With --aot and --cross-dir: compile for this target "
                    "(as wasmkiln --target) and write the run for "
                    "wasmkiln-spec-run instead of running it"),
           cl::init(DefaultTarget), cl::cat(category));
static cl::opt<std::string>
    crossDir("cross-dir",
             cl::desc("With --target: the directory for the shared objects "
                      "and plan.txt"),
             cl::cat(category));

static void printCounts(const spec::Counts &total) {
  outs() << total.passed << " passed, " << total.failed << " failed, "
         << total.skipped << " skipped\n";
}

/// --target: the host's half of a cross run, one file.
static int planCross(const std::string &input, const CompileOptions &options,
                     const std::string &dir) {
  auto tm = spec::createPICTargetMachine(options.codegen);
  if (!tm) {
    WithColor::error(errs(), "wasmkiln-spec") << toString(tm.takeError())
                                              << "\n";
    return 2;
  }
  spec::CrossPlanner planner(**tm, options, dir, outs());
  if (Error err = planner.planFile(input)) {
    WithColor::error(errs(), "wasmkiln-spec")
        << input << ": " << toString(std::move(err)) << "\n";
    return 2;
  }
  printCounts(planner.counts());
  return planner.counts().failed == 0 ? 0 : 1;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(category);
  cl::ParseCommandLineOptions(argc, argv, "wasmkiln spec test runner\n");

  CompileOptions options;
  options.codegen.optLevel = optLevel;
  options.irgen.boundsChecks = boundsChecks;
  options.irgen.interruptChecks = interruptChecks;
  std::string featureError;
  std::optional<FeatureSet> disabled =
      parseDisabledFeatures(disabledFeatures, featureError);
  if (!disabled) {
    WithColor::error(errs(), "wasmkiln-spec") << featureError << "\n";
    return 2;
  }
  options.disabledFeatures = *disabled;
  if (target != DefaultTarget) {
    auto triple = parseTarget(target);
    if (!triple) {
      WithColor::error(errs(), "wasmkiln-spec")
          << toString(triple.takeError()) << "\n";
      return 2;
    }
    if (!aot || crossDir.empty() || inputs.size() != 1 || trace) {
      WithColor::error(errs(), "wasmkiln-spec")
          << "--target needs --aot, --cross-dir and one input file\n";
      return 2;
    }
    options.codegen.target = targetName(*triple);
    // Copies: lld resets the cl options when it links (see below).
    return planCross(std::string(inputs.front()), options,
                     std::string(crossDir));
  }
  auto loader = aot ? spec::createAOTLoader(options.codegen, keepTemps)
                    : spec::createJITLoader(options.codegen);
  if (!loader) {
    WithColor::error(errs(), "wasmkiln-spec")
        << toString(loader.takeError()) << "\n";
    return 2;
  }
  if (trace)
    *loader = spec::createCachingLoader(std::move(*loader));
  // Copies of the options: lld resets every cl option to its default (and
  // empties cl::lists) when it links, so after the first --aot module they
  // would read as defaults, and iterating over `inputs` would read freed
  // memory.
  const std::vector<std::string> files(inputs.begin(), inputs.end());
  const bool traceOn = trace;
  const uint64_t maxStackBytes = maxStack;
  spec::Counts total;
  bool ok = true;
  for (const std::string &input : files) {
    spec::SpecRunner runner(**loader, options, outs());
    runner.setTrace(traceOn);
    runner.setMaxStack(maxStackBytes);
    if (traceOn)
      outs() << "## " << input << "\n";
    if (Error err = runner.runFile(input)) {
      WithColor::error(errs(), "wasmkiln-spec")
          << input << ": " << toString(std::move(err)) << "\n";
      ok = false;
    }
    if (traceOn)
      outs() << "## end\n";
    outs().flush();
    total.passed += runner.counts().passed;
    total.failed += runner.counts().failed;
    total.skipped += runner.counts().skipped;
  }
  printCounts(total);
  return ok && total.failed == 0 ? 0 : 1;
}
