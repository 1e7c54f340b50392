#include "zvt_terminal_sim.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "zvt/tcp_transport.hpp"

namespace kiosk::sim {

namespace {
constexpr int io_timeout_ms = 5000;
constexpr std::uint8_t status_insert_card = 0x0A, status_watch_pin_pad = 0x01, status_please_wait = 0x0E,
                       status_remove_card = 0x0B;
constexpr int result_abort = 0x6C;      // abort via timeout or abort key
constexpr int result_system = 0xFF;     // system error
constexpr int result_refused_by_ecr = 0x6C;  // the ECR refused the held payment: given back
constexpr int result_already_reversed = 0xB4;
constexpr int result_reversal_not_possible = 0xB5;

void pause(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }
std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

ZvtTerminalSim::ZvtTerminalSim(ZvtSimOptions options) : options_(std::move(options)) {
  if (options_.script.empty()) options_.script = {"approve"};
  load_ledger();
}

ZvtTerminalSim::~ZvtTerminalSim() { stop(); }

bool ZvtTerminalSim::listen(const std::string& host, int port, std::string* error) {
  listener_ = net::TcpListener::listen(host, port, error);
  return listener_ != nullptr;
}

int ZvtTerminalSim::port() const { return listener_ ? listener_->port() : 0; }

void ZvtTerminalSim::start() {
  thread_ = std::thread([this] { serve_forever(); });
}

void ZvtTerminalSim::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ZvtTerminalSim::serve_forever() {
  while (!stopping_) {
    auto stream = listener_->accept(100);
    if (!stream) continue;
    if (now_ms() < gone_until_ms_) continue;  // nobody answers: the connection closes at once
    auto channel = zvt::tcp_channel(std::move(stream), "ecr");
    serve(*channel);
  }
}

void ZvtTerminalSim::start_serial(std::unique_ptr<zvt::Channel> line) {
  thread_ = std::thread([this, l = std::move(line)] { serve_line_forever(*l); });
}

void ZvtTerminalSim::serve_line_forever(zvt::Channel& line) {
  // A serial line is never "closed": after a simulated drop the terminal listens again.
  while (!stopping_) serve(line);
}

std::vector<ZvtTerminalSim::LedgerEntry> ZvtTerminalSim::ledger() const {
  std::lock_guard lock(mutex_);
  return ledger_;
}

void ZvtTerminalSim::load_ledger() {
  if (options_.ledger_path.empty()) return;
  std::ifstream in(options_.ledger_path);
  for (std::string line; std::getline(in, line);) {
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (!j.is_object()) continue;  // a line cut short by a crash: the rest still counts
    LedgerEntry e{j.value("type", ""), j.value("result", 0), j.value("amount_cents", std::int64_t{0}),
                  j.value("receipt", 0u), j.value("trace", 0u), j.value("original_receipt", 0u)};
    ledger_.push_back(e);
    next_receipt_ = std::max(next_receipt_, e.receipt + 1);
    next_trace_ = std::max(next_trace_, e.trace + 1);
    if (e.type == "reversal" && e.result == 0) reversed_.insert(e.original_receipt);
  }
  // A repeat receipt after a restart still answers with the last payment.
  for (auto it = ledger_.rbegin(); it != ledger_.rend(); ++it)
    if (it->type == "authorization") {
      last_status_ = status_for(*it);
      break;
    }
}

void ZvtTerminalSim::record(const LedgerEntry& e) {
  std::lock_guard lock(mutex_);
  ledger_.push_back(e);
  if (options_.ledger_path.empty()) return;
  const std::string line = nlohmann::json{{"type", e.type}, {"result", e.result}, {"amount_cents", e.amount_cents},
                                          {"receipt", e.receipt}, {"trace", e.trace},
                                          {"original_receipt", e.original_receipt}, {"at", std::time(nullptr)}}
                               .dump() + "\n";
  // Durable before the terminal says anything about it.
  const int fd = ::open(options_.ledger_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  if (::write(fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) std::perror("zvt-sim ledger");
  ::fsync(fd);
  ::close(fd);
}

std::string ZvtTerminalSim::next_behaviour() {
  std::lock_guard lock(mutex_);
  const std::string b = options_.script[std::min(script_pos_, options_.script.size() - 1)];
  ++script_pos_;
  return b;
}

bool ZvtTerminalSim::send(zvt::Channel& s, const zvt::Apdu& a) {
  return s.send(a, io_timeout_ms) == net::IoStatus::ok;
}

// After each message the terminal sends, the ECR answers ACK, or may ask to abort (06 B0).
bool ZvtTerminalSim::ack_wait(zvt::Channel& s, bool* aborted) {
  zvt::Apdu reply;
  if (s.receive(&reply, io_timeout_ms) != net::IoStatus::ok) return false;
  if (reply.cls == 0x06 && reply.instr == 0xB0) {
    if (aborted) *aborted = true;
    return send(s, zvt::ack());
  }
  return zvt::is_ack(reply);
}

zvt::Message ZvtTerminalSim::status_for(const LedgerEntry& e) const {
  zvt::Message m;
  m.cls = 0x04;
  m.instr = 0x0F;
  m.result_code = e.result;
  m.amount_cents = e.amount_cents;
  m.currency_code = zvt::eur;
  m.trace = e.trace;
  if (e.result == 0) {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    localtime_r(&t, &tm);
    char hms[8], md[8];
    std::strftime(hms, sizeof hms, "%H%M%S", &tm);
    std::strftime(md, sizeof md, "%m%d", &tm);
    m.time_hhmmss = hms;
    m.date_mmdd = md;
    m.receipt = e.receipt;
    m.terminal_id = options_.terminal_id;
    m.vu_number = "KIOSKSIM01";
    m.card_name = "Bancontact";
    m.card_type = 5;
    m.pan_masked = "670300******1234";
    m.expiry_yymm = "2912";
    char auth[8];
    std::snprintf(auth, sizeof auth, "%06u", (e.trace * 7919u) % 1000000u);
    m.aid = auth;
    m.payment_type = 0x60;
  }
  return m;
}

void ZvtTerminalSim::serve(zvt::Channel& s) {
  while (!stopping_) {
    zvt::Apdu a;
    const net::IoStatus st = s.receive(&a, 200);
    if (st == net::IoStatus::timeout) continue;
    if (st != net::IoStatus::ok) return;
    std::string error;
    auto m = zvt::parse(a, &error);
    if (!m) {
      send(s, zvt::nack(0x83));  // not understood
      continue;
    }
    const auto password_ok = [&] { return m->password && *m->password == options_.password; };
    if (a.cls == 0x06 && a.instr == 0x00) {
      if (!password_ok()) {
        send(s, zvt::nack(0x83));
        continue;
      }
      send(s, zvt::ack());
      if (!send(s, zvt::completion()) || !ack_wait(s)) return;
    } else if (a.cls == 0x06 && a.instr == 0x01) {
      if (!authorization(s, *m)) return;
    } else if (a.cls == 0x05 && a.instr == 0x01) {  // status enquiry: software version, status
      send(s, zvt::ack());
      zvt::Bytes d{0xF0, 0xF0, 0xF8};
      for (char c : std::string("ZVTSIM01")) d.push_back(static_cast<std::uint8_t>(c));
      d.push_back(0x00);  // ready
      if (!send(s, zvt::Apdu{0x06, 0x0F, d}) || !ack_wait(s)) return;
    } else if (a.cls == 0x06 && a.instr == 0x30) {
      reversal(s, *m);
    } else if (a.cls == 0x06 && a.instr == 0x31) {
      refund(s, *m);
    } else if (a.cls == 0x06 && a.instr == 0x20) {  // repeat receipt: the last result again
      send(s, zvt::ack());
      std::optional<zvt::Message> last;
      {
        std::lock_guard lock(mutex_);
        last = last_status_;
      }
      if (last) {
        if (!send(s, zvt::build(*last)) || !ack_wait(s)) return;
        if (!send(s, zvt::completion()) || !ack_wait(s)) return;
      } else if (!send(s, zvt::pt_abort(result_system)) || !ack_wait(s)) {
        return;
      }
    } else if (a.cls == 0x06 && a.instr == 0x50) {  // end of day: the day's totals are closed
      if (!password_ok()) {
        send(s, zvt::nack(0x83));
        continue;
      }
      send(s, zvt::ack());
      LedgerEntry e;
      e.type = "end_of_day";
      record(e);
      if (!send(s, zvt::completion()) || !ack_wait(s)) return;
    } else if (a.cls == 0x06 && (a.instr == 0x02 || a.instr == 0xB0)) {
      send(s, zvt::ack());
    } else {
      send(s, zvt::nack(0x83));
    }
  }
}

bool ZvtTerminalSim::authorization(zvt::Channel& s, const zvt::Message& m) {
  if (!m.amount_cents || *m.amount_cents <= 0) {
    send(s, zvt::nack(0x83));
    return true;
  }
  send(s, zvt::ack());
  const std::string b = next_behaviour();
  // Each frame from the ECR is refused twice before it is taken, for this whole payment.
  struct Storm {
    zvt::Channel& line;
    ~Storm() { line.set_refusals_per_frame(0); }
  } storm{s};
  if (b == "nak-storm") s.set_refusals_per_frame(2);
  const int delay = b == "slow" ? 1500 : options_.step_delay_ms;
  bool aborted = false;
  for (std::uint8_t prompt : {status_insert_card, status_watch_pin_pad, status_please_wait}) {
    pause(delay);
    if (!send(s, zvt::intermediate_status(prompt)) || !ack_wait(s, &aborted)) return false;
    if (aborted) {
      if (send(s, zvt::pt_abort(result_abort))) ack_wait(s);
      return true;
    }
  }
  if (b == "drop-before-result") return false;  // the connection goes; no money was taken
  LedgerEntry e;
  e.type = "authorization";
  e.amount_cents = *m.amount_cents;
  {
    std::lock_guard lock(mutex_);
    e.trace = next_trace_++;
    if (b.rfind("decline", 0) != 0) e.receipt = next_receipt_++;
  }
  if (b.rfind("decline", 0) == 0) {
    e.result = b.size() > 8 ? static_cast<int>(std::strtol(b.c_str() + 8, nullptr, 16)) : 0x05;
    if (e.result == 0) e.result = 0x05;
  }
  record(e);
  const zvt::Message status = status_for(e);
  {
    std::lock_guard lock(mutex_);
    last_status_ = status;
  }
  if (b == "vanish-after-result") {
    gone_until_ms_ = now_ms() + 3000;
    return false;
  }
  if (b == "garbage-after-result") {
    // Money taken, then noise instead of a status information, and the line goes.
    s.send_raw({0x06, 0x0F, 0x40, 0xDE, 0xAD, 0xBE, 0xEF}, io_timeout_ms);
    return false;
  }
  if (!send(s, zvt::build(status))) return false;
  // The ECR may hold an approved payment (84 9C: "wait, repeat the status") until it knows the
  // goods were delivered; any other refusal makes the terminal give the money back.
  for (;;) {
    zvt::Apdu reply;
    if (s.receive(&reply, io_timeout_ms) != net::IoStatus::ok) return false;
    if (zvt::is_ack(reply)) break;
    if (reply.cls == 0x84 && reply.instr == 0x9C && e.result == 0) {
      pause(100);
      if (!send(s, zvt::build(status))) return false;
      continue;
    }
    if (reply.cls == 0x84 && e.result == 0) {
      LedgerEntry back;
      back.type = "reversal";
      back.amount_cents = e.amount_cents;
      back.original_receipt = e.receipt;
      {
        std::lock_guard lock(mutex_);
        back.trace = next_trace_++;
        back.receipt = next_receipt_++;
        reversed_.insert(e.receipt);
      }
      record(back);
      return send(s, zvt::pt_abort(result_refused_by_ecr)) && ack_wait(s);
    }
    return false;
  }
  if (b == "duplicate-result" && (!send(s, zvt::build(status)) || !ack_wait(s))) return false;
  if (b == "drop-after-result") return false;  // money taken, and the line goes
  if (e.result == 0) {
    if (!send(s, zvt::intermediate_status(status_remove_card)) || !ack_wait(s)) return false;
    send(s, zvt::print_line("BANCONTACT  670300******1234"));
    if (!ack_wait(s)) return false;
    return send(s, zvt::completion()) && ack_wait(s);
  }
  return send(s, zvt::pt_abort(static_cast<std::uint8_t>(e.result))) && ack_wait(s);
}

void ZvtTerminalSim::reversal(zvt::Channel& s, const zvt::Message& m) {
  if (!m.password || *m.password != options_.password || !m.receipt) {
    send(s, zvt::nack(0x83));
    return;
  }
  send(s, zvt::ack());
  std::optional<LedgerEntry> original;
  {
    std::lock_guard lock(mutex_);
    for (const LedgerEntry& e : ledger_)
      if (e.type == "authorization" && e.result == 0 && e.receipt == *m.receipt && !reversed_.count(e.receipt))
        original = e;
    if (original) reversed_.insert(original->receipt);
  }
  if (!original) {
    // Nothing to give back, never invent a refund: B4 if it was given back already (an answer
    // lost), else B5.
    bool already = false;
    {
      std::lock_guard lock(mutex_);
      already = reversed_.count(*m.receipt) > 0;
    }
    if (send(s, zvt::pt_abort(already ? result_already_reversed : result_reversal_not_possible))) ack_wait(s);
    return;
  }
  LedgerEntry r;
  r.type = "reversal";
  r.amount_cents = original->amount_cents;
  r.original_receipt = original->receipt;
  {
    std::lock_guard lock(mutex_);
    r.trace = next_trace_++;
    r.receipt = next_receipt_++;
  }
  record(r);
  zvt::Message status = status_for(r);
  if (!send(s, zvt::build(status)) || !ack_wait(s)) return;
  if (send(s, zvt::completion())) ack_wait(s);
}

void ZvtTerminalSim::refund(zvt::Channel& s, const zvt::Message& m) {
  if (!m.password || *m.password != options_.password || !m.amount_cents) {
    send(s, zvt::nack(0x83));
    return;
  }
  send(s, zvt::ack());
  LedgerEntry r;
  r.type = "refund";
  r.amount_cents = *m.amount_cents;
  {
    std::lock_guard lock(mutex_);
    r.trace = next_trace_++;
    r.receipt = next_receipt_++;
  }
  record(r);
  if (!send(s, zvt::build(status_for(r))) || !ack_wait(s)) return;
  if (send(s, zvt::completion())) ack_wait(s);
}

}  // namespace kiosk::sim
