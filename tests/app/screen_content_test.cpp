// What the screens say and offer, drawn by the real UI offscreen from states the core reaches
// through its own transitions (the gallery's), in every language.
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/locale_format.hpp"
#include "core/phone.hpp"
#include "core/pricing.hpp"
#include "core/session.hpp"
#include "core/utf8.hpp"
#include "fonts/face_set.hpp"
#include "fonts/font_files.hpp"
#include "gallery.hpp"
#include "ui_host.hpp"
#include "../demo_catalog.hpp"

using namespace kiosk;
using kiosk::app::UiHost;

namespace {

struct Screens {
  std::optional<Catalogs> catalogs;
  std::unique_ptr<UiHost> ui;
  std::vector<app::GalleryState> states;
  catalog::CatalogFile catalog;

  static Screens& get() {
    static Screens s = [] {
      Screens out;
      std::string error;
      out.catalogs = Catalogs::load(std::string(KIOSK_SOURCE_DIR) + "/assets/i18n", &error);
      REQUIRE(out.catalogs);
      auto faces = FaceSet::create(find_fonts(), &error);
      REQUIRE(faces);
      out.ui = UiHost::create(UiHost::Mode::offscreen, faces, "", &error);
      REQUIRE(out.ui);
      out.catalog = test::demo_catalog();
      out.states = app::gallery_states(KioskSettings{}, out.catalog);
      return out;
    }();
    return s;
  }

  State state(const std::string& name, Lang lang) const {
    for (const app::GalleryState& g : states)
      if (g.name == name) return g.make(lang);
    FAIL("no gallery state " << name);
    return {};
  }

  const ui::FrameReport& draw(const State& s) {
    ui->frame(s, *catalogs);
    return ui->report();
  }
};

// Everything the screen says, in drawing order, without the bidi controls.
std::string said(const ui::FrameReport& r) {
  std::string out;
  for (const ui::FrameReport::Spoken& s : r.spoken) out += without_bidi_controls(s.text) + "\n";
  return out;
}

bool says(const ui::FrameReport& r, std::string_view text) {
  return said(r).find(without_bidi_controls(text)) != std::string::npos;
}

}  // namespace

TEST_CASE("The chosen plan, its total and its days show on every page of plans") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    const Catalog& t = (*sc.catalogs)[lang];
    State s = sc.state("plans_page2", lang);  // Lycamobile, the last plan chosen
    const Plan* chosen = chosen_plan(s);
    REQUIRE(chosen);
    REQUIRE(s.session.subscriber);
    const Quote q = quote(*chosen, s.session.months, *s.session.subscriber, s.today);
    const int pages = (static_cast<int>(s.session.plans.size()) + plans_per_page(s) - 1) / plans_per_page(s);
    REQUIRE(pages > 1);
    for (int page = 0; page < pages; ++page) {
      INFO("page " << page + 1);
      s.session.plans_page = page;
      const ui::FrameReport& r = sc.draw(s);
      CHECK(says(r, chosen->name));
      CHECK(says(r, format_money(q.total, lang)));
      CHECK(says(r, t.count("plans.days", days_between(q.valid_from, q.valid_until))));
      const ui::FrameReport::Widget* next = r.find("next");
      REQUIRE(next);
      CHECK(next->enabled);
      // Its durations are offered on every page too.
      for (int months : chosen->durations_months) CHECK(r.find("dur_" + std::to_string(months)));
    }
  }
}

TEST_CASE("Each plan card names its contents, and unlimited ones in one figure") {
  Screens& sc = Screens::get();
  const State s = sc.state("plans", Lang::en);  // Proximus, Pay&Go Unlimited chosen
  const ui::FrameReport& r = sc.draw(s);
  const ui::FrameReport::Widget* card = r.find("plan_px-unlimited");
  REQUIRE(card);
  // The focus says the contents in words; the card shows "Unlimited" once for data, calls
  // and texts.
  CHECK(card->label.find("Unlimited mobile data") != std::string::npos);
  CHECK(card->label.find("Unlimited calls") != std::string::npos);
  const std::string text = said(r);
  const auto card_at = text.find("Pay&Go Unlimited\n€30.00 per month");
  REQUIRE(card_at != std::string::npos);
  CHECK(text.substr(card_at).find("Unlimited\nEU") != std::string::npos);
  CHECK(r.find("plan_px-smart-10"));
  CHECK(r.find("plan_px-smart-15"));
  CHECK_FALSE(r.find("plans_next"));  // three plans fit one page in normal text
}

TEST_CASE("The strip carries operator, number, plan and total once they are known") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    const State paying = sc.state("paying", lang);
    REQUIRE(paying.session.quote);
    const std::string brand = brand_name(paying, *paying.session.brand);
    const std::string number = format_mobile(*paying.session.number);
    const std::string plan = chosen_plan(paying)->name;
    const std::string total = format_money(paying.session.quote->total, lang);
    const std::string strip = brand + " · " + number + " · " + plan + " · " + total;
    CHECK(says(sc.draw(paying), strip));
    CHECK(says(sc.draw(sc.state("pay_method", lang)), strip));
    CHECK(says(sc.draw(sc.state("plans", lang)), brand + " · " + number));
    CHECK_FALSE(says(sc.draw(sc.state("plans", lang)), brand + " · " + number + " · "));
    // The summary lists them itself, once.
    const std::string summary = said(sc.draw(sc.state("summary", lang)));
    CHECK(summary.find(brand + " · ") == std::string::npos);
  }
}

TEST_CASE("Receipt and SMS switches say their state in words, and the words follow the state") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    const Catalog& t = (*sc.catalogs)[lang];
    State s = sc.state("summary", lang);
    for (bool on : {false, true}) {
      s.session.want_sms = on;
      const ui::FrameReport& r = sc.draw(s);
      const ui::FrameReport::Widget* sms = r.find("rcpt_sms");
      REQUIRE(sms);
      CHECK(sms->label == without_bidi_controls(t.text("summary.sms") + ". " + t.text(on ? "summary.yes" : "summary.no")));
    }
  }
}

TEST_CASE("Out of service: customers hear plain words, the service code is not said") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    const Catalog& t = (*sc.catalogs)[lang];
    const ui::FrameReport& r = sc.draw(sc.state("out_of_service_journal", lang));
    CHECK(says(r, t.text("oos.reason.journal")));
    CHECK(said(r).find("OOS-") == std::string::npos);
  }
  // The plain words name no part of the machine.
  const std::string words = (*sc.catalogs)[Lang::en].text("oos.reason.journal");
  for (const char* technical : {"journal", "record", "transaction", "database", "disk"}) CHECK(words.find(technical) == std::string::npos);
}

TEST_CASE("The seconds left show before the warning, and the warning's button only with it") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    const Catalog& t = (*sc.catalogs)[lang];
    const State counting = sc.state("idle_countdown", lang);
    REQUIRE(idle_countdown_visible(counting));
    const ui::FrameReport& r = sc.draw(counting);
    CHECK(says(r, t.count("app.idle_warning", idle_seconds_left(counting))));
    CHECK_FALSE(r.find("more_time"));
    CHECK(r.find("key_1")->enabled);  // nothing is blocked yet
    const ui::FrameReport& w = sc.draw(sc.state("idle_warning", lang));
    CHECK(w.find("more_time"));
  }
}

TEST_CASE("Larger text grows the bottom row and the support line too") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    State s = sc.state("number", lang);
    const auto measure = [&](bool large, float* support_px) {
      s.session.large_text = large;
      const ui::FrameReport& r = sc.draw(s);
      float row = 0;
      for (const char* id : {"back", "language", "display", "help"}) {
        const ui::FrameReport::Widget* w = r.find(id);
        REQUIRE(w);
        row += w->label_px;
      }
      for (const ui::FrameReport::Spoken& t : r.spoken)
        if (t.text.find(s.settings.support_phone) != std::string::npos) *support_px = t.px;
      return row;
    };
    float support_normal = 0, support_large = 0;
    const float row_normal = measure(false, &support_normal);
    const float row_large = measure(true, &support_large);
    CHECK(row_large > row_normal);
    REQUIRE(support_normal > 0);
    CHECK(support_large > support_normal);
  }
}

TEST_CASE("A suspended number's balance says so in words, since when, and the fee, with no past \"valid until\"") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    const Catalog& t = (*sc.catalogs)[lang];
    INFO(lang_code(lang));
    const State s = sc.state("balance_suspended", lang);
    REQUIRE(s.screen == Screen::balance);
    const Subscriber& sub = *s.session.subscriber;
    const ui::FrameReport& r = sc.draw(s);
    CHECK(says(r, t.text("balance.status.suspended")));
    CHECK(says(r, t.text("balance.suspended_since")));
    CHECK(says(r, format_date(sub.suspended_since, lang)));
    CHECK(says(r, format_money(sub.reactivation_fee, lang)));
    CHECK(says(r, t.text("balance.suspended_words")));
    CHECK_FALSE(says(r, t.text("balance.expiry")));
  }
}

TEST_CASE("The help answers name each operator's reactivation fee from the catalog, and the support number") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    const Catalog& t = (*sc.catalogs)[lang];
    INFO(lang_code(lang));
    const State s = sc.state("help", lang);
    REQUIRE(s.catalog.brands.size() == sc.catalog.brands.size());
    const ui::FrameReport& r = sc.draw(s);
    for (const BrandInfo& b : s.catalog.brands)
      CHECK(says(r, b.reactivation_fee > 0
                        ? t.format("help.fee_line", {{"brand", b.name}, {"fee", format_money(b.reactivation_fee, lang)}})
                        : t.format("help.fee_none", {{"brand", b.name}})));
    // Without a catalog the answer says it in general words, no amount.
    State none = s;
    none.catalog.brands.clear();
    CHECK(says(sc.draw(none), t.text("help.a.fee_unknown")));
  }
}

TEST_CASE("The brand screen shows the catalog's brands in its order, a new one as any other") {
  Screens& sc = Screens::get();
  State s = sc.state("brand", Lang::nl);
  // An operator only a catalog knows, in the place the catalog gives it.
  s.catalog.brands.insert(s.catalog.brands.begin() + 2,
                          BrandInfo{Brand{"hey_mobile"}, "Hey! Mobile", 0x102030, 0xFFFFFF, "", true, false, 0});
  const ui::FrameReport& r = sc.draw(s);
  std::vector<std::string> tiles;
  for (const ui::FrameReport::Widget& w : r.widgets)
    if (w.id.rfind("brand_", 0) == 0) tiles.push_back(w.id);
  REQUIRE(tiles.size() == s.catalog.brands.size());
  for (std::size_t i = 0; i < tiles.size(); ++i) CHECK(tiles[i] == "brand_" + s.catalog.brands[i].brand.id);
  const ui::FrameReport::Widget* hey = r.find("brand_hey_mobile");
  REQUIRE(hey);
  CHECK(hey->label == "Hey! Mobile");
  CHECK(hey->enabled);
  CHECK(hey->rect.h >= 120);  // still a large target with eight tiles
}

TEST_CASE("The service PIN shows as dots, never as digits, and the menu shows the kiosk's state and actions") {
  Screens& sc = Screens::get();
  const auto service = app::service_gallery_states(KioskSettings{}, sc.catalog);
  const auto make = [&](const std::string& name, Lang lang) {
    for (const app::GalleryState& g : service)
      if (g.name == name) return g.make(lang);
    FAIL("no service gallery state " << name);
    return State{};
  };
  for (Lang lang : technician_langs) {
    INFO(lang_code(lang));
    const State typed = make("service_pin_typed", lang);
    REQUIRE(typed.service_mode->pin == "258");
    const std::string pin_page = said(sc.draw(typed));
    CHECK(pin_page.find("\u25CF \u25CF \u25CF") != std::string::npos);
    CHECK(pin_page.find("258") == std::string::npos);
    CHECK(sc.ui->report().find("tech_pin_ok") != nullptr);

    const std::string menu = said(sc.draw(make("service_menu", lang)));
    const Catalog& words = sc.catalogs->technician(lang);
    for (const char* key : {"svc.status.printer", "svc.status.terminal", "svc.status.gateway", "svc.status.journal",
                            "svc.action.test_print", "svc.action.end_of_day", "svc.action.diagnostics"})
      CHECK(menu.find(words.text(key)) != std::string::npos);
    // The end of day's difference is spelt out, in the language's money.
    CHECK(menu.find(format_money(1000, lang)) != std::string::npos);
    for (const char* id : {"tech_test_print", "tech_terminal_check", "tech_end_of_day", "tech_sales",
                           "tech_out_of_service", "tech_diagnostics", "tech_restart", "back"})
      CHECK(sc.ui->report().find(id) != nullptr);
    // Out of service, the same place offers the way back.
    sc.draw(make("service_menu_out", lang));
    CHECK(sc.ui->report().find("tech_in_service") != nullptr);
    CHECK(sc.ui->report().find("tech_out_of_service") == nullptr);
  }
}

TEST_CASE("A note chosen on the service screen reaches customers in their own language") {
  Screens& sc = Screens::get();
  for (Lang lang : all_langs) {
    INFO("language " << lang_code(lang));
    const std::string screen = said(sc.draw(sc.state("out_of_service_note", lang)));
    CHECK(screen.find((*sc.catalogs)[lang].text("oos.note.back_hour")) != std::string::npos);
    CHECK(screen.find("@back_hour") == std::string::npos);
  }
}
