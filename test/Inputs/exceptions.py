#!/usr/bin/env python3
"""Writes modules using WebAssembly 3.0 exceptions (try_table, throw_ref,
exnref), which wabt 1.0.32 cannot parse: `exceptions.py NAME OUT.wasm
[START]`, where START (optional) is an export that is also exported as
`_start`, so that the executable runs it.

  run   test/Run/exceptions/try-table.test. Exports, each (i32) -> i32
        unless said otherwise; the expected results are in CHECKS below:
          deep            caught by `catch` two frames up: payload + 2
          rethrow_across  catch_ref in one function returns the exnref, a
                          second one throw_refs it, the caller catches it
          nested          an inner try_table's catch_all_ref, throw_ref to
                          the outer one's catch
          pair   (i32) -> i64   a two-value payload as a block's results
          clauses         the first matching of several clauses is taken
          indirect        throws through call_indirect (0: tag e, 1: tag
                          empty, caught by catch_all)
          callref         throws through call_ref
          exnref_result   (i32) -> exnref, a caught exception returned
          escape, escape_ref  () -> (): uncaught, thrown and rethrown
          trap_in_try, oob_in_try, null_throw_ref  () -> i32: a divide by
                          zero, an out-of-bounds load and throw_ref of null
                          inside try_tables with catch_all(_ref): traps,
                          never caught
          check_all       () -> (): runs CHECKS, calls proc_exit(k) for
                          the first one (k from 1) that fails
  host  test/Embedding/host-exceptions.test: see host_module below.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasmgen import (CATCH, CATCH_ALL, CATCH_ALL_REF, CATCH_REF,  # noqa: E402
                     CODE, ELEMENT, EMPTY_BLOCK, EXNREF, EXPORT, FUNCREF,
                     FUNCTION, I32, I64, IMPORT, KIND_FUNC, KIND_TAG,
                     MEMORY, TABLE, TAG, TYPE, block, body, export,
                     func_type, module, name, op, sleb, try_table, uleb, vec)

# Function types, by index.
TYPES = [
    ([], []),               # 0
    ([I32], []),            # 1
    ([I32], [I32]),         # 2
    ([], [I32]),            # 3
    ([I32, I64], []),       # 4  tag pair
    ([EXNREF], []),         # 5
    ([], [I32, I64]),       # 6  block: pair's payload
    ([], [I32, EXNREF]),    # 7  block: catch_ref of e
    ([I32], [EXNREF]),      # 8
    ([I32], [I64]),         # 9
]
T_VOID, T_I32_VOID, T_I32_I32, T_VOID_I32, T_PAIR, T_EXN_VOID, \
    B_PAIR, B_E_REF, T_I32_EXN, T_I32_I64 = range(len(TYPES))
TAG_E, TAG_PAIR, TAG_EMPTY = 0, 1, 2  # types 1, 4, 0


def i32(v):
    return op("i32.const", sleb(v))


def get(i):
    return op("local.get", i)


class Funcs:
    """Function indices by name: imports first, then the defined ones."""

    def __init__(self, imports, defined):
        self.names = imports + [n for n, _ in defined]

    def __getitem__(self, fname):
        return self.names.index(fname)


def run_module(start):
    imports = ["proc_exit"]
    defined = [("throw_e", T_I32_VOID), ("middle", T_I32_I32),
               ("deep", T_I32_I32), ("catch_to_exnref", T_I32_EXN),
               ("rethrower", T_EXN_VOID), ("rethrow_across", T_I32_I32),
               ("nested", T_I32_I32), ("pair", T_I32_I64),
               ("clauses", T_I32_I32), ("throw_empty_i", T_I32_VOID),
               ("indirect", T_I32_I32), ("callref", T_I32_I32),
               ("exnref_result", T_I32_EXN), ("escape", T_VOID),
               ("escape_ref", T_VOID), ("div", T_I32_I32),
               ("trap_in_try", T_VOID_I32), ("oob_in_try", T_VOID_I32),
               ("null_throw_ref", T_VOID_I32), ("check_all", T_VOID)]
    F = Funcs(imports, defined)
    ret = op("return")

    bodies = {
        "throw_e": body(get(0) + i32(40) + op("i32.add") + op("throw", TAG_E)),
        "middle": body(get(0) + op("call", F["throw_e"]) + i32(-1)),
        "deep": body(
            block(I32, try_table(I32, [(CATCH, TAG_E, 0)],
                                 get(0) + op("call", F["middle"])) + ret) +
            i32(2) + op("i32.add")),
        # catch_ref leaves [payload, exnref]: keep the exnref (a local).
        "catch_to_exnref": body(
            block(("type", B_E_REF),
                  try_table(EMPTY_BLOCK, [(CATCH_REF, TAG_E, 0)],
                            get(0) + op("call", F["throw_e"])) +
                  op("ref.null", EXNREF) + ret) +
            op("local.set", 1) + op("drop") + get(1), [(1, EXNREF)]),
        "rethrower": body(get(0) + op("throw_ref")),
        "rethrow_across": body(
            block(I32, try_table(EMPTY_BLOCK, [(CATCH, TAG_E, 0)],
                                 get(0) + op("call", F["catch_to_exnref"]) +
                                 op("call", F["rethrower"])) +
                  i32(-1) + ret) +
            i32(1000) + op("i32.add")),
        # Local 1 says the inner handler ran before the outer caught it.
        "nested": body(
            block(I32, try_table(EMPTY_BLOCK, [(CATCH, TAG_E, 0)],
                                 block(EXNREF, try_table(
                                     EMPTY_BLOCK, [(CATCH_ALL_REF, 0)],
                                     get(0) + op("call", F["throw_e"])) +
                                     i32(-1) + ret) +
                                 i32(1) + op("local.set", 1) +
                                 op("throw_ref")) +
                  i32(-2) + ret) +
            get(1) + i32(100) + op("i32.mul") + op("i32.add"), [(1, I32)]),
        "pair": body(
            block(("type", B_PAIR),
                  try_table(EMPTY_BLOCK, [(CATCH, TAG_PAIR, 0)],
                            get(0) + op("i64.const", sleb(5000000000)) +
                            op("throw", TAG_PAIR)) +
                  op("i64.const", sleb(-1)) + ret) +
            op("local.set", 1) + op("i64.extend_i32_s") + get(1) +
            op("i64.add"), [(1, I64)]),
        # catch $pair (label 0) comes first and must not match tag e.
        "clauses": body(
            block(I32, block(("type", B_PAIR), try_table(
                EMPTY_BLOCK, [(CATCH, TAG_PAIR, 0), (CATCH, TAG_E, 1)],
                get(0) + op("call", F["throw_e"])) + i32(-1) + ret) +
                op("drop") + op("drop") + i32(-2) + ret)),
        "throw_empty_i": body(op("throw", TAG_EMPTY)),
        "indirect": body(
            block(I32, block(EMPTY_BLOCK, try_table(
                EMPTY_BLOCK, [(CATCH, TAG_E, 1), (CATCH_ALL, 0)],
                i32(9) + get(0) + op("call_indirect", T_I32_VOID, 0)) +
                i32(-1) + ret) + i32(7) + ret)),
        "callref": body(
            block(I32, try_table(EMPTY_BLOCK, [(CATCH, TAG_E, 0)],
                                 get(0) + op("ref.func", F["throw_e"]) +
                                 op("call_ref", T_I32_VOID)) +
                  i32(-1) + ret)),
        "exnref_result": body(get(0) + op("call", F["catch_to_exnref"])),
        "escape": body(i32(1) + op("call", F["throw_e"])),
        "escape_ref": body(i32(2) + op("call", F["catch_to_exnref"]) +
                           op("throw_ref")),
        "div": body(i32(1) + get(0) + op("i32.div_u")),
        "trap_in_try": body(
            block(EMPTY_BLOCK, try_table(I32, [(CATCH_ALL, 0)],
                                         i32(0) + op("call", F["div"])) +
                  ret) + i32(99)),
        "oob_in_try": body(
            block(EXNREF, try_table(I32, [(CATCH_ALL_REF, 0)],
                                    i32(65536) + op("i32.load") +
                                    b"\x02\x00") + ret) +
            op("drop") + i32(99)),
        "null_throw_ref": body(
            block(EMPTY_BLOCK, try_table(EMPTY_BLOCK, [(CATCH_ALL, 0)],
                                         op("ref.null", EXNREF) +
                                         op("throw_ref"))) + i32(99)),
    }
    check = b""
    for k, (fname, arg, expected) in enumerate(CHECKS, start=1):
        wide = fname == "pair"
        check += (i32(arg) + op("call", F[fname]) +
                  op("i64.const" if wide else "i32.const", sleb(expected)) +
                  op("i64.ne" if wide else "i32.ne") +
                  op("if", EMPTY_BLOCK) + i32(k) +
                  op("call", F["proc_exit"]) + op("end"))
    bodies["check_all"] = body(check)

    exported = [n for n, _ in defined
                if n not in ("throw_e", "middle", "catch_to_exnref",
                             "rethrower", "throw_empty_i", "div")]
    exports = [export(n, KIND_FUNC, F[n]) for n in exported]
    exports.append(export("e", KIND_TAG, TAG_E))
    if start:
        exports.append(export("_start", KIND_FUNC, F[start]))
    return module({
        TYPE: vec([func_type(p, r) for p, r in TYPES]),
        IMPORT: vec([name("wasi_snapshot_preview1") + name("proc_exit") +
                     bytes([KIND_FUNC]) + uleb(T_I32_VOID)]),
        FUNCTION: vec([uleb(t) for _, t in defined]),
        TABLE: vec([bytes([FUNCREF, 0x00]) + uleb(2)]),
        MEMORY: vec([b"\x00" + uleb(1)]),
        TAG: vec([b"\x00" + uleb(t) for t in (T_I32_VOID, T_PAIR, T_VOID)]),
        EXPORT: vec(exports),
        ELEMENT: vec([b"\x00" + i32(0) + op("end") +
                      vec([uleb(F["throw_e"]), uleb(F["throw_empty_i"])])]),
        CODE: vec([bodies[n] for n, _ in defined]),
    })


def host_module(start):
    """Imports env.host_throw (i32) (throws tag e, payload 2 * x),
    env.host_reenter (i32) -> i32 (calls the export inner_throw back and
    rethrows its exception, or returns its payload when x >= 100) and
    env.host_trap () (wk_raise_trap); exports the tag e and functions that
    call them inside and outside try_tables."""
    imports = [("host_throw", T_I32_VOID), ("host_reenter", T_I32_I32),
               ("host_trap", T_VOID)]
    defined = [("catch_host", T_I32_I32), ("uncaught_host", T_I32_VOID),
               ("inner_throw", T_I32_VOID), ("nest", T_I32_I32),
               ("trap_host_in_try", T_VOID_I32), ("divide", T_I32_I32)]
    F = Funcs([n for n, _ in imports], defined)
    ret = op("return")
    bodies = {
        # Caught with its payload: 2 * x + 1.
        "catch_host": body(
            block(I32, try_table(EMPTY_BLOCK, [(CATCH, TAG_E, 0)],
                                 get(0) + op("call", F["host_throw"])) +
                  i32(-1) + ret) + i32(1) + op("i32.add")),
        "uncaught_host": body(get(0) + op("call", F["host_throw"])),
        "inner_throw": body(get(0) + i32(40) + op("i32.add") +
                            op("throw", TAG_E)),
        # What host_reenter returns, or payload + 1000 when it rethrows
        # what inner_throw threw.
        "nest": body(
            block(I32, try_table(I32, [(CATCH, TAG_E, 0)],
                                 get(0) + op("call", F["host_reenter"])) +
                  ret) + i32(1000) + op("i32.add")),
        "trap_host_in_try": body(
            block(EMPTY_BLOCK, try_table(EMPTY_BLOCK, [(CATCH_ALL, 0)],
                                         op("call", F["host_trap"]))) +
            i32(99)),
        "divide": body(i32(100) + get(0) + op("i32.div_u")),
    }
    exports = [export(n, KIND_FUNC, F[n]) for n, _ in defined]
    exports.append(export("e", KIND_TAG, TAG_E))
    return module({
        TYPE: vec([func_type(p, r) for p, r in TYPES]),
        IMPORT: vec([name("env") + name(n) + bytes([KIND_FUNC]) + uleb(t)
                     for n, t in imports]),
        FUNCTION: vec([uleb(t) for _, t in defined]),
        TAG: vec([b"\x00" + uleb(T_I32_VOID)]),
        EXPORT: vec(exports),
        CODE: vec([bodies[n] for n, _ in defined]),
    })


# (export, argument, expected result) for check_all; try-table.test checks
# the same values through `wasmkiln run --invoke`.
CHECKS = [("deep", 5, 47), ("rethrow_across", 3, 1043), ("nested", 1, 141),
          ("pair", 7, 5000000007), ("clauses", 2, 42), ("indirect", 0, 49),
          ("indirect", 1, 7), ("callref", 1, 41)]

MODULES = {"run": run_module, "host": host_module}

if __name__ == "__main__":
    start = sys.argv[3] if len(sys.argv) > 3 else None
    with open(sys.argv[2], "wb") as f:
        f.write(MODULES[sys.argv[1]](start))
