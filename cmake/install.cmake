# `cmake --install`: the binary (cli/), the libraries with their public headers and a
# CMake package (find_package(dealcheck) -> dealcheck::engine, dealcheck::analysis),
# the bundled deals and the rule-file schemas under share/dealcheck/, the documentation
# the man page names, a man page and bash, zsh and fish completion generated from
# `dealcheck --help`. Tested by ecosystem.install
# (tests/ecosystem/install_test.py).
include(CMakePackageConfigHelpers)

# The schemas sit beside the rules as in the source tree (rules/, docs/schema/), so
# the bundled files' modelines (`$schema=../../docs/schema/...`) hold once installed.
set(DEALCHECK_INSTALL_SCHEMA_DIR "${CMAKE_INSTALL_DATADIR}/dealcheck/docs/schema")
set(DEALCHECK_INSTALL_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/dealcheck")

# The public headers are C++20: say so to every user of the libraries.
target_compile_features(dealcheck_engine PUBLIC cxx_std_20)
# A sanitized build's static libraries need the sanitizer runtimes wherever they link.
if(DEALCHECK_SANITIZE)
  target_link_options(dealcheck_engine INTERFACE -fsanitize=address,undefined)
endif()
set_target_properties(dealcheck_engine PROPERTIES EXPORT_NAME engine)
install(TARGETS dealcheck_engine EXPORT dealcheckTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The analysis in an export set of its own: users of the engine alone need no Z3.
set_target_properties(dealcheck_analysis PROPERTIES EXPORT_NAME analysis)
install(TARGETS dealcheck_analysis EXPORT dealcheckAnalysisTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/dealcheck DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT dealcheckTargets NAMESPACE dealcheck:: DESTINATION ${DEALCHECK_INSTALL_CMAKE_DIR})
install(EXPORT dealcheckAnalysisTargets NAMESPACE dealcheck:: DESTINATION ${DEALCHECK_INSTALL_CMAKE_DIR})
configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/dealcheckConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/dealcheckConfig.cmake
  INSTALL_DESTINATION ${DEALCHECK_INSTALL_CMAKE_DIR}
  PATH_VARS DEALCHECK_INSTALL_RULES_DIR DEALCHECK_INSTALL_SCHEMA_DIR)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/dealcheckConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/dealcheckConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/dealcheckConfigVersion.cmake
  DESTINATION ${DEALCHECK_INSTALL_CMAKE_DIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/schema/ DESTINATION ${DEALCHECK_INSTALL_SCHEMA_DIR})

# Documentation the man page names in SEE ALSO: only what is installed.
set(DEALCHECK_INSTALLED_DOCS cli.md language.md tutorial.md questions.md json-output.md editors.md)
list(TRANSFORM DEALCHECK_INSTALLED_DOCS PREPEND ${PROJECT_SOURCE_DIR}/docs/ OUTPUT_VARIABLE DEALCHECK_DOC_FILES)
install(FILES ${DEALCHECK_DOC_FILES} DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The man page and bash, zsh and fish completion, from the built binary's --help: every
# subcommand, flag and exit code, always current.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  set(DEALCHECK_MAN_PAGE ${CMAKE_CURRENT_BINARY_DIR}/dealcheck.1)
  set(DEALCHECK_COMPLETION ${CMAKE_CURRENT_BINARY_DIR}/dealcheck.bash-completion)
  set(DEALCHECK_ZSH_COMPLETION ${CMAKE_CURRENT_BINARY_DIR}/_dealcheck)
  set(DEALCHECK_FISH_COMPLETION ${CMAKE_CURRENT_BINARY_DIR}/dealcheck.fish)
  add_custom_command(OUTPUT ${DEALCHECK_MAN_PAGE} ${DEALCHECK_COMPLETION} ${DEALCHECK_ZSH_COMPLETION} ${DEALCHECK_FISH_COMPLETION}
    COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/scripts/gen_cli_files.py $<TARGET_FILE:dealcheck>
            --man ${DEALCHECK_MAN_PAGE} --bash ${DEALCHECK_COMPLETION} --zsh ${DEALCHECK_ZSH_COMPLETION}
            --fish ${DEALCHECK_FISH_COMPLETION} --version ${PROJECT_VERSION}
            --doc-dir <prefix>/${CMAKE_INSTALL_DOCDIR} --docs ${DEALCHECK_INSTALLED_DOCS}
    DEPENDS dealcheck ${PROJECT_SOURCE_DIR}/scripts/gen_cli_files.py ${PROJECT_SOURCE_DIR}/scripts/cli_help.py
    COMMENT "Generating the man page and shell completion from dealcheck --help"
    VERBATIM)
  add_custom_target(dealcheck_cli_files ALL
    DEPENDS ${DEALCHECK_MAN_PAGE} ${DEALCHECK_COMPLETION} ${DEALCHECK_ZSH_COMPLETION} ${DEALCHECK_FISH_COMPLETION})
  install(FILES ${DEALCHECK_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
  install(FILES ${DEALCHECK_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
    RENAME dealcheck)
  install(FILES ${DEALCHECK_ZSH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions)
  install(FILES ${DEALCHECK_FISH_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
else()
  message(WARNING "No Python 3: the man page and shell completion will not be built or installed")
endif()
