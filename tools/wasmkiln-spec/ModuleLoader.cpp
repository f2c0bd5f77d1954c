//===- ModuleLoader.cpp - JIT or AOT: wasm bytes to a module --------------===//
//
// The AOT loader uses exactly what `wasmkiln compile` uses (compileModule,
// emitModule, lld) except that it links a shared object instead of a static
// executable: the runtime's wk_* symbols stay undefined and bind to this
// process (linked with ENABLE_EXPORTS) when the object is dlopen'ed. Imports
// go through the spec runner's resolver as with the JIT (staticImports off).
//
//===----------------------------------------------------------------------===//

#include "ModuleLoader.h"
#include "wasmkiln/driver/JIT.h"
#include "wasmkiln/driver/Link.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <dlfcn.h>
#include <map>
#include <string>
#include <vector>

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::spec;

ModuleLoader::~ModuleLoader() = default;

namespace {

class JITLoader : public ModuleLoader {
public:
  explicit JITLoader(std::unique_ptr<WasmJIT> jit) : jit(std::move(jit)) {}
  Expected<const wk_module *> load(ArrayRef<uint8_t> bytes,
                                   const CompileOptions &options) override {
    return jit->addModule(bytes, options);
  }

private:
  std::unique_ptr<WasmJIT> jit;
};

class AOTLoader : public ModuleLoader {
public:
  AOTLoader(std::unique_ptr<TargetMachine> tm, std::string tempDir,
            bool keepTemps)
      : tm(std::move(tm)), tempDir(std::move(tempDir)), keepTemps(keepTemps) {}
  ~AOTLoader() override;
  Expected<const wk_module *> load(ArrayRef<uint8_t> bytes,
                                   const CompileOptions &options) override;

private:
  std::string tempPath(StringRef name) const;
  void removeTemp(StringRef path) const;

  std::unique_ptr<TargetMachine> tm;
  std::string tempDir;
  bool keepTemps;
  unsigned moduleCount = 0;
  std::vector<void *> handles; // dlopen'ed, closed last
};

class CachingLoader : public ModuleLoader {
public:
  explicit CachingLoader(std::unique_ptr<ModuleLoader> inner)
      : inner(std::move(inner)) {}
  Expected<const wk_module *> load(ArrayRef<uint8_t> bytes,
                                   const CompileOptions &options) override {
    std::string key(bytes.begin(), bytes.end());
    auto it = cache.find(key);
    if (it != cache.end())
      return it->second;
    auto module = inner->load(bytes, options);
    if (module)
      cache.emplace(std::move(key), *module);
    return module;
  }

private:
  std::unique_ptr<ModuleLoader> inner;
  std::map<std::string, const wk_module *> cache;
};

} // namespace

std::unique_ptr<ModuleLoader>
spec::createCachingLoader(std::unique_ptr<ModuleLoader> inner) {
  return std::make_unique<CachingLoader>(std::move(inner));
}

static Error writeObject(TargetMachine &tm, ArrayRef<uint8_t> bytes,
                         const CompileOptions &options, StringRef path) {
  LLVMContext context;
  auto compiled = compileModule(bytes, context, tm, options);
  if (!compiled)
    return compiled.takeError();
  std::error_code ec;
  raw_fd_ostream out(path, ec, sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot write " + path);
  if (Error err = emitModule(*compiled->ir, tm, EmitKind::Object, out))
    return err;
  out.close();
  if (out.has_error())
    return createStringError(out.error(), "cannot write " + path);
  return Error::success();
}

Error spec::writeSharedObject(TargetMachine &tm, ArrayRef<uint8_t> bytes,
                              const CompileOptions &options,
                              StringRef objectPath, StringRef sharedPath,
                              bool keepObject) {
  Error written = writeObject(tm, bytes, options, objectPath);
  if (!written)
    written = linkSharedObject({objectPath.str()}, sharedPath, LinkOptions());
  if (!keepObject)
    sys::fs::remove(objectPath);
  return written;
}

AOTLoader::~AOTLoader() {
  // Instances of these modules are freed by the runners before this.
  for (auto it = handles.rbegin(); it != handles.rend(); ++it)
    dlclose(*it);
  if (keepTemps)
    errs() << "wasmkiln-spec: temporary files kept in " << tempDir << "\n";
  else
    sys::fs::remove_directories(tempDir);
}

std::string AOTLoader::tempPath(StringRef name) const {
  SmallString<256> path(tempDir);
  sys::path::append(path, name);
  return std::string(path);
}

void AOTLoader::removeTemp(StringRef path) const {
  if (!keepTemps)
    sys::fs::remove(path);
}

Expected<const wk_module *> AOTLoader::load(ArrayRef<uint8_t> bytes,
                                            const CompileOptions &options) {
  // Unique names keep symbols of different modules apart even though each
  // shared object is loaded RTLD_LOCAL.
  std::string name = "aot" + std::to_string(moduleCount++);
  CompileOptions moduleOptions = options;
  moduleOptions.irgen.moduleName = name;
  moduleOptions.irgen.staticImports = false;
  std::string object = tempPath(name + ".o"), shared = tempPath(name + ".so");
  if (Error err = writeSharedObject(*tm, bytes, moduleOptions, object, shared,
                                    keepTemps))
    return std::move(err);
  void *handle = dlopen(shared.c_str(), RTLD_NOW | RTLD_LOCAL);
  // The mapping stays valid after the file is gone.
  removeTemp(shared);
  if (!handle)
    return createStringError(inconvertibleErrorCode(),
                             Twine("dlopen: ") + dlerror());
  handles.push_back(handle);
  std::string symbol = getDescriptorSymbolName(name);
  void *descriptor = dlsym(handle, symbol.c_str());
  if (!descriptor)
    return createStringError(inconvertibleErrorCode(),
                             "no symbol " + symbol + " in " + shared);
  return static_cast<const wk_module *>(descriptor);
}

Expected<std::unique_ptr<ModuleLoader>>
spec::createJITLoader(const CodegenOptions &options) {
  auto jit = WasmJIT::create(options);
  if (!jit)
    return jit.takeError();
  return std::make_unique<JITLoader>(std::move(*jit));
}

Expected<std::unique_ptr<TargetMachine>>
spec::createPICTargetMachine(const CodegenOptions &options) {
  CodegenOptions picOptions = options;
  picOptions.pic = true; // linked into a shared object
  return createTargetMachine(picOptions);
}

Expected<std::unique_ptr<ModuleLoader>>
spec::createAOTLoader(const CodegenOptions &options, bool keepTemps) {
  auto tm = createPICTargetMachine(options);
  if (!tm)
    return tm.takeError();
  SmallString<256> dir;
  if (std::error_code ec = sys::fs::createUniqueDirectory("wasmkiln-spec", dir))
    return createStringError(ec, "cannot create a temporary directory: " +
                                     ec.message());
  return std::make_unique<AOTLoader>(std::move(*tm), std::string(dir),
                                     keepTemps);
}
