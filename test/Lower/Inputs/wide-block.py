"""Writes a module whose one function branches many times out of a block of
K i32 results (reliability finding F2). Usage: wide-block.py KIND K N
  table  K zeros, then a br_table of N entries and the default, all naming
         the block (depth 0)
  brif   K zeros, then N times `i32.const 0; br_if 0`
  type   only a function type with K params and N results (no functions)
  calls  N functions of type [] -> [i32 x K], each just `call 0` (forwarding
         K results through memory twice: finding F4)
"""
import sys


def leb(n):
    out = bytearray()
    while True:
        out.append(n & 0x7F | (0x80 if n >> 7 else 0))
        n >>= 7
        if not n:
            return bytes(out)


def section(id, payload):
    return bytes([id]) + leb(len(payload)) + payload


kind, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if kind == "type":
    types = b"\x01\x60" + leb(k) + b"\x7f" * k + leb(n) + b"\x7f" * n
    sys.stdout.buffer.write(b"\0asm\1\0\0\0" + section(1, types))
    sys.exit(0)
if kind == "calls":
    types = b"\x01\x60\x00" + leb(k) + b"\x7f" * k
    body = b"\x00\x10\x00\x0b"
    sys.stdout.buffer.write(
        b"\0asm\1\0\0\0"
        + section(1, types)
        + section(3, leb(n) + b"\x00" * n)
        + section(10, leb(n) + (leb(len(body)) + body) * n)
    )
    sys.exit(0)
# Type 0: [] -> [], the function; type 1: [] -> [i32 x K], the block.
types = b"\x02\x60\x00\x00\x60\x00" + leb(k) + b"\x7f" * k
if kind == "table":
    branches = b"\x41\x00\x0e" + leb(n) + b"\x00" * (n + 1)
else:
    branches = b"\x41\x00\x0d\x00" * n
code = b"\x02\x01" + b"\x41\x00" * k + branches + b"\x0b" + b"\x1a" * k
body = b"\x00" + code + b"\x0b"
sys.stdout.buffer.write(
    b"\0asm\1\0\0\0"
    + section(1, types)
    + section(3, b"\x01\x00")
    + section(10, b"\x01" + leb(len(body)) + body)
)
