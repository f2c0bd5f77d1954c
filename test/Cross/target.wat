;; --target: the module compiled for aarch64 Linux (IR, assembly, object,
;; header), the stack check reading the target's stack pointer, SIMD128 as
;; NEON, --cpu per target, and one error for a target wasmkiln lacks.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: not %wasmkiln --target=riscv64-linux-gnu %t.wasm -o %t.x 2>&1 | FileCheck %s --check-prefix=UNKNOWN
;; UNKNOWN: error: unknown target 'riscv64-linux-gnu' (supported: x86_64-linux-gnu, aarch64-linux-gnu)
;; UNKNOWN-NOT: error
;; RUN: not %wasmkiln --target=aarch64-linux-gnu --cpu=native %t.wasm -o %t.x 2>&1 | FileCheck %s --check-prefix=NATIVE
;; NATIVE: error: --cpu=native is only for the host's target
;;
;; RUN: %wasmkiln --target=aarch64-linux-gnu --emit=llvm %t.wasm -o %t.ll
;; RUN: FileCheck %s --check-prefix=IR < %t.ll
;; IR: target datalayout = "e-m:e-i8:8:32-i16:16:32-i64:64-i128:128-n32:64-S128-Fn32"
;; IR: target triple = "aarch64-unknown-linux-gnu"
;; IR: call i64 @llvm.read_register.i64(metadata ![[SP:[0-9]+]])
;; IR: "tune-cpu"="generic"
;; IR: ![[SP]] = !{!"sp"}
;; The default target stays x86-64 with its own stack pointer.
;; RUN: %wasmkiln --emit=llvm %t.wasm -o %t.x86.ll
;; RUN: FileCheck %s --check-prefix=X86 < %t.x86.ll
;; X86: target triple = "x86_64-unknown-linux-gnu"
;; X86: !{!"rsp"}
;; RUN: %wasmkiln --target=aarch64-linux-gnu --cpu=neoverse-n1 --emit=llvm %t.wasm -o - | FileCheck %s --check-prefix=CPU
;; CPU: "tune-cpu"="neoverse-n1"
;;
;; RUN: %wasmkiln --target=aarch64-linux-gnu --emit=asm %t.wasm -o %t.s
;; RUN: FileCheck %s --check-prefix=ASM < %t.s
;; ASM-LABEL: :recurse":
;; ASM: mov [[REG:x[0-9]+]], sp
;; ASM: cmp [[REG]], x{{[0-9]+}}
;; ASM-LABEL: :vadd":
;; ASM: ldr q{{[0-9]+}}, [x{{[0-9]+}}
;; ASM: add v{{[0-9]+}}.4s, v{{[0-9]+}}.4s, v{{[0-9]+}}.4s
;; ASM: str q{{[0-9]+}}, [x{{[0-9]+}}
;;
;; RUN: %wasmkiln --target=aarch64-linux-gnu -c %t.wasm -o %t.o --header=%t.h --module-name=cross
;; RUN: llvm-readobj --file-headers %t.o | FileCheck %s --check-prefix=OBJ
;; OBJ: Machine: EM_AARCH64
;; RUN: FileCheck %s --check-prefix=HEADER < %t.h
;; HEADER: wasmkiln_module_cross
(module
  (memory 1)
  (func $recurse (export "recurse") (param i32) (result i32)
    (if (result i32) (i32.eqz (local.get 0))
      (then (i32.const 0))
      (else (i32.add (i32.const 1)
                     (call $recurse (i32.sub (local.get 0) (i32.const 1)))))))
  (func (export "vadd")
    (v128.store (i32.const 0)
      (i32x4.add (v128.load (i32.const 16)) (v128.load (i32.const 32))))))
