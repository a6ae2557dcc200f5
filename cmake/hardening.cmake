# Hardening as Debian builds its packages: the hardening flags of `dpkg-buildflags` with
# DEB_BUILD_MAINT_OPTIONS=hardening=+all (stack protector, stack clash and control-flow
# protection, _FORTIFY_SOURCE, format-string checks; -z relro and -z now when linking) plus PIE.
# Only those flags are taken, not dpkg's -O2 -g: the build type chooses optimisation. The .deb
# is made from this build tree, so the packaged binary carries them (tests/integration/deb.sh
# checks the ELF). Off in sanitizer and fuzz builds, which instrument the same things their way.
option(SAGELINT_HARDENING "Compile and link with dpkg-buildflags' hardening flags (when dpkg-buildflags exists)" ON)

include(CheckPIESupported)
check_pie_supported()
set(CMAKE_POSITION_INDEPENDENT_CODE ON)

if(SAGELINT_HARDENING AND NOT SAGELINT_SANITIZE AND NOT SAGELINT_FUZZ)
  find_program(SAGELINT_DPKG_BUILDFLAGS dpkg-buildflags)
  if(SAGELINT_DPKG_BUILDFLAGS)
    set(SAGELINT_HARDENING_FLAGS "")
    foreach(var CPPFLAGS CXXFLAGS LDFLAGS)
      execute_process(COMMAND ${CMAKE_COMMAND} -E env DEB_BUILD_MAINT_OPTIONS=hardening=+all
                              ${SAGELINT_DPKG_BUILDFLAGS} --get ${var}
                      OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
      if(NOT rc EQUAL 0)
        continue()
      endif()
      separate_arguments(flags UNIX_COMMAND "${flags}")
      foreach(flag IN LISTS flags)
        if(flag MATCHES "^-D_FORTIFY_SOURCE=")
          # glibc's checked functions need optimisation; a Debug build would only warn.
          add_compile_options($<$<NOT:$<CONFIG:Debug>>:${flag}>)
        elseif(flag MATCHES "^-fstack-protector|^-fstack-clash-protection$|^-fcf-protection|^-Wformat$|^-Werror=format-security$")
          add_compile_options(${flag})
        elseif(flag MATCHES "^-Wl,-z,(relro|now)$")
          add_link_options(${flag})
        else()
          continue()
        endif()
        list(APPEND SAGELINT_HARDENING_FLAGS ${flag})
      endforeach()
    endforeach()
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # g++ 12 with _FORTIFY_SOURCE reports -Wrestrict on std::string concatenation inside
      # libstdc++ (char_traits.h): false positives reported as GCC bugs 105329 and 105651.
      add_compile_options(-Wno-restrict)
    endif()
    list(REMOVE_DUPLICATES SAGELINT_HARDENING_FLAGS)
    message(STATUS "Hardening flags from dpkg-buildflags: ${SAGELINT_HARDENING_FLAGS}")
  else()
    message(STATUS "No dpkg-buildflags: built without Debian's hardening flags")
  endif()
endif()
