/*===- SpecCheck.h - Spec-test result checks shared by both runners -*- C
 *-*-===*
 *
 * The comparisons of the spec tests' expected values and trap messages,
 * written once in plain C so that the host runner (wasmkiln-spec, C++ over
 * LLVM) and the cross runner (wasmkiln-spec-run, C, built for another target
 * without LLVM) decide alike. Expected values are wast2json's texts: a
 * decimal bit pattern, "nan:canonical", "nan:arithmetic", "null".
 *
 *===----------------------------------------------------------------------===*/

#ifndef WASMKILN_SPEC_SPECCHECK_H
#define WASMKILN_SPEC_SPECCHECK_H

#include "wasmkiln/runtime.h"

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Parses the decimal bit pattern of a scalar or lane (unsigned, or negative
 * and then two's complement): digits only, the whole text. 0 on success. */
int wk_spec_parse_bits(const char *text, uint64_t *bits);

/* Width of a v128 lane type ("i8", "i16", "i32", "f32"; else 64). */
unsigned wk_spec_lane_bits(const char *lane_type);

/* Externref N of the tests is the host pointer N + 1 (null stays null). */
void *wk_spec_extern_ref(uint64_t n);

/* 1 when `got` satisfies the expected value: for "i32", "i64", "f32",
 * "f64", "funcref" and "externref" texts[0] (count 1); for "v128" one text
 * per lane of lane_type. A non-null funcref expectation asks only for some
 * function. */
int wk_spec_value_matches(const char *type, const char *lane_type,
                          const char *const *texts, size_t count,
                          const wk_value *got);

/* The spec's trap texts sometimes carry more words than ours (or fewer):
 * 1 when one is a prefix of the other. */
int wk_spec_trap_message_matches(const char *expected, const char *got);

#ifdef __cplusplus
}
#endif

#endif
