/* Host for host-exceptions.test: host functions that throw wasm exceptions
 * into the calling wasm code (caught there, or uncaught and reported back
 * to the host with tag and payload), a host function between two wasm
 * frames that sees the inner exception as WK_EXCEPTION and rethrows it (or
 * an inner trap), a host trap inside a try_table, and exceptions after a
 * trap. The module is
 * test/Inputs/exceptions.py's "host". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hexn.h"

/* The module's exported tag e (i32): what the host throws and compares. */
static const wk_tag *tag_e(wk_instance *instance) {
  wk_extern tag;
  if (wk_instance_export(instance, "e", &tag) || tag.kind != WK_EXTERN_TAG) {
    printf("no tag export e\n");
    exit(1);
  }
  return tag.u.tag;
}

static const char *outcome(wk_trap trap) {
  return trap == WK_EXCEPTION ? "WK_EXCEPTION" : wk_trap_message(trap);
}

/* Prints the exception a call just reported. */
static void print_uncaught(wk_instance *instance) {
  const wk_exception *exn = wk_uncaught_exception();
  printf("tag %s (is e: %s, %u value), payload %d\n",
         exn->tag->name ? exn->tag->name : "(none)",
         exn->tag == tag_e(instance) ? "yes" : "no", exn->num_values,
         exn->values[0].i32);
}

void wkimport_env__host_throw(wk_instance *instance, int32_t x) {
  wk_exception *exn = wk_exception_new(tag_e(instance));
  exn->values[0].i32 = 2 * x;
  wk_raise_exception(exn);
}

/* wasm -> here -> wasm: the inner call's exception ends that call (the
 * innermost wk_invoke) and never unwinds this frame, even though the
 * caller has a handler for it; rethrowing it is the host's choice (here
 * for x < 100; else the payload is returned). */
int32_t wkimport_env__host_reenter(wk_instance *instance, int32_t x) {
  if (x == 0) { /* an inner trap instead: it ends the inner call only */
    int32_t quotient = 0;
    wk_trap trap = hexn_divide(instance, 0, &quotient);
    printf("inner call: %s\n", outcome(trap));
    return -7;
  }
  wk_trap trap = hexn_inner_throw(instance, x);
  printf("inner call: %s, ", outcome(trap));
  if (trap != WK_EXCEPTION) {
    printf("\n");
    return -1;
  }
  print_uncaught(instance);
  if (x >= 100)
    return wk_uncaught_exception()->values[0].i32;
  wk_raise_exception(wk_uncaught_exception());
}

void wkimport_env__host_trap(wk_instance *instance) {
  (void)instance;
  wk_raise_trap(WK_TRAP_HOST, "the host refuses");
}

static void catch_host(wk_instance *instance, int32_t x) {
  int32_t result = 0;
  wk_trap trap = hexn_catch_host(instance, x, &result);
  printf("catch_host(%d): %s %d\n", x, outcome(trap), result);
}

static void uncaught_host(wk_instance *instance, int32_t x) {
  wk_trap trap = hexn_uncaught_host(instance, x);
  printf("uncaught_host(%d): %s, ", x, outcome(trap));
  if (trap == WK_EXCEPTION)
    print_uncaught(instance);
  else
    printf("\n");
}

int main(void) {
  char error[256];
  wk_instance *instance = NULL;
  if (hexn_instantiate(&instance, NULL, error, sizeof error) != WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  catch_host(instance, 5);
  uncaught_host(instance, 7);

  wk_trap trap = hexn_inner_throw(instance, 2);
  printf("inner_throw(2): %s, ", outcome(trap));
  print_uncaught(instance);

  int32_t result = 0;
  trap = hexn_nest(instance, 3, &result);
  printf("nest(3): %s %d\n", outcome(trap), result);
  trap = hexn_nest(instance, 150, &result);
  printf("nest(150): %s %d\n", outcome(trap), result);

  trap = hexn_trap_host_in_try(instance, &result);
  printf("trap_host_in_try: %s (%s)\n", outcome(trap),
         wk_trap_host_message() ? wk_trap_host_message() : "no message");

  trap = hexn_divide(instance, 0, &result);
  printf("divide(0): %s\n", outcome(trap));
  catch_host(instance, 1);
  uncaught_host(instance, 2);
  trap = hexn_nest(instance, 4, &result);
  printf("nest(4): %s %d\n", outcome(trap), result);
  trap = hexn_nest(instance, 0, &result);
  printf("nest(0): %s %d\n", outcome(trap), result);
  trap = hexn_nest(instance, 5, &result);
  printf("nest(5): %s %d\n", outcome(trap), result);
  hexn_free(instance);
  printf("freed\n");
  return 0;
}
