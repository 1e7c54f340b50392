#include "message.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::zvt {

namespace {

enum class Format { fixed, llvar, lllvar, tlv };
struct Spec {
  std::uint8_t tag;
  Format format;
  int length;  // fixed formats
};

// The BMPs of the ZVT specification (PA00P015, "summary of utilised BMPs") with their formats.
// A tag not listed here cannot be skipped: its length is unknown.
constexpr Spec specs[] = {
    {0x01, Format::fixed, 1},  {0x02, Format::fixed, 1},  {0x03, Format::fixed, 1},  {0x04, Format::fixed, 6},
    {0x05, Format::fixed, 1},  {0x06, Format::tlv, 0},    {0x0B, Format::fixed, 3},  {0x0C, Format::fixed, 3},
    {0x0D, Format::fixed, 2},  {0x0E, Format::fixed, 2},  {0x17, Format::fixed, 2},  {0x19, Format::fixed, 1},
    {0x22, Format::llvar, 0},  {0x23, Format::llvar, 0},  {0x24, Format::lllvar, 0}, {0x27, Format::fixed, 1},
    {0x29, Format::fixed, 4},  {0x2A, Format::fixed, 15}, {0x2D, Format::llvar, 0},  {0x2E, Format::lllvar, 0},
    {0x37, Format::fixed, 3},  {0x3A, Format::fixed, 2},  {0x3B, Format::fixed, 8},  {0x3C, Format::lllvar, 0},
    {0x3D, Format::fixed, 3},  {0x49, Format::fixed, 2},  {0x60, Format::lllvar, 0}, {0x87, Format::fixed, 2},
    {0x88, Format::fixed, 3},  {0x8A, Format::fixed, 1},  {0x8B, Format::llvar, 0},  {0x8C, Format::fixed, 1},
    {0x92, Format::lllvar, 0}, {0x9A, Format::lllvar, 0}, {0xA0, Format::fixed, 1},  {0xA7, Format::llvar, 0},
    {0xAF, Format::lllvar, 0}, {0xBA, Format::fixed, 5},  {0xD0, Format::fixed, 1},  {0xD1, Format::llvar, 0},
    {0xD2, Format::fixed, 1},  {0xD3, Format::fixed, 1},  {0xE0, Format::fixed, 1},  {0xE1, Format::llvar, 0},
    {0xE2, Format::llvar, 0},  {0xE3, Format::llvar, 0},  {0xE4, Format::llvar, 0},  {0xE5, Format::llvar, 0},
    {0xE6, Format::llvar, 0},  {0xE7, Format::llvar, 0},  {0xE8, Format::llvar, 0},  {0xE9, Format::fixed, 1},
    {0xEA, Format::fixed, 1},  {0xEB, Format::fixed, 8},  {0xF0, Format::fixed, 1},  {0xF1, Format::llvar, 0},
    {0xF2, Format::llvar, 0},  {0xF3, Format::llvar, 0},  {0xF4, Format::llvar, 0},  {0xF5, Format::llvar, 0},
    {0xF6, Format::llvar, 0},  {0xF7, Format::llvar, 0},  {0xF8, Format::llvar, 0},  {0xF9, Format::fixed, 1},
    {0xFA, Format::fixed, 1},  {0xFB, Format::fixed, 1},
};

const Spec* spec_of(std::uint8_t tag) {
  for (const Spec& s : specs)
    if (s.tag == tag) return &s;
  return nullptr;
}

std::string hex2(int v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02X", v & 0xFF);
  return buf;
}

// Reads bytes from a span with bounds checks; every failure says where and why.
class Reader {
 public:
  Reader(const Bytes& b, std::size_t from, std::string* error) : b_(b), pos_(from), error_(error) {}
  bool done() const { return pos_ >= b_.size(); }
  std::size_t left() const { return b_.size() - pos_; }
  std::uint8_t peek() const { return b_[pos_]; }
  bool take(std::size_t n, Bytes* out, const std::string& what) {
    if (left() < n) return fail(what + " needs " + std::to_string(n) + " byte(s), " + std::to_string(left()) + " left");
    out->assign(b_.begin() + static_cast<long>(pos_), b_.begin() + static_cast<long>(pos_ + n));
    pos_ += n;
    return true;
  }
  bool fail(const std::string& why) {
    if (error_) *error_ = why + " (at data byte " + std::to_string(pos_) + ")";
    return false;
  }
  // LLVAR/LLLVAR length: each length digit in the low nibble of an Fx byte.
  bool var_length(int digits, std::size_t* n, const std::string& what) {
    Bytes l;
    if (!take(static_cast<std::size_t>(digits), &l, what + " length")) return false;
    std::size_t v = 0;
    for (std::uint8_t d : l) {
      if ((d & 0xF0) != 0xF0 || (d & 0x0F) > 9) return fail(what + " length byte " + hex2(d) + " is not Fx");
      v = v * 10 + (d & 0x0F);
    }
    *n = v;
    return true;
  }
  // BER length (TLV container and its tags).
  bool ber_length(std::size_t* n, const std::string& what) {
    Bytes l;
    if (!take(1, &l, what + " length")) return false;
    if (l[0] < 0x80) {
      *n = l[0];
      return true;
    }
    const int count = l[0] & 0x7F;
    if (count < 1 || count > 2) return fail(what + " length form " + hex2(l[0]) + " is not supported");
    Bytes more;
    if (!take(static_cast<std::size_t>(count), &more, what + " length")) return false;
    *n = count == 1 ? more[0] : (more[0] << 8 | more[1]);
    return true;
  }

 private:
  const Bytes& b_;
  std::size_t pos_;
  std::string* error_;
};

bool parse_tlv_list(const Bytes& b, std::vector<Tlv>* out, int depth, std::string* error) {
  if (depth > 8) {
    if (error) *error = "TLV nesting deeper than 8";
    return false;
  }
  Reader r(b, 0, error);
  while (!r.done()) {
    Bytes first;
    if (!r.take(1, &first, "TLV tag")) return false;
    std::uint32_t tag = first[0];
    if ((first[0] & 0x1F) == 0x1F) {
      for (int i = 0;; ++i) {
        Bytes next;
        if (i >= 2 || !r.take(1, &next, "TLV tag")) return i >= 2 ? r.fail("TLV tag longer than 3 bytes") : false;
        tag = tag << 8 | next[0];
        if (!(next[0] & 0x80)) break;
      }
    }
    std::size_t len = 0;
    if (!r.ber_length(&len, "TLV " + hex2(static_cast<int>(tag)))) return false;
    Tlv t;
    t.tag = tag;
    if (!r.take(len, &t.value, "TLV " + hex2(static_cast<int>(tag)) + " value")) return false;
    if (t.constructed()) {
      if (!parse_tlv_list(t.value, &t.children, depth + 1, error)) return false;
      t.value.clear();
    }
    out->push_back(std::move(t));
  }
  return true;
}

// Text in the terminal's character set, as UTF-8 lines: an embedded line feed starts a new one.
void add_lines(const Bytes& text, Charset charset, std::vector<std::string>* lines) {
  const std::string utf8 = to_utf8(text, charset);
  std::size_t from = 0;
  for (;;) {
    const std::size_t lf = utf8.find('\n', from);
    lines->push_back(utf8.substr(from, lf == std::string::npos ? std::string::npos : lf - from));
    if (lf == std::string::npos) return;
    from = lf + 1;
  }
}

void collect_text(const std::vector<Tlv>& list, Charset charset, std::vector<std::string>* lines) {
  for (const Tlv& t : list) {
    if (t.tag == 0x07) add_lines(t.value, charset, lines);
    collect_text(t.children, charset, lines);
  }
}

std::string digits_of(const Bytes& b) {
  std::string s;
  for (std::uint8_t v : b) {
    s += static_cast<char>('0' + (v >> 4));
    s += static_cast<char>('0' + (v & 0x0F));
  }
  return s;
}

bool bcd_ok(const Bytes& b) {
  for (std::uint8_t v : b)
    if ((v >> 4) > 9 || (v & 0x0F) > 9) return false;
  return true;
}

// A text field in UTF-8, without the padding (spaces, NULs) at its end.
std::string text_of(const Bytes& b, Charset charset) {
  std::string s = to_utf8(b, charset);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

// PAN digits: BCD, E = a masked digit, F = padding. Other nibbles (a D as separator, say) are
// left out: `odd` says there were some.
std::string pan_of(const Bytes& b, bool* odd) {
  std::string s;
  for (std::uint8_t v : b)
    for (int nibble : {v >> 4, v & 0x0F}) {
      if (nibble <= 9) s += static_cast<char>('0' + nibble);
      else if (nibble == 0x0E) s += '*';
      else if (nibble != 0x0F) *odd = true;
    }
  return s;
}

bool store(Message& m, std::uint8_t tag, const Bytes& v, Reader& r, Charset charset) {
  // What the payment needs: bad BCD is an error.
  const auto bcd_number = [&](auto* field) {
    if (!bcd_ok(v)) return r.fail("BMP " + hex2(tag) + " is not BCD");
    *field = static_cast<std::remove_reference_t<decltype(**field)>>(*from_bcd(v));
    return true;
  };
  // What is only shown or printed: bad BCD leaves the field out, noted.
  const auto shown_bcd_text = [&](std::optional<std::string>* field) {
    if (bcd_ok(v)) *field = digits_of(v);
    else m.skipped.push_back("BMP " + hex2(tag) + " is not BCD");  // no value: it may be card data
    return true;
  };
  const auto bcd_text = [&](std::optional<std::string>* field) {
    if (!bcd_ok(v)) return r.fail("BMP " + hex2(tag) + " is not BCD");
    *field = digits_of(v);
    return true;
  };
  switch (tag) {
    case 0x01: m.timeout_s = v[0]; return true;
    case 0x02: m.max_status_infos = v[0]; return true;
    case 0x03: m.service_byte = v[0]; return true;
    case 0x04: return bcd_number(&m.amount_cents);
    case 0x0B: return bcd_number(&m.trace);
    case 0x0C: return shown_bcd_text(&m.time_hhmmss);
    case 0x0D: return shown_bcd_text(&m.date_mmdd);
    case 0x0E: return shown_bcd_text(&m.expiry_yymm);
    case 0x19: m.payment_type = v[0]; return true;
    case 0x22: {
      bool odd = false;
      m.pan_masked = pan_of(v, &odd);
      if (odd) m.skipped.push_back("BMP 22: nibbles that are neither a digit, E nor F left out");
      return true;
    }
    case 0x27: m.result_code = v[0]; return true;
    case 0x29: return shown_bcd_text(&m.terminal_id);
    case 0x2A: m.vu_number = text_of(v, charset); return true;
    case 0x37: return bcd_number(&m.original_trace);
    case 0x3B: m.aid = text_of(v, charset); return true;
    case 0x3C: m.additional_text = text_of(v, charset); return true;
    case 0x3D: return bcd_text(&m.password);
    case 0x49: return bcd_number(&m.currency_code);
    case 0x87:
      // FFFF: no receipt number (a completion for open pre-authorisations, say).
      if (v == Bytes{0xFF, 0xFF}) return true;
      return bcd_number(&m.receipt);
    case 0x88:
      if (bcd_ok(v)) m.turnover = static_cast<std::uint32_t>(*from_bcd(v));
      else m.skipped.push_back("BMP 88 is not BCD");
      return true;
    case 0x8A: m.card_type = v[0]; return true;
    case 0x8B: m.card_name = text_of(v, charset); return true;
    default: m.unknown[tag] = v; return true;
  }
}

bool parse_bmps(Message& m, Reader& r, std::string* error, Charset charset) {
  while (!r.done()) {
    Bytes t;
    r.take(1, &t, "BMP tag");
    const std::uint8_t tag = t[0];
    const Spec* s = spec_of(tag);
    if (!s) return r.fail("unknown BMP " + hex2(tag) + ": its length cannot be known");
    std::size_t len = static_cast<std::size_t>(s->length);
    if (s->format == Format::llvar && !r.var_length(2, &len, "BMP " + hex2(tag))) return false;
    if (s->format == Format::lllvar && !r.var_length(3, &len, "BMP " + hex2(tag))) return false;
    if (s->format == Format::tlv && !r.ber_length(&len, "TLV container")) return false;
    Bytes v;
    if (!r.take(len, &v, "BMP " + hex2(tag))) return false;
    if (s->format == Format::tlv) {
      std::vector<Tlv> list;
      if (!parse_tlv_list(v, &list, 0, error)) return false;
      collect_text(list, charset, &m.text_lines);
      m.tlv.insert(m.tlv.end(), list.begin(), list.end());
      continue;
    }
    if (!store(m, tag, v, r, charset)) return false;
  }
  return true;
}

bool takes_password(std::uint8_t cls, std::uint8_t instr) {
  return (cls == 0x06 && (instr == 0x20 || instr == 0x30 || instr == 0x31 || instr == 0x50 || instr == 0x00)) ||
         (cls == 0x05 && instr == 0x01);  // status enquiry
}

}  // namespace

Bytes to_bcd(std::uint64_t value, std::size_t bytes) {
  Bytes out(bytes, 0);
  for (std::size_t i = bytes; i-- > 0;) {
    out[i] = static_cast<std::uint8_t>((value % 10) | ((value / 10 % 10) << 4));
    value /= 100;
  }
  return out;
}

std::optional<std::uint64_t> from_bcd(const Bytes& b) {
  if (!bcd_ok(b) || b.size() > 9) return std::nullopt;
  std::uint64_t v = 0;
  for (std::uint8_t d : b) v = v * 100 + (d >> 4) * 10 + (d & 0x0F);
  return v;
}

namespace {
// The completion of a status enquiry (05 01) starts with the software version as an LLLVAR
// without a tag (F0 F4 F0 …), then the terminal status byte, then BMPs: told from an ordinary
// completion by three length digits whose field ends inside the data before a BMP 06 or the end.
bool status_completion(const Apdu& a) {
  if (a.cls != 0x06 || a.instr != 0x0F || a.data.size() < 4) return false;
  std::size_t n = 0;
  for (int i = 0; i < 3; ++i) {
    const std::uint8_t d = a.data[static_cast<std::size_t>(i)];
    if ((d & 0xF0) != 0xF0 || (d & 0x0F) > 9) return false;
    n = n * 10 + (d & 0x0F);
  }
  const std::size_t after = 3 + n + 1;  // the version, then the status byte
  return after == a.data.size() || (after < a.data.size() && a.data[after] == 0x06);
}
}  // namespace

std::optional<Message> parse(const Apdu& a, std::string* error, Charset charset) {
  Message m;
  m.cls = a.cls;
  m.instr = a.instr;
  Reader r(a.data, 0, error);
  if (a.cls == 0x84) {
    m.nack_code = a.instr;
    return m;
  }
  if (takes_password(a.cls, a.instr) && !r.done()) {
    Bytes pw;
    if (!r.take(3, &pw, "password")) return std::nullopt;
    if (!bcd_ok(pw)) return r.fail("password is not BCD"), std::nullopt;
    m.password = digits_of(pw);
    if (a.instr == 0x00) {  // registration: config byte, then a currency code without a tag
      Bytes cfg;
      if (!r.take(1, &cfg, "config byte")) return std::nullopt;
      m.config_byte = cfg[0];
      if (r.left() >= 2 && r.peek() != 0x03 && r.peek() != 0x06) {
        Bytes cc;
        r.take(2, &cc, "currency code");
        if (!bcd_ok(cc)) return r.fail("currency code is not BCD"), std::nullopt;
        m.currency_code = static_cast<int>(*from_bcd(cc));
      }
    }
  } else if (a.cls == 0x06 && a.instr == 0x1E && !r.done()) {
    Bytes rc;
    r.take(1, &rc, "result code");
    m.result_code = rc[0];
  } else if (a.cls == 0x04 && a.instr == 0xFF) {
    Bytes st;
    if (!r.take(1, &st, "intermediate status")) return std::nullopt;
    m.intermediate_status = st[0];
    if (!r.done() && r.peek() != 0x06) {
      Bytes t;
      r.take(1, &t, "timeout");
      m.timeout_s = t[0];
    }
  } else if (a.cls == 0x06 && a.instr == 0xD1) {
    Bytes attr;
    if (!r.take(1, &attr, "print attribute")) return std::nullopt;
    Bytes text;
    r.take(r.left(), &text, "text");
    add_lines(text, charset, &m.text_lines);
    return m;
  } else if (status_completion(a)) {
    std::size_t n = 0;
    Bytes version, status;
    r.var_length(3, &n, "software version");
    r.take(n, &version, "software version");
    r.take(1, &status, "terminal status");
    m.software_version = text_of(version, charset);
    m.terminal_status = status[0];
  }
  if (!parse_bmps(m, r, error, charset)) return std::nullopt;
  return m;
}

namespace {
void put_fixed(Bytes& d, std::uint8_t tag, const Bytes& v) {
  d.push_back(tag);
  d.insert(d.end(), v.begin(), v.end());
}
void put_var(Bytes& d, std::uint8_t tag, const Bytes& v, int digits) {
  d.push_back(tag);
  std::size_t n = v.size();
  Bytes len(static_cast<std::size_t>(digits));
  for (int i = digits - 1; i >= 0; --i, n /= 10) len[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(0xF0 | (n % 10));
  d.insert(d.end(), len.begin(), len.end());
  d.insert(d.end(), v.begin(), v.end());
}
Bytes text_bytes(const std::string& s, std::size_t pad_to = 0) {
  Bytes b(s.begin(), s.end());
  if (pad_to) b.resize(pad_to, ' ');
  return b;
}
Bytes pan_bytes(const std::string& pan) {
  Bytes out;
  for (std::size_t i = 0; i < pan.size(); i += 2) {
    auto nib = [&](std::size_t k) -> std::uint8_t {
      if (k >= pan.size()) return 0x0F;
      return pan[k] == '*' ? 0x0E : static_cast<std::uint8_t>(pan[k] - '0');
    };
    out.push_back(static_cast<std::uint8_t>(nib(i) << 4 | nib(i + 1)));
  }
  return out;
}
}  // namespace

Apdu build(const Message& m) {
  Bytes d;
  if (m.timeout_s && !(m.cls == 0x04 && m.instr == 0xFF)) put_fixed(d, 0x01, {static_cast<std::uint8_t>(*m.timeout_s)});
  if (m.max_status_infos) put_fixed(d, 0x02, {static_cast<std::uint8_t>(*m.max_status_infos)});
  if (m.result_code) put_fixed(d, 0x27, {static_cast<std::uint8_t>(*m.result_code)});
  if (m.amount_cents) put_fixed(d, 0x04, to_bcd(static_cast<std::uint64_t>(*m.amount_cents), 6));
  if (m.trace) put_fixed(d, 0x0B, to_bcd(*m.trace, 3));
  if (m.original_trace) put_fixed(d, 0x37, to_bcd(*m.original_trace, 3));
  if (m.time_hhmmss) put_fixed(d, 0x0C, to_bcd(std::stoull(*m.time_hhmmss), 3));
  if (m.date_mmdd) put_fixed(d, 0x0D, to_bcd(std::stoull(*m.date_mmdd), 2));
  if (m.expiry_yymm) put_fixed(d, 0x0E, to_bcd(std::stoull(*m.expiry_yymm), 2));
  if (m.payment_type) put_fixed(d, 0x19, {static_cast<std::uint8_t>(*m.payment_type)});
  if (m.pan_masked) put_var(d, 0x22, pan_bytes(*m.pan_masked), 2);
  if (m.terminal_id) put_fixed(d, 0x29, to_bcd(std::stoull(*m.terminal_id), 4));
  if (m.vu_number) put_fixed(d, 0x2A, text_bytes(*m.vu_number, 15));
  if (m.aid) put_fixed(d, 0x3B, text_bytes(*m.aid, 8));
  if (m.currency_code) put_fixed(d, 0x49, to_bcd(static_cast<std::uint64_t>(*m.currency_code), 2));
  if (m.receipt) put_fixed(d, 0x87, to_bcd(*m.receipt, 2));
  if (m.turnover) put_fixed(d, 0x88, to_bcd(*m.turnover, 3));
  if (m.card_type) put_fixed(d, 0x8A, {static_cast<std::uint8_t>(*m.card_type)});
  if (m.card_name) put_var(d, 0x8B, text_bytes(*m.card_name), 2);
  if (m.additional_text) put_var(d, 0x3C, text_bytes(*m.additional_text), 3);
  return Apdu{m.cls, m.instr, d};
}

Apdu registration(const std::string& password, std::uint8_t config_byte, int currency) {
  Bytes d = to_bcd(std::stoull(password), 3);
  d.push_back(config_byte);
  const Bytes cc = to_bcd(static_cast<std::uint64_t>(currency), 2);
  d.insert(d.end(), cc.begin(), cc.end());
  d.insert(d.end(), {0x03, 0x00});  // service byte: defaults
  return {0x06, 0x00, d};
}

Apdu authorization(std::int64_t amount_cents, int currency) {
  Message m;
  m.cls = 0x06;
  m.instr = 0x01;
  m.amount_cents = amount_cents;
  m.currency_code = currency;
  return build(m);
}

Apdu reversal(const std::string& password, std::uint32_t receipt_no) {
  Bytes d = to_bcd(std::stoull(password), 3);
  put_fixed(d, 0x87, to_bcd(receipt_no, 2));
  return {0x06, 0x30, d};
}

Apdu refund(const std::string& password, std::int64_t amount_cents) {
  Bytes d = to_bcd(std::stoull(password), 3);
  put_fixed(d, 0x04, to_bcd(static_cast<std::uint64_t>(amount_cents), 6));
  return {0x06, 0x31, d};
}

Apdu repeat_receipt(const std::string& password) { return {0x06, 0x20, to_bcd(std::stoull(password), 3)}; }
Apdu end_of_day(const std::string& password) { return {0x06, 0x50, to_bcd(std::stoull(password), 3)}; }
Apdu log_off() { return {0x06, 0x02, {}}; }
Apdu abort_command() { return {0x06, 0xB0, {}}; }
Apdu intermediate_status(std::uint8_t status, std::uint8_t timeout_s) {
  Apdu a{0x04, 0xFF, {status}};
  if (timeout_s) a.data.push_back(timeout_s);
  return a;
}
Apdu completion() { return {0x06, 0x0F, {}}; }
Apdu status_enquiry(const std::string& password) { return {0x05, 0x01, to_bcd(std::stoull(password), 3)}; }
Apdu pt_abort(std::uint8_t result_code) { return {0x06, 0x1E, {result_code}}; }
Apdu print_line(const std::string& text, std::uint8_t attribute) {
  Bytes d(1 + text.size(), attribute);
  std::copy(text.begin(), text.end(), d.begin() + 1);
  return {0x06, 0xD1, d};
}

}  // namespace kiosk::zvt
