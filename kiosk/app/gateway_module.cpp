#include "gateway_module.hpp"

#include <dlfcn.h>

#include <filesystem>
#include <mutex>

#include "install_layout.hpp"

namespace kiosk::app {

namespace {

struct Opened {
  const gateway::ModuleApi* api = nullptr;
  std::string error;
};

Opened open_module() {
  namespace fs = std::filesystem;
  const fs::path here = program_dir();
  if (here.empty()) return {nullptr, "cannot find the program's folder (/proc/self/exe)"};
  std::string tried;
  std::error_code ec;
  for (const fs::path& candidate : {here / gateway::module_file,
                                    here.parent_path() / "lib" / "kiosk" / gateway::module_file}) {
    if (!fs::exists(candidate, ec)) {
      tried += (tried.empty() ? "" : ", ") + candidate.string();
      continue;
    }
    // Never closed: its threads and OpenSSL's handlers live as long as the process.
    void* handle = dlopen(candidate.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!handle) return {nullptr, std::string("cannot open the gateway module: ") + dlerror()};
    using Entry = const gateway::ModuleApi* (*)();
    const auto entry = reinterpret_cast<Entry>(dlsym(handle, gateway::module_entry));
    const gateway::ModuleApi* api = entry ? entry() : nullptr;
    if (!api || api->abi != gateway::module_abi || api->link_size != sizeof(gateway::Link) ||
        api->options_size != sizeof(gateway::ServerOptions))
      return {nullptr, "the gateway module " + candidate.string() + " is from another build of the kiosk"};
    return {api, ""};
  }
  return {nullptr, "the gateway module is missing (looked for " + tried + ")"};
}

class Unreachable final : public gateway::Service {
 public:
  explicit Unreachable(std::string reason) : reason_(std::move(reason)) {}

  gateway::LookupResult lookup(Brand, const MobileNumber&) override {
    gateway::LookupResult r;
    r.kind = gateway::LookupResult::Kind::unavailable;
    r.detail = reason_;
    return r;
  }
  gateway::LookupResult lookup_customer(Brand brand, const std::string&) override { return lookup(brand, {}); }
  // Nothing was sent, so nothing can have been delivered.
  gateway::RenewalResult renew(const gateway::RenewalRequest&) override {
    gateway::RenewalResult r;
    r.kind = gateway::RenewalResult::Kind::failed;
    r.detail = reason_;
    return r;
  }
  // Not asked: what happened to the reference stays unknown.
  Resolution resolve(const Expected&) override {
    Resolution r;
    r.detail = reason_;
    return r;
  }
  std::optional<KioskRecord> kiosk_record(std::string* detail) override {
    if (detail) *detail = reason_;
    return std::nullopt;
  }
  Handover hand_over(const std::string&, const std::string&, std::string* detail) override {
    if (detail) *detail = reason_;
    return Handover::retry;
  }

 private:
  std::string reason_;
};

}  // namespace

const gateway::ModuleApi* gateway_module(std::string* error) {
  static std::once_flag once;
  static Opened opened;
  std::call_once(once, [] { opened = open_module(); });
  if (!opened.api && error) *error = opened.error;
  return opened.api;
}

std::unique_ptr<gateway::Service> unreachable_gateway(std::string reason) {
  return std::make_unique<Unreachable>(std::move(reason));
}

}  // namespace kiosk::app
