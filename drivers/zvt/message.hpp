#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "apdu.hpp"
#include "charset.hpp"

namespace kiosk::zvt {

// A node of the TLV container (BMP 06): BER tags and lengths, constructed tags nest.
struct Tlv {
  std::uint32_t tag = 0;
  Bytes value;               // primitive tags
  std::vector<Tlv> children; // constructed tags (bit 0x20 of the first tag byte)
  bool constructed() const { return ((tag >> (8 * (tag_size() - 1))) & 0x20) != 0; }
  int tag_size() const { return tag > 0xFFFF ? 3 : tag > 0xFF ? 2 : 1; }
};

// Everything the kiosk reads from or writes to ZVT messages, by name. Money stays in cents.
struct Message {
  std::uint8_t cls = 0, instr = 0;
  std::optional<std::int64_t> amount_cents;      // BMP 04, 6 bytes BCD
  std::optional<int> currency_code;              // BMP 49, 2 bytes BCD (978 = EUR)
  std::optional<int> result_code;                // BMP 27, or the first byte of 06 1E
  std::optional<std::uint32_t> trace;            // BMP 0B, 3 bytes BCD
  std::optional<std::uint32_t> original_trace;   // BMP 37
  std::optional<std::string> time_hhmmss;        // BMP 0C
  std::optional<std::string> date_mmdd;          // BMP 0D
  std::optional<std::string> expiry_yymm;        // BMP 0E
  std::optional<int> payment_type;               // BMP 19
  std::optional<std::string> pan_masked;         // BMP 22, LLVAR BCD; masked nibbles (E) shown as *
  std::optional<std::string> terminal_id;        // BMP 29, 4 bytes BCD
  std::optional<std::string> vu_number;          // BMP 2A, 15 bytes ASCII
  std::optional<std::string> aid;                // BMP 3B, 8 bytes
  std::optional<std::uint32_t> receipt;          // BMP 87, 2 bytes BCD
  std::optional<std::uint32_t> turnover;         // BMP 88
  std::optional<int> card_type;                  // BMP 8A
  std::optional<std::string> card_name;          // BMP 8B, LLVAR ASCII
  std::optional<int> timeout_s;                  // BMP 01
  std::optional<int> max_status_infos;           // BMP 02
  std::optional<int> service_byte;               // BMP 03
  std::optional<std::string> additional_text;    // BMP 3C, LLLVAR
  std::optional<std::string> password;           // registration and the administrative commands
  std::optional<int> config_byte;                // registration
  std::optional<int> intermediate_status;        // 04 FF
  std::optional<int> nack_code;                  // 84 xx
  std::optional<std::string> software_version;   // status enquiry's completion: untagged LLLVAR
  std::optional<int> terminal_status;            // …and the untagged status byte after it
  std::vector<std::string> text_lines;           // 06 D1, 06 D3, TLV 07; in UTF-8, one per line
  std::vector<Tlv> tlv;                          // BMP 06
  std::map<int, Bytes> unknown;                  // BMPs this kiosk has no use for, skipped
  // Fields only shown or printed that could not be read, with why: left out, never a reason to
  // refuse a message that may carry an approved payment.
  std::vector<std::string> skipped;
};

// Reads any APDU the kiosk may see or send. What the payment needs is read strictly (amount,
// result, trace, receipt number, currency): a truncated field, a BMP whose length cannot be
// known or bad BCD there comes back as an error with the reason. Fields only shown or printed
// are read leniently (Message::skipped). Unknown tags of a known format are kept. Text is
// converted from `charset` to UTF-8.
std::optional<Message> parse(const Apdu& apdu, std::string* error, Charset charset = Charset::cp437);

// Builds the APDU of a message: the fields present, in the order the specification lists them.
Apdu build(const Message& m);

// ---- command builders (ECR → PT) and replies (PT → ECR, for the simulator) -------------------
inline constexpr int eur = 978;
Apdu registration(const std::string& password, std::uint8_t config_byte, int currency = eur);
Apdu authorization(std::int64_t amount_cents, int currency = eur);
Apdu reversal(const std::string& password, std::uint32_t receipt_no);
Apdu refund(const std::string& password, std::int64_t amount_cents);
Apdu repeat_receipt(const std::string& password);
Apdu end_of_day(const std::string& password);
Apdu log_off();
Apdu abort_command();  // 06 B0
Apdu intermediate_status(std::uint8_t status, std::uint8_t timeout_s = 0);
Apdu completion();     // 06 0F
Apdu pt_abort(std::uint8_t result_code);  // 06 1E
Apdu print_line(const std::string& text, std::uint8_t attribute = 0);
Apdu status_enquiry(const std::string& password);  // 05 01

// BCD helpers (also used by tests).
Bytes to_bcd(std::uint64_t value, std::size_t bytes);
std::optional<std::uint64_t> from_bcd(const Bytes& b);

}  // namespace kiosk::zvt
