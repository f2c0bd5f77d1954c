"""Helpers for test scripts that write WebAssembly binaries by hand.

wabt 1.0.32 cannot parse several 3.0 instructions (try_table, call_ref,
the wide-arithmetic operators, custom page sizes), so those tests assemble
their modules with this module: LEB128, vectors, names, sections, function
types and bodies, and `op(text)`, the encoding of an instruction read from
the compiler's own opcode table (Opcodes.def), and the value types read
from ValTypes.def, so that neither is spelled here a second time.

Scripts elsewhere in test/ import it with
    sys.path.insert(0, <path to test/Inputs>); import wasmgen
"""
import os
import re

_WASM_INCLUDE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                             "..", "compiler", "wasm", "include", "wasmkiln",
                             "wasm")


def _read_valtypes():
    row = re.compile(r'^WASM_VALTYPE\((\w+), (\w+),')
    with open(os.path.join(_WASM_INCLUDE, "ValTypes.def")) as f:
        return {m.group(1).upper(): int(m.group(2), 0)
                for m in map(row.match, f) if m}


# Value types, by their ValTypes.def names in capitals (I32, FUNCREF,
# EXNREF, ...), and the reference-type prefixes of `(ref null? ht)`.
VALTYPES = _read_valtypes()
I32, I64, F32, F64, V128 = (VALTYPES[t] for t in ("I32", "I64", "F32", "F64",
                                                    "V128"))
FUNCREF, EXTERNREF, EXNREF = (VALTYPES[t] for t in ("FUNCREF", "EXTERNREF",
                                                      "EXNREF"))
REF_NULL, REF = 0x63, 0x64
EMPTY_BLOCK = 0x40

# Section ids, in the order a module must have them (tags after memories).
TYPE, IMPORT, FUNCTION, TABLE, MEMORY, TAG, GLOBAL, EXPORT, START, ELEMENT, \
    DATACOUNT, CODE, DATA = 1, 2, 3, 4, 5, 13, 6, 7, 8, 9, 12, 10, 11
SECTION_ORDER = [TYPE, IMPORT, FUNCTION, TABLE, MEMORY, TAG, GLOBAL, EXPORT,
                 START, ELEMENT, DATACOUNT, CODE, DATA]
# Import and export kinds.
KIND_FUNC, KIND_TABLE, KIND_MEMORY, KIND_GLOBAL, KIND_TAG = 0, 1, 2, 3, 4

MAGIC = b"\x00asm\x01\x00\x00\x00"


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


def sleb(n):
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        done = (n == 0 and not byte & 0x40) or (n == -1 and byte & 0x40)
        out.append(byte if done else byte | 0x80)
        if done:
            return bytes(out)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def name(text):
    data = text.encode()
    return uleb(len(data)) + data


def section(sid, payload):
    return bytes([sid]) + uleb(len(payload)) + payload


def valtypes(types):
    """A vector of value types, each an int (I32, ...) or bytes ((ref $t))."""
    return vec([t if isinstance(t, bytes) else bytes([t]) for t in types])


def func_type(params, results):
    return b"\x60" + valtypes(params) + valtypes(results)


def body(code, local_groups=()):
    """A code-section entry: local_groups is [(count, type), ...] and code
    the instructions (bytes) without the final `end`."""
    groups = vec([uleb(n) + (t if isinstance(t, bytes) else bytes([t]))
                  for n, t in local_groups])
    payload = groups + bytes(code) + op("end")
    return uleb(len(payload)) + payload


def module(sections):
    """The module's bytes from {section id: payload}, in the required order."""
    return MAGIC + b"".join(section(sid, sections[sid])
                            for sid in SECTION_ORDER if sid in sections)


def export(export_name, kind, index):
    return name(export_name) + bytes([kind]) + uleb(index)


def _read_opcodes():
    path = os.path.join(_WASM_INCLUDE, "Opcodes.def")
    row = re.compile(r'^WASM_OP\((\w+), "([^"]+)", (\w+), (\w+),')
    by_text = {}
    with open(path) as f:
        for line in f:
            m = row.match(line)
            if not m:
                continue
            prefix, code = int(m.group(3), 0), int(m.group(4), 0)
            encoding = bytes([code]) if prefix == 0 else bytes([prefix]) + uleb(code)
            by_text.setdefault(m.group(2), encoding)  # select: the untyped one
    return by_text


OPCODES = _read_opcodes()


def op(text, *immediates):
    """The instruction `text` followed by its immediates, each bytes or an
    int written as an unsigned LEB128 (indices, labels); i32/i64.const take
    theirs signed: pass sleb(v)."""
    return OPCODES[text] + b"".join(
        i if isinstance(i, bytes) else uleb(i) for i in immediates)


def block_type(t):
    """EMPTY_BLOCK, a value type, or ("type", index) for a type index."""
    if isinstance(t, tuple):
        return sleb(t[1])
    return t if isinstance(t, bytes) else bytes([t])


# try_table's catch clause kinds.
CATCH, CATCH_REF, CATCH_ALL, CATCH_ALL_REF = 0, 1, 2, 3


def try_table(bt, clauses, code):
    """try_table bt (clause)* code end; each clause is (CATCH, tag, label),
    (CATCH_REF, tag, label), (CATCH_ALL, label) or (CATCH_ALL_REF, label)."""
    encoded = [bytes([c[0]]) + b"".join(uleb(x) for x in c[1:])
               for c in clauses]
    return (op("try_table") + block_type(bt) + vec(encoded) + bytes(code) +
            op("end"))


def block(bt, code):
    return op("block") + block_type(bt) + bytes(code) + op("end")
