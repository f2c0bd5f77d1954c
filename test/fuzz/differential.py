#!/usr/bin/env python3
"""Differential execution: wasmkiln against wabt's interpreter, random modules.

For each seed, deterministic random bytes become a valid module through
binaryen (`wasm-opt -ttf --denan`, which adds its fuzzing exports: hashMemory,
func_N, func_N_invoker, hangLimitInitializer, and imports of
fuzzing-support.log-*). A command list in wast2json's JSON format then
instantiates the module and, for every exported function in export order,
invokes hangLimitInitializer and the export with zero arguments (what
binaryen's own --fuzz-exec does). The same commands run in wabt's
spectest-interp (the reference) and in `wasmkiln-spec --trace` in each
configuration (JIT and AOT, guard and explicit bounds checks); the
transcripts (results, traps, and every value the module logs through
fuzzing-support.log-*, routed to spectest.print_*) must be equal after
normalising what the spec leaves open (NaN signs; trap message wording).
NaN payloads are kept out of the comparison at the source: --denan for
scalar floats, a text rewrite (denan_simd) for SIMD floats.

  differential.py --runner build/bin/wasmkiln-spec --work /tmp/wk-diff \\
      [--count 1000] [--start 0] [--time-limit 3600] [--batch 20] \\
      [--configs jit-guard,jit-explicit,aot-guard,aot-explicit] \\
      [--jobs 2] [--seeds 5,17] [--features tail-call,memory64,...]

--features adds WebAssembly 3.0 features (EXTRA_FEATURES) to what binaryen
generates and what spectest-interp accepts. A seed's module depends on the
features, so give each feature set its own work directory.

The work directory records every finished seed in results.jsonl; running
again with the same work directory skips them (resumable). A divergence keeps
its inputs under WORK/divergences/seed-N/ (module, commands, transcripts).
Exit status: 0 when no seed diverged in this run, 1 otherwise, 2 on errors.
Python standard library only.
"""
import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time

CONFIGS = {
    "jit-guard": [],
    "jit-explicit": ["--bounds-checks", "explicit"],
    "aot-guard": ["--aot"],
    "aot-explicit": ["--aot", "--bounds-checks", "explicit"],
}

# What both wabt 1.0.32 and wasmkiln implement the same way. Not reference
# types: binaryen 108 emits the pre-standard subtyping (funcref <: externref,
# anyref) that wabt rejects.
FEATURES = ["--mvp-features", "--enable-sign-ext",
            "--enable-nontrapping-float-to-int", "--enable-mutable-globals",
            "--enable-bulk-memory", "--enable-multivalue", "--enable-simd"]

# --features: our name -> (binaryen 108's flag, wabt 1.0.32's flag). Not
# relaxed SIMD (the spec allows several results, wabt picks other ones than
# wasmkiln) and not multiple memories (binaryen 108 cannot generate them).
EXTRA_FEATURES = {
    "tail-call": ("--enable-tail-call", "--enable-tail-call"),
    "memory64": ("--enable-memory64", "--enable-memory64"),
    "exceptions": ("--enable-exception-handling", "--enable-exceptions"),
    "extended-const": ("--enable-extended-const", "--enable-extended-const"),
    "function-references": ("--enable-typed-function-references",
                            "--enable-function-references"),
    "threads": ("--enable-threads", "--enable-threads"),
}

# fuzzing-support.log-* forward to spectest.print_*, which both
# spectest-interp and wasmkiln-spec --trace print as "called host ..." lines.
FUZZING_SUPPORT_WAT = """(module
  (import "spectest" "print_i32" (func $pi (param i32)))
  (import "spectest" "print_i64" (func $pl (param i64)))
  (import "spectest" "print_f32" (func $pf (param f32)))
  (import "spectest" "print_f64" (func $pd (param f64)))
  (func (export "log-i32") (param i32) local.get 0 call $pi)
  (func (export "log-i64") (param i64) local.get 0 call $pl)
  (func (export "log-f32") (param f32) local.get 0 call $pf)
  (func (export "log-f64") (param f64) local.get 0 call $pd)
  (func (export "log-v128") (param v128)
    local.get 0 i64x2.extract_lane 0 call $pl
    local.get 0 i64x2.extract_lane 1 call $pl))
"""

# binaryen 108's --denan replaces NaN results of scalar float operations but
# not of SIMD ones, whose NaN payloads the spec leaves nondeterministic (wabt
# returns canonical NaNs, x86 propagates an input's payload). These get the
# same treatment by rewriting the text: each such operation is wrapped in a
# call that replaces NaN lanes with 0.
SIMD_NAN_OP = re.compile(
    r"\((?:(?:f32x4|f64x2)\.(?:add|sub|mul|div|min|max|sqrt|ceil|floor|"
    r"trunc|nearest)|f32x4\.demote_f64x2_zero|f64x2\.promote_low_f32x4)\b")
SIMD_DENAN_FUNCS = """
 (func $wk_denan_f32x4 (param $0 v128) (result v128)
  (v128.bitselect (local.get $0) (v128.const i32x4 0 0 0 0)
   (f32x4.eq (local.get $0) (local.get $0))))
 (func $wk_denan_f64x2 (param $0 v128) (result v128)
  (v128.bitselect (local.get $0) (v128.const i32x4 0 0 0 0)
   (f64x2.eq (local.get $0) (local.get $0))))
"""


def closing_paren(text, pos):
    """Index of the parenthesis closing the one at pos (strings skipped)."""
    depth, i = 0, pos
    while i < len(text):
        c = text[i]
        if c == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced parentheses")


def denan_simd(wat):
    """Wraps every SIMD float operation that may produce a NaN (binaryen's
    folded text) in a call of a function that zeroes NaN lanes."""
    matches = list(SIMD_NAN_OP.finditer(wat))
    if not matches:
        return wat
    for match in reversed(matches):
        start = match.start()
        end = closing_paren(wat, start) + 1
        shape = "f64x2" if (match.group().startswith("(f64x2")
                            or "promote" in match.group()) else "f32x4"
        wat = "%s(call $wk_denan_%s %s)%s" % (wat[:start], shape,
                                             wat[start:end], wat[end:])
    last = wat.rstrip().rfind(")")
    return wat[:last] + SIMD_DENAN_FUNCS + wat[last:]


VALTYPES = {0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128",
            0x70: "funcref", 0x6f: "externref"}


# ---- A minimal reader for the sections that name exports and their types --

def read_uleb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7f) << shift
        shift += 7
        if not byte & 0x80:
            return result, pos


def read_vec(data, pos, item):
    count, pos = read_uleb(data, pos)
    items = []
    for _ in range(count):
        value, pos = item(data, pos)
        items.append(value)
    return items, pos


def read_name(data, pos):
    length, pos = read_uleb(data, pos)
    return data[pos:pos + length].decode("utf-8", "replace"), pos + length


def read_functype(data, pos):
    assert data[pos] == 0x60, "function type expected"
    params, pos = read_vec(data, pos + 1, lambda d, p: (d[p], p + 1))
    results, pos = read_vec(data, pos, lambda d, p: (d[p], p + 1))
    return ([VALTYPES[t] for t in params], [VALTYPES[t] for t in results]), pos


def skip_limits(data, pos):
    flags = data[pos]
    _, pos = read_uleb(data, pos + 1)
    if flags & 1:
        _, pos = read_uleb(data, pos)
    return pos


def read_import(data, pos):
    _, pos = read_name(data, pos)
    _, pos = read_name(data, pos)
    kind = data[pos]
    pos += 1
    if kind == 0:
        index, pos = read_uleb(data, pos)
        return ("func", index), pos
    if kind == 1:
        return ("table", None), skip_limits(data, pos + 1)
    if kind == 2:
        return ("memory", None), skip_limits(data, pos)
    if kind == 4:  # a tag: attribute byte, type index
        _, pos = read_uleb(data, pos + 1)
        return ("tag", None), pos
    return ("global", None), pos + 2


def function_exports(data):
    """[(name, params, results)] of the exported functions, in export order."""
    assert data[:8] == b"\0asm\1\0\0\0", "not a wasm binary"
    pos, types, funcs, exports = 8, [], [], []
    while pos < len(data):
        section = data[pos]
        size, pos = read_uleb(data, pos + 1)
        end = pos + size
        if section == 1:
            types, _ = read_vec(data, pos, read_functype)
        elif section == 2:
            imports, _ = read_vec(data, pos, read_import)
            funcs += [index for kind, index in imports if kind == "func"]
        elif section == 3:
            funcs += read_vec(data, pos, read_uleb)[0]
        elif section == 7:
            def read_export(d, p):
                name, p = read_name(d, p)
                kind = d[p]
                index, p = read_uleb(d, p + 1)
                return (name, kind, index), p
            exports, _ = read_vec(data, pos, read_export)
        pos = end
    return [(name,) + types[funcs[index]]
            for name, kind, index in exports if kind == 0]


# ---- Commands and transcripts ---------------------------------------------

def zero(valtype):
    if valtype == "v128":
        return {"type": "v128", "lane_type": "i32", "value": ["0"] * 4}
    if valtype in ("funcref", "externref"):
        return {"type": valtype, "value": "null"}
    return {"type": valtype, "value": "0"}


def result_type(valtype):
    return {"type": valtype}  # as wast2json writes an action's results


def invoke(line, name, params, results):
    return {"type": "action", "line": line,
            "action": {"type": "invoke", "field": name,
                       "args": [zero(t) for t in params]},
            "expected": [result_type(t) for t in results]}


def make_commands(exports):
    commands = [
        {"type": "module", "line": 1, "filename": "fuzzing-support.wasm"},
        {"type": "register", "line": 2, "as": "fuzzing-support"},
        {"type": "module", "line": 3, "filename": "m.wasm"},
    ]
    has_hang_limit = any(name == "hangLimitInitializer"
                         for name, _, _ in exports)
    for name, params, results in exports:
        if name == "hangLimitInitializer":
            continue
        if has_hang_limit:
            commands.append(invoke(len(commands) + 1,
                                   "hangLimitInitializer", [], []))
        commands.append(invoke(len(commands) + 1, name, params, results))
    return {"source_filename": "m.wast", "commands": commands}


# Trap messages: wabt's wording on the left, wasmkiln's (the spec's) right.
TRAP_WORDS = [
    ("unreachable", "unreachable"),
    ("integer divide by zero", "integer divide by zero"),
    ("integer overflow", "integer overflow"),
    ("invalid conversion to integer", "invalid conversion to integer"),
    ("out of bounds memory access", "out of bounds memory access"),
    ("out of bounds table access", "out of bounds table access"),
    ("undefined table index", "undefined element"),
    ("undefined element", "undefined element"),
    ("uninitialized table element", "uninitialized element"),
    ("uninitialized element", "uninitialized element"),
    ("indirect call signature mismatch", "indirect call type mismatch"),
    ("indirect call type mismatch", "indirect call type mismatch"),
    ("call stack exhausted", "call stack exhausted"),
    ("value stack exhausted", "call stack exhausted"),
    # wabt 1.0.32 reports an atomic access that is out of bounds or
    # misaligned alike ("invalid atomic access at A+O"), so the two kinds
    # compare as one here (the spec suite's atomic files tell them apart).
    ("invalid atomic access", "out of bounds memory access"),
    ("unaligned atomic", "out of bounds memory access"),
]

# wabt 1.0.32's interpreter lacks some operators (memory.atomic.wait and
# notify): it traps "not implemented" there, after which the two runs'
# states differ. Only what came before is compared.
NOT_IMPLEMENTED = "=> trap: not implemented"


def comparable(got, want):
    """The prefixes of the two transcripts that the reference could run."""
    for i, line in enumerate(want):
        if line.endswith(NOT_IMPLEMENTED):
            return got[:i], want[:i]
    return got, want


CALL_LINE = re.compile(r"^[^\s:()]+\(.*\) =>")
ERROR = re.compile(r" => error: (.*)$")


def trap_kind(message):
    for words, kind in TRAP_WORDS:
        if message.startswith(words):
            return kind
    return message


def normalise(lines):
    """The observable lines of a transcript, with the spec's freedoms removed:
    the sign of a NaN is nondeterministic, trap texts differ in wording."""
    out = []
    for line in lines:
        line = line.rstrip()
        if not (line.startswith("called host ") or CALL_LINE.match(line)
                or line.startswith("module error: ")):
            continue
        if line.startswith("module error: "):
            line = "module error"
        line = re.sub(r"-nan\b", "nan", line)
        match = ERROR.search(line)
        if match:
            line = line[:match.start()] + " => trap: " + trap_kind(
                match.group(1))
        out.append(line)
    return out


def reference_module_error(text):
    """spectest-interp reports a module that fails to load or instantiate."""
    return re.search(r"^\S+:3: (error|unknown|unexpected)", text, re.M)


def split_trace(output):
    """wasmkiln-spec --trace output -> {json path: [lines]} of the files
    it finished."""
    files, current, lines = {}, None, []
    for line in output.splitlines():
        if line.startswith("## "):
            if line == "## end":
                if current is not None:
                    files[current] = lines
                current, lines = None, []
            else:
                current, lines = line[3:], []
        elif current is not None:
            lines.append(line)
    return files


# ---- The campaign -----------------------------------------------------------

class Campaign:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        self.tmp = os.path.join(self.work, "tmp")
        self.results_path = os.path.join(self.work, "results.jsonl")
        self.configs = args.configs.split(",")
        self.features = [f for f in args.features.split(",") if f]
        for feature in self.features:
            if feature not in EXTRA_FEATURES:
                sys.exit("unknown feature %s (known: %s)"
                         % (feature, ", ".join(EXTRA_FEATURES)))
        self.binaryen_flags = FEATURES + [EXTRA_FEATURES[f][0]
                                          for f in self.features]
        self.wabt_flags = [EXTRA_FEATURES[f][1] for f in self.features]
        for config in self.configs:
            if config not in CONFIGS:
                sys.exit("unknown config %s (known: %s)"
                         % (config, ", ".join(CONFIGS)))
        os.makedirs(self.tmp, exist_ok=True)
        self.fs_wasm = os.path.join(self.work, "fuzzing-support.wasm")
        if not os.path.exists(self.fs_wasm):
            wat = os.path.join(self.work, "fuzzing-support.wat")
            with open(wat, "w") as f:
                f.write(FUZZING_SUPPORT_WAT)
            subprocess.run([args.wat2wasm, wat, "-o", self.fs_wasm],
                           check=True)
        self.done = {}
        if os.path.exists(self.results_path):
            with open(self.results_path) as f:
                for line in f:
                    if line.strip():
                        record = json.loads(line)
                        if set(self.configs) <= set(record["configs"]):
                            self.done[record["seed"]] = record
        self.counts = {}

    def generate(self, seed, directory):
        """Random bytes -> module; returns the export list or an error."""
        rng = random.Random(seed)
        size = rng.randint(self.args.min_bytes, self.args.max_bytes)
        raw = os.path.join(directory, "input.bin")
        with open(raw, "wb") as f:
            f.write(rng.randbytes(size))
        wasm = os.path.join(directory, "m.wasm")
        gen = subprocess.run(
            [self.args.wasm_opt, raw, "-ttf", "--denan"] + self.binaryen_flags
            + ["-o", wasm], capture_output=True, text=True, errors="replace",
            timeout=self.args.timeout)
        if gen.returncode != 0:
            return None, "wasm-opt: " + gen.stderr.strip()[-200:]
        if "--enable-simd" in FEATURES:
            error = self.denan_simd(wasm)
            if error:
                return None, error
        with open(wasm, "rb") as f:
            exports = function_exports(f.read())
        shutil.copy(self.fs_wasm, directory)
        with open(os.path.join(directory, "m.json"), "w") as f:
            json.dump(make_commands(exports), f)
        return exports, None

    def denan_simd(self, wasm):
        """Rewrites the module through binaryen's text (see denan_simd)."""
        wat = wasm[:-5] + ".wat"
        run = subprocess.run([self.args.wasm_opt, wasm, "-S", "-o", wat]
                             + self.binaryen_flags, capture_output=True,
                             text=True,
                             errors="replace", timeout=self.args.timeout)
        if run.returncode != 0:
            return "wasm-opt -S: " + run.stderr.strip()[-200:]
        with open(wat) as f:
            text = f.read()
        rewritten = denan_simd(text)
        if rewritten is text:
            os.remove(wat)
            return None
        with open(wat, "w") as f:
            f.write(rewritten)
        run = subprocess.run([self.args.wasm_opt, wat, "-o", wasm]
                             + self.binaryen_flags, capture_output=True,
                             text=True,
                             errors="replace", timeout=self.args.timeout)
        os.remove(wat)
        if run.returncode != 0:
            return "wasm-opt (SIMD denan): " + run.stderr.strip()[-200:]
        return None

    def reference(self, directory):
        try:
            run = subprocess.run([self.args.spectest_interp, "m.json"]
                                 + self.wabt_flags,
                                 cwd=directory, capture_output=True,
                                 text=True, errors="replace",
                                 timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return None
        text = run.stdout + run.stderr
        lines = normalise(text.splitlines())
        if reference_module_error(text):
            lines.insert(0, "module error")
        return lines

    def invoke_runner(self, config, jsons):
        cmd = ([self.args.runner, "--trace", "-O%d" % self.args.opt_level]
               + CONFIGS[config] + jsons)
        try:
            run = subprocess.run(cmd, capture_output=True, text=True,
                                 errors="replace",
                                 timeout=self.args.timeout * (1 + len(jsons)))
            return split_trace(run.stdout), "exit status %d" % run.returncode
        except subprocess.TimeoutExpired as e:
            out = e.stdout or b""
            if isinstance(out, bytes):
                out = out.decode("utf-8", "replace")
            return split_trace(out), "timeout"

    def run_wasmkiln(self, config, jsons):
        """Runs a batch of command files in one process; returns {json: lines}
        and {json: failure}. When the process dies (crash, timeout), the file
        it was running is run alone to see whether it fails by itself."""
        results, failures, pending = {}, {}, list(jsons)
        while pending:
            finished, status = self.invoke_runner(config, pending)
            results.update(finished)
            rest = [j for j in pending if j not in finished]
            if not rest:
                break
            culprit = rest[0]
            if len(pending) == 1:
                failures[culprit] = "wasmkiln-spec died: " + status
            else:
                alone, status = self.invoke_runner(config, [culprit])
                if culprit in alone:
                    failures[culprit] = ("wasmkiln-spec died in a batch "
                                         "only: " + status)
                else:
                    failures[culprit] = "wasmkiln-spec died: " + status
            pending = rest[1:]
        return results, failures

    def keep(self, seed, directory, traces, note):
        dest = os.path.join(self.work, "divergences", "seed-%d" % seed)
        shutil.rmtree(dest, ignore_errors=True)
        shutil.copytree(directory, dest)
        for name, lines in traces.items():
            with open(os.path.join(dest, name + ".txt"), "w") as f:
                f.write("\n".join(lines) + "\n")
        with open(os.path.join(dest, "divergence.txt"), "w") as f:
            f.write(note + "\n")

    def run_batch(self, seeds):
        records = {}
        dirs, refs = {}, {}
        for seed in seeds:
            directory = os.path.join(self.tmp, str(seed))
            shutil.rmtree(directory, ignore_errors=True)
            os.makedirs(directory)
            dirs[seed] = directory
            exports, error = self.generate(seed, directory)
            if error:
                records[seed] = {"status": "no-module", "note": error}
                continue
            ref = self.reference(directory)
            if ref is None:
                records[seed] = {"status": "reference-timeout"}
                continue
            refs[seed] = ref
            records[seed] = {"status": "same", "exports": len(exports),
                             "calls": sum(1 for l in ref
                                          if not l.startswith("called"))}
        jsons = {os.path.join(dirs[s], "m.json"): s for s in refs}
        traces = {seed: {"reference": refs[seed]} for seed in refs}
        for config in self.configs:
            results, failures = self.run_wasmkiln(config, list(jsons))
            for path, seed in jsons.items():
                if path in failures:
                    traces[seed][config] = ["<%s>" % failures[path]]
                else:
                    traces[seed][config] = normalise(results.get(path, []))
        for seed in refs:
            notes = []
            for config in self.configs:
                got, want = comparable(traces[seed][config],
                                       traces[seed]["reference"])
                if got != want:
                    notes.append(describe(config, want, got))
            if notes:
                records[seed]["status"] = "divergence"
                records[seed]["note"] = notes[0][:300]
                self.keep(seed, dirs[seed], traces[seed], "\n".join(notes))
        for seed in seeds:
            shutil.rmtree(dirs[seed], ignore_errors=True)
        return records

    def run(self):
        args = self.args
        wanted = ([int(s) for s in args.seeds.split(",")] if args.seeds
                  else range(args.start, args.start + args.count))
        todo = [s for s in wanted if s not in self.done]
        print("differential: %d seeds (%d already done), configs %s, work %s"
              % (len(todo), len(wanted) - len(todo), ",".join(self.configs),
                 self.work), flush=True)
        start, finished, diverged = time.time(), 0, []
        batches = [todo[i:i + args.batch]
                   for i in range(0, len(todo), args.batch)]
        with open(self.results_path, "a") as log, \
                concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            running = []
            while batches or running:
                while (batches and len(running) < args.jobs and not (
                        args.time_limit
                        and time.time() - start > args.time_limit)):
                    seeds = batches.pop(0)
                    running.append((seeds, pool.submit(self.run_batch,
                                                       seeds)))
                if not running:
                    print("differential: time limit reached", flush=True)
                    break
                seeds, future = running.pop(0)
                records = future.result()
                for seed in seeds:
                    record = dict(seed=seed, configs=self.configs,
                                  **records[seed])
                    log.write(json.dumps(record) + "\n")
                    status = record["status"]
                    self.counts[status] = self.counts.get(status, 0) + 1
                    if status == "divergence":
                        diverged.append(seed)
                        print("DIVERGENCE seed %d: %s"
                              % (seed, record["note"]), flush=True)
                log.flush()
                finished += len(seeds)
                elapsed = time.time() - start
                print("[%d/%d] %.1f s, %.2f modules/s, %s" % (
                    finished, len(todo), elapsed, finished / elapsed,
                    ", ".join("%s %d" % kv for kv in
                              sorted(self.counts.items()))), flush=True)
        elapsed = time.time() - start
        print("differential: %d modules in %.0f s; %d compared in %d "
              "configs; divergences: %s"
              % (finished, elapsed, self.counts.get("same", 0)
                 + self.counts.get("divergence", 0), len(self.configs),
                 ", ".join(map(str, diverged)) or "none"), flush=True)
        shutil.rmtree(self.tmp, ignore_errors=True)
        return 1 if diverged else 0


def describe(config, want, got):
    for i in range(max(len(want), len(got))):
        a = want[i] if i < len(want) else "<nothing>"
        b = got[i] if i < len(got) else "<nothing>"
        if a != b:
            return "%s line %d: reference %r, wasmkiln %r" % (config, i + 1,
                                                              a, b)
    return config + ": differs"


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runner", required=True, help="wasmkiln-spec")
    parser.add_argument("--work", required=True,
                        help="state directory (results.jsonl, divergences/)")
    parser.add_argument("--start", type=int, default=0, help="first seed")
    parser.add_argument("--count", type=int, default=100,
                        help="seeds start .. start + count - 1")
    parser.add_argument("--seeds", default="",
                        help="comma-separated seeds (instead of --start, "
                        "--count), e.g. to re-check divergences")
    parser.add_argument("--time-limit", type=float, default=0,
                        help="stop after this many seconds (0: none)")
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--batch", type=int, default=20,
                        help="modules per wasmkiln-spec process")
    parser.add_argument("--jobs", type=int, default=1,
                        help="batches run at the same time")
    parser.add_argument("--timeout", type=float, default=20,
                        help="seconds per module and tool")
    parser.add_argument("--opt-level", type=int, default=2)
    parser.add_argument("--min-bytes", type=int, default=512,
                        help="random input size range for wasm-opt -ttf")
    parser.add_argument("--max-bytes", type=int, default=4096)
    parser.add_argument("--features", default="",
                        help="comma-separated 3.0 features to generate: "
                        + ", ".join(EXTRA_FEATURES))
    parser.add_argument("--wasm-opt", default="wasm-opt")
    parser.add_argument("--spectest-interp", default="spectest-interp")
    parser.add_argument("--wat2wasm", default="wat2wasm")
    args = parser.parse_args()
    for tool in (args.runner, args.wasm_opt, args.spectest_interp,
                 args.wat2wasm):
        if not shutil.which(tool):
            print("differential: %s not found" % tool, file=sys.stderr)
            return 2
    return Campaign(args).run()


if __name__ == "__main__":
    sys.exit(main())
