//===- CrossPlan.cpp - Spec commands for a runner on another target -------===//
//
// The host half of a cross spec run (CrossPlan.h has the plan's format). The
// decisions made here are those SpecRunner makes before anything runs, with
// the same messages: a module that does not compile fails here, a malformed
// or invalid one passes here, text-format modules are skipped here.
//
//===----------------------------------------------------------------------===//

#include "CrossPlan.h"
#include "ModuleLoader.h"
#include "SpecValue.h"
#include "SpectestModule.h"

#include "wasmkiln/irgen/IRGen.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::spec;

/// A plan string: "x" and the bytes in hex, or "-" when absent.
static std::string planString(std::optional<StringRef> text) {
  if (!text)
    return "-";
  return "x" + toHex(*text, /*LowerCase=*/true);
}

/// Value texts go into the plan as they are: they must be one token.
static bool isToken(StringRef text) {
  return !text.empty() && text.find_first_of(" \t\r\n") == StringRef::npos;
}

void CrossPlanner::fail(const json::Object &command, const Twine &message) {
  ++total.failed;
  log << jsonPath << ":" << command.getInteger("line").value_or(0) << ": "
      << command.getString("type").value_or("?") << ": " << message << "\n";
}

CrossPlanner::Compiled
CrossPlanner::compile(ArrayRef<uint8_t> bytes,
                      const CompileOptions &moduleOptions, StringRef source) {
  Compiled result;
  std::string name = "m" + std::to_string(moduleCount++);
  CompileOptions named = moduleOptions;
  named.irgen.moduleName = name;
  named.irgen.staticImports = false; // resolved by the runner
  SmallString<256> object(dir), shared(dir);
  sys::path::append(object, name + ".o");
  sys::path::append(shared, source + ".so");
  if (Error err = writeSharedObject(tm, bytes, named, object, shared,
                                    /*keepObject=*/false)) {
    result.error = toString(std::move(err));
    return result;
  }
  result.file = planString(StringRef(source.str() + ".so"));
  result.symbol = getDescriptorSymbolName(name);
  return result;
}

CrossPlanner::Compiled CrossPlanner::compileFile(StringRef filename) {
  SmallString<256> path(baseDir);
  sys::path::append(path, filename);
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer) {
    Compiled result;
    result.error = "cannot read " + path.str().str();
    return result;
  }
  ArrayRef<uint8_t> bytes(
      reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart()),
      (*buffer)->getBufferSize());
  return compile(bytes, options, sys::path::filename(filename));
}

bool CrossPlanner::appendExpected(std::string &out,
                                  const json::Object &expected) {
  StringRef type = expected.getString("type").value_or("");
  std::vector<StringRef> texts;
  if (const json::Array *lanes = expected.getArray("value")) {
    for (const json::Value &lane : *lanes)
      texts.push_back(lane.getAsString().value_or(""));
  } else if (auto text = expected.getString("value")) {
    texts.push_back(*text);
  } // else only a type (assert_trap): no texts
  StringRef laneType =
      type == "v128" ? expected.getString("lane_type").value_or("i8") : "-";
  if (!isToken(type) || !isToken(laneType))
    return false;
  out += " " + type.str() + " " + laneType.str() + " " +
         std::to_string(texts.size());
  for (StringRef text : texts) {
    if (!isToken(text))
      return false;
    out += " " + text.str();
  }
  return true;
}

void CrossPlanner::planAction(const json::Object &command, StringRef type,
                              const json::Object &action) {
  std::string line =
      type.str() + " " + std::to_string(command.getInteger("line").value_or(0));
  StringRef kind = action.getString("type").value_or("");
  if (kind != "invoke" && kind != "get")
    return fail(command, "unknown action type " + kind);
  line += " " + planString(action.getString("module"));
  line += " " + planString(action.getString("field").value_or(""));
  line += " " + kind.str();
  line += " " + planString(command.getString("text").value_or(""));
  const json::Array *args = action.getArray("args");
  line += " " + std::to_string(args ? args->size() : 0);
  if (args) {
    for (const json::Value &arg : *args) {
      const json::Object *object = arg.getAsObject();
      if (!object)
        return fail(command, "bad argument");
      auto value = parseValue(*object);
      if (!value)
        return fail(command, toString(value.takeError()));
      line += " " + toHex(StringRef(reinterpret_cast<const char *>(&*value),
                                    sizeof(wk_value)),
                          /*LowerCase=*/true);
    }
  }
  const json::Array *expected = command.getArray("either");
  line += expected ? " either" : " all";
  if (!expected)
    expected = command.getArray("expected");
  line += " " + std::to_string(expected ? expected->size() : 0);
  if (expected) {
    for (const json::Value &value : *expected) {
      const json::Object *object = value.getAsObject();
      if (!object || !appendExpected(line, *object))
        return fail(command, "expected value not representable in the plan");
    }
  }
  plan += line + "\n";
}

void CrossPlanner::planModuleCheck(const json::Object &command, StringRef type,
                                   StringRef filename) {
  Compiled compiled = compileFile(filename);
  if (!compiled.error.empty())
    return fail(command, "module " + filename + ": expected \"" +
                             command.getString("text").value_or("") +
                             "\", got " + compiled.error);
  plan += type.str() + " " +
          std::to_string(command.getInteger("line").value_or(0)) + " " +
          compiled.file + " " + compiled.symbol + " " +
          planString(command.getString("text").value_or("")) + "\n";
}

void CrossPlanner::planCommand(const json::Object &command) {
  StringRef type = command.getString("type").value_or("");
  StringRef filename = command.getString("filename").value_or("");
  StringRef moduleType = command.getString("module_type").value_or("binary");
  std::string line = std::to_string(command.getInteger("line").value_or(0));

  if (type == "module") {
    Compiled compiled = compileFile(filename);
    bool definition = command.getString("definition").value_or("") == "true";
    if (!compiled.error.empty()) {
      if (!definition)
        plan += "nomodule " + line + "\n";
      return fail(command, "module " + filename + ": " + compiled.error);
    }
    if (definition) // compiled, never instantiated (SpecRunner::runCommand)
      return pass();
    plan += "module " + line + " " + compiled.file + " " + compiled.symbol +
            " " + planString(command.getString("name")) + "\n";
    return;
  }
  if (type == "register") {
    plan += "register " + line + " " + planString(command.getString("name")) +
            " " + planString(command.getString("as").value_or("")) + "\n";
    return;
  }
  if (type == "assert_malformed" || type == "assert_invalid") {
    if (moduleType != "binary")
      return skip();
    if (!compileFile(filename).error.empty())
      return pass();
    return fail(command, "module " + filename + " was accepted (expected \"" +
                             command.getString("text").value_or("") + "\")");
  }
  if (type == "assert_unlinkable" || type == "assert_uninstantiable")
    return planModuleCheck(command, type, filename);
  if (const json::Object *action = command.getObject("action"))
    return planAction(command, type, *action);
  fail(command, "unknown command");
}

Error CrossPlanner::planFile(StringRef path) {
  jsonPath = path.str();
  baseDir = sys::path::parent_path(path).str();
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/true);
  if (!buffer)
    return createStringError(buffer.getError(), "cannot read " + path);
  auto json = json::parse((*buffer)->getBuffer());
  if (!json)
    return json.takeError();
  const json::Object *root = json->getAsObject();
  const json::Array *commands = root ? root->getArray("commands") : nullptr;
  if (!commands)
    return createStringError(inconvertibleErrorCode(),
                             path + ": no \"commands\" array");
  if (std::error_code ec = sys::fs::create_directories(dir))
    return createStringError(ec, "cannot create " + dir);

  plan = "wasmkiln-spec-plan 1 " + planString(StringRef(jsonPath)) + "\n";
  // The host module, built with every feature it needs whatever the test
  // disables, as SpecRunner::runFile does.
  CompileOptions spectestOptions = options;
  spectestOptions.disabledFeatures = FeatureSet();
  Compiled spectest =
      compile(buildSpectestModule(), spectestOptions, "spectest.wasm");
  if (!spectest.error.empty())
    return createStringError(inconvertibleErrorCode(),
                             "spectest: " + spectest.error);
  plan += "spectest " + spectest.file + " " + spectest.symbol + "\n";

  for (const json::Value &command : *commands)
    if (const json::Object *object = command.getAsObject())
      planCommand(*object);

  SmallString<256> planPath(dir);
  sys::path::append(planPath, "plan.txt");
  std::error_code ec;
  raw_fd_ostream out(planPath, ec, sys::fs::OF_None);
  if (ec)
    return createStringError(ec, "cannot write " + planPath);
  out << plan;
  out.close();
  if (out.has_error())
    return createStringError(out.error(), "cannot write " + planPath);
  return Error::success();
}
