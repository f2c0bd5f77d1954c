# CMake functions for projects that compile WebAssembly modules with
# wasmkiln. Provided by find_package(WasmKiln); see docs/cmake.md.
#
#   wasmkiln_add_library(<target> <module.wasm> [MODULE_NAME <name>] [FLAGS <flag>...])
#     A static library from the module, for linking into a C/C++ host. Its
#     generated header <name>.h is on the target's include path; the target
#     links WasmKiln::runtime.
#
#   wasmkiln_add_executable(<target> <app.wasm> [FLAGS <flag>...])
#     A standalone executable ${CMAKE_CURRENT_BINARY_DIR}/<target>; FLAGS are
#     passed to wasmkiln (e.g. --dir=data, -O3).
#
# Both rebuild when the .wasm (or wasmkiln itself) changes.

function(wasmkiln_add_library target wasm)
  cmake_parse_arguments(ARG "" "MODULE_NAME" "FLAGS" ${ARGN})
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
  target_link_libraries(${target} PUBLIC WasmKiln::runtime)
endfunction()

function(wasmkiln_add_executable target wasm)
  cmake_parse_arguments(ARG "" "" "FLAGS" ${ARGN})
  get_filename_component(wasm_path "${wasm}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  set(output "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${WASMKILN_EXECUTABLE}" "${wasm_path}" -o "${output}" ${ARG_FLAGS}
    DEPENDS "${wasm_path}" "${WASMKILN_EXECUTABLE}"
    COMMENT "wasmkiln: compiling ${wasm} into ${target}"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS "${output}")
  set_target_properties(${target} PROPERTIES OUTPUT_FILE "${output}")
endfunction()
