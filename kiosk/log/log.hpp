#pragma once
// The kiosk's log, for every part: the app, the drivers on their threads, the gateway, the
// journal. One line per entry in the file given to log_open() (and on stderr for warnings).
// Callers pass masked data only: never a full number or card data.
#include <string>

namespace kiosk {

void log_open(const std::string& path);
// The name warnings carry on stderr ("kiosk" unless a program says otherwise).
void log_program(const std::string& name);
void log_info(const std::string& line);
void log_warn(const std::string& line);

// A part loaded as a module (the gateway link) has a copy of this log of its own: it hands its
// lines to the program's log instead of writing them.
using LogSink = void (*)(bool warn, const std::string& line);
void log_forward(LogSink sink);

}  // namespace kiosk
