/*===- instance.c - Instantiation, import matching, exports ---------------===*
 *
 * wk_instantiate follows docs/abi.md: allocate and zero the instance, intern
 * the module's types, resolve and check every import (the spec's import
 * matching), create the defined memories and tables, fill the function
 * array, then run the generated init function and the start function under
 * trap protection. The runtime reads nothing of the module-specific area
 * but the arrays whose offsets the descriptor gives.
 *
 * An instance whose initialisation trapped after writing into an imported
 * table may have left references to its own functions there (the 2.0 spec
 * keeps such effects), so it is not freed but kept on a list of failed
 * instances for the life of the process.
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AT(instance, offset, type) ((type)((uint8_t *)(instance) + (offset)))

/* What instance->runtime points to. */
typedef struct instance_state {
  wk_func *bound_funcs; /* [num_imported_funcs], used for imports the
                           runtime binds itself */
  wk_instance *instance;
  struct instance_state *next_failed;
  uint64_t max_stack; /* wk_instantiate_options.max_stack_bytes */
  uint32_t depth;     /* nested wk_invoke calls into the instance */
  wk_tag *defined_tags; /* [num_tags - num_imported_tags] */
} instance_state;

static pthread_mutex_t failed_lock = PTHREAD_MUTEX_INITIALIZER;
static instance_state *failed_instances;

/* The trap that ended this thread's last wk_instantiate, for hosts that
 * report it as a trap (wk_instantiate_trap). */
static WK_RT_TLS wk_trap init_trap;
static WK_RT_TLS int init_trap_in_start;

wk_status wk_rt_error(wk_status status, char *err, size_t err_size,
                      const char *format, ...) {
  if (err && err_size) {
    va_list args;
    va_start(args, format);
    vsnprintf(err, err_size, format, args);
    va_end(args);
  }
  return status;
}

static wk_func **func_imports(wk_instance *instance) {
  return AT(instance, instance->module->func_imports_offset, wk_func **);
}
static wk_func *defined_funcs(wk_instance *instance) {
  return AT(instance, instance->module->funcs_offset, wk_func *);
}
static wk_memory **memories(wk_instance *instance) {
  return AT(instance, instance->module->memories_offset, wk_memory **);
}
static wk_table **tables(wk_instance *instance) {
  return AT(instance, instance->module->tables_offset, wk_table **);
}
static uint32_t *type_ids(wk_instance *instance) {
  return AT(instance, instance->module->type_ids_offset, uint32_t *);
}

static const wk_tag **tags(wk_instance *instance) {
  return AT(instance, instance->module->tags_offset, const wk_tag **);
}

static const wk_func *func_at(wk_instance *instance, uint32_t index) {
  const wk_module *module = instance->module;
  if (index < module->num_imported_funcs)
    return func_imports(instance)[index];
  return &defined_funcs(instance)[index - module->num_imported_funcs];
}

uint32_t wk_func_type_id(const wk_module *module, uint32_t type_index) {
  if (!module || type_index >= module->num_types)
    return 0;
  return wk_intern_type(module->type_sigs[type_index]);
}

/*---- Import matching ----*/

/* Finds what an import (number index_in_kind of its kind) resolves to: a
 * memory the host gave in options->imported_memories, the resolver, then
 * the static binding of an AOT-compiled function import (built in *slot). */
static int find_import(wk_instance *instance, const wk_import_desc *import,
                       uint32_t index_in_kind,
                       const wk_instantiate_options *options, wk_extern *ext,
                       wk_func *slot) {
  memset(ext, 0, sizeof *ext);
  if (import->kind == WK_EXTERN_MEMORY && options->imported_memories &&
      options->imported_memories[index_in_kind]) {
    ext->kind = WK_EXTERN_MEMORY;
    ext->u.memory = options->imported_memories[index_in_kind];
    return 1;
  }
  if (options->resolver &&
      options->resolver(options->resolver_user, import, ext) == 0)
    return 1;
  if (import->kind != WK_EXTERN_FUNC || !import->static_code)
    return 0;
  const wk_module *module = instance->module;
  slot->code = import->static_code;
  slot->ctx = instance;
  slot->type_id = type_ids(instance)[import->type_index];
  slot->flags = 0;
  slot->entry =
      module->type_entries ? module->type_entries[import->type_index] : NULL;
  slot->name = import->field;
  ext->kind = WK_EXTERN_FUNC;
  ext->u.func = slot;
  return 1;
}

/* The spec's limits subtyping: at least the minimum, and a maximum no
 * larger than the import's if it declares one. */
static int limits_match(uint64_t size, int has_max, uint64_t max,
                        const wk_limits *want) {
  if (size < want->min)
    return 0;
  return !want->has_max || (has_max && max <= want->max);
}

/* A global's value type with a type index heap replaced by the type's
 * canonical id, so that types of two modules compare (runtime.h,
 * WK_REF_NULL). */
static uint32_t canonical_value_type(wk_instance *instance, uint32_t type) {
  uint32_t kind = type & 0xff, heap = type >> 8;
  if ((kind == WK_REF_NULL || kind == WK_REF) && heap < WK_HEAP_ABSTRACT)
    return kind | (type_ids(instance)[heap] << 8);
  return type;
}

static int is_ref_type(uint32_t t) {
  uint32_t kind = t & 0xff;
  return t == WK_FUNCREF || t == WK_EXTERNREF || kind == WK_REF_NULL ||
         kind == WK_REF;
}

static uint32_t heap_of(uint32_t t) {
  return t == WK_FUNCREF || t == WK_EXTERNREF ? WK_HEAP_ABSTRACT | t : t >> 8;
}

/* 3.0's heap subtyping without GC; canonical ids stand for type indices. */
static int heap_subtype(uint32_t sub, uint32_t super) {
  const uint32_t func = WK_HEAP_ABSTRACT | 0x70,
                 nofunc = WK_HEAP_ABSTRACT | 0x73;
  if (sub == super)
    return 1;
  if (sub < WK_HEAP_ABSTRACT || sub == nofunc)
    return super == func || (sub == nofunc && super < WK_HEAP_ABSTRACT);
  if (sub == (WK_HEAP_ABSTRACT | 0x72))
    return super == (WK_HEAP_ABSTRACT | 0x6f);
  if (sub == (WK_HEAP_ABSTRACT | 0x74))
    return super == (WK_HEAP_ABSTRACT | 0x69);
  return 0;
}

/* Canonical value type \p sub matches \p super: equal, or references whose
 * heap types are subtypes, non-null or into a nullable type. */
static int value_subtype(uint32_t sub, uint32_t super) {
  if (sub == super)
    return 1;
  if (!is_ref_type(sub) || !is_ref_type(super))
    return 0;
  int sub_null =
      sub == WK_FUNCREF || sub == WK_EXTERNREF || (sub & 0xff) == WK_REF_NULL;
  int super_null = super == WK_FUNCREF || super == WK_EXTERNREF ||
                   (super & 0xff) == WK_REF_NULL;
  return (!sub_null || super_null) &&
         heap_subtype(heap_of(sub), heap_of(super));
}

/* A mutable global's type must be the import's; an immutable one's a
 * subtype of it. */
static int global_matches(wk_instance *instance, const wk_import_desc *import,
                          const wk_extern *ext) {
  if (!ext->u.global || !ext->global_mutable != !import->is_mutable)
    return 0;
  uint32_t want = canonical_value_type(instance, import->value_type);
  return import->is_mutable ? ext->global_type == want
                            : value_subtype(ext->global_type, want);
}

static int extern_matches(wk_instance *instance, const wk_import_desc *import,
                          const wk_extern *ext) {
  if (ext->kind != import->kind)
    return 0;
  switch (import->kind) {
  case WK_EXTERN_FUNC:
    return ext->u.func &&
           ext->u.func->type_id == type_ids(instance)[import->type_index];
  case WK_EXTERN_TABLE: {
    const wk_table *table = ext->u.table;
    /* Tables made outside a module (ref_type 0) have their byte only. */
    uint32_t have = table && table->ref_type ? table->ref_type
                    : table                  ? table->elem_type
                                             : 0;
    return table &&
           have == canonical_value_type(instance, import->value_type) &&
           !table->is64 == !(import->limits.flags & WK_LIMITS_I64) &&
           limits_match(table->size, table->has_max, table->max,
                        &import->limits);
  }
  case WK_EXTERN_MEMORY: {
    const wk_memory *mem = ext->u.memory;
    if (!mem)
      return 0;
    const wk_rt_memory *rt = wk_rt_memory_of(mem);
    uint32_t want_log2 = (import->limits.flags & WK_LIMITS_PAGE_1) ? 0 : 16;
    return !rt->is64 == !(import->limits.flags & WK_LIMITS_I64) &&
           !rt->shared == !(import->limits.flags & WK_LIMITS_SHARED) &&
           rt->page_size_log2 == want_log2 &&
           limits_match(wk_memory_bytes(mem) >> rt->page_size_log2, mem->has_max != 0,
                        mem->max_pages, &import->limits);
  }
  case WK_EXTERN_GLOBAL:
    return global_matches(instance, import, ext);
  case WK_EXTERN_TAG:
    return ext->u.tag &&
           ext->u.tag->type_id == type_ids(instance)[import->type_index];
  default:
    return 0;
  }
}

/* Stores a matched import where generated code expects it. */
static void bind_import(wk_instance *instance, const wk_import_desc *import,
                        const wk_extern *ext, wk_func *slot,
                        uint32_t index_in_kind) {
  const wk_module *module = instance->module;
  switch (import->kind) {
  case WK_EXTERN_FUNC:
    if (ext->u.func != slot && ext->u.func->ctx == NULL) {
      /* A shared host function that wants the caller as its ctx. */
      *slot = *ext->u.func;
      slot->ctx = instance;
      if (!slot->entry && module->type_entries)
        slot->entry = module->type_entries[import->type_index];
    }
    func_imports(instance)[index_in_kind] =
        ext->u.func->ctx ? (wk_func *)ext->u.func : slot;
    break;
  case WK_EXTERN_TABLE:
    tables(instance)[index_in_kind] = ext->u.table;
    break;
  case WK_EXTERN_MEMORY:
    memories(instance)[index_in_kind] = ext->u.memory;
    break;
  case WK_EXTERN_GLOBAL:
    *AT(instance, module->globals[index_in_kind].offset, wk_value **) =
        ext->u.global;
    break;
  case WK_EXTERN_TAG:
    tags(instance)[index_in_kind] = ext->u.tag;
    break;
  }
}

static wk_status link_imports(wk_instance *instance,
                              const wk_instantiate_options *options, char *err,
                              size_t err_size) {
  const wk_module *module = instance->module;
  instance_state *state = instance->runtime;
  uint32_t counts[5] = {0, 0, 0, 0, 0};
  for (uint32_t i = 0; i < module->num_imports; ++i) {
    const wk_import_desc *import = &module->imports[i];
    if (import->kind > WK_EXTERN_TAG)
      return wk_rt_error(WK_ERR_UNLINKABLE, err, err_size,
                         "bad import kind for %s.%s", import->module,
                         import->field);
    uint32_t index = counts[import->kind]++;
    wk_func *slot =
        import->kind == WK_EXTERN_FUNC ? &state->bound_funcs[index] : NULL;
    wk_extern ext;
    if (!find_import(instance, import, index, options, &ext, slot))
      return wk_rt_error(WK_ERR_UNLINKABLE, err, err_size,
                         "unknown import %s.%s", import->module, import->field);
    if (!extern_matches(instance, import, &ext))
      return wk_rt_error(WK_ERR_UNLINKABLE, err, err_size,
                         "incompatible import type for %s.%s", import->module,
                         import->field);
    /* Only 32-bit memories of 64 KiB pages rely on guard pages. */
    if (import->kind == WK_EXTERN_MEMORY && module->bounds_checks == 0 &&
        !wk_rt_memory_of(ext.u.memory)->is64 &&
        wk_rt_memory_of(ext.u.memory)->page_size_log2 == 16 &&
        ext.u.memory->reserved < WK_GUARD_RESERVATION)
      return wk_rt_error(WK_ERR_UNLINKABLE, err, err_size,
                         "incompatible import type for %s.%s: the memory "
                         "has no guard pages (compiled for "
                         "--bounds-checks=guard)",
                         import->module, import->field);
    bind_import(instance, import, &ext, slot, index);
  }
  return WK_OK;
}

/*---- Definitions and initialisation ----*/

/* The name of a defined tag for diagnostics: its first export's. */
static const char *tag_export_name(const wk_module *module, uint32_t index) {
  for (uint32_t i = 0; i < module->num_exports; ++i)
    if (module->exports[i].kind == WK_EXTERN_TAG &&
        module->exports[i].index == index)
      return module->exports[i].name;
  return NULL;
}

/* Defined tags are fresh for every instance: a catch in one instance does
 * not match the same tag definition of another. */
static int create_tags(wk_instance *instance) {
  const wk_module *module = instance->module;
  instance_state *state = instance->runtime;
  uint32_t defined = module->num_tags - module->num_imported_tags;
  if (!defined)
    return 0;
  state->defined_tags = calloc(defined, sizeof(wk_tag));
  if (!state->defined_tags)
    return -1;
  for (uint32_t i = 0; i < defined; ++i) {
    wk_tag *tag = &state->defined_tags[i];
    uint32_t results = 0;
    tag->type_id = type_ids(instance)[module->tag_types[i]];
    wk_rt_type_arity(tag->type_id, &tag->num_params, &results);
    tag->name = tag_export_name(module, module->num_imported_tags + i);
    tags(instance)[module->num_imported_tags + i] = tag;
  }
  return 0;
}

static wk_status create_definitions(wk_instance *instance,
                                    const wk_instantiate_options *options,
                                    char *err, size_t err_size) {
  const wk_module *module = instance->module;
  for (uint32_t i = module->num_imported_memories; i < module->num_memories;
       ++i) {
    wk_memory *mem = wk_rt_memory_create(
        &module->memories[i - module->num_imported_memories],
        module->bounds_checks == 0, options->max_memory_pages, err, err_size);
    if (!mem)
      return WK_ERR_RESOURCE;
    memories(instance)[i] = mem;
  }
  for (uint32_t i = module->num_imported_tables; i < module->num_tables; ++i) {
    wk_table *table =
        wk_rt_table_create(&module->tables[i - module->num_imported_tables]);
    if (!table)
      return wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                         "cannot allocate table %u", i);
    table->ref_type = canonical_value_type(instance, table->ref_type);
    tables(instance)[i] = table;
  }
  for (uint32_t i = 0; i < module->num_funcs; ++i) {
    const wk_func_desc *desc = &module->funcs[i];
    wk_func *func = &defined_funcs(instance)[i];
    func->code = desc->code;
    func->ctx = instance;
    func->type_id = type_ids(instance)[desc->type_index];
    func->flags = WK_FUNC_WASM;
    func->entry = desc->entry;
    func->name = desc->name;
  }
  if (create_tags(instance) != 0)
    return wk_rt_error(WK_ERR_RESOURCE, err, err_size, "cannot allocate tags");
  if (module->num_memories) {
    instance->mem0 = memories(instance)[0];
    instance->mem0_base = instance->mem0->base;
  }
  return WK_OK;
}

static void run_init(void *instance) {
  wk_instance *self = instance;
  self->module->init(self);
}

static wk_status init_trapped(wk_trap trap, int in_start, char *err,
                              size_t err_size) {
  init_trap = trap;
  init_trap_in_start = in_start;
  return wk_rt_error(WK_ERR_UNINSTANTIABLE, err, err_size, "%s",
                     wk_trap_message(trap));
}

static wk_status initialise(wk_instance *instance, char *err, size_t err_size) {
  const wk_module *module = instance->module;
  if (module->init) {
    wk_trap trap = wk_rt_call_protected(run_init, instance);
    if (trap != WK_TRAP_NONE)
      return init_trapped(trap, 0, err, err_size);
  }
  if (module->start_func >= 0) {
    wk_value scratch[1];
    wk_trap trap = wk_invoke(func_at(instance, (uint32_t)module->start_func),
                             NULL, scratch);
    if (trap != WK_TRAP_NONE)
      return init_trapped(trap, 1, err, err_size);
  }
  return WK_OK;
}

wk_trap wk_instantiate_trap(int *in_start) {
  if (in_start)
    *in_start = init_trap == WK_TRAP_NONE ? 0 : init_trap_in_start;
  return init_trap;
}

/*---- Creation and destruction ----*/

static wk_instance *allocate(const wk_module *module,
                             const wk_instantiate_options *options) {
  size_t size = ((size_t)module->instance_size + 63) & ~(size_t)63;
  wk_instance *instance = aligned_alloc(64, size);
  instance_state *state = calloc(1, sizeof *state);
  wk_func *bound = calloc(module->num_imported_funcs + 1, sizeof(wk_func));
  if (!instance || !state || !bound) {
    free(instance);
    free(state);
    free(bound);
    return NULL;
  }
  memset(instance, 0, size);
  state->bound_funcs = bound;
  state->instance = instance;
  instance->module = module;
  instance->host_ctx = options->host_ctx;
  instance->wasi = options->wasi;
  instance->runtime = state;
  instance->stack_limit = wk_rt_stack_limit();
  instance->fuel = options->fuel > 0 ? options->fuel : INT64_MAX;
  state->max_stack = options->max_stack_bytes;
  for (uint32_t i = 0; i < module->num_types; ++i)
    type_ids(instance)[i] = wk_intern_type(module->type_sigs[i]);
  return instance;
}

void wk_instance_free(wk_instance *instance) {
  if (!instance)
    return;
  wk_rt_watchdog_cancel(instance);
  const wk_module *module = instance->module;
  for (uint32_t i = module->num_imported_memories; i < module->num_memories;
       ++i)
    wk_rt_memory_destroy(memories(instance)[i]);
  for (uint32_t i = module->num_imported_tables; i < module->num_tables; ++i)
    wk_rt_table_destroy(tables(instance)[i]);
  instance_state *state = instance->runtime;
  free(state->bound_funcs);
  free(state->defined_tags);
  free(state);
  free(instance);
}

static void keep_failed_instance(wk_instance *instance) {
  instance_state *state = instance->runtime;
  wk_rt_watchdog_cancel(instance);
  pthread_mutex_lock(&failed_lock);
  state->next_failed = failed_instances;
  failed_instances = state;
  pthread_mutex_unlock(&failed_lock);
}

wk_status wk_instantiate(const wk_module *module,
                         const wk_instantiate_options *options,
                         wk_instance **out, char *err, size_t err_size) {
  static const wk_instantiate_options no_options;
  if (out)
    *out = NULL;
  if (err && err_size)
    err[0] = '\0';
  init_trap = WK_TRAP_NONE;
  if (!options)
    options = &no_options;
  if (!module || module->abi_version != WK_ABI_VERSION)
    return wk_rt_error(WK_ERR_UNLINKABLE, err, err_size,
                       "module built for runtime ABI %u, this runtime has %u",
                       module ? module->abi_version : 0, WK_ABI_VERSION);
  if (module->instance_size < WK_INSTANCE_HEADER_SIZE)
    return wk_rt_error(WK_ERR_UNLINKABLE, err, err_size,
                       "bad module descriptor: instance size %u",
                       module->instance_size);
  if (options->fuel > 0 && module->interrupt_checks != WK_CHECKS_FUEL)
    return wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                       "a fuel limit needs a module compiled with fuel "
                       "checks (--fuel)");
  if (options->timeout_ms && module->interrupt_checks == WK_CHECKS_NONE)
    return wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                       "a timeout needs a module compiled with interrupt "
                       "checks (--timeout or --fuel)");
  if (!options->no_signal_handlers)
    wk_install_signal_handlers();
  wk_rt_prepare_backtraces();
  wk_instance *instance = allocate(module, options);
  if (!instance)
    return wk_rt_error(WK_ERR_RESOURCE, err, err_size, "out of memory");

  wk_status status = WK_OK;
  if (options->timeout_ms &&
      wk_instance_set_timeout(instance, options->timeout_ms))
    status = wk_rt_error(WK_ERR_RESOURCE, err, err_size,
                         "cannot start the timer thread");
  if (status == WK_OK)
    status = link_imports(instance, options, err, err_size);
  if (status == WK_OK)
    status = create_definitions(instance, options, err, err_size);
  if (status == WK_OK)
    status = initialise(instance, err, err_size);
  if (status == WK_ERR_UNINSTANTIABLE && module->num_imported_tables)
    keep_failed_instance(instance);
  else if (status != WK_OK)
    wk_instance_free(instance);
  else if (out)
    *out = instance;
  else
    wk_instance_free(instance);
  return status;
}

/*---- Stack budget ----*/

uintptr_t wk_rt_instance_enter(wk_instance *instance, uintptr_t thread_limit) {
  instance_state *state = instance->runtime;
  uintptr_t saved = instance->stack_limit;
  if (state->depth++ > 0)
    return saved; /* host -> wasm -> host -> wasm: one budget for all */
  uintptr_t limit = thread_limit;
  uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
  if (state->max_stack && sp > state->max_stack &&
      sp - state->max_stack > limit)
    limit = sp - state->max_stack;
  instance->stack_limit = limit;
  return saved;
}

void wk_rt_instance_leave(wk_instance *instance, uintptr_t saved_limit) {
  instance_state *state = instance->runtime;
  /* The outermost call leaves its limit: generated code that calls into
   * the instance directly (another instance's import) keeps a valid one. */
  if (--state->depth > 0)
    instance->stack_limit = saved_limit;
}

/*---- Exports ----*/

int wk_instance_export(wk_instance *instance, const char *name,
                       wk_extern *out) {
  if (!name)
    return -1;
  return wk_instance_export_n(instance, name, strlen(name), out);
}

int wk_instance_export_n(wk_instance *instance, const char *name,
                         size_t name_len, wk_extern *out) {
  if (!instance || !name || !out)
    return -1;
  const wk_module *module = instance->module;
  for (uint32_t i = 0; i < module->num_exports; ++i) {
    const wk_export_desc *exp = &module->exports[i];
    if (exp->name_len == name_len && memcmp(exp->name, name, name_len) == 0)
      return wk_instance_export_at(instance, i, out);
  }
  return -1;
}

wk_memory *wk_instance_memory(wk_instance *instance, uint32_t index) {
  if (!instance || index >= instance->module->num_memories)
    return NULL;
  return memories(instance)[index];
}

int wk_instance_export_at(wk_instance *instance, uint32_t index,
                          wk_extern *out) {
  if (!instance || !out || index >= instance->module->num_exports)
    return -1;
  const wk_module *module = instance->module;
  const wk_export_desc *exp = &module->exports[index];
  memset(out, 0, sizeof *out);
  out->kind = exp->kind;
  switch (exp->kind) {
  case WK_EXTERN_FUNC:
    out->u.func = func_at(instance, exp->index);
    return 0;
  case WK_EXTERN_TABLE:
    out->u.table = tables(instance)[exp->index];
    return 0;
  case WK_EXTERN_MEMORY:
    out->u.memory = memories(instance)[exp->index];
    return 0;
  case WK_EXTERN_GLOBAL: {
    const wk_global_desc *global = &module->globals[exp->index];
    out->global_type = canonical_value_type(instance, global->value_type);
    out->global_mutable = global->is_mutable;
    out->u.global = global->is_imported
                        ? *AT(instance, global->offset, wk_value **)
                        : AT(instance, global->offset, wk_value *);
    return 0;
  }
  case WK_EXTERN_TAG:
    out->u.tag = tags(instance)[exp->index];
    return 0;
  default:
    return -1;
  }
}
