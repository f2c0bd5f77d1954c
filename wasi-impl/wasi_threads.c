/*===- wasi_threads.c - wasi-threads: thread-spawn and ending the process ---===*
 *
 * The `wasi` module's `thread-spawn` (the wasi-threads proposal): each new
 * thread runs a fresh instance of the program's module that imports the same
 * shared memory and the same WASI context, and calls its export
 * `wasi_thread_start(tid, start_arg)`. Thread ids are positive, unique and
 * below 2^29; a negative result reports a failure to the guest.
 *
 * The shared memory the module imports (any names) is created here from the
 * first instance's import limits and given to every later instance.
 *
 * The WASI context is shared: before the first thread starts, its fd table
 * gets a fixed capacity, so entries never move, and a lock serialises
 * changes to it (wasi_fd_fix_table).
 *
 * Ending: proc_exit or a trap in any thread, and the main thread returning
 * from _start once threads were spawned, end the whole process through the
 * exit handler that the executable's main or `wasmkiln run` installs
 * (wk_wasi_set_exit_handler). The first thread to end it wins; the others
 * wait on a lock until the process is gone.
 *===----------------------------------------------------------------------===*/

#include "wasi_internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define WASI_MAX_TID ((1 << 29) - 1)
#define WASI_SPAWN_FAILED (-1)

struct wasi_threads {
  const wk_module *module;
  wk_instantiate_options options; /* for every spawned instance */
  pthread_mutex_t lock;           /* guards memory creation */
  wk_memory *memory;              /* the shared memory, once imported */
  const char *memory_module, *memory_field;
  atomic_int next_tid;
  atomic_int spawned; /* threads ever started */
  atomic_int live;    /* threads still running */
};

static void (*exit_handler)(int status);
static pthread_mutex_t end_lock = PTHREAD_MUTEX_INITIALIZER;

void wk_wasi_set_exit_handler(void (*handler)(int status)) {
  exit_handler = handler;
}

/*---- The shared memory ----*/

static wk_memory *shared_memory(wasi_threads *threads,
                                const wk_import_desc *import) {
  pthread_mutex_lock(&threads->lock);
  wk_memory *mem = threads->memory;
  if (!mem && (import->limits.flags & WK_LIMITS_SHARED)) {
    char err[256];
    mem = wk_memory_create(&import->limits,
                           threads->module->bounds_checks == 0,
                           threads->options.max_memory_pages, err, sizeof err);
    threads->memory = mem;
    threads->memory_module = import->module;
    threads->memory_field = import->field;
  } else if (mem && (strcmp(import->module, threads->memory_module) != 0 ||
                     strcmp(import->field, threads->memory_field) != 0)) {
    mem = NULL; /* one shared memory per program */
  }
  pthread_mutex_unlock(&threads->lock);
  return mem;
}

static int resolve(void *user, const wk_import_desc *import, wk_extern *out) {
  wasi_threads *threads = user;
  if (!import || import->kind != WK_EXTERN_MEMORY)
    return wk_wasi_resolve_import(NULL, import, out);
  wk_memory *mem = shared_memory(threads, import);
  if (!mem)
    return -1;
  memset(out, 0, sizeof *out);
  out->kind = WK_EXTERN_MEMORY;
  out->u.memory = mem;
  return 0;
}

/*---- Creating and freeing the state ----*/

wasi_threads *wasi_threads_create(const wk_module *module,
                                  wk_instantiate_options *options) {
  wasi_threads *threads = calloc(1, sizeof *threads);
  if (!threads)
    return NULL;
  pthread_mutex_init(&threads->lock, NULL);
  atomic_init(&threads->next_tid, 1);
  threads->module = module;
  options->resolver = resolve;
  options->resolver_user = threads;
  threads->options = *options;
  return threads;
}

int wasi_threads_spawned(const wasi_threads *threads) {
  return threads && atomic_load(&threads->spawned) > 0;
}

int wasi_threads_running(const wasi_threads *threads) {
  return threads && atomic_load(&threads->live) > 0;
}

void wasi_threads_destroy(wasi_threads *threads) {
  if (!threads)
    return;
  wk_memory_free(threads->memory);
  pthread_mutex_destroy(&threads->lock);
  free(threads);
}

/*---- Ending the process ----*/

int wasi_threads_end(wk_trap trap, const char *when) {
  pthread_mutex_lock(&end_lock);
  int status = wk_wasi_trap_status(trap, when);
  if (exit_handler)
    exit_handler(status); /* does not return */
  pthread_mutex_unlock(&end_lock);
  return status;
}

/*---- thread-spawn ----*/

typedef struct spawn_job {
  wasi_threads *threads;
  wk_instance *instance;
  const wk_func *start;
  int32_t tid, arg;
} spawn_job;

static void *thread_main(void *arg) {
  spawn_job *job = arg;
  wk_value args[2], results[1];
  memset(args, 0, sizeof args);
  args[0].i32 = job->tid;
  args[1].i32 = job->arg;
  wk_trap trap = wk_invoke(job->start, args, results);
  if (trap != WK_TRAP_NONE)
    wasi_threads_end(trap, "");
  wk_instance_free(job->instance);
  atomic_fetch_sub(&job->threads->live, 1);
  free(job);
  return NULL;
}

/* A new instance of the module, its wasi_thread_start and a fresh tid. */
static spawn_job *prepare(wasi_threads *threads, int32_t arg) {
  int32_t tid = atomic_fetch_add(&threads->next_tid, 1);
  if (tid <= 0 || tid > WASI_MAX_TID)
    return NULL;
  spawn_job *job = calloc(1, sizeof *job);
  if (!job)
    return NULL;
  job->threads = threads;
  job->tid = tid;
  job->arg = arg;
  wk_extern start;
  if (wk_instantiate(threads->module, &threads->options, &job->instance, NULL,
                     0) != WK_OK ||
      wk_instance_export(job->instance, "wasi_thread_start", &start) != 0 ||
      start.kind != WK_EXTERN_FUNC) {
    wk_instance_free(job->instance);
    free(job);
    return NULL;
  }
  job->start = start.u.func;
  return job;
}

static int start_thread(spawn_job *job) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0)
    return -1;
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  uint64_t budget = job->threads->options.max_stack_bytes;
  size_t size = (size_t)8 << 20;
  if (budget && budget + ((uint64_t)1 << 20) > size)
    size = (size_t)(budget + ((uint64_t)1 << 20));
  pthread_attr_setstacksize(&attr, size);
  atomic_fetch_add(&job->threads->live, 1);
  int made = pthread_create(&(pthread_t){0}, &attr, thread_main, job);
  pthread_attr_destroy(&attr);
  if (made != 0)
    atomic_fetch_sub(&job->threads->live, 1);
  return made == 0 ? 0 : -1;
}

int32_t WK_WASI_THREAD_SPAWN(wk_instance *inst, int32_t start_arg) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  wasi_threads *threads = ctx ? ctx->threads : NULL;
  if (!threads || inst->module != threads->module ||
      wasi_fd_fix_table(ctx) != 0)
    return WASI_SPAWN_FAILED;
  spawn_job *job = prepare(threads, start_arg);
  if (!job)
    return WASI_SPAWN_FAILED;
  int32_t tid = job->tid;
  atomic_fetch_add(&threads->spawned, 1);
  if (start_thread(job) != 0) {
    wk_instance_free(job->instance);
    free(job);
    return WASI_SPAWN_FAILED;
  }
  return tid;
}
