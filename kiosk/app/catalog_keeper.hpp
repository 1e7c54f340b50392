#pragma once
// The operators' catalog the kiosk sells from (catalog/catalog_file.hpp). The built-in one,
// assets/catalog/catalog.json, comes with the program and is trusted as the program is. One
// installed since (`kioskctl catalog install`, later the fleet) is a signed file, checked
// against [catalog] public_key when it comes and again at every start, and kept in the data
// folder as catalog/installed.json. Of the two, the higher version is sold from: versions only
// go up.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/catalog_file.hpp"
#include "core/brand.hpp"

namespace kiosk::app {

struct LoadedCatalog {
  catalog::CatalogFile file;
  std::string text;       // the catalog's own text (what a signature covers)
  bool installed = false; // else the built-in one
};

// A signed file's catalog text if the configured key signed it (the gateway module does the
// checking: the kiosk links no OpenSSL); nothing, with why, otherwise.
using CatalogVerifier = std::function<std::optional<std::string>(std::string_view signed_text, std::string* error)>;

// Read at start before any thread; then safe to use from the UI thread and the worker.
class CatalogKeeper {
 public:
  using Catalog = std::shared_ptr<const LoadedCatalog>;
  // Reads both at start. The installed file's signature is checked later (check_installed), as
  // the module that checks it is opened after the first screen; until then its text is only
  // read (it passed the check when it was installed). What is wrong goes to `problems`, and a
  // damaged installed file is left where it is for the technician.
  void open(const std::string& assets_dir, const std::string& data_dir, std::vector<std::string>* problems);
  // The catalog sold from; null when none could be read (the kiosk is then out of service).
  Catalog current() const;
  // Worker: the installed file's signature, now that it can be checked. When it fails the
  // built-in catalog is sold from again (pending, see take_pending) and `problem` says why.
  bool check_installed(const CatalogVerifier& verify, std::string* problem);
  // A new signed catalog: checked (signature, schema, a version above any the kiosk has, a last
  // day not past), then written durably as the installed file and pending until the kiosk is
  // idle. Its version, or 0 with why (and nothing changed).
  std::uint64_t install(std::string_view signed_text, const CatalogVerifier& verify, CivilDate today,
                        std::string* error);
  // The catalog to sell from next, once: it becomes current(). Nothing when none is pending;
  // a null one when the installed file failed and there is no built-in one to go back to.
  // `refused`: why the installed file was refused at start, if that is why it is pending.
  std::optional<Catalog> take_pending(std::string* refused);
  bool has_pending() const;
  Catalog newest() const;  // the pending one, else current()

  std::string installed_path() const { return data_dir_ + "/catalog/installed.json"; }

 private:
  std::string data_dir_;
  Catalog built_in_;
  mutable std::mutex mutex_;
  Catalog current_;                 // (mutex_)
  std::optional<Catalog> pending_;  // (mutex_)
  std::string refused_;        // (mutex_)
};

// The built-in catalog alone (assets/catalog/catalog.json): the gallery's and the benchmarks'.
std::optional<catalog::CatalogFile> read_built_in_catalog(const std::string& assets_dir, std::string* error);

// What the core needs of a catalog: its brands, version and last day.
BrandCatalog brand_catalog(const catalog::CatalogFile& file);

}  // namespace kiosk::app
