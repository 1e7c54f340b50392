#include "devices.hpp"

#include "bancontact/bancontact_wallet.hpp"
#include "core/reference.hpp"
#include "escpos/escpos_printer.hpp"
#include "escpos/stream_link.hpp"
#include "escpos/usb_link.hpp"
#include "gateway_module.hpp"
#include "log/log.hpp"
#include "sim/sim_payment.hpp"
#include "sim/sim_printer.hpp"
#include "zvt/zvt_terminal.hpp"

namespace kiosk::app {

Devices::Devices() = default;
Devices::~Devices() = default;
Devices::Devices(Devices&&) noexcept = default;
Devices& Devices::operator=(Devices&&) noexcept = default;

namespace {

struct Context {
  const Config& config;
  const EventSink& sink;
  const std::string& newest_card_ref;
};

// One kind of terminal, wallet or printer: how it is made, and the setting it cannot do
// without (`needs`, checked by `has_it`), if any.
struct DeviceKind {
  const char* name;
  void (*make)(const Context&, Devices&);
  const char* needs = nullptr;
  bool (*has_it)(const Config&) = nullptr;
};

// ---- card terminals -------------------------------------------------------------------------

// The in-process simulation of either way to pay, kept also as itself for the scripts.
void simulated_payment(const Context& c, sim::SimPayment::Kind kind, std::unique_ptr<hal::PaymentTerminal>* slot,
                       sim::SimPayment** simulated) {
  auto device = std::make_unique<sim::SimPayment>(kind, c.sink, c.config.devices_automatic);
  *simulated = device.get();
  *slot = std::move(device);
}

void simulated_terminal(const Context& c, Devices& d) {
  simulated_payment(c, sim::SimPayment::Kind::card, &d.card, &d.sim_card);
}

void zvt_terminal(const Context& c, Devices& d) {
  const Config& config = c.config;
  zvt::ZvtOptions z;
  z.host = config.terminal_host;
  z.port = config.terminal_port;
  z.password = config.terminal_password;
  z.serial_path = config.terminal_serial;
  z.serial.baud = config.terminal_baud;
  z.end_of_day_minute = config.terminal_end_of_day_minute;
  z.hold_until_delivered = config.terminal_hold_until_delivered;
  z.newest_known_receipt = zvt::receipt_from_ref(c.newest_card_ref);
  z.charset = zvt::parse_charset(config.terminal_charset).value_or(zvt::Charset::cp437);
  d.card = std::make_unique<zvt::ZvtTerminal>(c.sink, z);
  d.terminal_holds_payment = config.terminal_hold_until_delivered;
}

constexpr DeviceKind terminal_kinds[] = {
    {"sim", simulated_terminal},  // in-process, scripted by the demo and the tests
    {"zvt", zvt_terminal},        // ZVT over TCP or a serial line
};

// ---- e-wallets -------------------------------------------------------------------------------

void simulated_wallet(const Context& c, Devices& d) {
  simulated_payment(c, sim::SimPayment::Kind::wallet, &d.wallet, &d.sim_wallet);
}

void bancontact_wallet(const Context& c, Devices& d) {
  const Config& config = c.config;
  net::HttpsOptions https;
  bancontact::WalletOptions o;
  net::parse_https_url(config.wallet_base_url, &https.host, &https.port, &o.path_prefix);
  https.ca_path = config.wallet_ca;
  o.api_key = config.wallet_api_key;
  o.callback_url = config.wallet_callback_url;
  // HTTPS comes from the kiosk's TLS module, opened on the driver's thread at its first request.
  o.connect = [https](std::string* error) -> std::unique_ptr<net::HttpsTransport> {
    const gateway::ModuleApi* api = gateway_module(error);
    return api ? api->https(https) : nullptr;
  };
  if (!config.wallet_signing_key.empty()) {
    const bancontact::SignerOptions s{config.wallet_signing_key, config.wallet_signing_certificate,
                                      config.wallet_signing_kid, config.wallet_profile_id};
    o.make_signer = [s](std::string* error) -> std::unique_ptr<bancontact::RequestSigner> {
      const gateway::ModuleApi* api = gateway_module(error);
      return api ? api->bancontact_signer(s, error) : nullptr;
    };
  }
  d.wallet = std::make_unique<bancontact::BancontactWallet>(c.sink, std::move(o));
}

constexpr DeviceKind wallet_kinds[] = {
    {"sim", simulated_wallet, nullptr, nullptr},  // in-process, scripted by the demo and the tests
    {"bancontact", bancontact_wallet, "base_url (https://…) and api_key",  // Bancontact Pay
     [](const Config& c) {
       std::string host, prefix;
       int port = 0;
       return net::parse_https_url(c.wallet_base_url, &host, &port, &prefix) && !c.wallet_api_key.empty();
     }},
};

// ---- receipt printers -----------------------------------------------------------------------

escpos::PrinterModel printer_model(const Config& c) {
  escpos::PrinterModel model;
  model.width_dots = c.printer_width_dots;
  model.native_qr = c.printer_native_qr;
  return model;
}

// The real ESC/POS driver on a link that `connect` opens (and opens again after an unplug).
void escpos_printer(const Context& c, Devices& d, std::function<std::unique_ptr<escpos::Link>(std::string*)> connect) {
  escpos::EscPosPrinterOptions o;
  o.model = printer_model(c.config);
  o.connect = std::move(connect);
  d.printer = std::make_unique<escpos::EscPosPrinter>(c.sink, o);
}

void simulated_printer(const Context& c, Devices& d) {
  auto printer = std::make_unique<sim::SimPrinter>(c.sink, c.config.data_dir + "/receipts", printer_model(c.config));
  d.sim_printer = printer.get();
  d.printer = std::move(printer);
}

void usb_printer(const Context& c, Devices& d) {
  std::vector<escpos::VidPid> ids;
  for (const std::string& text : c.config.printer_usb_ids) {
    escpos::VidPid id;
    if (escpos::parse_vid_pid(text, &id)) ids.push_back(id);
    else log_warn("printer: ignoring usb id '" + text + "'");
  }
  if (ids.empty()) ids = escpos::default_printer_ids();
  escpos_printer(c, d, [ids](std::string* error) -> std::unique_ptr<escpos::Link> {
    auto endpoints = escpos::open_usb_printer(ids, error);
    if (!endpoints) return nullptr;
    return std::make_unique<escpos::UsbLink>(std::move(endpoints));
  });
}

void tcp_printer(const Context& c, Devices& d) {
  escpos_printer(c, d, [host = c.config.printer_host, port = c.config.printer_port](std::string* error) {
    return escpos::open_tcp_printer(host, port, 2000, error);
  });
}

void file_printer(const Context& c, Devices& d) {
  escpos_printer(c, d, [path = c.config.printer_path](std::string* error) {
    return escpos::open_file_printer(path, error);
  });
}

constexpr DeviceKind printer_kinds[] = {
    {"sim", simulated_printer, nullptr, nullptr},  // bytes to the virtual printer, PNG under receipts/
    {"usb", usb_printer, nullptr, nullptr},        // printer class or a known vendor, via libusb
    {"tcp", tcp_printer, "host", [](const Config& c) { return !c.printer_host.empty(); }},  // raw port 9100
    {"file", file_printer, "path", [](const Config& c) { return !c.printer_path.empty(); }},  // /dev/usb/lp0
};

template <std::size_t N>
const DeviceKind* find_kind(const DeviceKind (&kinds)[N], const std::string& name) {
  for (const DeviceKind& k : kinds)
    if (name == k.name) return &k;
  return nullptr;
}

// "" when `name` is one of `kinds` and has what it needs; else why not, for the [`what`] section.
template <std::size_t N>
std::string check_kind(const DeviceKind (&kinds)[N], const std::string& name, const char* what, const Config& config) {
  const DeviceKind* kind = find_kind(kinds, name);
  if (!kind) {
    std::string all;
    for (const DeviceKind& k : kinds) all += (all.empty() ? "" : ", ") + std::string(k.name);
    return std::string(what) + " kind '" + name + "' is none of " + all;
  }
  if (kind->has_it && !kind->has_it(config)) return std::string(what) + " kind " + name + " needs " + kind->needs;
  return "";
}

}  // namespace

std::string check_device_kinds(const Config& config) {
  for (std::string why : {check_kind(terminal_kinds, config.terminal_kind, "terminal", config),
                          check_kind(wallet_kinds, config.wallet_kind, "wallet", config),
                          check_kind(printer_kinds, config.printer_kind, "printer", config)})
    if (!why.empty()) return why;
  // Bancontact takes merchant references of at most 35 characters: the kiosk id, a dash, a token.
  if (config.wallet_kind == "bancontact" && config.kiosk.kiosk_id.size() + 1 + reference_token_length > 35)
    return "wallet kind bancontact needs a kiosk id of at most " + std::to_string(34 - reference_token_length) +
           " characters (its references are the merchant reference, at most 35)";
  if (!zvt::parse_charset(config.terminal_charset))
    return "terminal charset '" + config.terminal_charset + "' is none of cp437, latin1, zvt7";
  return "";
}

Devices make_devices(const Config& config, const EventSink& sink, const std::string& newest_card_ref) {
  const Context c{config, sink, newest_card_ref};
  Devices d;
  find_kind(terminal_kinds, config.terminal_kind)->make(c, d);
  find_kind(printer_kinds, config.printer_kind)->make(c, d);
  find_kind(wallet_kinds, config.wallet_kind)->make(c, d);
  return d;
}

}  // namespace kiosk::app
