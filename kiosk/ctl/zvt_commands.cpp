#include <iostream>
#include <nlohmann/json.hpp>

#include <pty.h>
#include <termios.h>
#include <unistd.h>

#include <csignal>
#include <sstream>

#include "commands.hpp"
#include "sim/zvt_terminal_sim.hpp"
#include "zvt/message.hpp"
#include "zvt/serial_frame.hpp"

namespace kiosk::ctl {

namespace {

using nlohmann::json;

std::string hex2(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", v & 0xFF);
  return buf;
}

json tlv_json(const std::vector<zvt::Tlv>& list) {
  json obj = json::object();
  for (const zvt::Tlv& t : list) {
    char key[12];
    std::snprintf(key, sizeof key, t.tag > 0xFFFF ? "%06X" : t.tag > 0xFF ? "%04X" : "%02X", t.tag);
    json value = t.constructed() ? tlv_json(t.children) : json(zvt::hex(t.value));
    if (!obj.contains(key)) obj[key] = value;
    else if (obj[key].is_array() && t.constructed() == false && obj[key].size() > 0 && obj[key][0].is_string() &&
             obj[key].get_ref<json::array_t&>().size() > 1)
      obj[key].push_back(value);
    else obj[key] = json::array({obj[key], value});  // a tag that repeats becomes a list
  }
  return obj;
}

json to_json(const zvt::Message& m) {
  json j{{"class", hex2(m.cls)}, {"instr", hex2(m.instr)}};
  const auto opt = [&](const char* k, const auto& v) {
    if (v) j[k] = *v;
  };
  opt("amount_cents", m.amount_cents);
  opt("currency_code", m.currency_code);
  opt("result_code", m.result_code);
  opt("trace", m.trace);
  opt("original_trace", m.original_trace);
  opt("time_hhmmss", m.time_hhmmss);
  opt("date_mmdd", m.date_mmdd);
  opt("expiry_yymm", m.expiry_yymm);
  opt("payment_type", m.payment_type);
  opt("pan_masked", m.pan_masked);
  opt("terminal_id", m.terminal_id);
  opt("vu_number", m.vu_number);
  opt("aid", m.aid);
  opt("receipt", m.receipt);
  opt("turnover", m.turnover);
  opt("card_type", m.card_type);
  opt("card_name", m.card_name);
  opt("timeout", m.timeout_s);
  opt("max_status_infos", m.max_status_infos);
  opt("service_byte", m.service_byte);
  opt("additional_text", m.additional_text);
  opt("password", m.password);
  opt("config_byte", m.config_byte);
  opt("intermediate_status", m.intermediate_status);
  opt("nack_code", m.nack_code);
  opt("software_version", m.software_version);
  opt("terminal_status", m.terminal_status);
  if (!m.skipped.empty()) j["skipped"] = m.skipped;
  if (!m.text_lines.empty()) j["text_lines"] = m.text_lines;
  if (!m.tlv.empty()) j["tlv"] = tlv_json(m.tlv);
  for (const auto& [tag, value] : m.unknown) j["bmp_" + hex2(tag)] = zvt::hex(value);
  return j;
}

bool one_hex_arg(const Args& args, const char* usage, zvt::Bytes* out, int* rc) {
  if (args.size() != 1) {
    *rc = fail(usage);
    return false;
  }
  auto bytes = zvt::from_hex(args[0]);
  if (!bytes || bytes->empty()) {
    *rc = fail("not hex: " + args[0]);
    return false;
  }
  *out = *bytes;
  return true;
}

sim::ZvtTerminalSim* running_sim = nullptr;
void stop_sim(int) {
  if (running_sim) running_sim->stop_soon();
}

}  // namespace

// kioskctl zvt-sim --listen HOST:PORT --ledger FILE [--script approve,decline:05,...] [--password P]
int zvt_sim_command(const Args& args) {
  constexpr const char* usage =
      "zvt-sim --listen HOST:PORT|--pty --ledger FILE [--script approve,decline:05,slow,drop-before-result,"
      "drop-after-result,garbage-after-result,duplicate-result,nak-storm,vanish-after-result] [--password 000000]";
  std::string listen, ledger, script = "approve", password = "000000";
  bool pty = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const bool has_value = i + 1 < args.size();
    if (args[i] == "--listen" && has_value) listen = args[++i];
    else if (args[i] == "--ledger" && has_value) ledger = args[++i];
    else if (args[i] == "--script" && has_value) script = args[++i];
    else if (args[i] == "--password" && has_value) password = args[++i];
    else if (args[i] == "--pty") pty = true;
    else return fail(usage);
  }
  const auto colon = listen.rfind(':');
  if (ledger.empty() || (pty == !listen.empty()) || (!pty && colon == std::string::npos)) return fail(usage);
  const std::string host = pty ? "" : listen.substr(0, colon);
  const int port = pty ? 0 : std::atoi(listen.c_str() + colon + 1);
  if (!pty && (port < 0 || port > 65535 || listen.substr(colon + 1).find_first_not_of("0123456789") != std::string::npos))
    return fail("bad port in " + listen);  // 0: any free port, printed in the first line
  if (password.size() != 6 || password.find_first_not_of("0123456789") != std::string::npos)
    return fail("the password is six digits");
  sim::ZvtSimOptions o;
  o.ledger_path = ledger;
  o.password = password;
  o.script.clear();
  std::stringstream list(script);
  for (std::string item; std::getline(list, item, ',');) {
    const bool known = item == "approve" || item == "slow" || item == "drop-before-result" ||
                       item == "drop-after-result" || item == "garbage-after-result" ||
                       item == "duplicate-result" || item == "nak-storm" || item == "vanish-after-result" || item.rfind("decline", 0) == 0;
    if (!known) return fail("unknown behaviour '" + item + "'");
    o.script.push_back(item);
  }
  sim::ZvtTerminalSim terminal(o);
  running_sim = &terminal;
  std::signal(SIGINT, stop_sim);
  std::signal(SIGTERM, stop_sim);
  if (pty) {
    // The serial transport on a pseudo-terminal: the kiosk opens the printed path as its tty.
    int master = -1, slave = -1;
    char name[128] = {};
    if (openpty(&master, &slave, name, nullptr, nullptr) != 0) return fail("cannot open a pseudo-terminal");
    termios t{};
    tcgetattr(master, &t);
    cfmakeraw(&t);
    tcsetattr(master, TCSANOW, &t);
    auto line = zvt::serial_channel(master, zvt::SerialOptions{}, "pty");
    std::cout << json{{"serial", name}, {"ledger", ledger}}.dump() << std::endl;
    terminal.serve_line_forever(*line);
    close(slave);
    return 0;
  }
  std::string error;
  if (!terminal.listen(host, port, &error)) return fail(error);
  std::cout << json{{"listening", host + ":" + std::to_string(terminal.port())}, {"ledger", ledger}}.dump() << std::endl;
  terminal.serve_forever();
  return 0;
}

int zvt_command(const Args& args) {
  const Args rest = args.empty() ? Args{} : Args(args.begin() + 1, args.end());
  const std::string verb = args.empty() ? "" : args[0];
  zvt::Bytes bytes;
  int rc = 1;
  std::string error;
  if (verb == "decode") {
    if (!one_hex_arg(rest, "zvt decode HEX", &bytes, &rc)) return rc;
    auto apdu = zvt::decode(bytes, &error);
    if (!apdu) return fail(error);
    auto message = zvt::parse(*apdu, &error);
    if (!message) return fail(error);
    std::cout << to_json(*message).dump() << "\n";
    return 0;
  }
  if (verb == "frame") {
    if (!one_hex_arg(rest, "zvt frame HEX", &bytes, &rc)) return rc;
    if (!zvt::decode(bytes, &error)) return fail(error);  // only whole APDUs are framed
    std::cout << json{{"frame", zvt::hex(zvt::frame(bytes))}}.dump() << "\n";
    return 0;
  }
  if (verb == "unframe") {
    if (!one_hex_arg(rest, "zvt unframe HEX", &bytes, &rc)) return rc;
    auto apdu = zvt::unframe(bytes, &error);
    if (!apdu) return fail(error);
    std::cout << json{{"apdu", zvt::hex(*apdu)}}.dump() << "\n";
    return 0;
  }
  return fail("zvt decode HEX | zvt frame HEX | zvt unframe HEX | zvt-sim --listen HOST:PORT --ledger FILE");
}

}  // namespace kiosk::ctl
