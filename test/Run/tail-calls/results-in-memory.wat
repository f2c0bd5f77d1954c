;; A tail call whose results LLVM returns through memory (more than four
;; float/vector results here) is an ordinary call and return: LLVM cannot
;; make a musttail call of it (differential fuzz seed 3402 aborted code
;; generation). Its results are right, JIT and executable, both modes.
;; RUN: wat2wasm --enable-tail-call --debug-names %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=sum %t.wasm 10 | FileCheck %s
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=sum %t.wasm 10 | FileCheck %s
;; CHECK: {{^}}60{{$}}
;; RUN: %wasmkiln --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=IR
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:five"
;; IR-NOT: musttail
;; IR: call swifttailcc
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:two"
;; IR: musttail call swifttailcc
;; RUN: %wasmkiln %t.wasm -o %t.exe
;; RUN: %t.exe
(module
  ;; Counts n down, adding 1.0 to each of five f64 results.
  (func $five (param $n i32) (param f64 f64 f64 f64 f64)
              (result f64 f64 f64 f64 f64)
    (if (result f64 f64 f64 f64 f64) (i32.eqz (local.get $n))
      (then (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))
      (else
        (return_call $five (i32.sub (local.get $n) (i32.const 1))
          (f64.add (local.get 1) (f64.const 1)) (f64.add (local.get 2) (f64.const 1))
          (f64.add (local.get 3) (f64.const 1)) (f64.add (local.get 4) (f64.const 1))
          (f64.add (local.get 5) (f64.const 1))))))
  ;; Two results fit in registers: a real tail call.
  (func $two (export "two") (param $n i32) (param i64) (result i64 i64)
    (if (result i64 i64) (i32.eqz (local.get $n))
      (then (local.get 1) (local.get 1))
      (else (return_call $two (i32.sub (local.get $n) (i32.const 1))
                              (i64.add (local.get 1) (i64.const 1))))))
  (func (export "sum") (param i32) (result i32)
    (call $five (local.get 0) (f64.const 0) (f64.const 1) (f64.const 2)
                (f64.const 3) (f64.const 4))
    (f64.add) (f64.add) (f64.add) (f64.add)
    (i32.trunc_f64_s))
  (func (export "_start")))
