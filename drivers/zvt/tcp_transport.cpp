#include "tcp_transport.hpp"

namespace kiosk::zvt {

net::IoStatus send_apdu(net::TcpStream& s, const Apdu& a, int timeout_ms) {
  const Bytes b = encode(a);
  return s.write_all(b.data(), b.size(), timeout_ms);
}

net::IoStatus read_apdu(net::TcpStream& s, Apdu* out, int timeout_ms) {
  std::uint8_t head[3];
  net::IoStatus st = s.read_exact(head, 3, timeout_ms);
  if (st != net::IoStatus::ok) return st;
  std::size_t len = head[2];
  if (head[2] == 0xFF) {
    std::uint8_t ext[2];
    st = s.read_exact(ext, 2, timeout_ms);
    if (st != net::IoStatus::ok) return st;
    len = ext[0] | (ext[1] << 8);
  }
  out->cls = head[0];
  out->instr = head[1];
  out->data.assign(len, 0);
  return len ? s.read_exact(out->data.data(), len, timeout_ms) : net::IoStatus::ok;
}

}  // namespace kiosk::zvt
