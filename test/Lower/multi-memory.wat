;; Multiple memories: an access to memory 0 uses the instance header's copy
;; of its base and wk_memory pointer (loaded once in the entry block, the
;; single-memory fast path, unchanged), an access to another memory loads
;; that memory's wk_memory pointer from the instance's memories array, then
;; its base, and in explicit mode checks against that memory's size.
;; RUN: wat2wasm --enable-multi-memory %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --bounds-checks=explicit --module-name=mm %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT
;; RUN: %wasmkiln --emit=llvm -O2 --module-name=mm %t.wasm -o - | FileCheck %s --check-prefix=GUARD

;; EXPLICIT-LABEL: define {{.*}} @"wasm:mm:load0"(
;; EXPLICIT: entry:
;; EXPLICIT: [[HDR_BASE:%.*]] = getelementptr inbounds i8, ptr %instance, i64 0
;; EXPLICIT: [[BASE0:%.*]] = load ptr, ptr [[HDR_BASE]]
;; EXPLICIT: [[HDR_MEM:%.*]] = getelementptr inbounds i8, ptr %instance, i64 8
;; EXPLICIT: [[MEM0:%.*]] = load ptr, ptr [[HDR_MEM]]
;; EXPLICIT: body:
;; EXPLICIT: [[SIZE0:%.*]] = getelementptr inbounds i8, ptr [[MEM0]], i64 8
;; EXPLICIT: %mem_size = load i64, ptr [[SIZE0]]
;; EXPLICIT: %addr = getelementptr i8, ptr [[BASE0]]
;; EXPLICIT: ret i32

;; EXPLICIT-LABEL: define {{.*}} @"wasm:mm:load1"(
;; EXPLICIT: body:
;; EXPLICIT: [[SLOT1:%.*]] = getelementptr inbounds i8, ptr %instance, i64 [[MEMS:[0-9]+]]
;; EXPLICIT: [[MEM1:%.*]] = load ptr, ptr [[SLOT1]], {{.*}}!nonnull
;; EXPLICIT: [[BASE1:%.*]] = load ptr, ptr [[MEM1]], {{.*}}!invariant.load
;; EXPLICIT: [[SLOT1B:%.*]] = getelementptr inbounds i8, ptr %instance, i64 [[MEMS]]
;; EXPLICIT: [[MEM1B:%.*]] = load ptr, ptr [[SLOT1B]]
;; EXPLICIT: [[SIZE1:%.*]] = getelementptr inbounds i8, ptr [[MEM1B]], i64 8
;; EXPLICIT: %mem_size = load i64, ptr [[SIZE1]]
;; EXPLICIT: %limit = sub nsw i64 %mem_size, 8
;; EXPLICIT: br i1 %{{.*}}, label %trap, label %cont
;; EXPLICIT: %addr = getelementptr i8, ptr [[BASE1]]
;; EXPLICIT: ret i32

;; memory.copy from memory 1 to memory 0 checks each range against its own
;; memory's size, then moves.
;; EXPLICIT-LABEL: define {{.*}} @"wasm:mm:copy"(
;; EXPLICIT: load i64, ptr
;; EXPLICIT: icmp ugt i64
;; EXPLICIT: getelementptr inbounds i8, ptr %instance, i64 [[MEMS]]
;; EXPLICIT: load i64, ptr
;; EXPLICIT: icmp ugt i64
;; EXPLICIT: call void @llvm.memmove

;; Guard mode, optimised: memory 0 is the header's base, memory 1 two
;; invariant loads, neither checked.
;; GUARD-LABEL: define {{.*}} @"wasm:mm:load0"(
;; GUARD-NEXT: entry:
;; GUARD-NEXT: [[B0:%.*]] = load ptr, ptr %instance,
;; GUARD-NOT: mem_size
;; GUARD: getelementptr i8, ptr [[B0]]
;; GUARD-LABEL: define {{.*}} @"wasm:mm:load1"(
;; GUARD-NEXT: entry:
;; GUARD-NEXT: [[S1:%.*]] = getelementptr inbounds i8, ptr %instance, i64 [[GMEMS:[0-9]+]]
;; GUARD-NEXT: [[M1:%.*]] = load ptr, ptr [[S1]]
;; GUARD-NEXT: [[B1:%.*]] = load ptr, ptr [[M1]]
;; GUARD-NOT: mem_size
;; GUARD: getelementptr i8, ptr [[B1]]
(module
  (memory $m0 1)
  (memory $m1 2)
  (func (export "load0") (param i32) (result i32) (i32.load $m0 offset=4 (local.get 0)))
  (func (export "load1") (param i32) (result i32) (i32.load $m1 offset=4 (local.get 0)))
  (func (export "copy") (param i32 i32 i32)
    (memory.copy $m0 $m1 (local.get 0) (local.get 1) (local.get 2))))
