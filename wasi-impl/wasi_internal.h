/*===- wasi_internal.h - Shared state and helpers of wasi-impl ------------===*
 *
 * The WASI context (arguments, environment, the guest fd table with rights),
 * the preview1 constants and layouts, guest-memory access that checks every
 * pointer and length in 64-bit arithmetic, and the Linux-to-WASI errno map.
 * Private to wasi-impl.
 *===----------------------------------------------------------------------===*/

#ifndef WASMKILN_WASI_INTERNAL_H
#define WASMKILN_WASI_INTERNAL_H

#include "wasmkiln/wasi.h"

#include <dirent.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

/*---- errno (wasi_snapshot_preview1 order) --------------------------------*/
enum {
  WE_SUCCESS = 0,
  WE_2BIG = 1,
  WE_ACCES = 2,
  WE_ADDRINUSE = 3,
  WE_ADDRNOTAVAIL = 4,
  WE_AFNOSUPPORT = 5,
  WE_AGAIN = 6,
  WE_ALREADY = 7,
  WE_BADF = 8,
  WE_BADMSG = 9,
  WE_BUSY = 10,
  WE_CANCELED = 11,
  WE_CHILD = 12,
  WE_CONNABORTED = 13,
  WE_CONNREFUSED = 14,
  WE_CONNRESET = 15,
  WE_DEADLK = 16,
  WE_DESTADDRREQ = 17,
  WE_DOM = 18,
  WE_DQUOT = 19,
  WE_EXIST = 20,
  WE_FAULT = 21,
  WE_FBIG = 22,
  WE_HOSTUNREACH = 23,
  WE_IDRM = 24,
  WE_ILSEQ = 25,
  WE_INPROGRESS = 26,
  WE_INTR = 27,
  WE_INVAL = 28,
  WE_IO = 29,
  WE_ISCONN = 30,
  WE_ISDIR = 31,
  WE_LOOP = 32,
  WE_MFILE = 33,
  WE_MLINK = 34,
  WE_MSGSIZE = 35,
  WE_MULTIHOP = 36,
  WE_NAMETOOLONG = 37,
  WE_NETDOWN = 38,
  WE_NETRESET = 39,
  WE_NETUNREACH = 40,
  WE_NFILE = 41,
  WE_NOBUFS = 42,
  WE_NODEV = 43,
  WE_NOENT = 44,
  WE_NOEXEC = 45,
  WE_NOLCK = 46,
  WE_NOLINK = 47,
  WE_NOMEM = 48,
  WE_NOMSG = 49,
  WE_NOPROTOOPT = 50,
  WE_NOSPC = 51,
  WE_NOSYS = 52,
  WE_NOTCONN = 53,
  WE_NOTDIR = 54,
  WE_NOTEMPTY = 55,
  WE_NOTRECOVERABLE = 56,
  WE_NOTSOCK = 57,
  WE_NOTSUP = 58,
  WE_NOTTY = 59,
  WE_NXIO = 60,
  WE_OVERFLOW = 61,
  WE_OWNERDEAD = 62,
  WE_PERM = 63,
  WE_PIPE = 64,
  WE_PROTO = 65,
  WE_PROTONOSUPPORT = 66,
  WE_PROTOTYPE = 67,
  WE_RANGE = 68,
  WE_ROFS = 69,
  WE_SPIPE = 70,
  WE_SRCH = 71,
  WE_STALE = 72,
  WE_TIMEDOUT = 73,
  WE_TXTBSY = 74,
  WE_XDEV = 75,
  WE_NOTCAPABLE = 76
};

/*---- rights --------------------------------------------------------------*/
#define R(bit) ((uint64_t)1 << (bit))
#define RT_FD_DATASYNC R(0)
#define RT_FD_READ R(1)
#define RT_FD_SEEK R(2)
#define RT_FD_FDSTAT_SET_FLAGS R(3)
#define RT_FD_SYNC R(4)
#define RT_FD_TELL R(5)
#define RT_FD_WRITE R(6)
#define RT_FD_ADVISE R(7)
#define RT_FD_ALLOCATE R(8)
#define RT_PATH_CREATE_DIRECTORY R(9)
#define RT_PATH_CREATE_FILE R(10)
#define RT_PATH_LINK_SOURCE R(11)
#define RT_PATH_LINK_TARGET R(12)
#define RT_PATH_OPEN R(13)
#define RT_FD_READDIR R(14)
#define RT_PATH_READLINK R(15)
#define RT_PATH_RENAME_SOURCE R(16)
#define RT_PATH_RENAME_TARGET R(17)
#define RT_PATH_FILESTAT_GET R(18)
#define RT_PATH_FILESTAT_SET_SIZE R(19)
#define RT_PATH_FILESTAT_SET_TIMES R(20)
#define RT_FD_FILESTAT_GET R(21)
#define RT_FD_FILESTAT_SET_SIZE R(22)
#define RT_FD_FILESTAT_SET_TIMES R(23)
#define RT_PATH_SYMLINK R(24)
#define RT_PATH_REMOVE_DIRECTORY R(25)
#define RT_PATH_UNLINK_FILE R(26)
#define RT_POLL_FD_READWRITE R(27)
#define RT_SOCK_SHUTDOWN R(28)
#define RT_SOCK_ACCEPT R(29)
#define RT_ALL (R(30) - 1)

/* What each kind of descriptor can do at all. */
#define RT_FILE_BASE                                                           \
  (RT_FD_DATASYNC | RT_FD_READ | RT_FD_SEEK | RT_FD_FDSTAT_SET_FLAGS |         \
   RT_FD_SYNC | RT_FD_TELL | RT_FD_WRITE | RT_FD_ADVISE | RT_FD_ALLOCATE |     \
   RT_FD_FILESTAT_GET | RT_FD_FILESTAT_SET_SIZE | RT_FD_FILESTAT_SET_TIMES |   \
   RT_POLL_FD_READWRITE)
#define RT_DIR_BASE                                                            \
  (RT_FD_FDSTAT_SET_FLAGS | RT_FD_SYNC | RT_FD_DATASYNC | RT_FD_ADVISE |       \
   RT_PATH_CREATE_DIRECTORY | RT_PATH_CREATE_FILE | RT_PATH_LINK_SOURCE |      \
   RT_PATH_LINK_TARGET | RT_PATH_OPEN | RT_FD_READDIR | RT_PATH_READLINK |     \
   RT_PATH_RENAME_SOURCE | RT_PATH_RENAME_TARGET | RT_PATH_FILESTAT_GET |      \
   RT_PATH_FILESTAT_SET_SIZE | RT_PATH_FILESTAT_SET_TIMES |                    \
   RT_FD_FILESTAT_GET | RT_FD_FILESTAT_SET_TIMES | RT_PATH_SYMLINK |           \
   RT_PATH_REMOVE_DIRECTORY | RT_PATH_UNLINK_FILE | RT_POLL_FD_READWRITE)
#define RT_STREAM_BASE                                                         \
  (RT_FD_READ | RT_FD_WRITE | RT_FD_FDSTAT_SET_FLAGS | RT_FD_FILESTAT_GET |    \
   RT_POLL_FD_READWRITE)
#define RT_SOCKET_BASE (RT_STREAM_BASE | RT_SOCK_SHUTDOWN | RT_SOCK_ACCEPT)
/* Standard input, output and error are streams whatever the host connected
 * them to (a file, a directory, a device): no positions, sizes, times, sync,
 * advice, flags (O_APPEND and O_NONBLOCK belong to the host's open file) or
 * directory rights, so the guest cannot overwrite, truncate or grow a log
 * the host opened, nor reach a directory it was not granted. */
#define RT_STDIO_BASE                                                          \
  (RT_FD_READ | RT_FD_WRITE | RT_FD_FILESTAT_GET | RT_POLL_FD_READWRITE)
/* Rights a read-only preopen never passes on. */
#define RT_WRITING                                                             \
  (RT_FD_DATASYNC | RT_FD_WRITE | RT_FD_ALLOCATE | RT_FD_FILESTAT_SET_SIZE |   \
   RT_FD_FILESTAT_SET_TIMES | RT_PATH_CREATE_DIRECTORY | RT_PATH_CREATE_FILE | \
   RT_PATH_LINK_SOURCE | RT_PATH_LINK_TARGET | RT_PATH_RENAME_SOURCE |         \
   RT_PATH_RENAME_TARGET | RT_PATH_FILESTAT_SET_SIZE |                         \
   RT_PATH_FILESTAT_SET_TIMES | RT_PATH_SYMLINK | RT_PATH_REMOVE_DIRECTORY |   \
   RT_PATH_UNLINK_FILE)

/*---- other enums -----------------------------------------------------------*/
enum {
  FT_UNKNOWN = 0,
  FT_BLOCK_DEVICE = 1,
  FT_CHARACTER_DEVICE = 2,
  FT_DIRECTORY = 3,
  FT_REGULAR_FILE = 4,
  FT_SOCKET_DGRAM = 5,
  FT_SOCKET_STREAM = 6,
  FT_SYMBOLIC_LINK = 7
};
enum {
  FDF_APPEND = 1,
  FDF_DSYNC = 2,
  FDF_NONBLOCK = 4,
  FDF_RSYNC = 8,
  FDF_SYNC = 16
};
enum { OF_CREAT = 1, OF_DIRECTORY = 2, OF_EXCL = 4, OF_TRUNC = 8 };
enum { LOOKUP_SYMLINK_FOLLOW = 1 };
enum { FST_ATIM = 1, FST_ATIM_NOW = 2, FST_MTIM = 4, FST_MTIM_NOW = 8 };

/*---- the context -----------------------------------------------------------*/
typedef struct wasi_fd {
  int host;            /* host fd, -1 when the slot is free */
  uint8_t filetype;    /* FT_* */
  uint8_t preopen;     /* a granted directory: fd_prestat_* describe it */
  uint16_t sync_flags; /* FDF_DSYNC/RSYNC/SYNC given at open */
  uint64_t base, inheriting;
  char *guest_name; /* preopens: the guest path */
  DIR *dir;         /* fd_readdir's stream, opened on first use */
} wasi_fd;

struct wk_wasi_ctx {
  char **args;
  uint32_t num_args;
  char **env;
  uint32_t num_env;
  wasi_fd *fds;
  uint32_t num_fds; /* slots in use or free; guest fd = index */
  uint32_t capacity; /* slots allocated */
  /* Once threads run, fds never moves (wasi_fd_fix_table) and fd_lock
   * serialises changes to the table: insert, close, renumber. */
  bool fixed;
  pthread_mutex_t fd_lock;
  struct wasi_threads *threads; /* wasi-threads state, or NULL */
};

/* The context of the calling instance, or NULL. */
static inline wk_wasi_ctx *wasi_ctx(wk_instance *inst) {
  return inst ? (wk_wasi_ctx *)inst->wasi : NULL;
}

/* Looks up guest fd `fd` and checks it holds all of `rights`; returns 0 and
 * *out, or BADF / NOTCAPABLE. */
int wasi_fd_get(wk_instance *inst, int32_t fd, uint64_t rights, wasi_fd **out);
/* Puts `host` in the lowest free slot; returns the guest fd or -1 (and
 * closes host) when out of memory. */
int32_t wasi_fd_insert(wk_wasi_ctx *ctx, int host, uint8_t filetype,
                       uint64_t base, uint64_t inheriting);
void wasi_fd_release(wasi_fd *entry); /* closes and frees the slot */
/* Before a second thread may use the context: the table gets its final
 * capacity (WASI_THREADED_FDS slots) so that entries never move under a
 * thread that looked one up. Returns 0, or -1 when out of memory. */
int wasi_fd_fix_table(wk_wasi_ctx *ctx);
#define WASI_THREADED_FDS 1024
/* WASI filetype of an open host fd or a stat result. */
uint8_t wasi_filetype_of_mode(unsigned mode, int host_fd);

/*---- wasi-threads (wasi_threads.c) ---------------------------------------*/
typedef struct wasi_threads wasi_threads;

/* The state spawned threads share; sets options->resolver (and its user) to
 * one that gives the module's shared memory import its memory and the rest
 * to wk_wasi_resolve_import. options->wasi must be set already. NULL when out
 * of memory. */
wasi_threads *wasi_threads_create(const wk_module *module,
                                  wk_instantiate_options *options);
/* Whether thread-spawn has started any thread. */
int wasi_threads_spawned(const wasi_threads *threads);
/* Whether spawned threads still run (their instances use the memory and
 * the WASI context). */
int wasi_threads_running(const wasi_threads *threads);
/* Frees the state and the shared memory; no thread may run. */
void wasi_threads_destroy(wasi_threads *threads);
/* Ends the process for a thread whose wasm code ended with `trap` (report
 * and status as wk_wasi_trap_status) through the exit handler; returns the
 * status when there is none. Serialised: the first caller wins. */
int wasi_threads_end(wk_trap trap, const char *when);

/* Linux errno -> WASI errno. */
int32_t wasi_errno(int host_errno);

/*---- guest memory ----------------------------------------------------------*/

/* A host pointer to guest [ptr, ptr+len), or NULL when outside memory. */
static inline uint8_t *wasi_mem(wk_instance *inst, uint32_t ptr, uint64_t len) {
  if (!inst || !inst->mem0)
    return NULL;
  uint64_t size = wk_memory_bytes(inst->mem0);
  if ((uint64_t)ptr > size || len > size - (uint64_t)ptr)
    return NULL;
  return inst->mem0->base + ptr;
}

static inline void wasi_put_u16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static inline void wasi_put_u32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static inline void wasi_put_u64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }
static inline uint32_t wasi_get_u32(const uint8_t *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static inline uint64_t wasi_get_u64(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}

/* Stores a u32/u64 result at a guest address; FAULT when out of bounds. */
int32_t wasi_store_u32(wk_instance *inst, uint32_t ptr, uint32_t value);
int32_t wasi_store_u64(wk_instance *inst, uint32_t ptr, uint64_t value);

/* Builds host iovecs from a guest (c)iovec array; every buffer is checked.
 * Returns 0 with *out malloc'd (free it), FAULT, INVAL or NOMEM. */
struct iovec;
int32_t wasi_iovecs(wk_instance *inst, uint32_t iovs, uint32_t count,
                    struct iovec **out);

/* Writes a WASI filestat (64 bytes) for `st` at guest `ptr`. */
struct stat;
int32_t wasi_store_filestat(wk_instance *inst, uint32_t ptr,
                            const struct stat *st, int host_fd);
/* Applies fd/path_filestat_set_times arguments; `name` NULL means the fd. */
int32_t wasi_set_times(int dirfd, const char *name, int flags, int64_t atim,
                       int64_t mtim, int32_t fst_flags);

/*---- sandboxed paths (wasi_path.c) -----------------------------------------*/

/* A resolved path: `name` (one component, or ".") to use relative to the host
 * directory `dirfd`, which the caller closes. Nothing outside the start fd's
 * directory is ever reached. */
typedef struct wasi_resolved {
  int dirfd;
  char name[260];
  /* The path ended in '/': `name` must be a directory. The slash is never
   * passed to the kernel, which would follow a symlink swapped in after
   * the check. */
  bool must_be_dir;
} wasi_resolved;

/* Resolves guest path [path, path+len) from the directory fd `dir`.
 * follow: a symlink in the last component is followed (inside the
 * sandbox). Returns 0 or a WASI errno. */
int32_t wasi_resolve(wk_instance *inst, wasi_fd *dir, uint32_t path,
                     uint32_t len, bool follow, wasi_resolved *out);
/* The same on a host string (for symlink targets and tests). */
int32_t wasi_resolve_str(int start_fd, const char *path, size_t len,
                         bool follow, wasi_resolved *out);

/* Whether the path dir + path (dir is a guest path prefix ending in '/', or
 * empty) resolved from start_fd, following every symlink as the kernel
 * would, stays inside start_fd's directory: 0, NOTCAPABLE when it leaves,
 * or another errno (LOOP, ...). After a component that does not exist the
 * rest is judged lexically, so dangling paths inside are fine. */
int32_t wasi_path_confined(int start_fd, const char *dir, size_t dir_len,
                           const char *path);

#endif
