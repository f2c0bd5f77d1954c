;; Atomics on x86-64: seq_cst loads are plain moves, stores xchg, the
;; read-modify-writes lock-prefixed, the fence mfence; the natural-alignment
;; check is one test of the address's low bits before the access.
;; RUN: wat2wasm --enable-threads %s -o %t.wasm
;; RUN: %wasmkiln --emit=asm --module-name=atomics %t.wasm -o - | grep -v -e '\.cfi_' -e '^\.Ltmp[0-9]*:$' | FileCheck %s
;; CHECK-LABEL: "wasm:atomics:load":
;; CHECK: testb $3, %sil
;; CHECK-NEXT: jne
;; CHECK: movl (%rax,%rcx), %eax
;; CHECK-NEXT: retq
;; CHECK: callq wk_trap_at
;; CHECK-LABEL: "wasm:atomics:store":
;; CHECK: xchgl %edx, (%rax,%rcx)
;; CHECK-NOT: mfence
;; CHECK-LABEL: "wasm:atomics:add":
;; CHECK: lock xaddl %edx, (%rax,%rcx)
;; CHECK-LABEL: "wasm:atomics:cas":
;; CHECK: testb $7, %sil
;; CHECK: lock cmpxchgq %rcx, (%rdi,%rsi)
;; CHECK-LABEL: "wasm:atomics:fence":
;; CHECK-NEXT: mfence
;; CHECK-NEXT: retq
(module
  (memory 1 1 shared)
  (func (export "load") (param i32) (result i32) (i32.atomic.load (local.get 0)))
  (func (export "store") (param i32 i32) (i32.atomic.store (local.get 0) (local.get 1)))
  (func (export "add") (param i32 i32) (result i32) (i32.atomic.rmw.add (local.get 0) (local.get 1)))
  (func (export "cas") (param i32 i64 i64) (result i64) (i64.atomic.rmw.cmpxchg (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fence") (atomic.fence)))
