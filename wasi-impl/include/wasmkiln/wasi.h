/*===- wasi.h - wasi_snapshot_preview1 with a capability sandbox ----------===*
 *
 * The public face of wasi-impl: WASI contexts built from grants, the import
 * resolver that binds a module's wasi_snapshot_preview1 imports, and the
 * command runner used by standalone executables and `wasmkiln run`.
 * Every WASI function is also an external C symbol named by the compiler's
 * import mangling (wkimport_wasi_snapshot_preview1__<name>), which
 * ahead-of-time objects reference directly; they are declared at the end.
 * docs/wasi.md describes the grants format and the sandbox model.
 *===----------------------------------------------------------------------===*/

#ifndef WASMKILN_WASI_H
#define WASMKILN_WASI_H

#include "wasmkiln/runtime.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The state one WASI program sees: arguments, environment, fd table. */
typedef struct wk_wasi_ctx wk_wasi_ctx;

/* Creates a context. `grants` is the docs/wasi.md text: one grant a line
 * (`dir=HOST[::GUEST]`, `ro-dir=HOST[::GUEST]`, `env=NAME=VALUE`,
 * `inherit-env`); a line that is no grant continues the env= value before
 * it (the value held a newline). Preopens get fds 3, 4, ... in
 * grant order. Returns NULL and writes a message into err on failure (a
 * directory that cannot be opened, a malformed grant). */
wk_wasi_ctx *wk_wasi_create(int argc, const char *const *argv,
                            const char *grants, char *err, size_t err_size);
/* Closes every host fd the context owns. */
void wk_wasi_destroy(wk_wasi_ctx *ctx);

/* A wk_import_resolver for module "wasi_snapshot_preview1": returns 0 and a
 * shared host function (ctx NULL, bound per instance by the runtime), or
 * non-zero for unknown names and other modules. `user` is unused. */
int wk_wasi_resolve_import(void *user, const wk_import_desc *import,
                           wk_extern *out);

/* Instantiates `module` with a context made from argv and grants, runs its
 * "_start" export and returns the process exit status: 0, the proc_exit
 * code, WK_TRAP_EXIT_STATUS after a trap ("wasm trap: ..." on stderr) or 1
 * when the module cannot be instantiated ("wasmkiln: error: ..."). */
int wk_wasi_run_command(const wk_module *module, int argc,
                        const char *const *argv, const char *grants);
/* The same with the resource limits of `limits` (max_memory_pages,
 * max_stack_bytes, fuel, timeout_ms; NULL: none). A max_stack_bytes larger
 * than the calling thread's stack needs wk_run_on_stack around the call. */
int wk_wasi_run_command_limited(const wk_module *module, int argc,
                                const char *const *argv, const char *grants,
                                const wk_instantiate_options *limits);

/* The exit status of a command whose run ended with `trap`: 0 for
 * WK_TRAP_NONE, the proc_exit code for WK_TRAP_EXIT, else
 * WK_TRAP_EXIT_STATUS after "wasm trap: MESSAGE[ in FUNC]WHEN" on stderr
 * (`when`: where it happened, "" for the call itself). */
int wk_wasi_trap_status(wk_trap trap, const char *when);
/* The same for a wk_instantiate that returned `status` and `err`: a trap in
 * the segments or the start function is the program's (as above, "during
 * instantiation ..."), anything else "wasmkiln: error: ERR" and 1. */
int wk_wasi_instantiation_status(wk_status status, const char *err);

/* wasi-threads: what ends the process when a program that spawned threads
 * ends (proc_exit or a trap in any thread, or _start returning while other
 * threads may run). The handler gets the exit status, after the trap
 * message is on stderr, and must not return (flush and _exit): the
 * executable's main and `wasmkiln run` install one. Without a handler a
 * spawned thread that traps or exits only ends itself, and
 * wk_wasi_run_command returns while the others run on (leaving them their
 * instance, memory and context). */
void wk_wasi_set_exit_handler(void (*handler)(int status));

/*---- The functions, as AOT-compiled objects call them ------------------*/

#define WK_WASI_FN(name) wkimport_wasi_snapshot_preview1__##name

int32_t WK_WASI_FN(args_get)(wk_instance *, int32_t argv, int32_t buf);
int32_t WK_WASI_FN(args_sizes_get)(wk_instance *, int32_t argc, int32_t size);
int32_t WK_WASI_FN(environ_get)(wk_instance *, int32_t env, int32_t buf);
int32_t WK_WASI_FN(environ_sizes_get)(wk_instance *, int32_t count,
                                      int32_t size);
int32_t WK_WASI_FN(clock_res_get)(wk_instance *, int32_t id, int32_t out);
int32_t WK_WASI_FN(clock_time_get)(wk_instance *, int32_t id, int64_t precision,
                                   int32_t out);
int32_t WK_WASI_FN(fd_advise)(wk_instance *, int32_t fd, int64_t offset,
                              int64_t len, int32_t advice);
int32_t WK_WASI_FN(fd_allocate)(wk_instance *, int32_t fd, int64_t offset,
                                int64_t len);
int32_t WK_WASI_FN(fd_close)(wk_instance *, int32_t fd);
int32_t WK_WASI_FN(fd_datasync)(wk_instance *, int32_t fd);
int32_t WK_WASI_FN(fd_fdstat_get)(wk_instance *, int32_t fd, int32_t out);
int32_t WK_WASI_FN(fd_fdstat_set_flags)(wk_instance *, int32_t fd,
                                        int32_t flags);
int32_t WK_WASI_FN(fd_fdstat_set_rights)(wk_instance *, int32_t fd,
                                         int64_t base, int64_t inheriting);
int32_t WK_WASI_FN(fd_filestat_get)(wk_instance *, int32_t fd, int32_t out);
int32_t WK_WASI_FN(fd_filestat_set_size)(wk_instance *, int32_t fd,
                                         int64_t size);
int32_t WK_WASI_FN(fd_filestat_set_times)(wk_instance *, int32_t fd,
                                          int64_t atim, int64_t mtim,
                                          int32_t fst_flags);
int32_t WK_WASI_FN(fd_pread)(wk_instance *, int32_t fd, int32_t iovs,
                             int32_t iovs_len, int64_t offset, int32_t nread);
int32_t WK_WASI_FN(fd_prestat_get)(wk_instance *, int32_t fd, int32_t out);
int32_t WK_WASI_FN(fd_prestat_dir_name)(wk_instance *, int32_t fd, int32_t path,
                                        int32_t path_len);
int32_t WK_WASI_FN(fd_pwrite)(wk_instance *, int32_t fd, int32_t iovs,
                              int32_t iovs_len, int64_t offset,
                              int32_t nwritten);
int32_t WK_WASI_FN(fd_read)(wk_instance *, int32_t fd, int32_t iovs,
                            int32_t iovs_len, int32_t nread);
int32_t WK_WASI_FN(fd_readdir)(wk_instance *, int32_t fd, int32_t buf,
                               int32_t buf_len, int64_t cookie,
                               int32_t bufused);
int32_t WK_WASI_FN(fd_renumber)(wk_instance *, int32_t fd, int32_t to);
int32_t WK_WASI_FN(fd_seek)(wk_instance *, int32_t fd, int64_t offset,
                            int32_t whence, int32_t newoffset);
int32_t WK_WASI_FN(fd_sync)(wk_instance *, int32_t fd);
int32_t WK_WASI_FN(fd_tell)(wk_instance *, int32_t fd, int32_t out);
int32_t WK_WASI_FN(fd_write)(wk_instance *, int32_t fd, int32_t iovs,
                             int32_t iovs_len, int32_t nwritten);
int32_t WK_WASI_FN(path_create_directory)(wk_instance *, int32_t fd,
                                          int32_t path, int32_t path_len);
int32_t WK_WASI_FN(path_filestat_get)(wk_instance *, int32_t fd, int32_t flags,
                                      int32_t path, int32_t path_len,
                                      int32_t out);
int32_t WK_WASI_FN(path_filestat_set_times)(wk_instance *, int32_t fd,
                                            int32_t flags, int32_t path,
                                            int32_t path_len, int64_t atim,
                                            int64_t mtim, int32_t fst_flags);
int32_t WK_WASI_FN(path_link)(wk_instance *, int32_t old_fd, int32_t old_flags,
                              int32_t old_path, int32_t old_path_len,
                              int32_t new_fd, int32_t new_path,
                              int32_t new_path_len);
int32_t WK_WASI_FN(path_open)(wk_instance *, int32_t fd, int32_t dirflags,
                              int32_t path, int32_t path_len, int32_t oflags,
                              int64_t rights_base, int64_t rights_inheriting,
                              int32_t fdflags, int32_t opened_fd);
int32_t WK_WASI_FN(path_readlink)(wk_instance *, int32_t fd, int32_t path,
                                  int32_t path_len, int32_t buf,
                                  int32_t buf_len, int32_t bufused);
int32_t WK_WASI_FN(path_remove_directory)(wk_instance *, int32_t fd,
                                          int32_t path, int32_t path_len);
int32_t WK_WASI_FN(path_rename)(wk_instance *, int32_t fd, int32_t old_path,
                                int32_t old_path_len, int32_t new_fd,
                                int32_t new_path, int32_t new_path_len);
int32_t WK_WASI_FN(path_symlink)(wk_instance *, int32_t old_path,
                                 int32_t old_path_len, int32_t fd,
                                 int32_t new_path, int32_t new_path_len);
int32_t WK_WASI_FN(path_unlink_file)(wk_instance *, int32_t fd, int32_t path,
                                     int32_t path_len);
int32_t WK_WASI_FN(poll_oneoff)(wk_instance *, int32_t in, int32_t out,
                                int32_t nsubscriptions, int32_t nevents);
void WK_WASI_FN(proc_exit)(wk_instance *, int32_t code);
int32_t WK_WASI_FN(proc_raise)(wk_instance *, int32_t sig);
int32_t WK_WASI_FN(sched_yield)(wk_instance *);
int32_t WK_WASI_FN(random_get)(wk_instance *, int32_t buf, int32_t buf_len);
int32_t WK_WASI_FN(sock_accept)(wk_instance *, int32_t fd, int32_t flags,
                                int32_t out);
int32_t WK_WASI_FN(sock_recv)(wk_instance *, int32_t fd, int32_t ri_data,
                              int32_t ri_data_len, int32_t ri_flags,
                              int32_t ro_datalen, int32_t ro_flags);
int32_t WK_WASI_FN(sock_send)(wk_instance *, int32_t fd, int32_t si_data,
                              int32_t si_data_len, int32_t si_flags,
                              int32_t so_datalen);
int32_t WK_WASI_FN(sock_shutdown)(wk_instance *, int32_t fd, int32_t how);

/* wasi-threads' `wasi.thread-spawn`: a new thread running a fresh instance
 * of the caller's module; returns its id (positive, below 2^29) or a
 * negative number on failure. */
#define WK_WASI_THREAD_SPAWN wkimport_wasi__thread_2Dspawn
int32_t WK_WASI_THREAD_SPAWN(wk_instance *, int32_t start_arg);

#ifdef __cplusplus
}
#endif

#endif
