#pragma once
// kiosk-fleet as a whole: the configuration read, the accounts kept current, the broker's
// messages fed to the view (sales written down, diagnostics bundles kept), the web side started.
#include <memory>
#include <string>

#include "console_config.hpp"

namespace kiosk::console {

class ConsoleProgram {
 public:
  // `page_dir`: assets/console. Nothing, with why, when something needed is missing or wrong.
  static std::unique_ptr<ConsoleProgram> start(const ConsoleConfig& config, const std::string& page_dir,
                                               std::string* error);
  virtual ~ConsoleProgram() = default;
  virtual int port() const = 0;
  virtual std::string cert_path() const = 0;
  virtual void stop() = 0;
};

}  // namespace kiosk::console
