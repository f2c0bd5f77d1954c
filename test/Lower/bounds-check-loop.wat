;; Explicit bounds checks in a loop that LoopAddressing versions: the
;; preheader compares the largest index (over the trip count) with the
;; memory's size once (LoopBoundsChecks); the fast loop has no check, the
;; copy that runs otherwise (an address wraps, or an access could be out of
;; bounds) keeps them all, so it traps where the wasm semantics say (see
;; test/Run/traps/bounds-check-opt.test, "fill").
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm --bounds-checks=explicit --module-name=l %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:l:scale"(
;; CHECK: %mem_size = load i64
;; CHECK: br i1 %{{.*}}, label %{{.*}}.wrap, label %{{.*}}.wide.ph
;; The copy: a check per access.
;; CHECK: {{.*}}.wrap:
;; CHECK: br i1 %{{.*}}, label %trap, label %{{.*}}.wrap
;; The fast loop: none.
;; CHECK: {{.*}}.wide.ph:
;; CHECK-NOT: label %trap
;; CHECK: ret void
(module
  (memory 1)
  ;; a[i] = a[i] * k for i < n (a: i32 array at p).
  (func (export "scale") (param $p i32) (param $n i32) (param $k i32)
    (local $i i32)
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $next
      (i32.store (local.get $p)
        (i32.mul (i32.load (local.get $p)) (local.get $k)))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $next (i32.lt_u (local.get $i) (local.get $n))))))
