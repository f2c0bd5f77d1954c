;; --max-memory=SIZE caps every memory the instance defines: memory.grow
;; beyond it returns -1, and a memory whose initial size exceeds it stops
;; instantiation with an error (exit status 1), in `wasmkiln run` and in
;; executables (where WASMKILN_LIMITS can override the baked cap).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln run --invoke=grow %t.wasm 3 | FileCheck %s --check-prefix=FREE
;; FREE: 2
;; RUN: %wasmkiln run --max-memory=4p --invoke=grow %t.wasm 2 | FileCheck %s --check-prefix=FREE
;; RUN: %wasmkiln run --max-memory=256K --invoke=grow %t.wasm 3 | FileCheck %s --check-prefix=DENIED
;; RUN: %wasmkiln run --max-memory=256K --bounds-checks=explicit --invoke=grow %t.wasm 3 | FileCheck %s --check-prefix=DENIED
;; DENIED: -1
;; Memory stays usable up to the cap and traps beyond it.
;; RUN: %wasmkiln run --max-memory=256K --invoke=touch %t.wasm 262143 | FileCheck %s --check-prefix=TOUCHED
;; TOUCHED: 7
;; RUN: not %wasmkiln run --max-memory=256K --invoke=touch %t.wasm 262144 2>&1 | FileCheck %s --check-prefix=OOB
;; RUN: not %wasmkiln run --max-memory=256K --bounds-checks=explicit --invoke=touch %t.wasm 262144 2>&1 | FileCheck %s --check-prefix=OOB
;; OOB: wasm trap: out of bounds memory access

;; RUN: %wasmkiln run --max-memory=1M %t.wasm
;; RUN: not %wasmkiln run --max-memory=64K %t.wasm 2>&1 | FileCheck %s
;; RUN: %wasmkiln %t.wasm --max-memory=64K -o %t.exe
;; RUN: not %t.exe 2>&1 | FileCheck %s
;; CHECK: wasmkiln: error: memory of 2 pages exceeds the limit of 1 pages
;; RUN: env WASMKILN_LIMITS='max-memory=128K' %t.exe
;; RUN: env WASMKILN_LIMITS='max-memory=10000M;max-memory=1p' not %t.exe 2>&1 | FileCheck %s

;; Malformed limits are refused when compiling and when running.
;; RUN: not %wasmkiln %t.wasm --max-memory=12x -o %t.bad 2>&1 | FileCheck %s --check-prefix=BAD
;; BAD: bad resource limit 'max-memory=12x'
;; RUN: not %wasmkiln run --max-memory=1000 %t.wasm 2>&1 | FileCheck %s --check-prefix=SMALL
;; SMALL: max-memory=1000 is less than one 64 KiB page
;; RUN: env WASMKILN_LIMITS='fuel=ten' not %t.exe 2>&1 | FileCheck %s --check-prefix=BADENV
;; BADENV: wasmkiln: error: bad resource limit 'fuel=ten'
(module
  (memory 2)
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "touch") (param $addr i32) (result i32)
    (drop (memory.grow (i32.const 2)))
    (i32.store8 (local.get $addr) (i32.const 7))
    (i32.load8_u (local.get $addr)))
  (func (export "_start")))
