# Installation: the tool, the runtime archives and headers, the CMake
# package (find_package(WasmKiln)) and a pkg-config file.
include(CMakePackageConfigHelpers)

set_target_properties(wasmkiln-rt PROPERTIES EXPORT_NAME runtime)
set_target_properties(wasmkiln-wasi PROPERTIES EXPORT_NAME wasi)
set(WASMKILN_ARCHIVES wasmkiln-rt wasmkiln-wasi)
if(TARGET wasmkiln-main)
  set_target_properties(wasmkiln-main PROPERTIES EXPORT_NAME main)
  list(APPEND WASMKILN_ARCHIVES wasmkiln-main)
endif()
install(TARGETS ${WASMKILN_ARCHIVES} EXPORT WasmKilnTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}/wasmkiln)
install(DIRECTORY runtime-lib/include/wasmkiln DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
if(EXISTS ${PROJECT_SOURCE_DIR}/wasi-impl/include/wasmkiln)
  install(DIRECTORY wasi-impl/include/wasmkiln DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()

set(WASMKILN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/WasmKiln)
install(EXPORT WasmKilnTargets NAMESPACE WasmKiln:: DESTINATION ${WASMKILN_CMAKE_DIR})
configure_package_config_file(cmake/WasmKilnConfig.cmake.in
  ${PROJECT_BINARY_DIR}/WasmKilnConfig.cmake
  INSTALL_DESTINATION ${WASMKILN_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/WasmKilnConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/WasmKilnConfig.cmake
              ${PROJECT_BINARY_DIR}/WasmKilnConfigVersion.cmake
              cmake/WasmKilnFunctions.cmake
        DESTINATION ${WASMKILN_CMAKE_DIR})
file(RELATIVE_PATH WASMKILN_PC_PREFIX_FROM_PCDIR
     "/prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig" "/prefix")
string(REGEX REPLACE "/$" "" WASMKILN_PC_PREFIX_FROM_PCDIR
       "${WASMKILN_PC_PREFIX_FROM_PCDIR}")
configure_file(cmake/wasmkiln.pc.in ${PROJECT_BINARY_DIR}/wasmkiln.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/wasmkiln.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
# Another target's runtime: wasmkiln-<arch>.pc (e.g. wasmkiln-aarch64.pc),
# the same headers and that target's archives.
foreach(target IN LISTS WASMKILN_BUILT_CROSS_TARGETS)
  string(REGEX REPLACE "-.*" "" WASMKILN_PC_ARCH ${target})
  set(WASMKILN_PC_TARGET ${target})
  configure_file(cmake/wasmkiln-target.pc.in
                 ${PROJECT_BINARY_DIR}/wasmkiln-${WASMKILN_PC_ARCH}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/wasmkiln-${WASMKILN_PC_ARCH}.pc
          DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()
# gdb's $wasm(p), for wasm pointers in linear memory (docs/debugging.md).
install(FILES tools/gdb/wasmkiln.py DESTINATION ${CMAKE_INSTALL_DATADIR}/wasmkiln/gdb)
