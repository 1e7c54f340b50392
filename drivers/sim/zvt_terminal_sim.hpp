#pragma once
#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "net/tcp.hpp"
#include "zvt/channel.hpp"
#include "zvt/message.hpp"

namespace kiosk::sim {

// What the simulated customer and bank do, one entry per authorization, in turn (the last
// one repeats): approve, decline:XX (a result code in hex), slow, drop-before-result,
// drop-after-result, garbage-after-result (noise instead of the status information, then the
// line goes), duplicate-result (the status information twice), nak-storm (on a serial line, each
// frame from the ECR is refused twice with DLE NAK before it is taken), vanish-after-result (the
// money is taken, then the terminal is gone for three seconds: a reboot, a pulled cable).
struct ZvtSimOptions {
  std::string ledger_path;             // JSON lines; survives restarts like a terminal's journal
  std::vector<std::string> script{"approve"};
  std::string password = "000000";
  int step_delay_ms = 20;              // between the prompts
  std::string terminal_id = "52500123";
};

// A payment terminal speaking ZVT over TCP: registration, authorization with prompts and a
// status information, reversal by receipt number, refund, repeat receipt, end of day, abort.
// Money it takes, returns or refunds is written to the ledger before it answers.
class ZvtTerminalSim {
 public:
  explicit ZvtTerminalSim(ZvtSimOptions options);
  ~ZvtTerminalSim();
  bool listen(const std::string& host, int port, std::string* error);
  int port() const;
  void start();  // serves on its own thread
  void stop();
  void serve_forever();  // kioskctl zvt-sim: until stop() or stop_soon()
  // The serial transport: serves one line (a tty, or a pty's master side) until stopped.
  void start_serial(std::unique_ptr<zvt::Channel> line);
  void serve_line_forever(zvt::Channel& line);
  void stop_soon() { stopping_ = true; }  // safe from a signal handler

  struct LedgerEntry {
    std::string type;        // authorization, reversal, refund
    int result = 0;
    std::int64_t amount_cents = 0;
    std::uint32_t receipt = 0;
    std::uint32_t trace = 0;
    std::uint32_t original_receipt = 0;
  };
  std::vector<LedgerEntry> ledger() const;

 private:
  void serve(zvt::Channel& s);
  bool ack_wait(zvt::Channel& s, bool* aborted = nullptr);
  bool send(zvt::Channel& s, const zvt::Apdu& a);
  // False when the simulated line drops: the connection is closed.
  bool authorization(zvt::Channel& s, const zvt::Message& m);
  void reversal(zvt::Channel& s, const zvt::Message& m);
  void refund(zvt::Channel& s, const zvt::Message& m);
  zvt::Message status_for(const LedgerEntry& e) const;
  void record(const LedgerEntry& e);
  void load_ledger();
  std::string next_behaviour();

  ZvtSimOptions options_;
  std::unique_ptr<net::TcpListener> listener_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::vector<LedgerEntry> ledger_;
  std::set<std::uint32_t> reversed_;
  std::uint32_t next_receipt_ = 1;
  std::uint32_t next_trace_ = 1;
  std::size_t script_pos_ = 0;
  std::optional<zvt::Message> last_status_;
  std::atomic<std::int64_t> gone_until_ms_{0};  // vanish-after-result: connections are dropped
};

}  // namespace kiosk::sim
