;; i64 arithmetic and conversions to and from i32.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=mul %t.wasm 4294967296 4294967297 | FileCheck %s --check-prefix=MUL
;; MUL: 4294967296
;; RUN: %wasmkiln run --invoke=div_s %t.wasm -9223372036854775808 2 | FileCheck %s --check-prefix=DIVS
;; DIVS: -4611686018427387904
;; RUN: %wasmkiln run --invoke=rem_s %t.wasm -9223372036854775808 -1 | FileCheck %s --check-prefix=REMS
;; REMS: 0
;; RUN: %wasmkiln run --invoke=shl %t.wasm 1 65 | FileCheck %s --check-prefix=SHL
;; SHL: 2
;; RUN: %wasmkiln run --invoke=clz %t.wasm 1 | FileCheck %s --check-prefix=CLZ
;; CLZ: 63
;; RUN: %wasmkiln run --invoke=extend_s %t.wasm -5 | FileCheck %s --check-prefix=EXTS
;; EXTS: -5
;; RUN: %wasmkiln run --invoke=extend_u %t.wasm -5 | FileCheck %s --check-prefix=EXTU
;; EXTU: 4294967291
;; RUN: %wasmkiln run --invoke=wrap %t.wasm 0x1ffffffff | FileCheck %s --check-prefix=WRAP
;; WRAP: -1
;; RUN: %wasmkiln run --invoke=extend32_s %t.wasm 0x80000000 | FileCheck %s --check-prefix=EXT32
;; EXT32: -2147483648
(module
  (func (export "mul") (param i64 i64) (result i64) (i64.mul (local.get 0) (local.get 1)))
  (func (export "div_s") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "shl") (param i64 i64) (result i64) (i64.shl (local.get 0) (local.get 1)))
  (func (export "clz") (param i64) (result i64) (i64.clz (local.get 0)))
  (func (export "extend_s") (param i32) (result i64) (i64.extend_i32_s (local.get 0)))
  (func (export "extend_u") (param i32) (result i64) (i64.extend_i32_u (local.get 0)))
  (func (export "wrap") (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (func (export "extend32_s") (param i64) (result i64) (i64.extend32_s (local.get 0))))
