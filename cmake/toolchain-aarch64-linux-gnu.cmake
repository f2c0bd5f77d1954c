# Toolchain for the aarch64-linux-gnu runtime, WASI and main archives:
# clang-19 cross-compiling against Debian's libc6-dev-arm64-cross headers
# (/usr/aarch64-linux-gnu). Only archives are built, so nothing is linked
# while configuring (the executables are linked later by wasmkiln's lld).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER_TARGET aarch64-linux-gnu)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(CMAKE_FIND_ROOT_PATH /usr/aarch64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
