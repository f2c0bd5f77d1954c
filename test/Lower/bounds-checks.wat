;; Explicit mode compares every access's zero-extended index with the
;; memory's current size minus the access's offset + width (64-bit signed
;; arithmetic, so that size - bytes is loop-invariant) before the access;
;; guard mode emits no check and
;; relies on the reservation. Accesses are align 1 and use mem0_base loaded
;; once in the entry block. Accesses to linear memory and to runtime data
;; carry different TBAA tags, so that LLVM keeps e.g. the memory size in a
;; register across stores to memory.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --bounds-checks=explicit --module-name=bc %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=bc %t.wasm -o - | FileCheck %s --check-prefix=GUARD

;; EXPLICIT-LABEL: define {{.*}} @"wasm:bc:load"(ptr nonnull align 16 dereferenceable({{[0-9]+}}) %instance, i32 %0)
;; EXPLICIT: entry:
;; EXPLICIT: [[BASE:%.*]] = load ptr, ptr %{{.*}}, align {{8|16}}, !dbg !{{[0-9]+}}, !tbaa ![[RT:[0-9]+]], !invariant.load
;; EXPLICIT: [[IDX:%.*]] = zext i32 %{{.*}} to i64
;; EXPLICIT: %mem_size = load i64, ptr %{{.*}}, align 8, !dbg !{{[0-9]+}}, !tbaa ![[RT]]{{$}}
;; EXPLICIT: %limit = sub nsw i64 %mem_size, 20
;; EXPLICIT: [[OOB:%.*]] = icmp sgt i64 [[IDX]], %limit
;; EXPLICIT: br i1 [[OOB]], label %trap, label %cont
;; EXPLICIT: [[EA:%.*]] = add i64 [[IDX]], 16
;; EXPLICIT: %addr = getelementptr i8, ptr [[BASE]], i64 [[EA]]
;; EXPLICIT: load i32, ptr %addr, align 1, !dbg !{{[0-9]+}}, !tbaa ![[MEM:[0-9]+]]
;; EXPLICIT: call void @wk_trap_at(i32 5,

;; EXPLICIT-LABEL: define {{.*}} @"wasm:bc:store8"(
;; EXPLICIT: %mem_size = load i64
;; EXPLICIT: %limit = sub nsw i64 %mem_size, 1
;; EXPLICIT: icmp sgt i64
;; EXPLICIT: [[V:%.*]] = trunc i32 %{{.*}} to i8
;; EXPLICIT: store i8 [[V]], ptr %addr, align 1, !dbg !{{[0-9]+}}, !tbaa ![[MEM]]
;; Linear memory and runtime data are disjoint TBAA types of one root.
;; EXPLICIT-DAG: ![[RT]] = !{![[RTTY:[0-9]+]], ![[RTTY]], i64 0}
;; EXPLICIT-DAG: ![[RTTY]] = !{!"runtime", ![[ROOT:[0-9]+]], i64 0}
;; EXPLICIT-DAG: ![[MEM]] = !{![[MEMTY:[0-9]+]], ![[MEMTY]], i64 0}
;; EXPLICIT-DAG: ![[MEMTY]] = !{!"linear memory", ![[ROOT]], i64 0}
;; EXPLICIT-DAG: ![[ROOT]] = !{!"wasmkiln"}

;; GUARD-LABEL: define {{.*}} @"wasm:bc:load"(
;; GUARD-NOT: mem_size
;; GUARD: %addr = getelementptr i8, ptr
;; GUARD-NEXT: load volatile i32, ptr %addr, align 1
;; GUARD-NOT: call void @wk_trap_at(i32 5,
;; GUARD-LABEL: define {{.*}} @"wasm:bc:store8"(
;; GUARD-NOT: mem_size
;; GUARD: store volatile i8 {{.*}}, ptr %addr, align 1
(module
  (memory 1)
  (func (export "load") (param i32) (result i32)
    (i32.load offset=16 (local.get 0)))
  (func (export "store8") (param i32 i32)
    (i32.store8 (local.get 0) (local.get 1))))
