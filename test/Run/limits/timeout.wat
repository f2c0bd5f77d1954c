;; --timeout=SECONDS compiles interrupt checks (no fuel) and stops runaway
;; code with "wasm trap: timeout" (status 134): loops, and recursion through
;; function entries, in executables of both bounds-check modes and in
;; `wasmkiln run`. WASMKILN_LIMITS overrides the baked timeout.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm --timeout=0.2 -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln %t.wasm --timeout=0.2 --bounds-checks=explicit -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; RUN: env WASMKILN_LIMITS='timeout=0.05' %t.guard 2> %t.env.err; test $? -eq 134
;; RUN: FileCheck %s < %t.env.err
;; RUN: not %wasmkiln run --timeout=0.2 %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --timeout=0.2 --bounds-checks=explicit %t.wasm 2>&1 | FileCheck %s
;; CHECK: wasm trap: timeout in _start
;; RUN: not %wasmkiln run --timeout=0.2 --invoke=spin %t.wasm 2>&1 | FileCheck %s --check-prefix=SPIN
;; SPIN: wasm trap: timeout in {{spin|f1}}
;; Code that finishes in time is unaffected.
;; RUN: %wasmkiln run --timeout=10 --invoke=quick %t.wasm | FileCheck %s --check-prefix=QUICK
;; QUICK: 42
;; A limit the code was not compiled for is refused, not ignored.
;; RUN: %wasmkiln %t.wasm -o %t.plain
;; RUN: env WASMKILN_LIMITS='timeout=1' not %t.plain 2>&1 | FileCheck %s --check-prefix=UNCHECKED
;; UNCHECKED: wasmkiln: error: a timeout needs a module compiled with interrupt checks
(module
  (func (export "_start") (loop $l (br $l)))
  ;; A loop that mostly runs a call: the trap comes from the check at the
  ;; loop header or at $leaf's entry (f1).
  (func $leaf (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "spin") (local $i i32)
    (loop $l
      (local.set $i (call $leaf (local.get $i)))
      (br $l)))
  (func (export "quick") (result i32) (i32.const 42)))
