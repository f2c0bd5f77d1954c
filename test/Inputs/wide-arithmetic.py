#!/usr/bin/env python3
"""Writes a module exporting the four wide-arithmetic operators.

wabt 1.0.32 cannot parse i64.add128 and friends, so the test module is
assembled here: add128/sub128 (i64 x4 -> i64 x2) and mul_wide_s/u
(i64 x2 -> i64 x2), each applying its operator to its parameters.
Usage: wide-arithmetic.py OUT.wasm
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from wasmgen import (CODE, EXPORT, FUNCTION, I64, KIND_FUNC, TYPE, body,  # noqa: E402
                     export, func_type, module, op, uleb, vec)

# (export name, parameter count)
OPERATORS = [("add128", 4), ("sub128", 4), ("mul_wide_s", 2), ("mul_wide_u", 2)]


def apply(opname, params):
    code = b"".join(op("local.get", i) for i in range(params))
    return body(code + op("i64." + opname))


wasm = module({
    TYPE: vec([func_type([I64] * 4, [I64] * 2), func_type([I64] * 2, [I64] * 2)]),
    FUNCTION: vec([uleb(0 if p == 4 else 1) for _, p in OPERATORS]),
    EXPORT: vec([export(n, KIND_FUNC, i) for i, (n, _) in enumerate(OPERATORS)]),
    CODE: vec([apply(n, p) for n, p in OPERATORS]),
})
with open(sys.argv[1], "wb") as f:
    f.write(wasm)
