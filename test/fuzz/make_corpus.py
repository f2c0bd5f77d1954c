#!/usr/bin/env python3
"""Builds a seed corpus for the libFuzzer targets in test/fuzz.

Seeds are every lit test input (test/**/*.wat through wat2wasm) and every
module of the official spec suite (wast2json on <suite>/core/*.wast, which
also writes the binary modules of assert_malformed / assert_invalid), and
gen_shapes.py's hostile shapes at 1/1000 and 1/100 of their default size
(the mutator grows them; compile_bounds.py tests the full sizes). Files
are named by their SHA-1, so reruns and duplicates are harmless. Nothing is
written into the repository or the suite: conversion happens in a temp dir
and the output directory must lie outside both.
"""

import argparse
import hashlib
import pathlib
import shutil
import subprocess
import sys
import tempfile

REPO = pathlib.Path(__file__).resolve().parents[2]
DEFAULT_SUITE = REPO.parent / "shared" / "wasm-testsuite"


def add_seed(out_dir, data, seen):
    digest = hashlib.sha1(data).hexdigest()
    if digest in seen:
        return False
    seen.add(digest)
    (out_dir / digest).write_bytes(data)
    return True


def run_quiet(cmd):
    return subprocess.run(cmd, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode == 0


def lit_seeds(tmp, wat2wasm, max_size):
    """Yields the bytes of every lit .wat input that wat2wasm accepts."""
    for wat in sorted((REPO / "test").rglob("*.wat")):
        target = tmp / "lit.wasm"
        # Tests of invalid modules convert with --no-check (good validator
        # seeds); tests of malformed text do not convert at all.
        if not (run_quiet([wat2wasm, str(wat), "-o", str(target)]) or
                run_quiet([wat2wasm, "--no-check", str(wat), "-o", str(target)])):
            continue
        data = target.read_bytes()
        if len(data) <= max_size:
            yield data


def spec_seeds(tmp, wast2json, suite, max_size):
    """Yields every .wasm module wast2json writes for the core suite."""
    for wast in sorted((suite / "core").glob("*.wast")):
        work = tmp / wast.stem
        work.mkdir()
        run_quiet([wast2json, str(wast), "-o",
                   str(work / (wast.stem + ".json"))])
        for wasm in sorted(work.glob("*.wasm")):
            data = wasm.read_bytes()
            if len(data) <= max_size:
                yield data
        shutil.rmtree(work)


def shape_seeds(max_size):
    """Yields gen_shapes.py's shapes at a tenth and a hundredth of a percent
    of their default sizes."""
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
    import gen_shapes
    for gen, size in gen_shapes.SHAPES.values():
        for scale in (1000, 100):
            data = gen(max(1, size // scale))
            if len(data) <= max_size:
                yield data


def check_output_dir(out_dir, suite):
    for forbidden in (REPO, suite.resolve()):
        if out_dir == forbidden or forbidden in out_dir.parents:
            sys.exit(f"make_corpus.py: refusing to write under {forbidden}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path, help="corpus directory")
    parser.add_argument("--suite", type=pathlib.Path, default=DEFAULT_SUITE)
    parser.add_argument("--wat2wasm", default="wat2wasm")
    parser.add_argument("--wast2json", default="wast2json")
    parser.add_argument("--max-size", type=int, default=64 * 1024,
                        help="skip seeds larger than this (bytes)")
    args = parser.parse_args()

    out_dir = args.out.resolve()
    check_output_dir(out_dir, args.suite)
    out_dir.mkdir(parents=True, exist_ok=True)
    seen = {p.name for p in out_dir.iterdir()}

    with tempfile.TemporaryDirectory(prefix="wasmkiln-corpus-") as name:
        tmp = pathlib.Path(name)
        lit = sum(add_seed(out_dir, d, seen)
                  for d in lit_seeds(tmp, args.wat2wasm, args.max_size))
        spec = 0
        if (args.suite / "core").is_dir():
            spec = sum(add_seed(out_dir, d, seen)
                       for d in spec_seeds(tmp, args.wast2json, args.suite,
                                           args.max_size))
        else:
            print(f"make_corpus.py: no spec suite at {args.suite}",
                  file=sys.stderr)
        shapes = sum(add_seed(out_dir, d, seen)
                     for d in shape_seeds(args.max_size))
    print(f"{out_dir}: {lit} new seeds from lit tests, {spec} from the spec "
          f"suite, {shapes} hostile shapes, {len(seen)} in total")


if __name__ == "__main__":
    main()
