;; Another thread may grow a shared memory at any time: explicit bounds
;; checks read its size atomically (monotonic: it only grows), memory.size
;; reads it seq_cst, and the module says memory 0 is shared so that
;; LoopAddressing does not decide a loop by one size compare in the
;; preheader. An unshared memory keeps plain loads.
;; RUN: wat2wasm --enable-threads %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --bounds-checks=explicit %t.wasm -o - | FileCheck %s
;; RUN: sed 's/ shared)/)/' %s > %t.unshared.wat
;; RUN: wat2wasm %t.unshared.wat -o %t.unshared.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --bounds-checks=explicit %t.unshared.wasm -o - | FileCheck --check-prefix=UNSHARED %s
;; RUN: %wasmkiln --emit=asm -O2 %t.wasm -o - | FileCheck --check-prefix=ASM %s
;; CHECK-LABEL: define {{.*}}"wasm:{{.*}}:load"
;; CHECK: load atomic i64, ptr %{{.*}} monotonic, align 8
;; CHECK-LABEL: define {{.*}}"wasm:{{.*}}:size"
;; CHECK: load atomic i64, ptr %{{.*}} seq_cst, align 8
;; CHECK: !wasmkiln.memory0_shared = !{}
;; UNSHARED-NOT: memory0_shared
;; UNSHARED-NOT: load atomic
;; A loop without calls over shared memory 0 is versioned by its no-wrap
;; predicate (p + 4 * (n - 1) < 2^32), not by the size compare an unshared
;; memory gets (its loads' range against the size, after which LLVM
;; vectorises the loop: UNSHARED-ASM).
;; RUN: %wasmkiln --emit=asm -O2 %t.unshared.wasm -o - | FileCheck --check-prefix=UNSHARED-ASM %s
;; ASM-LABEL: "wasm:{{.*}}:sum":
;; ASM-NOT: $4294901761
;; ASM: shrq $32
;; ASM: retq
;; UNSHARED-ASM-LABEL: "wasm:{{.*}}:sum":
;; UNSHARED-ASM: paddd
(module
  (memory 1 100 shared)
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (loop $l
      (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 4)))
      (br_if $l (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $s)))
