#pragma once
// The devices a configuration asks for, made by kind: one table entry per terminal or printer
// kind. A new device is a driver folder and one entry in devices.cpp.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "config.hpp"
#include "core/events.hpp"

namespace kiosk {
namespace hal {
class PaymentTerminal;
class ReceiptPrinter;
}  // namespace hal
namespace sim {
class SimPayment;
class SimPrinter;
}  // namespace sim
}  // namespace kiosk

namespace kiosk::app {

using EventSink = std::function<void(Event)>;

struct Devices {
  Devices();
  ~Devices();
  Devices(Devices&&) noexcept;
  Devices& operator=(Devices&&) noexcept;

  std::unique_ptr<hal::PaymentTerminal> card;
  sim::SimPayment* sim_card = nullptr;  // the simulated terminal, when that is the one
  std::unique_ptr<hal::PaymentTerminal> wallet;
  sim::SimPayment* sim_wallet = nullptr;  // the simulated e-wallet, when that is the one
  std::unique_ptr<hal::ReceiptPrinter> printer;
  sim::SimPrinter* sim_printer = nullptr;  // the simulated printer, when that is the one
  bool terminal_holds_payment = false;     // the terminal holds a payment until delivery
};

// Whether the configuration's kinds exist and have what they need ("" when they do).
std::string check_device_kinds(const Config& config);

// `newest_card_ref`: the card provider's handle the journal recorded last, for a terminal that
// must tell an old approval from a new one.
Devices make_devices(const Config& config, const EventSink& sink, const std::string& newest_card_ref);

}  // namespace kiosk::app
