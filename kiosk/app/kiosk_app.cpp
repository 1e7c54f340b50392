#include "kiosk_app.hpp"

#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sys/random.h>

#include "fonts/font_files.hpp"
#include "gateway/client.hpp"
#include "gateway/client_ca.hpp"
#include "gateway/server.hpp"
#include "gateway/tls_pin.hpp"
#include "journal/journal.hpp"
#include "log.hpp"
#include "outbox_sender.hpp"
#include "receipt_layout.hpp"
#include "sim/sim_payment.hpp"
#include "escpos/escpos_printer.hpp"
#include "escpos/stream_link.hpp"
#include "escpos/usb_link.hpp"
#include "sim/sim_printer.hpp"
#include "text_painter.hpp"
#include "worker.hpp"
#include "zvt/zvt_terminal.hpp"

namespace kiosk::app {

CivilDate local_today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

std::string local_timestamp(Lang lang) {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char hm[8];
  std::strftime(hm, sizeof hm, "%H:%M", &tm);
  return format_date(CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, lang) + " " + hm;
}

namespace {

// The secret behind this start's references, from the kernel's CSPRNG.
ReferenceKey random_reference_key() {
  ReferenceKey key{};
  std::size_t got = 0;
  while (got < key.size()) {
    const ssize_t n = getrandom(key.data() + got, key.size() - got, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      log_warn("getrandom failed: references cannot be made safely");
      std::abort();
    }
    got += static_cast<std::size_t>(n);
  }
  return key;
}

// How the real driver reaches its printer.
escpos::EscPosPrinterOptions printer_options(const Config& c, const escpos::PrinterModel& model) {
  escpos::EscPosPrinterOptions o;
  o.model = model;
  if (c.printer_kind == "usb") {
    std::vector<escpos::VidPid> ids;
    for (const std::string& text : c.printer_usb_ids) {
      escpos::VidPid id;
      if (escpos::parse_vid_pid(text, &id)) ids.push_back(id);
      else log_warn("printer: ignoring usb id '" + text + "'");
    }
    if (ids.empty()) ids = escpos::default_printer_ids();
    o.connect = [ids](std::string* error) -> std::unique_ptr<escpos::Link> {
      auto endpoints = escpos::open_usb_printer(ids, error);
      if (!endpoints) return nullptr;
      return std::make_unique<escpos::UsbLink>(std::move(endpoints));
    };
  } else if (c.printer_kind == "tcp") {
    o.connect = [host = c.printer_host, port = c.printer_port](std::string* error) {
      return escpos::open_tcp_printer(host, port, 2000, error);
    };
  } else {
    o.connect = [path = c.printer_path](std::string* error) { return escpos::open_file_printer(path, error); };
  }
  return o;
}

std::string sms_text(const Catalog& t, const ReceiptData& r) {
  if (r.kind == ReceiptData::Kind::refund)
    return t.format("sms.refund", {{"amount", format_money(r.amount, r.lang)}, {"reference", r.reference}});
  if (r.kind == ReceiptData::Kind::not_charged) return t.format("sms.not_charged", {{"reference", r.reference}});
  return t.format("sms.confirmation", {{"brand", std::string(brand_name(r.brand))},
                                       {"plan", r.plan_name},
                                       {"date", format_date(r.valid_until, r.lang)},
                                       {"reference", r.reference},
                                       {"code", r.reprint_code}});
}

}  // namespace

std::unique_ptr<KioskApp> KioskApp::create(const Config& config, std::string* error) {
  namespace fs = std::filesystem;
  std::unique_ptr<KioskApp> app(new KioskApp());
  app->config_ = config;
  std::error_code ec;
  fs::create_directories(config.data_dir, ec);
  if (ec) {
    if (error) *error = "cannot create the data folder " + config.data_dir + ": " + ec.message();
    return nullptr;
  }
  log_open(config.data_dir + "/kiosk.log");

  auto catalogs = Catalogs::load(config.assets_dir + "/i18n", error);
  if (!catalogs) return nullptr;
  app->catalogs_ = std::move(*catalogs);

  app->painter_ = TextPainter::create(find_fonts(), error);
  if (!app->painter_) return nullptr;

  std::string journal_error;
  app->journal_ = Journal::open(config.data_dir + "/journal.sqlite", &journal_error);
  if (!app->journal_) log_warn(journal_error + ": the kiosk will not sell");

  gateway::Link link;
  link.timeout_ms = config.gateway_timeout_ms;
  link.renewal_budget_ms = config.gateway_renewal_budget_ms;
  link.spki_pins = config.gateway_pins;
  link.client_cert_path = config.gateway_client_cert;
  link.client_key_path = config.gateway_client_key;
  if (config.gateway_host.empty()) {
    gateway::ServerOptions options;
    options.data_dir = config.data_dir + "/gateway";
    options.timeout_fault_ms = config.gateway_timeout_ms + 500;
    options.stop_grace_ms = 10000;  // in-process: never leave a request running on a dead object
    app->embedded_gateway_ = gateway::Server::start(options, error);
    if (!app->embedded_gateway_) return nullptr;
    link.port = app->embedded_gateway_->port();
    link.ca_cert_path = app->embedded_gateway_->cert_path();
    // Pinned and authenticated as a remote gateway would be, so that those paths run in every
    // demo and test: the kiosk issues itself a certificate from the embedded gateway's CA.
    const std::string pin = gateway::spki_pin_of_file(link.ca_cert_path, error);
    if (pin.empty()) return nullptr;
    link.spki_pins = {pin};
    const std::string own = options.data_dir + "/kiosk-client";
    if (gateway::certificate_kiosk_id(own + "/kiosk.crt") != config.kiosk.kiosk_id &&
        !gateway::issue_client_certificate(options.data_dir, gateway::Role::kiosk, config.kiosk.kiosk_id, own, error))
      return nullptr;
    link.client_cert_path = own + "/kiosk.crt";
    link.client_key_path = own + "/kiosk.key";
    log_info("embedded gateway on https://127.0.0.1:" + std::to_string(link.port));
  } else {
    link.host = config.gateway_host;
    link.port = config.gateway_port;
    link.ca_cert_path = config.gateway_ca;
    if (link.spki_pins.empty()) log_warn("gateway: no pin_sha256 (allow_unpinned = true): the gateway's key is not pinned");
    // The gateway binds references to the id in the certificate: a different one in the
    // configuration would have every renewal refused after the customer paid.
    if (!link.client_cert_path.empty()) {
      const std::string id = gateway::certificate_kiosk_id(link.client_cert_path);
      if (id != config.kiosk.kiosk_id) {
        if (error)
          *error = "the client certificate " + link.client_cert_path + " is for kiosk '" + id + "', not '" +
                   config.kiosk.kiosk_id + "'";
        return nullptr;
      }
    }
  }
  app->client_ = std::make_unique<gateway::Client>(link);
  app->worker_ = std::make_unique<Worker>();
  if (app->journal_) app->outbox_ = std::make_unique<OutboxSender>(*app->journal_, *app->client_);

  EventQueue* queue = &app->queue_;
  const auto sink = [queue](Event e) { queue->post(std::move(e)); };
  if (config.terminal_kind == "zvt") {
    zvt::ZvtOptions z;
    z.host = config.terminal_host;
    z.port = config.terminal_port;
    z.password = config.terminal_password;
    z.serial_path = config.terminal_serial;
    z.serial.baud = config.terminal_baud;
    z.end_of_day_minute = config.terminal_end_of_day_minute;
    z.hold_until_delivered = config.terminal_hold_until_delivered;
    if (app->journal_) z.newest_known_receipt = app->journal_->newest_receipt_no();
    app->card_ = std::make_unique<zvt::ZvtTerminal>(sink, z);
  } else {
    auto card = std::make_unique<sim::SimPayment>(sim::SimPayment::Kind::card, sink, config.devices_automatic);
    app->sim_card_ = card.get();
    app->card_ = std::move(card);
  }
  app->wallet_ = std::make_unique<sim::SimPayment>(sim::SimPayment::Kind::wallet, sink, config.devices_automatic);
  escpos::PrinterModel model;
  model.width_dots = config.printer_width_dots;
  model.native_qr = config.printer_native_qr;
  if (config.printer_kind == "sim") {
    auto printer = std::make_unique<sim::SimPrinter>(sink, config.data_dir + "/receipts", model);
    app->sim_printer_ = printer.get();
    app->printer_ = std::move(printer);
  } else {
    app->printer_ = std::make_unique<escpos::EscPosPrinter>(sink, printer_options(config, model));
  }
  if (const char* step = std::getenv("KIOSK_CRASH_AFTER_STEP")) app->crash_after_ = parse_journal_step(step);
  KioskSettings settings = config.kiosk;
  settings.terminal_holds_payment = config.terminal_kind == "zvt" && config.terminal_hold_until_delivered;
  app->state_ = initial_state(settings);
  return app;
}

KioskApp::~KioskApp() {
  worker_.reset();  // finish gateway calls before the gateway goes
  outbox_.reset();
  if (embedded_gateway_) embedded_gateway_->stop();
}

const std::string& KioskApp::last_receipt_path() const {
  static const std::string none;
  return sim_printer_ ? sim_printer_->last_path() : none;
}

void KioskApp::start(std::int64_t now_ms) {
  now_ms_ = now_ms;
  dispatch(ev::Started{random_reference_key(), now_ms, local_today()});
  if (!journal_) {
    dispatch(ev::JournalFailed{""});
    return;
  }
  // Before the first customer: whatever an earlier run left unsettled.
  ev::JournalReadBack read;
  for (const JournaledTransaction& t : journal_->open_transactions()) {
    JournalRecord r{t.reference, {}, t.fields, t.number};
    for (const std::string& name : t.steps)
      if (auto step = parse_journal_step(name)) r.steps.push_back(*step);
    read.open.push_back(std::move(r));
  }
  if (!read.open.empty()) log_info("recovery: " + std::to_string(read.open.size()) + " unsettled transaction(s)");
  dispatch(read);
  check_journal_against_gateway();
}

void KioskApp::check_journal_against_gateway() {
  gateway::Client* client = client_.get();
  JournalCheck* check = &journal_check_;
  check->pending = true;
  // The gateway is asked off the UI thread; the journal is read on it, in finish_journal_check().
  worker_->run([client, check] {
    std::string detail;
    const auto record = client->kiosk_record(&detail);
    if (!record) log_warn("journal check: the gateway could not be asked (" + detail + "); asking again in a minute");
    std::lock_guard lock(check->mutex);
    check->answered = true;
    check->reached = record.has_value();
    if (record) check->last_reference = record->last_reference;
  });
}

void KioskApp::finish_journal_check() {
  std::string last;
  {
    std::lock_guard lock(journal_check_.mutex);
    if (!journal_check_.answered) return;
    journal_check_.answered = false;
    journal_check_.pending = false;
    if (!journal_check_.reached) {
      journal_check_retry_ms_ = now_ms_ + 60000;
      return;
    }
    last = journal_check_.last_reference;
  }
  if (last.empty() || !journal_ || journal_->knows(last)) return;
  log_warn("ALERT journal: the gateway holds " + last +
           " from this kiosk, which the journal does not know: the journal was replaced or lost; sales stop");
  dispatch(ev::JournalFailed{""});
}

bool KioskApp::set_gateway_fault(const std::string& mode, const std::string& scope, std::string* error) {
  gateway::FaultMode m;
  if (!gateway::parse_fault_mode(mode, &m)) return *error = "unknown gateway fault '" + mode + "'", false;
  if (!embedded_gateway_) return *error = "gateway faults need the embedded gateway", false;
  embedded_gateway_->set_fault(m, scope);
  return true;
}

std::size_t KioskApp::outbox_pending() { return journal_ ? journal_->outbox_pending() : 0; }

bool KioskApp::pump() {
  if (outbox_) outbox_->poll();
  finish_journal_check();
  bool any = false;
  while (auto e = queue_.take()) {
    dispatch(*e);
    any = true;
  }
  return any;
}

void KioskApp::tick(std::int64_t now_ms) {
  now_ms_ = now_ms;
  if (journal_check_retry_ms_ >= 0 && now_ms >= journal_check_retry_ms_) {
    journal_check_retry_ms_ = -1;
    check_journal_against_gateway();
  }
  card_->poll(now_ms);
  wallet_->poll(now_ms);
  const Screen before = state_.screen;
  const int left = idle_seconds_left(state_);
  dispatch(ev::Ticked{now_ms, local_today()});
  // Ticks redraw only when the picture changes: a countdown or a new screen.
  if (state_.screen == before && (!idle_warning_visible(state_) || idle_seconds_left(state_) == left)) --revision_;
}

bool KioskApp::busy(bool including_payment) {
  bool checking = false;
  {
    std::lock_guard lock(journal_check_.mutex);
    checking = journal_check_.pending;
  }
  return worker_->busy() || printer_->busy() || (including_payment && card_->busy()) || !queue_.empty() ||
         (outbox_ && outbox_->busy()) || checking;
}

void KioskApp::dispatch(const Event& e) {
  if (const auto* p = std::get_if<ev::PrinterStatusChanged>(&e)) {
    // The technician learns of the printer from the log (and, later, the fleet's status).
    const std::string line = "printer: " + std::string(printer_status_name(p->status));
    if (p->status == PrinterStatus::ok) log_info(line);
    else log_warn(line + (p->status == PrinterStatus::paper_near_end ? " (replace the roll soon)" : ""));
  }
  Update u = update(std::move(state_), e);
  state_ = std::move(u.state);
  ++revision_;
  for (const Effect& effect : u.effects)
    if (!carry_out(effect)) break;
}

void KioskApp::print_receipt(const ReceiptData& data) {
  printer_->print(data.reference, layout_receipt(data, catalogs_[data.lang], *painter_, printer_->width_dots()));
}

hal::PaymentTerminal& KioskApp::terminal_for(PayMethod method) {
  if (method == PayMethod::card) return *card_;
  return *wallet_;
}

bool KioskApp::carry_out(const Effect& effect) {
  EventQueue* queue = &queue_;
  gateway::Client* client = client_.get();
  if (const auto* j = std::get_if<fx::RequestJournal>(&effect)) {
    std::string err = "journal unavailable";
    if (!journal_ || !journal_->append(j->entry, &err)) {
      log_warn(err + " (" + j->entry.reference + " " + std::string(journal_step_name(j->entry.step)) + ")");
      queue_.post(ev::JournalFailed{j->entry.reference});
      return false;
    }
    log_info(j->entry.reference + " " + std::string(journal_step_name(j->entry.step)));
    if (crash_after_ == j->entry.step) {
      // The crash harness: stop dead right after this step is durable, as a power cut would.
      log_warn("crash hook: SIGKILL after " + std::string(journal_step_name(j->entry.step)));
      std::raise(SIGKILL);
    }
  } else if (const auto* l = std::get_if<fx::RequestLookup>(&effect)) {
    const auto req = *l;
    log_info("lookup " + std::string(brand_id(req.brand)) + " " + mask_mobile(req.number));
    worker_->run([queue, client, req] {
      const gateway::LookupResult r = client->lookup(req.brand, req.number);
      if (r.kind == gateway::LookupResult::Kind::found) {
        queue->post(ev::SubscriberFound{r.subscriber, r.plans});
      } else {
        if (!r.detail.empty()) log_warn("lookup failed: " + r.detail);
        queue->post(ev::LookupFailed{r.kind == gateway::LookupResult::Kind::not_found ? ev::LookupError::not_found
                                                                                       : ev::LookupError::unavailable});
      }
    });
  } else if (const auto* p = std::get_if<fx::RequestPayment>(&effect)) {
    terminal_for(p->method).start_payment(p->reference, p->amount);
  } else if (const auto* a = std::get_if<fx::RequestPaymentAbort>(&effect)) {
    card_->abort_payment(a->reference);
    wallet_->abort_payment(a->reference);
  } else if (const auto* d = std::get_if<fx::RequestDelivery>(&effect)) {
    const gateway::RenewalRequest req{d->reference, d->brand, d->number, d->plan_id, d->months, d->amount};
    worker_->run([queue, client, req] {
      const gateway::RenewalResult r = client->renew(req);
      switch (r.kind) {
        case gateway::RenewalResult::Kind::delivered:
          queue->post(ev::RenewalDelivered{req.reference, r.confirmation_id, r.new_expiry});
          break;
        case gateway::RenewalResult::Kind::failed:
          log_warn("renewal " + req.reference + " refused: " + r.detail);
          queue->post(ev::RenewalFailed{req.reference, r.detail});
          break;
        case gateway::RenewalResult::Kind::unknown:
          log_warn(std::string(r.mismatch ? "ALERT " : "") + "renewal " + req.reference + " outcome unknown: " + r.detail);
          queue->post(ev::RenewalUnknown{req.reference, r.mismatch ? "answer_mismatch" : ""});
          break;
      }
    });
  } else if (const auto* h = std::get_if<fx::RequestPaymentSettle>(&effect)) {
    card_->settle(h->reference, h->delivered);
  } else if (const auto* r = std::get_if<fx::RequestReversal>(&effect)) {
    terminal_for(r->method).reverse(r->reference, r->amount, r->receipt_no);
  } else if (const auto* rc = std::get_if<fx::RequestReceipt>(&effect)) {
    ReceiptData data = rc->receipt;
    data.timestamp = local_timestamp(data.lang);
    // Kept first, so that it can be printed again even if this print fails.
    std::string err;
    if (journal_ && !journal_->save_receipt(data, &err)) log_warn(err);
    ++receipts_printed_;
    print_receipt(data);
    if (config_.printer_merchant_copy) {
      data.merchant_copy = true;
      print_receipt(data);
    }
  } else if (const auto* s = std::get_if<fx::RequestSms>(&effect)) {
    // Into the outbox, durable before the step after it (often "settled") is journaled; the
    // outbox sender hands it over, and the gateway keeps one per reference and kind.
    const std::string kind(sms_kind(s->receipt.kind));
    const nlohmann::json payload{{"reference", s->receipt.reference},
                                 {"kind", kind},
                                 {"msisdn", e164(s->number)},
                                 {"text", sms_text(catalogs_[s->receipt.lang], s->receipt)}};
    std::string err = "journal unavailable";
    if (!journal_ || !journal_->enqueue({0, s->receipt.reference + ":sms:" + kind, "sms", payload.dump(), 0, 0}, &err))
      log_warn("sms for " + s->receipt.reference + " not queued: " + err);
  } else if (const auto* lu = std::get_if<fx::RequestPaymentLookup>(&effect)) {
    log_info("recovery: asking the terminal about " + lu->reference);
    terminal_for(lu->method).look_up_payment(lu->reference, lu->amount, journal_ ? journal_->newest_receipt_no() : 0);
  } else if (const auto* rr = std::get_if<fx::RequestRenewalResolve>(&effect)) {
    const gateway::Client::Expected expected{rr->reference, rr->brand, rr->number, rr->plan_id, rr->months, rr->amount};
    log_info("recovery: asking the gateway about " + expected.reference);
    worker_->run([queue, client, expected] {
      const gateway::Client::Resolution r = client->resolve(expected);
      using K = gateway::Client::Resolution::Kind;
      if (r.mismatch) log_warn("ALERT recovery: " + expected.reference + ": " + r.detail);
      else if (r.kind == K::unknown) log_warn("recovery: gateway did not answer for " + expected.reference + ": " + r.detail);
      queue->post(ev::RenewalResolved{expected.reference,
                                      r.kind == K::delivered            ? ev::RenewalOutcome::delivered
                                      : r.kind == K::closed_undelivered ? ev::RenewalOutcome::closed_undelivered
                                                                        : ev::RenewalOutcome::unknown,
                                      r.confirmation_id, r.new_expiry, r.mismatch ? "answer_mismatch" : ""});
    });
  } else if (const auto* rp = std::get_if<fx::RequestReprint>(&effect)) {
    std::optional<ReceiptData> data = journal_ ? journal_->find_receipt(rp->code) : std::nullopt;
    const bool can_print = printer_can_print(printer_->status());
    if (data && can_print) {
      ++receipts_printed_;
      print_receipt(*data);
      log_info("reprint " + data->reference);
    }
    queue_.post(ev::ReprintFinished{data.has_value(), data.has_value() && can_print});
  } else if (std::holds_alternative<fx::RequestForgetSession>(effect)) {
    log_info("session ended; personal data dropped");
  }
  return true;
}

}  // namespace kiosk::app
