#include "screen.hpp"

namespace kiosk {

std::string_view screen_name(Screen s) {
  switch (s) {
    case Screen::attract: return "attract";
    case Screen::language: return "language";
    case Screen::service: return "service";
    case Screen::help: return "help";
    case Screen::display: return "display";
    case Screen::reprint: return "reprint";
    case Screen::brand: return "brand";
    case Screen::number: return "number";
    case Screen::lookup: return "lookup";
    case Screen::balance: return "balance";
    case Screen::suspended: return "suspended";
    case Screen::plans: return "plans";
    case Screen::summary: return "summary";
    case Screen::pay_method: return "pay_method";
    case Screen::paying: return "paying";
    case Screen::wallet: return "wallet";
    case Screen::delivering: return "delivering";
    case Screen::done: return "done";
    case Screen::declined: return "declined";
    case Screen::cancelled: return "cancelled";
    case Screen::unavailable: return "unavailable";
    case Screen::reversed: return "reversed";
    case Screen::pending: return "pending";
    case Screen::out_of_service: return "out_of_service";
  }
  return "attract";
}

std::optional<Screen> parse_screen(std::string_view name) {
  for (int i = 0; i < screen_count; ++i) {
    const auto s = static_cast<Screen>(i);
    if (screen_name(s) == name) return s;
  }
  return std::nullopt;
}

}  // namespace kiosk
