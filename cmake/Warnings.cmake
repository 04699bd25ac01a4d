# Warnings: strict everywhere, fatal when CHORUS_WERROR is on (CI presets).
function(chorus_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
                         -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
                         -Wimplicit-fallthrough)
  if(CHORUS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
