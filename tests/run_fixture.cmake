# One fixture = one CTest case. Runs sagelint with only the fixture's rule enabled and
# compares the text output with the .expected file next to it (invalid/), or requires no
# output at all (valid/). With -DBLESS=1 the .expected file is (re)written instead:
# read every blessed file before committing it.
#   cmake -DSAGELINT=... -DFIXTURE=fixtures/rules/<rule>/<valid|invalid>/<x>.json -DRULE=<rule>
#         [-DBLESS=1] -P run_fixture.cmake      (working directory: the source tree)
execute_process(
  COMMAND ${SAGELINT} --no-config --color never --select ${RULE} --format text ${FIXTURE}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(FIXTURE MATCHES "/valid/")
  if(NOT out STREQUAL "" OR NOT rc EQUAL 0)
    message(FATAL_ERROR "valid fixture ${FIXTURE} produced findings (exit ${rc}):\n${out}${err}")
  endif()
  return()
endif()
string(REGEX REPLACE "\\.[^./]+$" ".expected" expected_file "${FIXTURE}")
if(out STREQUAL "")
  message(FATAL_ERROR "invalid fixture ${FIXTURE} produced no finding for ${RULE} (exit ${rc}):\n${err}")
endif()
if(NOT rc EQUAL 1 AND NOT rc EQUAL 0)
  message(FATAL_ERROR "sagelint exited ${rc} on ${FIXTURE}:\n${err}")
endif()
if(BLESS OR "$ENV{SAGELINT_BLESS}")
  file(WRITE "${expected_file}" "${out}")
  message(STATUS "blessed ${expected_file}")
  return()
endif()
if(NOT EXISTS "${expected_file}")
  message(FATAL_ERROR "missing ${expected_file}; run scripts/bless.sh and read the result:\n${out}")
endif()
file(READ "${expected_file}" expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "output differs from ${expected_file}\n--- expected\n${expected}--- actual\n${out}")
endif()
