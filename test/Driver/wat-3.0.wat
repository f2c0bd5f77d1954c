;; .wat input with the 3.0 features wabt 1.0.32 parses (tail calls here):
;; 10^7 mutual tail calls in a 64 KiB stack, straight from the text.
;; RUN: %wasmkiln run --max-stack=64K --invoke=even %s 10000001 | FileCheck %s --check-prefix=ODD
;; RUN: %wasmkiln --validate %s | FileCheck %s --check-prefix=FEATURES
;; ODD: {{^}}0{{$}}
;; FEATURES: {{^}}features: tail-call{{$}}
(module
  (func $even (export "even") (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 1))
      (else (return_call $odd (i64.sub (local.get 0) (i64.const 1))))))
  (func $odd (param i64) (result i32)
    (if (result i32) (i64.eqz (local.get 0)) (then (i32.const 0))
      (else (return_call $even (i64.sub (local.get 0) (i64.const 1)))))))
