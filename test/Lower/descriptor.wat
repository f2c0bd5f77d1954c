;; The wk_module descriptor: ABI version, bounds-check mode, instance layout
;; offsets, imports with their AOT host symbols (mangled as
;; wkimport_<module>__<field>), entry thunks per signature, start function.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=dsc %t.wasm -o - | FileCheck %s
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=dsc --bounds-checks=explicit %t.wasm -o - | FileCheck %s --check-prefix=EXPLICIT
;; RUN: %wasmkiln --emit=llvm -O2 --module-name=dsc %t.wasm -o - | FileCheck %s --check-prefix=INIT

;; Layout: func_imports at 80 (1), funcs at 88 (2 x 40), memories at 168,
;; tables at 176, type_ids at 184 (3 x 4), imported global at 200, defined
;; global at 208, elem segment at 224 (count + 1 item), data at 240; 256 in
;; all. The last field is interrupt_checks (none without --fuel/--timeout).
;; The init function's tables (IRGenInit.cpp): the defined globals' constant
;; image; rows {dst, src, kind} for the item ref.func $f (store the address
;; of wk_func 0 at 88), the element count and the data size; the active
;; element segment {count at 224, table 0, 1 item, constant offset 0,
;; active}; the data segment {size at 240, memory 0, 2 bytes, offset 0}.
;; CHECK: @global_image = private constant [16 x i8] c"\05\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00", align 16
;; CHECK: @init_ops = private constant [9 x i32] [i32 232, i32 88, i32 2, i32 224, i32 1, i32 0, i32 240, i32 2, i32 0]
;; CHECK: @init_elems = private constant [6 x i32] [i32 224, i32 0, i32 1, i32 0, i32 0, i32 1]
;; CHECK: @init_datas = private constant [5 x i32] [i32 240, i32 0, i32 2, i32 0, i32 0]
;; CHECK: @init_data_bytes = private constant [1 x ptr] [ptr @data]
;; CHECK: @type_entries = private constant [3 x ptr] [ptr @"wasm:dsc:thunk:i:", ptr @"wasm:dsc:thunk::i", ptr @"wasm:dsc:thunk::"]
;; CHECK: @imports = private constant {{.*}} ptr @wkimport_env__log_2Di32 }, {{.*}} i32 3, i32 0, i32 127, i32 1, {{.*}} ptr null }]
;; CHECK: @funcs = private constant {{.*}} { ptr @"wasm:dsc:f", ptr @"wasm:dsc:thunk::i", i32 1, ptr @{{.*}} }, {{.*}} { ptr @"wasm:dsc:f2", ptr @"wasm:dsc:thunk::", i32 2,
;; CHECK: @globals = private constant {{.*}} [{ i32, i32, i32, i32 } { i32 127, i32 1, i32 1, i32 200 }, { i32, i32, i32, i32 } { i32 126, i32 0, i32 0, i32 208 }]
;; CHECK: @wasmkiln_module_dsc = constant { {{.*}} } { i32 1, i32 0, ptr @{{.*}}, i32 256, i32 3, ptr @type_sigs, i32 2, ptr @imports, i32 1, i32 2, ptr @funcs, i32 0, i32 1, ptr @tables, i32 0, i32 1, ptr @memories, i32 2, ptr @globals, i32 1, ptr @exports, i32 80, i32 88, i32 168, i32 176, i32 184, ptr @type_entries, ptr @"wasm:dsc:init", i32 2, i32 0, i32 0, i32 0, ptr null, i32 {{[0-9]+}}, ptr null }
;; CHECK: define internal void @"wasm:dsc:thunk:i:"(ptr %0, ptr %1, ptr %2)
;; CHECK-NEXT: entry:
;; CHECK-NEXT: [[P:%.*]] = getelementptr inbounds i8, ptr %2, i64 0
;; CHECK-NEXT: [[A:%.*]] = load i32, ptr [[P]], align 16
;; CHECK-NEXT: call void %0(ptr %1, i32 [[A]])
;; The init function: the image, then loops over the tables.
;; CHECK-LABEL: define internal void @"wasm:dsc:init"(ptr %instance)
;; CHECK: call void @llvm.memcpy.p0.p0.i64(ptr align 16 {{.*}}, ptr align 16 @global_image, i64 16, i1 false)
;; CHECK: getelementptr inbounds i32, ptr @init_ops
;; CHECK: call void @wk_table_init(
;; CHECK: call void @wk_memory_init(
;; At -O2 LLVM unrolls the loops of a small module into the straight-line
;; code of the old init: globals, item, count, table.init + drop, data.
;; INIT-LABEL: define internal void @"wasm:dsc:init"(ptr %instance)
;; INIT: call void @llvm.memcpy.p0.p0.i64({{.*}}@global_image, i64 16, i1 false)
;; INIT-NEXT: [[ITEM:%.*]] = getelementptr inbounds i8, ptr %instance, i64 232
;; INIT-NEXT: [[F:%.*]] = getelementptr inbounds i8, ptr %instance, i64 88
;; INIT-NEXT: store ptr [[F]], ptr [[ITEM]]
;; INIT: store i32 1, ptr
;; INIT: store i32 2, ptr
;; INIT: call void @wk_table_init(ptr {{.*}}, ptr nonnull [[ITEM]], i32 1, i32 0, i32 0, i32 1)
;; INIT-NEXT: store i32 0, ptr
;; INIT: call void @wk_memory_init(ptr {{.*}}, ptr nonnull @data, i32 {{.*}}, i32 0, i32 0, i32 2)
;; INIT-NEXT: store i32 0, ptr
;; INIT-NOT: br
;; INIT: ret void
;; CHECK: declare void @wkimport_env__log_2Di32(ptr, i32)
;; EXPLICIT: @wasmkiln_module_dsc = constant { {{.*}} } { i32 1, i32 1,
(module
  (type (func (param i32)))
  (type (func (result i32)))
  (import "env" "log-i32" (func $log (param i32)))
  (import "env" "g" (global $g (mut i32)))
  (table 1 funcref)
  (memory 1)
  (global $h i64 (i64.const 5))
  (elem (i32.const 0) $f)
  (data (i32.const 0) "hi")
  (func $f (type 1) (i32.const 1))
  (func $start (call $log (global.get $g)))
  (export "f" (func $f))
  (start $start))
