/*===- asan_interface.h - LLVM's allocators without ASan poisoning ---------===*
 *
 * Only on the include path of the C++ code of an ASan build (CMakeLists.txt).
 * LLVM's headers poison and unpoison their allocators' memory when the code
 * that includes them is built with ASan; libLLVM and liblld are not, and
 * the linker may pick our copy of an inline allocator function over
 * theirs, so that memory our copy poisoned is then written by their code:
 * a false "use-after-poison" (lld's StringSaver, say). Like libLLVM's,
 * our copies leave the memory alone; ASan still checks everything else.
 *===----------------------------------------------------------------------===*/

#ifndef WASMKILN_ASAN_SHIM_H
#define WASMKILN_ASAN_SHIM_H

#define __asan_poison_memory_region(addr, size) ((void)(addr), (void)(size))
#define __asan_unpoison_memory_region(addr, size) ((void)(addr), (void)(size))

#endif
