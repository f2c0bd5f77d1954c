"""Prints a module whose init has too many globals, element items and
segments for LLVM to unroll init's loops (IRGenInit.cpp): N globals of
every numeric type, a ref.func global, an active segment of N items, a
declarative and a passive one, N data segments. Usage: init-tables.py N"""
import sys

n = int(sys.argv[1])
out = ["(module", "  (type $v (func (result i32)))",
       "  (func $one (type $v) (i32.const 1))",
       "  (func $two (type $v) (i32.const 2))"]
types = ["i32", "i64", "f32", "f64"]
for i in range(n):
    t = types[i % 4]
    out.append(f"  (global $g{i} {t} ({t}.const {i * 3 - 7}))")
out.append("  (global $fr funcref (ref.func $two))")
out.append(f"  (table $t {n + 2} funcref)")
items = " ".join("$one" if i % 3 else "$two" for i in range(n))
out.append(f"  (elem (table $t) (i32.const 2) func {items})")
out.append("  (elem declare func $one)")
out.append("  (elem $p func $two $one)")
out.append("  (memory 1)")
for i in range(n):
    out.append(f'  (data (i32.const {i * 2}) "\\{i % 256:02x}")')
out.append(f'  (data $pd "passive")')
# Sums of the globals and table entries, so that one wrong row shows.
out.append("  (func (export \"globals\") (result i64 f64)")
adds_i = " ".join(f"(i64.add (i64.extend_i32_s (global.get $g{i})))"
                  if i % 4 == 0 else f"(i64.add (global.get $g{i}))"
                  for i in range(n) if i % 4 in (0, 1))
out.append(f"    (i64.const 0) {adds_i}")
adds_f = " ".join(f"(f64.add (f64.promote_f32 (global.get $g{i})))"
                  if i % 4 == 2 else f"(f64.add (global.get $g{i}))"
                  for i in range(n) if i % 4 in (2, 3))
out.append(f"    (f64.const 0) {adds_f})")
out.append("  (func (export \"table\") (result i32) (local $i i32) (local $s i32)")
out.append("    (table.init $t $p (i32.const 0) (i32.const 0) (i32.const 2))")
out.append("    (table.set $t (i32.const 1) (global.get $fr))")
out.append(f"    (loop $l (local.set $s (i32.add (local.get $s)")
out.append("      (call_indirect $t (type $v) (local.get $i))))")
out.append("      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i)"
           f" (i32.const 1))) (i32.const {n + 2}))))")
out.append("    (local.get $s))")
out.append("  (func (export \"data\") (result i32) (local $i i32) (local $s i32)")
out.append("    (loop $l (local.set $s (i32.add (local.get $s)")
out.append("      (i32.load8_u (i32.shl (local.get $i) (i32.const 1)))))")
out.append("      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i)"
           f" (i32.const 1))) (i32.const {n}))))")
out.append("    (memory.init $pd (i32.const 1) (i32.const 0) (i32.const 7))")
out.append("    (i32.add (local.get $s) (i32.load8_u (i32.const 7))))")
out.append(")")
print("\n".join(out))
