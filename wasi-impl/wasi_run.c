/*===- wasi_run.c - Running a WASI command ---------------------------------===*
 *
 * wk_wasi_run_command: context from argv and grants, instantiation with the
 * WASI resolver, _start through wk_invoke, and the exit status a shell
 * sees (docs/abi.md: 0, the proc_exit code, or 134 after a trap, also one
 * in the start function or a segment during instantiation).
 *===----------------------------------------------------------------------===*/

#include "wasi_internal.h"

#include <stdio.h>

static int fail(const char *message) {
  fflush(stdout);
  fprintf(stderr, "wasmkiln: error: %s\n", message);
  return 1;
}

int wk_wasi_trap_status(wk_trap trap, const char *when) {
  if (trap == WK_TRAP_NONE)
    return 0;
  if (trap == WK_TRAP_EXIT)
    return wk_exit_code();
  fflush(stdout);
  if (trap == WK_EXCEPTION) {
    /* Not a trap: a wasm exception nothing caught, named by its tag's
     * export or import when it has one. */
    const wk_exception *exn = wk_uncaught_exception();
    const char *tag = exn && exn->tag ? exn->tag->name : NULL;
    fprintf(stderr, "wasm exception: uncaught exception");
    if (tag)
      fprintf(stderr, " (tag %s)", tag);
    fprintf(stderr, "%s\n", when);
    fflush(stderr);
    wk_trap_write_backtrace(2);
    return WK_TRAP_EXIT_STATUS;
  }
  const char *message = wk_trap_message(trap);
  if (trap == WK_TRAP_HOST && wk_trap_host_message())
    message = wk_trap_host_message();
  fprintf(stderr, "wasm trap: %s", message ? message : "unknown");
  if (wk_trap_function())
    fprintf(stderr, " in %s", wk_trap_function());
  fprintf(stderr, "%s\n", when);
  fflush(stderr);
  wk_trap_write_backtrace(2);
  return WK_TRAP_EXIT_STATUS;
}

/* A trap in the segments or the start function is the program's trap (or
 * its proc_exit), not an error of ours. */
int wk_wasi_instantiation_status(wk_status status, const char *err) {
  int in_start = 0;
  wk_trap trap = wk_instantiate_trap(&in_start);
  if (status != WK_ERR_UNINSTANTIABLE || trap == WK_TRAP_NONE)
    return fail(err[0] ? err : "cannot instantiate the module");
  return wk_wasi_trap_status(trap,
                             in_start ? " during instantiation (start function)"
                                      : " during instantiation (segments)");
}

/* Frees the program's instance, memory and context, unless spawned threads
 * still use them (only without an exit handler: they run on). */
static void finish(wk_wasi_ctx *ctx, wk_instance *instance) {
  if (!wasi_threads_running(ctx->threads)) {
    wk_instance_free(instance);
    wasi_threads_destroy(ctx->threads);
    wk_wasi_destroy(ctx);
  }
  fflush(NULL);
}

int wk_wasi_run_command(const wk_module *module, int argc,
                        const char *const *argv, const char *grants) {
  return wk_wasi_run_command_limited(module, argc, argv, grants, NULL);
}

int wk_wasi_run_command_limited(const wk_module *module, int argc,
                                const char *const *argv, const char *grants,
                                const wk_instantiate_options *limits) {
  char err[1024] = "";
  wk_wasi_ctx *ctx = wk_wasi_create(argc, argv, grants, err, sizeof err);
  if (!ctx)
    return fail(err);
  /* Guest output goes to the fds with write(2): nothing of ours may be
   * left in a stdio buffer to come out after it. */
  fflush(NULL);
  wk_instantiate_options options = {0};
  if (limits) {
    options.max_memory_pages = limits->max_memory_pages;
    options.max_stack_bytes = limits->max_stack_bytes;
    options.fuel = limits->fuel;
    options.timeout_ms = limits->timeout_ms;
  }
  options.wasi = ctx;
  ctx->threads = wasi_threads_create(module, &options);
  if (!ctx->threads) {
    wk_wasi_destroy(ctx);
    return fail("out of memory");
  }
  wk_instance *instance = NULL;
  wk_status made = wk_instantiate(module, &options, &instance, err, sizeof err);
  if (made != WK_OK) {
    int status = wk_wasi_instantiation_status(made, err);
    finish(ctx, NULL);
    return status;
  }
  wk_extern start;
  int status;
  if (wk_instance_export(instance, "_start", &start) != 0 ||
      start.kind != WK_EXTERN_FUNC) {
    status = fail("the module has no _start function (not a WASI command)");
  } else {
    wk_value results[1];
    wk_trap trap = wk_invoke(start.u.func, NULL, results);
    /* With threads, the main thread's end is the process's end. */
    status = wasi_threads_spawned(ctx->threads)
                 ? wasi_threads_end(trap, "")
                 : wk_wasi_trap_status(trap, "");
  }
  finish(ctx, instance);
  return status;
}
