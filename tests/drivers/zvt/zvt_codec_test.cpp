// ZVT: APDUs, BMP fields, TLV and serial framing, both directions.
#include <catch2/catch.hpp>

#include <random>

#include "zvt/message.hpp"
#include "zvt/serial_frame.hpp"

using namespace kiosk::zvt;

namespace {
Bytes h(const char* text) { return *from_hex(text); }
Message parsed(const char* text) {
  std::string error;
  auto apdu = decode(h(text), &error);
  INFO(error);
  REQUIRE(apdu);
  auto m = parse(*apdu, &error);
  INFO(error);
  REQUIRE(m);
  return *m;
}
std::string parse_error(const char* text) {
  std::string error;
  auto apdu = decode(h(text), &error);
  if (!apdu) return error;
  auto m = parse(*apdu, &error);
  return m ? "" : error;
}
}  // namespace

TEST_CASE("Serial frames match published vectors") {
  // Vectors from the test suite of the open-source "decom" ZVT implementation (prot_zvt tests):
  // Initialisation 06 93 with password 123456, and an ACK.
  CHECK(frame(h("06 93 03 12 34 56")) == h("10 02 06 93 03 12 34 56 10 03 CA A4"));
  CHECK(frame(h("80 00 00")) == h("10 02 80 00 00 10 03 F5 1F"));
  // The CRC is CRC-16/KERMIT (0x8408 reflected, init 0): its catalogue check value.
  const std::string check = "123456789";
  CHECK(crc_ccitt(reinterpret_cast<const std::uint8_t*>(check.data()), check.size()) == 0x2189);
}

TEST_CASE("DLE inside an APDU is doubled in the frame and undoubled back") {
  const Bytes apdu = h("06 01 0A 04 00 00 00 01 10 00 49 09 78");  // € 10,00: one 0x10 byte
  const Bytes f = frame(apdu);
  CHECK(f.size() == apdu.size() + 1 + 6);
  std::string error;
  CHECK(unframe(f, &error) == apdu);
}

TEST_CASE("Broken frames are refused with the reason") {
  std::string error;
  Bytes f = frame(h("80 00 00"));
  f[f.size() - 1] ^= 0x01;
  CHECK_FALSE(unframe(f, &error));
  CHECK(error.find("CRC") != std::string::npos);
  CHECK_FALSE(unframe(h("10 02 80 10 05 00 10 03 00 00"), &error));
  CHECK(error.find("stuffing") != std::string::npos);
  CHECK_FALSE(unframe(h("02 80 00 00 10 03 F5 1F"), &error));
  CHECK_FALSE(unframe(h("10 02 80 00 00 10 03 F5"), &error));
  CHECK_FALSE(unframe(h("10 02 80 00 00"), &error));
  CHECK_FALSE(unframe(h("10 02 80 00 00 10 03 F5 1F 00"), &error));
}

TEST_CASE("APDU lengths: short, extended, and wrong") {
  Apdu big{0x06, 0xD3, Bytes(300, 0x41)};
  const Bytes b = encode(big);
  CHECK(b[2] == 0xFF);
  CHECK(b[3] == (300 & 0xFF));
  CHECK(b[4] == 1);
  std::string error;
  CHECK(decode(b, &error) == big);
  CHECK(complete_length(b) == b.size());
  CHECK(complete_length(Bytes(b.begin(), b.end() - 1)) == 0);
  CHECK_FALSE(decode(h("06 01 05 04 00"), &error));
  CHECK(error.find("length says 5") != std::string::npos);
  CHECK_FALSE(decode(h("06"), &error));
}

TEST_CASE("Authorization carries the amount in BCD cents and EUR") {
  CHECK(encode(authorization(1500)) == h("06 01 0A 04 00 00 00 00 15 00 49 09 78"));
  const Message m = parsed("06 01 0A 04 00 00 00 00 15 00 49 09 78");
  CHECK(*m.amount_cents == 1500);
  CHECK(*m.currency_code == 978);
  CHECK(encode(authorization(999999999999)) == h("06 01 0A 04 99 99 99 99 99 99 49 09 78"));
}

TEST_CASE("Registration: password, config byte, currency without a tag, service byte") {
  const Apdu r = registration("123456", 0xBA);
  CHECK(encode(r) == h("06 00 08 12 34 56 BA 09 78 03 00"));
  const Message m = parsed("06 00 08 12 34 56 BA 09 78 03 00");
  CHECK(*m.password == "123456");
  CHECK(*m.config_byte == 0xBA);
  CHECK(*m.currency_code == 978);
  CHECK(*m.service_byte == 0);
  const Message short_form = parsed("06 00 04 12 34 56 BA");
  CHECK_FALSE(short_form.currency_code);
}

TEST_CASE("Status information: the fields of an approved card payment") {
  Message s;
  s.cls = 0x04;
  s.instr = 0x0F;
  s.result_code = 0;
  s.amount_cents = 8100;
  s.trace = 501;
  s.time_hhmmss = "184512";
  s.date_mmdd = "1127";
  s.expiry_yymm = "2912";
  s.payment_type = 0x60;
  s.pan_masked = "670300******1234";
  s.terminal_id = "52500123";
  s.vu_number = "BE-KIOSK-01";
  s.aid = "123456";
  s.currency_code = 978;
  s.receipt = 1001;
  s.card_type = 5;
  s.card_name = "Bancontact";
  const Bytes wire = encode(build(s));
  std::string error;
  const Message back = *parse(*decode(wire, &error), &error);
  CHECK(*back.result_code == 0);
  CHECK(*back.amount_cents == 8100);
  CHECK(*back.trace == 501);
  CHECK(*back.time_hhmmss == "184512");
  CHECK(*back.date_mmdd == "1127");
  CHECK(*back.expiry_yymm == "2912");
  CHECK(*back.pan_masked == "670300******1234");
  CHECK(*back.terminal_id == "52500123");
  CHECK(*back.vu_number == "BE-KIOSK-01");
  CHECK(*back.aid == "123456");
  CHECK(*back.receipt == 1001);
  CHECK(*back.card_type == 5);
  CHECK(*back.card_name == "Bancontact");
  // The masked PAN travels as BCD with E nibbles: no digit hides behind them.
  const Bytes pan_bytes = h("22 F0 F8 67 03 00 EE EE EE 12 34");
  CHECK(std::search(wire.begin(), wire.end(), pan_bytes.begin(), pan_bytes.end()) != wire.end());
}

TEST_CASE("Terminal messages: intermediate status, abort, print line, text block, NACK") {
  CHECK(*parsed("04 FF 01 0A").intermediate_status == 0x0A);
  const Message with_timeout = parsed("04 FF 02 0E 1E");
  CHECK(*with_timeout.intermediate_status == 0x0E);
  CHECK(*with_timeout.timeout_s == 30);
  CHECK(*parsed("06 1E 01 6C").result_code == 0x6C);
  CHECK(parsed("06 D1 06 00 48 45 4C 4C 4F").text_lines == std::vector<std::string>{"HELLO"});
  // 06 D3: TLV container with tag 25 holding text lines (tag 07).
  const Message block = parsed("06 D3 0E 06 0C 25 0A 07 03 41 42 43 07 03 44 45 46");
  CHECK(block.text_lines == std::vector<std::string>{"ABC", "DEF"});
  REQUIRE(block.tlv.size() == 1);
  CHECK(block.tlv[0].tag == 0x25);
  CHECK(block.tlv[0].children.size() == 2);
  CHECK(*parsed("84 9C 00").nack_code == 0x9C);
  CHECK(*parsed("06 30 06 12 34 56 87 10 01").receipt == 1001);
  CHECK(*parsed("06 20 03 12 34 56").password == "123456");
}

TEST_CASE("Fields that are known but unused are skipped, while unknown tags and bad data are errors") {
  const Message m = parsed("04 0F 05 27 00 17 00 01");  // BMP 17: card sequence number
  CHECK(m.unknown.at(0x17) == h("00 01"));
  CHECK(*m.result_code == 0);
  CHECK(parse_error("04 0F 02 C5 00").find("unknown BMP C5") != std::string::npos);
  CHECK(parse_error("04 0F 03 04 00 00").find("needs 6") != std::string::npos);
  CHECK(parse_error("04 0F 07 04 00 00 00 0A 00 00").find("not BCD") != std::string::npos);
  CHECK(parse_error("04 0F 04 8B F0 F1 41").empty());  // LLVAR: two length digits, F0 F1
  CHECK(parse_error("04 0F 03 8B 31 41").find("not Fx") != std::string::npos);
  CHECK(parse_error("04 0F 04 06 05 01 02").find("needs 5") != std::string::npos);
}

TEST_CASE("Random messages survive encode then decode") {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    Message m;
    m.cls = 0x04;
    m.instr = 0x0F;
    if (rng() % 2) m.amount_cents = static_cast<std::int64_t>(rng() % 100000000);
    if (rng() % 2) m.trace = rng() % 1000000;
    if (rng() % 2) m.receipt = rng() % 10000;
    if (rng() % 2) m.result_code = static_cast<int>(rng() % 256);
    if (rng() % 2) m.card_name = std::string(rng() % 40, 'x');
    if (rng() % 2) m.additional_text = std::string(rng() % 300, 'y');
    const Bytes wire = encode(build(m));
    std::string error;
    auto apdu = decode(wire, &error);
    REQUIRE(apdu);
    auto back = parse(*apdu, &error);
    INFO(error);
    REQUIRE(back);
    CHECK(back->amount_cents == m.amount_cents);
    CHECK(back->trace == m.trace);
    CHECK(back->receipt == m.receipt);
    CHECK(back->result_code == m.result_code);
    CHECK(back->card_name == m.card_name);
    CHECK(back->additional_text == m.additional_text);
    CHECK(unframe(frame(wire), &error) == wire);
  }
}

// ---- what real terminals send (PA00P015) --------------------------------------------------

TEST_CASE("Status enquiry: the command, and its completion with an untagged version and status") {
  const Apdu enquiry = status_enquiry("123456");
  CHECK(encode(enquiry) == h("05 01 03 12 34 56"));
  CHECK(*parsed("05 01 03 12 34 56").password == "123456");
  // Software version as an LLLVAR without a tag (008: "GER-APP1"), the terminal status byte,
  // then BMP 06 with a TLV container.
  const Message m = parsed("06 0F 15 F0 F0 F8 47 45 52 2D 41 50 50 31 00 06 07 1F 44 04 31 32 33 34");
  CHECK(*m.software_version == "GER-APP1");
  CHECK(*m.terminal_status == 0);
  REQUIRE(m.tlv.size() == 1);
  CHECK(m.tlv[0].tag == 0x1F44);
  // A 40-byte version (F0 F4 F0) and a status byte, nothing after.
  std::string long_form = "06 0F 2C F0 F4 F0";
  for (int i = 0; i < 40; ++i) long_form += " 41";
  long_form += " 9C";
  const Message l = parsed(long_form.c_str());
  CHECK(l.software_version->size() == 40);
  CHECK(*l.terminal_status == 0x9C);
  // An ordinary completion is read as before.
  CHECK(*parsed("06 0F 02 27 00").result_code == 0);
  CHECK_FALSE(parsed("06 0F 02 27 00").software_version);
}

TEST_CASE("A receipt number of FFFF means none, while bad BCD in what the payment needs stays an error") {
  const Message m = parsed("06 0F 05 27 00 87 FF FF");
  CHECK_FALSE(m.receipt);
  CHECK(*m.result_code == 0);
  CHECK(parse_error("06 0F 03 87 12 3F").find("BMP 87 is not BCD") != std::string::npos);
  CHECK(parse_error("06 0F 04 0B 00 0A 01").find("BMP 0B is not BCD") != std::string::npos);
}

TEST_CASE("Text from the terminal is converted from its character set to UTF-8") {
  // CP437 by default: 0x81 ü, 0x8E Ä.
  CHECK(parsed("06 D1 08 00 4D 81 6E 63 68 65 6E").text_lines == std::vector<std::string>{"München"});
  const Message tlv = parsed("06 D3 09 06 07 25 05 07 03 8E 52 5A");
  CHECK(tlv.text_lines == std::vector<std::string>{"ÄRZ"});
  CHECK(*parsed("04 0F 06 8B F0 F3 4B 8E 53").card_name == "KÄS");
  // Latin-1 and the 7-bit German set where the terminal or the configuration says so.
  std::string error;
  const auto apdu = decode(h("06 D1 08 00 4D FC 6E 63 68 65 6E"), &error);
  REQUIRE(apdu);
  CHECK(parse(*apdu, &error, Charset::latin1)->text_lines == std::vector<std::string>{"München"});
  const auto seven = decode(h("06 D1 05 00 5B 7D 7E 40"), &error);
  REQUIRE(seven);
  CHECK(parse(*seven, &error, Charset::zvt7)->text_lines == std::vector<std::string>{"Äüß§"});
  CHECK(parse_charset("latin1") == Charset::latin1);
  CHECK_FALSE(parse_charset("utf16"));
}

TEST_CASE("A display or print text with a line feed is two lines") {
  CHECK(parsed("06 D1 0C 00 4C 49 4E 45 31 0A 4C 49 4E 45 32").text_lines ==
        std::vector<std::string>{"LINE1", "LINE2"});
  CHECK(parsed("04 FF 0B 0E 06 08 25 06 07 04 41 0A 42 43").text_lines == std::vector<std::string>{"A", "BC"});
}

TEST_CASE("Fields only shown are read leniently: an approved payment is never lost over them") {
  // Amount, result and trace as ever; a PAN with a D separator, a date that is not BCD and a
  // terminal id with a letter nibble are left out or kept as far as they read, and noted.
  const Message m = parsed("04 0F 1D 04 00 00 00 00 10 00 27 00 0B 00 00 01 22 F0 F5 67 03 D0 12 3F "
                           "0D 1A 01 29 52 50 01 2A");
  CHECK(*m.amount_cents == 1000);
  CHECK(*m.result_code == 0);
  CHECK(*m.trace == 1);
  CHECK(*m.pan_masked == "67030123");
  CHECK_FALSE(m.date_mmdd);
  CHECK_FALSE(m.terminal_id);
  CHECK(m.skipped.size() == 3);
}
