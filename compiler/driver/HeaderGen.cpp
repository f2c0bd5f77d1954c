//===- HeaderGen.cpp - C header for embedding a compiled module -----------===//
//
// Everything in the header is static inline over runtime.h, so a host needs
// only the object, the header and libwasmkiln-rt: the wrappers marshal
// arguments into wk_values and call through wk_invoke, which turns a trap
// into a return value instead of ending the host.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/HeaderGen.h"
#include "wasmkiln/irgen/IRGen.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace wasmkiln;

static const char *cType(ValType type) {
  switch (storageType(type)) {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field)                  \
  case ValType::Name:                                                          \
    return CType;
#include "wasmkiln/wasm/ValTypes.def"
  }
  return "void";
}

/// The wk_value member that holds \p type.
static const char *valueField(ValType type) {
  switch (storageType(type)) {
#define WASM_VALTYPE(Name, Encoding, Text, Sig, CType, Field)                  \
  case ValType::Name:                                                          \
    return Field;
#include "wasmkiln/wasm/ValTypes.def"
  }
  return "ref";
}

/// \p name as it may appear inside a C comment: printable ASCII only, and
/// never the end of the comment.
static std::string commentSafe(StringRef name) {
  std::string out;
  for (unsigned char c : name) {
    if (c >= 0x20 && c < 0x7f && c != '\\')
      out += char(c);
    else
      out += {'\\', 'x', hexdigit(c >> 4, /*LowerCase=*/true),
              hexdigit(c & 15, /*LowerCase=*/true)};
    if (out.size() >= 2 && out.compare(out.size() - 2, 2, "*/") == 0)
      out.insert(out.size() - 1, "\\");
  }
  return out;
}

static void writeImports(raw_ostream &os, const wasmkiln::Module &module) {
  os << "/* Host functions this module imports. Define them in the host; each\n"
        " * receives the calling instance first. */\n";
  for (const Import &import : module.imports) {
    if (import.kind != ExternKind::Func)
      continue;
    const FuncType &type = module.types[import.funcType];
    os << "/* " << commentSafe(import.module) << "."
       << commentSafe(import.field) << " */\n";
    if (type.results.size() > 1) {
      os << "/* (multi-value results: provide it in wasm or with LLVM; C "
            "cannot return several values) */\n";
      continue;
    }
    os << (type.results.empty() ? "void" : cType(type.results[0])) << " "
       << getImportSymbolName(import.module, import.field)
       << "(wk_instance *instance";
    for (size_t i = 0; i < type.params.size(); ++i)
      os << ", " << cType(type.params[i]) << " p" << i;
    os << ");\n";
  }
  os << "\n";
}

/// \p position is the export's index in the export section: the wrappers
/// reach their export in constant time (wk_instance_export_at).
static void writeFunctionExport(raw_ostream &os, const wasmkiln::Module &module,
                                StringRef name, const Export &exp,
                                size_t position) {
  const FuncType &type = module.funcType(exp.index);
  if (type.results.size() > 1) {
    os << "typedef struct " << name << "_results {\n";
    for (size_t i = 0; i < type.results.size(); ++i)
      os << "  " << cType(type.results[i]) << " r" << i << ";\n";
    os << "} " << name << "_results;\n";
  }
  os << "/* export \"" << commentSafe(exp.name)
     << "\": returns WK_TRAP_NONE, or the trap "
     << "that ended the call. */\n";
  os << "static inline wk_trap " << name << "(wk_instance *instance";
  for (size_t i = 0; i < type.params.size(); ++i)
    os << ", " << cType(type.params[i]) << " p" << i;
  if (type.results.size() == 1)
    os << ", " << cType(type.results[0]) << " *result";
  else if (type.results.size() > 1)
    os << ", " << name << "_results *results";
  os << ") {\n";
  size_t slots =
      std::max<size_t>(std::max(type.params.size(), type.results.size()), 1);
  os << "  wk_value args[" << slots << "], out[" << slots << "];\n"
     << "  wk_extern target;\n"
     << "  wk_trap trap;\n";
  for (size_t i = 0; i < type.params.size(); ++i) {
    if (type.params[i] == ValType::V128)
      os << "  args[" << i << "] = p" << i << ";\n";
    else
      os << "  args[" << i << "]." << valueField(type.params[i]) << " = "
         << (storageType(type.params[i]) == ValType::FuncRef ? "(void *)" : "")
         << "p" << i << ";\n";
  }
  os << "  if (wk_instance_export_at(instance, " << position
     << ", &target) != 0)\n"
     << "    return WK_TRAP_HOST;\n"
     << "  trap = wk_invoke(target.u.func, args, out);\n";
  for (size_t i = 0; i < type.results.size(); ++i) {
    std::string dest =
        type.results.size() == 1 ? "*result" : "results->r" + std::to_string(i);
    os << "  if (trap == WK_TRAP_NONE) " << dest << " = ";
    if (type.results[i] == ValType::V128)
      os << "out[" << i << "];\n";
    else
      os << (storageType(type.results[i]) == ValType::FuncRef
                 ? "(const wk_func *)"
                 : "")
         << "out[" << i << "]." << valueField(type.results[i]) << ";\n";
  }
  os << "  return trap;\n}\n\n";
}

/// Every memory by its index (multiple memories), exported or not: for
/// host functions that work on a memory other than 0.
static void writeMemoryAccessors(raw_ostream &os,
                                 const wasmkiln::Module &module,
                                 StringRef moduleName) {
  os << "/* The module's memories (imported ones first), by index: memory\n"
        " * `index`, or NULL past the last. */\n"
     << "static inline uint32_t " << moduleName << "_num_memories(void) {"
     << " return " << module.memories.size() << "u; }\n"
     << "static inline wk_memory *" << moduleName
     << "_memory_at(wk_instance *instance, uint32_t index) {\n"
     << "  return wk_instance_memory(instance, index);\n}\n\n";
}

/// Memory imports: a host that runs the module on several threads (one
/// instance per thread, docs/embedding.md) makes each imported memory once
/// and gives it to every instance. Nothing for a module without them.
static void writeImportedMemories(raw_ostream &os,
                                  const wasmkiln::Module &module,
                                  StringRef moduleName, StringRef descriptor) {
  unsigned count = 0;
  std::string list;
  raw_string_ostream listOs(list);
  for (const Import &import : module.imports) {
    if (import.kind != ExternKind::Memory)
      continue;
    const MemoryType &type = import.memory;
    listOs << " *   " << count++ << ": \"" << commentSafe(import.module)
           << "\".\"" << commentSafe(import.field) << "\", " << type.limits.min;
    if (type.limits.max)
      listOs << ".." << *type.limits.max;
    listOs << (type.pageSizeLog2 == 0 ? " 1-byte pages" : " pages")
           << (type.is64 ? ", 64-bit" : "") << (type.shared ? ", shared" : "")
           << "\n";
  }
  if (count == 0)
    return;
  os << "/* The memories this module imports (memory indices 0.." << count - 1
     << "):\n"
     << list
     << " * A host that runs the module on several threads creates them once\n"
        " * (page_limit caps growth, 0: none; free them with wk_memory_free\n"
        " * after the last instance) and instantiates the module on them once\n"
        " * per thread. */\n"
     << "static inline uint32_t " << moduleName
     << "_num_imported_memories(void) { return " << count << "u; }\n"
     << "static inline wk_memory *" << moduleName
     << "_memory_create(uint32_t index, uint64_t page_limit,\n"
     << "    char *err, size_t err_size) {\n"
     << "  return wk_memory_create_import(&" << descriptor
     << ", index, page_limit, err, err_size);\n}\n"
     << "/* memories[i] is imported memory i; the other imports are bound as\n"
        " * by "
     << moduleName
     << "_instantiate (imported_memories in wk_instantiate_options does\n"
        " * the same for "
     << moduleName << "_instantiate_with). */\n"
     << "static inline wk_status " << moduleName
     << "_instantiate_on(wk_instance **out,\n"
     << "    wk_memory *const *memories, void *host_ctx, char *err,\n"
     << "    size_t err_size) {\n"
     << "  wk_instantiate_options options = {0};\n"
     << "  options.host_ctx = host_ctx;\n"
     << "  options.imported_memories = memories;\n"
     << "  return wk_instantiate(&" << descriptor
     << ", &options, out, err, err_size);\n}\n\n";
}

static void writeOtherExport(raw_ostream &os, StringRef name, const Export &exp,
                             size_t position) {
  const char *kind = exp.kind == ExternKind::Memory  ? "memory"
                     : exp.kind == ExternKind::Table ? "table"
                                                     : "global";
  const char *type = exp.kind == ExternKind::Memory  ? "wk_memory"
                     : exp.kind == ExternKind::Table ? "wk_table"
                                                     : "wk_value";
  os << "/* exported " << kind << " \"" << commentSafe(exp.name) << "\"";
  if (exp.kind == ExternKind::Memory)
    os << ", memory " << exp.index
       << ": base pointer and current size in bytes (the base never moves;"
          " the size grows)";
  os << " */\n";
  os << "static inline " << type << " *" << name
     << "(wk_instance *instance) {\n"
     << "  wk_extern target;\n"
     << "  if (wk_instance_export_at(instance, " << position
     << ", &target) != 0)\n    return 0;\n"
     << "  return target.u." << kind << ";\n}\n\n";
}

std::string wasmkiln::generateHeader(const wasmkiln::Module &module,
                                     StringRef moduleName) {
  std::string text;
  raw_string_ostream os(text);
  std::string guard = "WASMKILN_MODULE_" + StringRef(moduleName).upper() + "_H";
  std::string descriptor = getDescriptorSymbolName(moduleName);
  os << "/* Generated by wasmkiln for module \"" << moduleName
     << "\". Do not edit. See docs/embedding.md. */\n"
     << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stddef.h>\n#include <stdint.h>\n\n"
     << "#include \"wasmkiln/runtime.h\"\n\n"
     << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
     << "extern const wk_module " << descriptor << ";\n\n";
  os << "/* Creates an instance with its own memory; host_ctx is returned by\n"
        " * "
     << moduleName
     << "_host_ctx. Returns WK_OK, or an error described in err. */\n"
     << "static inline wk_status " << moduleName
     << "_instantiate(wk_instance **out, void *host_ctx, char *err,\n"
     << "                                         size_t err_size) {\n"
     << "  wk_instantiate_options options = {0};\n"
     << "  options.host_ctx = host_ctx;\n"
     << "  return wk_instantiate(&" << descriptor
     << ", &options, out, err, err_size);\n}\n\n"
     << "/* The same with every option of wk_instantiate_options (an import\n"
        " * resolver, a memory limit, no_signal_handlers for hosts that own\n"
        " * SIGSEGV: compile with --bounds-checks=explicit then). */\n"
     << "static inline wk_status " << moduleName
     << "_instantiate_with(wk_instance **out,\n"
     << "    const wk_instantiate_options *options, char *err, size_t "
        "err_size) {\n"
     << "  return wk_instantiate(&" << descriptor
     << ", options, out, err, err_size);\n}\n\n"
     << "static inline void " << moduleName
     << "_free(wk_instance *instance) { wk_instance_free(instance); }\n\n"
     << "static inline void *" << moduleName
     << "_host_ctx(wk_instance *instance) { return instance->host_ctx; }\n\n"
     << "/* Memory 0 of the instance, for host functions: base and size. */\n"
     << "static inline uint8_t *" << moduleName
     << "_memory_base(wk_instance *instance) { return instance->mem0_base; }\n"
     << "static inline uint64_t " << moduleName
     << "_memory_size(wk_instance *instance) {\n"
     << "  return instance->mem0 ? wk_memory_bytes(instance->mem0) : 0;\n}\n\n";
  writeMemoryAccessors(os, module, moduleName);
  writeImportedMemories(os, module, moduleName, descriptor);
  writeImports(os, module);
  // Export names become C names NAME_<sanitised>; one that collides with the
  // header's own functions or an earlier export gets a suffix _2, _3, ...
  StringSet<> used;
  for (const char *fixed :
       {"instantiate", "instantiate_with", "free", "host_ctx", "memory_base",
        "memory_size", "memory_at", "num_memories"})
    used.insert((moduleName + "_" + fixed).str());
  if (module.numImportedMemories)
    for (const char *fixed :
         {"num_imported_memories", "memory_create", "instantiate_on"})
      used.insert((moduleName + "_" + fixed).str());
  for (size_t position = 0; position < module.exports.size(); ++position) {
    const Export &exp = module.exports[position];
    std::string base = (moduleName + "_" + sanitizeIdentifier(exp.name)).str();
    std::string name = base;
    for (unsigned n = 2; used.count(name) || used.count(name + "_results"); ++n)
      name = base + "_" + std::to_string(n);
    used.insert(name);
    used.insert(name + "_results");
    if (exp.kind == ExternKind::Func)
      writeFunctionExport(os, module, name, exp, position);
    else
      writeOtherExport(os, name, exp, position);
  }
  os << "#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
  return text;
}
