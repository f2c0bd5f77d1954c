;; memory.grow of a 64-bit memory (memory64-boundary.test): --max-memory caps it.
(module
  (memory i64 1)
  (func (export "grow") (param i64) (result i64) (memory.grow (local.get 0))))
