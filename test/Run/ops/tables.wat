;; Tables and references: call_indirect, table.get/set/size/grow/fill,
;; ref.func, ref.is_null, passive element segments, globals.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=dispatch %t.wasm 0 7 | FileCheck %s --check-prefix=D0
;; D0: 8
;; RUN: %wasmkiln run --invoke=dispatch %t.wasm 1 7 | FileCheck %s --check-prefix=D1
;; D1: 14
;; RUN: %wasmkiln run --invoke=grow %t.wasm | FileCheck %s --check-prefix=GROW
;; GROW: 3
;; GROW-NEXT: 6
;; GROW-NEXT: 1
;; RUN: %wasmkiln run --invoke=init_and_call %t.wasm | FileCheck %s --check-prefix=INIT
;; INIT: 10
;; RUN: %wasmkiln run --invoke=counter %t.wasm | FileCheck %s --check-prefix=COUNTER
;; COUNTER: 3
(module
  (type $unary (func (param i32) (result i32)))
  (table $t 3 10 funcref)
  (elem (table $t) (i32.const 0) func $inc $double)
  (elem $passive func $double)
  (global $count (mut i32) (i32.const 0))
  (func $inc (type $unary) (i32.add (local.get 0) (i32.const 1)))
  (func $double (type $unary) (i32.mul (local.get 0) (i32.const 2)))
  (func (export "dispatch") (param i32 i32) (result i32)
    (call_indirect (type $unary) (local.get 1) (local.get 0)))
  (func (export "grow") (result i32 i32 i32)
    (table.grow $t (ref.func $inc) (i32.const 3))
    (table.size $t)
    (ref.is_null (table.get $t (i32.const 2))))
  (func (export "init_and_call") (result i32)
    (table.init $t $passive (i32.const 2) (i32.const 0) (i32.const 1))
    (call_indirect (type $unary) (i32.const 5) (i32.const 2)))
  (func (export "counter") (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (global.set $count (i32.add (global.get $count) (i32.const 2)))
    (global.get $count)))
