;; Every trap is a branch (unlikely) to one block per kind and function that
;; calls the noreturn wk_trap_at(kind, "<function name>"); the kinds are the
;; wk_trap values of runtime.h. Every function that calls checks the stack
;; limit (instance+48) against the stack pointer on entry; a leaf with a
;; small frame does not.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=tr %t.wasm -o - | FileCheck %s

;; CHECK-LABEL: define {{.*}} @"wasm:tr:unreachable"(
;; CHECK: [[SP:%.*]] = call i64 @llvm.read_register.i64(metadata [[RSP:![0-9]+]])
;; CHECK: %stack_limit = load i64, ptr
;; CHECK: br i1 {{.*}}, label %trap{{[0-9]*}}, label %body, !dbg !{{[0-9]+}}, !prof
;; CHECK: call void @wk_trap_at(i32 1, ptr @[[NAME:.*]])
;; CHECK-NEXT: unreachable
;; CHECK: call void @wk_trap_at(i32 10, ptr @[[NAME]])

;; CHECK-LABEL: define {{.*}} @"wasm:tr:div"(
;; CHECK-NOT: read_register
;; CHECK-DAG: call void @wk_trap_at(i32 2,
;; CHECK-DAG: call void @wk_trap_at(i32 3,

;; CHECK-LABEL: define {{.*}} @"wasm:tr:table"(
;; CHECK: %table_size = load i32
;; CHECK: icmp uge i32
;; CHECK: call void @wk_trap_at(i32 6,

;; CHECK-LABEL: define {{.*}} @"wasm:tr:indirect"(
;; CHECK: %table_size = load i32
;; CHECK-DAG: %callee = load ptr
;; CHECK-DAG: icmp eq ptr %callee, null
;; CHECK-DAG: %code = load ptr, ptr %callee
;; CHECK-DAG: call i32 %code(ptr %instance, i32 7)
;; CHECK-DAG: call void @wk_trap_at(i32 7,
;; CHECK-DAG: call void @wk_trap_at(i32 8,
;; CHECK-DAG: call void @wk_trap_at(i32 9,

;; CHECK: declare void @wk_trap_at(i32, ptr) #[[ATTR:[0-9]+]]
;; CHECK: attributes #[[ATTR]] = { noreturn nounwind }
;; CHECK: [[RSP]] = !{!"rsp"}
(module
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (func (export "unreachable") (drop (call 1 (i32.const 1) (i32.const 1)))
    unreachable)
  (func (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))
  (func (export "table") (param i32) (result funcref)
    (table.get 0 (local.get 0)))
  (func (export "indirect") (param i32) (result i32)
    (call_indirect (type $t) (i32.const 7) (local.get 0))))
