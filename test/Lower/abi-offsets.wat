;; The runtime offsets and callee prototypes that generated code uses, pinned:
;; they come from runtime.h through compiler/abi/.../RuntimeABI.h (offsetof,
;; sizeof, decltype), and this test fails when runtime.h's layout changes, so
;; that a change to the ABI is a deliberate one (WK_ABI_VERSION, docs/abi.md).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=abi --bounds-checks=explicit %t.wasm -o - | FileCheck %s
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=abi --fuel=100 %t.wasm -o - | FileCheck %s --check-prefix=FUEL

;; Instance area: func_imports at 80 (the header's size), 13 wk_funcs of 40
;; bytes at 88, memories at 608, tables at 616, type_ids at 624 (4 bytes per
;; type); the rest follows (descriptor.wat pins that part of the layout).
;; CHECK: @wasmkiln_module_abi = constant {{.*}}, i32 80, i32 88, i32 608, i32 616, i32 624,

;; wk_instance.mem0_base (+0) and mem0 (+8), then wk_memory.size (+8): the
;; explicit bounds check.
;; CHECK-LABEL: define i32 @"wasm:abi:load"(ptr nonnull align 16 dereferenceable({{[0-9]+}}) %instance, i32 %0)
;; CHECK: [[BASEP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 0
;; CHECK-NEXT: [[BASE:%.*]] = load ptr, ptr [[BASEP]], align 8
;; CHECK-NEXT: [[MEMP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 8
;; CHECK-NEXT: [[MEM:%.*]] = load ptr, ptr [[MEMP]], align 8, {{.*}}!dereferenceable [[MEMBYTES:![0-9]+]], !align [[ALIGN8:![0-9]+]]
;; CHECK: [[SIZEP:%.*]] = getelementptr inbounds i8, ptr [[MEM]], i64 8
;; CHECK-NEXT: %mem_size = load i64, ptr [[SIZEP]], align 8

;; memory.size: bytes >> 16 (WK_PAGE_SIZE).
;; CHECK-LABEL: define i32 @"wasm:abi:size"
;; CHECK: %mem_size = load i64
;; CHECK-NEXT: lshr i64 %mem_size, 16

;; wk_instance.stack_limit (+48); memory.grow through wk_memory_grow.
;; CHECK-LABEL: define i32 @"wasm:abi:grow"
;; CHECK: [[LIMP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 48
;; CHECK-NEXT: %stack_limit = load i64, ptr [[LIMP]], align 8
;; CHECK: call i32 @wk_memory_grow(ptr [[MEM2:%.*]], i32

;; call_indirect: the table pointer in the instance (tables, 616), then
;; wk_table.size (+8), wk_table.elements (+0), wk_func.type_id (+16)
;; against the instance's type id (type_ids + 4 * type index 0), wk_func.ctx
;; (+8) and wk_func.code (+0).
;; CHECK-LABEL: define i32 @"wasm:abi:indirect"
;; CHECK: [[TP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 616
;; CHECK-NEXT: [[T:%.*]] = load ptr, ptr [[TP]], align 8, {{.*}}!dereferenceable [[TABBYTES:![0-9]+]], !align [[ALIGN8]]
;; CHECK-NEXT: [[TSP:%.*]] = getelementptr inbounds i8, ptr [[T]], i64 8
;; CHECK-NEXT: %table_size = load i32, ptr [[TSP]], align 4
;; CHECK: [[ELEMS:%.*]] = load ptr, ptr [[T]], align 8
;; CHECK: %callee = load ptr
;; CHECK: [[TIDP:%.*]] = getelementptr inbounds i8, ptr %callee, i64 16
;; CHECK-NEXT: load i32, ptr [[TIDP]], align 4
;; CHECK-NEXT: [[EXPP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 624
;; CHECK: [[CTXP:%.*]] = getelementptr inbounds i8, ptr %callee, i64 8
;; CHECK-NEXT: %ctx = load ptr, ptr [[CTXP]], align 8
;; CHECK-NEXT: %code = load ptr, ptr %callee, align 8

;; An imported function: its wk_func * at func_imports (80), 8 bytes each.
;; CHECK-LABEL: define i32 @"wasm:abi:import"
;; CHECK: [[IMPP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 80
;; CHECK-NEXT: [[IMP:%.*]] = load ptr, ptr [[IMPP]], align 8
;; CHECK-NEXT: [[ICTXP:%.*]] = getelementptr inbounds i8, ptr [[IMP]], i64 8
;; CHECK-NEXT: %ctx = load ptr, ptr [[ICTXP]], align 8

;; table.size reads wk_table.size (+8); table.grow and table.init call the
;; runtime; an element segment's slot is its count, then its items at +8.
;; CHECK-LABEL: define i32 @"wasm:abi:tsize"
;; CHECK: [[T2:%.*]] = load ptr, ptr {{%.*}}, align 8, {{.*}}!dereferenceable [[TABBYTES]]
;; CHECK-NEXT: [[TS2:%.*]] = getelementptr inbounds i8, ptr [[T2]], i64 8
;; CHECK-NEXT: load i32, ptr [[TS2]], align 4
;; CHECK-LABEL: define i32 @"wasm:abi:tgrow"
;; CHECK: call i32 @wk_table_grow(ptr {{%.*}}, ptr null, i32 1)
;; CHECK-LABEL: define void @"wasm:abi:tinit"
;; CHECK: %stack_limit = load
;; CHECK: [[CNTP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 [[#SEG:]]
;; CHECK-NEXT: [[CNT:%.*]] = load i32, ptr [[CNTP]], align 4
;; CHECK: [[ITEMS:%.*]] = getelementptr inbounds i8, ptr %instance, i64 [[#SEG+8]]
;; CHECK-NEXT: call void @wk_table_init(ptr {{%.*}}, ptr [[ITEMS]], i32 [[CNT]], i32 0, i32 0, i32 1)
;; CHECK-LABEL: define void @"wasm:abi:minit"
;; CHECK: call void @wk_memory_init(ptr {{%.*}}, ptr @data, i32 {{%.*}}, i32 0, i32 0, i32 2)

;; The runtime functions, declared from runtime.h's prototypes.
;; CHECK-DAG: declare void @wk_trap_at(i32, ptr)
;; CHECK-DAG: declare i32 @wk_memory_grow(ptr, i32)
;; CHECK-DAG: declare i32 @wk_table_grow(ptr, ptr, i32)
;; CHECK-DAG: declare void @wk_table_init(ptr, ptr, i32, i32, i32, i32)
;; CHECK-DAG: declare void @wk_memory_init(ptr, ptr, i32, i32, i32, i32)

;; The entry thunk's io array: one wk_value (16 bytes) per value.
;; CHECK-LABEL: define internal void @"wasm:abi:thunk:il:l"(ptr %0, ptr %1, ptr %2)
;; CHECK: getelementptr inbounds i8, ptr %2, i64 0
;; CHECK-NEXT: load i32, ptr {{%.*}}, align 16
;; CHECK-NEXT: getelementptr inbounds i8, ptr %2, i64 16
;; CHECK-NEXT: load i64, ptr {{%.*}}, align 16

;; The metadata: sizeof(wk_memory) = 40, sizeof(wk_table) = 24, both 8-byte aligned.
;; CHECK-DAG: [[ALIGN8]] = !{i64 8}
;; CHECK-DAG: [[MEMBYTES]] = !{i64 40}
;; CHECK-DAG: [[TABBYTES]] = !{i64 24}

;; Fuel and interrupt checks: wk_instance.interrupt (+56), fuel (+64).
;; FUEL-LABEL: define i32 @"wasm:abi:load"
;; FUEL: [[IP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 56
;; FUEL-NEXT: %interrupt = load atomic i32, ptr [[IP]] monotonic, align 4
;; FUEL: [[FP:%.*]] = getelementptr inbounds i8, ptr %instance, i64 64
;; FUEL-NEXT: %fuel = load i64, ptr [[FP]], align 8
;; FUEL: call void @wk_trap_interrupt(ptr %instance, ptr
;; FUEL: declare void @wk_trap_interrupt(ptr, ptr)

(module
  (type $ii (func (param i32) (result i32)))
  (import "env" "f" (func $imp (param i32) (result i32)))
  (memory 1)
  (table $t 2 funcref)
  (elem (i32.const 0) func $a $b)
  (elem $e func $a)
  (data $d "hi")
  (func $a (param i32) (result i32) (local.get 0))
  (func $b (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
  (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "indirect") (param i32) (result i32)
    (call_indirect (type $ii) (i32.const 7) (local.get 0)))
  (func (export "import") (param i32) (result i32) (call $imp (local.get 0)))
  (func (export "tsize") (result i32) (table.size $t))
  (func (export "tgrow") (result i32) (table.grow $t (ref.null func) (i32.const 1)))
  (func (export "tinit") (table.init $t $e (i32.const 0) (i32.const 0) (i32.const 1)))
  (func (export "minit") (memory.init $d (i32.const 0) (i32.const 0) (i32.const 2)))
  (func (export "two") (param i32 i64) (result i64) (local.get 1))
  (func (export "deep") (param i32) (result i32) (call $b (call $a (local.get 0))))
)
