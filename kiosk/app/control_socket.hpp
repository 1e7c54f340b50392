#pragma once
#include <functional>
#include <memory>
#include <string>
#include <sys/types.h>

namespace kiosk::app {

// The technician's local socket: `kioskctl status|test-print|end-of-day|out-of-service` reach
// the running kiosk through it. A Unix stream socket, 0660 (root and the kiosk's group; the
// peer's credentials are checked again on every connection). One connection at a time, one
// request line of JSON (at most 4 KiB, within 2 s), one answer line; requests are answered on
// the UI thread by serve().
class ControlSocket {
 public:
  struct Request {
    std::string line;  // the request as sent, without its newline
    uid_t uid = 0;     // who asked (SO_PEERCRED)
    pid_t pid = 0;
    std::string actor;  // set for the technician at the screen; else the peer, by uid
    // Sends the answer (a JSON object on one line) and closes the connection. Once; the
    // request may be kept and answered later (a print that takes a moment).
    std::function<void(const std::string& answer)> answer;
  };

  // Binds `path` (a socket left there by an earlier run is replaced; any other file there is
  // left alone and is an error) and starts listening. `wake` is called when a request waits.
  static std::unique_ptr<ControlSocket> open(const std::string& path, std::function<void()> wake,
                                             std::string* error);
  ~ControlSocket();
  ControlSocket(const ControlSocket&) = delete;
  ControlSocket& operator=(const ControlSocket&) = delete;

  // UI thread: hands each waiting request to `handle`.
  void serve(const std::function<void(Request&&)>& handle);
  const std::string& path() const { return path_; }

  struct Impl;

 private:
  explicit ControlSocket(std::unique_ptr<Impl> impl, std::string path);
  std::unique_ptr<Impl> impl_;
  std::string path_;
};

// Whether a peer may use the socket: root, the kiosk's own user, or a member of its group.
bool control_peer_allowed(uid_t peer_uid, gid_t peer_gid, uid_t own_uid, gid_t own_gid);

}  // namespace kiosk::app
