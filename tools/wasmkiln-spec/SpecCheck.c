/*===- SpecCheck.c - Spec-test result checks shared by both runners -------===*
 *
 * Floats are compared by bit pattern, except that "nan:canonical" asks for a
 * NaN whose payload is only the quiet bit and "nan:arithmetic" for any NaN
 * with the quiet bit set (either sign). Integers compare in their width.
 *
 *===----------------------------------------------------------------------===*/

#include "SpecCheck.h"

#include <string.h>

int wk_spec_parse_bits(const char *text, uint64_t *bits) {
  int negative = *text == '-';
  const char *p = text + negative;
  uint64_t value = 0;
  if (!*p)
    return -1;
  for (; *p; ++p) {
    if (*p < '0' || *p > '9')
      return -1;
    uint64_t digit = (uint64_t)(*p - '0');
    if (value > (UINT64_MAX - digit) / 10)
      return -1;
    value = value * 10 + digit;
  }
  if (negative) {
    if (value > (uint64_t)INT64_MAX + 1)
      return -1;
    value = 0 - value;
  }
  *bits = value;
  return 0;
}

unsigned wk_spec_lane_bits(const char *lane_type) {
  if (!strcmp(lane_type, "i8"))
    return 8;
  if (!strcmp(lane_type, "i16"))
    return 16;
  if (!strcmp(lane_type, "i32") || !strcmp(lane_type, "f32"))
    return 32;
  return 64;
}

void *wk_spec_extern_ref(uint64_t n) { return (void *)(uintptr_t)(n + 1); }

static uint64_t widthMask(unsigned bits) {
  return bits == 64 ? ~0ull : (1ull << bits) - 1;
}

/* One scalar or lane of `bits` width (32 or 64 for floats). */
static int laneMatches(const char *expected, uint64_t got, unsigned bits,
                       int is_float) {
  if (is_float) {
    uint64_t exponent = bits == 32 ? 0x7f800000ull : 0x7ff0000000000000ull;
    uint64_t quiet = bits == 32 ? 0x00400000ull : 0x0008000000000000ull;
    uint64_t payload = bits == 32 ? 0x007fffffull : 0x000fffffffffffffull;
    int isNaN = (got & exponent) == exponent && (got & payload) != 0;
    if (!strcmp(expected, "nan:canonical"))
      return isNaN && (got & payload) == quiet;
    if (!strcmp(expected, "nan:arithmetic"))
      return isNaN && (got & quiet) != 0;
  }
  uint64_t want;
  if (wk_spec_parse_bits(expected, &want) != 0)
    return 0;
  return (want & widthMask(bits)) == (got & widthMask(bits));
}

static int refMatches(int is_funcref, const char *expected, const void *got) {
  if (!strcmp(expected, "null"))
    return got == NULL;
  if (is_funcref)
    return got != NULL; /* the tests only ask for "some function" */
  uint64_t n;
  if (wk_spec_parse_bits(expected, &n) != 0)
    return 0;
  return got == wk_spec_extern_ref(n);
}

static int v128Matches(const char *lane_type, const char *const *texts,
                       size_t count, const wk_value *got) {
  unsigned bits = wk_spec_lane_bits(lane_type);
  if (count * bits > 128)
    return 0;
  for (size_t i = 0; i < count; ++i) {
    uint64_t lane = 0;
    memcpy(&lane, got->v128 + i * bits / 8, bits / 8);
    if (!laneMatches(texts[i], lane, bits, lane_type[0] == 'f'))
      return 0;
  }
  return 1;
}

int wk_spec_value_matches(const char *type, const char *lane_type,
                          const char *const *texts, size_t count,
                          const wk_value *got) {
  if (!strcmp(type, "v128"))
    return v128Matches(lane_type, texts, count, got);
  if (count != 1)
    return 0;
  if (!strcmp(type, "funcref") || !strcmp(type, "externref"))
    return refMatches(type[0] == 'f', texts[0], got->ref);
  if (!strcmp(type, "i32") || !strcmp(type, "f32")) {
    uint32_t bits;
    memcpy(&bits, got, 4);
    return laneMatches(texts[0], bits, 32, type[0] == 'f');
  }
  if (!strcmp(type, "i64") || !strcmp(type, "f64")) {
    uint64_t bits;
    memcpy(&bits, got, 8);
    return laneMatches(texts[0], bits, 64, type[0] == 'f');
  }
  return 0;
}

int wk_spec_trap_message_matches(const char *expected, const char *got) {
  size_t expectedLength = strlen(expected), gotLength = strlen(got);
  size_t shorter = expectedLength < gotLength ? expectedLength : gotLength;
  return memcmp(expected, got, shorter) == 0;
}
