;; .wat input at the front door: every command reads the text format
;; directly (wabt parses it, the binary goes through wasmkiln's decoder and
;; validator), and the content, not the file name, says which format it is.
;; RUN: %wasmkiln run --invoke=add %s 40 2 | FileCheck %s --check-prefix=INVOKE
;; RUN: %wasmkiln run %s; test $? -eq 42
;; RUN: %wasmkiln --validate %s 2>&1 | FileCheck %s --check-prefix=VALID
;; RUN: %wasmkiln %s -o %t.exe && %t.exe; test $? -eq 42
;; RUN: %wasmkiln -c %s -o %t.o && llvm-nm %t.o | FileCheck %s --check-prefix=OBJ
;; RUN: %wasmkiln --emit=llvm %s -o - | FileCheck %s --check-prefix=IR
;; Names come from the text: wabt writes a name section.
;; RUN: not %wasmkiln run --invoke=boom %s 2>&1 | FileCheck %s --check-prefix=TRAP
;; Text in a file named .wasm, a binary in a file named .wat, text on stdin.
;; RUN: cp %s %t-text.wasm
;; RUN: %wasmkiln run --invoke=add %t-text.wasm 1 2 | FileCheck %s --check-prefix=THREE
;; RUN: wat2wasm %s -o %t-binary.wat
;; RUN: %wasmkiln run --invoke=add %t-binary.wat 1 2 | FileCheck %s --check-prefix=THREE
;; RUN: %wasmkiln --validate %t-binary.wat 2>&1 | FileCheck %s --check-prefix=VALID
;; RUN: cat %s | %wasmkiln -c - -o %t-stdin.o && llvm-nm %t-stdin.o | FileCheck %s --check-prefix=OBJ
;; INVOKE: {{^}}42{{$}}
;; VALID: {{^}}features: mvp{{$}}
;; OBJ: T wasm:{{[^:]*}}:add{{$}}
;; IR: define {{.*}}@"wasm:{{[^:]*}}:add"(
;; TRAP: wasm trap: integer divide by zero in boom
;; THREE: {{^}}3{{$}}
(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func $boom (export "boom") (result i32)
    (i32.div_u (i32.const 1) (i32.const 0)))
  (func (export "_start")
    (call $exit (call $add (i32.const 40) (i32.const 2)))))
