#pragma once
// Facts the technician's commands and screens both report: today's sales from the journal, the
// disk's free space, times as the journal writes them.
#include <ctime>
#include <optional>
#include <string>

#include "journal/journal.hpp"

namespace kiosk::app {

// `t` written with strftime's `format`, in UTC or local time.
std::string time_text(std::time_t t, const char* format, bool utc);
// UTC in the journal's own format ("2026-12-06T00:51:04.000Z"), so that the two compare as text.
std::string iso_utc(std::time_t t);
// That format read back; nothing when it is not one.
std::optional<std::time_t> parse_iso_utc(const std::string& text);
// The start of the local day `now` falls in.
std::time_t local_midnight(std::time_t now);
// Since local midnight, by brand and method.
Journal::Sales sales_today(Journal& journal);
// A technician's action (or what came of it) into the log and the journal's service log; a
// service log that cannot be written is said in the log rather than stopping the action.
void note_action(Journal* journal, const std::string& actor, const std::string& action, const std::string& detail,
                 const std::string& log_line);
// Bytes free for the kiosk's user on the file system of `dir`; -1 if it cannot be said.
long long disk_free_bytes(const std::string& dir);

}  // namespace kiosk::app
