;; Host-call argument validation: a guest hands WASI functions pointers and
;; lengths outside its memory (past the end, straddling it, wrapping around
;; 2^32, arrays of iovecs whose buffers lie outside, out-parameters at the
;; last bytes). Every call returns an errno (21 = EFAULT, 28 = EINVAL) and
;; touches nothing outside the guest's memory; the program then ends
;; normally. One errno per line, in the order of the calls below.
;; RUN: wat2wasm %s -o %t.wasm
;; RUN: rm -rf %t.dir && mkdir %t.dir
;; RUN: %wasmkiln %t.wasm -o %t --dir=%t.dir::/sandbox --env=A=B
;; RUN: %t < /dev/null > %t.out && FileCheck %s < %t.out
;; RUN: %wasmkiln --bounds-checks=explicit %t.wasm -o %t.explicit --dir=%t.dir::/sandbox --env=A=B
;; RUN: %t.explicit < /dev/null > %t.explicit.out && FileCheck %s < %t.explicit.out
;; RUN: %wasmkiln run --dir=%t.dir::/sandbox --env=A=B %t.wasm < /dev/null | FileCheck %s
;; Nothing was created in the sandbox by the calls that failed.
;; RUN: test -z "$(ls %t.dir)"
;; CHECK:      fd_write iovs past the end: 21
;; CHECK-NEXT: fd_write iovs straddling the end: 21
;; CHECK-NEXT: fd_write iovs wrapping around: 21
;; CHECK-NEXT: fd_write 2^29 iovs: 28
;; CHECK-NEXT: fd_write buffer past the end: 21
;; CHECK-NEXT: fd_write buffer wrapping around: 21
;; CHECK-NEXT: fd_write buffer of 4 GiB: 21
;; CHECK-NEXT: fd_write nwritten straddling: 21
;; CHECK-NEXT: fd_read buffer past the end: 21
;; CHECK-NEXT: args_sizes_get argc straddling: 21
;; CHECK-NEXT: args_sizes_get size at 2^32-1: 21
;; CHECK-NEXT: args_get argv at the end: 21
;; CHECK-NEXT: args_get buffer at the end: 21
;; CHECK-NEXT: environ_get environ at the end: 21
;; CHECK-NEXT: clock_time_get out straddling: 21
;; CHECK-NEXT: random_get buffer straddling: 21
;; CHECK-NEXT: random_get buffer wrapping around: 21
;; CHECK-NEXT: fd_prestat_get out at the end: 21
;; CHECK-NEXT: fd_prestat_dir_name buffer past the end: 21
;; CHECK-NEXT: path_open path straddling: 21
;; CHECK-NEXT: path_open path wrapping around: 21
;; CHECK-NEXT: fd_readdir buffer straddling: 21
;; CHECK-NEXT: poll_oneoff 2^28 subscriptions: 21
;; CHECK-NEXT: poll_oneoff events past the end: 21
;; CHECK-NEXT: path_filestat_get out straddling: 21
;; CHECK-NEXT: done
(module
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get"
    (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get"
    (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get"
    (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get"
    (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get"
    (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get"
    (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir"
    (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff"
    (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (memory 1)
  ;; 0: iovec {8, n} for printing; 8: text; 16: nwritten.
  ;; 1024: bad iovecs; 1100: path "."; 1200: a clock subscription.
  (data (i32.const 1024)
    "\fa\ff\00\00\64\00\00\00"   ;; {65530, 100}: past the end
    "\ff\ff\ff\ff\02\00\00\00"   ;; {2^32-1, 2}: wraps around
    "\64\00\00\00\ff\ff\ff\ff"   ;; {100, 2^32-1}: 4 GiB
    "\64\00\00\00\00\00\00\00")  ;; {100, 0}: empty, valid
  (data (i32.const 1100) ".")
  (data (i32.const 2048)
    "fd_write iovs past the end\00"
    "fd_write iovs straddling the end\00"
    "fd_write iovs wrapping around\00"
    "fd_write 2^29 iovs\00"
    "fd_write buffer past the end\00"
    "fd_write buffer wrapping around\00"
    "fd_write buffer of 4 GiB\00"
    "fd_write nwritten straddling\00"
    "fd_read buffer past the end\00"
    "args_sizes_get argc straddling\00"
    "args_sizes_get size at 2^32-1\00"
    "args_get argv at the end\00"
    "args_get buffer at the end\00"
    "environ_get environ at the end\00"
    "clock_time_get out straddling\00"
    "random_get buffer straddling\00"
    "random_get buffer wrapping around\00"
    "fd_prestat_get out at the end\00"
    "fd_prestat_dir_name buffer past the end\00"
    "path_open path straddling\00"
    "path_open path wrapping around\00"
    "fd_readdir buffer straddling\00"
    "poll_oneoff 2^28 subscriptions\00"
    "poll_oneoff events past the end\00"
    "path_filestat_get out straddling\00"
    "done\00")
  (global $label (mut i32) (i32.const 2048))

  (func $print (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1)
                          (i32.const 16))))
  ;; Prints the next label, ": " and the errno (two digits), then a newline.
  (func $report (param $errno i32) (local $len i32)
    (block $end
      (loop $scan
        (br_if $end (i32.eqz (i32.load8_u
          (i32.add (global.get $label) (local.get $len)))))
        (local.set $len (i32.add (local.get $len) (i32.const 1)))
        (br $scan)))
    (call $print (global.get $label) (local.get $len))
    (global.set $label
      (i32.add (global.get $label) (i32.add (local.get $len) (i32.const 1))))
    (i32.store8 (i32.const 8) (i32.const 58))   ;; ':'
    (i32.store8 (i32.const 9) (i32.const 32))   ;; ' '
    (i32.store8 (i32.const 10)
      (i32.add (i32.const 48) (i32.div_u (local.get $errno) (i32.const 10))))
    (i32.store8 (i32.const 11)
      (i32.add (i32.const 48) (i32.rem_u (local.get $errno) (i32.const 10))))
    (i32.store8 (i32.const 12) (i32.const 10))  ;; '\n'
    (call $print (i32.const 8) (i32.const 5)))

  (func (export "_start")
    (call $report (call $fd_write (i32.const 1) (i32.const 70000) (i32.const 1) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const 65532) (i32.const 1) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const -8) (i32.const 1) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0x20000000) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const 1024) (i32.const 1) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const 1032) (i32.const 1) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const 1040) (i32.const 1) (i32.const 16)))
    (call $report (call $fd_write (i32.const 1) (i32.const 1048) (i32.const 1) (i32.const 65534)))
    (call $report (call $fd_read (i32.const 0) (i32.const 1024) (i32.const 1) (i32.const 16)))
    (call $report (call $args_sizes_get (i32.const 65534) (i32.const 16)))
    (call $report (call $args_sizes_get (i32.const 16) (i32.const -1)))
    (call $report (call $args_get (i32.const 65535) (i32.const 32)))
    (call $report (call $args_get (i32.const 32) (i32.const 65535)))
    (call $report (call $environ_get (i32.const 65535) (i32.const 32)))
    (call $report (call $clock_time_get (i32.const 0) (i64.const 0) (i32.const 65530)))
    (call $report (call $random_get (i32.const 65000) (i32.const 1000)))
    (call $report (call $random_get (i32.const -1) (i32.const 2)))
    (call $report (call $fd_prestat_get (i32.const 3) (i32.const 65535)))
    (call $report (call $fd_prestat_dir_name (i32.const 3) (i32.const 65534) (i32.const 8)))
    (call $report (call $path_open (i32.const 3) (i32.const 0) (i32.const 65530) (i32.const 100)
                        (i32.const 1) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 16)))
    (call $report (call $path_open (i32.const 3) (i32.const 0) (i32.const -2) (i32.const 4)
                        (i32.const 1) (i64.const -1) (i64.const -1) (i32.const 0) (i32.const 16)))
    (call $report (call $fd_readdir (i32.const 3) (i32.const 65500) (i32.const 100) (i64.const 0) (i32.const 16)))
    (call $report (call $poll_oneoff (i32.const 0) (i32.const 0) (i32.const 0x10000000) (i32.const 16)))
    (call $report (call $poll_oneoff (i32.const 1200) (i32.const 65530) (i32.const 1) (i32.const 16)))
    (call $report (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 1100) (i32.const 1) (i32.const 65500)))
    (call $print (global.get $label) (i32.const 4))
    (i32.store8 (i32.const 8) (i32.const 10))
    (call $print (i32.const 8) (i32.const 1))))
