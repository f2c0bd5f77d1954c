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


def uleb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        if n:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def section(code, payload):
    return bytes([code]) + uleb(len(payload)) + payload


def vec(items):
    return uleb(len(items)) + b"".join(items)


I32 = 0x7F
types = [(b"", [I32], [I32]), (b"", [I32, I32], []), (b"", [], [I32])]
type_sec = vec([b"\x60" + vec([bytes([p]) for p in params]) +
                vec([bytes([r]) for r in results])
                for _, params, results in types])
# load8, store8, size, grow, fill
func_types = [0, 1, 2, 0, 1]
func_sec = vec([uleb(t) for t in func_types])
memory_sec = vec([b"\x08" + uleb(10) + uleb(0)])  # min 10 pages of 2^0 bytes
names = ["load8", "store8", "size", "grow", "fill"]
export_sec = vec([uleb(len(n)) + n.encode() + b"\x00" + uleb(i)
                  for i, n in enumerate(names)])
bodies = [
    b"\x20\x00\x2d\x00\x00",            # i32.load8_u align=0 offset=0
    b"\x20\x00\x20\x01\x3a\x00\x00",    # i32.store8
    b"\x3f\x00",                        # memory.size
    b"\x20\x00\x40\x00",                # memory.grow
    b"\x20\x00\x41\x07\x20\x01\xfc\x0b\x00",  # memory.fill
]
code_sec = vec([uleb(len(b) + 2) + b"\x00" + b + b"\x0b" for b in bodies])
module = (b"\x00asm\x01\x00\x00\x00" + section(1, type_sec) +
          section(3, func_sec) + section(5, memory_sec) +
          section(7, export_sec) + section(10, code_sec))

out_dir = sys.argv[1]
with open(os.path.join(out_dir, "small-pages.0.wasm"), "wb") as f:
    f.write(module)


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
