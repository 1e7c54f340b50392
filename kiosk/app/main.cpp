// kiosk: the touch UI. Simulated devices and the embedded gateway by default.
#include <sys/stat.h>

#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string>

#include "config.hpp"
#include "devices.hpp"
#include "driver.hpp"
#include "fonts/face_set.hpp"
#include "gallery.hpp"
#include "install_layout.hpp"
#include "interactive.hpp"
#include "kiosk_app.hpp"
#include "log/log.hpp"
#include "sdl_library.hpp"
#include "ui_host.hpp"
#include "version/version.hpp"

#ifndef KIOSK_ASSET_DIR
#define KIOSK_ASSET_DIR "assets"
#endif

namespace {

constexpr const char* usage =
    "usage: kiosk [--config FILE] [--data DIR] [--headless] [--fullscreen] [--lang CODE] | --version\n"
    "             [--script FILE] [--gallery DIR] [--shots DIR] [--assets DIR]\n"
    "  --headless      offscreen 1080x1920; without --script runs the demo session\n"
    "  --script FILE   run a scripted session; exit 0 if every expectation held\n"
    "                  (offscreen, or on the screen with --fullscreen and a display)\n"
    "  --gallery DIR   render every screen state in every language, write gallery.json\n";

struct Options {
  std::string config, data, lang, script, gallery, shots, assets;
  bool headless = false, fullscreen = false;
};

bool parse(int argc, char** argv, Options* o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    if (a == "--headless") o->headless = true;
    else if (a == "--fullscreen") o->fullscreen = true;
    else if (a == "--config") { if (!value(&o->config)) return false; }
    else if (a == "--data") { if (!value(&o->data)) return false; }
    else if (a == "--lang") { if (!value(&o->lang)) return false; }
    else if (a == "--script") { if (!value(&o->script)) return false; }
    else if (a == "--gallery") { if (!value(&o->gallery)) return false; }
    else if (a == "--shots") { if (!value(&o->shots)) return false; }
    else if (a == "--assets") { if (!value(&o->assets)) return false; }
    else return false;
  }
  return true;
}

bool has_display() {
  const char* x = std::getenv("DISPLAY");
  const char* wl = std::getenv("WAYLAND_DISPLAY");
  return (x && *x) || (wl && *wl);
}

// The operators' logos from the assets' logos/ folder (none ship); a file that cannot be used
// is named in the log and the brand keeps its name on its colour.
void load_logos(kiosk::app::UiHost& ui, const std::string& assets_dir) {
  std::vector<std::string> problems;
  ui.set_logos(kiosk::ui::BrandLogos::load(assets_dir + "/logos", &problems));
  for (const std::string& p : problems) kiosk::log_warn("logo: " + p);
}

}  // namespace

int main(int argc, char** argv) {
  using namespace kiosk;
  // A full disk or a file size limit must show as a write error (the journal then stops sales),
  // not end the process; a peer that hangs up is a read/write error too.
  std::signal(SIGXFSZ, SIG_IGN);
  std::signal(SIGPIPE, SIG_IGN);
  // The journal, receipts and logs are the kiosk user's alone, however it was started.
  umask(0077);
  if (argc == 2 && std::string(argv[1]) == "--version") {
    std::cout << "kiosk " << kiosk_version() << "\n";
    return 0;
  }
  Options opt;
  if (!parse(argc, argv, &opt)) {
    std::cerr << usage;
    return 2;
  }
  app::Config config;
  config.assets_dir = app::default_assets_dir(KIOSK_ASSET_DIR);
  std::string error;
  if (!opt.config.empty() && !app::load_config(opt.config, &config, &error)) {
    std::cerr << "kiosk: " << error << "\n";
    return 2;
  }
  if (const std::string wrong = app::check_device_kinds(config); !wrong.empty()) {
    std::cerr << "kiosk: " << opt.config << ": " << wrong << "\n";
    return 2;
  }
  if (!opt.data.empty()) config.data_dir = opt.data;
  if (!opt.assets.empty()) config.assets_dir = opt.assets;
  if (!opt.lang.empty()) {
    auto lang = parse_lang(opt.lang);
    if (!lang) {
      std::cerr << "kiosk: unknown language '" << opt.lang << "' (nl, fr, de, en, zh)\n";
      return 2;
    }
    config.kiosk.default_lang = *lang;
  }

  const bool scripted = !opt.script.empty() || !opt.gallery.empty() || opt.headless || !has_display();
  // A script on the real screen (a display, --fullscreen and not --headless): the kiosk as it
  // runs under the compositor, driven by the script instead of a customer.
  const bool script_on_screen = !opt.script.empty() && opt.fullscreen && !opt.headless && has_display();
  if (!scripted || script_on_screen) app::preload_sdl_library();  // loads while the rest starts
  if (scripted) {
    // Scripts decide what the customer does, and wait less for a silent gateway.
    config.devices_automatic = false;
    config.gateway_timeout_ms = 1000;
  }

  if (!opt.gallery.empty()) {
    auto catalogs = Catalogs::load(config.assets_dir + "/i18n", &error);
    auto faces = FaceSet::create(find_fonts(), &error);
    auto ui = catalogs && faces ? app::UiHost::create(app::UiHost::Mode::offscreen, faces, "", &error) : nullptr;
    if (!ui) {
      std::cerr << "kiosk: " << error << "\n";
      return 1;
    }
    load_logos(*ui, config.assets_dir);
    auto voice = speech::SpeechSynth::create(&error);
    // The built-in catalog's brands and plans: the same in every gallery.
    const auto catalog = voice ? app::read_built_in_catalog(config.assets_dir, &error) : std::nullopt;
    if (!catalog) {
      std::cerr << "kiosk: " << error << "\n";
      return 1;
    }
    KioskSettings settings = config.kiosk;
    settings.software_version = std::string(kiosk_version());  // as the running kiosk has it
    const int bad = app::write_gallery(opt.gallery, *ui, *catalogs, settings, *catalog, *voice);
    std::cout << "gallery: " << opt.gallery << "/gallery.json (" << bad << " image(s) with problems)\n";
    return bad == 0 ? 0 : 1;
  }

  auto kiosk_app = app::KioskApp::create(config, &error);
  if (!kiosk_app) {
    std::cerr << "kiosk: " << error << "\n";
    return 1;
  }
  const std::string glyph_store = kiosk_app->config().cache_dir + "/glyphs.store";
  if (scripted) {
    auto ui = app::UiHost::create(script_on_screen ? app::UiHost::Mode::fullscreen : app::UiHost::Mode::offscreen,
                                  kiosk_app->faces(), glyph_store, &error);
    if (!ui) {
      std::cerr << "kiosk: " << error << "\n";
      return 1;
    }
    load_logos(*ui, config.assets_dir);
    // Speech is synthesised offscreen too, so scripts can check what would be said.
    ui->enable_speech();
    const bool demo = opt.script.empty();
    const std::string script = demo ? config.assets_dir + "/demo/demo.script" : opt.script;
    const std::string shots = !opt.shots.empty() ? opt.shots : config.data_dir + "/shots";
    const int rc = app::run_script(script, *kiosk_app, *ui, shots);
    if (demo) {
      std::cout << "demo session " << (rc == 0 ? "completed" : "FAILED") << "\n"
                << "screenshots: " << std::filesystem::absolute(shots).string() << "\n"
                << "receipt: "
                << (kiosk_app->last_receipt_path().empty() ? std::string("(none printed)")
                                                           : std::filesystem::absolute(kiosk_app->last_receipt_path()).string())
                << "\n"
                << "journal: " << std::filesystem::absolute(config.data_dir).string() << "/journal.sqlite\n";
    }
    return rc;
  }
  auto ui =
      app::UiHost::create(opt.fullscreen ? app::UiHost::Mode::fullscreen : app::UiHost::Mode::window,
                            kiosk_app->faces(), glyph_store, &error);
  if (!ui) {
    std::cerr << "kiosk: " << error << "\n";
    return 1;
  }
  load_logos(*ui, config.assets_dir);
  ui->enable_speech();
  const int rc = app::run_interactive(*kiosk_app, *ui);
  ui.reset();
  return rc;
}
