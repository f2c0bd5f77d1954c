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

    def func(self, params, results, code, locals_=(), export=None):
        """A function of a new type; locals_ as [(count, type)]; code
        without the final end."""
        index = self.add_func(self.add_type(params, results), code,
                              vec(uleb(n) + bytes([t]) for n, t in locals_))
        if export:
            self.add_export(export, 0, index)
        return index

    def global_i32(self, init=0):
        """A mutable i32 global."""
        self.globals.append(bytes([I32, 1]) + i32_const(init))
        return len(self.globals) - 1

    def set_memory(self, min_pages, max_pages=None):
        self.memories.append(limits(min_pages, max_pages))

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


# -- Function-level shapes ----------------------------------------------------

# Opcodes of the function bodies.
BLOCK, LOOP, END, BR_IF = 0x02, 0x03, 0x0B, 0x0D
VOID = 0x40
LOCAL_GET, LOCAL_SET, LOCAL_TEE = 0x20, 0x21, 0x22
GLOBAL_GET, GLOBAL_SET = 0x23, 0x24
I32_LOAD, I32_STORE = 0x28, 0x36
I32_LT_U, I32_ADD, I32_XOR = 0x49, 0x6A, 0x73


def op_i32_const(value):
    """i32.const as an instruction (i32_const above is a constant
    expression, with its end)."""
    return bytes([OP_I32_CONST]) + sleb(value)


def local_get(index):
    return bytes([LOCAL_GET]) + uleb(index)


def local_set(index):
    return bytes([LOCAL_SET]) + uleb(index)


def memarg(align, offset):
    return uleb(align) + uleb(offset)


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
        head += op_i32_const(0) + local_set(level)
        head += bytes([LOOP, VOID])
        head += local_get(level) + local_get(level)
        head += bytes([I32_LOAD]) + memarg(2, 0)
        head += bytes([I32_STORE]) + memarg(2, 4)
        tail.append(local_get(level) + op_i32_const(1) + bytes([I32_ADD]) +
                    bytes([LOCAL_TEE]) + uleb(level) + local_get(0) +
                    bytes([I32_LT_U, BR_IF]) + uleb(0) + bytes([END]))
    body = bytes(head) + b"".join(reversed(tail))
    m.func([I32], [], body, locals_=[(depth, I32)], export="run")
    return m.encode()


def _loads(count, address, funcs=1):
    """One block of count i32 loads, summed (in each of funcs functions);
    address(k) gives the k-th load's address instructions and offset."""
    m = ModuleBuilder()
    m.set_memory(1)
    body = bytearray(op_i32_const(0))
    for k in range(count):
        code, offset = address(k)
        body += code + bytes([I32_LOAD]) + memarg(2, offset)
        body += bytes([I32_ADD])
    for f in range(funcs):
        m.func([I32], [I32], bytes(body), export=f"run{f}" if f else "run")
    return m.encode()


def shape_loads_const(count):
    """One block of count loads at constant addresses, summed."""
    return _loads(count, lambda k: (op_i32_const(k * 4 % 65532), 0))


def shape_loads_offset(count):
    """One block of count loads at local + offset, summed."""
    return _loads(count, lambda k: (local_get(0), k * 4 % 65532))


def shape_loads_offset_split(count):
    """loads-offset in 100 functions of count / 100 loads each (explicit
    mode: each function under the per-function cost, together over it)."""
    return _loads(count // 100, lambda k: (local_get(0), k * 4 % 65532),
                  funcs=100)


def shape_globals_rmw(count, funcs=1):
    """count global.get / add / global.set in one block over 1,000
    mutable globals (in each of funcs functions)."""
    m = ModuleBuilder()
    globals_ = [m.global_i32(g) for g in range(1000)]
    body = bytearray()
    for k in range(count):
        body += bytes([GLOBAL_GET]) + uleb(globals_[k % 1000])
        body += bytes([GLOBAL_GET]) + uleb(globals_[(k * 7 + 1) % 1000])
        body += bytes([I32_ADD, GLOBAL_SET]) + uleb(globals_[(k + 3) % 1000])
    for f in range(funcs):
        m.func([], [], bytes(body), export=f"run{f}" if f else "run")
    return m.encode()


def shape_globals_rmw_split(count):
    """globals-rmw in 8 functions of count / 8 each: the budget is per
    module, not only per function."""
    return shape_globals_rmw(count // 8, funcs=8)


def shape_locals_used(count):
    """count i32 locals, all set, then all read: each live across the
    function."""
    m = ModuleBuilder()
    body = bytearray()
    for k in range(1, count + 1):
        body += local_get(0) + op_i32_const(k) + bytes([I32_XOR]) + local_set(k)
    body += local_get(0)
    for k in range(1, count + 1):
        body += local_get(k) + bytes([I32_ADD])
    m.func([I32], [I32], bytes(body), locals_=[(count, I32)], export="run")
    return m.encode()


SHAPES = {
    "elem_entries": (shape_elem_entries, 100000),
    "globals": (shape_globals, 100000),
    "elem_segments": (shape_elem_segments, 100000),
    "data_segments": (shape_data_segments, 100000),
    "empty_funcs": (shape_empty_funcs, 40000),
    "call_chain": (shape_call_chain, 100000),
    "types": (shape_types, 100000),
    "loops-nested-600": (shape_loops_nested, 600),
    "loops-nested": (shape_loops_nested, 3000),
    "loads-const": (shape_loads_const, 100000),
    "loads-offset": (shape_loads_offset, 100000),
    "globals-rmw": (shape_globals_rmw, 50000),
    "globals-rmw-split": (shape_globals_rmw_split, 100000),
    "loads-offset-split": (shape_loads_offset_split, 100000),
    "locals-used": (shape_locals_used, 50000),
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
