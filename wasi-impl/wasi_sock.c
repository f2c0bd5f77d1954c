/*===- wasi_sock.c - sock_accept, sock_recv, sock_send, sock_shutdown -----===*
 *
 * Preview1 has no way to create or connect sockets: these work on sockets
 * the host handed over (for example as standard input). A descriptor that
 * is not a socket is NOTSOCK, as POSIX says.
 *===----------------------------------------------------------------------===*/

#define _GNU_SOURCE
#include "wasi_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/uio.h>

static int32_t get_socket(wk_instance *inst, int32_t fd, uint64_t rights,
                          wasi_fd **out) {
  int32_t rc = wasi_fd_get(inst, fd, 0, out);
  if (rc)
    return rc;
  if ((*out)->filetype != FT_SOCKET_STREAM &&
      (*out)->filetype != FT_SOCKET_DGRAM)
    return WE_NOTSOCK;
  return wasi_fd_get(inst, fd, rights, out);
}

int32_t WK_WASI_FN(sock_accept)(wk_instance *inst, int32_t fd, int32_t flags,
                                int32_t out) {
  wasi_fd *entry;
  int32_t rc = get_socket(inst, fd, RT_SOCK_ACCEPT, &entry);
  if (rc)
    return rc;
  if (flags & ~FDF_NONBLOCK)
    return WE_INVAL;
  if (!wasi_mem(inst, (uint32_t)out, 4))
    return WE_FAULT;
  int host = accept4(entry->host, NULL, NULL,
                     SOCK_CLOEXEC | (flags & FDF_NONBLOCK ? SOCK_NONBLOCK : 0));
  if (host < 0)
    return wasi_errno(errno);
  int32_t guest = wasi_fd_insert(wasi_ctx(inst), host, FT_SOCKET_STREAM,
                                 RT_SOCKET_BASE & ~RT_SOCK_ACCEPT, 0);
  if (guest < 0)
    return WE_NOMEM;
  return wasi_store_u32(inst, (uint32_t)out, (uint32_t)guest);
}

int32_t WK_WASI_FN(sock_recv)(wk_instance *inst, int32_t fd, int32_t ri_data,
                              int32_t ri_data_len, int32_t ri_flags,
                              int32_t ro_datalen, int32_t ro_flags) {
  wasi_fd *entry;
  int32_t rc = get_socket(inst, fd, RT_FD_READ, &entry);
  if (rc)
    return rc;
  if (ri_flags & ~3)
    return WE_INVAL;
  if (!wasi_mem(inst, (uint32_t)ro_datalen, 4) ||
      !wasi_mem(inst, (uint32_t)ro_flags, 2))
    return WE_FAULT;
  struct iovec *vec;
  if ((rc = wasi_iovecs(inst, (uint32_t)ri_data, (uint32_t)ri_data_len, &vec)))
    return rc;
  struct msghdr msg = {0};
  msg.msg_iov = vec;
  msg.msg_iovlen = (size_t)(uint32_t)ri_data_len;
  int host_flags =
      (ri_flags & 1 ? MSG_PEEK : 0) | (ri_flags & 2 ? MSG_WAITALL : 0);
  ssize_t n = recvmsg(entry->host, &msg, host_flags);
  int saved = errno;
  free(vec);
  if (n < 0)
    return wasi_errno(saved);
  wasi_put_u16(wasi_mem(inst, (uint32_t)ro_flags, 2),
               msg.msg_flags & MSG_TRUNC ? 1 : 0);
  return wasi_store_u32(inst, (uint32_t)ro_datalen, (uint32_t)n);
}

int32_t WK_WASI_FN(sock_send)(wk_instance *inst, int32_t fd, int32_t si_data,
                              int32_t si_data_len, int32_t si_flags,
                              int32_t so_datalen) {
  wasi_fd *entry;
  int32_t rc = get_socket(inst, fd, RT_FD_WRITE, &entry);
  if (rc)
    return rc;
  if (si_flags != 0)
    return WE_INVAL;
  if (!wasi_mem(inst, (uint32_t)so_datalen, 4))
    return WE_FAULT;
  struct iovec *vec;
  if ((rc = wasi_iovecs(inst, (uint32_t)si_data, (uint32_t)si_data_len, &vec)))
    return rc;
  struct msghdr msg = {0};
  msg.msg_iov = vec;
  msg.msg_iovlen = (size_t)(uint32_t)si_data_len;
  ssize_t n = sendmsg(entry->host, &msg, MSG_NOSIGNAL);
  int saved = errno;
  free(vec);
  if (n < 0)
    return wasi_errno(saved);
  return wasi_store_u32(inst, (uint32_t)so_datalen, (uint32_t)n);
}

int32_t WK_WASI_FN(sock_shutdown)(wk_instance *inst, int32_t fd, int32_t how) {
  wasi_fd *entry;
  int32_t rc = get_socket(inst, fd, RT_SOCK_SHUTDOWN, &entry);
  if (rc)
    return rc;
  static const int host_how[] = {0, SHUT_RD, SHUT_WR, SHUT_RDWR};
  if (how < 1 || how > 3)
    return WE_INVAL;
  return shutdown(entry->host, host_how[how]) ? wasi_errno(errno) : WE_SUCCESS;
}
