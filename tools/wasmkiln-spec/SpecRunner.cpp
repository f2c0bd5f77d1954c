//===- SpecRunner.cpp - Executes wast2json command files ------------------===//
//
// One method per command kind. A command passes when wasmkiln does what the
// spec says (accepts, rejects, returns or traps); everything else prints one
// line "file:line: command: what happened" and counts as a failure. Text-format
// modules in assert_malformed / assert_invalid can't be compiled (wasmkiln
// reads binaries) and are counted as skipped.
//
//===----------------------------------------------------------------------===//

#include "SpecRunner.h"
#include "SpecCheck.h"
#include "SpecValue.h"
#include "SpectestModule.h"
#include "Trace.h"

#include "wasmkiln/driver/Compile.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace llvm;
using namespace wasmkiln;
using namespace wasmkiln::spec;

struct SpecRunner::Outcome {
  enum Kind { Ok, CompileError, LinkError, InstantiateError } kind = Ok;
  std::string message;
  wk_instance *instance = nullptr;
};

SpecRunner::~SpecRunner() {
  for (auto it = instances.rbegin(); it != instances.rend(); ++it)
    wk_instance_free(*it);
}

void SpecRunner::fail(const json::Object &command, const Twine &message) {
  ++total.failed;
  log << jsonPath << ":" << command.getInteger("line").value_or(0) << ": "
      << command.getString("type").value_or("?") << ": " << message << "\n";
}

int SpecRunner::resolveImport(void *user, const wk_import_desc *import,
                              wk_extern *out) {
  auto *runner = static_cast<SpecRunner *>(user);
  if (runner->trace && resolveTracePrint(*import, runner->log, *out))
    return 0;
  auto it = runner->registered.find(import->module);
  if (it == runner->registered.end())
    return 1;
  if (wk_instance_export(it->second, import->field, out) != 0)
    return 1;
  return out->kind == import->kind ? 0 : 1;
}

SpecRunner::Outcome SpecRunner::loadModule(StringRef filename,
                                           bool instantiate) {
  Outcome outcome;
  SmallString<256> path(baseDir);
  sys::path::append(path, filename);
  auto buffer = MemoryBuffer::getFile(path, /*IsText=*/false);
  if (!buffer) {
    outcome.kind = Outcome::CompileError;
    outcome.message = "cannot read " + path.str().str();
    return outcome;
  }
  ArrayRef<uint8_t> bytes(
      reinterpret_cast<const uint8_t *>((*buffer)->getBufferStart()),
      (*buffer)->getBufferSize());
  auto module = loader.load(bytes, options);
  if (!module) {
    outcome.kind = Outcome::CompileError;
    outcome.message = toString(module.takeError());
    return outcome;
  }
  if (!instantiate)
    return outcome;
  wk_instantiate_options instantiateOptions = {};
  instantiateOptions.resolver = resolveImport;
  instantiateOptions.resolver_user = this;
  instantiateOptions.max_stack_bytes = maxStack;
  char error[512] = "";
  wk_status status = wk_instantiate(*module, &instantiateOptions,
                                    &outcome.instance, error, sizeof error);
  outcome.message = error;
  if (status == WK_ERR_UNLINKABLE)
    outcome.kind = Outcome::LinkError;
  else if (status != WK_OK)
    outcome.kind = Outcome::InstantiateError;
  else
    instances.push_back(outcome.instance);
  return outcome;
}

wk_instance *SpecRunner::findInstance(const json::Object &action,
                                      std::string &error) {
  if (auto name = action.getString("module")) {
    auto it = named.find(*name);
    if (it == named.end()) {
      error = "unknown module " + name->str();
      return nullptr;
    }
    return it->second;
  }
  if (!current)
    error = "no current module";
  return current;
}

wk_trap SpecRunner::runAction(const json::Object &action,
                              std::vector<wk_value> &results, size_t numResults,
                              std::string &error) {
  wk_instance *instance = findInstance(action, error);
  if (!instance)
    return WK_TRAP_NONE;
  std::string field = action.getString("field").value_or("").str();
  wk_extern target;
  if (wk_instance_export_n(instance, field.data(), field.size(), &target) !=
      0) {
    error = "unknown export \"" + field + "\"";
    return WK_TRAP_NONE;
  }
  StringRef type = action.getString("type").value_or("");
  if (type == "get") {
    if (target.kind != WK_EXTERN_GLOBAL) {
      error = "export \"" + field + "\" is not a global";
      return WK_TRAP_NONE;
    }
    results.assign(1, *target.u.global);
    return WK_TRAP_NONE;
  }
  if (target.kind != WK_EXTERN_FUNC) {
    error = "export \"" + field + "\" is not a function";
    return WK_TRAP_NONE;
  }
  std::vector<wk_value> args;
  if (const json::Array *argList = action.getArray("args")) {
    for (const json::Value &arg : *argList) {
      auto value = parseValue(*arg.getAsObject());
      if (!value) {
        error = toString(value.takeError());
        return WK_TRAP_NONE;
      }
      args.push_back(*value);
    }
  }
  results.assign(std::max<size_t>(numResults, 1), wk_value{});
  return wk_invoke(target.u.func, args.data(), results.data());
}

void SpecRunner::checkEither(const json::Object &command,
                             const json::Array &alternatives,
                             const wk_value &result) {
  if (matchesEither(alternatives, result))
    return pass();
  std::string want, got;
  for (const json::Value &alternative : alternatives)
    if (const json::Object *object = alternative.getAsObject()) {
      want += (want.empty() ? "" : " | ") + formatExpected(*object);
      if (got.empty())
        got = formatValue(*object, result);
    }
  fail(command, "expected (either " + want + "), got (" + got + ")");
}

void SpecRunner::checkResults(const json::Object &command,
                              const std::vector<wk_value> &results) {
  if (const json::Array *alternatives = command.getArray("either"))
    return checkEither(command, *alternatives, results[0]);
  const json::Array *expected = command.getArray("expected");
  size_t count = expected ? expected->size() : 0;
  std::string got, want;
  bool ok = true;
  for (size_t i = 0; i < count; ++i) {
    const json::Object &exp = *(*expected)[i].getAsObject();
    ok &= matches(exp, results[i]);
    got += (i ? ", " : "") + formatValue(exp, results[i]);
    want += (i ? ", " : "") + formatExpected(exp);
  }
  if (ok)
    pass();
  else
    fail(command, "expected (" + want + "), got (" + got + ")");
}

void SpecRunner::traceAction(const json::Object &command,
                             const json::Object &action) {
  // With "either", the one result has the type of its first alternative.
  const json::Array *expected = command.getArray("expected");
  if (!expected)
    expected = command.getArray("either");
  size_t count = expectedResultCount(command);
  std::vector<wk_value> results;
  std::string error;
  wk_trap trap = runAction(action, results, count, error);
  if (!error.empty())
    return fail(command, error);
  std::string line = action.getString("field").value_or("").str() + "(";
  if (const json::Array *args = action.getArray("args")) {
    for (size_t i = 0; i < args->size(); ++i) {
      const json::Object &arg = *(*args)[i].getAsObject();
      auto value = parseValue(arg);
      if (!value)
        return fail(command, toString(value.takeError()));
      line += (i ? ", " : "") +
              formatTraceValue(arg.getString("type").value_or(""), *value);
    }
  }
  line += ") =>";
  if (trap != WK_TRAP_NONE) {
    line += std::string(" error: ") + wk_trap_message(trap);
  } else {
    for (size_t i = 0; i < count; ++i) {
      StringRef type =
          (*expected)[i].getAsObject()->getString("type").value_or("");
      line += (i ? ", " : " ") + formatTraceValue(type, results[i]);
    }
  }
  log << line << "\n";
  pass();
}

static bool trapMessageMatches(StringRef expected, StringRef got) {
  return wk_spec_trap_message_matches(expected.str().c_str(),
                                      got.str().c_str());
}

void SpecRunner::runCommand(const json::Object &command) {
  StringRef type = command.getString("type").value_or("");
  StringRef filename = command.getString("filename").value_or("");
  StringRef moduleType = command.getString("module_type").value_or("binary");

  if (type == "module") {
    // "definition": "true" (3.0 suite, README.md there): the module is only
    // compiled, never instantiated (some declare huge memories or tables),
    // and it is not the current module.
    if (command.getString("definition").value_or("") == "true") {
      Outcome outcome = loadModule(filename, /*instantiate=*/false);
      if (outcome.kind != Outcome::Ok)
        return fail(command, "module " + filename + ": " + outcome.message);
      return pass();
    }
    Outcome outcome = loadModule(filename);
    if (outcome.kind != Outcome::Ok) {
      current = nullptr;
      if (trace)
        log << "module error: " << outcome.message << "\n";
      return fail(command, "module " + filename + ": " + outcome.message);
    }
    current = outcome.instance;
    if (auto name = command.getString("name"))
      named[*name] = current;
    return pass();
  }
  if (type == "register") {
    wk_instance *instance = current;
    if (auto name = command.getString("name")) {
      auto it = named.find(*name);
      instance = it == named.end() ? nullptr : it->second;
    }
    if (!instance)
      return fail(command, "no module to register");
    registered[command.getString("as").value_or("")] = instance;
    return pass();
  }
  if (type == "assert_malformed" || type == "assert_invalid") {
    if (moduleType != "binary")
      return skip();
    Outcome outcome = loadModule(filename);
    if (outcome.kind == Outcome::CompileError)
      return pass();
    return fail(command, "module " + filename + " was accepted (expected \"" +
                             command.getString("text").value_or("") + "\")");
  }
  if (type == "assert_unlinkable" || type == "assert_uninstantiable") {
    Outcome outcome = loadModule(filename);
    Outcome::Kind want = type == "assert_unlinkable"
                             ? Outcome::LinkError
                             : Outcome::InstantiateError;
    if (outcome.kind == want)
      return pass();
    return fail(
        command,
        "module " + filename + ": expected \"" +
            command.getString("text").value_or("") + "\", got " +
            (outcome.kind == Outcome::Ok ? "success" : outcome.message));
  }

  const json::Object *action = command.getObject("action");
  if (!action)
    return fail(command, "unknown command");
  if (trace)
    return traceAction(command, *action);
  std::vector<wk_value> results;
  std::string error;
  wk_trap trap =
      runAction(*action, results, expectedResultCount(command), error);
  if (!error.empty())
    return fail(command, error);
  std::string what =
      "\"" + action->getString("field").value_or("").str() + "\"";

  if (type == "assert_return" || type == "action") {
    if (trap != WK_TRAP_NONE)
      return fail(command, what + " trapped: " + wk_trap_message(trap));
    return checkResults(command, results);
  }
  if (type == "assert_exception") {
    // The call must end with a wasm exception that nothing caught: neither
    // a return nor a trap.
    if (trap == WK_EXCEPTION)
      return pass();
    if (trap == WK_TRAP_NONE)
      return fail(command, what + " returned, expected an exception");
    return fail(command, what + " trapped \"" + wk_trap_message(trap) +
                             "\", expected an exception");
  }
  if (type == "assert_trap" || type == "assert_exhaustion") {
    StringRef text = command.getString("text").value_or("");
    if (trap == WK_TRAP_NONE)
      return fail(command, what + " returned, expected trap \"" + text + "\"");
    if (trap == WK_EXCEPTION)
      return fail(command, what + " threw an exception, expected trap \"" +
                               text + "\"");
    if (!trapMessageMatches(text, wk_trap_message(trap)))
      return fail(command, what + " trapped \"" + wk_trap_message(trap) +
                               "\", expected \"" + text + "\"");
    return pass();
  }
  fail(command, "unknown command type");
}

Error SpecRunner::runFile(StringRef path) {
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

  std::vector<uint8_t> spectest = buildSpectestModule();
  // The host module is the runner's, not the test's: built with every
  // feature it needs (a 64-bit table) whatever the test disables.
  CompileOptions spectestOptions = options;
  spectestOptions.disabledFeatures = FeatureSet();
  auto spectestModule = loader.load(spectest, spectestOptions);
  if (!spectestModule)
    return spectestModule.takeError();
  wk_instance *spectestInstance = nullptr;
  wk_instantiate_options noImports = {};
  char error[256] = "";
  if (wk_instantiate(*spectestModule, &noImports, &spectestInstance, error,
                     sizeof error) != WK_OK)
    return createStringError(inconvertibleErrorCode(),
                             Twine("spectest: ") + error);
  instances.push_back(spectestInstance);
  registered["spectest"] = spectestInstance;

  for (const json::Value &command : *commands)
    if (const json::Object *object = command.getAsObject())
      runCommand(*object);
  return Error::success();
}
