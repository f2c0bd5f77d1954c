/* extended-const.test: hosts the position-independent module. It imports
 * env.__memory_base and env.__table_base (where its data and its function
 * pointers go: non-zero here, so that every relocation matters) and
 * env.__indirect_function_table (a table the host makes); the host applies
 * the data relocations by calling __wasm_apply_data_relocs, as a dynamic
 * loader would, then prints what the native build prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pic.h"

enum { MEMORY_BASE = 4096, TABLE_BASE = 3, TABLE_SIZE = 16 };

static wk_value memory_base, table_base;
static wk_table table;
static wk_instance *instance;

static int resolve(void *user, const wk_import_desc *import, wk_extern *out) {
  (void)user;
  memset(out, 0, sizeof *out);
  if (strcmp(import->module, "env"))
    return 1;
  if (import->kind == WK_EXTERN_GLOBAL &&
      (!strcmp(import->field, "__memory_base") ||
       !strcmp(import->field, "__table_base"))) {
    out->kind = WK_EXTERN_GLOBAL;
    out->global_type = WK_I32;
    out->u.global =
        !strcmp(import->field, "__memory_base") ? &memory_base : &table_base;
    return 0;
  }
  if (import->kind == WK_EXTERN_TABLE &&
      !strcmp(import->field, "__indirect_function_table")) {
    out->kind = WK_EXTERN_TABLE;
    out->u.table = &table;
    return 0;
  }
  return 1;
}

static int call_run(int k) {
  int32_t result = 0;
  wk_trap trap = pic_run(instance, k, &result);
  if (trap != WK_TRAP_NONE) {
    printf("run trapped: %s\n", wk_trap_message(trap));
    exit(1);
  }
  return result;
}

static int call_name_length(int i) {
  int32_t result = 0;
  wk_trap trap = pic_name_length(instance, i, &result);
  if (trap != WK_TRAP_NONE) {
    printf("name_length trapped: %s\n", wk_trap_message(trap));
    exit(1);
  }
  return result;
}

void report(int (*run_fn)(int), int (*name_length_fn)(int));

int main(void) {
  memory_base.i32 = MEMORY_BASE;
  table_base.i32 = TABLE_BASE;
  table.elements = calloc(TABLE_SIZE, sizeof *table.elements);
  table.size = TABLE_SIZE;
  table.max = UINT32_MAX;
  table.elem_type = WK_FUNCREF;
  wk_instantiate_options options;
  memset(&options, 0, sizeof options);
  options.resolver = resolve;
  char error[256];
  if (pic_instantiate_with(&instance, &options, error, sizeof error) != WK_OK) {
    printf("instantiation failed: %s\n", error);
    return 1;
  }
  if (pic___wasm_apply_data_relocs(instance) != WK_TRAP_NONE) {
    printf("relocations trapped\n");
    return 1;
  }
  report(call_run, call_name_length);
  pic_free(instance);
  free(table.elements);
  return 0;
}
