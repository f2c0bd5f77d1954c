;; --max-stack=SIZE is the native stack budget of one call into wasm: deep
;; recursion beyond it traps "call stack exhausted". A budget beyond the
;; thread's stack (8 MiB by default) runs the program on a thread that big,
;; so a recursion that exhausts the default stack completes.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=depth %t.wasm 1000 | FileCheck %s --check-prefix=OK1000
;; RUN: %wasmkiln run --max-stack=64K --invoke=depth %t.wasm 1000 | FileCheck %s --check-prefix=OK1000
;; OK1000: 1000
;; RUN: %wasmkiln run --invoke=depth %t.wasm 100000 | FileCheck %s --check-prefix=OK100000
;; OK100000: 100000
;; RUN: not %wasmkiln run --max-stack=64K --invoke=depth %t.wasm 100000 2>&1 | FileCheck %s
;; RUN: not %wasmkiln run --max-stack=64K --bounds-checks=explicit --invoke=depth %t.wasm 100000 2>&1 | FileCheck %s
;; CHECK: wasm trap: call stack exhausted in depth
;; RUN: not %wasmkiln run --invoke=depth %t.wasm 1000000 2>&1 | FileCheck %s
;; RUN: %wasmkiln run --max-stack=256M --invoke=depth %t.wasm 1000000 | FileCheck %s --check-prefix=BIG
;; BIG: 1000000

;; Executables: the budget is baked in (and WASMKILN_LIMITS overrides it).
;; RUN: %wasmkiln %t.wasm --max-stack=64K -o %t.small
;; RUN: %t.small 2> %t.small.err; test $? -eq 134
;; RUN: FileCheck %s --check-prefix=START < %t.small.err
;; START: wasm trap: call stack exhausted in depth
;; RUN: %wasmkiln %t.wasm --max-stack=256M --bounds-checks=explicit -o %t.big
;; RUN: %t.big
;; RUN: env WASMKILN_LIMITS='max-stack=64K' %t.big 2> %t.env.err; test $? -eq 134
;; RUN: FileCheck %s --check-prefix=START < %t.env.err
(module
  (func $depth (export "depth") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (i32.add (i32.const 1)
                     (call $depth (i32.sub (local.get $n) (i32.const 1)))))))
  ;; 1,000,000 deep: beyond the default stack, within 256 MiB.
  (func (export "_start")
    (drop (call $depth (i32.const 1000000)))))
