#!/usr/bin/env python3
"""Writes small-pages.json and small-pages.0.wasm (small-pages.test) into
the directory given: a memory of 1-byte pages (custom-page-sizes, limits
flag 0x08 with page size exponent 0) of 10 pages, whose size is not a
multiple of the OS page, so guard mode cannot catch its last bytes either.

wabt 1.0.32 cannot write the page size, so the module is assembled here.
Exports: load8(i32) -> i32, store8(i32, i32), size() -> i32,
grow(i32) -> i32, fill(i32, i32) (memory.fill with value 7).
"""
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "..", "..", "Inputs"))
from wasmgen import (CODE, EXPORT, FUNCTION, I32, KIND_FUNC, MEMORY, TYPE,  # noqa: E402
                     body, export, func_type, module, op, uleb, vec)


types = [([I32], [I32]), ([I32, I32], []), ([], [I32])]
# load8, store8, size, grow, fill
func_types = [0, 1, 2, 0, 1]
names = ["load8", "store8", "size", "grow", "fill"]
NO_MEMARG = b"\x00\x00"  # align=0 offset=0
bodies = [
    op("local.get", 0) + op("i32.load8_u") + NO_MEMARG,
    op("local.get", 0) + op("local.get", 1) + op("i32.store8") + NO_MEMARG,
    op("memory.size", 0),
    op("local.get", 0) + op("memory.grow", 0),
    op("local.get", 0) + op("i32.const", 7) + op("local.get", 1) +
    op("memory.fill", 0),
]
wasm = module({
    TYPE: vec([func_type(p, r) for p, r in types]),
    FUNCTION: vec([uleb(t) for t in func_types]),
    MEMORY: vec([b"\x08" + uleb(10) + uleb(0)]),  # min 10 pages of 2^0 bytes
    EXPORT: vec([export(n, KIND_FUNC, i) for i, n in enumerate(names)]),
    CODE: vec([body(b) for b in bodies]),
})

out_dir = sys.argv[1]
with open(os.path.join(out_dir, "small-pages.0.wasm"), "wb") as f:
    f.write(wasm)


def i32(v):
    return {"type": "i32", "value": str(v & 0xFFFFFFFF)}


def invoke(field, *args):
    return {"type": "invoke", "field": field, "args": [i32(a) for a in args]}


commands = [{"type": "module", "line": 1, "filename": "small-pages.0.wasm"}]
line = 2


def ret(field, args, results):
    global line
    commands.append({"type": "assert_return", "line": line,
                     "action": invoke(field, *args),
                     "expected": [i32(r) for r in results]})
    line += 1


def trap(field, args):
    global line
    commands.append({"type": "assert_trap", "line": line,
                     "action": invoke(field, *args),
                     "text": "out of bounds memory access", "expected": []})
    line += 1


ret("size", [], [10])
ret("store8", [9, 0x5A], [])
ret("load8", [9], [0x5A])
trap("load8", [10])            # one byte past the end, same OS page
trap("store8", [10, 1])
trap("load8", [4095])
trap("load8", [0xFFFFFFFF])
ret("fill", [5, 5], [])
trap("fill", [6, 5])           # one byte too long: writes nothing
ret("load8", [9], [7])
ret("grow", [1], [10])         # grows by one byte
ret("size", [], [11])
ret("load8", [10], [0])
trap("load8", [11])
ret("grow", [4096], [11])
trap("load8", [4107])
ret("load8", [4106], [0])
ret("grow", [0xFFFFFFFF], [-1])  # past 2^32 - 1 bytes
ret("size", [], [4107])

with open(os.path.join(out_dir, "small-pages.json"), "w") as f:
    json.dump({"source_filename": "small-pages.wast", "commands": commands},
              f, indent=1)
