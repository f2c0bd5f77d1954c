//===- InstanceTest.cpp - wk_instantiate, import matching, exports -------===//
//
// Modules are hand-built descriptors whose functions and init are C
// functions, laid out as the compiler would (see Helpers.h).
//
//===----------------------------------------------------------------------===//

#include "Helpers.h"

#include <gtest/gtest.h>

#include <memory>
#include <pthread.h>
#include <string>

using namespace wktest;

static wk_value *globalAt(wk_instance *instance, uint32_t index) {
  const wk_global_desc &g = instance->module->globals[index];
  if (g.is_imported)
    return *static_cast<wk_value **>(instanceArea(instance, g.offset));
  return static_cast<wk_value *>(instanceArea(instance, g.offset));
}
static wk_memory *memoryAt(wk_instance *instance, uint32_t index) {
  return static_cast<wk_memory **>(
      instanceArea(instance, instance->module->memories_offset))[index];
}
static wk_table *tableAt(wk_instance *instance, uint32_t index) {
  return static_cast<wk_table **>(
      instanceArea(instance, instance->module->tables_offset))[index];
}
static wk_func *definedFunc(wk_instance *instance, uint32_t index) {
  return static_cast<wk_func *>(
             instanceArea(instance, instance->module->funcs_offset)) +
         index;
}

static int32_t add(void *ctx, int32_t a, int32_t b) {
  // Proves ctx is the instance: reads global 0.
  return a + b + globalAt(static_cast<wk_instance *>(ctx), 0)->i32;
}

// init of the "full" module: global initialisers, an elem and a data
// segment.
static void initFull(wk_instance *instance) {
  globalAt(instance, 0)->i32 = 0;
  globalAt(instance, 1)->f64 = 2.5;
  static const uint8_t data[] = {'h', 'i'};
  wk_memory_init(memoryAt(instance, 0), data, 2, 8, 0, 2);
  void *items[1] = {definedFunc(instance, 0)};
  wk_table_init(tableAt(instance, 0), items, 1, 1, 0, 1);
}

namespace {
/// A module defining one of everything, exported as "mem", "tab", "g",
/// "pi", "add".
struct FullModule {
  FullModule(uint32_t boundsChecks = 0) {
    b.module.bounds_checks = boundsChecks;
    uint32_t sig = b.type("ii:i", entryII_I);
    b.exportAs("mem", WK_EXTERN_MEMORY, b.memory(limits(1, 2)));
    b.exportAs("tab", WK_EXTERN_TABLE, b.table(WK_FUNCREF, limits(2, 10)));
    b.exportAs("g", WK_EXTERN_GLOBAL, b.global(WK_I32, true));
    b.exportAs("pi", WK_EXTERN_GLOBAL, b.global(WK_F64, false));
    b.exportAs("add", WK_EXTERN_FUNC,
               b.func(reinterpret_cast<void *>(add), sig, "add"));
    b.module.init = initFull;
  }
  ModuleBuilder b;
};

struct Instance {
  Instance(const wk_module *module,
           const wk_instantiate_options *options = nullptr) {
    status = wk_instantiate(module, options, &instance, error, sizeof error);
  }
  ~Instance() { wk_instance_free(instance); }
  wk_extern get(const char *name) {
    wk_extern ext{};
    EXPECT_EQ(wk_instance_export(instance, name, &ext), 0) << name;
    return ext;
  }
  wk_instance *instance = nullptr;
  wk_status status;
  char error[256] = "";
};
} // namespace

TEST(Instance, DefinitionsAndExports) {
  FullModule full;
  int hostThing, wasiThing;
  wk_instantiate_options options{};
  options.host_ctx = &hostThing;
  options.wasi = &wasiThing;
  Instance i(full.b.finish(), &options);
  ASSERT_EQ(i.status, WK_OK) << i.error;
  EXPECT_EQ(i.instance->module, &full.b.module);
  EXPECT_EQ(i.instance->host_ctx, &hostThing);
  EXPECT_EQ(i.instance->wasi, &wasiThing);
  EXPECT_NE(i.instance->stack_limit, 0u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(i.instance) % 64, 0u);

  wk_extern mem = i.get("mem");
  EXPECT_EQ(mem.kind, (uint32_t)WK_EXTERN_MEMORY);
  EXPECT_EQ(i.instance->mem0, mem.u.memory);
  EXPECT_EQ(std::string((char *)mem.u.memory->base + 8, 2), "hi");

  wk_extern g = i.get("g");
  EXPECT_EQ(g.kind, (uint32_t)WK_EXTERN_GLOBAL);
  EXPECT_EQ(g.global_type, (uint32_t)WK_I32);
  EXPECT_EQ(g.global_mutable, 1u);
  g.u.global->i32 = 100;
  wk_extern pi = i.get("pi");
  EXPECT_EQ(pi.global_type, (uint32_t)WK_F64);
  EXPECT_EQ(pi.global_mutable, 0u);
  EXPECT_EQ(pi.u.global->f64, 2.5);

  wk_extern fn = i.get("add");
  EXPECT_EQ(fn.u.func->ctx, i.instance);
  EXPECT_EQ(fn.u.func->flags, WK_FUNC_WASM);
  EXPECT_EQ(fn.u.func->type_id, wk_intern_type("ii:i"));
  EXPECT_STREQ(fn.u.func->name, "add");
  uint32_t typeIds = *static_cast<uint32_t *>(
      instanceArea(i.instance, full.b.module.type_ids_offset));
  EXPECT_EQ(typeIds, wk_intern_type("ii:i"));

  wk_extern tab = i.get("tab");
  EXPECT_EQ(tab.u.table->elements[0], nullptr);
  EXPECT_EQ(tab.u.table->elements[1], fn.u.func);

  i.instance->stack_limit = 0;
  wk_value args[2], result[1];
  args[0].i32 = 1;
  args[1].i32 = 2;
  ASSERT_EQ(wk_invoke(fn.u.func, args, result), WK_TRAP_NONE);
  EXPECT_EQ(result[0].i32, 103);
  EXPECT_NE(i.instance->stack_limit, 0u); // wk_invoke set it again
  EXPECT_LT(i.instance->stack_limit, reinterpret_cast<uintptr_t>(&args));

  wk_extern none;
  EXPECT_EQ(wk_instance_export(i.instance, "missing", &none), -1);

  // By position, as generated headers look exports up: the same answers.
  const wk_module *module = i.instance->module;
  for (uint32_t n = 0; n < module->num_exports; ++n) {
    wk_extern byName, byPosition;
    ASSERT_EQ(wk_instance_export_n(i.instance, module->exports[n].name,
                                   module->exports[n].name_len, &byName),
              0);
    ASSERT_EQ(wk_instance_export_at(i.instance, n, &byPosition), 0);
    EXPECT_EQ(byPosition.kind, byName.kind);
    EXPECT_EQ(byPosition.u.func, byName.u.func) << module->exports[n].name;
  }
  EXPECT_EQ(wk_instance_export_at(i.instance, module->num_exports, &none), -1);
}

TEST(Instance, InstancesAreIndependent) {
  FullModule full;
  const wk_module *module = full.b.finish();
  Instance a(module), b(module);
  ASSERT_EQ(a.status, WK_OK);
  ASSERT_EQ(b.status, WK_OK);
  EXPECT_NE(a.get("mem").u.memory, b.get("mem").u.memory);
  a.get("g").u.global->i32 = 5;
  EXPECT_EQ(b.get("g").u.global->i32, 0);
}

static void initTraps(wk_instance *instance) {
  static const uint8_t data[] = {1, 2, 3};
  wk_memory_init(memoryAt(instance, 0), data, 3, WK_PAGE_SIZE - 1, 0, 3);
}

TEST(Instance, TrapInInitIsUninstantiable) {
  FullModule full;
  full.b.module.init = initTraps;
  Instance i(full.b.finish());
  EXPECT_EQ(i.status, WK_ERR_UNINSTANTIABLE);
  EXPECT_EQ(i.instance, nullptr);
  EXPECT_STREQ(i.error, "out of bounds memory access");
  int inStart = -1;
  EXPECT_EQ(wk_instantiate_trap(&inStart), WK_TRAP_MEMORY_OOB);
  EXPECT_EQ(inStart, 0);
}

static void bumpGlobal(void *ctx) {
  globalAt(static_cast<wk_instance *>(ctx), 0)->i32 += 7;
}
static void trapUnreachable(void *) { wk_trap_at(WK_TRAP_UNREACHABLE, "s"); }

TEST(Instance, StartFunctionRunsAfterInit) {
  FullModule full;
  uint32_t sig = full.b.type(":", entryVoid);
  full.b.module.start_func =
      full.b.func(reinterpret_cast<void *>(bumpGlobal), sig, "start");
  Instance i(full.b.finish());
  ASSERT_EQ(i.status, WK_OK) << i.error;
  EXPECT_EQ(i.get("g").u.global->i32, 7);
}

TEST(Instance, TrapInStartIsUninstantiable) {
  FullModule full;
  uint32_t sig = full.b.type(":", entryVoid);
  full.b.module.start_func =
      full.b.func(reinterpret_cast<void *>(trapUnreachable), sig, "start");
  Instance i(full.b.finish());
  EXPECT_EQ(i.status, WK_ERR_UNINSTANTIABLE);
  EXPECT_STREQ(i.error, "unreachable");
  int inStart = -1;
  EXPECT_EQ(wk_instantiate_trap(&inStart), WK_TRAP_UNREACHABLE);
  EXPECT_EQ(inStart, 1);
  EXPECT_STREQ(wk_trap_function(), "s");
  // The next instantiation resets it.
  FullModule ok;
  Instance j(ok.b.finish());
  ASSERT_EQ(j.status, WK_OK) << j.error;
  EXPECT_EQ(wk_instantiate_trap(&inStart), WK_TRAP_NONE);
  EXPECT_EQ(inStart, 0);
}

TEST(Instance, BadDescriptors) {
  FullModule full;
  full.b.finish();
  full.b.module.abi_version = WK_ABI_VERSION + 1;
  Instance i(&full.b.module);
  EXPECT_EQ(i.status, WK_ERR_UNLINKABLE);
  EXPECT_NE(std::string(i.error).find("ABI"), std::string::npos);
  full.b.module.abi_version = WK_ABI_VERSION;
  full.b.module.instance_size = 8;
  Instance j(&full.b.module);
  EXPECT_EQ(j.status, WK_ERR_UNLINKABLE);
  wk_instance_free(nullptr);
}

/*---- Imports ----*/

namespace {
/// Resolves "env.*" from the exports of one instance, as the spec runner
/// does.
int resolveFrom(void *user, const wk_import_desc *import, wk_extern *out) {
  if (std::string(import->module) != "env")
    return 1;
  return wk_instance_export(static_cast<wk_instance *>(user), import->field,
                            out) != 0;
}

struct Importer {
  Importer(uint32_t boundsChecks = 0) {
    b.module.bounds_checks = boundsChecks;
    sig = b.type("ii:i", entryII_I);
  }
  wk_status instantiate(wk_instance *exporter) {
    wk_instantiate_options options{};
    options.resolver = resolveFrom;
    options.resolver_user = exporter;
    result = std::make_unique<Instance>(b.finish(), &options);
    return result->status;
  }
  ModuleBuilder b;
  uint32_t sig;
  std::unique_ptr<Instance> result;
};
} // namespace

TEST(Import, EverythingMatches) {
  FullModule full;
  Instance a(full.b.finish());
  ASSERT_EQ(a.status, WK_OK);
  Importer imp;
  imp.b.importFunc("env", "add", imp.sig);
  imp.b.importTable("env", "tab", WK_FUNCREF, limits(1));
  imp.b.importMemory("env", "mem", limits(1, 3));
  imp.b.importGlobal("env", "g", WK_I32, true);
  imp.b.importGlobal("env", "pi", WK_F64, false);
  imp.b.exportAs("add2", WK_EXTERN_FUNC, 0);
  imp.b.exportAs("g2", WK_EXTERN_GLOBAL, 0);
  imp.b.exportAs("mem2", WK_EXTERN_MEMORY, 0);
  imp.b.exportAs("tab2", WK_EXTERN_TABLE, 0);
  ASSERT_EQ(imp.instantiate(a.instance), WK_OK) << imp.result->error;
  Instance &b = *imp.result;
  EXPECT_EQ(b.get("add2").u.func, a.get("add").u.func);
  EXPECT_EQ(b.get("g2").u.global, a.get("g").u.global);
  EXPECT_EQ(b.get("g2").global_mutable, 1u);
  EXPECT_EQ(b.get("mem2").u.memory, a.get("mem").u.memory);
  EXPECT_EQ(b.instance->mem0, a.get("mem").u.memory);
  EXPECT_EQ(b.instance->mem0_base, a.get("mem").u.memory->base);
  EXPECT_EQ(b.get("tab2").u.table, a.get("tab").u.table);
  EXPECT_EQ(globalAt(b.instance, 1)->f64, 2.5);
}

struct MismatchCase {
  const char *name;
  void (*add)(Importer &);
  const char *message; // nullptr: links
};

static const MismatchCase mismatchCases[] = {
    {"Unknown", [](Importer &i) { i.b.importMemory("env", "nope", limits(0)); },
     "unknown import env.nope"},
    {"UnknownModule",
     [](Importer &i) { i.b.importMemory("other", "mem", limits(0)); },
     "unknown import other.mem"},
    {"MemoryMinTooLarge",
     [](Importer &i) { i.b.importMemory("env", "mem", limits(2)); },
     "incompatible import type for env.mem"},
    {"MemoryMaxTooSmall",
     [](Importer &i) { i.b.importMemory("env", "mem", limits(0, 1)); },
     "incompatible import type for env.mem"},
    {"MemoryMaxEqual",
     [](Importer &i) { i.b.importMemory("env", "mem", limits(1, 2)); },
     nullptr},
    {"MemoryIsATable",
     [](Importer &i) { i.b.importMemory("env", "tab", limits(0)); },
     "incompatible import type for env.tab"},
    {"TableElemType",
     [](Importer &i) {
       i.b.importTable("env", "tab", WK_EXTERNREF, limits(0));
     },
     "incompatible import type for env.tab"},
    {"TableMinTooLarge",
     [](Importer &i) { i.b.importTable("env", "tab", WK_FUNCREF, limits(3)); },
     "incompatible import type for env.tab"},
    {"TableMaxTooSmall",
     [](Importer &i) {
       i.b.importTable("env", "tab", WK_FUNCREF, limits(0, 5));
     },
     "incompatible import type for env.tab"},
    {"TableMaxLarger",
     [](Importer &i) {
       i.b.importTable("env", "tab", WK_FUNCREF, limits(2, 20));
     },
     nullptr},
    {"GlobalMutability",
     [](Importer &i) { i.b.importGlobal("env", "g", WK_I32, false); },
     "incompatible import type for env.g"},
    {"GlobalMutabilityOther",
     [](Importer &i) { i.b.importGlobal("env", "pi", WK_F64, true); },
     "incompatible import type for env.pi"},
    {"GlobalType",
     [](Importer &i) { i.b.importGlobal("env", "g", WK_I64, true); },
     "incompatible import type for env.g"},
    {"FuncType",
     [](Importer &i) {
       i.b.importFunc("env", "add", i.b.type("i:i", entryI_I));
     },
     "incompatible import type for env.add"},
    {"FuncIsAGlobal", [](Importer &i) { i.b.importFunc("env", "g", i.sig); },
     "incompatible import type for env.g"},
};

class Mismatch : public testing::TestWithParam<MismatchCase> {};

TEST_P(Mismatch, Links) {
  FullModule full;
  Instance a(full.b.finish());
  ASSERT_EQ(a.status, WK_OK);
  Importer imp;
  GetParam().add(imp);
  wk_status status = imp.instantiate(a.instance);
  if (!GetParam().message) {
    EXPECT_EQ(status, WK_OK) << imp.result->error;
    return;
  }
  EXPECT_EQ(status, WK_ERR_UNLINKABLE);
  EXPECT_EQ(imp.result->instance, nullptr);
  EXPECT_STREQ(imp.result->error, GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(Cases, Mismatch, testing::ValuesIn(mismatchCases),
                         [](const testing::TestParamInfo<MismatchCase> &info) {
                           return std::string(info.param.name);
                         });

TEST(Import, MemoryWithoutMaxAgainstImportWithMax) {
  ModuleBuilder noMax;
  noMax.exportAs("mem", WK_EXTERN_MEMORY, noMax.memory(limits(1)));
  Instance a(noMax.finish());
  ASSERT_EQ(a.status, WK_OK);
  Importer imp;
  imp.b.importMemory("env", "mem", limits(1, WK_MAX_PAGES));
  EXPECT_EQ(imp.instantiate(a.instance), WK_ERR_UNLINKABLE);
}

TEST(Import, GuardModuleRefusesExplicitMemory) {
  FullModule explicitFull(/*boundsChecks=*/1);
  Instance a(explicitFull.b.finish());
  ASSERT_EQ(a.status, WK_OK) << a.error;
  Importer guard(0);
  guard.b.importMemory("env", "mem", limits(1));
  EXPECT_EQ(guard.instantiate(a.instance), WK_ERR_UNLINKABLE);
  EXPECT_NE(std::string(guard.result->error).find("guard"), std::string::npos);
  Importer checked(1);
  checked.b.importMemory("env", "mem", limits(1));
  EXPECT_EQ(checked.instantiate(a.instance), WK_OK);

  FullModule guardFull(0);
  Instance g(guardFull.b.finish());
  Importer checked2(1);
  checked2.b.importMemory("env", "mem", limits(1));
  EXPECT_EQ(checked2.instantiate(g.instance), WK_OK);
}

// A shared host function (ctx == NULL) is bound per importing instance.
static int32_t whoCalls(void *ctx, int32_t a, int32_t) {
  return ctx == nullptr ? -1
                        : globalAt(static_cast<wk_instance *>(ctx), 0)->i32 + a;
}
static wk_func sharedHost = {
    reinterpret_cast<void *>(whoCalls), nullptr, 0, 0, nullptr, "whoCalls"};
static int resolveShared(void *, const wk_import_desc *import, wk_extern *out) {
  sharedHost.type_id = wk_intern_type("ii:i");
  if (std::string(import->field) != "who")
    return 1;
  out->kind = WK_EXTERN_FUNC;
  out->u.func = &sharedHost;
  return 0;
}

TEST(Import, HostFunctionWithoutContextGetsTheImporter) {
  ModuleBuilder b;
  uint32_t sig = b.type("ii:i", entryII_I);
  b.importFunc("host", "who", sig);
  b.global(WK_I32, true);
  b.exportAs("who", WK_EXTERN_FUNC, 0);
  wk_instantiate_options options{};
  options.resolver = resolveShared;
  const wk_module *module = b.finish();
  Instance x(module, &options), y(module, &options);
  ASSERT_EQ(x.status, WK_OK) << x.error;
  ASSERT_EQ(y.status, WK_OK) << y.error;
  globalAt(x.instance, 0)->i32 = 10;
  globalAt(y.instance, 0)->i32 = 20;
  const wk_func *fx = x.get("who").u.func, *fy = y.get("who").u.func;
  EXPECT_NE(fx, &sharedHost);
  EXPECT_EQ(fx->ctx, x.instance);
  EXPECT_EQ(fy->ctx, y.instance);
  EXPECT_EQ(fx->entry, &entryII_I); // from type_entries
  wk_value args[2] = {}, result[1];
  args[0].i32 = 1;
  ASSERT_EQ(wk_invoke(fx, args, result), WK_TRAP_NONE);
  EXPECT_EQ(result[0].i32, 11);
  ASSERT_EQ(wk_invoke(fy, args, result), WK_TRAP_NONE);
  EXPECT_EQ(result[0].i32, 21);
  EXPECT_EQ(sharedHost.ctx, nullptr);
}

TEST(Import, StaticCodeBinding) {
  ModuleBuilder b;
  uint32_t sig = b.type("ii:i", entryII_I);
  b.importFunc("host", "who", sig, reinterpret_cast<void *>(whoCalls));
  b.global(WK_I32, true);
  b.exportAs("who", WK_EXTERN_FUNC, 0);
  Instance x(b.finish());
  ASSERT_EQ(x.status, WK_OK) << x.error;
  globalAt(x.instance, 0)->i32 = 5;
  const wk_func *f = x.get("who").u.func;
  EXPECT_EQ(f->ctx, x.instance);
  EXPECT_EQ(f->type_id, wk_intern_type("ii:i"));
  EXPECT_STREQ(f->name, "who");
  wk_value args[2] = {}, result[1];
  args[0].i32 = 2;
  ASSERT_EQ(wk_invoke(f, args, result), WK_TRAP_NONE);
  EXPECT_EQ(result[0].i32, 7);

  // The resolver, when it knows the import, wins over the static binding.
  static int32_t ctxMarker;
  wk_func fromResolver = sharedHost;
  fromResolver.ctx = &ctxMarker;
  wk_instantiate_options options{};
  options.resolver_user = &fromResolver;
  options.resolver = [](void *user, const wk_import_desc *, wk_extern *out) {
    out->kind = WK_EXTERN_FUNC;
    out->u.func = static_cast<wk_func *>(user);
    return 0;
  };
  fromResolver.type_id = wk_intern_type("ii:i");
  Instance z(&b.module, &options);
  ASSERT_EQ(z.status, WK_OK) << z.error;
  EXPECT_EQ(z.get("who").u.func, &fromResolver);

  ModuleBuilder unresolved;
  unresolved.importFunc("host", "who", unresolved.type("ii:i", entryII_I));
  Instance y(unresolved.finish());
  EXPECT_EQ(y.status, WK_ERR_UNLINKABLE);
  EXPECT_STREQ(y.error, "unknown import host.who");
}

// 2.0: elements written into an imported table before a trap stay, and the
// functions they refer to remain callable.
static int32_t fortyTwo(void *, int32_t, int32_t) { return 42; }
static void initWritesThenTraps(wk_instance *instance) {
  void *items[1] = {definedFunc(instance, 0)};
  wk_table_init(tableAt(instance, 0), items, 1, 0, 0, 1);
  wk_table_init(tableAt(instance, 0), items, 1, 100, 0, 1);
}

TEST(Import, EffectsOfFailedInstantiationStay) {
  FullModule full;
  Instance a(full.b.finish());
  ASSERT_EQ(a.status, WK_OK);
  Importer imp;
  imp.b.importTable("env", "tab", WK_FUNCREF, limits(1));
  imp.b.func(reinterpret_cast<void *>(fortyTwo), imp.sig, "fortyTwo");
  imp.b.module.init = initWritesThenTraps;
  EXPECT_EQ(imp.instantiate(a.instance), WK_ERR_UNINSTANTIABLE);
  EXPECT_STREQ(imp.result->error, "out of bounds table access");
  auto *f = static_cast<const wk_func *>(a.get("tab").u.table->elements[0]);
  ASSERT_NE(f, nullptr);
  wk_value args[2] = {}, result[1];
  ASSERT_EQ(wk_invoke(f, args, result), WK_TRAP_NONE);
  EXPECT_EQ(result[0].i32, 42);
}

/*---- Stack limits ----*/

// Behaves like generated code: checks the stack pointer (minus a frame
// estimate) against its instance's stack_limit on entry.
WK_LIKE_GENERATED_CODE
static int32_t deepRecurse(void *ctx, int32_t depth) {
  auto *instance = static_cast<wk_instance *>(ctx);
  volatile char frame[256];
  frame[0] = (char)depth;
  if (reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) - 512 <
      instance->stack_limit)
    wk_trap_at(WK_TRAP_STACK_EXHAUSTED, "deepRecurse");
  return deepRecurse(ctx, depth + 1) + frame[0];
}

static wk_trap recurseInFreshInstance() {
  ModuleBuilder b;
  uint32_t sig = b.type("i:i", entryI_I);
  b.exportAs("f", WK_EXTERN_FUNC,
             b.func(reinterpret_cast<void *>(deepRecurse), sig, "deepRecurse"));
  Instance i(b.finish());
  EXPECT_EQ(i.status, WK_OK);
  wk_value io[1] = {};
  wk_trap trap = wk_invoke(i.get("f").u.func, io, io);
  EXPECT_STREQ(wk_trap_function(), "deepRecurse");
  return trap;
}

TEST(Stack, LimitStopsRecursionBeforeTheGuard) {
  EXPECT_EQ(recurseInFreshInstance(), WK_TRAP_STACK_EXHAUSTED);
  EXPECT_EQ(recurseInFreshInstance(), WK_TRAP_STACK_EXHAUSTED);
}

TEST(Stack, LimitOnAThreadWithASmallStack) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 << 10);
  pthread_t thread;
  static wk_trap result;
  result = WK_TRAP_NONE;
  ASSERT_EQ(pthread_create(
                &thread, &attr,
                [](void *) -> void * {
                  result = recurseInFreshInstance();
                  return nullptr;
                },
                nullptr),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  EXPECT_EQ(result, WK_TRAP_STACK_EXHAUSTED);
}
