#!/usr/bin/env python3
"""Writes memory-boundary.wast: every memory access width at its boundary.

For each load and store (scalar, narrow, float, v128 and its lane, splat and
zero-extending forms) on a 1-page memory whose first and last 16 bytes hold
known data: the access ending at the last valid byte succeeds and returns (or
writes) the expected bytes, the access one byte later traps, and a trapping
store writes nothing. The same with the offset immediate carrying the address
(offset = 65536 - width: index 0 works, index 1 traps, index 0xffffffff must
not wrap around to a valid address) and with offset 0xffffffff (index + offset
past 4 GiB). A model of the memory computes every expected value, so the
test proves execution reached the boundary byte, not just that it trapped.
"""

PAGE = 65536
OOB = '"out of bounds memory access"'

# (name, access width, value type, extra immediate): loads then stores.
LOADS = [
    ("i32.load8_u", 1, "i32", ""), ("i32.load8_s", 1, "i32", ""),
    ("i32.load16_u", 2, "i32", ""), ("i32.load16_s", 2, "i32", ""),
    ("i32.load", 4, "i32", ""), ("i64.load8_u", 1, "i64", ""),
    ("i64.load8_s", 1, "i64", ""), ("i64.load16_u", 2, "i64", ""),
    ("i64.load16_s", 2, "i64", ""), ("i64.load32_u", 4, "i64", ""),
    ("i64.load32_s", 4, "i64", ""), ("i64.load", 8, "i64", ""),
    ("f32.load", 4, "f32", ""), ("f64.load", 8, "f64", ""),
    ("v128.load", 16, "v128", ""), ("v128.load8x8_s", 8, "v128", ""),
    ("v128.load8x8_u", 8, "v128", ""), ("v128.load16x4_s", 8, "v128", ""),
    ("v128.load16x4_u", 8, "v128", ""), ("v128.load32x2_s", 8, "v128", ""),
    ("v128.load32x2_u", 8, "v128", ""), ("v128.load8_splat", 1, "v128", ""),
    ("v128.load16_splat", 2, "v128", ""), ("v128.load32_splat", 4, "v128", ""),
    ("v128.load64_splat", 8, "v128", ""), ("v128.load32_zero", 4, "v128", ""),
    ("v128.load64_zero", 8, "v128", ""), ("v128.load8_lane", 1, "v128", "15"),
    ("v128.load16_lane", 2, "v128", "7"), ("v128.load32_lane", 4, "v128", "3"),
    ("v128.load64_lane", 8, "v128", "1"),
]
STORES = [
    ("i32.store8", 1, "i32"), ("i32.store16", 2, "i32"), ("i32.store", 4, "i32"),
    ("i64.store8", 1, "i64"), ("i64.store16", 2, "i64"),
    ("i64.store32", 4, "i64"), ("i64.store", 8, "i64"), ("f32.store", 4, "f32"),
    ("f64.store", 8, "f64"), ("v128.store", 16, "v128"),
    ("v128.store8_lane", 1, "v128"), ("v128.store16_lane", 2, "v128"),
    ("v128.store32_lane", 4, "v128"), ("v128.store64_lane", 8, "v128"),
]

HEAD = bytes(range(0x00, 0x10))
TAIL = bytes(range(0xF0, 0x100))


def v128(data):
    return "v128.const i8x16 " + " ".join(str(b) for b in data)


def signed(value, bits):
    return value - (1 << bits) if value >> (bits - 1) else value


def loaded(name, data):
    """The assert_return result of load `name` reading `data` (little end)."""
    u = int.from_bytes(data, "little")
    bits = 8 * len(data)
    kind = name.split(".")[1]
    if name.startswith("v128."):
        return v128(load_v128(kind, data))
    if name.startswith("f32."):  # returned as raw bits, see accessor()
        return f"i32.const {signed(u, 32)}"
    if name.startswith("f64."):
        return f"i64.const {signed(u, 64)}"
    value = signed(u, bits) if kind.endswith("_s") else u
    return f"{name[:3]}.const {value}"


def load_v128(kind, data):
    """The 16 bytes a v128 load of `kind` produces from `data`."""
    if kind == "load":
        return data
    if kind.endswith("_splat"):
        return data * (16 // len(data))
    if kind.endswith("_zero"):
        return data + bytes(16 - len(data))
    if kind.endswith("_lane"):  # into an all-zero vector, top lane
        return bytes(16 - len(data)) + data
    lane = int(kind[4:kind.index("x")]) // 8  # load8x8_s -> 1 byte per lane
    out = b""
    for i in range(0, 8, lane):
        v = int.from_bytes(data[i:i + lane], "little")
        if kind.endswith("_s"):
            v = signed(v, 8 * lane) % (1 << (16 * lane))
        out += v.to_bytes(2 * lane, "little")
    return out


def accessor(name, offset, imm):
    """An export (param $addr i32) (result T) doing one load."""
    result = {"f32": "i32", "f64": "i64"}.get(name[:3], name[:4].rstrip("."))
    load = f"({name} offset={offset} {imm} (local.get 0))"
    if name.endswith("_lane"):
        load = f"({name} offset={offset} {imm} (local.get 0) (v128.const i64x2 0 0))"
    if name[:3] in ("f32", "f64"):
        load = f"({result}.reinterpret_{name[:3]} {load})"
    return (f'  (func (export "{name}+{offset}") (param i32) (result {result})\n'
            f"    {load})")


def storer(name, width, vtype, offset):
    """An export (param $addr i32) storing `width` bytes 0xa0.. there."""
    pattern = bytes(range(0xA0, 0xA0 + 16))
    if vtype == "v128":
        value = f"({v128(pattern)})"
        lane = {1: 0, 2: 0, 4: 0, 8: 0, 16: ""}[width]
        imm = f" {lane}" if name.endswith("_lane") else ""
    else:
        bits = 32 if vtype in ("i32", "f32") else 64
        raw = int.from_bytes(pattern[:bits // 8], "little")
        value = f"({vtype[0]}{bits}.const {signed(raw, bits)})"
        if vtype[0] == "f":
            value = (f"(f{bits}.reinterpret_i{bits} (i{bits}.const "
                     f"{signed(raw, bits)}))")
        imm = ""
    return (f'  (func (export "{name}+{offset}") (param i32)\n'
            f"    ({name} offset={offset}{imm} (local.get 0) {value}))")


def wat_bytes(data):
    return "".join("\\%02x" % b for b in data)


def main():
    lines = [";; Generated by memory_boundary.py: see there.", "(module",
             "  (memory 1 1)",
             f'  (data (i32.const 0) "{wat_bytes(HEAD)}")',
             f'  (data (i32.const {PAGE - 16}) "{wat_bytes(TAIL)}")',
             '  (func (export "tail") (result v128)'
             f" (v128.load (i32.const {PAGE - 16})))",
             '  (func (export "head") (result v128) (v128.load (i32.const 0)))',
             f'  (func (export "restore") (v128.store (i32.const {PAGE - 16})'
             f" ({v128(TAIL)})))"]
    for name, width, _, imm in LOADS:
        for offset in sorted({0, PAGE - width, 0xFFFFFFFF}):
            lines.append(accessor(name, offset, imm))
    for name, width, vtype in STORES:
        for offset in sorted({0, PAGE - width, 0xFFFFFFFF}):
            lines.append(storer(name, width, vtype, offset))
    lines.append(")")

    cmds = []

    def ret(export, arg, result=None):
        args = "" if arg is None else f" (i32.const {arg})"
        expect = "" if result is None else f" ({result})"
        cmds.append(f'(assert_return (invoke "{export}"{args}){expect})')

    def trap(export, arg):
        cmds.append(f'(assert_trap (invoke "{export}" (i32.const {arg})) {OOB})')

    for name, width, _, _ in LOADS:
        last = PAGE - width
        ret(f"{name}+0", last, loaded(name, TAIL[16 - width:]))
        ret(f"{name}+0", 0, loaded(name, HEAD[:width]))
        trap(f"{name}+0", last + 1)
        trap(f"{name}+0", PAGE)
        trap(f"{name}+0", -1)
        ret(f"{name}+{last}", 0, loaded(name, TAIL[16 - width:]))
        trap(f"{name}+{last}", 1)
        trap(f"{name}+{last}", -1)  # wraps to last - 1 in 32 bits
        trap(f"{name}+4294967295", 0)
        trap(f"{name}+4294967295", 1)  # wraps to 0 in 32 bits
        trap(f"{name}+4294967295", -1)

    # A trapping store writes nothing; the store ending at the last byte
    # writes exactly its bytes there (through the index, then the offset).
    stored = bytes(range(0xA0, 0xB0))
    for name, width, _ in STORES:
        last = PAGE - width
        for export, arg in ((f"{name}+{last}", 1), (f"{name}+0", last + 1),
                            (f"{name}+4294967295", 1),
                            (f"{name}+{last}", -1)):
            trap(export, arg)
            ret("tail", None, v128(TAIL))
            ret("head", None, v128(HEAD))
        expected = TAIL[:16 - width] + stored[:width]
        for export, arg in ((f"{name}+0", last), (f"{name}+{last}", 0)):
            ret(export, arg)
            ret("tail", None, v128(expected))
            ret("restore", None)
    print("\n".join(lines))
    print("\n".join(cmds))


if __name__ == "__main__":
    main()
