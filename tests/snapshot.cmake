# Runs sagelint with ARGS (a ;-list) from the source tree and compares standard output with
# EXPECTED. SAGELINT_BLESS=1 in the environment rewrites EXPECTED instead (then read it).
execute_process(COMMAND ${SAGELINT} ${ARGS} WORKING_DIRECTORY ${SRC}
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 AND NOT rc EQUAL 1)
  message(FATAL_ERROR "sagelint exited ${rc}:\n${err}")
endif()
if("$ENV{SAGELINT_BLESS}")
  file(WRITE "${SRC}/${EXPECTED}" "${out}")
  message(STATUS "blessed ${EXPECTED}")
  return()
endif()
file(READ "${SRC}/${EXPECTED}" expected)
if(NOT out STREQUAL expected)
  file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/actual.out" "${out}")
  execute_process(COMMAND diff -u "${SRC}/${EXPECTED}" "${CMAKE_CURRENT_BINARY_DIR}/actual.out" OUTPUT_VARIABLE d)
  message(FATAL_ERROR "output differs from ${EXPECTED}:\n${d}")
endif()
