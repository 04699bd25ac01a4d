# Every dependency comes from Debian 12 packages (scripts/deps installs them);
# nothing is downloaded at build time.
find_package(PkgConfig REQUIRED)
find_package(pugixml REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(spdlog REQUIRED)
find_package(LibXml2 REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
pkg_check_modules(QPDF REQUIRED IMPORTED_TARGET libqpdf)
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(CAIRO REQUIRED IMPORTED_TARGET cairo cairo-pdf cairo-ft fontconfig)
pkg_check_modules(LCMS2 REQUIRED IMPORTED_TARGET lcms2)

# pugixml statically when Debian ships the archive: its accessors are tiny
# functions the index builders call per element, cheaper without the PLT.
if(TARGET pugixml::static)
  set(CHORUS_PUGIXML pugixml::static)
else()
  set(CHORUS_PUGIXML pugixml::pugixml)
endif()

add_library(chorus_deps INTERFACE)
add_library(chorus::deps ALIAS chorus_deps)
target_link_libraries(chorus_deps INTERFACE
  ${CHORUS_PUGIXML} nlohmann_json::nlohmann_json CLI11::CLI11 spdlog::spdlog LibXml2::LibXml2
  OpenSSL::SSL OpenSSL::Crypto CURL::libcurl SQLite::SQLite3 PkgConfig::QPDF
  PkgConfig::HTTPLIB PkgConfig::CAIRO PkgConfig::LCMS2 ZLIB::ZLIB
  Threads::Threads)

if(CHORUS_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(CHORUS_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
