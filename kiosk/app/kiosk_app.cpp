#include "kiosk_app.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <thread>

#include "fonts/face_set.hpp"
#include "fonts/font_files.hpp"
#include "fonts/font_location_cache.hpp"
#include "cache_folder.hpp"
#include "gateway_module.hpp"
#include "hal/payment_terminal.hpp"
#include "hal/receipt_printer.hpp"
#include "journal/journal.hpp"
#include "log/log.hpp"
#include "core/flow.hpp"
#include "outbox_sender.hpp"
#include "service_facts.hpp"
#include "catalog/signed_envelope.hpp"
#include "sys/small_file.hpp"
#include "sim/sim_payment.hpp"
#include "sim/sim_printer.hpp"
#include "sys/random_bytes.hpp"
#include "render/text_painter.hpp"
#include "worker.hpp"
#include "version/version.hpp"

namespace kiosk::app {

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
  if (!random_bytes(key.data(), key.size())) {
    log_warn("getrandom failed: references cannot be made safely");
    std::abort();
  }
  return key;
}

void forward_module_log(bool warn, const std::string& line) { warn ? log_warn(line) : log_info(line); }

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

  // The fonts are looked for (fontconfig, when its answer is not cached yet) while the
  // catalogs and the journal are read: on a first start each takes a dozen milliseconds.
  std::string faces_error;
  app->config_.cache_dir = cache_folder(config);
  std::thread font_lookup([&app, &faces_error, cache = app->config_.cache_dir + "/font-locations.cache"] {
    FontLookup fonts = find_fonts_cached(cache);
    if (!fonts.note.empty()) log_info("fonts: looked up again: " + fonts.note);
    app->faces_ = FaceSet::create(fonts.fonts, &faces_error);
  });
  auto catalogs = Catalogs::load(config.assets_dir + "/i18n", error);
  if (catalogs) app->catalogs_ = std::move(*catalogs);
  std::string journal_error;
  if (catalogs) app->journal_ = Journal::open(config.data_dir + "/journal.sqlite", &journal_error);
  font_lookup.join();
  if (!catalogs) return nullptr;
  if (!app->faces_) {
    if (error) *error = faces_error;
    return nullptr;
  }
  if (!app->journal_) log_warn(journal_error + ": the kiosk will not sell");
  std::vector<std::string> catalog_problems;
  app->catalog_.open(config.assets_dir, config.data_dir, &catalog_problems);
  for (const std::string& p : catalog_problems) log_warn("ALERT catalog: " + p);

  gateway::Link link;
  link.timeout_ms = config.gateway_timeout_ms;
  link.renewal_budget_ms = config.gateway_renewal_budget_ms;
  link.spki_pins = config.gateway_pins;
  link.client_cert_path = config.gateway_client_cert;
  link.client_key_path = config.gateway_client_key;
  app->worker_ = std::make_unique<Worker>();
  if (config.gateway_host.empty()) {
    gateway::ServerOptions options;
    options.data_dir = config.data_dir + "/gateway";
    options.timeout_fault_ms = config.gateway_timeout_ms + 500;
    options.stop_grace_ms = 10000;  // in-process: never leave a request running on a dead object
    KioskApp* self = app.get();
    app->worker_->run([self, options, link] {
      self->wait_for_first_frame();
      self->bring_up_embedded_gateway(options, link);
    });
  } else {
    link.host = config.gateway_host;
    link.port = config.gateway_port;
    link.ca_cert_path = config.gateway_ca;
    if (link.spki_pins.empty()) log_warn("gateway: no pin_sha256 (allow_unpinned = true): the gateway's key is not pinned");
    KioskApp* self = app.get();
    app->worker_->run([self, link] {
      self->wait_for_first_frame();
      self->bring_up_remote_gateway(link);
    });
  }

  EventQueue* queue = &app->queue_;
  app->devices_ = make_devices(config, [queue](Event e) { queue->post(std::move(e)); },
                               app->journal_ ? app->journal_->newest_provider_ref(PayMethod::card) : std::string());
  if (const char* step = std::getenv("KIOSK_CRASH_AFTER_STEP")) app->crash_after_ = parse_journal_step(step);
  KioskSettings settings = config.kiosk;
  settings.software_version = std::string(kiosk_version());
  settings.terminal_holds_payment = app->devices_.terminal_holds_payment;
  app->state_ = initial_state(settings);
  if (const auto catalog = app->catalog_.current()) {
    app->state_.catalog = brand_catalog(catalog->file);
    log_info("catalog: version " + std::to_string(catalog->file.version) + " (" +
             (catalog->installed ? "installed" : "built in") + "), valid until " + iso_date(catalog->file.valid_until));
  }
  return app;
}

void KioskApp::first_frame_shown() {
  {
    std::lock_guard lock(first_frame_.mutex);
    if (first_frame_.shown) return;
    first_frame_.shown = true;
  }
  first_frame_.shown_cv.notify_all();
  service_.ready();  // under systemd: started (Type=notify)
}

void KioskApp::wait_for_first_frame() {
  std::unique_lock lock(first_frame_.mutex);
  first_frame_.shown_cv.wait_for(lock, std::chrono::seconds(1), [this] { return first_frame_.shown; });
}

void KioskApp::bring_up_embedded_gateway(gateway::ServerOptions options, gateway::Link link) {
  std::string error;
  const gateway::ModuleApi* module = gateway_module(&error);
  if (module) {
    module->forward_log(&forward_module_log);
    check_installed_catalog();
    start_fleet(module);
    // The embedded gateway quotes from the catalog the kiosk shows.
    if (const auto catalog = catalog_.newest()) options.catalog_text = catalog->text;
    embedded_gateway_ = module->start_embedded(options, config_.kiosk.kiosk_id, &link, &error);
  }
  if (embedded_gateway_) {
    log_info("embedded gateway on https://127.0.0.1:" + std::to_string(link.port));
    client_ = module->connect(link);
  } else if (!module) {
    fail_start(error);
  } else {
    log_warn("ALERT embedded gateway: " + error + ": look-ups and renewals will fail as unreachable");
    client_ = unreachable_gateway("the embedded gateway did not start: " + error);
  }
  gateway_up_.store(true, std::memory_order_release);
}

void KioskApp::bring_up_remote_gateway(const gateway::Link& link) {
  std::string error;
  const gateway::ModuleApi* module = gateway_module(&error);
  if (module) {
    module->forward_log(&forward_module_log);
    check_installed_catalog();
    start_fleet(module);
    // The gateway binds references to the id in the certificate: a different one in the
    // configuration would have every renewal refused after the customer paid.
    const std::string id = link.client_cert_path.empty() ? config_.kiosk.kiosk_id
                                                         : module->certificate_kiosk_id(link.client_cert_path);
    if (id != config_.kiosk.kiosk_id)
      error = "the client certificate " + link.client_cert_path + " is for kiosk '" + id + "', not '" +
              config_.kiosk.kiosk_id + "'";
  }
  if (error.empty()) {
    client_ = module->connect(link);
  } else {
    fail_start(error);
  }
  gateway_up_.store(true, std::memory_order_release);
}

void KioskApp::fail_start(const std::string& why) {
  log_warn("ALERT " + why + ": the kiosk stops");
  client_ = unreachable_gateway(why);  // for the jobs already queued behind this one
  std::lock_guard lock(start_failure_mutex_);
  start_failure_ = why;
}

std::string KioskApp::start_failure() {
  std::lock_guard lock(start_failure_mutex_);
  return start_failure_;
}

TextPainter* KioskApp::painter() {
  if (!painter_) {
    std::string error;
    painter_ = TextPainter::create(faces_, &error);
    if (!painter_) log_warn("receipt: " + error);
  }
  return painter_.get();
}

KioskApp::~KioskApp() {
  service_.stopping();
  if (whole_check_.joinable()) whole_check_.join();
  if (pin_check_.joinable()) pin_check_.join();
  worker_.reset();  // finish gateway calls before the gateway goes
  outbox_.reset();
  fleet_.reset();
  if (embedded_gateway_) embedded_gateway_->stop();
}

const std::string& KioskApp::last_receipt_path() const {
  static const std::string none;
  return devices_.sim_printer ? devices_.sim_printer->last_path() : none;
}

void KioskApp::start(std::int64_t now_ms) {
  now_ms_ = now_ms;
  dispatch(ev::Started{random_reference_key(), now_ms, local_today()});
  // The technician can ask what is wrong even when the journal is.
  if (!control_) open_control_socket();
  restore_out_of_service();
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
  for (const OpenTransaction& t : state_.open)
    if (t.need == OpenTransaction::Need::technician)
      log_warn("ALERT recovery: " + t.reference + ": the journal's " + t.damaged +
               " cannot be read; nothing is asked or given back until a technician settles it");
  check_journal_against_gateway();
  // Sales go on meanwhile: the quick check at open read every page; a failure here stops them.
  if (whole_check_.joinable()) return;  // started once per run
  whole_check_ = std::thread([this, path = config_.data_dir + "/journal.sqlite"] {
    // The lowest priority: the screens and recovery come first on two cores.
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 19);
    const std::string problem = Journal::check_whole(path);
    if (!problem.empty()) {
      log_warn("ALERT journal: " + problem + ": sales stop");
      queue_.post(ev::JournalFailed{""});
    }
  });
}

void KioskApp::check_journal_against_gateway() {
  JournalCheck* check = &journal_check_;
  check->pending = true;
  // The gateway is asked off the UI thread; the journal is read on it, in finish_journal_check().
  worker_->run([this, check, own_id = state_.settings.kiosk_id] {
    std::string detail;
    auto record = client_->kiosk_record(&detail);
    // An answer about another kiosk says nothing about this journal: asked again, never compared.
    if (record && (record->kiosk_id != own_id ||
                   (!record->last_reference.empty() && !reference_of_kiosk(record->last_reference, own_id)))) {
      detail = "the answer is about kiosk '" + record->kiosk_id + "'";
      record.reset();
    }
    if (!record) log_warn("journal check: the gateway could not be asked (" + detail + "); asking again in a minute");
    std::lock_guard lock(check->mutex);
    check->answered = true;
    check->reached = record.has_value();
    if (record) check->last_reference = record->last_reference;
  });
}

CatalogVerifier KioskApp::catalog_verifier() {
  return [key_path = config_.catalog_public_key](std::string_view signed_text, std::string* error) -> std::optional<std::string> {
    if (key_path.empty()) return *error = "no [catalog] public_key is configured", std::nullopt;
    const gateway::ModuleApi* module = gateway_module(error);
    const auto key = module ? read_small_file(key_path, catalog::max_catalog_key_bytes, error) : std::nullopt;
    return key ? module->verified_catalog_text(*key, signed_text, error) : std::nullopt;
  };
}

void KioskApp::check_installed_catalog() {
  std::string problem;
  if (!catalog_.check_installed(catalog_verifier(), &problem)) log_warn("ALERT catalog: " + problem);
}

void KioskApp::apply_pending_catalog() {
  // Never under a customer's feet: the brands and prices change between sessions.
  if (!catalog_.has_pending() || customer_at_kiosk(state_) || flow::money_in_flight(state_))
    return;
  std::string refused;
  const auto next = catalog_.take_pending(&refused);
  if (!next) return;
  // The journal is the UI thread's: a refusal found on the worker is kept here.
  if (!refused.empty()) {
    note_action(journal_.get(), "kiosk", "catalog-refused", refused, "");
    fleet_notice("catalog_refused", refused);
  }
  const CatalogKeeper::Catalog catalog = *next;
  if (!catalog) {
    log_warn("ALERT catalog: none left to sell from: out of service");
    return dispatch(ev::CatalogLoaded{BrandCatalog{}});
  }
  log_info("catalog: selling from version " + std::to_string(catalog->file.version) + ", valid until " +
           iso_date(catalog->file.valid_until));
  dispatch(ev::CatalogLoaded{brand_catalog(catalog->file)});
  worker_->run([this, catalog] {
    std::string error;
    if (embedded_gateway_ && !embedded_gateway_->install_catalog(catalog->text, &error))
      log_warn("ALERT catalog: the embedded gateway refused version " + std::to_string(catalog->file.version) + ": " +
               error);
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

gateway::EmbeddedGateway* KioskApp::embedded_gateway(std::string* error) {
  if (!gateway_up_.load(std::memory_order_acquire)) return *error = "the gateway is still starting", nullptr;
  if (!embedded_gateway_) return *error = "this needs the embedded gateway", nullptr;
  return embedded_gateway_.get();
}

bool KioskApp::set_gateway_fault(const std::string& mode, const std::string& scope, std::string* error) {
  gateway::FaultMode m;
  if (!gateway::parse_fault_mode(mode, &m)) return *error = "unknown gateway fault '" + mode + "'", false;
  gateway::EmbeddedGateway* g = embedded_gateway(error);
  if (!g) return false;
  g->set_fault(m, scope);
  return true;
}

std::size_t KioskApp::outbox_pending() { return journal_ ? journal_->outbox_pending() : 0; }

bool KioskApp::pump() {
  if (journal_) journal_->finish_erasing();
  if (!outbox_ && journal_ && gateway_up_.load(std::memory_order_acquire))
    outbox_ = std::make_unique<OutboxSender>(*journal_, *client_);
  if (outbox_) outbox_->poll(recovery_asking(state_));
  finish_journal_check();
  serve_control();
  finish_service_checks();
  apply_pending_catalog();
  serve_fleet();
  bool any = false;
  do {
    while (auto e = queue_.take()) {
      dispatch(*e);
      any = true;
    }
  } while (run_service_actions());
  return any;
}

void KioskApp::tick(std::int64_t now_ms) {
  service_.alive(now_ms);  // the loop turns: systemd's watchdog is fed
  now_ms_ = now_ms;
  if (journal_check_retry_ms_ >= 0 && now_ms >= journal_check_retry_ms_) {
    journal_check_retry_ms_ = -1;
    check_journal_against_gateway();
  }
  devices_.card->poll(now_ms);
  devices_.wallet->poll(now_ms);
  const Screen before = state_.screen;
  const int left = idle_seconds_left(state_);
  const int wallet_left = wallet_seconds_left(state_);
  dispatch(ev::Ticked{now_ms, local_today()});
  // Ticks redraw only when the picture changes: a countdown or a new screen.
  const bool counting = idle_warning_visible(state_) || idle_countdown_visible(state_);
  const bool wallet_counting = state_.screen == Screen::wallet && wallet_seconds_left(state_) != wallet_left;
  if (state_.screen == before && !wallet_counting && (!counting || idle_seconds_left(state_) == left)) --revision_;
}

bool KioskApp::busy(bool including_payment) {
  bool checking = false;
  {
    std::lock_guard lock(journal_check_.mutex);
    checking = journal_check_.pending;
  }
  {
    std::lock_guard lock(service_checks_->mutex);
    checking = checking || service_checks_->pin_checking || service_checks_->pin;
  }
  // The journal's full check is not waited for: it is a watch kept in the background, and its
  // failure arrives as an event whenever it comes.
  return (journal_ && journal_->erasing_pending()) || worker_->busy() || devices_.printer->busy() ||
         (including_payment && (devices_.card->busy() || devices_.wallet->busy())) || !queue_.empty() ||
         (outbox_ && outbox_->busy()) || checking;
}

void KioskApp::dispatch(const Event& e) {
  // The technician's pages, not a customer's receipts.
  if (const auto* r = std::get_if<ev::ReceiptPrinted>(&e); r && r->reference == test_print_reference) {
    finish_test_print(r->ok);
    return;
  }
  if (const auto* r = std::get_if<ev::ReceiptPrinted>(&e); r && r->reference == day_report_reference) {
    if (r->ok) log_info("end of day: report printed");
    else log_warn("end of day: the report did not print", {{"KIOSK_DEVICE", "printer"}});
    return;
  }
  if (const auto* p = std::get_if<ev::PrinterStatusChanged>(&e)) {
    // The technician learns of the printer from the log (and, later, the fleet's status).
    const std::string name(printer_status_name(p->status));
    if (p->status == PrinterStatus::ok) log_info("printer: " + name, {{"KIOSK_DEVICE", "printer"}});
    else
      log_warn("printer: " + name + (p->status == PrinterStatus::paper_near_end ? " (replace the roll soon)" : ""),
               {{"KIOSK_DEVICE", "printer"}, {"KIOSK_ERROR_CODE", name}});
  }
  if (const auto* t = std::get_if<ev::TerminalAvailabilityChanged>(&e); t && t->available != state_.terminal_available) {
    if (t->available) log_info("card terminal: available", {{"KIOSK_DEVICE", "terminal"}});
    else log_warn("card terminal: away", {{"KIOSK_DEVICE", "terminal"}, {"KIOSK_ERROR_CODE", "terminal_away"}});
  }
  const Screen screen_before = state_.screen;
  const OutOfServiceReason why_before = out_of_service_reason(state_);
  Update u = update(std::move(state_), e);
  state_ = std::move(u.state);
  // Every later entry says which screen the customer sees; a change of service is an entry.
  if (state_.screen != screen_before) log_context("KIOSK_SCREEN", std::string(screen_name(state_.screen)));
  if (const OutOfServiceReason why = out_of_service_reason(state_); why != why_before) {
    if (why == OutOfServiceReason::none) log_info("in service again");
    else log_warn("out of service: " + std::string(out_of_service_reason_name(why)), {{"KIOSK_ERROR_CODE", out_of_service_code(why)}});
  }
  ++revision_;
  for (const Effect& effect : u.effects)
    if (!carry_out(effect)) break;
}

bool KioskApp::carry_out(const Effect& effect) {
  return std::visit([this](const auto& e) { return handle(e); }, effect);
}

}  // namespace kiosk::app
