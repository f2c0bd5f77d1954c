/* Host for tail-calls.test: two instances of pingpong.wasm in a 64 KiB
 * stack budget. x's import is a host function; y's is x's pong, and x's
 * table holds y's ping, so y.ping -> x.pong -> y.ping ... alternates between
 * the instances on every tail call. */
#include <stdio.h>
#include <string.h>

#include "pingpong.h"

/* x's peer (its static binding): a tail call into it is a call, and it
 * returns. */
int32_t wkimport_env__peer(wk_instance *instance, int32_t n) {
  (void)instance;
  return n * 10 + 7;
}

/* y's peer: x's pong. */
static const wk_func *peer_of_y;

static int resolve(void *user, const wk_import_desc *import, wk_extern *out) {
  (void)user;
  if (!peer_of_y || strcmp(import->module, "env") != 0 ||
      strcmp(import->field, "peer") != 0)
    return -1;
  out->kind = WK_EXTERN_FUNC;
  out->u.func = peer_of_y;
  return 0;
}

static wk_instance *instantiate(void) {
  wk_instantiate_options options = {0};
  options.resolver = resolve;
  options.max_stack_bytes = 64 << 10;
  char error[256];
  wk_instance *instance = NULL;
  if (pingpong_instantiate_with(&instance, &options, error, sizeof error) !=
      WK_OK)
    printf("instantiation failed: %s\n", error);
  return instance;
}

static const wk_func *export_func(wk_instance *instance, const char *name) {
  wk_extern ext;
  return wk_instance_export(instance, name, &ext) == 0 ? ext.u.func : NULL;
}

static void report(const char *what, wk_trap trap, int32_t result) {
  if (trap != WK_TRAP_NONE)
    printf("%s: trap: %s\n", what, wk_trap_message(trap));
  else
    printf("%s: %d\n", what, result);
}

int main(void) {
  wk_instance *x = instantiate();
  if (!x)
    return 1;
  peer_of_y = export_func(x, "pong");
  wk_instance *y = instantiate();
  if (!y)
    return 1;
  wk_extern table;
  if (wk_instance_export(x, "table", &table) != 0)
    return 1;
  table.u.table->elements[0] = (void *)export_func(y, "ping");

  int32_t result = -1;
  wk_trap trap = pingpong_ping(x, 5, &result);
  report("x.ping(5) via the host", trap, result);
  trap = pingpong_ping(y, 100000000, &result);
  report("y.ping(100000000)", trap, result);
  trap = pingpong_ping(y, 99999999, &result);
  report("y.ping(99999999)", trap, result);
  trap = pingpong_pong(x, 100000001, &result);
  report("x.pong(100000001)", trap, result);
  pingpong_free(y);
  pingpong_free(x);
  return 0;
}
