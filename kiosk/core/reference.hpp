#pragma once
// Transaction references: "<kiosk id>-<token>", the token 20 characters of Crockford base32
// (100 bits) drawn from a keyed pseudo-random function of a per-start secret and a counter.
// Anyone may read a reference on a receipt; nobody can tell the next one from it.
#include <array>
#include <cstdint>
#include <string>

namespace kiosk {

using ReferenceKey = std::array<std::uint8_t, 16>;

constexpr std::size_t reference_token_length = 20;

// SipHash-2-4 with a 128-bit output (the reference's PRF).
std::array<std::uint8_t, 16> siphash128(const ReferenceKey& key, const std::uint8_t* data, std::size_t size);

// An id that can start a reference (a kiosk's, or an operator's name): 1 to 32 of
// A-Z a-z 0-9 _ -.
bool valid_caller_id(const std::string& id);

std::string make_reference(const std::string& kiosk_id, const ReferenceKey& key, std::uint64_t counter);

// True when `reference` is `<kiosk_id>-<token>` and the token is 16 to 40 letters and digits:
// ids may contain '-', tokens never do, so one kiosk cannot claim another's references.
bool reference_of_kiosk(const std::string& reference, const std::string& kiosk_id);

}  // namespace kiosk
