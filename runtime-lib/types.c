/*===- types.c - Canonical function type ids ------------------------------===*
 *
 * wk_intern_type maps signature strings ("ii:i") to small ids shared by all
 * modules of the process, so call_indirect and import matching compare one
 * integer. Ids are indices + 1 into a table that only grows; a mutex guards
 * it (interning happens at instantiation, lookups once per wk_invoke).
 *===----------------------------------------------------------------------===*/

#include "internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct type_entry {
  char *signature;
  uint32_t params, results;
} type_entry;

static pthread_mutex_t types_lock = PTHREAD_MUTEX_INITIALIZER;
static type_entry *entries; /* entries[id - 1] */
static uint32_t num_entries, entries_capacity;
static uint32_t *buckets;    /* open addressing: id, or 0 when empty */
static uint32_t num_buckets; /* a power of two, > 2 * num_entries */

static uint64_t hash_string(const char *s) {
  uint64_t h = 1469598103934665603ull; /* FNV-1a */
  for (; *s; ++s)
    h = (h ^ (uint8_t)*s) * 1099511628211ull;
  return h;
}

static uint32_t *find_bucket(const char *signature) {
  uint32_t mask = num_buckets - 1;
  for (uint32_t i = (uint32_t)hash_string(signature) & mask;;
       i = (i + 1) & mask)
    if (!buckets[i] || !strcmp(entries[buckets[i] - 1].signature, signature))
      return &buckets[i];
}

static int rehash(void) {
  uint32_t new_count = num_buckets ? num_buckets * 2 : 64;
  uint32_t *new_buckets = calloc(new_count, sizeof(uint32_t));
  if (!new_buckets)
    return 0;
  free(buckets);
  buckets = new_buckets;
  num_buckets = new_count;
  for (uint32_t id = 1; id <= num_entries; ++id)
    *find_bucket(entries[id - 1].signature) = id;
  return 1;
}

static uint32_t add_entry(const char *signature) {
  if (num_entries == entries_capacity) {
    uint32_t capacity = entries_capacity ? entries_capacity * 2 : 64;
    type_entry *grown = realloc(entries, capacity * sizeof(type_entry));
    if (!grown)
      return 0;
    entries = grown;
    entries_capacity = capacity;
  }
  size_t length = strlen(signature);
  char *copy = malloc(length + 1);
  if (!copy)
    return 0;
  memcpy(copy, signature, length + 1);
  /* A '|' starts the typed references' details (one letter per value
   * before it). */
  const char *bar = strchr(copy, '|');
  size_t plain = bar ? (size_t)(bar - copy) : length;
  const char *colon = memchr(copy, ':', plain);
  type_entry *entry = &entries[num_entries];
  entry->signature = copy;
  entry->params = (uint32_t)(colon ? (size_t)(colon - copy) : plain);
  entry->results = (uint32_t)(colon ? plain - entry->params - 1 : 0);
  return ++num_entries;
}

uint32_t wk_intern_type(const char *signature) {
  if (!signature)
    signature = ":";
  pthread_mutex_lock(&types_lock);
  uint32_t id = 0;
  if (2 * (num_entries + 1) < num_buckets || rehash()) {
    uint32_t *bucket = find_bucket(signature);
    if (!*bucket)
      *bucket = add_entry(signature);
    id = *bucket;
  }
  pthread_mutex_unlock(&types_lock);
  /* Only exhausting memory gets here with 0; no id is better than a wrong
   * one, and 0 never matches a real function. */
  return id;
}

int wk_rt_type_arity(uint32_t type_id, uint32_t *params, uint32_t *results) {
  pthread_mutex_lock(&types_lock);
  int known = type_id >= 1 && type_id <= num_entries;
  if (known) {
    *params = entries[type_id - 1].params;
    *results = entries[type_id - 1].results;
  }
  pthread_mutex_unlock(&types_lock);
  return known;
}
