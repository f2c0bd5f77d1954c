;; What the runtime seam does for speed (docs/performance.md, "How the
;; generated code gets its speed"):
;; * the instance parameter is dereferenceable (its whole size) and aligned,
;;   and the wk_table / wk_memory pointers loaded from it are invariant,
;;   nonnull and dereferenceable, so LLVM may hoist their loads;
;; * a defined table whose maximum equals its minimum has a constant size
;;   and an invariant elements pointer, loaded once at entry for table 0
;;   (so that LLVM need not hoist it past the bounds check); a growable one
;;   loads both at each use;
;; * memory.fill and memory.copy are a range check then llvm.memset /
;;   llvm.memmove (no runtime call);
;; * with TBAA separating linear memory from runtime data, -O2 keeps a
;;   global in a register across a store to memory.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=s %t.wasm -o - | FileCheck %s
;; RUN: %wasmkiln --emit=llvm -O2 --module-name=s %t.wasm -o - | FileCheck %s --check-prefix=OPT

;; CHECK-LABEL: define {{.*}} @"wasm:s:fixed"(ptr nonnull align 16 dereferenceable({{[0-9]+}}) %instance
;; CHECK: entry:
;; CHECK: [[T:%.*]] = load ptr, ptr %{{.*}}, !invariant.load !{{[0-9]+}}, !nonnull !{{[0-9]+}}, !dereferenceable ![[TBYTES:[0-9]+]], !align
;; CHECK-NEXT: [[E:%.*]] = load ptr, ptr [[T]], align 8, !dbg !{{[0-9]+}}, !tbaa !{{[0-9]+}}, !invariant.load
;; CHECK: body:
;; CHECK-NOT: %table_size
;; CHECK: [[OOB:%.*]] = icmp uge i32 %{{.*}}, 2
;; CHECK-NEXT: br i1 [[OOB]], label %trap
;; CHECK: getelementptr inbounds ptr, ptr [[E]]
;; CHECK: %callee = load ptr

;; CHECK-LABEL: define {{.*}} @"wasm:s:growable"(
;; CHECK: body:
;; CHECK: [[T:%.*]] = load ptr, ptr %{{.*}}, !dereferenceable ![[TBYTES]]
;; CHECK: %table_size = load i32
;; CHECK: icmp uge i32 %{{.*}}, %table_size
;; CHECK: load ptr, ptr [[T]], align 8, !dbg !{{[0-9]+}}, !tbaa !{{[0-9]+}}{{$}}

;; CHECK-LABEL: define {{.*}} @"wasm:s:fill"(
;; CHECK: %mem_size = load i64
;; CHECK: icmp ugt i64 %{{.*}}, %mem_size
;; CHECK: call void @llvm.memset.p0.i64(ptr align 1 %{{.*}}, i8 0, i64 %{{.*}}, i1 false), !dbg !{{[0-9]+}}, !tbaa
;; CHECK: call void @wk_trap_at(i32 5,

;; CHECK-LABEL: define {{.*}} @"wasm:s:copy8"(
;; CHECK-COUNT-2: icmp ugt i64 %{{.*}}, %mem_size
;; CHECK: call void @llvm.memmove.p0.p0.i64(ptr align 1 %{{.*}}, ptr align 1 %{{.*}}, i64 8, i1 false), !dbg !{{[0-9]+}}, !tbaa
;; CHECK-NOT: wk_memory_fill
;; CHECK-NOT: wk_memory_copy
;; CHECK: ![[TBYTES]] = !{i64 24}

;; OPT-LABEL: define {{.*}} @"wasm:s:global_across_store"(
;; OPT: [[G:%.*]] = load i32, ptr %{{.*}}, !dbg !{{[0-9]+}}, !tbaa
;; OPT-NEXT: zext
;; OPT-NEXT: getelementptr
;; OPT-NEXT: store volatile i32 [[G]]
;; OPT-NEXT: ret i32 [[G]]
(module
  (type $t (func (param i32) (result i32)))
  (memory 1)
  (global $g (mut i32) (i32.const 0))
  (table $fixed 2 2 funcref)
  (table $growable 2 funcref)
  (func $id (type $t) (local.get 0))
  (elem (table $fixed) (i32.const 0) func $id)
  (func (export "global_across_store") (param i32) (result i32)
    (i32.store (local.get 0) (global.get $g))
    (global.get $g))
  (func (export "fixed") (param i32) (result i32)
    (call_indirect $fixed (type $t) (i32.const 7) (local.get 0)))
  (func (export "growable") (param i32) (result i32)
    (call_indirect $growable (type $t) (i32.const 7) (local.get 0)))
  (func (export "fill") (param i32 i32)
    (memory.fill (local.get 0) (i32.const 0) (local.get 1)))
  (func (export "copy8") (param i32 i32)
    (memory.copy (local.get 0) (local.get 1) (i32.const 8))))
