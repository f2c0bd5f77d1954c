;; Atomics on a memory that is not shared: wait traps, notify wakes nobody.
(module
  (memory 1)
  (func (export "wait") (result i32)
    (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 0)))
  (func (export "notify") (result i32)
    (memory.atomic.notify (i32.const 0) (i32.const 1))))
