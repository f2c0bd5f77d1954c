# gdb helpers for programs compiled by `wasmkiln -g` (docs/debugging.md).
#
#   source /path/to/wasmkiln.py       (or: gdb -x wasmkiln.py ...)
#   print *$wasm(list->next)
#
# A pointer that wasm code keeps in linear memory (a struct member, an
# array element, what a pointer points to) is a 4-byte wasm address, which
# gdb prints but cannot follow. $wasm(p) is the native pointer for it:
# memory 0's base (`__wasm_memory`) plus the address, typed as a pointer to
# what p points to; a null address stays null.
import re

import gdb


def _pointee(name):
    """The gdb type a wasm address type's name ("node *", "const char *")
    points to, or None when that is itself a pointer (not expressible as
    a native type: its bytes are a wasm address too)."""
    m = re.fullmatch(r"\s*(.*?)\s*\*\s*", name)
    if not m:
        return None
    base = m.group(1)
    if base.endswith("*"):
        return None
    # gdb spells them after the type too ("char const*").
    words = base.split()
    qualifiers = [w for w in words if w in ("const", "volatile")]
    base = " ".join(w for w in words if w not in ("const", "volatile"))
    if base == "void":
        target = gdb.lookup_type("char")
    else:
        # As seen from the current frame (the guest's unit first: under
        # `wasmkiln run` the process has other types of the same name), a
        # tag before a typedef or base type of the name.
        try:
            block = gdb.selected_frame().block()
        except RuntimeError:
            block = None
        target = None
        for spelling in ("struct " + base, "union " + base, "enum " + base,
                         base):
            try:
                target = gdb.lookup_type(spelling, block)
                break
            except gdb.error:
                continue
        if target is None:
            return None
    for q in qualifiers:
        target = target.const() if q == "const" else target.volatile()
    return target


class WasmPointer(gdb.Function):
    """$wasm(p): the native pointer for wasm address p (a pointer that
    wasm code keeps in linear memory)."""

    def __init__(self):
        super().__init__("wasm")

    def invoke(self, value):
        if value.type.strip_typedefs().code != gdb.TYPE_CODE_PTR:
            raise gdb.GdbError("$wasm: the argument is not a pointer")
        if value.type.strip_typedefs().sizeof != 4:
            return value  # already native (a pointer variable, say)
        target = _pointee(str(value.type.strip_typedefs()))
        if target is None:
            raise gdb.GdbError(
                "$wasm: cannot name the type %s points to (a pointer to a "
                "pointer: apply $wasm to what it points to)" % value.type)
        address = int(value) & 0xFFFFFFFF
        if address == 0:
            return gdb.Value(0).cast(target.pointer())
        base = gdb.parse_and_eval("__wasm_memory")
        return (base + address).cast(target.pointer())


WasmPointer()
