/*===- wasi_fd.c - fd_* functions on open descriptors ---------------------===*
 *
 * Reading, writing, seeking, flags, rights, stat and the preopen queries.
 * Every function first looks the guest fd up with the rights it needs, so a
 * forged or closed number is BADF and a missing right NOTCAPABLE.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define GET(fd, rights)                                                        \
  wasi_fd *entry;                                                              \
  do {                                                                         \
    int32_t rc_ = wasi_fd_get(inst, fd, rights, &entry);                       \
    if (rc_)                                                                   \
      return rc_;                                                              \
  } while (0)

typedef ssize_t (*io_fn)(int, const struct iovec *, int, off_t);

static ssize_t plain_readv(int fd, const struct iovec *v, int n, off_t o) {
  (void)o;
  return readv(fd, v, n);
}
static ssize_t plain_writev(int fd, const struct iovec *v, int n, off_t o) {
  (void)o;
  return writev(fd, v, n);
}

static int32_t do_io(wk_instance *inst, wasi_fd *entry, io_fn fn, uint32_t iovs,
                     uint32_t count, off_t offset, uint32_t result) {
  if (!wasi_mem(inst, result, 4))
    return WE_FAULT;
  struct iovec *vec;
  int32_t rc = wasi_iovecs(inst, iovs, count, &vec);
  if (rc)
    return rc;
  ssize_t n = count ? fn(entry->host, vec, (int)count, offset) : 0;
  int saved = errno;
  free(vec);
  if (n < 0)
    return wasi_errno(saved);
  return wasi_store_u32(inst, result, (uint32_t)n);
}

int32_t WK_WASI_FN(fd_read)(wk_instance *inst, int32_t fd, int32_t iovs,
                            int32_t iovs_len, int32_t nread) {
  GET(fd, RT_FD_READ);
  return do_io(inst, entry, plain_readv, (uint32_t)iovs, (uint32_t)iovs_len, 0,
               (uint32_t)nread);
}

int32_t WK_WASI_FN(fd_write)(wk_instance *inst, int32_t fd, int32_t iovs,
                             int32_t iovs_len, int32_t nwritten) {
  GET(fd, RT_FD_WRITE);
  return do_io(inst, entry, plain_writev, (uint32_t)iovs, (uint32_t)iovs_len, 0,
               (uint32_t)nwritten);
}

int32_t WK_WASI_FN(fd_pread)(wk_instance *inst, int32_t fd, int32_t iovs,
                             int32_t iovs_len, int64_t offset, int32_t nread) {
  GET(fd, RT_FD_READ | RT_FD_SEEK);
  if (offset < 0)
    return WE_INVAL;
  if (entry->filetype == FT_DIRECTORY)
    return WE_ISDIR;
  return do_io(inst, entry, preadv, (uint32_t)iovs, (uint32_t)iovs_len,
               (off_t)offset, (uint32_t)nread);
}

int32_t WK_WASI_FN(fd_pwrite)(wk_instance *inst, int32_t fd, int32_t iovs,
                              int32_t iovs_len, int64_t offset,
                              int32_t nwritten) {
  GET(fd, RT_FD_WRITE | RT_FD_SEEK);
  if (offset < 0)
    return WE_INVAL;
  if (entry->filetype == FT_DIRECTORY)
    return WE_ISDIR;
  /* Linux's pwrite appends on O_APPEND files; pwritev2 with RWF_NOAPPEND
   * writes at the offset as POSIX says. Fall back on old kernels. */
  if (!wasi_mem(inst, (uint32_t)nwritten, 4))
    return WE_FAULT;
  struct iovec *vec;
  int32_t rc = wasi_iovecs(inst, (uint32_t)iovs, (uint32_t)iovs_len, &vec);
  if (rc)
    return rc;
  ssize_t n = 0;
  if (iovs_len) {
#ifdef RWF_NOAPPEND
    n = pwritev2(entry->host, vec, iovs_len, (off_t)offset, RWF_NOAPPEND);
    if (n < 0 && (errno == EINVAL || errno == EOPNOTSUPP || errno == ENOSYS))
#endif
      n = pwritev(entry->host, vec, iovs_len, (off_t)offset);
  }
  int saved = errno;
  free(vec);
  if (n < 0)
    return wasi_errno(saved);
  return wasi_store_u32(inst, (uint32_t)nwritten, (uint32_t)n);
}

int32_t WK_WASI_FN(fd_seek)(wk_instance *inst, int32_t fd, int64_t offset,
                            int32_t whence, int32_t newoffset) {
  /* Asking for the position only needs FD_TELL. */
  uint64_t rights = (offset == 0 && whence == 1) ? RT_FD_TELL : RT_FD_SEEK;
  wasi_fd *entry;
  int32_t rc = wasi_fd_get(inst, fd, rights, &entry);
  if (rc == WE_NOTCAPABLE && rights == RT_FD_TELL)
    rc = wasi_fd_get(inst, fd, RT_FD_SEEK, &entry);
  if (rc)
    return rc;
  if (entry->filetype == FT_DIRECTORY)
    return WE_ISDIR;
  static const int host_whence[] = {SEEK_SET, SEEK_CUR, SEEK_END};
  if (whence < 0 || whence > 2)
    return WE_INVAL;
  if (!wasi_mem(inst, (uint32_t)newoffset, 8))
    return WE_FAULT;
  off_t pos = lseek(entry->host, (off_t)offset, host_whence[whence]);
  if (pos < 0)
    return wasi_errno(errno);
  return wasi_store_u64(inst, (uint32_t)newoffset, (uint64_t)pos);
}

int32_t WK_WASI_FN(fd_tell)(wk_instance *inst, int32_t fd, int32_t out) {
  GET(fd, RT_FD_TELL);
  if (!wasi_mem(inst, (uint32_t)out, 8))
    return WE_FAULT;
  off_t pos = lseek(entry->host, 0, SEEK_CUR);
  if (pos < 0)
    return wasi_errno(errno);
  return wasi_store_u64(inst, (uint32_t)out, (uint64_t)pos);
}

int32_t WK_WASI_FN(fd_close)(wk_instance *inst, int32_t fd) {
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  if (!ctx)
    return WE_BADF;
  pthread_mutex_lock(&ctx->fd_lock);
  wasi_fd *entry;
  int32_t rc = wasi_fd_get(inst, fd, 0, &entry);
  if (!rc)
    wasi_fd_release(entry);
  pthread_mutex_unlock(&ctx->fd_lock);
  return rc;
}

int32_t WK_WASI_FN(fd_renumber)(wk_instance *inst, int32_t fd, int32_t to) {
  wasi_fd *from, *dest;
  wk_wasi_ctx *ctx = wasi_ctx(inst);
  if (!ctx)
    return WE_BADF;
  pthread_mutex_lock(&ctx->fd_lock);
  int32_t rc = wasi_fd_get(inst, fd, 0, &from);
  if (!rc)
    rc = wasi_fd_get(inst, to, 0, &dest);
  if (!rc && from != dest) {
    wasi_fd_release(dest);
    *dest = *from;
    memset(from, 0, sizeof *from);
    from->host = -1;
  }
  pthread_mutex_unlock(&ctx->fd_lock);
  return rc;
}

int32_t WK_WASI_FN(fd_datasync)(wk_instance *inst, int32_t fd) {
  GET(fd, RT_FD_DATASYNC);
  return fdatasync(entry->host) ? wasi_errno(errno) : WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_sync)(wk_instance *inst, int32_t fd) {
  GET(fd, RT_FD_SYNC);
  return fsync(entry->host) ? wasi_errno(errno) : WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_advise)(wk_instance *inst, int32_t fd, int64_t offset,
                              int64_t len, int32_t advice) {
  GET(fd, RT_FD_ADVISE);
  static const int host_advice[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL,
                                    POSIX_FADV_RANDOM,   POSIX_FADV_WILLNEED,
                                    POSIX_FADV_DONTNEED, POSIX_FADV_NOREUSE};
  if (advice < 0 || advice > 5 || offset < 0 || len < 0)
    return WE_INVAL;
  if (entry->filetype == FT_DIRECTORY)
    return WE_BADF;
  int rc = posix_fadvise(entry->host, (off_t)offset, (off_t)len,
                         host_advice[advice]);
  return wasi_errno(rc);
}

int32_t WK_WASI_FN(fd_allocate)(wk_instance *inst, int32_t fd, int64_t offset,
                                int64_t len) {
  GET(fd, RT_FD_ALLOCATE);
  if (offset < 0 || len <= 0 || offset > INT64_MAX - len)
    return WE_INVAL;
  if (entry->filetype == FT_DIRECTORY)
    return WE_BADF;
  return wasi_errno(posix_fallocate(entry->host, (off_t)offset, (off_t)len));
}

int32_t WK_WASI_FN(fd_fdstat_get)(wk_instance *inst, int32_t fd, int32_t out) {
  GET(fd, 0);
  uint8_t *p = wasi_mem(inst, (uint32_t)out, 24);
  if (!p)
    return WE_FAULT;
  int fl = fcntl(entry->host, F_GETFL);
  if (fl < 0)
    return wasi_errno(errno);
  uint16_t flags = entry->sync_flags;
  if (fl & O_APPEND)
    flags |= FDF_APPEND;
  if (fl & O_NONBLOCK)
    flags |= FDF_NONBLOCK;
  memset(p, 0, 24);
  p[0] = entry->filetype;
  wasi_put_u16(p + 2, flags);
  wasi_put_u64(p + 8, entry->base);
  wasi_put_u64(p + 16, entry->inheriting);
  return WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_fdstat_set_flags)(wk_instance *inst, int32_t fd,
                                        int32_t flags) {
  GET(fd, RT_FD_FDSTAT_SET_FLAGS);
  if (flags & ~0x1f)
    return WE_INVAL;
  /* Linux cannot change O_DSYNC/O_SYNC on an open file. */
  if ((flags & (FDF_DSYNC | FDF_RSYNC | FDF_SYNC)) != entry->sync_flags)
    return WE_NOTSUP;
  int fl = fcntl(entry->host, F_GETFL);
  if (fl < 0)
    return wasi_errno(errno);
  fl &= ~(O_APPEND | O_NONBLOCK);
  if (flags & FDF_APPEND)
    fl |= O_APPEND;
  if (flags & FDF_NONBLOCK)
    fl |= O_NONBLOCK;
  return fcntl(entry->host, F_SETFL, fl) ? wasi_errno(errno) : WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_fdstat_set_rights)(wk_instance *inst, int32_t fd,
                                         int64_t base, int64_t inheriting) {
  GET(fd, 0);
  /* Rights can only be dropped. */
  if (((uint64_t)base & ~entry->base) ||
      ((uint64_t)inheriting & ~entry->inheriting))
    return WE_NOTCAPABLE;
  entry->base = (uint64_t)base;
  entry->inheriting = (uint64_t)inheriting;
  return WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_filestat_get)(wk_instance *inst, int32_t fd,
                                    int32_t out) {
  GET(fd, RT_FD_FILESTAT_GET);
  struct stat st;
  if (!wasi_mem(inst, (uint32_t)out, 64))
    return WE_FAULT;
  if (fstat(entry->host, &st))
    return wasi_errno(errno);
  return wasi_store_filestat(inst, (uint32_t)out, &st, entry->host);
}

int32_t WK_WASI_FN(fd_filestat_set_size)(wk_instance *inst, int32_t fd,
                                         int64_t size) {
  GET(fd, RT_FD_FILESTAT_SET_SIZE);
  if (size < 0)
    return WE_INVAL;
  return ftruncate(entry->host, (off_t)size) ? wasi_errno(errno) : WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_filestat_set_times)(wk_instance *inst, int32_t fd,
                                          int64_t atim, int64_t mtim,
                                          int32_t fst_flags) {
  GET(fd, RT_FD_FILESTAT_SET_TIMES);
  return wasi_set_times(entry->host, NULL, 0, atim, mtim, fst_flags);
}

int32_t WK_WASI_FN(fd_prestat_get)(wk_instance *inst, int32_t fd, int32_t out) {
  GET(fd, 0);
  if (!entry->preopen)
    return WE_BADF;
  uint8_t *p = wasi_mem(inst, (uint32_t)out, 8);
  if (!p)
    return WE_FAULT;
  memset(p, 0, 8);
  wasi_put_u32(p + 4, (uint32_t)strlen(entry->guest_name));
  return WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_prestat_dir_name)(wk_instance *inst, int32_t fd,
                                        int32_t path, int32_t path_len) {
  GET(fd, 0);
  if (!entry->preopen)
    return WE_BADF;
  size_t len = strlen(entry->guest_name);
  uint8_t *p = wasi_mem(inst, (uint32_t)path, (uint32_t)path_len);
  if (!p)
    return WE_FAULT;
  if ((uint32_t)path_len < len)
    return WE_NAMETOOLONG;
  memcpy(p, entry->guest_name, len);
  return WE_SUCCESS;
}
