# wasi_thread_start for the parallel benchmarks (threads.h), which have no
# libc with threads; a copy of test/WASI/Inputs/wasi_thread_start.S. Sets
# __stack_pointer to the thread's own stack, the first word of start_arg,
# then calls thread_entry(tid, start_arg), as wasi-libc's
# wasi_thread_start.s does.
	.text

	.export_name	wasi_thread_start, wasi_thread_start

	.globaltype	__stack_pointer, i32
	.functype	thread_entry (i32, i32) -> ()

	.globl	wasi_thread_start
	.type	wasi_thread_start,@function

wasi_thread_start:
	.functype	wasi_thread_start (i32, i32) -> ()
	local.get   1
	i32.load    0
	global.set  __stack_pointer
	local.get   0
	local.get   1
	call thread_entry
	end_function
