;; --fuel=N compiles fuel checks and lets the code run N function entries and
;; loop iterations: an infinite loop then traps "out of fuel" (exit status
;; 134) in executables of both bounds-check modes and in `wasmkiln run`.
;; WASMKILN_LIMITS overrides the baked fuel at run time.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln %t.wasm --fuel=100000 -o %t.guard
;; RUN: %t.guard 2> %t.guard.err; test $? -eq 134
;; RUN: FileCheck %s < %t.guard.err
;; RUN: %wasmkiln %t.wasm --fuel=100000 --bounds-checks=explicit -o %t.explicit
;; RUN: %t.explicit 2> %t.explicit.err; test $? -eq 134
;; RUN: FileCheck %s < %t.explicit.err
;; RUN: env WASMKILN_LIMITS='fuel=5' %t.guard 2> %t.env.err; test $? -eq 134
;; RUN: FileCheck %s < %t.env.err
;; RUN: not %wasmkiln run --fuel=1000 %t.wasm 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --fuel=1000 --bounds-checks=explicit %t.wasm 2>&1 | FileCheck %s
;; CHECK: wasm trap: out of fuel in _start

;; The count is exact: `count n` enters itself once and its loop header n
;; times, calling `step` (one entry each) n - 1 times: 2n units in all.
;; RUN: %wasmkiln run --fuel=200 --invoke=count %t.wasm 100 | FileCheck %s --check-prefix=ENOUGH
;; ENOUGH: 100
;; RUN: not %wasmkiln run --fuel=199 --invoke=count %t.wasm 100 2>&1 | FileCheck %s --check-prefix=SHORT
;; SHORT: wasm trap: out of fuel in count
(module
  (func (export "_start") (loop $l (br $l)))
  (func $step (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "count") (param $n i32) (result i32)
    (local $i i32)
    (local.set $i (i32.const 1))
    (loop $l
      (if (i32.lt_u (local.get $i) (local.get $n))
        (then (local.set $i (call $step (local.get $i))) (br $l))))
    (local.get $i)))
