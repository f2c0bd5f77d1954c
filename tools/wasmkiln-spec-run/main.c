/*===- main.c - wasmkiln-spec-run: spec commands on another target --------===*
 *
 * wasmkiln-spec-run DIR/plan.txt runs the commands that the host's
 * `wasmkiln-spec --aot --target=T --cross-dir=DIR` prepared (the format is in
 * tools/wasmkiln-spec/CrossPlan.h), in one process built for T and run under
 * QEMU: it dlopens each module's shared object, instantiates it through the
 * runtime's C API with imports resolved across instances, invokes actions
 * and checks results and traps with SpecCheck.c, as SpecRunner.cpp does on
 * the host. Prints one line per failed command and the closing
 * "N passed, N failed, N skipped". Plain C: no LLVM, no C++ library.
 *
 *===----------------------------------------------------------------------===*/

#include "SpecCheck.h"
#include "wasmkiln/runtime.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A plan string: its bytes (NUL-terminated too) and length. */
typedef struct PlanString {
  char *bytes; /* NULL when absent ("-") */
  size_t length;
} PlanString;

typedef struct Binding { /* a name and the instance it stands for */
  PlanString name;
  wk_instance *instance;
} Binding;

typedef struct Runner {
  const char *dir;
  PlanString jsonPath;
  unsigned passed, failed, skipped;
  wk_instance *current;
  wk_instance **instances; /* owned, freed at the end */
  size_t numInstances;
  void **handles; /* dlopen'ed, closed last */
  size_t numHandles;
  Binding *named, *registered;
  size_t numNamed, numRegistered;
} Runner;

/* One command being run: its line and type, for failure messages. */
typedef struct Command {
  Runner *runner;
  const char *type;
  const char *line;
} Command;

static void *checked(void *allocation) {
  if (!allocation) {
    fprintf(stderr, "wasmkiln-spec-run: out of memory\n");
    exit(2);
  }
  return allocation;
}

/* Room for one more element after count. */
static void *grow(void *array, size_t count, size_t size) {
  return checked(realloc(array, (count + 1) * size));
}

/* count + 1 zeroed elements (never NULL). */
static void *zeroed(size_t count, size_t size) {
  return checked(calloc(count + 1, size));
}

static void fail(Command *command, const char *format, ...) {
  va_list args;
  ++command->runner->failed;
  printf("%s:%s: %s: ", command->runner->jsonPath.bytes, command->line,
         command->type);
  va_start(args, format);
  vprintf(format, args);
  va_end(args);
  printf("\n");
}

static int hexDigit(char c) {
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Decodes `count` bytes of hex into out; 0 on success. */
static int decodeHex(const char *hex, size_t count, unsigned char *out) {
  for (size_t i = 0; i < count; ++i) {
    int high = hexDigit(hex[2 * i]),
        low = high < 0 ? -1 : hexDigit(hex[2 * i + 1]);
    if (low < 0)
      return -1;
    out[i] = (unsigned char)(high * 16 + low);
  }
  return 0;
}

/* "x" + hex, or "-"; 0 on success. The bytes are decoded in place. */
static int parseString(char *token, PlanString *out) {
  out->bytes = NULL;
  out->length = 0;
  if (!token)
    return -1;
  if (!strcmp(token, "-"))
    return 0;
  size_t digits = strlen(token + 1);
  if (token[0] != 'x' || digits % 2)
    return -1;
  out->bytes = token;
  out->length = digits / 2;
  if (decodeHex(token + 1, out->length, (unsigned char *)token) != 0)
    return -1;
  token[out->length] = '\0';
  return 0;
}

static int sameString(const PlanString *a, const char *bytes, size_t length) {
  return a->bytes && a->length == length && !memcmp(a->bytes, bytes, length);
}

static wk_instance *lookup(const Binding *bindings, size_t count,
                           const char *bytes, size_t length) {
  for (size_t i = count; i-- > 0;) /* the latest binding wins */
    if (sameString(&bindings[i].name, bytes, length))
      return bindings[i].instance;
  return NULL;
}

static Binding *bind(Binding *bindings, size_t *count, PlanString name,
                     wk_instance *instance) {
  bindings = grow(bindings, *count, sizeof *bindings);
  bindings[*count].name = name;
  bindings[*count].instance = instance;
  ++*count;
  return bindings;
}

static int resolveImport(void *user, const wk_import_desc *import,
                         wk_extern *out) {
  Runner *runner = user;
  wk_instance *instance = lookup(runner->registered, runner->numRegistered,
                                 import->module, strlen(import->module));
  if (!instance || wk_instance_export(instance, import->field, out) != 0)
    return 1;
  return out->kind == import->kind ? 0 : 1;
}

/* dlopens DIR/so and instantiates its module; returns wk_instantiate's
 * status, or -1 (message in error) when the module cannot be loaded. */
static int loadModule(Runner *runner, const char *so, const char *symbol,
                      wk_instance **instance, char *error, size_t errorSize) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", runner->dir, so);
  void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    snprintf(error, errorSize, "dlopen: %s", dlerror());
    return -1;
  }
  runner->handles = grow(runner->handles, runner->numHandles, sizeof(void *));
  runner->handles[runner->numHandles++] = handle;
  const wk_module *module = dlsym(handle, symbol);
  if (!module) {
    snprintf(error, errorSize, "no symbol %s in %s", symbol, path);
    return -1;
  }
  wk_instantiate_options options;
  memset(&options, 0, sizeof options);
  options.resolver = resolveImport;
  options.resolver_user = runner;
  error[0] = '\0';
  wk_status status =
      wk_instantiate(module, &options, instance, error, errorSize);
  if (status == WK_OK) {
    runner->instances =
        grow(runner->instances, runner->numInstances, sizeof(wk_instance *));
    runner->instances[runner->numInstances++] = *instance;
  }
  return (int)status;
}

/* The tokens of the rest of a line, split at single spaces. */
static char *next(char **cursor) {
  char *token = *cursor;
  if (!token || !*token)
    return NULL;
  char *space = strchr(token, ' ');
  if (space) {
    *space = '\0';
    *cursor = space + 1;
  } else {
    *cursor = token + strlen(token);
  }
  return token;
}

/* The module's .wasm file name (the shared object's without ".so"), for
 * messages as the host runner prints them. Shortens so in place. */
static const char *wasmName(PlanString *so) {
  if (so->length > 3 && !strcmp(so->bytes + so->length - 3, ".so"))
    so->bytes[so->length -= 3] = '\0';
  return so->bytes;
}

static void runModule(Command *command, char **cursor) {
  Runner *runner = command->runner;
  PlanString so, name;
  char *symbol = NULL;
  if (parseString(next(cursor), &so) != 0 || !so.bytes ||
      !(symbol = next(cursor)) || parseString(next(cursor), &name) != 0) {
    fail(command, "bad plan line");
    return;
  }
  wk_instance *instance = NULL;
  char error[512];
  int status =
      loadModule(runner, so.bytes, symbol, &instance, error, sizeof error);
  runner->current = status == WK_OK ? instance : NULL;
  if (status != WK_OK) {
    fail(command, "module %s: %s", wasmName(&so), error);
    return;
  }
  if (name.bytes)
    runner->named = bind(runner->named, &runner->numNamed, name, instance);
  ++runner->passed;
}

static void runRegister(Command *command, char **cursor) {
  Runner *runner = command->runner;
  PlanString name, as;
  if (parseString(next(cursor), &name) != 0 ||
      parseString(next(cursor), &as) != 0 || !as.bytes) {
    fail(command, "bad plan line");
    return;
  }
  wk_instance *instance = name.bytes ? lookup(runner->named, runner->numNamed,
                                              name.bytes, name.length)
                                     : runner->current;
  if (!instance) {
    fail(command, "no module to register");
    return;
  }
  runner->registered =
      bind(runner->registered, &runner->numRegistered, as, instance);
  ++runner->passed;
}

/* assert_unlinkable / assert_uninstantiable: instantiation must fail so. */
static void runModuleCheck(Command *command, char **cursor, wk_status want) {
  PlanString so, text;
  char *symbol = NULL;
  if (parseString(next(cursor), &so) != 0 || !so.bytes ||
      !(symbol = next(cursor)) || parseString(next(cursor), &text) != 0 ||
      !text.bytes) {
    fail(command, "bad plan line");
    return;
  }
  wk_instance *instance = NULL;
  char error[512];
  int status = loadModule(command->runner, so.bytes, symbol, &instance, error,
                          sizeof error);
  if (status == (int)want) {
    ++command->runner->passed;
    return;
  }
  fail(command, "module %s: expected \"%s\", got %s", wasmName(&so), text.bytes,
       status == WK_OK ? "success" : error);
}

/* An expected value: "VALUETYPE LANETYPE NTEXTS TEXT...". */
typedef struct Expected {
  const char *type, *laneType;
  const char **texts;
  size_t count;
} Expected;

static int parseExpected(char **cursor, Expected *out) {
  out->type = next(cursor);
  out->laneType = next(cursor);
  const char *count = next(cursor);
  uint64_t n;
  if (!count || wk_spec_parse_bits(count, &n) != 0 || n > 64)
    return -1;
  out->count = (size_t)n;
  out->texts = zeroed(n, sizeof(char *));
  for (size_t i = 0; i < n; ++i)
    if (!(out->texts[i] = next(cursor)))
      return -1;
  return 0;
}

/* Appends formatted text to the string in out (size bytes), truncating. */
static void append(char *out, size_t size, const char *format, ...) {
  size_t used = strlen(out);
  if (used + 1 >= size)
    return;
  va_list args;
  va_start(args, format);
  vsnprintf(out + used, size - used, format, args);
  va_end(args);
}

static void formatExpected(char *out, size_t size, const Expected *expected) {
  append(out, size, "%s:", expected->type);
  if (!strcmp(expected->type, "v128")) {
    append(out, size, "%s[", expected->laneType);
    for (size_t i = 0; i < expected->count; ++i)
      append(out, size, "%s%s", i ? " " : "", expected->texts[i]);
    append(out, size, "]");
  } else if (expected->count) {
    append(out, size, "%s", expected->texts[0]);
  }
}

/* Prints `value` in the shape of `like`, as SpecValue.cpp's formatValue. */
static void formatValue(char *out, size_t size, const Expected *like,
                        const wk_value *value) {
  const char *type = like->type;
  if (!strcmp(type, "v128")) {
    unsigned bytes = wk_spec_lane_bits(like->laneType) / 8;
    append(out, size, "v128:%s[", like->laneType);
    for (unsigned i = 0; i < 16 / bytes; ++i) {
      uint64_t lane = 0;
      memcpy(&lane, value->v128 + i * bytes, bytes);
      append(out, size, "%s%llu", i ? " " : "", (unsigned long long)lane);
    }
    append(out, size, "]");
  } else if (!strcmp(type, "funcref") || !strcmp(type, "externref")) {
    if (!value->ref)
      append(out, size, "%s:null", type);
    else if (type[0] == 'e')
      append(out, size, "%s:%llu", type,
             (unsigned long long)((uintptr_t)value->ref - 1));
    else
      append(out, size, "%s:%p", type, value->ref);
  } else if (!strcmp(type, "i32") || !strcmp(type, "f32")) {
    uint32_t bits;
    memcpy(&bits, value, 4);
    append(out, size, "%s:%u", type, bits);
    if (type[0] == 'f')
      append(out, size, " (%g)", (double)value->f32);
  } else {
    uint64_t bits;
    memcpy(&bits, value, 8);
    append(out, size, "%s:%llu", type, (unsigned long long)bits);
    if (type[0] == 'f')
      append(out, size, " (%g)", value->f64);
  }
}

static int valueMatches(const Expected *expected, const wk_value *got) {
  return wk_spec_value_matches(expected->type, expected->laneType,
                               expected->texts, expected->count, got);
}

static void checkResults(Command *command, int either, const Expected *exp,
                         size_t count, const wk_value *results) {
  char want[4096] = "", got[4096] = "";
  int ok = !either;
  for (size_t i = 0; i < count; ++i) {
    const wk_value *result = either ? &results[0] : &results[i];
    int match = valueMatches(&exp[i], result);
    ok = either ? ok || match : ok && match;
    append(want, sizeof want, "%s", i ? (either ? " | " : ", ") : "");
    formatExpected(want, sizeof want, &exp[i]);
    if (!either || i == 0) {
      append(got, sizeof got, "%s", i ? ", " : "");
      formatValue(got, sizeof got, &exp[i], result);
    }
  }
  if (ok) {
    ++command->runner->passed;
    return;
  }
  if (either) {
    fail(command, "expected (either %s), got (%s)", want, got);
    return;
  }
  fail(command, "expected (%s), got (%s)", want, got);
}

/* What an action did: results filled, or a trap, or an error message. */
static wk_trap runAction(Command *command, const PlanString *module,
                         const PlanString *field, const char *kind,
                         const wk_value *args, wk_value *results, char *error,
                         size_t errorSize) {
  Runner *runner = command->runner;
  wk_instance *instance = runner->current;
  if (module->bytes) {
    instance =
        lookup(runner->named, runner->numNamed, module->bytes, module->length);
    if (!instance) {
      snprintf(error, errorSize, "unknown module %s", module->bytes);
      return WK_TRAP_NONE;
    }
  } else if (!instance) {
    snprintf(error, errorSize, "no current module");
    return WK_TRAP_NONE;
  }
  wk_extern target;
  if (wk_instance_export_n(instance, field->bytes, field->length, &target)) {
    snprintf(error, errorSize, "unknown export \"%s\"", field->bytes);
    return WK_TRAP_NONE;
  }
  if (!strcmp(kind, "get")) {
    if (target.kind != WK_EXTERN_GLOBAL)
      snprintf(error, errorSize, "export \"%s\" is not a global", field->bytes);
    else
      results[0] = *target.u.global;
    return WK_TRAP_NONE;
  }
  if (target.kind != WK_EXTERN_FUNC) {
    snprintf(error, errorSize, "export \"%s\" is not a function", field->bytes);
    return WK_TRAP_NONE;
  }
  return wk_invoke(target.u.func, args, results);
}

/* The outcome of an action against what its command type asks for. */
static void judge(Command *command, const char *field, wk_trap trap,
                  const char *text, int either, const Expected *expected,
                  size_t numExpected, const wk_value *results) {
  const char *type = command->type;
  if (!strcmp(type, "assert_return") || !strcmp(type, "action")) {
    if (trap != WK_TRAP_NONE) {
      fail(command, "\"%s\" trapped: %s", field, wk_trap_message(trap));
      return;
    }
    checkResults(command, either, expected, numExpected, results);
    return;
  }
  if (!strcmp(type, "assert_exception")) {
    if (trap == WK_EXCEPTION) {
      ++command->runner->passed;
      return;
    }
    if (trap == WK_TRAP_NONE) {
      fail(command, "\"%s\" returned, expected an exception", field);
      return;
    }
    fail(command, "\"%s\" trapped \"%s\", expected an exception", field,
         wk_trap_message(trap));
    return;
  }
  if (!strcmp(type, "assert_trap") || !strcmp(type, "assert_exhaustion")) {
    if (trap == WK_TRAP_NONE) {
      fail(command, "\"%s\" returned, expected trap \"%s\"", field, text);
      return;
    }
    if (trap == WK_EXCEPTION) {
      fail(command, "\"%s\" threw an exception, expected trap \"%s\"", field,
           text);
      return;
    }
    if (!wk_spec_trap_message_matches(text, wk_trap_message(trap))) {
      fail(command, "\"%s\" trapped \"%s\", expected \"%s\"", field,
           wk_trap_message(trap), text);
      return;
    }
    ++command->runner->passed;
    return;
  }
  fail(command, "unknown command type");
}

/* Reads a count token (at most `limit`) into *out; 0 on success. */
static int parseCount(char **cursor, uint64_t limit, size_t *out) {
  const char *token = next(cursor);
  uint64_t n;
  if (!token || wk_spec_parse_bits(token, &n) != 0 || n > limit)
    return -1;
  *out = (size_t)n;
  return 0;
}

/* TYPE LINE MODULE FIELD invoke|get TEXT NARGS ARG... all|either NEXP EXP... */
static void runActionCommand(Command *command, char **cursor) {
  PlanString module, field, text;
  const char *kind = NULL, *shape = NULL;
  size_t numArgs = 0, numExpected = 0;
  wk_value *args = NULL, *results = NULL;
  Expected *expected = NULL;
  char error[512] = "";
  int ok = parseString(next(cursor), &module) == 0 &&
           parseString(next(cursor), &field) == 0 && field.bytes &&
           (kind = next(cursor)) && parseString(next(cursor), &text) == 0 &&
           text.bytes && parseCount(cursor, 1u << 16, &numArgs) == 0;
  if (ok)
    args = zeroed(numArgs, sizeof(wk_value));
  for (size_t i = 0; ok && i < numArgs; ++i) {
    const char *hex = next(cursor);
    ok = hex && strlen(hex) == 2 * sizeof(wk_value) &&
         decodeHex(hex, sizeof(wk_value), (unsigned char *)&args[i]) == 0;
  }
  ok = ok && (shape = next(cursor)) &&
       parseCount(cursor, 1u << 16, &numExpected) == 0;
  if (ok)
    expected = zeroed(numExpected, sizeof(Expected));
  for (size_t i = 0; ok && i < numExpected; ++i)
    ok = parseExpected(cursor, &expected[i]) == 0;
  int either = ok && !strcmp(shape, "either");
  if (ok && either && numExpected == 0)
    ok = 0;
  if (!ok) {
    fail(command, "bad plan line");
  } else {
    size_t numResults = either ? 1 : numExpected;
    results = zeroed(numResults, sizeof(wk_value));
    wk_trap trap = runAction(command, &module, &field, kind, args, results,
                             error, sizeof error);
    if (error[0])
      fail(command, "%s", error);
    else
      judge(command, field.bytes, trap, text.bytes, either, expected,
            numExpected, results);
  }
  for (size_t i = 0; expected && i < numExpected; ++i)
    free(expected[i].texts);
  free(expected);
  free(args);
  free(results);
}

static void runLine(Runner *runner, char *line) {
  char *cursor = line;
  Command command = {runner, next(&cursor), NULL};
  if (!command.type || !*command.type)
    return;
  if (!strcmp(command.type, "wasmkiln-spec-plan") ||
      !strcmp(command.type, "spectest"))
    return; /* handled by runPlan */
  command.line = next(&cursor);
  if (!command.line)
    command.line = "0";
  if (!strcmp(command.type, "module")) {
    runModule(&command, &cursor);
    return;
  }
  if (!strcmp(command.type, "nomodule")) {
    runner->current = NULL; /* its failure was counted on the host */
    return;
  }
  if (!strcmp(command.type, "register")) {
    runRegister(&command, &cursor);
    return;
  }
  if (!strcmp(command.type, "assert_unlinkable")) {
    runModuleCheck(&command, &cursor, WK_ERR_UNLINKABLE);
    return;
  }
  if (!strcmp(command.type, "assert_uninstantiable")) {
    runModuleCheck(&command, &cursor, WK_ERR_UNINSTANTIABLE);
    return;
  }
  runActionCommand(&command, &cursor);
}

static char *readFile(const char *path) {
  FILE *file = fopen(path, "rb");
  if (!file)
    return NULL;
  char *text = NULL;
  size_t length = 0, capacity = 0, got;
  do {
    if (length + 4096 + 1 > capacity) {
      capacity = 2 * capacity + 4096 + 1;
      char *grown = realloc(text, capacity);
      if (!grown) {
        free(text);
        fclose(file);
        return NULL;
      }
      text = grown;
    }
    got = fread(text + length, 1, 4096, file);
    length += got;
  } while (got > 0);
  fclose(file);
  text[length] = '\0';
  return text;
}

/* The header and the spectest module, then every command. 0 on success. */
static int runPlan(Runner *runner, char *text) {
  char *save = NULL;
  char *header = strtok_r(text, "\n", &save);
  char *cursor = header;
  const char *magic = next(&cursor), *version = next(&cursor);
  if (!magic || strcmp(magic, "wasmkiln-spec-plan") || !version ||
      strcmp(version, "1") || parseString(next(&cursor), &runner->jsonPath) ||
      !runner->jsonPath.bytes) {
    fprintf(stderr, "wasmkiln-spec-run: not a plan (version 1)\n");
    return -1;
  }
  cursor = strtok_r(NULL, "\n", &save);
  const char *kind = next(&cursor);
  PlanString so;
  const char *symbol = NULL;
  if (!kind || strcmp(kind, "spectest") || parseString(next(&cursor), &so) ||
      !so.bytes || !(symbol = next(&cursor))) {
    fprintf(stderr, "wasmkiln-spec-run: the plan has no spectest line\n");
    return -1;
  }
  wk_instance *spectest = NULL;
  char error[512];
  if (loadModule(runner, so.bytes, symbol, &spectest, error, sizeof error) !=
      WK_OK) {
    fprintf(stderr, "wasmkiln-spec-run: spectest: %s\n", error);
    return -1;
  }
  static char spectestName[] = "spectest";
  PlanString name = {spectestName, sizeof spectestName - 1};
  runner->registered =
      bind(runner->registered, &runner->numRegistered, name, spectest);
  for (char *line; (line = strtok_r(NULL, "\n", &save));)
    runLine(runner, line);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: wasmkiln-spec-run DIR/plan.txt\n");
    return 2;
  }
  char *text = readFile(argv[1]);
  if (!text) {
    fprintf(stderr, "wasmkiln-spec-run: cannot read %s\n", argv[1]);
    return 2;
  }
  Runner runner;
  memset(&runner, 0, sizeof runner);
  char *dir = checked(strdup(argv[1]));
  char *slash = strrchr(dir, '/');
  if (slash)
    *slash = '\0';
  runner.dir = slash ? dir : ".";
  int status = runPlan(&runner, text);
  for (size_t i = runner.numInstances; i-- > 0;)
    wk_instance_free(runner.instances[i]);
  for (size_t i = runner.numHandles; i-- > 0;)
    dlclose(runner.handles[i]);
  if (status != 0)
    return 2;
  printf("%u passed, %u failed, %u skipped\n", runner.passed, runner.failed,
         runner.skipped);
  return runner.failed == 0 ? 0 : 1;
}
