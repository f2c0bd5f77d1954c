# CMake functions for projects that compile WebAssembly modules with
# wasmkiln. Provided by find_package(WasmKiln); see docs/cmake.md.
#
#   wasmkiln_add_library(<target> <module.wasm> [MODULE_NAME <name>]
#                        [TARGET <triple>] [FLAGS <flag>...])
#     A static library from the module, for linking into a C/C++ host. Its
#     generated header <name>.h is on the target's include path; the target
#     links WasmKiln::runtime (with TARGET, e.g. aarch64-linux-gnu, the
#     module is compiled for that target and links
#     WasmKiln::runtime-<triple>; the host must be built for it too).
#
#   wasmkiln_add_executable(<target> <app.wasm> [TARGET <triple>]
#                           [FLAGS <flag>...])
#     A standalone executable ${CMAKE_CURRENT_BINARY_DIR}/<target>.wasmkiln/<target>
#     (its path is the target's OUTPUT_FILE property); FLAGS are
#     passed to wasmkiln (e.g. --dir=data, -O3). TARGET (default: the host,
#     x86_64-linux-gnu) cross-compiles it, e.g. for aarch64-linux-gnu.
#
# Both rebuild when the .wasm (or wasmkiln itself) changes.

function(wasmkiln_add_library target wasm)
  cmake_parse_arguments(ARG "" "MODULE_NAME;TARGET" "FLAGS" ${ARGN})
  set(runtime WasmKiln::runtime)
  if(ARG_TARGET)
    list(APPEND ARG_FLAGS "--target=${ARG_TARGET}")
    set(runtime WasmKiln::runtime-${ARG_TARGET})
    if(NOT TARGET ${runtime})
      message(FATAL_ERROR "wasmkiln_add_library: this WasmKiln has no "
                          "runtime for ${ARG_TARGET}")
    endif()
  endif()
  get_filename_component(wasm_path "${wasm}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  if(NOT ARG_MODULE_NAME)
    get_filename_component(ARG_MODULE_NAME "${wasm}" NAME_WE)
    string(MAKE_C_IDENTIFIER "${ARG_MODULE_NAME}" ARG_MODULE_NAME)
  endif()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${target}.wasmkiln")
  set(object "${dir}/${ARG_MODULE_NAME}.o")
  set(header "${dir}/include/${ARG_MODULE_NAME}.h")
  add_custom_command(
    OUTPUT "${object}" "${header}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${dir}/include"
    COMMAND "${WASMKILN_EXECUTABLE}" -c "${wasm_path}" -o "${object}"
            "--header=${header}" "--module-name=${ARG_MODULE_NAME}" ${ARG_FLAGS}
    DEPENDS "${wasm_path}" "${WASMKILN_EXECUTABLE}"
    COMMENT "wasmkiln: compiling ${wasm}"
    VERBATIM)
  set_source_files_properties("${object}" PROPERTIES EXTERNAL_OBJECT TRUE GENERATED TRUE)
  add_library(${target} STATIC "${object}" "${header}")
  set_target_properties(${target} PROPERTIES LINKER_LANGUAGE C)
  target_include_directories(${target} PUBLIC "${dir}/include")
  target_link_libraries(${target} PUBLIC ${runtime})
endfunction()

function(wasmkiln_add_executable target wasm)
  cmake_parse_arguments(ARG "" "TARGET" "FLAGS" ${ARGN})
  if(ARG_TARGET)
    list(APPEND ARG_FLAGS "--target=${ARG_TARGET}")
  endif()
  get_filename_component(wasm_path "${wasm}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  # Not ${CMAKE_CURRENT_BINARY_DIR}/<target>: Ninja's phony rule for the
  # target has that name, and two rules cannot make one file.
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}.wasmkiln/${target}")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/${target}.wasmkiln"
    COMMAND "${WASMKILN_EXECUTABLE}" "${wasm_path}" -o "${output}" ${ARG_FLAGS}
    DEPENDS "${wasm_path}" "${WASMKILN_EXECUTABLE}"
    COMMENT "wasmkiln: compiling ${wasm} into ${target}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${output}")
  set_target_properties(${target} PROPERTIES OUTPUT_FILE "${output}")
endfunction()
