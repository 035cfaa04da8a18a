# Warnings on for every target of the project (third-party headers are included as SYSTEM).
add_library(nsynth_warnings INTERFACE)
target_compile_options(nsynth_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wimplicit-fallthrough -Wformat=2)
if(NSYNTH_WERROR)
  target_compile_options(nsynth_warnings INTERFACE -Werror)
endif()
