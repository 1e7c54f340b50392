# The Debian package (deploy/kiosk-dev package): what an installed kiosk is made of, and CPack's
# DEB generator to wrap the build tree's programs in kiosk_<version>_<arch>.deb without a second
# compile. Maintainer scripts, conffiles and units are in this folder.
include(GNUInstallDirs)

set(KIOSK_PACKAGE_DIR ${CMAKE_CURRENT_LIST_DIR})

install(TARGETS kiosk kioskctl kiosk-gateway kiosk-fleet RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The gateway link is opened from ../lib/kiosk beside the program's folder (gateway_module.cpp).
install(TARGETS kiosk_gateway_module LIBRARY DESTINATION lib/kiosk)
# ../share/kiosk/assets beside the program's folder (install_layout.cpp); the README's
# screenshots stay out.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/kiosk/assets
        PATTERN screenshots EXCLUDE)
install(FILES ${CMAKE_SOURCE_DIR}/deploy/kiosk.example.toml DESTINATION /etc/kiosk RENAME kiosk.toml)
install(FILES ${KIOSK_PACKAGE_DIR}/kiosk.pam DESTINATION /etc/pam.d RENAME kiosk)
install(FILES ${KIOSK_PACKAGE_DIR}/kiosk.service ${KIOSK_PACKAGE_DIR}/kiosk-gateway.service
        DESTINATION /lib/systemd/system)
install(FILES ${KIOSK_PACKAGE_DIR}/60-kiosk.rules DESTINATION /lib/udev/rules.d)
# The fleet broker's configuration and ACL, for the operator's mosquitto (not started here), and
# the operators' console's example configuration (the console runs on the operator's server).
install(FILES ${CMAKE_SOURCE_DIR}/deploy/fleet/mosquitto.conf ${CMAKE_SOURCE_DIR}/deploy/fleet/fleet.acl
        ${CMAKE_SOURCE_DIR}/deploy/fleet/console.toml DESTINATION ${CMAKE_INSTALL_DOCDIR}/examples/fleet)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${KIOSK_PACKAGE_DIR}/copyright
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# The native package's changelog and the manual pages, compressed reproducibly (no name, no
# time stamp).
set(KIOSK_GZ_DIR ${CMAKE_BINARY_DIR}/package)
set(KIOSK_GZ_FILES)
foreach(source changelog man/kiosk.1 man/kioskctl.1 man/kiosk-gateway.1 man/kiosk-fleet.1)
  get_filename_component(name ${source} NAME)
  set(gz ${KIOSK_GZ_DIR}/${name}.gz)
  add_custom_command(OUTPUT ${gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${KIOSK_GZ_DIR}
    COMMAND gzip -9nc ${KIOSK_PACKAGE_DIR}/${source} > ${gz}
    DEPENDS ${KIOSK_PACKAGE_DIR}/${source} VERBATIM)
  list(APPEND KIOSK_GZ_FILES ${gz})
endforeach()
add_custom_target(kiosk_package_docs ALL DEPENDS ${KIOSK_GZ_FILES})
install(FILES ${KIOSK_GZ_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${KIOSK_GZ_DIR}/kiosk.1.gz ${KIOSK_GZ_DIR}/kioskctl.1.gz ${KIOSK_GZ_DIR}/kiosk-gateway.1.gz ${KIOSK_GZ_DIR}/kiosk-fleet.1.gz
        DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Kiosk maintainers <maintainers@kiosk.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "self-service kiosk for renewing prepaid mobile plans")
# CPack writes the summary as the synopsis and this as the extended description.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "A fullscreen portrait touch screen for railway stations and malls where
customers renew or top up a prepaid mobile plan and pay by card (a ZVT payment
terminal) or Bancontact Pay, with a receipt from an ESC/POS printer. The kiosk
runs under the cage compositor as a systemd service; a local gateway service is
included for installations that want one.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_STRIP_FILES ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
# Libraries the programs link come from dpkg-shlibdeps; what they open at run time (SDL2,
# libsystemd, espeak-ng's voices, the fonts) and run (cage, which will not start without
# Xwayland) is declared here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "adduser, cage, xwayland, libsdl2-2.0-0, libsystemd0, espeak-ng-data, fonts-noto-core, fonts-noto-cjk, fonts-dejavu-core")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${KIOSK_PACKAGE_DIR}/postinst ${KIOSK_PACKAGE_DIR}/prerm ${KIOSK_PACKAGE_DIR}/postrm
    ${KIOSK_PACKAGE_DIR}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
