#!/usr/bin/env python3
"""Hostile but valid module shapes for compile-time bounds (issue 26).

Each shape is small on disk and once made the compiler's time or memory
explode (docs/reliability.md, "Compile-time bounds"). compile_bounds.py
compiles every shape at its default size within a bound; fuzzing campaigns
can add them to a corpus at any size:

    gen_shapes.py --list
    gen_shapes.py loops-nested --size 3000 -o nested.wasm

The module binary is written directly (no wat2wasm): the helpers at the top
encode LEB128, vectors, sections and a module of one memory, globals and
functions of given types.
"""

import argparse
import sys

# --- Binary encoding ---------------------------------------------------------

I32 = 0x7F
I64 = 0x7E
FUNC_TYPE = 0x60
EXPORT_FUNC = 0x00


def uleb(value):
    """Unsigned LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def sleb(value):
    """Signed LEB128."""
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def vec(items):
    """A vector: its length, then the items (each already encoded)."""
    items = list(items)
    return uleb(len(items)) + b"".join(items)


def name(text):
    data = text.encode()
    return uleb(len(data)) + data


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def functype(params, results):
    return bytes([FUNC_TYPE]) + vec(bytes([p]) for p in params) + \
        vec(bytes([r]) for r in results)


# Opcodes the shapes use.
BLOCK, LOOP, END, BR_IF = 0x02, 0x03, 0x0B, 0x0D
VOID = 0x40
LOCAL_GET, LOCAL_SET, LOCAL_TEE = 0x20, 0x21, 0x22
GLOBAL_GET, GLOBAL_SET = 0x23, 0x24
I32_LOAD, I32_STORE = 0x28, 0x36
I32_CONST = 0x41
I32_LT_U, I32_ADD, I32_XOR = 0x49, 0x6A, 0x73


def i32_const(value):
    return bytes([I32_CONST]) + sleb(value)


def local_get(index):
    return bytes([LOCAL_GET]) + uleb(index)


def local_set(index):
    return bytes([LOCAL_SET]) + uleb(index)


def memarg(align, offset):
    return uleb(align) + uleb(offset)


class ModuleBuilder:
    """A module of function types, functions (each exported under its name
    if it has one), mutable i32 globals and at most one memory."""

    def __init__(self):
        self.types = []
        self.funcs = []  # (type index, locals [(count, type)], body, export)
        self.globals = []  # (type, init bytes)
        self.memory = None  # (min pages, max pages or None)

    def type(self, params, results):
        encoded = functype(params, results)
        if encoded not in self.types:
            self.types.append(encoded)
        return self.types.index(encoded)

    def func(self, params, results, body, locals_=(), export=None):
        """body: the instructions, without the final end."""
        self.funcs.append((self.type(params, results), list(locals_), body,
                           export))
        return len(self.funcs) - 1

    def global_i32(self, init=0):
        self.globals.append((I32, i32_const(init) + bytes([END])))
        return len(self.globals) - 1

    def set_memory(self, min_pages, max_pages=None):
        self.memory = (min_pages, max_pages)

    def encode(self):
        out = bytearray(b"\0asm\1\0\0\0")
        out += section(1, vec(self.types))
        out += section(3, vec(uleb(f[0]) for f in self.funcs))
        if self.memory:
            low, high = self.memory
            limits = b"\0" + uleb(low) if high is None else \
                b"\1" + uleb(low) + uleb(high)
            out += section(5, vec([limits]))
        if self.globals:
            out += section(6, vec(bytes([t, 1]) + init
                                  for t, init in self.globals))
        exports = [name(f[3]) + bytes([EXPORT_FUNC]) + uleb(i)
                   for i, f in enumerate(self.funcs) if f[3]]
        if exports:
            out += section(7, vec(exports))
        bodies = []
        for _, locals_, body, _ in self.funcs:
            code = vec(uleb(n) + bytes([t]) for n, t in locals_) + body + \
                bytes([END])
            bodies.append(uleb(len(code)) + code)
        out += section(10, vec(bodies))
        return bytes(out)


# --- Function-level shapes ---------------------------------------------------


def shape_loops_nested(depth):
    """Counted loops nested depth deep, each loading and storing at its
    counter (explicit mode: a bounds check per level, each loop a candidate
    for versioning and check hoisting)."""
    m = ModuleBuilder()
    m.set_memory(1)
    # Local 0: the parameter (trip count); 1..depth: the counters.
    head = bytearray()
    tail = []
    for level in range(1, depth + 1):
        head += i32_const(0) + local_set(level)
        head += bytes([LOOP, VOID])
        head += local_get(level) + local_get(level)
        head += bytes([I32_LOAD]) + memarg(2, 0)
        head += bytes([I32_STORE]) + memarg(2, 4)
        tail.append(local_get(level) + i32_const(1) + bytes([I32_ADD]) +
                    bytes([LOCAL_TEE]) + uleb(level) + local_get(0) +
                    bytes([I32_LT_U, BR_IF]) + uleb(0) + bytes([END]))
    body = bytes(head) + b"".join(reversed(tail))
    m.func([I32], [], body, locals_=[(depth, I32)], export="run")
    return m.encode()


def _loads(count, address):
    """One block of count i32 loads, summed; address(k) gives the
    k-th load's address instructions and offset."""
    m = ModuleBuilder()
    m.set_memory(1)
    body = bytearray(i32_const(0))
    for k in range(count):
        code, offset = address(k)
        body += code + bytes([I32_LOAD]) + memarg(2, offset)
        body += bytes([I32_ADD])
    m.func([I32], [I32], bytes(body), export="run")
    return m.encode()


def shape_loads_const(count):
    """One block of count loads at constant addresses, summed."""
    return _loads(count, lambda k: (i32_const(k * 4 % 65532), 0))


def shape_loads_offset(count):
    """One block of count loads at local + offset, summed."""
    return _loads(count, lambda k: (local_get(0), k * 4 % 65532))


def shape_globals_rmw(count):
    """count global.get / add / global.set in one block over 1,000
    mutable globals."""
    m = ModuleBuilder()
    globals_ = [m.global_i32(g) for g in range(1000)]
    body = bytearray()
    for k in range(count):
        body += bytes([GLOBAL_GET]) + uleb(globals_[k % 1000])
        body += bytes([GLOBAL_GET]) + uleb(globals_[(k * 7 + 1) % 1000])
        body += bytes([I32_ADD, GLOBAL_SET]) + uleb(globals_[(k + 3) % 1000])
    m.func([], [], bytes(body), export="run")
    return m.encode()


def shape_locals_used(count):
    """count i32 locals, all set, then all read: each live across the
    function."""
    m = ModuleBuilder()
    body = bytearray()
    for k in range(1, count + 1):
        body += local_get(0) + i32_const(k) + bytes([I32_XOR]) + local_set(k)
    body += local_get(0)
    for k in range(1, count + 1):
        body += local_get(k) + bytes([I32_ADD])
    m.func([I32], [I32], bytes(body), locals_=[(count, I32)], export="run")
    return m.encode()


# Shape name -> (generator, default size: the hostile size).
SHAPES = {
    "loops-nested-600": (shape_loops_nested, 600),
    "loops-nested": (shape_loops_nested, 3000),
    "loads-const": (shape_loads_const, 100000),
    "loads-offset": (shape_loads_offset, 100000),
    "globals-rmw": (shape_globals_rmw, 50000),
    "locals-used": (shape_locals_used, 50000),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("shape", nargs="?", choices=sorted(SHAPES))
    parser.add_argument("--size", type=int, help="default: the shape's own")
    parser.add_argument("-o", "--output", help="the .wasm to write")
    parser.add_argument("--list", action="store_true",
                        help="list the shapes and their default sizes")
    args = parser.parse_args()
    if args.list:
        for shape, (gen, size) in SHAPES.items():
            print(f"{shape}\t{size}\t{gen.__doc__.split(chr(10))[0]}")
        return 0
    if not args.shape or not args.output:
        parser.error("a shape and -o are needed (or --list)")
    gen, size = SHAPES[args.shape]
    data = gen(args.size if args.size is not None else size)
    with open(args.output, "wb") as out:
        out.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
