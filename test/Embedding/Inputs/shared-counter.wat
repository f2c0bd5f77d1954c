;; For shared-memory.test: a module that imports a shared memory and works
;; on it with atomics only, so that instances on several host threads can
;; share it. Address 0: the counter; 4: the flag `signal` sets and `await`
;; waits for; 8: set by `await` once it saw the flag.
(module
  (import "env" "memory" (memory 1 2 shared))
  ;; Adds 1 to the counter n times (atomic read-modify-write).
  (func (export "add") (param $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again))))
  ;; Waits until the flag is set; returns how often a wait was ended by a
  ;; notify (0 when the flag was set before the first wait).
  (func (export "await") (result i32)
    (local $woken i32)
    (block $done
      (loop $again
        (br_if $done (i32.atomic.load (i32.const 4)))
        (if (i32.eqz (memory.atomic.wait32 (i32.const 4) (i32.const 0)
                                           (i64.const -1)))
          (then (local.set $woken (i32.add (local.get $woken) (i32.const 1)))))
        (br $again)))
    (i32.atomic.store (i32.const 8) (i32.const 1))
    (local.get $woken))
  ;; Sets the flag, then notifies until a waiter was woken or `await` has
  ;; seen the flag without waiting; returns the number woken.
  (func (export "signal") (result i32)
    (local $woken i32)
    (i32.atomic.store (i32.const 4) (i32.const 1))
    (block $done
      (loop $again
        (local.set $woken (memory.atomic.notify (i32.const 4) (i32.const 1)))
        (br_if $done (local.get $woken))
        (br_if $done (i32.atomic.load (i32.const 8)))
        (br $again)))
    (local.get $woken))
  (func (export "total") (result i32) (i32.atomic.load (i32.const 0))))
