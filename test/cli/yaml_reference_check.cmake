# docs/SCENARIOS.md is generated from the readers (tools/yaml-reference): regenerate it into the
# build folder and fail, with the diff and the command that refreshes it, when the committed file
# differs.
#   cmake -DGENERATOR=<yaml_reference> -DSOURCE_DIR=<repo> -DOUT=<file> -P yaml_reference_check.cmake
execute_process(COMMAND ${GENERATOR} ${SOURCE_DIR} ${OUT} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "yaml_reference failed (exit ${rc}); see its messages above")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${SOURCE_DIR}/docs/SCENARIOS.md ${OUT}
                RESULT_VARIABLE differ)
if(NOT differ EQUAL 0)
  execute_process(COMMAND diff -u ${SOURCE_DIR}/docs/SCENARIOS.md ${OUT})
  message(FATAL_ERROR "docs/SCENARIOS.md is stale: the readers ask for other keys, defaults or sources "
                      "than it says (diff above, committed file first). Refresh it with `make docs-reference` "
                      "and commit it.")
endif()
