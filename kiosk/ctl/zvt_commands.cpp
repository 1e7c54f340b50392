#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.hpp"
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

}  // namespace

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
