;; Function names: "wasm:<module>:<name>" from the name section, else the
;; export name, else f<index>; sanitised and made unique. Only exported
;; functions are external. The trap messages name the function as written.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=nm %t.wasm -o - | FileCheck %s
;; RUN: wat2wasm %s -o %t.nonames.wasm
;; RUN: %wasmkiln --emit=llvm -O0 --module-name=nm %t.nonames.wasm -o - | FileCheck %s --check-prefix=NONAMES

;; CHECK-DAG: define internal {{.*}} @"wasm:nm:helper"(
;; CHECK-DAG: define {{(dso_local )?}}i32 @"wasm:nm:main"(
;; CHECK-DAG: define internal {{.*}} @"wasm:nm:run"(
;; CHECK-DAG: define {{(dso_local )?}}void @"wasm:nm:run.1"(
;; CHECK-DAG: define {{(dso_local )?}}void @"wasm:nm:a_b_c"(
;; CHECK-DAG: c"a b\22c\00"
;; CHECK-DAG: @wasmkiln_module_nm = constant

;; NONAMES-DAG: define internal {{.*}} @"wasm:nm:f0"(
;; NONAMES-DAG: define {{(dso_local )?}}i32 @"wasm:nm:main"(
;; NONAMES-DAG: define internal {{.*}} @"wasm:nm:f2"(
;; NONAMES-DAG: define {{(dso_local )?}}void @"wasm:nm:run"(
(module
  (func $helper (result i32) (i32.const 1))
  (func $main (export "main") (result i32) (call $helper))
  (func $run)
  (func (export "run") (unreachable))
  (func (export "a b\"c")))
