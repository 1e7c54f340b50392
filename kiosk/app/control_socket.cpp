#include "control_socket.hpp"

#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "log/log.hpp"

namespace kiosk::app {

namespace {

// A signed catalog (catalog install) is the largest request: up to 2 MiB, escaped.
constexpr std::size_t max_request = 5 << 20;
constexpr int read_seconds = 2;
// A request the UI thread has not answered by then (a print that never ends) is answered here.
constexpr auto answer_deadline = std::chrono::seconds(90);

std::string answer_error(const std::string& why) {
  std::string quoted;
  for (char c : why) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) quoted += c;
  }
  return "{\"ok\":false,\"error\":\"" + quoted + "\"}";
}

// One accepted connection; answered once, by the UI thread or by the deadline.
struct Connection {
  explicit Connection(int fd) : fd(fd) {}
  ~Connection() { close_now(); }
  void send_and_close(const std::string& answer) {
    std::lock_guard lock(mutex);
    if (fd < 0) return;
    const std::string line = answer + "\n";
    std::size_t sent = 0;
    while (sent < line.size()) {
      const ssize_t n = ::send(fd, line.data() + sent, line.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    ::close(fd);
    fd = -1;
    done.notify_all();
  }
  void close_now() {
    std::lock_guard lock(mutex);
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
  // Until answered or the deadline; true if answered.
  bool wait_answered() {
    std::unique_lock lock(mutex);
    return done.wait_for(lock, answer_deadline, [&] { return fd < 0; });
  }
  std::mutex mutex;
  std::condition_variable done;
  int fd;
};

// Reads one line; empty with `why` set when the peer sent none in time or too much.
std::string read_line(int fd, std::string* why) {
  timeval tv{read_seconds, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(read_seconds);
  std::string line;
  char buf[65536];
  while (std::chrono::steady_clock::now() < deadline) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
    if (const auto nl = line.find('\n'); nl != std::string::npos) {
      line.resize(nl);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (line.size() > max_request) return *why = "request longer than " + std::to_string(max_request) + " bytes", "";
  }
  *why = "no complete request line within 2 s";
  return "";
}

}  // namespace

bool control_peer_allowed(uid_t peer_uid, gid_t peer_gid, uid_t own_uid, gid_t own_gid) {
  if (peer_uid == 0 || peer_uid == own_uid || peer_gid == own_gid) return true;
  passwd pw{};
  passwd* found = nullptr;
  std::vector<char> buf(16384);
  if (getpwuid_r(peer_uid, &pw, buf.data(), buf.size(), &found) != 0 || !found) return false;
  int count = 64;
  std::vector<gid_t> groups(static_cast<std::size_t>(count));
  if (getgrouplist(pw.pw_name, peer_gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<std::size_t>(count));
    if (getgrouplist(pw.pw_name, peer_gid, groups.data(), &count) < 0) return false;
  }
  for (int i = 0; i < count; ++i)
    if (groups[static_cast<std::size_t>(i)] == own_gid) return true;
  return false;
}

struct ControlSocket::Impl {
  int listen_fd = -1;
  int stop_pipe[2] = {-1, -1};
  std::function<void()> wake;
  std::mutex mutex;
  std::deque<Request> inbox;  // (mutex)
  std::shared_ptr<Connection> current;  // the one being answered (mutex)
  std::thread thread;

  void run() {
    for (;;) {
      pollfd fds[2] = {{listen_fd, POLLIN, 0}, {stop_pipe[0], POLLIN, 0}};
      if (::poll(fds, 2, -1) < 0) {
        if (errno == EINTR) continue;
        log_warn("control socket: poll: " + std::string(std::strerror(errno)));
        return;
      }
      if (fds[1].revents) return;
      if (!(fds[0].revents & POLLIN)) continue;
      const int fd = ::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      serve_connection(std::make_shared<Connection>(fd));
    }
  }

  void serve_connection(const std::shared_ptr<Connection>& conn) {
    ucred cred{};
    socklen_t len = sizeof cred;
    if (getsockopt(conn->fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0 ||
        !control_peer_allowed(cred.uid, cred.gid, getuid(), getgid())) {
      log_warn("control socket: refused uid " + std::to_string(cred.uid) + " (not root, not in the kiosk's group)");
      conn->send_and_close(answer_error("not allowed: root or the kiosk's group only"));
      return;
    }
    std::string why;
    std::string line = read_line(conn->fd, &why);
    if (line.empty()) {
      conn->send_and_close(answer_error(why.empty() ? "empty request" : why));
      return;
    }
    Request request;
    request.line = std::move(line);
    request.uid = cred.uid;
    request.pid = cred.pid;
    request.answer = [conn](const std::string& answer) { conn->send_and_close(answer); };
    {
      std::lock_guard lock(mutex);
      inbox.push_back(std::move(request));
      current = conn;
    }
    if (wake) wake();
    // One request at a time: the next connection waits in the backlog.
    if (!conn->wait_answered()) conn->send_and_close(answer_error("the kiosk did not answer in time"));
    std::lock_guard lock(mutex);
    current.reset();
  }
};

ControlSocket::ControlSocket(std::unique_ptr<Impl> impl, std::string path) : impl_(std::move(impl)), path_(std::move(path)) {}

std::unique_ptr<ControlSocket> ControlSocket::open(const std::string& path, std::function<void()> wake, std::string* error) {
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof addr.sun_path) {
    if (error) *error = "control socket path '" + path + "' is empty or longer than 107 bytes";
    return nullptr;
  }
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0) {
    if (!S_ISSOCK(st.st_mode)) {
      if (error) *error = path + " exists and is not a socket: left as it is";
      return nullptr;
    }
    // A socket left by a run that ended, unless a kiosk still answers on it.
    const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const bool answered = probe >= 0 && ::connect(probe, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    if (probe >= 0) ::close(probe);
    if (answered) {
      if (error) *error = "another kiosk answers on " + path;
      return nullptr;
    }
    ::unlink(path.c_str());
  }
  auto impl = std::make_unique<Impl>();
  impl->wake = std::move(wake);
  impl->listen_fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (impl->listen_fd < 0 || ::bind(impl->listen_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::chmod(path.c_str(), 0660) != 0 || ::listen(impl->listen_fd, 4) != 0 ||
      ::pipe2(impl->stop_pipe, O_CLOEXEC) != 0) {
    if (error) *error = "control socket " + path + ": " + std::strerror(errno);
    if (impl->listen_fd >= 0) ::close(impl->listen_fd);
    for (int fd : impl->stop_pipe)
      if (fd >= 0) ::close(fd);
    return nullptr;
  }
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<ControlSocket>(new ControlSocket(std::move(impl), path));
}

ControlSocket::~ControlSocket() {
  const char stop = 1;
  if (::write(impl_->stop_pipe[1], &stop, 1) < 0) log_warn("control socket: cannot stop its thread");
  // A request still waiting is answered so that its connection does not wait out the deadline.
  {
    std::lock_guard lock(impl_->mutex);
    impl_->inbox.clear();
    if (impl_->current) impl_->current->send_and_close(answer_error("the kiosk is stopping"));
  }
  if (impl_->thread.joinable()) impl_->thread.join();
  ::close(impl_->listen_fd);
  ::close(impl_->stop_pipe[0]);
  ::close(impl_->stop_pipe[1]);
  ::unlink(path_.c_str());
}

void ControlSocket::serve(const std::function<void(Request&&)>& handle) {
  std::deque<Request> waiting;
  {
    std::lock_guard lock(impl_->mutex);
    waiting.swap(impl_->inbox);
  }
  for (Request& r : waiting) handle(std::move(r));
}

}  // namespace kiosk::app
