;; A module exercising every 2.0 feature the validator types by hand: it must
;; validate without a diagnostic, and --validate names its 2.0 features.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --validate %t.wasm 2>&1 | FileCheck %s
;; CHECK: {{^}}features: sign-extension saturating-float-to-int multi-value bulk-memory reference-types simd{{$}}
(module
  (type $binop (func (param i32 i32) (result i32)))
  (type $pair (func (param i64) (result i64 i64)))
  (import "env" "g" (global $imported i32))
  (memory 1 2)
  (table $funcs 2 funcref)
  (table $refs 1 externref)
  (global $mut (mut i64) (i64.const 0))
  (global $copy i32 (global.get $imported))
  (global $fref funcref (ref.func $add))
  (data $d "abc")
  (elem $e func $add)
  (elem declare func $pair)

  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $pair (type $pair) (local.get 0) (local.get 0))

  (func $multi (result i32) (local i32)
    (i32.const 1) (i32.const 2)
    (block (type $binop) (param i32 i32) (result i32) (i32.add))
    (loop $l (param i32) (result i32)
      (drop)
      (br_if $l (i32.const 3) (i32.eqz (local.tee 0 (i32.const 0))))))

  (func $branches (param i32) (result i32)
    (block $a (result i32)
      (block $b (result i32)
        (br_table $a $b $a (i32.const 7) (local.get 0))))
    (if (param i32) (result i32) (local.get 0)
      (then (i32.const 1) (i32.add))))

  (func $refs (param externref) (result i32)
    (table.set $refs (i32.const 0) (local.get 0))
    (drop (table.grow $funcs (ref.func $pair) (i32.const 1)))
    (table.fill $refs (i32.const 0) (ref.null extern) (i32.const 1))
    (table.copy $funcs $funcs (i32.const 0) (i32.const 0) (i32.const 1))
    (table.init $funcs $e (i32.const 0) (i32.const 0) (i32.const 1))
    (elem.drop $e)
    (drop (select (result funcref) (ref.func $add) (ref.null func) (i32.const 1)))
    (i32.add (ref.is_null (table.get $refs (i32.const 0))) (table.size $funcs)))

  (func $memory (param v128) (result v128)
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 3))
    (data.drop $d)
    (memory.copy (i32.const 0) (i32.const 1) (i32.const 2))
    (memory.fill (i32.const 0) (i32.const 0) (memory.size))
    (global.set $mut (i64.extend32_s (i64.load32_u align=4 (i32.const 0))))
    (drop (i32.trunc_sat_f64_u (f64.const 1e30)))
    (drop (call_indirect $funcs (type $binop)
      (i32.const 1) (i32.const 2) (i32.const 0)))
    (v128.load32_lane align=4 3 (i32.const 0)
      (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 31
        (local.get 0) (i32x4.replace_lane 3 (local.get 0) (i32.const 1)))))

  (func $polymorphic (result f32)
    (unreachable)
    (select)
    (i64.add)
    (drop)
    (br_table 0 0)))
