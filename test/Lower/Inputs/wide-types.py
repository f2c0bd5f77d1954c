"""Writes a module of T distinct function types of K results each and an
imported function of each type (finding F3: every type of a function gets
an entry thunk). Usage: wide-types.py K T"""
import sys
def leb(n):
    out = bytearray()
    while True:
        out.append(n & 0x7f | (0x80 if n >> 7 else 0)); n >>= 7
        if not n: return bytes(out)
K, T = int(sys.argv[1]), int(sys.argv[2])
types = leb(T)
for j in range(T):
    # the first results spell j in base 4 (i32 i64 f32 f64): distinct types
    res = bytes(0x7f - ((j >> 2 * p) & 3) for p in range(K))
    types += b"\x60\x00" + leb(K) + res
imports = leb(T)
for j in range(T):
    field = b"f%d" % j
    imports += b"\x01m" + leb(len(field)) + field + b"\x00" + leb(j)
sys.stdout.buffer.write(b"\0asm\1\0\0\0\x01" + leb(len(types)) + types +
                        b"\x02" + leb(len(imports)) + imports)
