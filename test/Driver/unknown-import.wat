;; An import that is neither WASI nor provided fails the link and names it.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: not %wasmkiln %t.wasm -o %t.exe 2>&1 | FileCheck %s
;; CHECK: error: unknown import
;; CHECK-NEXT: env.mystery (host symbol wkimport_env__mystery)
(module
  (import "env" "mystery" (func $mystery (param i32)))
  (func (export "_start") (call $mystery (i32.const 1))))
