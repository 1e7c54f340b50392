#pragma once
#include <atomic>
#include <chrono>
#include <map>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "clock/local_date.hpp"
#include <nlohmann/json_fwd.hpp>

#include "catalog_keeper.hpp"
#include "config.hpp"
#include "fleet/fleet_command.hpp"
#include "fleet/fleet_link.hpp"
#include "control_socket.hpp"
#include "devices.hpp"
#include "core/session.hpp"
#include "event_queue.hpp"
#include "i18n/catalog.hpp"
#include "sys/service_notify.hpp"

namespace kiosk {
class FaceSet;
}  // namespace kiosk

namespace kiosk {
class Journal;
class TextPainter;
namespace gateway {
class EmbeddedGateway;
struct ModuleApi;
class Service;
struct Link;
struct ServerOptions;
}  // namespace gateway
}  // namespace kiosk

namespace kiosk::app {

class OutboxSender;
class Worker;

// The kiosk without its screen: state, journal, devices, gateway. It takes events, runs the
// core, and carries out the effects in order (journal first, then the step it announces).
class KioskApp {
 public:
  static std::unique_ptr<KioskApp> create(const Config& config, std::string* error);
  ~KioskApp();

  void start(std::int64_t now_ms);
  // The first screen is out (shown, or saved by a script): the gateway link comes up after it,
  // so that loading TLS and starting the embedded gateway do not slow that frame down on two
  // cores. Without this call it comes up a second after create() anyway.
  void first_frame_shown();
  // What makes this kiosk unfit to run, found while it started off the UI thread (the gateway
  // module missing, a client certificate for another kiosk): the program stops with it before
  // any customer pays. Empty while there is none.
  std::string start_failure();
  // Processes every queued event; true if any was processed.
  bool pump();
  // Time passes: devices' timers run, and the core gets a tick.
  void tick(std::int64_t now_ms);
  // Something is still on its way: queued events, a gateway call, a print job, and (when asked)
  // a payment on a real terminal, which can take as long as the customer does.
  bool busy(bool including_payment = false);

  const State& state() const { return state_; }
  const Catalogs& catalogs() const { return catalogs_; }
  const Config& config() const { return config_; }
  EventQueue& queue() { return queue_; }
  // The simulated card terminal, or nullptr when a real one (ZVT) is configured.
  sim::SimPayment* sim_card() { return devices_.sim_card; }
  sim::SimPayment* sim_wallet() { return devices_.sim_wallet; }
  // The simulated printer, or nullptr when a real one is configured.
  sim::SimPrinter* sim_printer() { return devices_.sim_printer; }
  // A fault in the embedded gateway (scripts and demos); an external gateway has none to set.
  bool set_gateway_fault(const std::string& mode, const std::string& scope, std::string* error);
  // The embedded gateway, once it is up (scripts: simulated time, SMS replies, what it keeps).
  gateway::EmbeddedGateway* embedded_gateway(std::string* error);
  Journal& journal() { return *journal_; }
  // SMS and reports not yet handed to the gateway.
  std::size_t outbox_pending();
  int receipts_printed() const { return receipts_printed_; }
  const std::string& last_receipt_path() const;
  // A technician asked for a restart (kioskctl restart): the main loop ends cleanly and systemd
  // starts the kiosk again.
  bool restart_requested() const { return restart_requested_; }
  // Bumped whenever something the screen shows may have changed.
  unsigned revision() const { return revision_; }

  // The screens' and receipts' faces (shared: both draw on the UI thread), of the fonts found
  // at start (from the font location cache if it holds).
  const std::shared_ptr<FaceSet>& faces() const { return faces_; }

 private:
  KioskApp() = default;
  void dispatch(const Event& e);
  bool carry_out(const Effect& effect);  // false: stop the batch (the journal failed)
  // One handler per effect, in effects_*.cpp by concern. carry_out() visits the Effect variant
  // with these, so an effect without a handler does not compile.
  bool handle(const fx::RequestJournal& effect);
  bool handle(const fx::RequestForgetSession& effect);
  bool handle(const fx::RequestLookup& effect);
  bool handle(const fx::RequestDelivery& effect);
  bool handle(const fx::RequestRenewalResolve& effect);
  bool handle(const fx::RequestPayment& effect);
  bool handle(const fx::RequestPaymentAbort& effect);
  bool handle(const fx::RequestPaymentSettle& effect);
  bool handle(const fx::RequestReversal& effect);
  bool handle(const fx::RequestPaymentLookup& effect);
  bool handle(const fx::RequestReceipt& effect);
  bool handle(const fx::RequestSms& effect);
  bool handle(const fx::RequestReminder& effect);
  bool handle(const fx::RequestReprint& effect);
  bool handle(const fx::RequestService& effect);
  hal::PaymentTerminal& terminal_for(PayMethod method);
  void print_receipt(const ReceiptData& data);  // laid out in its language, for this printer
  // The receipt's fonts, opened at the first receipt rather than at start; null if they cannot be.
  TextPainter* painter();
  // Worker thread, the worker's first job: opens the gateway module (gateway/module.hpp), starts
  // the embedded gateway (or checks the certificate for a remote one) and makes the client, so
  // that neither TLS's libraries nor a new gateway's keys come before the first screen. Jobs
  // queued after it find client_ set; without a working link every call fails as "unreachable"
  // (and the log says why).
  void bring_up_embedded_gateway(gateway::ServerOptions options, gateway::Link link);
  void bring_up_remote_gateway(const gateway::Link& link);
  void wait_for_first_frame();  // worker thread: until first_frame_shown(), a second at most
  void fail_start(const std::string& why);  // worker thread, during the bring-up
  // Whether the gateway has seen a reference from this kiosk that the journal does not hold
  // (the journal was replaced or lost): asked at start off the UI thread, and every minute
  // until the gateway answers; the answer is compared with the journal on the UI thread, by
  // pump().
  void check_journal_against_gateway();
  void finish_journal_check();
  struct JournalCheck {
    std::mutex mutex;
    bool pending = false;   // asked, answer not compared yet (mutex)
    bool answered = false;  // (mutex)
    bool reached = false;   // the gateway answered (mutex)
    std::string last_reference;
  };

  Config config_;
  State state_;
  Catalogs catalogs_;
  EventQueue queue_;
  std::unique_ptr<Journal> journal_;
  // Both set on the worker thread before gateway_up_; read by worker jobs, or after gateway_up_.
  std::unique_ptr<gateway::EmbeddedGateway> embedded_gateway_;
  std::unique_ptr<gateway::Service> client_;
  std::atomic<bool> gateway_up_{false};
  struct FirstFrame {
    std::mutex mutex;
    std::condition_variable shown_cv;
    bool shown = false;  // (mutex)
  };
  FirstFrame first_frame_;
  ServiceNotify service_;  // systemd's notifications, when it started the kiosk
  std::mutex start_failure_mutex_;
  std::string start_failure_;  // (start_failure_mutex_)
  Devices devices_;
  std::unique_ptr<TextPainter> painter_;
  std::shared_ptr<FaceSet> faces_;
  std::unique_ptr<Worker> worker_;
  std::unique_ptr<OutboxSender> outbox_;
  JournalCheck journal_check_;
  std::int64_t journal_check_retry_ms_ = -1;  // when to ask again (UI thread)
  // control_commands.cpp: the technician's socket (kioskctl status, test-print, end-of-day,
  // out-of-service), each request answered on the UI thread; a print and a closing answer when
  // their device has reported.
  void open_control_socket();
  void serve_control();
  void on_control(ControlSocket::Request&& request);
  std::string control_status();
  nlohmann::json kiosk_facts();  // what the control socket's status and the fleet's state share
  void install_catalog(ControlSocket::Request&& request, const nlohmann::json& j);
  void start_test_print(ControlSocket::Request&& request);
  void finish_test_print(bool ok);
  void start_day_closing(ControlSocket::Request&& request);
  void finish_day_closing(bool ok, Cents terminal_total);
  void start_terminal_check(ControlSocket::Request&& request);
  void finish_terminal_check();
  bool print_day_report(const nlohmann::json& closing);  // false: the printer cannot
  // The technician's printed pages speak the service mode's language (the kiosk's, out of it).
  Lang technician_lang() const;
  void set_out_of_service(ControlSocket::Request&& request, bool out, const std::string& reason);
  void restore_out_of_service();
  // diagnostics.cpp: the bundle (tar.gz) and its file name.
  std::string diagnostics_bundle(std::string* name);
  // The reference a test print goes by: no transaction has it (theirs carry the kiosk id).
  static constexpr const char* test_print_reference = "TEST-PRINT";
  static constexpr const char* day_report_reference = "END-OF-DAY";
  std::unique_ptr<ControlSocket> control_;
  bool restart_requested_ = false;
  std::optional<ControlSocket::Request> pending_print_, pending_closing_, pending_check_;
  // What the terminal's thread reports for the technician (mutex). Shared with the callbacks,
  // which may outlive this object's other members until the devices stop.
  struct TerminalReports {
    std::mutex mutex;
    std::optional<std::pair<bool, Cents>> result;  // the day's closing
    bool checked = false;                          // a status enquiry answered
  };
  std::shared_ptr<TerminalReports> terminal_reports_ = std::make_shared<TerminalReports>();
  // effects_service.cpp: the technician's service mode on the screen. A PIN is checked on a
  // thread of its own and the gateway asked on the worker; the UI thread picks up both answers
  // (finish_service_checks(), from pump(), which also runs the actions asked for).
  void check_service_pin(const std::string& pin);
  void run_service_action(const svc::RunAction& run);
  void probe_gateway();
  ServiceStatus gather_service_status();
  void finish_service_checks();
  bool run_service_actions();  // true if there were any
  // The diagnostics bundle onto a USB stick when one is mounted (Config::service_export_dirs),
  // else into the data folder; the file's path, or "" with `error` set.
  std::string export_diagnostics(std::string* error);
  struct ServiceChecks {
    std::mutex mutex;
    struct Pin {
      bool right = false;
      std::string error;  // the check could not be made
    };
    std::optional<Pin> pin;     // (mutex)
    bool pin_checking = false;  // (mutex)
    bool probing = false, probed = false, gateway_answered = false;  // (mutex)
    int gateway_latency_ms = -1;                                     // (mutex)
    std::time_t gateway_answered_at = 0;                             // (mutex)
  };
  std::shared_ptr<ServiceChecks> service_checks_ = std::make_shared<ServiceChecks>();
  std::vector<svc::RunAction> service_actions_;  // asked by the core, run after its batch
  std::thread pin_check_;
  // The operators' catalog (catalog_keeper.hpp): its installed file's signature checked on the
  // worker once the module is open, and a newer one sold from once nobody is at the kiosk.
  CatalogKeeper catalog_;
  // The fleet link (fleet_reporter.cpp), when [fleet] is configured: made on the worker once the
  // module is open; the UI thread uses it once fleet_ready_ says so.
  void start_fleet(const gateway::ModuleApi* module);
  void serve_fleet();
  std::string fleet_state();
  void fleet_command(const std::string& payload);
  void run_fleet_command(fleet::FleetCommand command);
  std::vector<fleet::FleetCommand> fleet_waiting_;  // restarts waiting for the session to end
  void fleet_result(const std::string& id, const std::string& answer);
  void fleet_sale_step(const JournalEntry& entry);
  void fleet_notice(const std::string& kind, const std::string& detail);  // an event of another kind
  std::unique_ptr<fleet::FleetLink> fleet_;
  std::atomic<bool> fleet_ready_{false};
  struct FleetResults {
    std::mutex mutex;
    std::vector<std::pair<std::string, std::string>> answers;  // (command id, answer)
  };
  std::shared_ptr<FleetResults> fleet_results_ = std::make_shared<FleetResults>();
  struct FleetSale {
    std::string brand, plan, amount_cents, method, outcome;
  };
  std::map<std::string, FleetSale> fleet_sales_;
  std::map<std::string, std::time_t> fleet_unsettled_since_;  // by reference: when the journal began it
  std::string fleet_state_sent_, fleet_last_sale_at_;
  std::chrono::steady_clock::time_point fleet_state_sent_at_{}, fleet_state_looked_{};
  CatalogVerifier catalog_verifier();
  void check_installed_catalog();  // worker thread, during the bring-up
  void apply_pending_catalog();    // UI thread, from pump()
  // The journal's full integrity check, on a thread of its own after the start: a second on a
  // large journal, which neither the first screen nor the gateway worker should wait for.
  std::thread whole_check_;
  std::int64_t now_ms_ = 0;
  int receipts_printed_ = 0;
  std::optional<JournalStep> crash_after_;  // KIOSK_CRASH_AFTER_STEP, for the crash harness
  unsigned revision_ = 0;
};

std::string local_timestamp(Lang lang);

}  // namespace kiosk::app
