#include "https.hpp"

namespace kiosk::net {

bool parse_https_url(const std::string& url, std::string* host, int* port, std::string* path_prefix) {
  const std::string scheme = "https://";
  if (url.rfind(scheme, 0) != 0) return false;
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  std::string prefix = slash == std::string::npos ? "" : rest.substr(slash);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  const auto colon = authority.rfind(':');
  std::string h = authority.substr(0, colon);
  int p = 443;
  if (colon != std::string::npos) {
    const std::string digits = authority.substr(colon + 1);
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
    p = std::stoi(digits);
    if (p < 1 || p > 65535) return false;
  }
  if (h.empty() || h.find_first_of("@ /?#") != std::string::npos) return false;
  *host = h;
  *port = p;
  *path_prefix = prefix;
  return true;
}

}  // namespace kiosk::net
