# Runs `tftsr --screenshot` under xvfb-run in a fresh data and config folder, then checks that the
# PNG exists and is not a single colour. MODE: "unlocked" (TFTSR_DB_KEY set) or "unlock_screen".
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/data ${WORK_DIR}/config)
set(png ${WORK_DIR}/screenshot.png)
set(env XDG_CONFIG_HOME=${WORK_DIR}/config ${EXTRA_ENV})
if(MODE STREQUAL "unlocked")
  list(APPEND env TFTSR_DB_KEY=smoke-test-passphrase)
else()
  list(APPEND env --unset=TFTSR_DB_KEY)
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ${env}
          ${XVFB_RUN} -a -s "-screen 0 1280x800x24" ${TFTSR} --data-dir ${WORK_DIR}/data --screenshot ${png}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 90)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tftsr --screenshot exited with ${rc}\n${out}\n${err}")
endif()
if(NOT EXISTS ${png})
  message(FATAL_ERROR "no screenshot was written to ${png}\n${out}\n${err}")
endif()
execute_process(COMMAND ${PNG_CHECK} ${png} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the screenshot looks wrong: ${out}${err}")
endif()
if(MODE STREQUAL "unlocked" AND NOT EXISTS ${WORK_DIR}/data/tftsr.db)
  message(FATAL_ERROR "the program did not create the database with TFTSR_DB_KEY")
endif()
