/*===- wasi_dir.c - fd_readdir ---------------------------------------------===*
 *
 * Directory listing with WASI cookies. A cookie is the host's directory
 * position after an entry (its d_off, which seekdir accepts), 0 being the
 * start. Entries are copied until the buffer is full; the last one may be
 * cut short, which tells the guest to retry with a bigger buffer.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static uint8_t dirent_type(DIR *dir, const struct dirent *e) {
  switch (e->d_type) {
  case DT_REG:
    return FT_REGULAR_FILE;
  case DT_DIR:
    return FT_DIRECTORY;
  case DT_LNK:
    return FT_SYMBOLIC_LINK;
  case DT_CHR:
    return FT_CHARACTER_DEVICE;
  case DT_BLK:
    return FT_BLOCK_DEVICE;
  case DT_SOCK:
    return FT_SOCKET_STREAM;
  case DT_FIFO:
    return FT_UNKNOWN;
  default: {
    struct stat st;
    if (fstatat(dirfd(dir), e->d_name, &st, AT_SYMLINK_NOFOLLOW))
      return FT_UNKNOWN;
    return wasi_filetype_of_mode(st.st_mode, -1);
  }
  }
}

static int32_t open_stream(wasi_fd *entry) {
  if (entry->dir)
    return WE_SUCCESS;
  int fd = fcntl(entry->host, F_DUPFD_CLOEXEC, 0);
  if (fd < 0)
    return wasi_errno(errno);
  entry->dir = fdopendir(fd);
  if (!entry->dir) {
    int saved = errno;
    close(fd);
    return wasi_errno(saved);
  }
  return WE_SUCCESS;
}

int32_t WK_WASI_FN(fd_readdir)(wk_instance *inst, int32_t fd, int32_t buf,
                               int32_t buf_len, int64_t cookie,
                               int32_t bufused) {
  wasi_fd *entry;
  int32_t rc = wasi_fd_get(inst, fd, RT_FD_READDIR, &entry);
  if (rc)
    return rc;
  if (entry->filetype != FT_DIRECTORY)
    return WE_NOTDIR;
  uint32_t size = (uint32_t)buf_len;
  uint8_t *out = wasi_mem(inst, (uint32_t)buf, size);
  if (!out || !wasi_mem(inst, (uint32_t)bufused, 4))
    return WE_FAULT;
  if ((rc = open_stream(entry)))
    return rc;
  if (cookie == 0)
    rewinddir(entry->dir);
  else
    seekdir(entry->dir, (long)cookie);
  uint32_t used = 0;
  while (used < size) {
    errno = 0;
    struct dirent *e = readdir(entry->dir);
    if (!e) {
      if (errno)
        return wasi_errno(errno);
      break;
    }
    uint8_t header[24] = {0};
    size_t name_len = strlen(e->d_name);
    wasi_put_u64(header, (uint64_t)e->d_off);
    wasi_put_u64(header + 8, (uint64_t)e->d_ino);
    wasi_put_u32(header + 16, (uint32_t)name_len);
    header[20] = dirent_type(entry->dir, e);
    uint32_t n = size - used < 24 ? size - used : 24;
    memcpy(out + used, header, n);
    used += n;
    n = size - used < name_len ? size - used : (uint32_t)name_len;
    memcpy(out + used, e->d_name, n);
    used += n;
  }
  return wasi_store_u32(inst, (uint32_t)bufused, used);
}
