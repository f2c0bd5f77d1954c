#!/usr/bin/env python3
"""Whether two objects have the same instructions in every wasm function.

  bench/same-code.py old.o new.o

The disassembly of each `wasm:` symbol (up to its size) must be equal once
addresses are masked: branch and call targets and displacements move when
data between functions (frame info, docs/debugging.md) changes size. Used to
check that backtrace support changes no code (docs/debugging.md, "Cost").
"""
import re
import subprocess
import sys


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True,
                          check=True).stdout


def normalise(instruction):
    text = re.sub(r"<[^>]*>", "", instruction)          # symbolised targets
    text = re.sub(r"\s+#.*$", "", text.strip())          # comments
    text = re.sub(r"\b(0x)?[0-9a-f]{3,}\b", "A", text)   # addresses
    return re.sub(r"^(j\w+|call\w*)\s+(0x[0-9a-f]+|A)", r"\1 A", text)


def wasm_functions(obj):
    sizes = {}
    for line in run("llvm-nm-19", "-S", "--defined-only", obj).splitlines():
        fields = line.split(None, 3)
        if len(fields) == 4:
            sizes[fields[3]] = int(fields[1], 16)
    functions, name, end = {}, None, 0
    for line in run("llvm-objdump-19", "-dr", "--no-show-raw-insn",
                    obj).splitlines():
        label = re.match(r"^([0-9a-f]+) <(.*)>:$", line)
        if label:
            name = label.group(2)
            end = int(label.group(1), 16) + sizes.get(name, 1 << 60)
            functions[name] = []
            continue
        at = re.match(r"^\s*([0-9a-f]+):", line)
        if not name or not line.strip() or (at and int(at.group(1), 16) >= end):
            continue  # past the symbol: the next function's frame info
        text = normalise(line.split(":", 1)[1] if at else line)
        if text != "...":
            functions[name].append(text)
    return {n: body for n, body in functions.items() if n.startswith("wasm:")}


def main():
    old, new = wasm_functions(sys.argv[1]), wasm_functions(sys.argv[2])
    differ = sorted(n for n in old if n in new and old[n] != new[n])
    print(f"{len(old)} and {len(new)} wasm functions, {len(differ)} differ",
          " ".join(differ[:5]))
    return 1 if differ or set(old) != set(new) else 0


if __name__ == "__main__":
    sys.exit(main())
