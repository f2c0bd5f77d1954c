;; --timeout compiles an interrupt check (a relaxed atomic load of
;; wk_instance.interrupt at +56) at every function entry and loop header;
;; --fuel adds the decrement of wk_instance.fuel at +64. Without either
;; option the generated code has no such check (default code quality).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=ic --timeout=1 %t.wasm -o - | FileCheck %s --check-prefixes=CHECK,INTR
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=ic --fuel=1 %t.wasm -o - | FileCheck %s --check-prefixes=CHECK,FUEL
;; RUN: %wasmkiln --emit=llvm -O2 --module-name=ic %t.wasm -o - | FileCheck %s --check-prefix=NONE
;; RUN: %wasmkiln --emit=llvm -O2 --module-name=ic --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=NONE

;; CHECK-LABEL: define {{.*}} @"wasm:ic:spin"(
;; CHECK: body:
;; CHECK: [[P:%.*]] = getelementptr inbounds i8, ptr %instance, i64 56
;; CHECK-NEXT: %interrupt = load atomic i32, ptr [[P]] monotonic, align 4
;; CHECK-NEXT: [[SET:%.*]] = icmp ne i32 %interrupt, 0
;; FUEL-NEXT: [[F:%.*]] = getelementptr inbounds i8, ptr %instance, i64 64
;; FUEL-NEXT: %fuel = load i64, ptr [[F]]
;; FUEL-NEXT: [[LEFT:%.*]] = sub i64 %fuel, 1
;; FUEL-NEXT: store i64 [[LEFT]], ptr [[F]]
;; FUEL-NEXT: [[NEG:%.*]] = icmp slt i64 [[LEFT]], 0
;; FUEL-NEXT: [[STOP:%.*]] = or i1 [[SET]], [[NEG]]
;; FUEL-NEXT: br i1 [[STOP]], label %interrupted, label %checked
;; INTR-NEXT: br i1 [[SET]], label %interrupted, label %checked
;; All checks of a function share one cold block.
;; CHECK: interrupted:
;; CHECK-NEXT: call void @wk_trap_interrupt(ptr %instance, ptr @
;; CHECK-NEXT: unreachable
;; CHECK: loop:
;; CHECK: load atomic i32, ptr %{{.*}} monotonic
;; FUEL: store i64
;; CHECK: br i1 %{{.*}}, label %interrupted, label %checked

;; NONE-NOT: load atomic
;; NONE-NOT: wk_trap_interrupt
(module
  (func (export "spin") (param i32) (result i32)
    (loop $l (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
    (local.get 0)))
