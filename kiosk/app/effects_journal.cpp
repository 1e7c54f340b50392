// Effects on the journal: a step made durable before the one it announces is carried out.
#include <csignal>

#include "journal/journal.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"

namespace kiosk::app {

bool KioskApp::handle(const fx::RequestJournal& j) {
  std::string err = "journal unavailable";
  const std::string step(journal_step_name(j.entry.step));
  if (!journal_ || !journal_->append(j.entry, &err)) {
    log_warn(err + " (" + j.entry.reference + " " + step + ")",
             {{"KIOSK_REFERENCE", j.entry.reference}, {"KIOSK_STEP", step}, {"KIOSK_ERROR_CODE", "journal_write"}});
    queue_.post(ev::JournalFailed{j.entry.reference});
    return false;  // the rest of the batch announced by this step must not run
  }
  log_info(j.entry.reference + " " + step, {{"KIOSK_REFERENCE", j.entry.reference}, {"KIOSK_STEP", step}});
  fleet_sale_step(j.entry);
  if (crash_after_ == j.entry.step) {
    // The crash harness: stop dead right after this step is durable, as a power cut would.
    log_warn("crash hook: SIGKILL after " + step);
    std::raise(SIGKILL);
  }
  return true;
}

bool KioskApp::handle(const fx::RequestForgetSession&) {
  log_info("session ended; personal data dropped");
  return true;
}

}  // namespace kiosk::app
