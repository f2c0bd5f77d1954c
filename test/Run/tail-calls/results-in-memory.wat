;; A function whose results LLVM would return through memory (more than four
;; float/vector results here, or integer ones) takes a pointer to its
;; results' buffer as its last argument, and its tail calls pass it on, so
;; they are real tail calls too (docs/abi.md "Tail calls"): 10^6 of them run
;; in 64 KiB of stack, direct and indirect, JIT and executable, both modes.
;; Differential fuzz seed 3402 once aborted code generation on such a call.
;; RUN: wat2wasm --enable-tail-call --debug-names %s -o %t.wasm
;; RUN: %wasmkiln run --max-stack=64K --invoke=sum %t.wasm 1000000 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run -O0 --max-stack=64K --invoke=sum %t.wasm 1000000 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run --max-stack=64K --bounds-checks=explicit --invoke=sum_indirect %t.wasm 1000000 | FileCheck %s --check-prefix=SUM
;; RUN: %wasmkiln run --max-stack=64K --invoke=ints %t.wasm 1000000 | FileCheck %s --check-prefix=INTS
;; SUM: {{^}}5000010{{$}}
;; INTS: {{^}}5000015{{$}}
;; The exported function is called from the host through its C entry.
;; RUN: %wasmkiln run --invoke=five %t.wasm 3 1 2 3 4 5 | FileCheck %s --check-prefix=FIVE
;; FIVE: 4
;; FIVE-NEXT: 5
;; FIVE-NEXT: 6
;; FIVE-NEXT: 7
;; FIVE-NEXT: 8
;; RUN: %wasmkiln --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=IR
;; IR: define swifttailcc void @"wasm:{{.*}}:five"({{.*}}, ptr {{.*}}%[[BUF:[0-9]+]])
;; IR: musttail call swifttailcc void {{.*}}, ptr %[[BUF]])
;; IR-NEXT: ret void
;; IR-LABEL: define {{.*}} @"wasm:{{.*}}:two"
;; IR: musttail call swifttailcc
;; RUN: %wasmkiln --max-stack=64K %t.wasm -o %t.guard
;; RUN: %t.guard
;; RUN: %wasmkiln --max-stack=64K --bounds-checks=explicit %t.wasm -o %t.explicit
;; RUN: %t.explicit
(module
  (type $five_t (func (param i32 f64 f64 f64 f64 f64)
                      (result f64 f64 f64 f64 f64)))
  (table funcref (elem $five_indirect))
  ;; Counts n down, adding 1.0 to each of five f64 results.
  (func $five (export "five") (type $five_t)
    (if (result f64 f64 f64 f64 f64) (i32.eqz (local.get 0))
      (then (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))
      (else
        (return_call $five (i32.sub (local.get 0) (i32.const 1))
          (f64.add (local.get 1) (f64.const 1)) (f64.add (local.get 2) (f64.const 1))
          (f64.add (local.get 3) (f64.const 1)) (f64.add (local.get 4) (f64.const 1))
          (f64.add (local.get 5) (f64.const 1))))))
  (func $five_indirect (type $five_t)
    (if (result f64 f64 f64 f64 f64) (i32.eqz (local.get 0))
      (then (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))
      (else
        (return_call_indirect (type $five_t)
          (i32.sub (local.get 0) (i32.const 1))
          (f64.add (local.get 1) (f64.const 1)) (f64.add (local.get 2) (f64.const 1))
          (f64.add (local.get 3) (f64.const 1)) (f64.add (local.get 4) (f64.const 1))
          (f64.add (local.get 5) (f64.const 1)) (i32.const 0)))))
  ;; Five integer results.
  (func $ints (param i32 i64 i64 i64 i64 i64) (result i64 i64 i64 i64 i64)
    (if (result i64 i64 i64 i64 i64) (i32.eqz (local.get 0))
      (then (local.get 1) (local.get 2) (local.get 3) (local.get 4) (local.get 5))
      (else
        (return_call $ints (i32.sub (local.get 0) (i32.const 1))
          (i64.add (local.get 1) (i64.const 1)) (i64.add (local.get 2) (i64.const 1))
          (i64.add (local.get 3) (i64.const 1)) (i64.add (local.get 4) (i64.const 1))
          (i64.add (local.get 5) (i64.const 1))))))
  ;; Two results fit in registers: no buffer.
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
  (func (export "sum_indirect") (param i32) (result i32)
    (call_indirect (type $five_t) (local.get 0) (f64.const 0) (f64.const 1)
                   (f64.const 2) (f64.const 3) (f64.const 4) (i32.const 0))
    (f64.add) (f64.add) (f64.add) (f64.add)
    (i32.trunc_f64_s))
  (func (export "ints") (param i32) (result i64)
    (call $ints (local.get 0) (i64.const 1) (i64.const 2) (i64.const 3)
                (i64.const 4) (i64.const 5))
    (i64.add) (i64.add) (i64.add) (i64.add))
  ;; The executables check the results themselves.
  (func (export "_start")
    (if (i32.ne (call 4 (i32.const 1000000)) (i32.const 5000010))
      (then unreachable))
    (if (i32.ne (call 5 (i32.const 1000000)) (i32.const 5000010))
      (then unreachable))))
