/*===- import_memory.c - Memories a host makes for a module's imports -----===*
 *
 * A host that runs one module on several threads gives every instance the
 * same shared memory (docs/embedding.md, "Threads"). The module's
 * descriptor already holds what that memory must be (the import's limits,
 * and whether the code relies on guard pages), so the host asks for "the
 * memory of import N" instead of repeating the limits, and instantiation
 * checks the result like any other import.
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <stddef.h>

/* The memory import number `index` among the memory imports, or NULL. */
static const wk_import_desc *memory_import(const wk_module *module,
                                           uint32_t index) {
  for (uint32_t i = 0; i < module->num_imports; ++i) {
    const wk_import_desc *import = &module->imports[i];
    if (import->kind == WK_EXTERN_MEMORY && index-- == 0)
      return import;
  }
  return NULL;
}

wk_memory *wk_memory_create_import(const wk_module *module, uint32_t index,
                                   uint64_t page_limit, char *err,
                                   size_t err_size) {
  const wk_import_desc *import = module ? memory_import(module, index) : NULL;
  if (!import) {
    wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                "the module has no memory import %u", (unsigned)index);
    return NULL;
  }
  /* Guard pages matter only where the code leaves bounds to them. */
  return wk_memory_create(&import->limits, module->bounds_checks == 0,
                          page_limit, err, err_size);
}
