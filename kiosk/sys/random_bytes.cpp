#include "random_bytes.hpp"

#include <sys/random.h>

#include <cerrno>
#include <vector>

namespace kiosk {

bool random_bytes(void* out, std::size_t size) {
  auto* p = static_cast<unsigned char*>(out);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = getrandom(p + got, size - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    got += static_cast<std::size_t>(n);
  }
  return true;
}

std::string random_hex(std::size_t size) {
  std::vector<unsigned char> bytes(size);
  if (!random_bytes(bytes.data(), size)) return "";
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) out += {hex[b >> 4], hex[b & 15]};
  return out;
}

}  // namespace kiosk
