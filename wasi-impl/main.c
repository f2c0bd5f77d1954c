/*===- main.c - main() of the executables wasmkiln produces ---------------===*
 *
 * The compiler emits the module descriptor (aliased as wasmkiln_main_module)
 * and the grants given when compiling (wasmkiln_grants). At run time the
 * host environment variable WASMKILN_GRANTS may add grants in the same
 * format (';' or newline separated): only whoever starts the program can
 * set it, never the wasm program (it cannot set host variables, and sees
 * the host environment only through inherit-env).
 *===----------------------------------------------------------------------===*/

#include "wasmkiln/wasi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const wk_module wasmkiln_main_module;
extern const char wasmkiln_grants[];

int main(int argc, char **argv) {
  const char *extra = getenv("WASMKILN_GRANTS");
  char *grants = NULL;
  if (extra && *extra) {
    size_t baked = strlen(wasmkiln_grants), more = strlen(extra);
    grants = malloc(baked + more + 2);
    if (!grants) {
      fputs("wasmkiln: error: out of memory\n", stderr);
      return 1;
    }
    memcpy(grants, wasmkiln_grants, baked);
    grants[baked] = '\n';
    memcpy(grants + baked + 1, extra, more + 1);
    for (char *c = grants + baked + 1; *c; ++c)
      if (*c == ';')
        *c = '\n';
  }
  int status = wk_wasi_run_command(&wasmkiln_main_module, argc,
                                   (const char *const *)argv,
                                   grants ? grants : wasmkiln_grants);
  free(grants);
  return status;
}
