#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "commands.hpp"
#include "escpos/status.hpp"
#include "escpos/virtual_printer.hpp"

namespace kiosk::ctl {

namespace {

// "0x72", "72h" (hex) or "114" (decimal), 0..255.
bool parse_byte(const std::string& s, int* out) {
  if (s.empty() || s.size() > 5) return false;
  int base = 10;
  std::string digits = s;
  if (s.size() > 2 && (s.rfind("0x", 0) == 0 || s.rfind("0X", 0) == 0)) {
    base = 16;
    digits = s.substr(2);
  } else if (s.back() == 'h' || s.back() == 'H') {
    base = 16;
    digits = s.substr(0, s.size() - 1);
  }
  if (digits.empty()) return false;
  char* end = nullptr;
  const long v = std::strtol(digits.c_str(), &end, base);
  if (*end != '\0' || v < 0 || v > 255) return false;
  *out = static_cast<int>(v);
  return true;
}

int render(const Args& args) {
  if (args.size() != 2 && !(args.size() == 4 && args[2] == "--width"))
    return fail("escpos render IN.bin OUT.png [--width DOTS]");
  int width = 576;
  if (args.size() == 4) {
    char* end = nullptr;
    const long w = std::strtol(args[3].c_str(), &end, 10);
    if (!end || *end || w < 8 || w > escpos::VirtualPrinter::max_width_dots)
      return fail("--width takes 8 to " + std::to_string(escpos::VirtualPrinter::max_width_dots) + " dots");
    width = static_cast<int>(w);
  }
  std::ifstream in(args[0], std::ios::binary);
  if (!in) return fail("cannot read " + args[0]);
  const std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)), {});
  escpos::VirtualPrinter printer(width);
  const escpos::Printout out = printer.print(bytes);
  if (out.paper.height == 0) return fail("nothing printed: " + (out.problems.empty() ? std::string("no printing commands") : out.problems.front()));
  for (const std::string& p : out.problems)
    if (p.rfind("paper longer than", 0) == 0) return fail(p + ": not a receipt; no picture written");
  std::string error;
  if (!write_png(out.paper, args[1], &error)) return fail(error);
  nlohmann::json j{{"width", out.paper.width},   {"height", out.paper.height},       {"cuts", out.cuts},
                   {"unknown", out.unknown},     {"problems", out.problems},        {"truncated", !out.problems.empty()},
                   {"status_requests", out.status_requests}, {"bytes", bytes.size()}};
  std::cout << j.dump() << "\n";
  return 0;
}

int status(const Args& args) {
  int n = 0, byte = 0;
  if (args.size() != 2 || !parse_byte(args[0], &n) || !parse_byte(args[1], &byte))
    return fail("escpos status N BYTE (N 1..4, BYTE as 0x12, 12h or 18)");
  const auto r = escpos::decode_status(n, static_cast<std::uint8_t>(byte));
  if (!r) return fail("DLE EOT n takes n from 1 to 4");
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", byte);
  nlohmann::json j{{"n", n}, {"byte", hex}, {"valid", r->valid}, {"flags", r->flags()}};
  switch (n) {
    case 1:
      j["drawer_pin_high"] = r->drawer_pin_high;
      j["offline"] = r->offline;
      j["waiting_for_recovery"] = r->waiting_for_recovery;
      j["feed_button_pressed"] = r->feed_button_pressed;
      break;
    case 2:
      j["cover_open"] = r->cover_open;
      j["paper_fed_by_button"] = r->paper_fed_by_button;
      j["stopped_paper_end"] = r->stopped_paper_end;
      j["error"] = r->error;
      break;
    case 3:
      j["cutter_error"] = r->cutter_error;
      j["unrecoverable_error"] = r->unrecoverable_error;
      j["auto_recoverable_error"] = r->auto_recoverable_error;
      break;
    case 4:
      j["paper_near_end"] = r->paper_near_end;
      j["paper_end"] = r->paper_end;
      break;
  }
  std::cout << j.dump() << "\n";
  return 0;
}

}  // namespace

int escpos_command(const Args& args) {
  if (!args.empty() && args[0] == "render") return render({args.begin() + 1, args.end()});
  if (!args.empty() && args[0] == "status") return status({args.begin() + 1, args.end()});
  return fail("escpos render IN.bin OUT.png [--width DOTS] | escpos status N BYTE");
}

}  // namespace kiosk::ctl
