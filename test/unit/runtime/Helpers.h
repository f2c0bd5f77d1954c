//===- Helpers.h - Hand-built module descriptors for runtime tests -------===//
//
// ModuleBuilder assembles a wk_module the way the compiler would (instance
// layout included) from C functions, so the runtime can be tested without
// the compiler. Also: entry thunks for the few signatures the tests use.
//
//===----------------------------------------------------------------------===//

#ifndef WASMKILN_TEST_UNIT_RUNTIME_HELPERS_H
#define WASMKILN_TEST_UNIT_RUNTIME_HELPERS_H

#include "wasmkiln/runtime.h"

#include <cstring>
#include <deque>
#include <string>
#include <vector>

// For the test functions that stand in for generated code, which no
// sanitizer instruments: deep recursion in them must exhaust the native
// stack, not TSan's fixed-size shadow call stack first.
#if defined(__has_attribute)
#if __has_attribute(disable_sanitizer_instrumentation)
#define WK_LIKE_GENERATED_CODE __attribute__((disable_sanitizer_instrumentation))
#endif
#endif
#ifndef WK_LIKE_GENERATED_CODE
#define WK_LIKE_GENERATED_CODE
#endif

namespace wktest {

// Thunks: "ii:i", ":" (nothing), "i:i", "l:i".
void entryII_I(void *code, void *ctx, wk_value *io);
void entryVoid(void *code, void *ctx, wk_value *io);
void entryI_I(void *code, void *ctx, wk_value *io);

inline void *instanceArea(wk_instance *instance, uint32_t offset) {
  return reinterpret_cast<uint8_t *>(instance) + offset;
}

class ModuleBuilder {
public:
  ModuleBuilder() {
    module.abi_version = WK_ABI_VERSION;
    module.start_func = -1;
  }

  uint32_t type(const char *signature, wk_entry_fn entry) {
    sigs.push_back(signature);
    entries.push_back(entry);
    return sigs.size() - 1;
  }
  void importFunc(const char *mod, const char *field, uint32_t typeIndex,
                  void *staticCode = nullptr) {
    wk_import_desc d = base(mod, field, WK_EXTERN_FUNC);
    d.type_index = typeIndex;
    d.static_code = staticCode;
    imports.push_back(d);
    ++numImportedFuncs;
  }
  void importTable(const char *mod, const char *field, uint32_t elemType,
                   wk_limits limits) {
    wk_import_desc d = base(mod, field, WK_EXTERN_TABLE);
    d.value_type = elemType;
    d.limits = limits;
    imports.push_back(d);
    ++numImportedTables;
  }
  void importMemory(const char *mod, const char *field, wk_limits limits) {
    wk_import_desc d = base(mod, field, WK_EXTERN_MEMORY);
    d.limits = limits;
    imports.push_back(d);
    ++numImportedMemories;
  }
  void importGlobal(const char *mod, const char *field, uint32_t valueType,
                    bool isMutable) {
    wk_import_desc d = base(mod, field, WK_EXTERN_GLOBAL);
    d.value_type = valueType;
    d.is_mutable = isMutable;
    imports.push_back(d);
    globals.push_back({valueType, isMutable, 1, 0});
  }
  uint32_t func(void *code, uint32_t typeIndex, const char *name) {
    funcs.push_back({code, entries[typeIndex], typeIndex, name});
    return numImportedFuncs + funcs.size() - 1;
  }
  uint32_t table(uint32_t elemType, wk_limits limits) {
    tables.push_back({elemType, limits});
    return numImportedTables + tables.size() - 1;
  }
  uint32_t memory(wk_limits limits) {
    memories.push_back(limits);
    return numImportedMemories + memories.size() - 1;
  }
  uint32_t global(uint32_t valueType, bool isMutable) {
    globals.push_back({valueType, isMutable, 0, 0});
    return globals.size() - 1;
  }
  void exportAs(const char *name, uint32_t kind, uint32_t index) {
    names.push_back(name);
    exports.push_back({nullptr, kind, index, 0});
  }

  /// Lays out the instance and returns the descriptor (valid as long as the
  /// builder).
  const wk_module *finish() {
    uint32_t offset = WK_INSTANCE_HEADER_SIZE;
    module.func_imports_offset = offset;
    offset += 8 * numImportedFuncs;
    offset = align(offset, 16);
    module.funcs_offset = offset;
    offset += sizeof(wk_func) * funcs.size();
    module.memories_offset = offset;
    offset += 8 * (numImportedMemories + memories.size());
    module.tables_offset = offset;
    offset += 8 * (numImportedTables + tables.size());
    module.type_ids_offset = offset;
    offset += 4 * sigs.size();
    for (wk_global_desc &g : globals) {
      offset = align(offset, g.is_imported ? 8 : 16);
      g.offset = offset;
      offset += g.is_imported ? 8 : 16;
    }
    module.instance_size = offset;
    for (size_t i = 0; i < exports.size(); ++i) {
      exports[i].name = names[i].c_str();
      exports[i].name_len = uint32_t(names[i].size());
    }
    module.num_types = sigs.size();
    module.type_sigs = sigs.data();
    module.type_entries = entries.data();
    module.num_imports = imports.size();
    module.imports = imports.data();
    module.num_imported_funcs = numImportedFuncs;
    module.num_funcs = funcs.size();
    module.funcs = funcs.data();
    module.num_imported_tables = numImportedTables;
    module.num_tables = numImportedTables + tables.size();
    module.tables = tables.data();
    module.num_imported_memories = numImportedMemories;
    module.num_memories = numImportedMemories + memories.size();
    module.memories = memories.data();
    module.num_globals = globals.size();
    module.globals = globals.data();
    module.num_exports = exports.size();
    module.exports = exports.data();
    return &module;
  }

  wk_module module{};
  std::vector<wk_global_desc> globals;

private:
  static uint32_t align(uint32_t v, uint32_t a) {
    return (v + a - 1) & ~(a - 1);
  }
  static wk_import_desc base(const char *mod, const char *field,
                             uint32_t kind) {
    wk_import_desc d{};
    d.module = mod;
    d.field = field;
    d.kind = kind;
    return d;
  }
  std::vector<const char *> sigs;
  std::vector<wk_entry_fn> entries;
  std::vector<wk_import_desc> imports;
  std::vector<wk_func_desc> funcs;
  std::vector<wk_table_type> tables;
  std::vector<wk_limits> memories;
  std::vector<wk_export_desc> exports;
  std::deque<std::string> names;
  uint32_t numImportedFuncs = 0, numImportedTables = 0, numImportedMemories = 0;
};

inline wk_limits limits(uint64_t min) { return {min, 0, 0}; }
inline wk_limits limits(uint64_t min, uint64_t max) { return {min, max, 1}; }

/// An instance of a module with one memory exported as "mem".
struct MemoryInstance {
  explicit MemoryInstance(wk_limits l, uint32_t boundsChecks = 0,
                          uint64_t maxPages = 0);
  ~MemoryInstance() { wk_instance_free(instance); }
  ModuleBuilder builder;
  wk_instance *instance = nullptr;
  wk_memory *mem = nullptr;
  wk_status status;
  char error[256] = "";
};

/// A host wk_func (no instance) whose thunk calls fn(arg); for driving
/// runtime functions that trap inside a wk_invoke.
struct Callback {
  Callback(void (*fn)(void *), void *arg);
  wk_trap invoke() const { return wk_invoke(&func, nullptr, nullptr); }
  void (*fn)(void *);
  void *arg;
  wk_func func{};
};

template <typename F> wk_trap invokeLambda(F &&f) {
  Callback callback([](void *p) { (*static_cast<F *>(p))(); }, &f);
  return callback.invoke();
}

} // namespace wktest

#endif
