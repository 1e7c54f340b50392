#pragma once
// The journal's seal: a small file beside it that says which journal this is and how many steps
// it held, moved along after every step. A journal that is missing, empty, replaced, or shorter
// than its seal says (a lost or damaged WAL) is noticed at start instead of being taken for a
// new kiosk.
//
// The file holds two slots, each a checked line. A step rewrites one slot in place, the two in
// turn, and syncs the file's data: one sync, no rename. A write cut short spoils that slot only;
// the other still holds the step before, and a seal behind its journal is harmless.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace kiosk {

struct JournalSeal {
  std::string journal_id;      // random, also stored inside the journal
  std::int64_t last_step = 0;  // the highest step id the journal held when the seal was written
};

std::string seal_path(const std::string& journal_path);

// nullopt with `error` empty: there is no seal; with `error` set: it is unreadable or damaged.
// A seal of one unchecked line (as written before the slots) is read as well.
std::optional<JournalSeal> read_seal(const std::string& path, std::string* error);
// The whole file replaced (both slots), durably: written beside it, synced, renamed into place.
bool write_seal(const std::string& path, const JournalSeal& seal, std::string* error);

// Keeps a seal's file open to move it along with each step.
class SealKeeper {
 public:
  // Writes `seal` whole (write_seal) and keeps the file open.
  static std::unique_ptr<SealKeeper> open(const std::string& path, const JournalSeal& seal, std::string* error);
  ~SealKeeper();
  SealKeeper(const SealKeeper&) = delete;
  SealKeeper& operator=(const SealKeeper&) = delete;
  bool advance(std::int64_t last_step, std::string* error);

 private:
  SealKeeper(int fd, std::string path, JournalSeal seal) : fd_(fd), path_(std::move(path)), seal_(std::move(seal)) {}
  int fd_;
  std::string path_;
  JournalSeal seal_;
  int next_slot_ = 0;
};

// 32 hex digits from the kernel's CSPRNG; "" when it cannot give any.
std::string new_journal_id();

}  // namespace kiosk
