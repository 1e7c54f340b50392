#pragma once
#include <cstddef>

namespace kiosk {

// Fills `out` from the kernel's CSPRNG (getrandom); false when it cannot, and then nothing
// secret may be made from `out`.
bool random_bytes(void* out, std::size_t size);

}  // namespace kiosk
