/*===- main.c - main() of the executables wasmkiln produces ---------------===*
 *
 * The compiler emits the module descriptor (aliased as wasmkiln_main_module)
 * and the policy given when compiling (wasmkiln_grants): first the resource
 * limits, one a line (`max-memory=64M`, `max-stack=`, `fuel=`, `timeout=`:
 * wk_parse_limits), then the grants. At run time the host environment
 * variables WASMKILN_LIMITS and WASMKILN_GRANTS may override limits and add
 * grants in the same formats (';' or newline separated): only whoever
 * starts the program can set them, never the wasm program (it cannot set
 * host variables, and sees the host environment only through inherit-env).
 * With a stack budget the program runs on a thread whose stack is that big.
 * A wasi-threads program that spawned threads ends the process from
 * whichever thread ends it (end_process).
 *===----------------------------------------------------------------------===*/

#include "wasmkiln/wasi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern const wk_module wasmkiln_main_module;
extern const char wasmkiln_grants[];

static int fail(const char *message) {
  fprintf(stderr, "wasmkiln: error: %s\n", message);
  return 1;
}

/* The baked limit lines come before every grant; none is a grant key. */
static const char *skip_limit_lines(const char *text) {
  static const char *const keys[] = {
      "max-memory=", "max-stack=", "fuel=", "timeout="};
  for (;;) {
    int is_limit = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; ++i)
      is_limit |= strncmp(text, keys[i], strlen(keys[i])) == 0;
    const char *end = strchr(text, '\n');
    if (!is_limit || !end)
      return text;
    text = end + 1;
  }
}

/* The exit handler of wasi-threads programs: other threads may still run
 * wasm code, so no atexit handlers or destructors run under them. */
static void end_process(int status) {
  fflush(NULL);
  _exit(status);
}

typedef struct command {
  int argc;
  char **argv;
  const char *grants;
  wk_instantiate_options limits;
  int status;
} command;

static void run(void *arg) {
  command *cmd = arg;
  cmd->status = wk_wasi_run_command_limited(&wasmkiln_main_module, cmd->argc,
                                            (const char *const *)cmd->argv,
                                            cmd->grants, &cmd->limits);
}

int main(int argc, char **argv) {
  command cmd = {argc, argv, NULL, {0}, 1};
  const char *baked = skip_limit_lines(wasmkiln_grants);
  size_t limits_len = (size_t)(baked - wasmkiln_grants);
  char err[256];
  char *limits = malloc(limits_len + 1);
  if (!limits)
    return fail("out of memory");
  memcpy(limits, wasmkiln_grants, limits_len);
  limits[limits_len] = '\0';
  int bad =
      wk_parse_limits(limits, &cmd.limits, err, sizeof err) ||
      wk_parse_limits(getenv("WASMKILN_LIMITS"), &cmd.limits, err, sizeof err);
  free(limits);
  if (bad)
    return fail(err);

  const char *extra = getenv("WASMKILN_GRANTS");
  char *grants = NULL;
  if (extra && *extra) {
    size_t baked_len = strlen(baked), more = strlen(extra);
    grants = malloc(baked_len + more + 2);
    if (!grants)
      return fail("out of memory");
    memcpy(grants, baked, baked_len);
    grants[baked_len] = '\n';
    memcpy(grants + baked_len + 1, extra, more + 1);
    for (char *c = grants + baked_len + 1; *c; ++c)
      if (*c == ';')
        *c = '\n';
  }
  cmd.grants = grants ? grants : baked;
  wk_wasi_set_exit_handler(end_process);
  if (cmd.limits.max_stack_bytes) {
    if (wk_run_on_stack(cmd.limits.max_stack_bytes, run, &cmd))
      cmd.status = fail("cannot create a thread for --max-stack");
  } else {
    run(&cmd);
  }
  free(grants);
  return cmd.status;
}
