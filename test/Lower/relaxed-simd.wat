;; Relaxed SIMD: the instruction each operator is lowered to (the table in
;; docs/conformance.md). x86-64 (the default x86-64-v2): one native instruction
;; each, no fix-up code (no compare, blend or constant-pool load beside it;
;; the unsigned truncations are their max + two conversions + shifts). aarch64:
;; the NEON instruction of the chosen result; madd is fused there.
;; RUN: wat2wasm --enable-all %s -o %t.wasm
;; RUN: %wasmkiln --emit=asm --module-name=r %t.wasm -o - | FileCheck %s --check-prefix=X86
;; RUN: %wasmkiln --emit=asm -O2 --cpu=native --module-name=r %t.wasm -o - | FileCheck %s --check-prefix=NATIVE
;; RUN: %wasmkiln --emit=asm --target=aarch64-linux-gnu --module-name=r %t.wasm -o - | FileCheck %s --check-prefix=A64

;; X86-LABEL: "wasm:r:swizzle":
;; X86: pshufb
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:trunc_s":
;; X86: cvttps2dq
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:trunc_u":
;; X86: maxps
;; X86: cvttps2dq
;; X86: cvttps2dq
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:trunc_s_zero":
;; X86: cvttpd2dq
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:trunc_u_zero":
;; X86: maxpd
;; X86: cvttpd2dq
;; X86: cvttpd2dq
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:madd32":
;; X86: mulps
;; X86-NEXT: addps
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:nmadd32":
;; X86: mulps
;; X86: subps
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:madd64":
;; X86: mulpd
;; X86-NEXT: addpd
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:nmadd64":
;; X86: mulpd
;; X86: subpd
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:sel8":
;; X86: pblendvb
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:sel16":
;; X86: pblendvb
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:sel32":
;; X86: blendvps
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:sel64":
;; X86: blendvpd
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:min32":
;; X86: minps
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:max32":
;; X86: maxps
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:min64":
;; X86: minpd
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:max64":
;; X86: maxpd
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:q15":
;; X86: pmulhrsw
;; X86-NEXT: retq
;; X86-LABEL: "wasm:r:dot":
;; X86: pmaddubsw
;; X86-NOT: cmp
;; X86: retq
;; X86-LABEL: "wasm:r:dot_add":
;; X86: pmaddubsw
;; X86: pmaddwd
;; X86: paddd
;; X86-NOT: cmp
;; X86: retq

;; madd stays unfused when the host has FMA: the result must not depend
;; on the CPU.
;; NATIVE-LABEL: "wasm:r:madd32":
;; NATIVE-NOT: vfmadd
;; NATIVE: retq

;; A64-LABEL: "wasm:r:swizzle":
;; A64: tbl
;; A64: ret
;; A64-LABEL: "wasm:r:trunc_s":
;; A64: fcvtzs
;; A64: ret
;; A64-LABEL: "wasm:r:trunc_u":
;; A64: fcvtzu
;; A64: ret
;; A64-LABEL: "wasm:r:trunc_s_zero":
;; A64: fcvtzs
;; A64: ret
;; A64-LABEL: "wasm:r:trunc_u_zero":
;; A64: fcvtzu
;; A64: ret
;; A64-LABEL: "wasm:r:madd32":
;; A64: fmla
;; A64: ret
;; A64-LABEL: "wasm:r:nmadd32":
;; A64: fmls
;; A64: ret
;; A64-LABEL: "wasm:r:madd64":
;; A64: fmla
;; A64: ret
;; A64-LABEL: "wasm:r:nmadd64":
;; A64: fmls
;; A64: ret
;; A64-LABEL: "wasm:r:sel8":
;; A64: cmlt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:sel16":
;; A64: cmlt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:sel32":
;; A64: cmlt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:sel64":
;; A64: cmlt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:min32":
;; A64: fcmgt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:max32":
;; A64: fcmgt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:min64":
;; A64: fcmgt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:max64":
;; A64: fcmgt
;; A64: bif
;; A64: ret
;; A64-LABEL: "wasm:r:q15":
;; A64: sqrdmulh
;; A64: ret

(module
  (func (export "swizzle") (param v128 v128) (result v128) (i8x16.relaxed_swizzle (local.get 0) (local.get 1)))
  (func (export "trunc_s") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_s (local.get 0)))
  (func (export "trunc_u") (param v128) (result v128) (i32x4.relaxed_trunc_f32x4_u (local.get 0)))
  (func (export "trunc_s_zero") (param v128) (result v128) (i32x4.relaxed_trunc_f64x2_s_zero (local.get 0)))
  (func (export "trunc_u_zero") (param v128) (result v128) (i32x4.relaxed_trunc_f64x2_u_zero (local.get 0)))
  (func (export "madd32") (param v128 v128 v128) (result v128) (f32x4.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "nmadd32") (param v128 v128 v128) (result v128) (f32x4.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "madd64") (param v128 v128 v128) (result v128) (f64x2.relaxed_madd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "nmadd64") (param v128 v128 v128) (result v128) (f64x2.relaxed_nmadd (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sel8") (param v128 v128 v128) (result v128) (i8x16.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sel16") (param v128 v128 v128) (result v128) (i16x8.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sel32") (param v128 v128 v128) (result v128) (i32x4.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "sel64") (param v128 v128 v128) (result v128) (i64x2.relaxed_laneselect (local.get 0) (local.get 1) (local.get 2)))
  (func (export "min32") (param v128 v128) (result v128) (f32x4.relaxed_min (local.get 0) (local.get 1)))
  (func (export "max32") (param v128 v128) (result v128) (f32x4.relaxed_max (local.get 0) (local.get 1)))
  (func (export "min64") (param v128 v128) (result v128) (f64x2.relaxed_min (local.get 0) (local.get 1)))
  (func (export "max64") (param v128 v128) (result v128) (f64x2.relaxed_max (local.get 0) (local.get 1)))
  (func (export "q15") (param v128 v128) (result v128) (i16x8.relaxed_q15mulr_s (local.get 0) (local.get 1)))
  (func (export "dot") (param v128 v128) (result v128) (i16x8.dot_i8x16_i7x16_s (local.get 0) (local.get 1)))
  (func (export "dot_add") (param v128 v128 v128) (result v128) (i32x4.dot_i8x16_i7x16_add_s (local.get 0) (local.get 1) (local.get 2)))
)
