/*===- wasi_pathops.c - path_* functions ----------------------------------===*
 *
 * Each function checks the directory fd's rights, resolves its paths with
 * wasi_resolve (which keeps them inside the directory) and finishes with
 * one *at system call on the resolved (dirfd, name) that never follows a
 * symlink itself.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Looks up a directory fd with `rights` and resolves a path from it. */
static int32_t lookup(wk_instance *inst, int32_t fd, uint64_t rights,
                      uint32_t path, uint32_t len, bool follow,
                      wasi_resolved *out, wasi_fd **dir) {
  wasi_fd *entry;
  out->dirfd = -1;
  /* A file fd is NOTDIR whatever its rights. */
  int32_t rc = wasi_fd_get(inst, fd, 0, &entry);
  if (!rc && entry->filetype != FT_DIRECTORY)
    rc = WE_NOTDIR;
  if (!rc)
    rc = wasi_fd_get(inst, fd, rights, &entry);
  if (rc)
    return rc;
  if (dir)
    *dir = entry;
  return wasi_resolve(inst, entry, path, len, follow, out);
}

static int32_t done(wasi_resolved *r, int result) {
  int saved = errno;
  if (r->dirfd >= 0)
    close(r->dirfd);
  return result ? wasi_errno(saved) : WE_SUCCESS;
}

/* For a path with a trailing slash: NOTDIR when the name exists and is no
 * directory; *exists says whether it exists. */
static int32_t dir_check(const wasi_resolved *r, bool *exists) {
  struct stat st;
  *exists = false;
  if (fstatat(r->dirfd, r->name, &st, AT_SYMLINK_NOFOLLOW))
    return errno == ENOENT ? WE_SUCCESS : wasi_errno(errno);
  *exists = true;
  return S_ISDIR(st.st_mode) ? WE_SUCCESS : WE_NOTDIR;
}

/* A trailing slash on a path that must name a directory if anything. */
static int32_t trailing_ok(const wasi_resolved *r) {
  bool exists;
  return r->must_be_dir ? dir_check(r, &exists) : WE_SUCCESS;
}

/* A trailing slash on a new non-directory (link, symlink) name. */
static int32_t trailing_new(const wasi_resolved *r) {
  bool exists;
  if (!r->must_be_dir)
    return WE_SUCCESS;
  int32_t rc = dir_check(r, &exists);
  return exists ? WE_EXIST : (rc ? rc : WE_NOENT);
}

static uint64_t rights_for_type(uint8_t filetype) {
  switch (filetype) {
  case FT_DIRECTORY:
    return RT_DIR_BASE;
  case FT_REGULAR_FILE:
    return RT_FILE_BASE;
  case FT_SOCKET_STREAM:
  case FT_SOCKET_DGRAM:
    return RT_SOCKET_BASE;
  default:
    return RT_STREAM_BASE;
  }
}

static int open_flags(int32_t oflags, uint64_t base, int32_t fdflags) {
  int flags = O_CLOEXEC | O_NOFOLLOW | O_NOCTTY;
  bool read = base & (RT_FD_READ | RT_FD_READDIR);
  /* fdatasync works on read-only fds: RT_FD_DATASYNC needs no writing. */
  bool write = base & (RT_FD_WRITE | RT_FD_ALLOCATE | RT_FD_FILESTAT_SET_SIZE);
  if (oflags & OF_DIRECTORY) {
    flags |= O_DIRECTORY;
    write = base & RT_FD_WRITE;
  }
  /* Writing to a directory is ISDIR, as the kernel says for O_RDWR. */
  if (write)
    flags |= read ? O_RDWR : O_WRONLY;
  else
    flags |= O_RDONLY;
  if (oflags & OF_CREAT)
    flags |= O_CREAT;
  if (oflags & OF_EXCL)
    flags |= O_EXCL;
  if (oflags & OF_TRUNC)
    flags |= O_TRUNC;
  if (fdflags & FDF_APPEND)
    flags |= O_APPEND;
  if (fdflags & FDF_NONBLOCK)
    flags |= O_NONBLOCK;
  if (fdflags & FDF_DSYNC)
    flags |= O_DSYNC;
  if (fdflags & (FDF_SYNC | FDF_RSYNC))
    flags |= O_SYNC;
  return flags;
}

int32_t WK_WASI_FN(path_open)(wk_instance *inst, int32_t fd, int32_t dirflags,
                              int32_t path, int32_t path_len, int32_t oflags,
                              int64_t rights_base, int64_t rights_inheriting,
                              int32_t fdflags, int32_t opened_fd) {
  if ((oflags & ~0xf) || (fdflags & ~0x1f))
    return WE_INVAL;
  if ((oflags & OF_DIRECTORY) && (oflags & (OF_CREAT | OF_TRUNC)))
    return WE_INVAL;
  uint64_t needed = RT_PATH_OPEN;
  if (oflags & OF_CREAT)
    needed |= RT_PATH_CREATE_FILE;
  if (oflags & OF_TRUNC)
    needed |= RT_PATH_FILESTAT_SET_SIZE;
  if (!wasi_mem(inst, (uint32_t)opened_fd, 4))
    return WE_FAULT;
  wasi_resolved r;
  wasi_fd *dir;
  int32_t rc = lookup(inst, fd, needed, (uint32_t)path, (uint32_t)path_len,
                      dirflags & LOOKUP_SYMLINK_FOLLOW, &r, &dir);
  if (rc)
    return done(&r, 0), rc;
  uint64_t base = (uint64_t)rights_base & dir->inheriting;
  int flags = open_flags(oflags, base, fdflags);
  if (r.must_be_dir) {
    if (oflags & OF_CREAT)
      return done(&r, 0), WE_ISDIR;
    flags |= O_DIRECTORY;
  }
  int host = openat(r.dirfd, r.name, flags, 0666);
  /* Rights that only files use (allocate, set_size) made it a write open;
   * a directory opened with them, but without fd_write, is still fine. */
  if (host < 0 && errno == EISDIR && !(base & RT_FD_WRITE))
    host = openat(r.dirfd, r.name, (flags & ~O_ACCMODE) | O_RDONLY, 0666);
  if (host < 0)
    return done(&r, -1);
  close(r.dirfd);
  struct stat st;
  if (fstat(host, &st)) {
    int saved = errno;
    close(host);
    return wasi_errno(saved);
  }
  uint8_t type = wasi_filetype_of_mode(st.st_mode, host);
  int32_t guest =
      wasi_fd_insert(wasi_ctx(inst), host, type, base & rights_for_type(type),
                     (uint64_t)rights_inheriting & dir->inheriting);
  if (guest < 0)
    return WE_NOMEM;
  wasi_ctx(inst)->fds[guest].sync_flags =
      (uint16_t)(fdflags & (FDF_DSYNC | FDF_RSYNC | FDF_SYNC));
  return wasi_store_u32(inst, (uint32_t)opened_fd, (uint32_t)guest);
}

int32_t WK_WASI_FN(path_create_directory)(wk_instance *inst, int32_t fd,
                                          int32_t path, int32_t path_len) {
  wasi_resolved r;
  int32_t rc = lookup(inst, fd, RT_PATH_CREATE_DIRECTORY, (uint32_t)path,
                      (uint32_t)path_len, false, &r, NULL);
  if (rc)
    return done(&r, 0), rc;
  return done(&r, mkdirat(r.dirfd, r.name, 0777));
}

int32_t WK_WASI_FN(path_filestat_get)(wk_instance *inst, int32_t fd,
                                      int32_t flags, int32_t path,
                                      int32_t path_len, int32_t out) {
  if (!wasi_mem(inst, (uint32_t)out, 64))
    return WE_FAULT;
  wasi_resolved r;
  int32_t rc =
      lookup(inst, fd, RT_PATH_FILESTAT_GET, (uint32_t)path, (uint32_t)path_len,
             flags & LOOKUP_SYMLINK_FOLLOW, &r, NULL);
  if (rc)
    return done(&r, 0), rc;
  struct stat st;
  if ((rc = trailing_ok(&r)))
    return done(&r, 0), rc;
  if (fstatat(r.dirfd, r.name, &st, AT_SYMLINK_NOFOLLOW))
    return done(&r, -1);
  done(&r, 0);
  return wasi_store_filestat(inst, (uint32_t)out, &st, -1);
}

int32_t WK_WASI_FN(path_filestat_set_times)(wk_instance *inst, int32_t fd,
                                            int32_t flags, int32_t path,
                                            int32_t path_len, int64_t atim,
                                            int64_t mtim, int32_t fst_flags) {
  wasi_resolved r;
  int32_t rc =
      lookup(inst, fd, RT_PATH_FILESTAT_SET_TIMES, (uint32_t)path,
             (uint32_t)path_len, flags & LOOKUP_SYMLINK_FOLLOW, &r, NULL);
  if (rc)
    return done(&r, 0), rc;
  if (!(rc = trailing_ok(&r)))
    rc = wasi_set_times(r.dirfd, r.name, AT_SYMLINK_NOFOLLOW, atim, mtim,
                        fst_flags);
  done(&r, 0);
  return rc;
}

int32_t WK_WASI_FN(path_link)(wk_instance *inst, int32_t old_fd,
                              int32_t old_flags, int32_t old_path,
                              int32_t old_path_len, int32_t new_fd,
                              int32_t new_path, int32_t new_path_len) {
  wasi_resolved from, to;
  to.dirfd = -1;
  int32_t rc = lookup(inst, old_fd, RT_PATH_LINK_SOURCE, (uint32_t)old_path,
                      (uint32_t)old_path_len, old_flags & LOOKUP_SYMLINK_FOLLOW,
                      &from, NULL);
  if (!rc)
    rc = lookup(inst, new_fd, RT_PATH_LINK_TARGET, (uint32_t)new_path,
                (uint32_t)new_path_len, false, &to, NULL);
  if (!rc && !(rc = trailing_ok(&from)) && !(rc = trailing_new(&to)) &&
      linkat(from.dirfd, from.name, to.dirfd, to.name, 0))
    rc = wasi_errno(errno);
  done(&from, 0);
  done(&to, 0);
  return rc;
}

int32_t WK_WASI_FN(path_readlink)(wk_instance *inst, int32_t fd, int32_t path,
                                  int32_t path_len, int32_t buf,
                                  int32_t buf_len, int32_t bufused) {
  uint8_t *out = wasi_mem(inst, (uint32_t)buf, (uint32_t)buf_len);
  if (!out || !wasi_mem(inst, (uint32_t)bufused, 4))
    return WE_FAULT;
  wasi_resolved r;
  int32_t rc = lookup(inst, fd, RT_PATH_READLINK, (uint32_t)path,
                      (uint32_t)path_len, false, &r, NULL);
  if (rc)
    return done(&r, 0), rc;
  char target[PATH_MAX];
  ssize_t n = readlinkat(r.dirfd, r.name, target, sizeof target);
  if (n < 0)
    return done(&r, -1);
  done(&r, 0);
  size_t copied = (size_t)n < (uint32_t)buf_len ? (size_t)n : (uint32_t)buf_len;
  memcpy(out, target, copied);
  return wasi_store_u32(inst, (uint32_t)bufused, (uint32_t)copied);
}

int32_t WK_WASI_FN(path_remove_directory)(wk_instance *inst, int32_t fd,
                                          int32_t path, int32_t path_len) {
  wasi_resolved r;
  int32_t rc = lookup(inst, fd, RT_PATH_REMOVE_DIRECTORY, (uint32_t)path,
                      (uint32_t)path_len, false, &r, NULL);
  if (rc)
    return done(&r, 0), rc;
  return done(&r, unlinkat(r.dirfd, r.name, AT_REMOVEDIR));
}

int32_t WK_WASI_FN(path_rename)(wk_instance *inst, int32_t fd, int32_t old_path,
                                int32_t old_path_len, int32_t new_fd,
                                int32_t new_path, int32_t new_path_len) {
  wasi_resolved from, to;
  to.dirfd = -1;
  int32_t rc = lookup(inst, fd, RT_PATH_RENAME_SOURCE, (uint32_t)old_path,
                      (uint32_t)old_path_len, false, &from, NULL);
  if (!rc)
    rc = lookup(inst, new_fd, RT_PATH_RENAME_TARGET, (uint32_t)new_path,
                (uint32_t)new_path_len, false, &to, NULL);
  if (!rc && (from.must_be_dir || to.must_be_dir)) {
    /* "a/" or a target "b/": both sides must be directories. */
    bool exists;
    rc = dir_check(&from, &exists);
    if (!rc && !exists)
      rc = WE_NOENT;
    if (!rc)
      rc = dir_check(&to, &exists);
  }
  if (!rc && renameat(from.dirfd, from.name, to.dirfd, to.name))
    rc = wasi_errno(errno);
  done(&from, 0);
  done(&to, 0);
  return rc;
}

/* The length of the directory part of a guest path: up to and including
 * the last '/' before its last component; 0 for a plain name. */
static size_t dir_part(const char *path, size_t len) {
  while (len && path[len - 1] == '/')
    --len;
  while (len && path[len - 1] != '/')
    --len;
  return len;
}

int32_t WK_WASI_FN(path_symlink)(wk_instance *inst, int32_t old_path,
                                 int32_t old_path_len, int32_t fd,
                                 int32_t new_path, int32_t new_path_len) {
  const uint8_t *target =
      wasi_mem(inst, (uint32_t)old_path, (uint32_t)old_path_len);
  if (!target)
    return WE_FAULT;
  size_t len = (uint32_t)old_path_len;
  if (memchr(target, 0, len))
    return WE_INVAL;
  if (len >= PATH_MAX)
    return WE_NAMETOOLONG;
  /* The sandbox never follows absolute targets; don't create them either,
   * as other host programs would. */
  if (len && target[0] == '/')
    return WE_NOTCAPABLE;
  char copy[PATH_MAX];
  memcpy(copy, target, len);
  copy[len] = 0;
  wasi_resolved r;
  wasi_fd *dir;
  int32_t rc = lookup(inst, fd, RT_PATH_SYMLINK, (uint32_t)new_path,
                      (uint32_t)new_path_len, false, &r, &dir);
  if (!rc)
    rc = trailing_new(&r);
  /* Other host programs follow relative targets too: one that leads out
   * of the directory, from where the link will be, is refused as well. */
  if (!rc) {
    const char *link = (const char *)wasi_mem(inst, (uint32_t)new_path,
                                              (uint32_t)new_path_len);
    rc = wasi_path_confined(dir->host, link,
                            dir_part(link, (uint32_t)new_path_len), copy);
  }
  if (rc)
    return done(&r, 0), rc;
  return done(&r, symlinkat(copy, r.dirfd, r.name));
}

int32_t WK_WASI_FN(path_unlink_file)(wk_instance *inst, int32_t fd,
                                     int32_t path, int32_t path_len) {
  wasi_resolved r;
  int32_t rc = lookup(inst, fd, RT_PATH_UNLINK_FILE, (uint32_t)path,
                      (uint32_t)path_len, false, &r, NULL);
  if (rc)
    return done(&r, 0), rc;
  if ((rc = trailing_ok(&r)))
    return done(&r, 0), rc;
  return done(&r, unlinkat(r.dirfd, r.name, 0));
}
