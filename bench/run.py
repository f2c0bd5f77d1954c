#!/usr/bin/env python3
"""Benchmark driver for issue 13: builds every program in bench/programs
natively and for wasm32-wasi, compiles the wasm with wasmkiln (guard and
explicit bounds checks) and with wasm2c + clang, checks that every variant
prints the same output as native (Node included), times them and writes
tables of medians and ratios to native, a bar chart, executable sizes,
start-up time and compile throughput into docs/performance.md.

  bench/run.py                    full run, rewrites the generated sections
  bench/run.py --small            build everything, check outputs (no timing)
  bench/run.py --parts startup    only some parts (timing sizes startup
                                  compile flite large)

Timing uses hyperfine (installed with apt-get when missing and run as root)
in rounds that rotate the order of the variants; `--timer interleaved` uses
the script's own per-run interleaving instead. Standard library only.
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

import extras
from common import (CLANG, HERE, ROOT, WASM2C_RT, WASM_FLAGS, binary_note,
                    build_nosimd_wasm, default_wasmkiln, ensure_tools,
                    program_sources, run, write_section)

SHIM = os.path.join(HERE, "wasm2c-shim", "wasi-shim.c")
NODE_WASI = os.path.join(ROOT, "test", "Inputs", "node-wasi.mjs")
NATIVE_FLAGS = ["-O2"]  # the wasm builds' flags are in common.py
# What users mostly ship (issue 25): clang-19's default wasm32-wasi target,
# as Rust and Go builds look, no SIMD and no bulk memory.
WASM_SCALAR_FLAGS = ["--target=wasm32-wasi", "-O2"]

# name -> (full-run argument, small-run argument). Full runs are sized for
# roughly 0.5-3 s natively on the reference machine.
BENCHES = {
    "bigint": (200000, 200),
    "hash": (2000, 4),
    "hashtable": (44, 1),
    "interp": (8, 1),
    "lz": (160, 2),
    "matmul": (450, 4),
    "nbody": (10000000, 10000),
    "recursion": (60, 1),
    "script": (150, 1),
    "sort": (15, 1),
    "strings": (1500, 10),
    "libc": (300, 2),
}

# Every variant runs in the same timing run; the report has one table per
# build of the wasm: -msimd128 (VARIANTS) and scalar (SCALAR_VARIANTS).
VARIANTS = ["native", "wk-guard", "wk-explicit", "wasm2c", "node"]
SCALAR_VARIANTS = ["native"] + [v + "-scalar" for v in VARIANTS[1:]]
PARTS = ["timing", "sizes", "startup", "compile", "flite", "large"]


def build_wasm2c(name, out, wasm):
    """wasm2c + clang -O2 build of \p wasm (NAME.wasm, or NAME.scalar.wasm);
    returns (exe, used SIMD)."""
    stem = os.path.basename(wasm)[:-len(".wasm")]
    w2c = os.path.join(out, stem + "-w2c")
    os.makedirs(w2c, exist_ok=True)
    simd = stem == name
    module = os.path.join(w2c, "module.c")
    p = subprocess.run(["wasm2c", "-n", "bench", wasm, "-o", module],
                       capture_output=True)
    if p.returncode != 0:
        simd = False
        wasm = build_nosimd_wasm(name, out)
        run(["wasm2c", "-n", "bench", wasm, "-o", module])
    exe = os.path.join(out, stem + ".wasm2c")
    run([CLANG, "-O2", "-w", "-I", w2c, "-I", WASM2C_RT, module, SHIM,
         os.path.join(WASM2C_RT, "wasm-rt-impl.c"), "-lm", "-o", exe])
    return exe, simd


def build(name, out, wasmkiln):
    """Builds all variants of one benchmark; returns (commands, info)."""
    srcs = program_sources(name)
    exe = os.path.join(out, name)
    wasm = exe + ".wasm"
    run([CLANG] + NATIVE_FLAGS + ["-w"] + srcs + ["-o", exe + ".native", "-lm"])
    run([CLANG] + WASM_FLAGS + ["-w"] + srcs + ["-o", wasm])
    scalar = exe + ".scalar.wasm"
    run([CLANG] + WASM_SCALAR_FLAGS + ["-w"] + srcs + ["-o", scalar])
    info = {"wasm": wasm, "wasm_bytes": os.path.getsize(wasm)}
    cmds = {"native": [exe + ".native"]}
    for module, suffix in ((wasm, ""), (scalar, "-scalar")):
        for mode in ("guard", "explicit"):
            wk = exe + ".wk-" + mode + suffix
            start = time.perf_counter()
            run([wasmkiln, "--bounds-checks=" + mode, module, "-o", wk])
            if not suffix:
                info["compile_s_" + mode] = time.perf_counter() - start
            cmds["wk-" + mode + suffix] = [wk]
        w2c_exe, simd = build_wasm2c(name, out, module)
        if not suffix:
            info["wasm2c_simd"] = simd
        cmds["wasm2c" + suffix] = [w2c_exe]
        cmds["node" + suffix] = ["node", "--no-warnings", NODE_WASI, module]
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
    if not outs["native"].strip():
        raise RuntimeError(f"{name}: printed nothing")
    return outs["native"]


def time_interleaved(cmds, arg, runs, rounds):
    """One untimed warm-up round, then runs*rounds rounds of every variant
    in turn, each process timed from spawn to exit."""
    samples = {v: [] for v in cmds}
    for i in range(runs * rounds + 1):
        for v, cmd in cmds.items():
            start = time.perf_counter()
            run(cmd + [str(arg)], stdout=subprocess.DEVNULL)
            if i:
                samples[v].append(time.perf_counter() - start)
    return {v: statistics.median(s) for v, s in samples.items()}


def time_hyperfine(cmds, arg, runs, rounds):
    """hyperfine runs all of one command's runs back to back; to spread
    machine-load drift over the variants it is called `rounds` times with
    the order of the variants rotated (one warm-up run each in the first),
    and the samples are pooled."""
    names = list(cmds)
    samples = {v: [] for v in names}
    for r in range(rounds):
        order = names[r % len(names):] + names[:r % len(names)]
        with tempfile.NamedTemporaryFile(suffix=".json") as f:
            argv = ["hyperfine", "-N", "--warmup", "1" if r == 0 else "0",
                    "--runs", str(runs),
                    "--export-json", f.name, "--style", "none"]
            for v in order:
                argv += ["-n", v, " ".join(cmds[v] + [str(arg)])]
            run(argv, stdout=subprocess.DEVNULL)
            with open(f.name) as j:
                for v, res in zip(order, json.load(j)["results"]):
                    samples[v] += res["times"]
    return {v: statistics.median(s) for v, s in samples.items()}


def geomean(xs):
    return math.exp(sum(math.log(x) for x in xs) / len(xs))


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
            mark = "" if v != "wasm2c" or infos[name]["wasm2c_simd"] else "¹"
            cells.append(f"{t[v]:.3f} ({r:.2f}×){mark}")
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


def ratio_rows(times, order):
    names = sorted(times)
    rows = [[n] + [times[n][v] / times[n]["native"] for v in order[1:]]
            for n in names]
    rows.append(["geomean"] + [geomean([times[n][v] / times[n]["native"]
                                        for n in names]) for v in order[1:]])
    return rows


def png_chart(times, order, path):
    """Clustered bar chart of time / native with gnuplot."""
    rows = ratio_rows(times, order)
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "ratios.tsv")
        with open(data, "w") as f:
            f.write("benchmark\t" + "\t".join(order[1:]) + "\n")
            for r in rows:
                f.write(r[0] + "\t" + "\t".join(f"{x:.4f}" for x in r[1:])
                        + "\n")
        top = max(max(r[1:]) for r in rows)
        script = f"""
set terminal pngcairo size 1200,480 font 'sans,10'
set output '{path}'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set ylabel 'time / native (lower is better)'
set yrange [0:{math.ceil(top + 0.5)}]
set grid ytics
set key top left
set xtics nomirror
set title 'wasmkiln vs native, wasm2c and Node (bench/run.py)'
set arrow from graph 0, first 1 to graph 1, first 1 nohead lc rgb 'black' lw 1
plot for [i=2:{len(order)}] '{data}' using i:xtic(1) title columnheader(i)
"""
        run(["gnuplot"], input=script.encode())


def svg_chart(times, order, path):
    """The same chart as SVG, written directly (no gnuplot needed)."""
    rows = ratio_rows(times, order)
    colours = ["#d62728", "#ff7f0e", "#1f77b4", "#2ca02c"]
    bw, gap, h, top, left = 9, 14, 260, 20, 40
    gw = bw * (len(order) - 1) + gap
    width = left + gw * len(rows) + 10
    cap = 6.0
    scale = h / cap
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" '
           f'height="{h + top + 90}" font-family="sans-serif" font-size="10">']
    for y in range(int(cap) + 1):
        yy = top + h - y * scale
        out.append(f'<line x1="{left}" x2="{width}" y1="{yy}" y2="{yy}" '
                   f'stroke="#ddd"/><text x="{left - 4}" y="{yy + 3}" '
                   f'text-anchor="end">{y}×</text>')
    for i, row in enumerate(rows):
        x0 = left + i * gw + gap / 2
        for j, r in enumerate(row[1:]):
            bh = min(r, cap) * scale
            out.append(f'<rect x="{x0 + j * bw}" y="{top + h - bh}" '
                       f'width="{bw - 1}" height="{bh}" fill="{colours[j]}">'
                       f'<title>{row[0]} {order[j + 1]}: {r:.2f}×</title>'
                       '</rect>')
        out.append(f'<text x="{x0 + gw / 2 - gap / 2}" y="{top + h + 14}" '
                   f'text-anchor="middle">{row[0]}</text>')
    for j, v in enumerate(order[1:]):
        x = left + j * 90
        out.append(f'<rect x="{x}" y="{top + h + 30}" width="10" height="10" '
                   f'fill="{colours[j]}"/><text x="{x + 14}" '
                   f'y="{top + h + 39}">{v}</text>')
    out.append(f'<text x="{left}" y="{top + h + 60}">time / native '
               f'(lower is better, capped at 6×)</text></svg>')
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


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
            "wasm2c": ver(["wasm2c", "--version"]),
            "hyperfine": ver(["hyperfine", "--version"])
            if shutil.which("hyperfine") else "-",
            "load": os.getloadavg()}


def timing_report(args, times, infos, order):
    perf, comp = table(times, {n: infos[n] for n in times}, VARIANTS)
    scalar, _ = table(times, {n: infos[n] for n in times}, SCALAR_VARIANTS)
    m = machine()
    f = io.StringIO()
    how = (f"hyperfine ({m['hyperfine']}), {args.rounds} rounds × "
           f"{args.runs} runs, variant order rotated each round"
           if args.timer == "hyperfine" else
           f"{args.rounds * args.runs} interleaved rounds")
    f.write(f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}: "
            f"median of {how}"
            f"{f', pinned to CPU {args.cpu}' if args.cpu is not None else ''}."
            f" Load average before the run: {m['load'][0]:.1f}.\n\n")
    f.write(f"Machine: {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}; "
            f"{m['clang']}; node {m['node']}; wasm2c {m['wasm2c']}.\n\n")
    f.write("Flags: native `clang-19 -O2`; wasm `clang-19 --target=wasm32-wasi"
            " -O2 -mbulk-memory -msimd128` (first table) and plain "
            "`clang-19 --target=wasm32-wasi -O2`, scalar (second table, the "
            "same run); wasmkiln default (-O2, "
            f"`--cpu=x86-64-v2`); wasmkiln {binary_note(args.wasmkiln)}."
            "\n\n")
    f.write("**SIMD128 builds:**\n\n" + perf + "\n\n")
    f.write("**Scalar builds** (what clang-19's default wasm32-wasi target, "
            "Rust and Go emit):\n\n" + scalar + "\n\n")
    if not all(infos[n]["wasm2c_simd"] for n in times):
        f.write("¹ wasm2c 1.0.32 rejects SIMD modules: its build is the same "
                "program without `-msimd128`.\n\n")
    base = os.path.splitext(os.path.basename(args.report))[0]
    f.write(f"![time relative to native]({base}.png)\n\n")
    f.write("wasmkiln compile time of each benchmark (-O2, whole command "
            "including link):\n\n" + comp + "\n")
    return f.getvalue()


def run_timing(args, out, order):
    times, infos, failed = {}, {}, []
    for name in args.only or sorted(BENCHES):
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
            simd = "" if infos[name]["wasm2c_simd"] else " (wasm2c: no SIMD)"
            print(f"ok   {name}: {', '.join(order)} agree{simd}", flush=True)
            continue
        timer = time_hyperfine if args.timer == "hyperfine" else \
            time_interleaved
        times[name] = t = timer(cmds, arg, args.runs, args.rounds)
        print(f"{name:10s} " + "  ".join(
            f"{v} {t[v]:.3f}s ({t[v] / t['native']:.2f}x)" for v in order),
            flush=True)
    if not args.small and times:
        text = timing_report(args, times, infos, order)
        base = os.path.splitext(args.report)[0]
        png_chart(times, VARIANTS, base + ".png")
        svg_chart(times, VARIANTS, base + ".svg")
        write_section(args.report, "timing", text)
    return failed, infos


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--small", action="store_true",
                    help="only build and check outputs on small inputs")
    ap.add_argument("--runs", type=int, default=5,
                    help="timed runs per variant and round")
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds (variant order rotated between rounds)")
    ap.add_argument("--timer", choices=["hyperfine", "interleaved"],
                    default="hyperfine")
    ap.add_argument("--parts", default=",".join(PARTS),
                    help="comma-separated subset of " + ",".join(PARTS))
    ap.add_argument("--wasmkiln", default=default_wasmkiln())
    ap.add_argument("--out-dir", help="build directory (default: a temp dir)")
    ap.add_argument("--report", default=os.path.join(ROOT, "docs",
                                                     "performance.md"),
                    help="markdown file whose generated sections are rewritten")
    ap.add_argument("--only", nargs="*", choices=sorted(BENCHES),
                    help="benchmarks to run")
    ap.add_argument("--cpu", type=int, help="pin all runs to this CPU")
    args = ap.parse_args()
    parts = args.parts.split(",")
    if args.small:
        parts = ["timing"]
    ensure_tools({"node": "nodejs", "wasm2c": "wabt"})
    if not args.small:
        ensure_tools({"hyperfine": "hyperfine", "gnuplot": "gnuplot-nox"})
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})  # inherited by every child
    out = args.out_dir or tempfile.mkdtemp(prefix="wasmkiln-bench-")
    os.makedirs(out, exist_ok=True)

    failed, infos = [], {}
    if "timing" in parts:
        failed, infos = run_timing(args, out, VARIANTS + SCALAR_VARIANTS[1:])
    if "sizes" in parts:
        write_section(args.report, "sizes", extras.sizes(out, args.wasmkiln))
    if "startup" in parts:
        write_section(args.report, "startup",
                      extras.startup(out, args.wasmkiln))
    if "compile" in parts:
        write_section(args.report, "compile",
                      extras.compile_suite(out, args.wasmkiln,
                                           sorted(BENCHES)))
    if "flite" in parts:
        write_section(args.report, "flite",
                      extras.flite_module(out, args.wasmkiln))
    if "large" in parts:
        write_section(args.report, "large",
                      extras.large_module(out, args.wasmkiln))
    if not args.small:
        print(f"wrote {args.report}")
    if failed:
        print("failed: " + " ".join(failed))
        return 1
    print(f"{len(args.only or BENCHES)} passed, 0 failed" if args.small
          else "done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
