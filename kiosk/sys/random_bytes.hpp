#pragma once
#include <cstddef>
#include <string>

namespace kiosk {

// Fills `out` from the kernel's CSPRNG (getrandom); false when it cannot, and then nothing
// secret may be made from `out`.
bool random_bytes(void* out, std::size_t size);
// `size` random bytes as lowercase hex (a token, an id); "" when they cannot be had.
std::string random_hex(std::size_t size);

}  // namespace kiosk
