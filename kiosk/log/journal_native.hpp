#pragma once
// systemd's journal, spoken natively: one datagram per entry to journald's socket, with the
// message, its priority and fields of the kiosk's own (systemd.io JOURNAL_NATIVE_PROTOCOL).
#include <string>
#include <utility>
#include <vector>

namespace kiosk {

using JournalFields = std::vector<std::pair<std::string, std::string>>;

// An entry as the protocol wants it: NAME=value lines, a value with a newline in the binary
// form (NAME, newline, its length as 64-bit little endian, the bytes, newline).
std::string journal_entry(int priority, const std::string& identifier, const std::string& message,
                          const JournalFields& fields);

// Whether standard error is the journal's stream for this process: systemd says so in
// $JOURNAL_STREAM (device:inode of the stream it connected).
bool stderr_is_journal();

// Sends one entry to `socket_path` (journald's, or $KIOSK_JOURNAL_SOCKET for a test);
// false when it could not be sent (the caller writes the line elsewhere).
bool journal_send(const std::string& socket_path, const std::string& entry);

// journald's socket, unless $KIOSK_JOURNAL_SOCKET names another (tests).
std::string journal_socket_path();

}  // namespace kiosk
