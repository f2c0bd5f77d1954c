/*===- wasi_core.c - fd table, errno map and guest-memory helpers ---------===*
 *
 * The pieces every WASI function uses: looking up guest fds with their
 * rights, allocating and releasing slots, translating Linux errno values
 * and filling WASI structures in guest memory.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

int wasi_fd_get(wk_instance *inst, int32_t fd, uint64_t rights, wasi_fd **out) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  /* Lock-free: other threads may append a slot meanwhile (wasi_fd_insert
   * publishes it with the release store this acquire pairs with). */
  if (!ctx || fd < 0 ||
      (uint32_t)fd >= __atomic_load_n(&ctx->num_fds, __ATOMIC_ACQUIRE) ||
      ctx->fds[fd].host < 0)
    return WE_BADF;
  if ((ctx->fds[fd].base & rights) != rights)
    return WE_NOTCAPABLE;
  *out = &ctx->fds[fd];
  return WE_SUCCESS;
}

/* Room for `slots` entries (the new ones free); never moves a fixed table. */
static int grow_table(wk_wasi_ctx *ctx, uint32_t slots) {
  if (slots <= ctx->capacity)
    return 0;
  if (ctx->fixed || slots >= INT32_MAX / 2)
    return -1;
  uint32_t capacity = ctx->capacity * 2 > slots ? ctx->capacity * 2 : slots;
  wasi_fd *grown = realloc(ctx->fds, capacity * sizeof *grown);
  if (!grown)
    return -1;
  for (uint32_t i = ctx->capacity; i < capacity; ++i) {
    memset(&grown[i], 0, sizeof *grown);
    grown[i].host = -1;
  }
  ctx->fds = grown;
  ctx->capacity = capacity;
  return 0;
}

int32_t wasi_fd_insert(wk_wasi_ctx *ctx, int host, uint8_t filetype,
                       uint64_t base, uint64_t inheriting) {
  pthread_mutex_lock(&ctx->fd_lock);
  uint32_t slot = 0;
  while (slot < ctx->num_fds && ctx->fds[slot].host >= 0)
    ++slot;
  if (slot == ctx->num_fds && grow_table(ctx, slot + 1) != 0) {
    pthread_mutex_unlock(&ctx->fd_lock);
    close(host);
    return -1;
  }
  wasi_fd *entry = &ctx->fds[slot];
  memset(entry, 0, sizeof *entry);
  entry->host = host;
  entry->filetype = filetype;
  entry->base = base;
  entry->inheriting = inheriting;
  if (slot == ctx->num_fds) /* a new slot, seen complete (wasi_fd_get) */
    __atomic_store_n(&ctx->num_fds, slot + 1, __ATOMIC_RELEASE);
  pthread_mutex_unlock(&ctx->fd_lock);
  return (int32_t)slot;
}

int wasi_fd_fix_table(wk_wasi_ctx *ctx) {
  pthread_mutex_lock(&ctx->fd_lock);
  int rc = ctx->fixed ? 0 : grow_table(ctx, WASI_THREADED_FDS);
  if (rc == 0)
    ctx->fixed = true;
  pthread_mutex_unlock(&ctx->fd_lock);
  return rc;
}

void wasi_fd_release(wasi_fd *entry) {
  if (entry->dir)
    closedir(entry->dir); /* owns a dup of host */
  if (entry->host >= 0)
    close(entry->host);
  free(entry->guest_name);
  memset(entry, 0, sizeof *entry);
  entry->host = -1;
}

uint8_t wasi_filetype_of_mode(unsigned mode, int host_fd) {
  switch (mode & S_IFMT) {
  case S_IFREG:
    return FT_REGULAR_FILE;
  case S_IFDIR:
    return FT_DIRECTORY;
  case S_IFLNK:
    return FT_SYMBOLIC_LINK;
  case S_IFCHR:
    return FT_CHARACTER_DEVICE;
  case S_IFBLK:
    return FT_BLOCK_DEVICE;
  case S_IFSOCK: {
    int type = 0;
    socklen_t len = sizeof type;
    if (host_fd >= 0 &&
        getsockopt(host_fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
        type == SOCK_DGRAM)
      return FT_SOCKET_DGRAM;
    return FT_SOCKET_STREAM;
  }
  default: /* FIFOs have no WASI file type */
    return FT_UNKNOWN;
  }
}

/* Host errno -> WASI errno, indexed by the host value. Every Linux errno
 * with a WASI counterpart is listed; a gap (0) means none, reported as IO.
 * Aliases (EWOULDBLOCK, EDEADLOCK, ENOTSUP) share their entry's value. */
static const uint8_t errno_map[] = {
    [E2BIG] = WE_2BIG,
    [EACCES] = WE_ACCES,
    [EADDRINUSE] = WE_ADDRINUSE,
    [EADDRNOTAVAIL] = WE_ADDRNOTAVAIL,
    [EAFNOSUPPORT] = WE_AFNOSUPPORT,
    [EAGAIN] = WE_AGAIN,
    [EALREADY] = WE_ALREADY,
    [EBADF] = WE_BADF,
    [EBADMSG] = WE_BADMSG,
    [EBUSY] = WE_BUSY,
    [ECANCELED] = WE_CANCELED,
    [ECHILD] = WE_CHILD,
    [ECONNABORTED] = WE_CONNABORTED,
    [ECONNREFUSED] = WE_CONNREFUSED,
    [ECONNRESET] = WE_CONNRESET,
    [EDEADLK] = WE_DEADLK,
    [EDESTADDRREQ] = WE_DESTADDRREQ,
    [EDOM] = WE_DOM,
    [EDQUOT] = WE_DQUOT,
    [EEXIST] = WE_EXIST,
    [EFAULT] = WE_FAULT,
    [EFBIG] = WE_FBIG,
    [EHOSTUNREACH] = WE_HOSTUNREACH,
    [EIDRM] = WE_IDRM,
    [EILSEQ] = WE_ILSEQ,
    [EINPROGRESS] = WE_INPROGRESS,
    [EINTR] = WE_INTR,
    [EINVAL] = WE_INVAL,
    [EIO] = WE_IO,
    [EISCONN] = WE_ISCONN,
    [EISDIR] = WE_ISDIR,
    [ELOOP] = WE_LOOP,
    [EMFILE] = WE_MFILE,
    [EMLINK] = WE_MLINK,
    [EMSGSIZE] = WE_MSGSIZE,
    [EMULTIHOP] = WE_MULTIHOP,
    [ENAMETOOLONG] = WE_NAMETOOLONG,
    [ENETDOWN] = WE_NETDOWN,
    [ENETRESET] = WE_NETRESET,
    [ENETUNREACH] = WE_NETUNREACH,
    [ENFILE] = WE_NFILE,
    [ENOBUFS] = WE_NOBUFS,
    [ENODEV] = WE_NODEV,
    [ENOENT] = WE_NOENT,
    [ENOEXEC] = WE_NOEXEC,
    [ENOLCK] = WE_NOLCK,
    [ENOLINK] = WE_NOLINK,
    [ENOMEM] = WE_NOMEM,
    [ENOMSG] = WE_NOMSG,
    [ENOPROTOOPT] = WE_NOPROTOOPT,
    [ENOSPC] = WE_NOSPC,
    [ENOSYS] = WE_NOSYS,
    [ENOTCONN] = WE_NOTCONN,
    [ENOTDIR] = WE_NOTDIR,
    [ENOTEMPTY] = WE_NOTEMPTY,
    [ENOTRECOVERABLE] = WE_NOTRECOVERABLE,
    [ENOTSOCK] = WE_NOTSOCK,
    [EOPNOTSUPP] = WE_NOTSUP,
    [ENOTTY] = WE_NOTTY,
    [ENXIO] = WE_NXIO,
    [EOVERFLOW] = WE_OVERFLOW,
    [EOWNERDEAD] = WE_OWNERDEAD,
    [EPERM] = WE_PERM,
    [EPIPE] = WE_PIPE,
    [EPROTO] = WE_PROTO,
    [EPROTONOSUPPORT] = WE_PROTONOSUPPORT,
    [EPROTOTYPE] = WE_PROTOTYPE,
    [ERANGE] = WE_RANGE,
    [EROFS] = WE_ROFS,
    [ESPIPE] = WE_SPIPE,
    [ESRCH] = WE_SRCH,
    [ESTALE] = WE_STALE,
    [ETIMEDOUT] = WE_TIMEDOUT,
    [ETXTBSY] = WE_TXTBSY,
    [EXDEV] = WE_XDEV,
};

int32_t wasi_errno(int e) {
  if (e == 0)
    return WE_SUCCESS;
  if (e < 0 || (size_t)e >= sizeof errno_map || errno_map[e] == 0)
    return WE_IO;
  return errno_map[e];
}

int32_t wasi_store_u32(wk_instance *inst, uint32_t ptr, uint32_t value) {
  uint8_t *p = wasi_mem(inst, ptr, 4);
  if (!p)
    return WE_FAULT;
  wasi_put_u32(p, value);
  return WE_SUCCESS;
}

int32_t wasi_store_u64(wk_instance *inst, uint32_t ptr, uint64_t value) {
  uint8_t *p = wasi_mem(inst, ptr, 8);
  if (!p)
    return WE_FAULT;
  wasi_put_u64(p, value);
  return WE_SUCCESS;
}

int32_t wasi_iovecs(wk_instance *inst, uint32_t iovs, uint32_t count,
                    struct iovec **out) {
  *out = NULL;
  if (count > IOV_MAX)
    return WE_INVAL;
  const uint8_t *array = wasi_mem(inst, iovs, (uint64_t)count * 8);
  if (!array)
    return WE_FAULT;
  struct iovec *vec = calloc(count ? count : 1, sizeof *vec);
  if (!vec)
    return WE_NOMEM;
  uint64_t total = 0;
  for (uint32_t i = 0; i < count; ++i) {
    uint32_t buf = wasi_get_u32(array + 8 * i);
    uint32_t len = wasi_get_u32(array + 8 * i + 4);
    uint8_t *host = wasi_mem(inst, buf, len);
    if (!host) {
      free(vec);
      return WE_FAULT;
    }
    total += len;
    vec[i].iov_base = host;
    vec[i].iov_len = len;
  }
  /* The result count must fit the guest's u32 size. */
  if (total > UINT32_MAX) {
    free(vec);
    return WE_INVAL;
  }
  *out = vec;
  return WE_SUCCESS;
}

static uint64_t timespec_ns(struct timespec ts) {
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int32_t wasi_store_filestat(wk_instance *inst, uint32_t ptr,
                            const struct stat *st, int host_fd) {
  uint8_t *p = wasi_mem(inst, ptr, 64);
  if (!p)
    return WE_FAULT;
  memset(p, 0, 64);
  wasi_put_u64(p + 0, (uint64_t)st->st_dev);
  wasi_put_u64(p + 8, (uint64_t)st->st_ino);
  p[16] = wasi_filetype_of_mode(st->st_mode, host_fd);
  wasi_put_u64(p + 24, (uint64_t)st->st_nlink);
  wasi_put_u64(p + 32, (uint64_t)st->st_size);
  wasi_put_u64(p + 40, timespec_ns(st->st_atim));
  wasi_put_u64(p + 48, timespec_ns(st->st_mtim));
  wasi_put_u64(p + 56, timespec_ns(st->st_ctim));
  return WE_SUCCESS;
}

static struct timespec time_arg(int64_t ns, bool set, bool now) {
  struct timespec ts = {0, UTIME_OMIT};
  if (now) {
    ts.tv_nsec = UTIME_NOW;
  } else if (set) {
    uint64_t u = (uint64_t)ns;
    ts.tv_sec = (time_t)(u / 1000000000u);
    ts.tv_nsec = (long)(u % 1000000000u);
  }
  return ts;
}

int32_t wasi_set_times(int dirfd, const char *name, int flags, int64_t atim,
                       int64_t mtim, int32_t fst_flags) {
  if (fst_flags & ~0xf)
    return WE_INVAL;
  if (((fst_flags & FST_ATIM) && (fst_flags & FST_ATIM_NOW)) ||
      ((fst_flags & FST_MTIM) && (fst_flags & FST_MTIM_NOW)))
    return WE_INVAL;
  struct timespec times[2] = {
      time_arg(atim, fst_flags & FST_ATIM, fst_flags & FST_ATIM_NOW),
      time_arg(mtim, fst_flags & FST_MTIM, fst_flags & FST_MTIM_NOW)};
  int rc = name ? utimensat(dirfd, name, times, flags) : futimens(dirfd, times);
  return rc == 0 ? WE_SUCCESS : wasi_errno(errno);
}
