#pragma once
#include <memory>
#include <string>

#include "link.hpp"

namespace kiosk::escpos {

// A printer on the network (raw TCP, usually port 9100). Reads its status replies too.
std::unique_ptr<Link> open_tcp_printer(const std::string& host, int port, int timeout_ms, std::string* error);
// A device node or plain file that takes the bytes (/dev/usb/lp0, a capture file). No replies.
std::unique_ptr<Link> open_file_printer(const std::string& path, std::string* error);

}  // namespace kiosk::escpos
