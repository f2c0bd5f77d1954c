;; NaN results are quiet even where LLVM would fold the operation away
;; (x * 1, x - 0, demote(promote x)) and for min/max, whose x86 lowering
;; returns NaN operands unchanged. Operands and results are bit patterns;
;; 0x7fa00000 is a signalling NaN, 0x7fe00000 the same NaN quieted.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=mul_one %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=QUIET
;; RUN: %wasmkiln run --invoke=sub_zero %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=QUIET
;; RUN: %wasmkiln run --invoke=div_neg1 %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=NEGQUIET
;; RUN: %wasmkiln run --invoke=min %t.wasm 0x7fa00000 0 | FileCheck %s --check-prefix=QUIET
;; RUN: %wasmkiln run --invoke=max %t.wasm 0 0x7fa00000 | FileCheck %s --check-prefix=QUIET
;; RUN: %wasmkiln run --invoke=promote_demote %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=QUIET
;; QUIET: {{^}}2145386496
;; Whether the division is folded to a negation decides the sign; both are
;; arithmetic NaNs.
;; NEGQUIET: {{^(2145386496|-2097152)$}}
;; abs and neg only touch the sign bit, keeping a signalling NaN as it is.
;; RUN: %wasmkiln run --invoke=neg %t.wasm 0x7fa00000 | FileCheck %s --check-prefix=NEG
;; NEG: {{^}}-6291456
(module
  (func $f (param i32) (result f32) (f32.reinterpret_i32 (local.get 0)))
  (func (export "mul_one") (param i32) (result i32)
    (i32.reinterpret_f32 (f32.mul (call $f (local.get 0)) (f32.const 1))))
  (func (export "sub_zero") (param i32) (result i32)
    (i32.reinterpret_f32 (f32.sub (call $f (local.get 0)) (f32.const 0))))
  (func (export "div_neg1") (param i32) (result i32)
    (i32.reinterpret_f32 (f32.div (call $f (local.get 0)) (f32.const -1))))
  (func (export "min") (param i32 i32) (result i32)
    (i32.reinterpret_f32 (f32.min (call $f (local.get 0)) (call $f (local.get 1)))))
  (func (export "max") (param i32 i32) (result i32)
    (i32.reinterpret_f32 (f32.max (call $f (local.get 0)) (call $f (local.get 1)))))
  (func (export "promote_demote") (param i32) (result i32)
    (i32.reinterpret_f32 (f32.demote_f64 (f64.promote_f32 (call $f (local.get 0))))))
  (func (export "neg") (param i32) (result i32)
    (i32.reinterpret_f32 (f32.neg (call $f (local.get 0))))))
