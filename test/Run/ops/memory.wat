;; Loads and stores of every width with sign and zero extension, little
;; endian, data segments, memory.size/grow, and the bulk memory operations.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=load8_s %t.wasm 0 | FileCheck %s --check-prefix=L8S
;; L8S: -1
;; RUN: %wasmkiln run --invoke=load16_u %t.wasm 0 | FileCheck %s --check-prefix=L16U
;; L16U: 65535
;; RUN: %wasmkiln run --invoke=load32_u %t.wasm 2 | FileCheck %s --check-prefix=L32U
;; L32U: 1122867
;; RUN: %wasmkiln run --invoke=store_load %t.wasm 0x11223344 | FileCheck %s --check-prefix=LE
;; LE: 68
;; RUN: %wasmkiln run --invoke=grow %t.wasm 2 | FileCheck %s --check-prefix=GROW
;; GROW: 1
;; GROW-NEXT: 3
;; RUN: %wasmkiln run --invoke=grow %t.wasm 10 | FileCheck %s --check-prefix=GROWFAIL
;; GROWFAIL: -1
;; RUN: %wasmkiln run --invoke=fill_copy %t.wasm | FileCheck %s --check-prefix=BULK
;; BULK: 1802201963
;; RUN: %wasmkiln run --invoke=init %t.wasm | FileCheck %s --check-prefix=INIT
;; INIT: 1684234849
;; RUN: %wasmkiln run --bounds-checks=explicit --invoke=load32_u %t.wasm 2 | FileCheck %s --check-prefix=L32U
(module
  (memory 1 4)
  (data (i32.const 0) "\ff\ff\33\22\11\00")
  (data $passive "abcd")
  (func (export "load8_s") (param i32) (result i32) (i32.load8_s (local.get 0)))
  (func (export "load16_u") (param i32) (result i32) (i32.load16_u (local.get 0)))
  (func (export "load32_u") (param i32) (result i64) (i64.load32_u (local.get 0)))
  (func (export "store_load") (param i32) (result i32)
    (i32.store (i32.const 100) (local.get 0))
    (i32.load8_u (i32.const 100)))
  (func (export "grow") (param i32) (result i32 i32)
    (memory.grow (local.get 0)) (memory.size))
  (func (export "fill_copy") (result i32)
    (memory.fill (i32.const 200) (i32.const 0x6b) (i32.const 4))
    (memory.copy (i32.const 300) (i32.const 200) (i32.const 4))
    (i32.load (i32.const 300)))
  (func (export "init") (result i32)
    (memory.init $passive (i32.const 400) (i32.const 0) (i32.const 4))
    (data.drop $passive)
    (i32.load (i32.const 400))))
