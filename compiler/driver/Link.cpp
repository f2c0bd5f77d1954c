//===- Link.cpp - Link objects with lld, in process -----------------------===//
//
// Builds an ld.lld command line for a static Linux executable (or a bare
// shared object, or a relocatable object) and runs lld's ELF driver
// in-process. The C library's start files and archives come from the system
// (glibc's libc6-dev and gcc's crtbegin/crtend; for aarch64 Debian's
// libc6-dev-arm64-cross and libgcc-12-dev-arm64-cross), found when wasmkiln
// was configured.
//
//===----------------------------------------------------------------------===//

#include "wasmkiln/driver/Link.h"
#include "wasmkiln/driver/Codegen.h"
#include "wasmkiln/driver/Config.h"

#include "lld/Common/Driver.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <mutex>

LLD_HAS_DRIVER(elf)

using namespace llvm;
using namespace wasmkiln;

static bool hasRuntime(StringRef dir) {
  SmallString<256> path(dir);
  sys::path::append(path, "libwasmkiln-rt.a");
  return sys::fs::exists(path);
}

std::string wasmkiln::findRuntimeLibDir(const char *argv0) {
  std::string exe = sys::fs::getMainExecutable(argv0, (void *)&hasRuntime);
  SmallString<256> installed(sys::path::parent_path(exe));
  sys::path::append(installed, WASMKILN_INSTALL_LIBDIR_REL);
  if (hasRuntime(installed))
    return std::string(installed);
  // In the build tree the tool lives in <build>/bin and the archives in
  // <build>/lib.
  SmallString<256> sibling(sys::path::parent_path(exe));
  sys::path::append(sibling, "..", "lib");
  if (hasRuntime(sibling))
    return std::string(sibling);
  return WASMKILN_BUILD_LIBDIR;
}

static Error runLLD(ArrayRef<std::string> args) {
  std::vector<const char *> argv;
  for (const std::string &arg : args)
    argv.push_back(arg.c_str());

  // lld keeps global state; one link at a time per process.
  static std::mutex lldMutex;
  std::lock_guard<std::mutex> lock(lldMutex);
  std::string diagnostics;
  raw_string_ostream diag(diagnostics);
  lld::Result result =
      lld::lldMain(argv, outs(), diag, {{lld::Gnu, &lld::elf::link}});
  diag.flush();
  if (result.retCode != 0)
    return createStringError(inconvertibleErrorCode(),
                             "link failed:\n" + diagnostics);
  return Error::success();
}

namespace {
/// Where a target's C library and gcc's start files are, and where its
/// runtime archives are below the native ones.
struct TargetLibraries {
  const char *libcDir;
  const char *gccLibDir;
  std::string runtimeSubdir; // empty: the native archives
};
} // namespace

static Expected<TargetLibraries> librariesFor(StringRef target) {
  auto triple = parseTarget(target);
  if (!triple)
    return triple.takeError();
  if (triple->getArch() == Triple::x86_64)
    return TargetLibraries{WASMKILN_LIBC_DIR, WASMKILN_GCC_LIBDIR, ""};
  if (!*WASMKILN_AARCH64_LIBC_DIR)
    return createStringError(
        inconvertibleErrorCode(),
        "this wasmkiln was built without the aarch64-linux-gnu runtime "
        "(needs clang-19 and libc6-dev-arm64-cross when configuring)");
  return TargetLibraries{WASMKILN_AARCH64_LIBC_DIR, WASMKILN_AARCH64_GCC_LIBDIR,
                         targetName(*triple)};
}

Error wasmkiln::linkExecutable(ArrayRef<std::string> objects, StringRef output,
                               const LinkOptions &options) {
  auto libs = librariesFor(options.target);
  if (!libs)
    return libs.takeError();
  auto in = [](StringRef dir, StringRef file) {
    SmallString<256> path(dir);
    sys::path::append(path, file);
    return std::string(path);
  };
  std::string libDir = libs->runtimeSubdir.empty()
                           ? options.runtimeLibDir
                           : in(options.runtimeLibDir, libs->runtimeSubdir);
  if (!hasRuntime(libDir))
    return createStringError(inconvertibleErrorCode(),
                             "runtime library not found in '" + libDir + "'");
  const std::string libcDir = libs->libcDir, gccLibDir = libs->gccLibDir;
  // A sanitizer build's runtime archives call into clang's ASan (or TSan)
  // runtime, which cannot be linked statically with glibc: those
  // executables are dynamically linked, with the sanitizer runtime (UBSan's
  // handlers included) inside, as clang links a -fsanitize= program. Other
  // targets' archives are never instrumented.
  const StringRef sanitizer =
      libs->runtimeSubdir.empty() ? WASMKILN_SANITIZER : "";
  const bool sanitize = !sanitizer.empty();
  std::vector<std::string> args = {"ld.lld",      "--no-pie",        "-z",
                                   "noexecstack", "--build-id=none", "-o",
                                   output.str()};
  // The unwinder finds unwind tables through PT_GNU_EH_FRAME (wasm
  // exceptions unwind through generated code: runtime-lib/exception.c).
  args.push_back("--eh-frame-hdr");
  if (sanitize)
    args.insert(args.end(),
                {"-dynamic-linker", "/lib64/ld-linux-x86-64.so.2"});
  else
    args.push_back("-static");
  if (options.strip)
    args.push_back("--strip-all");
  args.push_back(in(libcDir, "crt1.o"));
  args.push_back(in(libcDir, "crti.o"));
  args.push_back(in(gccLibDir, sanitize ? "crtbegin.o" : "crtbeginT.o"));
  if (sanitize) {
    const char *rtDir = WASMKILN_SANITIZER_RTDIR;
    const bool thread = sanitizer == "thread";
    const std::string runtime =
        in(rtDir, thread ? "libclang_rt.tsan-x86_64.a"
                         : "libclang_rt.asan-x86_64.a");
    args.push_back("--whole-archive");
    if (!thread)
      args.push_back(in(rtDir, "libclang_rt.asan_static-x86_64.a"));
    args.insert(args.end(),
                {runtime, "--no-whole-archive", "--dynamic-list=" + runtime +
                                                    ".syms"});
  }
  args.insert(args.end(), objects.begin(), objects.end());
  args.insert(args.end(), options.extraInputs.begin(),
              options.extraInputs.end());
  args.push_back(in(libDir, "libwasmkiln-main.a"));
  args.push_back(in(libDir, "libwasmkiln-wasi.a"));
  args.push_back(in(libDir, "libwasmkiln-rt.a"));
  args.push_back("-L" + gccLibDir);
  args.push_back("-L" + libcDir);
  if (sanitize)
    args.insert(args.end(),
                {"-lpthread", "-lrt", "-lm", "-ldl", "-lresolv", "-lgcc",
                 "--as-needed", "-lgcc_s", "--no-as-needed", "-lc"});
  else
    args.insert(args.end(), {"--start-group", "-lgcc", "-lgcc_eh", "-lpthread",
                             "-lm", "-lc", "--end-group"});
  args.push_back(in(gccLibDir, "crtend.o"));
  args.push_back(in(libcDir, "crtn.o"));

  return runLLD(args);
}

Error wasmkiln::linkSharedObject(ArrayRef<std::string> objects,
                                 StringRef output, const LinkOptions &options) {
  // No "-z defs": the runtime's symbols are meant to stay undefined.
  std::vector<std::string> args = {"ld.lld",      "-shared",         "-z",
                                   "noexecstack", "--build-id=none", "-o",
                                   output.str(),  "--eh-frame-hdr"};
  if (options.strip)
    args.push_back("--strip-all");
  args.insert(args.end(), objects.begin(), objects.end());
  args.insert(args.end(), options.extraInputs.begin(),
              options.extraInputs.end());
  return runLLD(args);
}

Error wasmkiln::linkRelocatable(ArrayRef<std::string> objects,
                                StringRef output) {
  std::vector<std::string> args = {"ld.lld", "-r", "-o", output.str()};
  args.insert(args.end(), objects.begin(), objects.end());
  return runLLD(args);
}

TemporaryObjects::~TemporaryObjects() {
  for (const std::string &file : files)
    sys::fs::remove(file);
}

Error TemporaryObjects::write(ArrayRef<SmallVector<char, 0>> objects) {
  for (const SmallVector<char, 0> &object : objects) {
    SmallString<128> path;
    if (std::error_code ec =
            sys::fs::createTemporaryFile("wasmkiln", "o", path))
      return createStringError(ec, "cannot create a temporary file");
    files.push_back(std::string(path));
    std::error_code ec;
    raw_fd_ostream out(path, ec, sys::fs::OF_None);
    if (!ec) {
      out.write(object.data(), object.size());
      out.close();
      ec = out.error();
      out.clear_error();
    }
    if (ec)
      return createStringError(ec, "cannot write '" + path + "'");
  }
  return Error::success();
}
