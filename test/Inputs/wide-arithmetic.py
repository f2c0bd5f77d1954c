#!/usr/bin/env python3
"""Writes a module exporting the four wide-arithmetic operators.

wabt 1.0.32 cannot parse i64.add128 and friends, so the test module is
assembled here: add128/sub128 (i64 x4 -> i64 x2) and mul_wide_s/u
(i64 x2 -> i64 x2), each applying its operator to its parameters.
Usage: wide-arithmetic.py OUT.wasm
"""
import sys

I64 = 0x7E
# (export name, 0xfc sub-opcode, parameter count)
OPERATORS = [("add128", 19, 4), ("sub128", 20, 4),
             ("mul_wide_s", 21, 2), ("mul_wide_u", 22, 2)]


def leb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def vec(items):
    return leb(len(items)) + b"".join(items)


def section(code, body):
    return bytes([code]) + leb(len(body)) + body


def func_type(params):
    return bytes([0x60]) + vec([bytes([I64])] * params) + vec([bytes([I64])] * 2)


def body(opcode, params):
    code = b"".join(bytes([0x20]) + leb(i) for i in range(params))
    code += bytes([0xFC]) + leb(opcode) + bytes([0x0B])
    return leb(len(code) + 1) + b"\x00" + code


types = section(1, vec([func_type(4), func_type(2)]))
funcs = section(3, vec([leb(0 if p == 4 else 1) for _, _, p in OPERATORS]))
exports = section(7, vec([vec([bytes([c]) for c in name.encode()]) +
                          b"\x00" + leb(i)
                          for i, (name, _, _) in enumerate(OPERATORS)]))
code = section(10, vec([body(op, p) for _, op, p in OPERATORS]))
with open(sys.argv[1], "wb") as f:
    f.write(b"\x00asm\x01\x00\x00\x00" + types + funcs + exports + code)
