;; Trapping float-to-int conversions at their exact bounds: the extreme
;; values that still convert, the nearest ones that trap, and NaN.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=i32_f32_s %t.wasm 0xcf000000 | FileCheck %s --check-prefix=S32LO
;; S32LO: -2147483648
;; RUN: not %wasmkiln run --invoke=i32_f32_s %t.wasm 0xcf000001 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: not %wasmkiln run --invoke=i32_f32_s %t.wasm 0x4f000000 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: not %wasmkiln run --invoke=i32_f32_s %t.wasm 0x7fa00000 2>&1 | FileCheck %s --check-prefix=INV
;; RUN: %wasmkiln run --invoke=i32_f32_u %t.wasm 0xbf7fffff | FileCheck %s --check-prefix=ZERO
;; RUN: not %wasmkiln run --invoke=i32_f32_u %t.wasm 0xbf800000 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: %wasmkiln run --invoke=i32_f64_s %t.wasm -2147483648.9 | FileCheck %s --check-prefix=S32LO
;; RUN: not %wasmkiln run --invoke=i32_f64_s %t.wasm -2147483649 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: %wasmkiln run --invoke=i32_f64_u %t.wasm 4294967295.9 | FileCheck %s --check-prefix=U32HI
;; U32HI: -1
;; RUN: not %wasmkiln run --invoke=i32_f64_u %t.wasm 4294967296 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: %wasmkiln run --invoke=i64_f32_s %t.wasm 0x5effffff | FileCheck %s --check-prefix=S64HI
;; S64HI: 9223371487098961920
;; RUN: not %wasmkiln run --invoke=i64_f32_s %t.wasm 0xdf000001 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: %wasmkiln run --invoke=i64_f64_s %t.wasm -9223372036854775808 | FileCheck %s --check-prefix=S64LO
;; S64LO: -9223372036854775808
;; RUN: not %wasmkiln run --invoke=i64_f64_s %t.wasm 9223372036854775808 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: %wasmkiln run --invoke=i64_f64_u %t.wasm -0.9999999999999999 | FileCheck %s --check-prefix=ZERO
;; RUN: not %wasmkiln run --invoke=i64_f64_u %t.wasm 18446744073709551616 2>&1 | FileCheck %s --check-prefix=OVF
;; RUN: not %wasmkiln run --invoke=i64_f64_u %t.wasm nan 2>&1 | FileCheck %s --check-prefix=INV
;; ZERO: {{^}}0
;; OVF: wasm trap: integer overflow
;; INV: wasm trap: invalid conversion to integer
(module
  ;; The f32 operands are given as bit patterns, so the bounds are exact.
  (func (export "i32_f32_s") (param i32) (result i32)
    (i32.trunc_f32_s (f32.reinterpret_i32 (local.get 0))))
  (func (export "i32_f32_u") (param i32) (result i32)
    (i32.trunc_f32_u (f32.reinterpret_i32 (local.get 0))))
  (func (export "i64_f32_s") (param i32) (result i64)
    (i64.trunc_f32_s (f32.reinterpret_i32 (local.get 0))))
  (func (export "i32_f64_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "i32_f64_u") (param f64) (result i32) (i32.trunc_f64_u (local.get 0)))
  (func (export "i64_f64_s") (param f64) (result i64) (i64.trunc_f64_s (local.get 0)))
  (func (export "i64_f64_u") (param f64) (result i64) (i64.trunc_f64_u (local.get 0))))
