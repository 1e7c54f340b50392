#pragma once
// The signed catalog's file as it is written (signed_catalog.hpp), read without checking the
// signature: what the signature check itself starts from, and how a kiosk reads the catalog it
// installed before the module that checks signatures is open.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::catalog {

// A signed file holds the catalog's text escaped inside JSON: at most twice its size. A key
// file (PEM) is far smaller than this.
inline constexpr std::size_t max_signed_catalog_bytes = 2 << 20;
inline constexpr std::size_t max_catalog_key_bytes = 16 << 10;

struct SignedEnvelope {
  std::string key_id, catalog, signature;
};

// The file's parts; nothing, with why, when it is not a signed catalog file (or too large).
std::optional<SignedEnvelope> read_envelope(std::string_view signed_text, std::string* error);

}  // namespace kiosk::catalog
