;; The command line: output kinds, optimisation levels, help, version and
;; clear errors for unknown flags and missing files.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --emit=obj %t.wasm -o %t.o && od -An -c -N4 %t.o | FileCheck %s --check-prefix=ELF
;; ELF: 177   E   L   F
;; RUN: %wasmkiln -c %t.wasm -o %t2.o && cmp %t.o %t2.o
;; RUN: %wasmkiln --emit=asm -O0 %t.wasm -o - | FileCheck %s --check-prefix=ASM
;; ASM: wasm:{{.*}}:answer
;; RUN: %wasmkiln --emit=llvm -O3 %t.wasm -o - | FileCheck %s --check-prefix=IR
;; IR-DAG: define {{.*}} @"wasm:{{.*}}:answer"
;; IR-DAG: @wasmkiln_module_
;; RUN: %wasmkiln -O1 %t.wasm -o %t.exe && %t.exe
;; RUN: %wasmkiln -Os --strip %t.wasm -o %t.small && %t.small
;; RUN: %wasmkiln --help | FileCheck %s --check-prefix=HELP
;; HELP: --bounds-checks
;; HELP: --emit
;; RUN: %wasmkiln --version | FileCheck %s --check-prefix=VERSION
;; VERSION: wasmkiln {{[0-9]+\.[0-9]+\.[0-9]+}}
;; RUN: not %wasmkiln --no-such-flag %t.wasm 2>&1 | FileCheck %s --check-prefix=FLAG
;; FLAG: Unknown command line argument '--no-such-flag'
;; RUN: not %wasmkiln %t.does-not-exist.wasm 2>&1 | FileCheck %s --check-prefix=MISSING
;; MISSING: error: cannot read '{{.*}}does-not-exist.wasm'
;; RUN: not %wasmkiln -O7 %t.wasm 2>&1 | FileCheck %s --check-prefix=OPT
;; OPT: invalid optimisation level -O7
(module
  (func $answer (export "answer") (result i32) (i32.const 42))
  (func (export "_start")))
