/*===- wasi_ctx.c - WASI contexts from argv and grants --------------------===*
 *
 * Builds what a program may see: its arguments, only the environment
 * variables granted (env=, inherit-env), standard input, output and error
 * as fds 0-2, and one preopened directory per dir=/ro-dir= grant from fd 3
 * on, in grant order. Nothing else of the host is reachable.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

extern char **environ;

static bool push_string(char ***list, uint32_t *count, const char *s,
                        size_t len) {
  char **grown = realloc(*list, (*count + 1) * sizeof *grown);
  if (!grown)
    return false;
  *list = grown;
  char *copy = strndup(s, len);
  if (!copy)
    return false;
  grown[(*count)++] = copy;
  return true;
}

/* Adds NAME=VALUE unless NAME is already set (explicit grants win). */
static bool add_env(wk_wasi_ctx *ctx, const char *var, size_t len,
                    bool replace) {
  const char *eq = memchr(var, '=', len);
  size_t name_len = eq ? (size_t)(eq - var) : len;
  for (uint32_t i = 0; i < ctx->num_env; ++i) {
    if (strncmp(ctx->env[i], var, name_len) == 0 &&
        ctx->env[i][name_len] == '=') {
      if (!replace)
        return true;
      char *copy = strndup(var, len);
      if (!copy)
        return false;
      free(ctx->env[i]);
      ctx->env[i] = copy;
      return true;
    }
  }
  return push_string(&ctx->env, &ctx->num_env, var, len);
}

static void stdio_fd(wk_wasi_ctx *ctx, int host_fd) {
  struct stat st;
  int fd = fcntl(host_fd, F_DUPFD_CLOEXEC, 3);
  wasi_fd *entry = &ctx->fds[host_fd];
  memset(entry, 0, sizeof *entry);
  entry->host = -1;
  if (fd < 0)
    return; /* closed on the host: closed for the guest */
  if (fstat(fd, &st)) {
    close(fd);
    return;
  }
  entry->host = fd;
  entry->filetype = wasi_filetype_of_mode(st.st_mode, fd);
  entry->base = RT_STDIO_BASE;
  /* A socket as stdin (inetd style) is there to be served. */
  if (entry->filetype == FT_SOCKET_STREAM || entry->filetype == FT_SOCKET_DGRAM)
    entry->base |= RT_SOCK_SHUTDOWN | RT_SOCK_ACCEPT;
}

static bool add_preopen(wk_wasi_ctx *ctx, const char *spec, size_t len,
                        bool read_only, char *err, size_t err_size) {
  char *text = strndup(spec, len);
  if (!text)
    return false;
  char *guest = strstr(text, "::");
  if (guest) {
    *guest = 0;
    guest += 2;
  } else {
    guest = text;
  }
  int host = open(text, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (host < 0) {
    snprintf(err, err_size, "cannot open directory '%s': %s", text,
             strerror(errno));
    free(text);
    return false;
  }
  uint64_t strip = read_only ? RT_WRITING : 0;
  int32_t fd = wasi_fd_insert(ctx, host, FT_DIRECTORY, RT_DIR_BASE & ~strip,
                              RT_ALL & ~strip);
  char *name = fd >= 0 ? strdup(guest) : NULL;
  free(text);
  if (!name) {
    snprintf(err, err_size, "out of memory");
    return false;
  }
  ctx->fds[fd].preopen = 1;
  ctx->fds[fd].guest_name = name;
  return true;
}

static bool apply_grant(wk_wasi_ctx *ctx, const char *line, size_t len,
                        bool *inherit, char *err, size_t err_size) {
#define IS(prefix)                                                             \
  (len >= sizeof(prefix) - 1 && memcmp(line, prefix, sizeof(prefix) - 1) == 0)
  if (IS("dir="))
    return add_preopen(ctx, line + 4, len - 4, false, err, err_size);
  if (IS("ro-dir="))
    return add_preopen(ctx, line + 7, len - 7, true, err, err_size);
  if (IS("env=") && memchr(line + 4, '=', len - 4) && line[4] != '=') {
    if (add_env(ctx, line + 4, len - 4, true))
      return true;
    snprintf(err, err_size, "out of memory");
    return false;
  }
  if (len == 11 && memcmp(line, "inherit-env", 11) == 0) {
    *inherit = true;
    return true;
  }
#undef IS
  snprintf(err, err_size, "invalid grant '%.*s'", (int)len, line);
  return false;
}

/* A line that is no grant continues the env= grant before it: the value
 * contained a newline (grants are baked one per line, unescaped). */
static bool continue_env(wk_wasi_ctx *ctx, const char *line, size_t len) {
  char *last = ctx->env[ctx->num_env - 1];
  size_t old = strlen(last);
  char *joined = realloc(last, old + len + 2);
  if (!joined)
    return false;
  joined[old] = '\n';
  memcpy(joined + old + 1, line, len);
  joined[old + 1 + len] = 0;
  ctx->env[ctx->num_env - 1] = joined;
  return true;
}

static bool is_grant(const char *line, size_t len) {
  static const char *const keywords[] = {"dir=", "ro-dir=", "env="};
  for (size_t i = 0; i < 3; ++i)
    if (strncmp(line, keywords[i], strlen(keywords[i])) == 0)
      return true;
  return len == 11 && memcmp(line, "inherit-env", 11) == 0;
}

static bool apply_grants(wk_wasi_ctx *ctx, const char *grants, char *err,
                         size_t err_size) {
  bool inherit = false, after_env = false;
  const char *p = grants ? grants : "";
  while (*p) {
    size_t len = strcspn(p, "\n");
    size_t trimmed = len;
    while (trimmed && p[trimmed - 1] == '\r')
      --trimmed;
    if (after_env && !is_grant(p, len)) {
      if (!continue_env(ctx, p, len)) {
        snprintf(err, err_size, "out of memory");
        return false;
      }
    } else if (trimmed &&
               !apply_grant(ctx, p, trimmed, &inherit, err, err_size)) {
      return false;
    } else {
      after_env = trimmed && strncmp(p, "env=", 4) == 0;
    }
    p += len;
    if (*p)
      ++p;
  }
  if (inherit)
    for (char **e = environ; e && *e; ++e)
      if (strchr(*e, '=') && !add_env(ctx, *e, strlen(*e), false)) {
        snprintf(err, err_size, "out of memory");
        return false;
      }
  return true;
}

wk_wasi_ctx *wk_wasi_create(int argc, const char *const *argv,
                            const char *grants, char *err, size_t err_size) {
  char dummy[1];
  if (!err || !err_size) {
    err = dummy;
    err_size = sizeof dummy;
  }
  wk_wasi_ctx *ctx = calloc(1, sizeof *ctx);
  if (!ctx || !(ctx->fds = calloc(3, sizeof *ctx->fds))) {
    free(ctx);
    snprintf(err, err_size, "out of memory");
    return NULL;
  }
  ctx->num_fds = 3;
  ctx->capacity = 3;
  pthread_mutex_init(&ctx->fd_lock, NULL);
  for (int i = 0; i < 3; ++i)
    stdio_fd(ctx, i);
  bool ok = true;
  for (int i = 0; ok && i < argc; ++i)
    ok = push_string(&ctx->args, &ctx->num_args, argv[i], strlen(argv[i]));
  if (!ok)
    snprintf(err, err_size, "out of memory");
  if (ok)
    ok = apply_grants(ctx, grants, err, err_size);
  if (!ok) {
    wk_wasi_destroy(ctx);
    return NULL;
  }
  return ctx;
}

void wk_wasi_destroy(wk_wasi_ctx *ctx) {
  if (!ctx)
    return;
  for (uint32_t i = 0; i < ctx->num_fds; ++i)
    if (ctx->fds[i].host >= 0 || ctx->fds[i].guest_name)
      wasi_fd_release(&ctx->fds[i]);
  for (uint32_t i = 0; i < ctx->num_args; ++i)
    free(ctx->args[i]);
  for (uint32_t i = 0; i < ctx->num_env; ++i)
    free(ctx->env[i]);
  free(ctx->args);
  free(ctx->env);
  free(ctx->fds);
  pthread_mutex_destroy(&ctx->fd_lock);
  free(ctx);
}
