// Drives a real browser (Debian's Chromium through chromedriver, W3C WebDriver over HTTP) through
// a list of steps, one per line, for the end-to-end tests of the operators' console:
//   open URL                      load a page
//   type CSS | TEXT               clear the field, then type
//   click CSS
//   select CSS | VALUE            choose an option (as a user would: a change event follows)
//   wait CSS [| TEXT]             until an element matches (and its text holds TEXT); 60 s at most
//   gone CSS                      until no element matches; 60 s at most
//   accept dialog                 answer OK to the page's confirm() (60 s at most for it to come)
//   touch FILE                    tell the test outside that the browser got here
//   shot FILE                     a PNG of the window
//   cookie NAME                   the cookie is Secure, HttpOnly and SameSite=Strict
//   no-script-cookie NAME         the page's JavaScript cannot read the cookie
//   browser_steps --driver PORT --chromium PATH --profile DIR STEPS_FILE
#include <httplib.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "sys/base64.hpp"

namespace {

using nlohmann::json;
constexpr const char* element_key = "element-6066-11e4-a52e-4f735466cecf";

class Browser {
 public:
  explicit Browser(int port) : http_("127.0.0.1", port) {
    http_.set_read_timeout(std::chrono::seconds(60));
    http_.set_connection_timeout(std::chrono::seconds(10));
  }

  bool start(const std::string& chromium, const std::string& profile, std::string* error) {
    const json caps = {{"capabilities",
                        {{"alwaysMatch",
                          {{"browserName", "chrome"},
                           // The console's certificate is self-signed on a test machine.
                           {"acceptInsecureCerts", true},
                           {"goog:chromeOptions",
                            {{"binary", chromium},
                             {"args", {"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                       "--window-size=1400,1300", "--user-data-dir=" + profile, "--no-first-run",
                                       "--disable-background-networking", "--disable-sync", "--lang=en-GB"}}}}}}}}};
    const json answer = call("POST", "/session", caps, error);
    if (!answer.is_object() || !answer.contains("sessionId")) return false;
    session_ = answer["sessionId"];
    return true;
  }
  ~Browser() {
    if (session_.empty()) return;
    std::string ignored;
    call("DELETE", "/session/" + session_, nullptr, &ignored);
  }

  json call(const std::string& method, const std::string& path, const json& body, std::string* error) {
    httplib::Result r = method == "GET"      ? http_.Get(path.c_str())
                        : method == "DELETE" ? http_.Delete(path.c_str())
                                             : http_.Post(path.c_str(), body.dump(), "application/json");
    if (!r) return *error = method + " " + path + ": chromedriver did not answer", nullptr;
    json j = json::parse(r->body, nullptr, false);
    if (r->status != 200 || !j.is_object()) {
      *error = method + " " + path + ": " + std::to_string(r->status) + " " + r->body.substr(0, 300);
      return nullptr;
    }
    return j.contains("value") ? j["value"] : json(nullptr);
  }
  json in_session(const std::string& method, const std::string& path, const json& body, std::string* error) {
    return call(method, "/session/" + session_ + path, body, error);
  }

  std::string find(const std::string& css, std::string* error) {
    const json e = in_session("POST", "/element", {{"using", "css selector"}, {"value", css}}, error);
    if (!e.is_object() || !e.contains(element_key)) return "";
    return e[element_key];
  }

  // Until `css` matches (with `text` in its text, if any), or `gone`: until nothing matches.
  bool wait(const std::string& css, const std::string& text, bool gone, std::string* error) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::string seen;
    while (std::chrono::steady_clock::now() < until) {
      std::string why;
      const std::string id = find(css, &why);
      if (gone && id.empty()) return true;
      if (!gone && !id.empty()) {
        const json t = in_session("GET", "/element/" + id + "/text", nullptr, &why);
        seen = t.is_string() ? t.get<std::string>() : "";
        if (text.empty() || seen.find(text) != std::string::npos) return true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    *error = gone ? css + " is still there after 60 s"
                  : css + (text.empty() ? "" : " with '" + text + "'") + " did not come within 60 s" +
                        (seen.empty() ? "" : " (its text: '" + seen.substr(0, 200) + "')");
    return false;
  }

 private:
  httplib::Client http_;
  std::string session_;
};

// A step: its verb, then one argument, or two parted by " | " (a CSS selector has spaces).
bool run(Browser& b, const std::string& verb, const std::string& arg, std::string* error) {
  const std::size_t bar = arg.find(" | ");
  const std::string first = arg.substr(0, bar), rest = bar == std::string::npos ? "" : arg.substr(bar + 3);
  const std::vector<std::string> w = {verb, first, rest};
  const auto element = [&](const std::string& css) {
    const std::string id = b.find(css, error);
    if (id.empty() && error->empty()) *error = "no element " + css;
    return id;
  };
  if (verb == "open") {
    b.in_session("POST", "/url", {{"url", w[1]}}, error);
    return error->empty();
  }
  if (verb == "type") {
    const std::string id = element(w[1]);
    if (id.empty()) return false;
    b.in_session("POST", "/element/" + id + "/clear", json::object(), error);
    if (!error->empty()) return false;
    b.in_session("POST", "/element/" + id + "/value", {{"text", rest}}, error);
    return error->empty();
  }
  if (verb == "click") {
    const std::string id = element(w[1]);
    if (id.empty()) return false;
    b.in_session("POST", "/element/" + id + "/click", json::object(), error);
    return error->empty();
  }
  if (verb == "select") {
    const std::string id = element(w[1]);
    if (id.empty()) return false;
    const json ok = b.in_session(
        "POST", "/execute/sync",
        {{"script",
          "const s = arguments[0]; if (![...s.options].some(o => o.value === arguments[1])) return false;"
          "s.value = arguments[1]; s.dispatchEvent(new Event('change', {bubbles: true})); return true;"},
         {"args", {{{element_key, id}}, w[2]}}},
        error);
    if (ok != true && error->empty()) *error = w[1] + " has no option " + w[2];
    return error->empty();
  }
  if (verb == "wait") return b.wait(w[1], rest, false, error);
  if (verb == "gone") return b.wait(w[1], "", true, error);
  if (verb == "accept") {
    for (int i = 0; i < 240; ++i) {
      error->clear();
      b.in_session("POST", "/alert/accept", json::object(), error);
      if (error->empty()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    }
    return false;
  }
  if (verb == "touch") return std::ofstream(w[1]).good() || (*error = "cannot write " + w[1], false);
  if (verb == "shot") {
    const json png = b.in_session("GET", "/screenshot", nullptr, error);
    const auto bytes = png.is_string() ? kiosk::base64_decode(png.get<std::string>()) : std::nullopt;
    if (!bytes) return *error = error->empty() ? "no screenshot" : *error, false;
    std::ofstream(w[1], std::ios::binary) << *bytes;
    return true;
  }
  if (verb == "cookie") {
    const json c = b.in_session("GET", "/cookie/" + w[1], nullptr, error);
    if (!c.is_object()) return *error = "no cookie " + w[1] + " " + *error, false;
    if (c.value("secure", false) != true || c.value("httpOnly", false) != true || c.value("sameSite", "") != "Strict")
      return *error = "cookie " + w[1] + " is not Secure, HttpOnly and SameSite=Strict: " + c.dump(), false;
    return true;
  }
  if (verb == "no-script-cookie") {
    const json seen = b.in_session("POST", "/execute/sync", {{"script", "return document.cookie;"}, {"args", json::array()}}, error);
    if (!seen.is_string() || seen.get<std::string>().find(w[1]) != std::string::npos)
      return *error = "the page's script reads the cookie: " + seen.dump(), false;
    return true;
  }
  return *error = "unknown step", false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 8 || std::string(argv[1]) != "--driver" || std::string(argv[3]) != "--chromium" ||
      std::string(argv[5]) != "--profile") {
    std::cerr << "usage: browser_steps --driver PORT --chromium PATH --profile DIR STEPS_FILE\n";
    return 2;
  }
  Browser browser(std::atoi(argv[2]));
  std::string error;
  if (!browser.start(argv[4], argv[6], &error)) {
    std::cerr << "browser_steps: no browser: " << error << "\n";
    return 1;
  }
  std::ifstream steps(argv[7]);
  int number = 0;
  for (std::string line; std::getline(steps, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::size_t space = line.find(' ');
    if (space == std::string::npos) {
      std::cerr << "browser_steps: line " << number << ": a step is a verb and its argument\n";
      return 1;
    }
    std::cout << "browser: " << line << std::endl;
    error.clear();
    if (!run(browser, line.substr(0, space), line.substr(space + 1), &error)) {
      std::cerr << "browser_steps: line " << number << ": " << line << ": " << error << "\n";
      return 1;
    }
  }
  return 0;
}
