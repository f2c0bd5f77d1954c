#!/usr/bin/env python3
"""Writes small WebAssembly 3.0 modules with typed function references, which
wabt 1.0.32's text parser cannot read: `typed_refs.py NAME OUT.wasm`.

  run           exports double, apply (call_ref), null_or (br_on_null),
                nonnull_local (a `(ref $t)` local), call_null (call_ref of
                null: traps) and as_non_null (ref.as_non_null of null: traps)
  uninit        local.get of an unset `(ref $t)` local (invalid)
  block-scope   the local is set inside a block and read after it (invalid)
  set-then-get  set and read in the same block (valid)
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasmgen import I32, REF, REF_NULL, func_type, section, uleb, vec  # noqa: E402
import wasmgen  # noqa: E402

# type 0: (func (param i32) (result i32))
TYPES = vec([func_type([I32], [I32])])


def body(locals_, code):
    return wasmgen.body(code, [(n, bytes(t)) for n, t in locals_])


def module(funcs, exports=()):
    """funcs: (locals, code) of type 0 each; function 0 is ref.func-declared."""
    out = wasmgen.MAGIC + section(1, TYPES)
    out += section(3, vec([uleb(0) for _ in funcs]))
    if exports:
        out += section(7, vec([wasmgen.export(n, wasmgen.KIND_FUNC, i)
                                for n, i in exports]))
    out += section(9, vec([bytes([0x03, 0x00]) + vec([uleb(0)])]))  # declare 0
    out += section(10, vec([body(l, c) for l, c in funcs]))
    return out


DOUBLE = ([], [0x20, 0, 0x20, 0, 0x6A])
MODULES = {
    "run": lambda: module(
        [
            DOUBLE,
            # apply: call_ref $t (ref.func 0) on the argument
            ([], [0x20, 0, 0xD2, 0, 0x14, 0]),
            # null_or: br_on_null out of a block when the argument is 0
            ([], [0x02, 0x40, 0x20, 0, 0x04, REF_NULL, 0, 0xD2, 0, 0x05,
                  0xD0, 0, 0x0B, 0xD5, 0, 0x1A, 0x41, 1, 0x0F, 0x0B,
                  0x41, 0]),
            # nonnull_local: (local (ref $t)) set, then called
            ([(1, [REF, 0])], [0xD2, 0, 0x21, 1, 0x20, 0, 0x20, 1, 0x14, 0]),
            # call_null: call_ref of ref.null $t
            ([], [0x20, 0, 0xD0, 0, 0x14, 0]),
            # as_non_null: ref.as_non_null of ref.null $t
            ([], [0xD0, 0, 0xD4, 0x1A, 0x20, 0]),
        ],
        [("double", 0), ("apply", 1), ("null_or", 2), ("nonnull_local", 3),
         ("call_null", 4), ("as_non_null", 5)],
    ),
    "uninit": lambda: module(
        [DOUBLE, ([(1, [REF, 0])], [0x20, 1, 0x1A, 0x20, 0])]),
    "block-scope": lambda: module(
        [DOUBLE, ([(1, [REF, 0])], [0x02, 0x40, 0xD2, 0, 0x21, 1, 0x0B,
                                     0x20, 1, 0x1A, 0x20, 0])]),
    "set-then-get": lambda: module(
        [DOUBLE, ([(1, [REF, 0])], [0x02, 0x40, 0xD2, 0, 0x21, 1, 0x20, 1,
                                     0x1A, 0x0B, 0x20, 0])]),
}

if __name__ == "__main__":
    with open(sys.argv[2], "wb") as f:
        f.write(MODULES[sys.argv[1]]())
