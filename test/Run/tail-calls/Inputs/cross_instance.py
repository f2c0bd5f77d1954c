#!/usr/bin/env python3
"""Writes a wasmkiln-spec script (JSON + modules) of tail calls that cross
modules and instances, hand-assembled because wabt 1.0.32's text parser
cannot read typed function references: `cross_instance.py OUTDIR N
[--calls]` (--calls: A's and B's tail calls become ordinary calls).

Every mutual recursion alternates between two instances, N calls deep:

  A.even      return_call_indirect through A's exported table -> B.odd
  B.odd       return_call of the import A.even
  A.even_ref  return_call_ref of A's global $peer (B.odd_ref, which B's
              start function stores)
  B.odd_ref   return_call_ref of ref.func of the import A.even_ref
  B2          a second instance of B's module (the same file, loaded
              again): it replaces B's functions in the table and in $peer,
              so A's calls now reach B2 and B's reach A, then B2

And tail calls whose callee cannot tail-call back (so they are a call and a
return, and must still return the right value):

  T.host    return_call of spectest.print_i32 (a host function)
  T.c, T.c_indirect  return_call and return_call_indirect of C.triple, a
            function of C, a module without tail calls (the C convention)

and a tail call between subtyped signatures: T.first (result funcref)
tail-calls A.pick (result (ref 0)), a jump (one LLVM type for both).
"""
import json
import os
import sys


def leb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def sleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if (n == 0 and not b & 0x40) or (n == -1 and b & 0x40):
            out.append(b)
            return bytes(out)
        out.append(b | 0x80)


def vec(items):
    return leb(len(items)) + b"".join(items)


def section(sid, items):
    payload = vec(items)
    return bytes([sid]) + leb(len(payload)) + payload


def name(s):
    return leb(len(s)) + s.encode()


I32, FUNCREF, REF_NULL = 0x7F, 0x70, 0x63
FUNC, TABLE, GLOBAL = 0, 1, 3
REF = 0x64
# The types of every module: 0 (func (param i32) (result i32)), 1 (func
# (param i32)), 2 (func), 3 (func (param i32) (result (ref 0))), 4 (func
# (param i32) (result funcref)).
TYPES = [bytes([0x60, 1, I32, 1, I32]), bytes([0x60, 1, I32, 0]),
         bytes([0x60, 0, 0]), bytes([0x60, 1, I32, 1, REF, 0]),
         bytes([0x60, 1, I32, 1, FUNCREF])]
END = 0x0B


def i32_const(v):
    return [0x41] + list(sleb(v))


# --calls: return_call, return_call_indirect, return_call_ref -> call,
# call_indirect, call_ref.
ORDINARY_CALL = {0x12: 0x10, 0x13: 0x11, 0x15: 0x14}
ordinary_calls = False


def countdown(base, operands, op, immediates):
    """if n == 0 then `base` else the tail call `op` of n - 1 (and
    `operands`, after it), or with --calls the ordinary call."""
    if ordinary_calls:
        op = ORDINARY_CALL[op]
    return ([0x20, 0, 0x45, 0x04, I32] + i32_const(base) + [0x05, 0x20, 0] +
            i32_const(1) + [0x6B] + operands + [op] + immediates + [END])


def body(code):
    payload = vec([]) + bytes(code) + bytes([END])
    return leb(len(payload)) + payload


def module(imports=(), funcs=(), tables=(), globals_=(), exports=(),
           start=None, elems=()):
    """funcs: (type, code); imports: (module, field, kind byte, desc)."""
    out = b"\0asm\x01\0\0\0" + section(1, TYPES)
    if imports:
        out += section(2, [name(m) + name(f) + bytes([k]) + d
                           for m, f, k, d in imports])
    out += section(3, [leb(t) for t, _ in funcs])
    if tables:
        out += section(4, list(tables))
    if globals_:
        out += section(6, list(globals_))
    if exports:
        out += section(7, [name(n) + bytes([k]) + leb(i)
                           for n, k, i in exports])
    if start is not None:
        out += bytes([8]) + leb(len(leb(start))) + leb(start)
    if elems:
        out += section(9, list(elems))
    out += section(10, [body(c) for _, c in funcs])
    return out


def active_elem(offset, funcs):  # table 0, offset: an i32 constant
    return bytes([0x00] + i32_const(offset) + [END]) + vec(
        [leb(f) for f in funcs])


def declare_elem(funcs):
    return bytes([0x03, 0x00]) + vec([leb(f) for f in funcs])


TABLE_MIN2 = bytes([FUNCREF, 0x00, 2])
PEER_TYPE = bytes([REF_NULL, 0, 1])  # (mut (ref null 0))

# A: funcs 0 even, 1 even_ref, 2 pick (returns (ref.func 0): (ref 0)).
module_a = lambda: module(
    funcs=[
        (0, countdown(1, [0x41, 0], 0x13, [0, 0])),  # return_call_indirect
        (0, countdown(1, [0x23, 0], 0x15, [0])),  # return_call_ref $peer
        (3, [0xD2, 0]),
    ],
    tables=[TABLE_MIN2],
    globals_=[PEER_TYPE + bytes([0xD0, 0, END])],
    exports=[("even", FUNC, 0), ("even_ref", FUNC, 1), ("pick", FUNC, 2),
             ("table", TABLE, 0), ("peer", GLOBAL, 0)])

# B: imports 0 A.even, 1 A.even_ref; funcs 2 odd, 3 odd_ref, 4 start.
module_b = lambda: module(
    imports=[("A", "even", 0x00, leb(0)), ("A", "even_ref", 0x00, leb(0)),
             ("A", "table", 0x01, TABLE_MIN2),
             ("A", "peer", 0x03, PEER_TYPE)],
    funcs=[
        (0, countdown(0, [], 0x12, [0])),  # return_call A.even
        (0, countdown(0, [0xD2, 1], 0x15, [0])),  # return_call_ref
        (2, [0xD2, 3, 0x24, 0]),  # start: global.set $peer (ref.func 3)
    ],
    exports=[("odd", FUNC, 2), ("odd_ref", FUNC, 3)],
    start=4,
    elems=[active_elem(0, [2]), declare_elem([1, 3])])


# C (no tail calls): triple(n) = 3n.
MODULE_C = module(
    funcs=[(0, [0x20, 0, 0x41, 3, 0x6C])],
    exports=[("triple", FUNC, 0)])

# T: imports 0 spectest.print_i32, 1 C.triple, 2 A.pick; funcs 3 host (a
# tail call of print_i32), 4 c, 5 c_indirect (table 0 holds triple), 6 first
# (a funcref result, a tail call of pick, whose result is (ref 0): a
# subtype), 7 first_is_null.
MODULE_T = module(
    imports=[("spectest", "print_i32", 0x00, leb(1)),
             ("C", "triple", 0x00, leb(0)), ("A", "pick", 0x00, leb(3))],
    funcs=[
        (1, [0x20, 0, 0x12, 0]),                    # return_call print_i32
        (0, [0x20, 0, 0x12, 1]),                    # return_call triple
        (0, [0x20, 0, 0x41, 0, 0x13, 0, 0]),        # return_call_indirect
        (4, [0x20, 0, 0x12, 2]),                    # return_call pick
        (0, [0x20, 0, 0x10, 6, 0xD1]),              # ref.is_null (first n)
    ],
    tables=[bytes([FUNCREF, 0x00, 1])],
    exports=[("host", FUNC, 3), ("c", FUNC, 4), ("c_indirect", FUNC, 5),
             ("first_is_null", FUNC, 7)],
    elems=[active_elem(0, [1])])


def i32(v):
    return {"type": "i32", "value": str(v & 0xFFFFFFFF)}


def invoke(module_name, field, arg, expected):
    return {"type": "assert_return",
            "action": {"type": "invoke", "module": module_name,
                       "field": field, "args": [i32(arg)]},
            "expected": [] if expected is None else [i32(expected)]}


def main():
    global ordinary_calls
    out, n = sys.argv[1], int(sys.argv[2])
    ordinary_calls = sys.argv[3:] == ["--calls"]
    os.makedirs(out, exist_ok=True)
    files = {"a.wasm": module_a(), "b.wasm": module_b(), "c.wasm": MODULE_C,
             "t.wasm": MODULE_T}
    for f, data in files.items():
        with open(os.path.join(out, f), "wb") as w:
            w.write(data)
    recursions = lambda b: [
        invoke("$A", "even", n, 1),
        invoke("$A", "even", n - 1, 0),
        invoke(b, "odd", n + 1, 1),
        invoke("$A", "even_ref", n, 1),
        invoke(b, "odd_ref", n, 0),
    ]
    commands = [
        {"type": "module", "name": "$A", "filename": "a.wasm"},
        {"type": "register", "name": "$A", "as": "A"},
        {"type": "module", "name": "$B", "filename": "b.wasm"},
        *recursions("$B"),
        {"type": "module", "name": "$B2", "filename": "b.wasm"},
        *recursions("$B2"),
        # B's calls go to A, whose calls now go to B2.
        invoke("$B", "odd", n - 1, 1),
        invoke("$B", "odd_ref", n + 1, 1),
        {"type": "module", "name": "$C", "filename": "c.wasm"},
        {"type": "register", "name": "$C", "as": "C"},
        {"type": "module", "name": "$T", "filename": "t.wasm"},
        invoke("$T", "host", 7, None),
        invoke("$T", "c", 14, 42),
        invoke("$T", "c_indirect", -5, -15),
        invoke("$T", "first_is_null", 3, 0),
    ]
    for line, command in enumerate(commands, 1):
        command["line"] = line
    with open(os.path.join(out, "cross.json"), "w") as w:
        json.dump({"source_filename": "cross.wast", "commands": commands}, w,
                  indent=1)


if __name__ == "__main__":
    main()
