#!/usr/bin/env python3
"""Benchmark driver for issue 13: builds every program in bench/programs
natively and for wasm32-wasi, compiles the wasm with wasmkiln (guard and
explicit bounds checks) and with wasm2c + clang, checks that every variant
prints the same output as native (and as Node, the reference), times them and
writes a markdown table of medians and ratios to native into
docs/performance.md.

  bench/run.py            full run, writes docs/performance.md
  bench/run.py --small    quick: build everything, check outputs agree

Standard library only. Timing uses hyperfine when --hyperfine is given and it
is installed; otherwise the script runs all variants of a benchmark in
interleaved rounds (so machine load drifts hit every variant alike) and takes
the median of each.
"""

import argparse
import io
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = os.path.join(HERE, "programs")
SHIM = os.path.join(HERE, "wasm2c-shim", "wasi-shim.c")
NODE_WASI = os.path.join(ROOT, "test", "Inputs", "node-wasi.mjs")
WASM2C_RT = "/usr/src/wasm2c"  # wabt package: wasm-rt-impl.c/.h
CLANG = "clang-19"

# name -> (full-run argument, small-run argument). Full runs are sized for
# roughly 0.5-3 s natively on the reference machine.
BENCHES = {
    "bigint": (200000, 200),
    "hash": (2000, 4),
    "hashtable": (30, 1),
    "interp": (8, 1),
    "lz": (160, 2),
    "matmul": (450, 4),
    "nbody": (10000000, 10000),
    "recursion": (60, 1),
    "sort": (12, 1),
    "strings": (1500, 10),
}

VARIANTS = ["native", "wk-guard", "wk-explicit", "wasm2c", "node"]


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def default_wasmkiln():
    for cand in ("/work/build-bench/bin/wasmkiln",
                 os.path.join(ROOT, "build", "bin", "wasmkiln")):
        if os.access(cand, os.X_OK):
            return cand
    return shutil.which("wasmkiln") or "wasmkiln"


def build(name, out, wasmkiln):
    """Builds all variants of one benchmark; returns (commands, compile info)."""
    src = os.path.join(PROGRAMS, name + ".c")
    exe = os.path.join(out, name)
    wasm = exe + ".wasm"
    run([CLANG, "-O2", "-w", src, "-o", exe + ".native", "-lm"])
    run([CLANG, "--target=wasm32-wasi", "-O2", "-w", src, "-o", wasm])
    info = {"wasm_bytes": os.path.getsize(wasm)}
    for mode in ("guard", "explicit"):
        start = time.perf_counter()
        run([wasmkiln, "--bounds-checks=" + mode, wasm, "-o",
             exe + ".wk-" + mode])
        info["compile_s_" + mode] = time.perf_counter() - start
    w2c = os.path.join(out, name + "-w2c")
    os.makedirs(w2c, exist_ok=True)
    run(["wasm2c", "-n", "bench", wasm, "-o", os.path.join(w2c, "module.c")])
    run([CLANG, "-O2", "-w", "-I", w2c, "-I", WASM2C_RT,
         os.path.join(w2c, "module.c"), SHIM,
         os.path.join(WASM2C_RT, "wasm-rt-impl.c"), "-lm",
         "-o", exe + ".wasm2c"])
    cmds = {
        "native": [exe + ".native"],
        "wk-guard": [exe + ".wk-guard"],
        "wk-explicit": [exe + ".wk-explicit"],
        "wasm2c": [exe + ".wasm2c"],
        "node": ["node", "--no-warnings", NODE_WASI, wasm],
    }
    return cmds, info


def check(name, cmds, arg):
    """Runs every variant once; returns the native output or raises."""
    outs = {}
    for v, cmd in cmds.items():
        p = subprocess.run(cmd + [str(arg)], capture_output=True, text=True)
        if p.returncode != 0:
            raise RuntimeError(f"{name}/{v} exited {p.returncode}: {p.stderr}")
        outs[v] = p.stdout
    bad = [v for v in outs if outs[v] != outs["native"]]
    if bad:
        detail = "; ".join(f"{v}: {outs[v]!r}" for v in ["native"] + bad)
        raise RuntimeError(f"{name}: output differs: {detail}")
    return outs["native"]


def time_interleaved(cmds, arg, runs):
    samples = {v: [] for v in cmds}
    for _ in range(runs):
        for v, cmd in cmds.items():
            start = time.perf_counter()
            run(cmd + [str(arg)], stdout=subprocess.DEVNULL)
            samples[v].append(time.perf_counter() - start)
    return {v: statistics.median(s) for v, s in samples.items()}


def time_hyperfine(cmds, arg, runs):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        names = list(cmds)
        argv = ["hyperfine", "-N", "--warmup", "1", "--runs", str(runs),
                "--export-json", f.name, "--style", "none"]
        for v in names:
            argv += ["-n", v, " ".join(cmds[v] + [str(arg)])]
        run(argv, stdout=subprocess.DEVNULL)
        res = json.load(open(f.name))["results"]
    return {v: r["median"] for v, r in zip(names, res)}


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


def machine():
    cpu = platform.processor()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ver = lambda c: subprocess.run(c, capture_output=True, text=True
                                   ).stdout.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(),
            "clang": ver([CLANG, "--version"]), "node": ver(["node", "--version"]),
            "wasm2c": ver(["wasm2c", "--version"])}


def table(times, infos, order):
    head = "| benchmark | native (s) | " + " | ".join(
        f"{v} (s, ×native)" for v in order[1:]) + " |"
    lines = [head, "|" + "---|" * (len(order) + 1)]
    ratios = {v: [] for v in order[1:]}
    for name in sorted(times):
        t = times[name]
        cells = [f"{t['native']:.3f}"]
        for v in order[1:]:
            r = t[v] / t["native"]
            ratios[v].append(r)
            cells.append(f"{t[v]:.3f} ({r:.2f}×)")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines.append("| **geomean** | | " + " | ".join(
        f"**{geomean(ratios[v]):.2f}×**" for v in order[1:]) + " |")
    comp = ["| benchmark | wasm size (KB) | wasmkiln guard (s) | MB/s | "
            "wasmkiln explicit (s) | MB/s |", "|---|---|---|---|---|---|"]
    for name in sorted(infos):
        i = infos[name]
        mb = i["wasm_bytes"] / 1e6
        comp.append(
            f"| {name} | {i['wasm_bytes'] / 1024:.1f} | "
            f"{i['compile_s_guard']:.2f} | {mb / i['compile_s_guard']:.2f} | "
            f"{i['compile_s_explicit']:.2f} | "
            f"{mb / i['compile_s_explicit']:.2f} |")
    return "\n".join(lines), "\n".join(comp)


def bar_chart(times, order, path):
    """Writes an SVG bar chart of time / native per benchmark (log-free,
    ratios capped at 6 for readability; the table has the exact values)."""
    names = sorted(times) + ["geomean"]
    colours = ["#888", "#d62728", "#ff7f0e", "#1f77b4", "#2ca02c"]
    bw, gap, h, top, left = 9, 14, 260, 20, 40
    gw = bw * len(order) + gap
    width = left + gw * len(names) + 10
    scale = h / 6.0
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{h + top + 90}" font-family="sans-serif" font-size="10">']
    for y in range(7):
        yy = top + h - y * scale
        out.append(f'<line x1="{left}" x2="{width}" y1="{yy}" y2="{yy}" '
                   f'stroke="#ddd"/><text x="{left - 4}" y="{yy + 3}" '
                   f'text-anchor="end">{y}×</text>')
    for i, name in enumerate(names):
        x0 = left + i * gw + gap / 2
        for j, v in enumerate(order):
            if name == "geomean":
                r = geomean([times[n][v] / times[n]["native"] for n in times])
            else:
                r = times[name][v] / times[name]["native"]
            bh = min(r, 6.0) * scale
            out.append(f'<rect x="{x0 + j * bw}" y="{top + h - bh}" '
                       f'width="{bw - 1}" height="{bh}" fill="{colours[j]}">'
                       f'<title>{name} {v}: {r:.2f}×</title></rect>')
        out.append(f'<text x="{x0 + gw / 2 - gap / 2}" y="{top + h + 14}" '
                   f'text-anchor="middle">{name}</text>')
    for j, v in enumerate(order):
        x = left + j * 90
        out.append(f'<rect x="{x}" y="{top + h + 30}" width="10" height="10" '
                   f'fill="{colours[j]}"/><text x="{x + 14}" '
                   f'y="{top + h + 39}">{v}</text>')
    out.append(f'<text x="{left}" y="{top + h + 60}">time / native '
               f'(lower is better, capped at 6×)</text></svg>')
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


BEGIN = "<!-- results:begin (generated by bench/run.py) -->"
END = "<!-- results:end -->"


def write_results(path, text):
    """Replaces the generated section of path, keeping the prose around it."""
    old = open(path).read() if os.path.exists(path) else ""
    if BEGIN in old and END in old:
        pre, rest = old.split(BEGIN, 1)
        post = rest.split(END, 1)[1]
    else:
        pre, post = old + ("\n" if old else ""), "\n"
    with open(path, "w") as f:
        f.write(pre + BEGIN + "\n" + text + END + post)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true",
                    help="only build and check outputs on small inputs")
    ap.add_argument("--runs", type=int, default=5, help="timed runs per variant")
    ap.add_argument("--wasmkiln", default=default_wasmkiln())
    ap.add_argument("--out-dir", help="build directory (default: a temp dir)")
    ap.add_argument("--report", default=os.path.join(ROOT, "docs",
                                                     "performance.md"),
                    help="markdown file whose results section is rewritten")
    ap.add_argument("--only", nargs="*", help="benchmarks to run")
    ap.add_argument("--cpu", type=int, help="pin all runs to this CPU")
    ap.add_argument("--hyperfine", action="store_true",
                    help="time with hyperfine instead of interleaved rounds")
    args = ap.parse_args()

    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})  # inherited by every child
    out = args.out_dir or tempfile.mkdtemp(prefix="wasmkiln-bench-")
    os.makedirs(out, exist_ok=True)
    names = args.only or sorted(BENCHES)
    order = VARIANTS if shutil.which("node") else VARIANTS[:-1]
    timer = time_interleaved
    if args.hyperfine:
        if not shutil.which("hyperfine"):
            sys.exit("hyperfine is not installed")
        timer = time_hyperfine

    times, infos, failed = {}, {}, []
    for name in names:
        full, small = BENCHES[name]
        arg = small if args.small else full
        try:
            cmds, infos[name] = build(name, out, args.wasmkiln)
            cmds = {v: cmds[v] for v in order}
            check(name, cmds, arg)
        except (RuntimeError, subprocess.CalledProcessError) as e:
            print(f"FAIL {name}: {e}", flush=True)
            failed.append(name)
            continue
        if args.small:
            print(f"ok   {name}", flush=True)
            continue
        times[name] = timer(cmds, arg, args.runs)
        t = times[name]
        print(f"{name:10s} " + "  ".join(
            f"{v} {t[v]:.3f}s ({t[v] / t['native']:.2f}x)" for v in order),
            flush=True)

    if not args.small and times:
        perf, comp = table(times, {n: infos[n] for n in times}, order)
        m = machine()
        with io.StringIO() as f:
            how = "hyperfine runs" if args.hyperfine else "interleaved rounds"
            f.write(f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
                    f", median of {args.runs} {how}"
                    f"{f', pinned to CPU {args.cpu}' if args.cpu is not None else ''}.\n\n")
            f.write(f"Machine: {m['cpu']}, {m['cores']} cores, Linux "
                    f"{m['kernel']}; {m['clang']}; node {m['node']}; "
                    f"wasm2c {m['wasm2c']}.\n\n")
            chart = os.path.splitext(args.report)[0] + ".svg"
            bar_chart(times, order, chart)
            f.write("### Run time\n\n" + perf + "\n\n")
            f.write(f"![time relative to native]({os.path.basename(chart)})"
                    "\n\n")
            f.write("### wasmkiln compile time (-O2, whole command including "
                    "link)\n\n" + comp + "\n")
            write_results(args.report, f.getvalue())
        print(f"wrote {args.report}")
    if failed:
        print("failed: " + " ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
