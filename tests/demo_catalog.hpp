#pragma once
// The demo catalog (assets/catalog/catalog.json) as the tests sell from it.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "catalog/catalog_file.hpp"

namespace kiosk::test {

inline std::string demo_catalog_text() {
  std::ifstream in(KIOSK_SOURCE_DIR "/assets/catalog/catalog.json", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  if (s.str().empty()) throw std::runtime_error("the demo catalog cannot be read");
  return s.str();
}

inline catalog::CatalogFile demo_catalog() {
  std::string error;
  auto c = catalog::parse_catalog(demo_catalog_text(), &error);
  if (!c) throw std::runtime_error("the demo catalog: " + error);
  return *c;
}

}  // namespace kiosk::test
