#!/usr/bin/env python3
"""Generates valid modules of the shapes that once made compile time or
memory explode (issue 26 item 2), as binary .wasm, without wat2wasm.

Every shape is a function `shape_<name>(size) -> bytes` registered in SHAPES
with its default size: the size at which the blow-up was found. The
compile-bounds ctest (compile_bounds.py) compiles each one within a time and
memory budget, and fuzzing campaigns can add them to their seed corpus:

    gen_shapes.py --list
    gen_shapes.py elem_entries --size 100000 -o out.wasm
"""

import argparse
import sys

# -- Binary encoding helpers --------------------------------------------------

I32, I64, F32, F64, FUNCREF = 0x7F, 0x7E, 0x7D, 0x7C, 0x70
OP_END, OP_CALL, OP_I32_CONST = 0x0B, 0x10, 0x41


def uleb(value):
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
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        done = (value == 0 and not byte & 0x40) or (value == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def vec(items):
    """A vector of already encoded items."""
    items = list(items)
    return uleb(len(items)) + b"".join(items)


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def name(text):
    data = text.encode()
    return uleb(len(data)) + data


def functype(params, results):
    return b"\x60" + vec(bytes([t]) for t in params) + \
        vec(bytes([t]) for t in results)


def limits(minimum, maximum=None):
    if maximum is None:
        return b"\x00" + uleb(minimum)
    return b"\x01" + uleb(minimum) + uleb(maximum)


def i32_const(value):
    return bytes([OP_I32_CONST]) + sleb(value) + bytes([OP_END])


def body(code, locals_=b"\x00"):
    """A code section entry: locals (encoded) then instructions and end."""
    payload = locals_ + code + bytes([OP_END])
    return uleb(len(payload)) + payload


class ModuleBuilder:
    """Collects encoded section entries and writes them in section order."""

    def __init__(self):
        self.types, self.imports, self.funcs, self.tables = [], [], [], []
        self.memories, self.globals, self.exports, self.elems = [], [], [], []
        self.codes, self.datas = [], []
        self.start = None

    def add_type(self, params, results):
        self.types.append(functype(params, results))
        return len(self.types) - 1

    def add_func(self, type_index, code, locals_=b"\x00"):
        self.funcs.append(uleb(type_index))
        self.codes.append(body(code, locals_))
        return len(self.funcs) - 1

    def add_export(self, field, kind, index):
        self.exports.append(name(field) + bytes([kind]) + uleb(index))

    def encode(self):
        out = bytearray(b"\x00asm\x01\x00\x00\x00")
        ordered = [(1, self.types), (2, self.imports), (3, self.funcs),
                   (4, self.tables), (5, self.memories), (6, self.globals),
                   (7, self.exports)]
        for sid, entries in ordered:
            if entries:
                out += section(sid, vec(entries))
        if self.start is not None:
            out += section(8, uleb(self.start))
        if self.elems:
            out += section(9, vec(self.elems))
        if self.datas:
            out += section(12, uleb(len(self.datas)))
        if self.codes:
            out += section(10, vec(self.codes))
        if self.datas:
            out += section(11, vec(self.datas))
        return bytes(out)


# -- Module-level shapes -------------------------------------------------------


def shape_elem_entries(size):
    """One active element segment of `size` entries into one table."""
    m = ModuleBuilder()
    m.add_func(m.add_type([], []), b"")
    m.tables.append(bytes([FUNCREF]) + limits(size, size))
    m.elems.append(b"\x00" + i32_const(0) + vec(uleb(0) for _ in range(size)))
    m.add_export("table", 1, 0)
    return m.encode()


def shape_globals(size):
    """`size` mutable i32 globals with constant initialisers."""
    m = ModuleBuilder()
    m.globals = [bytes([I32, 1]) + i32_const(i) for i in range(size)]
    m.add_export("g", 3, size - 1)
    return m.encode()


def shape_elem_segments(size):
    """`size` active element segments of one entry each."""
    m = ModuleBuilder()
    m.add_func(m.add_type([], []), b"")
    m.tables.append(bytes([FUNCREF]) + limits(size, size))
    m.elems = [b"\x00" + i32_const(i) + vec([uleb(0)]) for i in range(size)]
    return m.encode()


def shape_data_segments(size):
    """`size` active data segments of one byte each."""
    m = ModuleBuilder()
    pages = max(1, (size + 65535) // 65536)
    m.memories.append(limits(pages, pages))
    m.datas = [b"\x00" + i32_const(i) + vec([bytes([i & 0xFF])])
               for i in range(size)]
    m.add_export("memory", 2, 0)
    return m.encode()


def shape_empty_funcs(size):
    """`size` empty functions of one type, the first exported."""
    m = ModuleBuilder()
    t = m.add_type([], [])
    for _ in range(size):
        m.add_func(t, b"")
    m.add_export("f", 0, 0)
    return m.encode()


def shape_call_chain(size):
    """`size` functions, each calling the next; the first is exported."""
    m = ModuleBuilder()
    t = m.add_type([], [])
    for i in range(size):
        code = bytes([OP_CALL]) + uleb(i + 1) if i + 1 < size else b""
        m.add_func(t, code)
    m.add_export("f", 0, 0)
    return m.encode()


def shape_types(size):
    """`size` distinct function types of up to 9 params, no functions."""
    m = ModuleBuilder()
    numeric = [I32, I64, F32, F64]
    for k in range(size):
        # Length 1 + k % 9 and the digits of k in base 4 make each distinct.
        params, digits = [], k
        for _ in range(1 + k % 9):
            params.append(numeric[digits % 4])
            digits //= 4
        m.add_type(params, [])
    return m.encode()


SHAPES = {
    "elem_entries": (shape_elem_entries, 100000),
    "globals": (shape_globals, 100000),
    "elem_segments": (shape_elem_segments, 100000),
    "data_segments": (shape_data_segments, 100000),
    "empty_funcs": (shape_empty_funcs, 40000),
    "call_chain": (shape_call_chain, 100000),
    "types": (shape_types, 100000),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shape", nargs="?", help="shape name (see --list)")
    parser.add_argument("--size", type=int, help="size (default: the shape's)")
    parser.add_argument("-o", "--output", help="output .wasm file")
    parser.add_argument("--list", action="store_true",
                        help="list the shapes and their default sizes")
    args = parser.parse_args()
    if args.list:
        for shape, (func, size) in SHAPES.items():
            print(f"{shape} {size}  {func.__doc__}")
        return 0
    if args.shape not in SHAPES or not args.output:
        parser.error("need a shape (--list) and -o")
    func, size = SHAPES[args.shape]
    with open(args.output, "wb") as out:
        out.write(func(args.size or size))
    return 0


if __name__ == "__main__":
    sys.exit(main())
