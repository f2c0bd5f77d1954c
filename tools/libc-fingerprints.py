#!/usr/bin/env python3
"""Prints the LIBC_BODY lines of compiler/irgen/LibcRoutines.def for the
wasi-libc installed here: memcpy, memmove and memset as wasm-ld links them
(clang-19 without wasm-opt on PATH) and as clang's wasm-opt -O1/-O2/-O3/-Os/
-Oz leaves them, with their results used by the callers and unused by all
(wasm-opt then drops the result).

wasm-opt keeps no names (and with -g it optimises differently), so in its
output the three are told apart by their bodies: memmove is the one that
calls another (memcpy), memset the one that loads nothing. The program
calls only these, so every function wasmkiln fingerprints is one of them
(some may be inlined into main).

Usage: tools/libc-fingerprints.py [path/to/wasmkiln]
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile

# Each routine is called from three sites, as in real programs: wasm-opt
# inlines a function with fewer call sites.
PROGRAMS = {
    "used": "return *(char *)memcpy(a, b, c) + *(char *)memmove(a + 1, a, c)"
            " + *(char *)memset(b, c, c) + *(char *)memcpy(b, a, c - 1)"
            " + *(char *)memmove(a, a + 2, c) + *(char *)memset(a, 0, c)"
            " + *(char *)memcpy(a + 5, b, c) + *(char *)memmove(b + 3, b, c)"
            " + *(char *)memset(b + 1, c, c);",
    "unused": "memcpy(a, b, c), memmove(a + 1, a, c), memset(b, c, c);"
              " memcpy(b, a, c - 1), memmove(a, a + 2, c), memset(a, 0, c);"
              " memcpy(a + 5, b, c), memmove(b + 3, b, c), memset(b + 1, c, c);"
              " return a[c];",
}
LEVELS = [None, "-O1", "-O2", "-O3", "-Os", "-Oz"]


def fingerprints(wasmkiln, module):
    """(fingerprint, function name) of each candidate function."""
    out = subprocess.run([wasmkiln, "-wasmkiln-print-libc-fingerprints",
                          "--emit=llvm", "-O0", module, "-o", os.devnull],
                         capture_output=True, text=True, check=True).stderr
    return [tuple(line.split()) for line in out.splitlines() if line]


def function_text(module, name):
    """The wasm2wat text of function `name` (f<i> or its own name)."""
    wat = subprocess.run(["wasm2wat", module], capture_output=True, text=True,
                         check=True).stdout
    m = re.fullmatch(r"f(\d+)", name)
    head = rf"\(func \(;{m.group(1)};\)" if m else rf"\(func \${re.escape(name)}\b"
    start = re.search(head, wat).start()
    end = wat.find("\n  (func", start + 1)
    return wat[start:end if end > 0 else len(wat)]


def routine_of(module, name):
    if name in ("memcpy", "memmove", "memset"):
        return name.capitalize()
    body = function_text(module, name)
    if re.search(r"\bcall \d+", body):
        return "Memmove"
    if "load" not in body:
        return "Memset"
    return "Memcpy"


def main():
    wasmkiln = os.path.abspath(sys.argv[1] if len(sys.argv) > 1
                               else "build/bin/wasmkiln")
    libc = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", "wasi-libc"],
                          capture_output=True, text=True).stdout or "unknown"
    lines = set()
    with tempfile.TemporaryDirectory() as work:
        bindir = os.path.join(work, "bin")
        os.mkdir(bindir)
        for tool in ("clang-19", "wasm-ld-19"):
            os.symlink(shutil.which(tool), os.path.join(bindir, tool))
        for use, body in PROGRAMS.items():
            src = os.path.join(work, use + ".c")
            with open(src, "w") as f:
                f.write("#include <string.h>\nchar a[256], b[256];\n"
                        "int main(int c, char **v) { " + body + " }\n")
            linked = os.path.join(work, use + ".wasm")
            # clang runs wasm-opt when it finds one on PATH; this has none.
            subprocess.run(["clang-19", "--target=wasm32-wasi", "-O2", src,
                            "-o", linked], check=True,
                           env=dict(os.environ, PATH=bindir))
            for level in LEVELS:
                module, build = linked, "wasm-ld"
                if level:
                    module = os.path.join(work, use + level + ".wasm")
                    subprocess.run(["wasm-opt", linked, level, "-o", module],
                                   check=True)
                    build = "wasm-opt " + level
                found = fingerprints(wasmkiln, module)
                routines = sorted(routine_of(module, n) for _, n in found)
                # (wasm-opt may still inline one into main.)
                if len(set(routines)) != len(routines):
                    sys.exit(f"{use} {build}: routines told apart wrongly: "
                             f"{found}")
                for print_, name in found:
                    lines.add((routine_of(module, name), print_,
                               f"{build} ({use})"))
    print(f"// wasi-libc {libc} (tools/libc-fingerprints.py)")
    builds = {}
    for routine, print_, build in sorted(lines):
        builds.setdefault((routine, print_), []).append(build)
    for (routine, print_), names in sorted(builds.items()):
        print(f'LIBC_BODY({routine}, "{print_}",\n          '
              f'"{"; ".join(names)}")')


if __name__ == "__main__":
    main()
