;; i32 arithmetic, bit operations and comparisons, run through the JIT.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=add %t.wasm 2147483647 1 | FileCheck %s --check-prefix=ADD
;; ADD: -2147483648
;; RUN: %wasmkiln run --invoke=sub %t.wasm 0 1 | FileCheck %s --check-prefix=SUB
;; SUB: -1
;; RUN: %wasmkiln run --invoke=mul %t.wasm 65536 65536 | FileCheck %s --check-prefix=MUL
;; MUL: 0
;; RUN: %wasmkiln run --invoke=div_s %t.wasm -7 2 | FileCheck %s --check-prefix=DIVS
;; DIVS: -3
;; RUN: %wasmkiln run --invoke=div_u %t.wasm -7 2 | FileCheck %s --check-prefix=DIVU
;; DIVU: 2147483644
;; RUN: %wasmkiln run --invoke=rem_s %t.wasm 0x80000000 -1 | FileCheck %s --check-prefix=REMS
;; REMS: 0
;; RUN: %wasmkiln run --invoke=rem_u %t.wasm -7 2 | FileCheck %s --check-prefix=REMU
;; REMU: 1
;; RUN: %wasmkiln run --invoke=shl %t.wasm 1 33 | FileCheck %s --check-prefix=SHL
;; SHL: 2
;; RUN: %wasmkiln run --invoke=shr_s %t.wasm -8 -31 | FileCheck %s --check-prefix=SHRS
;; SHRS: -4
;; RUN: %wasmkiln run --invoke=shr_u %t.wasm -8 1 | FileCheck %s --check-prefix=SHRU
;; SHRU: 2147483644
;; RUN: %wasmkiln run --invoke=rotl %t.wasm 0x80000001 1 | FileCheck %s --check-prefix=ROTL
;; ROTL: 3
;; RUN: %wasmkiln run --invoke=rotr %t.wasm 3 33 | FileCheck %s --check-prefix=ROTR
;; ROTR: -2147483647
;; RUN: %wasmkiln run --invoke=clz %t.wasm 0 | FileCheck %s --check-prefix=CLZ
;; CLZ: 32
;; RUN: %wasmkiln run --invoke=ctz %t.wasm 0 | FileCheck %s --check-prefix=CTZ
;; CTZ: 32
;; RUN: %wasmkiln run --invoke=popcnt %t.wasm -1 | FileCheck %s --check-prefix=POPCNT
;; POPCNT: 32
;; RUN: %wasmkiln run --invoke=lt_s %t.wasm -1 0 | FileCheck %s --check-prefix=LTS
;; LTS: 1
;; RUN: %wasmkiln run --invoke=lt_u %t.wasm -1 0 | FileCheck %s --check-prefix=LTU
;; LTU: 0
;; RUN: %wasmkiln run --invoke=eqz %t.wasm 0 | FileCheck %s --check-prefix=EQZ
;; EQZ: 1
;; RUN: %wasmkiln run --invoke=extend8_s %t.wasm 0x80 | FileCheck %s --check-prefix=EXT8
;; EXT8: -128
;; RUN: %wasmkiln run --invoke=extend16_s %t.wasm 0x7fff | FileCheck %s --check-prefix=EXT16
;; EXT16: 32767
(module
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "sub") (param i32 i32) (result i32) (i32.sub (local.get 0) (local.get 1)))
  (func (export "mul") (param i32 i32) (result i32) (i32.mul (local.get 0) (local.get 1)))
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "div_u") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i32 i32) (result i32) (i32.rem_s (local.get 0) (local.get 1)))
  (func (export "rem_u") (param i32 i32) (result i32) (i32.rem_u (local.get 0) (local.get 1)))
  (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1)))
  (func (export "shr_s") (param i32 i32) (result i32) (i32.shr_s (local.get 0) (local.get 1)))
  (func (export "shr_u") (param i32 i32) (result i32) (i32.shr_u (local.get 0) (local.get 1)))
  (func (export "rotl") (param i32 i32) (result i32) (i32.rotl (local.get 0) (local.get 1)))
  (func (export "rotr") (param i32 i32) (result i32) (i32.rotr (local.get 0) (local.get 1)))
  (func (export "clz") (param i32) (result i32) (i32.clz (local.get 0)))
  (func (export "ctz") (param i32) (result i32) (i32.ctz (local.get 0)))
  (func (export "popcnt") (param i32) (result i32) (i32.popcnt (local.get 0)))
  (func (export "lt_s") (param i32 i32) (result i32) (i32.lt_s (local.get 0) (local.get 1)))
  (func (export "lt_u") (param i32 i32) (result i32) (i32.lt_u (local.get 0) (local.get 1)))
  (func (export "eqz") (param i32) (result i32) (i32.eqz (local.get 0)))
  (func (export "extend8_s") (param i32) (result i32) (i32.extend8_s (local.get 0)))
  (func (export "extend16_s") (param i32) (result i32) (i32.extend16_s (local.get 0))))
