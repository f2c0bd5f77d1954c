;; Entry thunks exist for the types of functions only: a type that no
;; function has gets a null type_entries slot and no thunk (a module of
;; 100,000 such types took 25 s; docs/reliability.md, Compile-time bounds).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=u %t.wasm -o - | FileCheck %s
;; CHECK: @type_entries = private constant [3 x ptr] [ptr null, ptr @"wasm:u:thunk::", ptr null]
;; CHECK-NOT: define {{.*}}thunk:{{[^:]}}
;; CHECK: define internal void @"wasm:u:thunk::"(
;; CHECK-NOT: define {{.*}}thunk:{{[^:]}}
(module
  (type (func (param i64)))
  (type (func))
  (type (func (result f32)))
  (func (export "f") (type 1)))
