#include "random_bytes.hpp"

#include <sys/random.h>

#include <cerrno>

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

}  // namespace kiosk
