;; Features: all are on; --validate names those a module uses, and
;; --disable=NAME,... rejects a module using one of them at the byte offset
;; of its first use, in every command (compile, run, validate).
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: %wasmkiln --validate %t.wasm | FileCheck %s --check-prefix=USED
;; USED: {{^}}features: mutable-globals sign-extension multi-value bulk-memory simd{{$}}
;;
;; Instructions: the offset of the first one of the feature.
;; RUN: not %wasmkiln --validate --disable=simd %t.wasm 2>&1 | FileCheck %s --check-prefix=SIMD
;; SIMD: {{^}}{{.*}}.wasm:0x42: error: v128.const uses feature simd, which is disabled (--disable=simd){{$}}
;; RUN: not %wasmkiln run --disable=sign-extension --invoke=f %t.wasm 3 2>&1 | FileCheck %s --check-prefix=SEXT
;; SEXT: .wasm:0x3f: error: i32.extend8_s uses feature sign-extension, which is disabled
;; RUN: not %wasmkiln -c --disable=bulk-memory %t.wasm -o %t.o 2>&1 | FileCheck %s --check-prefix=BULK
;; BULK: .wasm:0x61: error: memory.copy uses feature bulk-memory, which is disabled
;;
;; Module-level uses: the type, the export.
;; RUN: not %wasmkiln --validate --disable=multi-value %t.wasm 2>&1 | FileCheck %s --check-prefix=MV
;; MV: .wasm:0xb: error: a function type with several results uses feature multi-value, which is disabled (--disable=multi-value)
;; RUN: not %wasmkiln --validate --disable=saturating-float-to-int,mutable-globals %t.wasm 2>&1 | FileCheck %s --check-prefix=MUT
;; MUT: .wasm:0x2b: error: an export of a mutable global uses feature mutable-globals
;;
;; Disabling what the module does not use changes nothing (both spellings).
;; RUN: %wasmkiln run --disable=reference-types,saturating-float-to-int --invoke=f %t.wasm 200 | FileCheck %s --check-prefix=OUT
;; RUN: %wasmkiln run --disable reference-types --disable saturating-float-to-int --invoke=f %t.wasm 200 | FileCheck %s --check-prefix=OUT
;; RUN: %wasmkiln --disable=reference-types -c %t.wasm -o %t.o
;; OUT: {{^}}-56{{$}}
;; OUT-NEXT: {{^}}201{{$}}
;;
;; Unknown names are refused with the list of known ones.
;; RUN: not %wasmkiln --disable=tail-calls %t.wasm 2>&1 | FileCheck %s --check-prefix=UNKNOWN
;; UNKNOWN: error: unknown feature 'tail-calls' in --disable (known: mutable-globals, sign-extension,
;; RUN: not %wasmkiln --disable=mvp %t.wasm 2>&1 | FileCheck %s --check-prefix=MVP
;; MVP: error: --disable=mvp: the 1.0 core can't be disabled
(module
  (memory 1)
  (global (export "g") (mut i32) (i32.const 0))
  (func (export "f") (param i32) (result i32 i32)
    local.get 0
    i32.extend8_s
    local.get 0
    v128.const i32x4 1 2 3 4
    i32x4.extract_lane 0
    i32.add)
  (func (export "copy")
    (memory.copy (i32.const 0) (i32.const 1) (i32.const 1))))
