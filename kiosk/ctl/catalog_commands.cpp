// kioskctl catalog keygen DIR | sign KEY IN OUT | verify PUB FILE | show FILE: the operators'
// catalog as signed data (catalog/signed_catalog.hpp). Signing checks the catalog first: a
// signature never vouches for a catalog a kiosk would refuse.
#include <sys/stat.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "catalog/catalog_file.hpp"
#include "catalog/signed_catalog.hpp"
#include "catalog/signed_envelope.hpp"
#include "clock/local_date.hpp"
#include "commands.hpp"
#include "sys/durable_file.hpp"
#include "sys/small_file.hpp"

namespace kiosk::ctl {

namespace {

using nlohmann::json;

json summary(const catalog::CatalogFile& c) {
  json brands = json::array();
  for (const BrandInfo& b : c.brands) {
    int plans = 0;
    for (const Plan& p : c.plans) plans += p.brand == b.brand;
    json ids = json::array({"phone_number"});
    if (b.customer_numbers) ids.push_back("customer_number");
    brands.push_back({{"id", b.brand.id}, {"name", b.name}, {"plans", plans}, {"identifiers", ids},
                      {"reactivation_fee_cents", b.reactivation_fee}});
  }
  return {{"version", c.version}, {"valid_until", iso_date(c.valid_until)}, {"brands", brands}, {"plans", c.plans.size()}};
}

// A catalog kiosks would take today: well formed, and not past its last day.
std::optional<catalog::CatalogFile> usable(std::string_view text, std::string* error) {
  std::optional<catalog::CatalogFile> c = catalog::parse_catalog(text, error);
  if (c && c->valid_until < local_today()) {
    *error = "valid_until " + iso_date(c->valid_until) + " is past";
    return std::nullopt;
  }
  return c;
}

int keygen(const std::string& dir) {
  std::string error;
  ::mkdir(dir.c_str(), 0700);
  const std::string key_path = dir + "/catalog.key", pub_path = dir + "/catalog.pub";
  struct stat st {};
  if (::stat(key_path.c_str(), &st) == 0) return fail(key_path + " exists: a key is never overwritten");
  const std::optional<catalog::KeyPair> pair = catalog::make_key_pair(&error);
  if (!pair) return fail(error);
  if (!write_file_durably(key_path, pair->private_pem, 0600, &error) ||
      !write_file_durably(pub_path, pair->public_pem, 0644, &error))
    return fail(error);
  std::cout << json{{"private_key", key_path}, {"public_key", pub_path}, {"key_id", catalog::key_id(pair->public_pem, &error)}}
                   .dump()
            << "\n";
  return 0;
}

int sign(const std::string& key_path, const std::string& in_path, const std::string& out_path) {
  std::string error;
  const std::optional<std::string> key = read_small_file(key_path, catalog::max_catalog_key_bytes, &error);
  const std::optional<std::string> text = key ? read_small_file(in_path, catalog::max_catalog_bytes, &error) : std::nullopt;
  if (!text) return fail(error);
  const std::optional<catalog::CatalogFile> c = usable(*text, &error);
  if (!c) return fail(in_path + ": not signed: " + error);
  const std::string signed_text = catalog::sign_catalog(*key, *text, &error);
  if (signed_text.empty() || !write_file_durably(out_path, signed_text, 0644, &error)) return fail(error);
  json out = summary(*c);
  out["signed"] = out_path;
  std::cout << out.dump() << "\n";
  return 0;
}

int verify(const std::string& pub_path, const std::string& path) {
  std::string error;
  const std::optional<std::string> pub = read_small_file(pub_path, catalog::max_catalog_key_bytes, &error);
  const std::optional<std::string> file = pub ? read_small_file(path, catalog::max_signed_catalog_bytes, &error) : std::nullopt;
  if (!file) return fail(error);
  const std::optional<std::string> text = catalog::verified_catalog_text(*pub, *file, &error);
  const std::optional<catalog::CatalogFile> c = text ? usable(*text, &error) : std::nullopt;
  if (!c) return fail("invalid: " + error);
  json out = summary(*c);
  out["valid"] = true;
  out["key_id"] = catalog::key_id(*pub, &error);
  std::cout << out.dump() << "\n";
  return 0;
}

// A signed file or a catalog's source: what it holds (a signature is not checked here).
int show(const std::string& path) {
  std::string error;
  const std::optional<std::string> file = read_small_file(path, catalog::max_signed_catalog_bytes, &error);
  if (!file) return fail(error);
  std::string not_signed;
  const std::optional<catalog::SignedEnvelope> envelope = catalog::read_envelope(*file, &not_signed);
  const std::optional<catalog::CatalogFile> c = catalog::parse_catalog(envelope ? envelope->catalog : *file, &error);
  if (!c) return fail(path + ": " + error);
  json out = summary(*c);
  out["signed"] = envelope.has_value();
  if (envelope) out["key_id"] = envelope->key_id;
  out["signature_checked"] = false;
  std::cout << out.dump() << "\n";
  return 0;
}

}  // namespace

int catalog_command(const Args& args) {
  constexpr const char* usage =
      "catalog keygen DIR | catalog sign KEY IN OUT | catalog verify PUB FILE | catalog show FILE | "
      "catalog install FILE [--socket PATH | --data DIR]";
  // To the running kiosk, which checks it against its own key.
  if (args.size() >= 2 && args[0] == "install") {
    Args request{"catalog-install"};
    request.insert(request.end(), args.begin() + 1, args.end());
    return running_kiosk_command(request);
  }
  if (args.size() == 2 && args[0] == "keygen") return keygen(args[1]);
  if (args.size() == 4 && args[0] == "sign") return sign(args[1], args[2], args[3]);
  if (args.size() == 3 && args[0] == "verify") return verify(args[1], args[2]);
  if (args.size() == 2 && args[0] == "show") return show(args[1]);
  return fail(usage);
}

}  // namespace kiosk::ctl
