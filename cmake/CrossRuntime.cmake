# The runtime, WASI and main archives for the other targets wasmkiln can
# compile for (docs/cross.md): each an ExternalProject of runtime-lib and
# wasi-impl with that target's toolchain file, its archives in
# lib/<target>/ of the build tree and lib/wasmkiln/<target>/ when installed.
# A target whose cross C library is missing is left out with a message;
# wasmkiln then refuses --target for it at link time.
include(ExternalProject)

find_program(WASMKILN_CROSS_CC NAMES clang-19 clang
             HINTS /usr/lib/llvm-19/bin)
set(WASMKILN_CROSS_TARGETS "aarch64-linux-gnu" CACHE STRING
    "Targets to build the runtime for besides the native one")
set(WASMKILN_AARCH64_LIBC_DIR "")
set(WASMKILN_AARCH64_GCC_LIBDIR "")
set(WASMKILN_BUILT_CROSS_TARGETS "")

foreach(target IN LISTS WASMKILN_CROSS_TARGETS)
  set(toolchain ${PROJECT_SOURCE_DIR}/cmake/toolchain-${target}.cmake)
  if(NOT EXISTS ${toolchain})
    message(FATAL_ERROR "no toolchain file for target ${target}")
  endif()
  set(crt1 "")
  set(crtbegin "")
  if(WASMKILN_CROSS_CC)
    execute_process(COMMAND ${WASMKILN_CROSS_CC} --target=${target}
                            -print-file-name=crt1.o
                    OUTPUT_VARIABLE crt1 OUTPUT_STRIP_TRAILING_WHITESPACE)
    execute_process(COMMAND ${WASMKILN_CROSS_CC} --target=${target}
                            -print-file-name=crtbeginT.o
                    OUTPUT_VARIABLE crtbegin OUTPUT_STRIP_TRAILING_WHITESPACE)
  endif()
  if(NOT IS_ABSOLUTE "${crt1}" OR NOT EXISTS "${crt1}" OR
     NOT IS_ABSOLUTE "${crtbegin}" OR NOT EXISTS "${crtbegin}")
    message(STATUS "runtime for ${target}: not built (needs clang-19 and "
                   "the target's libc6-dev and libgcc-dev cross packages; "
                   "tools/setup.sh installs them)")
    continue()
  endif()
  get_filename_component(libc_dir ${crt1} DIRECTORY)
  get_filename_component(libc_dir ${libc_dir} REALPATH)
  get_filename_component(gcc_dir ${crtbegin} DIRECTORY)
  get_filename_component(gcc_dir ${gcc_dir} REALPATH)
  string(REGEX REPLACE "-.*" "" arch ${target})
  string(TOUPPER ${arch} ARCH)
  set(WASMKILN_${ARCH}_LIBC_DIR ${libc_dir})
  set(WASMKILN_${ARCH}_GCC_LIBDIR ${gcc_dir})
  list(APPEND WASMKILN_BUILT_CROSS_TARGETS ${target})
  message(STATUS "runtime for ${target}: C library in ${libc_dir}")

  set(archives ${PROJECT_BINARY_DIR}/lib/${target})
  ExternalProject_Add(wasmkiln-runtime-${target}
    SOURCE_DIR ${PROJECT_SOURCE_DIR}/cmake/runtime-target
    BINARY_DIR ${PROJECT_BINARY_DIR}/runtime-${target}
    CMAKE_ARGS -G ${CMAKE_GENERATOR}
               -DCMAKE_TOOLCHAIN_FILE=${toolchain}
               -DCMAKE_C_COMPILER=${WASMKILN_CROSS_CC}
               -DCMAKE_C_COMPILER_LAUNCHER=${CMAKE_C_COMPILER_LAUNCHER}
               -DCMAKE_BUILD_TYPE=${CMAKE_BUILD_TYPE}
               -DWASMKILN_SOURCE_DIR=${PROJECT_SOURCE_DIR}
               -DWASMKILN_ARCHIVE_DIR=${archives}
               -DWASMKILN_TOOL_DIR=${PROJECT_BINARY_DIR}/bin/${target}
    INSTALL_COMMAND ""
    # Its own build decides what is out of date (the runtime's sources).
    BUILD_ALWAYS ON
    BUILD_BYPRODUCTS ${archives}/libwasmkiln-rt.a ${archives}/libwasmkiln-wasi.a
                     ${archives}/libwasmkiln-main.a
                     ${PROJECT_BINARY_DIR}/bin/${target}/wasmkiln-spec-run
    USES_TERMINAL_BUILD ON)
  install(FILES ${archives}/libwasmkiln-rt.a ${archives}/libwasmkiln-wasi.a
                ${archives}/libwasmkiln-main.a
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/wasmkiln/${target})
endforeach()
