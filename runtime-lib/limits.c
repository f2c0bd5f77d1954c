/*===- limits.c - Fuel, interrupts and the text form of resource limits ---===*
 *
 * The host side of the checks that code compiled with --fuel or --timeout
 * makes at every function entry and loop header (docs/reliability.md):
 * setting fuel, raising and clearing the interrupt flag, and turning a
 * failed check into the right trap. Also the parser of the limits text that
 * executables carry (`max-memory=64M;timeout=2`) and a helper that runs a
 * function on a thread with a large enough stack for max-stack.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "internal.h"

#include <pthread.h>
#include <string.h>

/*---- Fuel and interrupts ----*/

void wk_rt_interrupt(wk_instance *instance, uint32_t why) {
  __atomic_store_n(&instance->interrupt, why, __ATOMIC_RELAXED);
}

void wk_trap_interrupt(wk_instance *instance, const char *func_name) {
  uint32_t why = __atomic_load_n(&instance->interrupt, __ATOMIC_RELAXED);
  wk_trap trap = why == WK_RT_INTERRUPT_TIMEOUT ? WK_TRAP_TIMEOUT
                 : why                          ? WK_TRAP_INTERRUPTED
                                                : WK_TRAP_OUT_OF_FUEL;
  wk_trap_at(trap, func_name);
}

int wk_instance_set_fuel(wk_instance *instance, int64_t fuel) {
  if (!instance || instance->module->interrupt_checks != WK_CHECKS_FUEL)
    return -1;
  instance->fuel = fuel;
  return 0;
}

int64_t wk_instance_fuel(const wk_instance *instance) {
  if (!instance || instance->module->interrupt_checks != WK_CHECKS_FUEL)
    return INT64_MAX;
  return instance->fuel;
}

int wk_instance_interrupt(wk_instance *instance) {
  if (!instance)
    return -1;
  wk_rt_interrupt(instance, WK_RT_INTERRUPT_HOST);
  return instance->module->interrupt_checks == WK_CHECKS_NONE ? -1 : 0;
}

void wk_instance_clear_interrupt(wk_instance *instance) {
  if (instance)
    wk_rt_interrupt(instance, 0);
}

/*---- The text form ----*/

/* Parses a decimal count; returns 0 on success. */
static int parse_count(const char *text, size_t len, uint64_t *out) {
  uint64_t value = 0;
  if (len == 0)
    return -1;
  for (size_t i = 0; i < len; ++i) {
    if (text[i] < '0' || text[i] > '9')
      return -1;
    uint64_t digit = (uint64_t)(text[i] - '0');
    if (value > (UINT64_MAX - digit) / 10)
      return -1;
    value = value * 10 + digit;
  }
  *out = value;
  return 0;
}

/* SIZE: digits with an optional K/M/G (x1024^n) or p (x64 KiB) suffix,
 * optionally followed by "iB" or "B". */
static int parse_size(const char *text, size_t len, uint64_t *out) {
  size_t digits = 0;
  while (digits < len && text[digits] >= '0' && text[digits] <= '9')
    ++digits;
  uint64_t value;
  if (parse_count(text, digits, &value))
    return -1;
  const char *suffix = text + digits;
  size_t rest = len - digits;
  unsigned shift = 0;
  if (rest && (*suffix == 'k' || *suffix == 'K'))
    shift = 10;
  else if (rest && (*suffix == 'm' || *suffix == 'M'))
    shift = 20;
  else if (rest && (*suffix == 'g' || *suffix == 'G'))
    shift = 30;
  else if (rest && *suffix == 'p')
    shift = 16;
  if (shift) {
    ++suffix;
    --rest;
    if (shift != 16 && rest == 2 && memcmp(suffix, "iB", 2) == 0)
      rest = 0;
  }
  if (rest == 1 && *suffix == 'B' && shift != 16)
    rest = 0;
  if (rest || value > (UINT64_MAX >> shift))
    return -1;
  *out = value << shift;
  return 0;
}

/* SECONDS: digits, optionally a '.' and up to three more (milliseconds). */
static int parse_seconds(const char *text, size_t len, uint64_t *ms) {
  const char *dot = memchr(text, '.', len);
  size_t whole_len = dot ? (size_t)(dot - text) : len;
  uint64_t whole = 0, frac = 0;
  if (whole_len && parse_count(text, whole_len, &whole))
    return -1;
  if (dot) {
    size_t frac_len = len - whole_len - 1;
    if (frac_len == 0 || frac_len > 3 || parse_count(dot + 1, frac_len, &frac))
      return -1;
    for (size_t i = frac_len; i < 3; ++i)
      frac *= 10;
  } else if (!whole_len) {
    return -1;
  }
  if (whole > UINT64_MAX / 1000 - 1)
    return -1;
  *ms = whole * 1000 + frac;
  return 0;
}

static int parse_entry(const char *entry, size_t len,
                       wk_instantiate_options *options, char *err,
                       size_t err_size) {
  const char *eq = memchr(entry, '=', len);
  size_t key_len = eq ? (size_t)(eq - entry) : len;
  const char *value = eq ? eq + 1 : entry + len;
  size_t value_len = eq ? len - key_len - 1 : 0;
#define KEY(name) (key_len == sizeof(name) - 1 && !memcmp(entry, name, key_len))
  uint64_t n = 0;
  if (KEY("max-memory")) {
    if (!eq || parse_size(value, value_len, &n))
      goto bad;
    if (n < WK_PAGE_SIZE) {
      wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                  "max-memory=%.*s is less than one 64 KiB page",
                  (int)value_len, value);
      return -1;
    }
    n /= WK_PAGE_SIZE;
    options->max_memory_pages = n; /* memory64: beyond 4 GiB too */
  } else if (KEY("max-stack")) {
    if (!eq || parse_size(value, value_len, &n) || n == 0 ||
        n > ((uint64_t)1 << 40))
      goto bad;
    options->max_stack_bytes = n;
  } else if (KEY("fuel")) {
    if (!eq || parse_count(value, value_len, &n) || n == 0 ||
        n > (uint64_t)INT64_MAX)
      goto bad;
    options->fuel = (int64_t)n;
  } else if (KEY("timeout")) {
    if (!eq || parse_seconds(value, value_len, &n) || n == 0)
      goto bad;
    options->timeout_ms = n;
  } else {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "unknown resource limit '%.*s' (max-memory, max-stack, fuel "
                "or timeout)",
                (int)key_len, entry);
    return -1;
  }
#undef KEY
  return 0;
bad:
  wk_rt_error(WK_ERR_RESOURCE, err, err_size, "bad resource limit '%.*s'",
              (int)len, entry);
  return -1;
}

int wk_parse_limits(const char *text, wk_instantiate_options *options,
                    char *err, size_t err_size) {
  if (err && err_size)
    err[0] = '\0';
  while (text && *text) {
    size_t len = strcspn(text, ";\n");
    /* Blanks around an entry are allowed; inside it they are an error. */
    const char *entry = text;
    size_t entry_len = len;
    while (entry_len && (*entry == ' ' || *entry == '\t'))
      ++entry, --entry_len;
    while (entry_len &&
           (entry[entry_len - 1] == ' ' || entry[entry_len - 1] == '\t'))
      --entry_len;
    if (entry_len && parse_entry(entry, entry_len, options, err, err_size))
      return -1;
    text += len;
    if (*text)
      ++text;
  }
  return 0;
}

/*---- Running on a large stack ----*/

/* Room for host functions (WASI calls, printf) and trap handling below the
 * deepest wasm frame: stack.c's margin and then some. */
#define WK_RT_HOST_STACK ((uint64_t)1 << 20)

typedef struct stack_call {
  void (*fn)(void *);
  void *arg;
} stack_call;

static void *run_stack_call(void *arg) {
  stack_call *call = arg;
  call->fn(call->arg);
  return NULL;
}

int wk_run_on_stack(uint64_t stack_bytes, void (*fn)(void *), void *arg) {
  if (stack_bytes > ((uint64_t)1 << 40))
    return -1;
  pthread_attr_t attr;
  if (pthread_attr_init(&attr))
    return -1;
  pthread_t thread;
  stack_call call = {fn, arg};
  int failed = pthread_attr_setstacksize(
                   &attr, (size_t)(stack_bytes + WK_RT_HOST_STACK)) ||
               pthread_create(&thread, &attr, run_stack_call, &call);
  pthread_attr_destroy(&attr);
  if (failed)
    return -1;
  pthread_join(thread, NULL);
  return 0;
}
