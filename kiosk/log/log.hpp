#pragma once
// The kiosk's log, for every part: the app, the drivers on their threads, the gateway, the
// journal. One line per entry in the file given to log_open() (and on stderr for warnings);
// under systemd (standard error is the journal's stream) each entry goes to the system's
// journal instead, with its priority and fields. Callers pass masked data only: never a full
// number or card data.
#include <initializer_list>
#include <string>
#include <utility>

namespace kiosk {

void log_open(const std::string& path);
// The name warnings carry on stderr ("kiosk" unless a program says otherwise).
void log_program(const std::string& name);
void log_info(const std::string& line);
void log_warn(const std::string& line);
// With fields for the journal, named as journalctl shows them: KIOSK_REFERENCE, KIOSK_STEP,
// KIOSK_DEVICE, KIOSK_ERROR_CODE. Empty values are left out.
using LogFields = std::initializer_list<std::pair<const char*, std::string>>;
void log_info(const std::string& line, LogFields fields);
void log_warn(const std::string& line, LogFields fields);
// A field every entry carries from now on (KIOSK_SCREEN: what the customer sees); "" drops it.
void log_context(const std::string& name, const std::string& value);
// Where entries go: "journal" or "file".
const char* log_destination();

// A part loaded as a module (the gateway link) has a copy of this log of its own: it hands its
// lines to the program's log instead of writing them.
using LogSink = void (*)(bool warn, const std::string& line);
void log_forward(LogSink sink);

}  // namespace kiosk
