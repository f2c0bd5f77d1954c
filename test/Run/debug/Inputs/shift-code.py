# Rewrites a wasm module so that its code section's contents begin one
# byte later relative to the code (the function count as a padded LEB128):
# every wasm code address moves by one, and DWARF left as it was no
# longer matches the code, as after a tool that rewrites code only.
import sys


def leb(data, at):
    value, shift = 0, 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def leb5(value):
    return bytes([(value >> (7 * i) & 0x7F) | (0x80 if i < 4 else 0) for i in range(5)])


data = open(sys.argv[1], "rb").read()
out, at = bytearray(data[:8]), 8
while at < len(data):
    section = data[at]
    size, start = leb(data, at + 1)
    contents = data[start:start + size]
    if section == 10:
        count, rest = leb(contents, 0)
        # The same value in one byte more.
        padded = bytes(b | 0x80 for b in leb5(count)[:rest]) + bytes([0])
        contents = padded + contents[rest:]
        out += bytes([section]) + leb5(len(contents)) + contents
    else:
        out += data[at:start + size]
    at = start + size
open(sys.argv[2], "wb").write(out)
