;; Floating point: NaN propagation and signed zeros in min/max, nearest's
;; ties-to-even, copysign, and the float-to-int conversions.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=f32_min %t.wasm 0 -0 | FileCheck %s --check-prefix=MIN
;; MIN: -0
;; RUN: %wasmkiln run --invoke=f64_max %t.wasm -0 0 | FileCheck %s --check-prefix=MAX
;; MAX: {{^}}0
;; RUN: %wasmkiln run --invoke=f64_max %t.wasm nan 1 | FileCheck %s --check-prefix=MAXNAN
;; MAXNAN: nan:0x8000000000000
;; RUN: %wasmkiln run --invoke=f32_nearest %t.wasm 2.5 | FileCheck %s --check-prefix=NEAREST
;; NEAREST: 2
;; RUN: %wasmkiln run --invoke=f32_nearest %t.wasm -0.5 | FileCheck %s --check-prefix=NEARESTNEG
;; NEARESTNEG: -0
;; RUN: %wasmkiln run --invoke=f64_copysign %t.wasm 3 -0 | FileCheck %s --check-prefix=COPYSIGN
;; COPYSIGN: -3
;; RUN: %wasmkiln run --invoke=f64_sqrt %t.wasm 2 | FileCheck %s --check-prefix=SQRT
;; SQRT: 1.4142135623730951
;; RUN: %wasmkiln run --invoke=trunc_sat %t.wasm nan | FileCheck %s --check-prefix=SATNAN
;; SATNAN: {{^}}0
;; RUN: %wasmkiln run --invoke=trunc_sat %t.wasm -1e10 | FileCheck %s --check-prefix=SATLOW
;; SATLOW: -2147483648
;; RUN: %wasmkiln run --invoke=trunc_s %t.wasm -2147483648.9 | FileCheck %s --check-prefix=TRUNCS
;; TRUNCS: -2147483648
;; RUN: %wasmkiln run --invoke=convert_u %t.wasm -1 | FileCheck %s --check-prefix=CONVU
;; CONVU: 1.8446744073709552e+19
;; RUN: %wasmkiln run --invoke=demote %t.wasm 1e300 | FileCheck %s --check-prefix=DEMOTE
;; DEMOTE: inf
;; RUN: %wasmkiln run --invoke=reinterpret %t.wasm -0 | FileCheck %s --check-prefix=REINT
;; REINT: -2147483648
(module
  (func (export "f32_min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "f64_max") (param f64 f64) (result f64) (f64.max (local.get 0) (local.get 1)))
  (func (export "f32_nearest") (param f32) (result f32) (f32.nearest (local.get 0)))
  (func (export "f64_copysign") (param f64 f64) (result f64) (f64.copysign (local.get 0) (local.get 1)))
  (func (export "f64_sqrt") (param f64) (result f64) (f64.sqrt (local.get 0)))
  (func (export "trunc_sat") (param f64) (result i32) (i32.trunc_sat_f64_s (local.get 0)))
  (func (export "trunc_s") (param f64) (result i32) (i32.trunc_f64_s (local.get 0)))
  (func (export "convert_u") (param i64) (result f64) (f64.convert_i64_u (local.get 0)))
  (func (export "demote") (param f64) (result f32) (f32.demote_f64 (local.get 0)))
  (func (export "reinterpret") (param f32) (result i32) (i32.reinterpret_f32 (local.get 0))))
