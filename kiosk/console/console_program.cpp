#include "console_program.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "catalog/signed_envelope.hpp"
#include "fleet/fleet_command.hpp"
#include "gateway/tls_cert.hpp"
#include "log/log.hpp"
#include "sys/base64.hpp"
#include "sys/durable_file.hpp"
#include "sys/small_file.hpp"
#include "web_console.hpp"

namespace kiosk::console {

namespace {

constexpr std::size_t max_accounts_bytes = 1 << 20;
constexpr std::size_t max_sales_file_bytes = 64 << 20;

// The accounts file, read again when it changes; a damaged file keeps the accounts read last
// (and says so), so that a slip while editing locks nobody out.
class AccountsFile {
 public:
  explicit AccountsFile(std::string path) : path_(std::move(path)) {}
  bool load(std::string* error) {
    std::lock_guard lock(mutex_);
    return reload(error);
  }
  std::vector<Account> current() {
    std::lock_guard lock(mutex_);
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && (st.st_mtim.tv_sec != mtime_.tv_sec || st.st_mtim.tv_nsec != mtime_.tv_nsec ||
                                            st.st_size != size_)) {
      std::string error;
      if (!reload(&error)) log_warn("ALERT console: " + error + ": the accounts read before stay");
    }
    return accounts_;
  }

 private:
  bool reload(std::string* error) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0) return *error = path_ + ": missing", false;
    mtime_ = st.st_mtim;
    size_ = st.st_size;
    const auto text = read_small_file(path_, max_accounts_bytes, error);
    if (!text) return *error = path_ + ": " + *error, false;
    auto accounts = parse_accounts(*text, error);
    if (!accounts) return *error = path_ + ": " + *error, false;
    accounts_ = std::move(*accounts);
    return true;
  }
  std::string path_;
  std::mutex mutex_;
  timespec mtime_{};
  off_t size_ = -1;
  std::vector<Account> accounts_;
};

class Program final : public ConsoleProgram {
 public:
  explicit Program(const ConsoleConfig& config) : config_(config), accounts_(config.accounts_path), view_(config.sites) {}
  ~Program() override { stop(); }

  bool start(const std::string& page_dir, std::string* error) {
    std::error_code ec;
    std::filesystem::create_directories(config_.data_dir + "/diagnostics", ec);
    if (ec) return *error = config_.data_dir + ": " + ec.message(), false;
    if (!accounts_.load(error)) return false;
    if (accounts_.current().empty()) return *error = config_.accounts_path + ": no accounts: nobody could log in", false;
    WebOptions web;
    web.host = config_.host;
    web.port = config_.port;
    web.page_dir = page_dir;
    web.diagnostics_dir = config_.data_dir + "/diagnostics";
    web.cert_path = config_.cert_path.empty() ? config_.data_dir + "/console.crt" : config_.cert_path;
    web.key_path = config_.key_path.empty() ? config_.data_dir + "/console.key" : config_.key_path;
    if (config_.cert_path.empty() && !gateway::ensure_self_signed(web.cert_path, web.key_path, error)) return false;
    if (!config_.catalog_key_path.empty()) {
      auto key = read_small_file(config_.catalog_key_path, catalog::max_catalog_key_bytes, error);
      if (!key) return *error = config_.catalog_key_path + ": " + *error, false;
      web.catalog_key_text = std::move(*key);
    }
    if (!parts_.audit.open(config_.data_dir + "/audit.log", error)) return false;
    parts_.accounts = [this] { return accounts_.current(); };
    parts_.view = &view_;
    replay_sales();
    broker_ = BrokerClient::start(
        config_.broker, [this](const std::string& topic, const std::string& payload) { received(topic, payload); }, error);
    if (!broker_) return false;
    parts_.broker = broker_.get();
    web_ = WebConsole::start(web, parts_, error);
    if (!web_) return false;
    cert_path_ = web.cert_path;
    return true;
  }

  int port() const override { return web_ ? web_->port() : -1; }
  std::string cert_path() const override { return cert_path_; }
  void stop() override {
    if (web_) web_->stop();
    broker_.reset();  // its thread is gone before the view is
  }

 private:
  std::string sales_path(std::time_t now) const { return config_.data_dir + "/sales-" + fleet::local_day(now) + ".jsonl"; }

  // Today's sales as written down before a restart: counted again, each once.
  void replay_sales() {
    const std::time_t now = std::time(nullptr);
    std::string error;
    std::error_code ec;
    if (!std::filesystem::exists(sales_path(now), ec)) return;  // nothing sold yet today
    const auto text = read_small_file(sales_path(now), max_sales_file_bytes, &error);
    if (!text) return log_warn("ALERT console: " + sales_path(now) + ": " + error + ": today's sales start from nothing");
    std::size_t at = 0, lines = 0, damaged = 0;
    while (at < text->size()) {
      const std::size_t end = std::min(text->find('\n', at), text->size());
      const std::string line = text->substr(at, end - at);
      at = end + 1;
      const std::size_t tab = line.find('\t');
      std::string why;
      if (tab == std::string::npos ||
          view_.on_message(line.substr(0, tab), line.substr(tab + 1), now, &why) == FleetView::Taken::refused)
        ++damaged;
      ++lines;
    }
    log_info("console: " + std::to_string(lines) + " sales of today read back");
    if (damaged) log_warn("ALERT console: " + sales_path(now) + ": " + std::to_string(damaged) + " lines could not be read");
  }

  // On the broker's thread.
  void received(const std::string& topic, const std::string& payload) {
    const std::time_t now = std::time(nullptr);
    if (topic.size() > 12 && topic.compare(topic.size() - 12, 12, "/diagnostics") == 0) return keep_bundle(topic, payload);
    std::string why;
    std::lock_guard lock(parts_.view_mutex);
    const FleetView::Taken taken = view_.on_message(topic, payload, now, &why);
    if (taken == FleetView::Taken::refused) return log_warn("console: " + topic.substr(0, 100) + ": " + why);
    if (taken == FleetView::Taken::new_sale) {
      std::ofstream out(sales_path(now), std::ios::app);
      out << topic << '\t' << payload << '\n';
      if (!out.flush()) log_warn("ALERT console: " + sales_path(now) + " cannot be written: today's sales die with a restart");
    }
  }

  // kiosk/<id>/diagnostics: the bundle of a diagnostics command this console sent to that kiosk.
  void keep_bundle(const std::string& topic, const std::string& payload) {
    const std::string kiosk = topic.substr(6, topic.size() - 6 - 12);
    const auto message = nlohmann::json::parse(payload, nullptr, false);
    if (!message.is_object() || !message.contains("id") || !message["id"].is_string() ||
        !message.contains("bundle_base64") || !message["bundle_base64"].is_string())
      return log_warn("console: " + topic.substr(0, 100) + ": not a diagnostics message");
    const std::string id = message["id"];
    std::optional<CommandRecord> command;
    {
      std::lock_guard lock(parts_.view_mutex);
      command = view_.sent_command(kiosk, id);
    }
    if (!command || command->command != "diagnostics")
      return log_warn("console: " + topic.substr(0, 100) + ": diagnostics nobody asked for");
    const auto bundle = base64_decode(message["bundle_base64"].get<std::string>());
    std::string error;
    if (!bundle || !write_file_durably(diagnostics_file(config_.data_dir + "/diagnostics", id), *bundle, 0600, &error))
      return log_warn("console: diagnostics of " + kiosk + " not kept: " + (bundle ? error : "not base64"));
    log_info("console: diagnostics of " + kiosk + " kept (" + std::to_string(bundle->size()) + " bytes)");
  }

  const ConsoleConfig config_;
  AccountsFile accounts_;
  FleetView view_;
  ConsoleParts parts_;
  std::unique_ptr<BrokerClient> broker_;
  std::unique_ptr<WebConsole> web_;
  std::string cert_path_;
};

}  // namespace

std::unique_ptr<ConsoleProgram> ConsoleProgram::start(const ConsoleConfig& config, const std::string& page_dir,
                                                      std::string* error) {
  auto program = std::make_unique<Program>(config);
  if (!program->start(page_dir, error)) return nullptr;
  return program;
}

}  // namespace kiosk::console
