# Install layout and the Debian package (CPack). The version is written in one place only:
# project(VERSION) in the top CMakeLists.txt; the binary, the man page and the .deb take it
# from there.
#   cmake --install build [--prefix DIR]      binary, man page, data, docs
#   (cd build && cpack -G DEB)                 sagelint_<version>_<arch>.deb
include(GNUInstallDirs)

# The man page carries the version: configured, then compressed as Debian policy wants.
configure_file(${PROJECT_SOURCE_DIR}/docs/sagelint.1.in ${PROJECT_BINARY_DIR}/man/sagelint.1 @ONLY)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/man/sagelint.1.gz
                   COMMAND gzip -9 -n -c sagelint.1 > sagelint.1.gz
                   DEPENDS ${PROJECT_BINARY_DIR}/man/sagelint.1
                   WORKING_DIRECTORY ${PROJECT_BINARY_DIR}/man VERBATIM)
add_custom_target(sagelint-man ALL DEPENDS ${PROJECT_BINARY_DIR}/man/sagelint.1.gz)
install(FILES ${PROJECT_BINARY_DIR}/man/sagelint.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# The IAM data is compiled into the binary; the files are installed too, with their
# provenance and licences, so `--data-dir` can point at them and users can see what is inside.
install(FILES ${PROJECT_SOURCE_DIR}/data/iam-catalog.json ${PROJECT_SOURCE_DIR}/data/aws-managed-policies.json
              ${PROJECT_SOURCE_DIR}/data/README.md ${PROJECT_SOURCE_DIR}/data/MANAGED-POLICIES.md
        DESTINATION ${CMAKE_INSTALL_DATADIR}/sagelint)
# The JSON Schema of .sagelint.toml, for editors (docs/configuration.md).
install(FILES ${PROJECT_SOURCE_DIR}/docs/sagelint.schema.json DESTINATION ${CMAKE_INSTALL_DATADIR}/sagelint)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/rules/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/rules)
install(FILES ${PROJECT_SOURCE_DIR}/LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME copyright)

# Debian wants a changelog in every package (lintian: no-changelog): a native package's
# changelog.gz in Debian's format, for this version, pointing at CHANGELOG.md, which comes too.
# Both compressed with gzip -9n as Debian policy asks. The date honours SOURCE_DATE_EPOCH.
string(TIMESTAMP SAGELINT_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${PROJECT_SOURCE_DIR}/cmake/debian-changelog.in ${PROJECT_BINARY_DIR}/debian/changelog @ONLY)
configure_file(${PROJECT_SOURCE_DIR}/CHANGELOG.md ${PROJECT_BINARY_DIR}/debian/CHANGELOG.md COPYONLY)
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/debian/changelog.gz ${PROJECT_BINARY_DIR}/debian/CHANGELOG.md.gz
                   COMMAND gzip -9 -n -c changelog > changelog.gz
                   COMMAND gzip -9 -n -c CHANGELOG.md > CHANGELOG.md.gz
                   DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog ${PROJECT_BINARY_DIR}/debian/CHANGELOG.md
                   WORKING_DIRECTORY ${PROJECT_BINARY_DIR}/debian VERBATIM)
add_custom_target(sagelint-debian-changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/debian/changelog.gz)
# `cmake --install` needs both compressed files; whatever builds only the binary and its man page
# (scripts/setup.sh without --tests, the pre-commit script hook) builds them too.
add_dependencies(sagelint-man sagelint-debian-changelog)
install(FILES ${PROJECT_BINARY_DIR}/debian/changelog.gz ${PROJECT_BINARY_DIR}/debian/CHANGELOG.md.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sagelint)
set(CPACK_PACKAGE_VENDOR sagelint)
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Lines of at most 80 characters (lintian: extended-description-line-too-long).
set(CPACK_PACKAGE_DESCRIPTION
    "sagelint checks AWS IAM policies offline: JSON files, CloudFormation and\nSAM templates, Terraform, account authorization dumps. It reports syntax,\nactions, ARNs, condition keys and operators, PassRole and privilege\nescalation, and the SageMaker guardrails, with the line and column of\neach finding, as text, JSON, SARIF, GitHub annotations, JUnit XML,\nGitLab Code Quality or reviewdog's rdjson.")
set(CPACK_PACKAGE_CONTACT "sagelint maintainers <sagelint@users.noreply.github.com>")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
# Depends: computed by dpkg-shlibdeps from the libraries the binary links (simdjson, spdlog,
# fmt, libyaml, libstdc++ ...), so the package installs with apt on a clean system.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)
