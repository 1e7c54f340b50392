#include "catalog_keeper.hpp"

#include <filesystem>

#include "catalog/signed_envelope.hpp"
#include "sys/durable_file.hpp"
#include "sys/small_file.hpp"

namespace kiosk::app {

namespace {

CatalogKeeper::Catalog read_catalog(std::string text, bool installed, std::string* error) {
  auto file = catalog::parse_catalog(text, error);
  if (!file) return nullptr;
  return std::make_shared<const LoadedCatalog>(LoadedCatalog{std::move(*file), std::move(text), installed});
}

std::string version_text(const LoadedCatalog& c) { return "version " + std::to_string(c.file.version); }

}  // namespace

std::optional<catalog::CatalogFile> read_built_in_catalog(const std::string& assets_dir, std::string* error) {
  const std::string path = assets_dir + "/catalog/catalog.json";
  const auto text = read_small_file(path, catalog::max_catalog_bytes, error);
  auto file = text ? catalog::parse_catalog(*text, error) : std::nullopt;
  if (!file && text) *error = path + ": " + *error;
  return file;
}

BrandCatalog brand_catalog(const catalog::CatalogFile& file) { return {file.version, file.valid_until, file.brands}; }

void CatalogKeeper::open(const std::string& assets_dir, const std::string& data_dir, std::vector<std::string>* problems) {
  data_dir_ = data_dir;
  std::string error;
  const std::string built_in_path = assets_dir + "/catalog/catalog.json";
  if (auto text = read_small_file(built_in_path, catalog::max_catalog_bytes, &error))
    built_in_ = read_catalog(std::move(*text), false, &error);
  if (!built_in_) problems->push_back("the built-in catalog: " + error);
  current_ = built_in_;

  std::error_code ec;
  if (!std::filesystem::exists(installed_path(), ec)) return;
  Catalog installed;
  if (auto file = read_small_file(installed_path(), catalog::max_signed_catalog_bytes, &error))
    if (auto envelope = catalog::read_envelope(*file, &error)) installed = read_catalog(envelope->catalog, true, &error);
  if (!installed) {
    problems->push_back("the installed catalog " + installed_path() + " cannot be read (" + error +
                        "): left as it is; selling from the built-in one");
    return;
  }
  if (built_in_ && built_in_->file.version >= installed->file.version) {
    problems->push_back("the installed catalog (" + version_text(*installed) + ") is not newer than the built-in one (" +
                        version_text(*built_in_) + "): selling from the built-in one");
    return;
  }
  current_ = std::move(installed);
}

CatalogKeeper::Catalog CatalogKeeper::current() const {
  std::lock_guard lock(mutex_);
  return current_;
}

bool CatalogKeeper::check_installed(const CatalogVerifier& verify, std::string* problem) {
  const Catalog sold = current();
  if (!sold || !sold->installed) return true;
  std::string error;
  const auto file = read_small_file(installed_path(), catalog::max_signed_catalog_bytes, &error);
  const auto text = file ? verify(*file, &error) : std::nullopt;
  if (text && *text == sold->text) return true;
  *problem = "the installed catalog " + installed_path() + " (" + version_text(*sold) + ") fails its check (" +
             (text ? "it changed since it was read" : error) + "): left as it is; selling from the built-in one";
  std::lock_guard lock(mutex_);
  if (!pending_) pending_ = built_in_, refused_ = *problem;  // built_in_ may be null: nothing to sell
  return false;
}

std::uint64_t CatalogKeeper::install(std::string_view signed_text, const CatalogVerifier& verify, CivilDate today,
                                     std::string* error) {
  std::optional<std::string> text = verify(signed_text, error);
  if (!text) return 0;
  const Catalog next = read_catalog(std::move(*text), true, error);
  if (!next) {
    *error = "the catalog is not valid: " + *error;
    return 0;
  }
  std::lock_guard lock(mutex_);
  const Catalog& newest = pending_ ? *pending_ : current_;
  if (newest && next->file.version <= newest->file.version) {
    *error = "its " + version_text(*next) + " is not above " + version_text(*newest) + ", which this kiosk has";
    return 0;
  }
  if (next->file.valid_until < today) {
    *error = "its last day, " + iso_date(next->file.valid_until) + ", is past";
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(data_dir_ + "/catalog", ec);
  if (!write_file_durably(installed_path(), signed_text, 0640, error)) return 0;
  pending_ = next;
  return next->file.version;
}

std::optional<CatalogKeeper::Catalog> CatalogKeeper::take_pending(std::string* refused) {
  std::lock_guard lock(mutex_);
  if (!pending_) return std::nullopt;
  *refused = std::move(refused_);
  refused_.clear();
  current_ = std::move(*pending_);
  pending_.reset();
  return current_;
}

CatalogKeeper::Catalog CatalogKeeper::newest() const {
  std::lock_guard lock(mutex_);
  return pending_ ? *pending_ : current_;
}

bool CatalogKeeper::has_pending() const {
  std::lock_guard lock(mutex_);
  return pending_.has_value();
}

}  // namespace kiosk::app
