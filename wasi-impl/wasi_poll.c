/*===- wasi_poll.c - poll_oneoff
 *--------------------------------------------===*
 *
 * Clock and fd subscriptions through one ppoll(2): the wait lasts until the
 * earliest clock deadline or until an fd is ready. Regular files are always
 * ready (as poll(2) says); an invalid fd gives its event an error at once.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EV_CLOCK = 0, EV_FD_READ = 1, EV_FD_WRITE = 2 };

static uint64_t now_ns(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

typedef struct sub_state {
  uint64_t userdata;
  uint8_t type;
  int16_t error;    /* -1: no event yet */
  uint64_t wait_ns; /* clocks: time left */
  int pollfd;       /* index in pfds, or -1 */
  uint64_t nbytes;
  uint16_t flags;
} sub_state;

static void parse_clock(const uint8_t *s, sub_state *st, uint64_t *min_wait) {
  uint32_t id = wasi_get_u32(s + 16);
  uint64_t timeout = wasi_get_u64(s + 24);
  uint16_t flags;
  memcpy(&flags, s + 40, 2);
  static const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC,
                                     CLOCK_PROCESS_CPUTIME_ID,
                                     CLOCK_THREAD_CPUTIME_ID};
  if (id > 3) {
    st->error = WE_INVAL;
    *min_wait = 0;
    return;
  }
  uint64_t wait = timeout;
  if (flags & 1) { /* absolute */
    uint64_t now = now_ns(clocks[id]);
    wait = timeout > now ? timeout - now : 0;
  }
  st->wait_ns = wait;
  if (wait < *min_wait)
    *min_wait = wait;
}

static void parse_fd(wk_instance *inst, const uint8_t *s, sub_state *st,
                     struct pollfd *pfds, nfds_t *npfds, uint64_t *min_wait) {
  int32_t fd = (int32_t)wasi_get_u32(s + 16);
  wasi_fd *entry;
  int32_t rc = wasi_fd_get(inst, fd, 0, &entry);
  if (!rc &&
      !(entry->base & (st->type == EV_FD_READ ? RT_FD_READ : RT_FD_WRITE)))
    rc = WE_NOTCAPABLE;
  if (rc) {
    st->error = (int16_t)rc;
    *min_wait = 0;
    return;
  }
  if (entry->filetype == FT_REGULAR_FILE) {
    struct stat sb;
    off_t pos = lseek(entry->host, 0, SEEK_CUR);
    if (st->type == EV_FD_READ && fstat(entry->host, &sb) == 0 && pos >= 0 &&
        sb.st_size > pos)
      st->nbytes = (uint64_t)(sb.st_size - pos);
    st->error = WE_SUCCESS;
    *min_wait = 0;
    return;
  }
  st->pollfd = (int)*npfds;
  pfds[*npfds].fd = entry->host;
  pfds[*npfds].events = st->type == EV_FD_READ ? POLLIN : POLLOUT;
  pfds[*npfds].revents = 0;
  ++*npfds;
}

static void collect_fd(sub_state *st, const struct pollfd *p) {
  if (!p->revents)
    return;
  st->error = WE_SUCCESS;
  if (p->revents & POLLNVAL) {
    st->error = WE_BADF;
    return;
  }
  if (p->revents & POLLHUP)
    st->flags = 1; /* hangup */
  if (st->type == EV_FD_READ) {
    int avail = 0;
    if (ioctl(p->fd, FIONREAD, &avail) == 0 && avail > 0)
      st->nbytes = (uint64_t)avail;
  }
}

static void write_events(uint8_t *out, const sub_state *st, uint32_t n,
                         uint32_t *count) {
  for (uint32_t i = 0; i < n; ++i) {
    if (st[i].error < 0)
      continue;
    uint8_t *e = out + 32 * (*count)++;
    memset(e, 0, 32);
    wasi_put_u64(e, st[i].userdata);
    wasi_put_u16(e + 8, (uint16_t)st[i].error);
    e[10] = st[i].type;
    if (st[i].type != EV_CLOCK) {
      wasi_put_u64(e + 16, st[i].nbytes);
      wasi_put_u16(e + 24, st[i].flags);
    }
  }
}

int32_t WK_WASI_FN(poll_oneoff)(wk_instance *inst, int32_t in, int32_t out,
                                int32_t nsubscriptions, int32_t nevents) {
  uint32_t n = (uint32_t)nsubscriptions;
  if (n == 0)
    return WE_INVAL;
  const uint8_t *subs = wasi_mem(inst, (uint32_t)in, (uint64_t)n * 48);
  uint8_t *events = wasi_mem(inst, (uint32_t)out, (uint64_t)n * 32);
  if (!subs || !events || !wasi_mem(inst, (uint32_t)nevents, 4))
    return WE_FAULT;
  sub_state *st = calloc(n, sizeof *st);
  struct pollfd *pfds = calloc(n, sizeof *pfds);
  if (!st || !pfds) {
    free(st);
    free(pfds);
    return WE_NOMEM;
  }
  nfds_t npfds = 0;
  uint64_t min_wait = UINT64_MAX;
  for (uint32_t i = 0; i < n; ++i) {
    const uint8_t *s = subs + 48 * i;
    st[i].userdata = wasi_get_u64(s);
    st[i].type = s[8];
    st[i].error = -1;
    st[i].pollfd = -1;
    if (st[i].type == EV_CLOCK)
      parse_clock(s, &st[i], &min_wait);
    else if (st[i].type == EV_FD_READ || st[i].type == EV_FD_WRITE)
      parse_fd(inst, s, &st[i], pfds, &npfds, &min_wait);
    else {
      st[i].error = WE_INVAL;
      min_wait = 0;
    }
  }
  uint64_t start = now_ns(CLOCK_MONOTONIC);
  struct timespec timeout = {(time_t)(min_wait / 1000000000u),
                             (long)(min_wait % 1000000000u)};
  int ready;
  do
    ready = ppoll(npfds ? pfds : NULL, npfds,
                  min_wait == UINT64_MAX ? NULL : &timeout, NULL);
  while (ready < 0 && errno == EINTR && min_wait == UINT64_MAX);
  int32_t rc = WE_SUCCESS;
  if (ready < 0 && errno != EINTR)
    rc = wasi_errno(errno);
  uint64_t elapsed = now_ns(CLOCK_MONOTONIC) - start;
  uint32_t count = 0;
  if (!rc) {
    bool any = false;
    for (uint32_t i = 0; i < n; ++i) {
      if (st[i].pollfd >= 0)
        collect_fd(&st[i], &pfds[st[i].pollfd]);
      any |= st[i].error >= 0;
    }
    for (uint32_t i = 0; i < n; ++i)
      if (st[i].type == EV_CLOCK && st[i].error < 0 &&
          (st[i].wait_ns <= elapsed || (!any && st[i].wait_ns == min_wait)))
        st[i].error = WE_SUCCESS;
    write_events(events, st, n, &count);
    rc = wasi_store_u32(inst, (uint32_t)nevents, count);
  }
  free(st);
  free(pfds);
  return rc;
}
