# Installing like a desktop program (`cmake --install`), and the Debian package (`cpack -G DEB`).
include(GNUInstallDirs)

install(TARGETS tftsr RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PROJECT_SOURCE_DIR}/docs/tftsr.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
if(TFTSR_BUILD_GUI)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/tftsr.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
  install(FILES ${PROJECT_SOURCE_DIR}/assets/tftsr.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
  # The PNG sizes were drawn once from the SVG and are kept in assets/icons.
  foreach(size 16 24 32 48 64 128 256)
    install(FILES ${PROJECT_SOURCE_DIR}/assets/icons/tftsr-${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps RENAME tftsr.png)
  endforeach()
endif()

set(CPACK_PACKAGE_NAME tftsr)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Troubleshooting and RCA assistant for IT incidents")
set(CPACK_PACKAGE_DESCRIPTION
    "Incident triage on the desktop and the command line: logs and screenshots in an encrypted store, "
    "PII and secrets redacted before anything leaves the machine, 5-Whys root-cause analysis with an "
    "optional AI model, and a hash-chained audit log.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY tftsr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "TFTSR project")
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# The shared libraries' packages come from dpkg-shlibdeps (SQLCipher 4's libsqlcipher1, from
# bookworm-backports on Debian 12, among them); what is only loaded at run time is named here:
# OpenGL (GLFW opens it) and the fonts the window and the PDF export use.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS fonts-dejavu-core)
if(TFTSR_BUILD_GUI)
  string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libgl1")
endif()
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-cjk")
include(CPack)
