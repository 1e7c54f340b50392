#pragma once
// The journal's seal: a small file beside it, rewritten (fsynced, renamed into place) after
// every step, that says which journal this is and how many steps it held. A journal that is
// missing, empty, replaced, or shorter than its seal says (a lost or damaged WAL) is noticed at
// start instead of being taken for a new kiosk.
#include <cstdint>
#include <optional>
#include <string>

namespace kiosk {

struct JournalSeal {
  std::string journal_id;      // random, also stored inside the journal
  std::int64_t last_step = 0;  // the highest step id the journal held when the seal was written
};

std::string seal_path(const std::string& journal_path);

// nullopt with `error` empty: there is no seal; with `error` set: it is unreadable or damaged.
std::optional<JournalSeal> read_seal(const std::string& path, std::string* error);
bool write_seal(const std::string& path, const JournalSeal& seal, std::string* error);

// 32 hex digits from the kernel's CSPRNG; "" when it cannot give any.
std::string new_journal_id();

}  // namespace kiosk
