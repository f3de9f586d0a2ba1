# Turns a list of text files into a C++ source holding them as string views, so migrations,
# prompts and templates ship inside the binary and cannot drift from it.
function(tftsr_embed_files out_cpp namespace_name)
  set(files ${ARGN})
  set(script "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/embed_files_run.cmake")
  add_custom_command(
    OUTPUT ${out_cpp}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out_cpp} -DNS=${namespace_name} "-DFILES=${files}" -P ${script}
    DEPENDS ${files} ${script}
    COMMENT "Embedding ${namespace_name}"
    VERBATIM)
endfunction()
