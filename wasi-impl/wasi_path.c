/*===- wasi_path.c - Path resolution that never leaves a directory fd -----===*
 *
 * Every guest path is resolved here, one component at a time, from the host
 * directory behind a guest fd:
 *  - absolute paths are refused (NOTCAPABLE): a guest path is relative to
 *    the capability it is used with;
 *  - each intermediate directory is opened with openat(O_PATH | O_DIRECTORY
 *    | O_NOFOLLOW) relative to the previous one, so the kernel never follows
 *    a symlink or ".." for us and a rename racing with the walk cannot move
 *    the walk outside (the fds we hold stay inside);
 *  - ".." pops the stack of opened directories and is refused below the
 *    start fd;
 *  - a symlink is read with readlinkat and its target spliced into the rest
 *    of the path, so it is resolved by the same rules (absolute targets are
 *    refused, and more than WASI_MAX_SYMLINKS expansions is LOOP);
 *  - the last component is returned as a name for the caller's *at call,
 *    which must not follow symlinks itself (O_NOFOLLOW,
 *    AT_SYMLINK_NOFOLLOW): when the caller wants symlinks followed, the
 *    expansion happened here.
 * wasi_path_confined judges a path the same way without opening anything at
 * its end: whether a symlink target would lead outside (path_symlink).
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#define WASI_MAX_SYMLINKS 32

typedef struct walk {
  int *fds; /* fds[0] is the borrowed start fd, the rest are owned */
  size_t depth, cap;
} walk;

static void walk_free(walk *w) {
  for (size_t i = 1; i <= w->depth; ++i)
    close(w->fds[i]);
  free(w->fds);
}

static int32_t walk_push(walk *w, int fd) {
  if (w->depth + 1 >= w->cap) {
    size_t cap = w->cap * 2;
    int *grown = realloc(w->fds, cap * sizeof *grown);
    if (!grown) {
      close(fd);
      return WE_NOMEM;
    }
    w->fds = grown;
    w->cap = cap;
  }
  w->fds[++w->depth] = fd;
  return WE_SUCCESS;
}

/* Replaces the unresolved rest with target + rest (after the symlink). */
static int32_t splice_rest(char **rest, const char *target, size_t target_len,
                           const char *after) {
  size_t after_len = strlen(after);
  char *joined = malloc(target_len + after_len + 1);
  if (!joined)
    return WE_NOMEM;
  memcpy(joined, target, target_len);
  memcpy(joined + target_len, after, after_len + 1);
  free(*rest);
  *rest = joined;
  return WE_SUCCESS;
}

/* Reads the symlink (dirfd, name): 1 and the target, 0 when it is no
 * symlink, or -errno. */
static int read_link(int dirfd, const char *name, char *target) {
  ssize_t n = readlinkat(dirfd, name, target, PATH_MAX);
  if (n < 0)
    return errno == EINVAL ? 0 : -errno;
  if (n >= PATH_MAX)
    return -ENAMETOOLONG;
  target[n] = 0;
  return 1;
}

static int32_t finish(walk *w, const char *name, bool trailing,
                      wasi_resolved *out) {
  size_t len = strlen(name);
  if (len + 2 > sizeof out->name)
    return WE_NAMETOOLONG;
  memcpy(out->name, name, len);
  out->name[len] = 0;
  out->must_be_dir = trailing;
  if (w->depth == 0) {
    out->dirfd = fcntl(w->fds[0], F_DUPFD_CLOEXEC, 0);
    if (out->dirfd < 0)
      return wasi_errno(errno);
  } else {
    out->dirfd = w->fds[w->depth--];
  }
  return WE_SUCCESS;
}

static int32_t resolve(walk *w, char **rest, bool follow, wasi_resolved *out) {
  char *target = malloc(PATH_MAX + 1);
  if (!target)
    return WE_NOMEM;
  int32_t rc = WE_SUCCESS;
  unsigned links = 0;
  for (;;) {
    char *p = *rest;
    while (*p == '/')
      ++p;
    char *end = p;
    while (*end && *end != '/')
      ++end;
    const char *after = end;
    while (*after == '/')
      ++after;
    bool last = *after == 0;
    bool trailing = last && end != after;
    char comp[NAME_MAX + 1];
    size_t len = (size_t)(end - p);
    if (len > NAME_MAX) {
      rc = WE_NAMETOOLONG;
      break;
    }
    memcpy(comp, p, len);
    comp[len] = 0;
    if (len == 0 || strcmp(comp, ".") == 0) { /* "" only for "/"-only */
      if (last) {
        rc = finish(w, ".", false, out);
        break;
      }
      memmove(*rest, after, strlen(after) + 1);
      continue;
    }
    if (strcmp(comp, "..") == 0) {
      if (w->depth == 0) {
        rc = WE_NOTCAPABLE;
        break;
      }
      close(w->fds[w->depth--]);
      if (last) {
        rc = finish(w, ".", false, out);
        break;
      }
      memmove(*rest, after, strlen(after) + 1);
      continue;
    }
    int cur = w->fds[w->depth];
    if (!last || follow || trailing) {
      int is_link = read_link(cur, comp, target);
      if (is_link < 0 && is_link != -ENOENT) {
        rc = wasi_errno(-is_link);
        break;
      }
      if (is_link > 0) {
        if (++links > WASI_MAX_SYMLINKS) {
          rc = WE_LOOP;
          break;
        }
        if (target[0] == '/') {
          rc = WE_NOTCAPABLE;
          break;
        }
        if (target[0] == 0) {
          rc = WE_NOENT;
          break;
        }
        /* Keep the separator: "link/rest" -> "target/rest". */
        rc = splice_rest(rest, target, strlen(target), end);
        if (rc)
          break;
        continue;
      }
    }
    if (last) {
      rc = finish(w, comp, trailing, out);
      break;
    }
    int next = openat(cur, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0) {
      rc = wasi_errno(errno);
      break;
    }
    rc = walk_push(w, next);
    if (rc)
      break;
    memmove(*rest, after, strlen(after) + 1);
  }
  free(target);
  return rc;
}

int32_t wasi_resolve_str(int start_fd, const char *path, size_t len,
                         bool follow, wasi_resolved *out) {
  out->dirfd = -1;
  out->name[0] = 0;
  out->must_be_dir = false;
  if (len == 0)
    return WE_NOENT;
  if (memchr(path, 0, len))
    return WE_INVAL;
  if (path[0] == '/')
    return WE_NOTCAPABLE;
  if (len > PATH_MAX)
    return WE_NAMETOOLONG;
  char *rest = malloc(len + 1);
  walk w = {malloc(16 * sizeof(int)), 0, 16};
  if (!rest || !w.fds) {
    free(rest);
    free(w.fds);
    return WE_NOMEM;
  }
  memcpy(rest, path, len);
  rest[len] = 0;
  w.fds[0] = start_fd;
  int32_t rc = resolve(&w, &rest, follow, out);
  walk_free(&w);
  free(rest);
  return rc;
}

enum { PATH_END = -1 }; /* no WASI errno */

/* One component of `*rest` for confine(): moved into comp, *rest advanced
 * past it. Returns 0, PATH_END at the end of the path, or NAMETOOLONG. */
static int32_t next_component(char **rest, char comp[NAME_MAX + 1]) {
  char *p = *rest;
  while (*p == '/')
    ++p;
  if (!*p)
    return PATH_END;
  char *end = p;
  while (*end && *end != '/')
    ++end;
  size_t len = (size_t)(end - p);
  if (len > NAME_MAX)
    return WE_NAMETOOLONG;
  memcpy(comp, p, len);
  comp[len] = 0;
  memmove(*rest, end, strlen(end) + 1);
  return 0;
}

/* The walk of wasi_path_confined. `lexical` counts the components below
 * one that does not exist (or is no directory): those only count for "..". */
static int32_t confine(walk *w, char **rest, char *target) {
  unsigned links = 0;
  size_t lexical = 0;
  char comp[NAME_MAX + 1];
  int32_t rc;
  while (!(rc = next_component(rest, comp))) {
    if (strcmp(comp, ".") == 0)
      continue;
    if (strcmp(comp, "..") == 0) {
      if (lexical)
        --lexical;
      else if (w->depth == 0)
        return WE_NOTCAPABLE;
      else
        close(w->fds[w->depth--]);
      continue;
    }
    if (lexical) {
      ++lexical;
      continue;
    }
    int cur = w->fds[w->depth];
    int is_link = read_link(cur, comp, target);
    if (is_link > 0) {
      if (++links > WASI_MAX_SYMLINKS)
        return WE_LOOP;
      if (target[0] == '/')
        return WE_NOTCAPABLE;
      if ((rc = splice_rest(rest, target, strlen(target), *rest)))
        return rc;
      continue;
    }
    if (is_link < 0 && is_link != -ENOENT && is_link != -ENOTDIR)
      return wasi_errno(-is_link);
    int next = openat(cur, comp, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (next < 0 && (errno == ENOENT || errno == ENOTDIR))
      lexical = 1;
    else if (next < 0)
      return wasi_errno(errno);
    else if ((rc = walk_push(w, next)))
      return rc;
  }
  return rc == PATH_END ? WE_SUCCESS : rc;
}

int32_t wasi_path_confined(int start_fd, const char *dir, size_t dir_len,
                           const char *path) {
  size_t len = strlen(path);
  if (path[0] == '/')
    return WE_NOTCAPABLE;
  if (dir_len + len > PATH_MAX)
    return WE_NAMETOOLONG;
  char *rest = malloc(dir_len + len + 1);
  char *target = malloc(PATH_MAX + 1);
  walk w = {malloc(16 * sizeof(int)), 0, 16};
  int32_t rc = WE_NOMEM;
  if (rest && target && w.fds) {
    memcpy(rest, dir, dir_len);
    memcpy(rest + dir_len, path, len + 1);
    w.fds[0] = start_fd;
    rc = confine(&w, &rest, target);
  }
  if (w.fds)
    walk_free(&w);
  free(target);
  free(rest);
  return rc;
}

int32_t wasi_resolve(wk_instance *inst, wasi_fd *dir, uint32_t path,
                     uint32_t len, bool follow, wasi_resolved *out) {
  out->dirfd = -1;
  const uint8_t *p = wasi_mem(inst, path, len);
  if (!p)
    return WE_FAULT;
  if (dir->filetype != FT_DIRECTORY)
    return WE_NOTDIR;
  return wasi_resolve_str(dir->host, (const char *)p, len, follow, out);
}
