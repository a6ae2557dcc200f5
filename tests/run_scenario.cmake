# One scenario directory = one CTest case: sagelint runs inside the directory, so its own
# .sagelint.toml (e.g. a [[principal]] manifest) applies, and the text output must equal
# expected.txt there. With -DBLESS=1 (or SAGELINT_BLESS=1) expected.txt is written instead:
# read it before committing.
#   cmake -DSAGELINT=... -DDIR=fixtures/scenarios/<name> [-DBLESS=1] -P run_scenario.cmake
execute_process(
  COMMAND ${SAGELINT} --color never --format text
  WORKING_DIRECTORY ${DIR}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 AND NOT rc EQUAL 1)
  message(FATAL_ERROR "sagelint exited ${rc} in ${DIR}:\n${err}")
endif()
set(expected_file "${DIR}/expected.txt")
if(BLESS OR "$ENV{SAGELINT_BLESS}")
  file(WRITE "${expected_file}" "${out}")
  message(STATUS "blessed ${expected_file}")
  return()
endif()
if(NOT EXISTS "${expected_file}")
  message(FATAL_ERROR "missing ${expected_file}; bless it and read the result:\n${out}")
endif()
file(READ "${expected_file}" expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "output differs from ${expected_file}\n--- expected\n${expected}--- actual\n${out}")
endif()
