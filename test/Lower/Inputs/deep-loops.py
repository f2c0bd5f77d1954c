"""Prints a WASI program whose function $deep nests DEPTH counted loops,
each storing its counter at 4 * level; the outermost runs twice, the
innermost three times, the others once. The program exits with the number
of innermost runs plus the last counters read back from memory (mod 256),
which the first line states."""
import sys

depth = int(sys.argv[1])
trips = [2] + [1] * (depth - 2) + [3]
head, tail = [], []
for level in range(depth):
    local = f"$i{level}"
    head.append(f"(local.set {local} (i32.const 0)) (loop $l{level}")
    head.append(f"(i32.store (i32.const {4 * level}) (local.get {local}))")
    tail.append(f"(local.set {local} (i32.add (local.get {local}) (i32.const 1)))"
                f" (br_if $l{level} (i32.lt_u (local.get {local}) (i32.const {trips[level]}))))")
# The innermost body counts its runs in $n.
head.append("(local.set $n (i32.add (local.get $n) (i32.const 1)))")
runs = 1
for t in trips:
    runs *= t
locals_ = " ".join(f"(local $i{level} i32)" for level in range(depth))
sum_loads = " ".join(f"(i32.load (i32.const {4 * level})) i32.add"
                     for level in range(depth))
# After the loops every counter's last stored value is trips - 1.
expected = (runs + sum(t - 1 for t in trips)) % 256
print(f""";; expected exit status {expected}
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $deep (result i32) {locals_} (local $n i32)
    {" ".join(head)}
    {" ".join(reversed(tail))}
    (local.get $n) {sum_loads}
    (i32.const 255) i32.and)
  (func (export "_start") (call $exit (call $deep))))""")
