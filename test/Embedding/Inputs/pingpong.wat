;; For tail-calls.test: one module, two instances that tail-call each other
;; through the import (bound by the host to the other instance's export)
;; and through the table (filled by the host with the other instance's
;; function).
(module
  (type $pred (func (param i32) (result i32)))
  (import "env" "peer" (func $peer (type $pred)))
  (table $table (export "table") 1 funcref)
  ;; 1 when n is even, through the import.
  (func $ping (export "ping") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 1))
      (else (return_call $peer (i32.sub (local.get $n) (i32.const 1))))))
  ;; 0 when n is even, through the table.
  (func $pong (export "pong") (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n))
      (then (i32.const 0))
      (else (return_call_indirect $table (type $pred)
              (i32.sub (local.get $n) (i32.const 1)) (i32.const 0))))))
