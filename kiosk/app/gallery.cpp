#include "gallery.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "core/session.hpp"
#include "spoken.hpp"
#include "view.hpp"
#include "catalog_keeper.hpp"

namespace kiosk::app {

namespace {

// Applies events to a state, like the app does, ignoring effects.
struct Steps {
  State s;
  std::int64_t now = 1'000'000;
  Steps& operator<<(const Event& e) {
    s = update(std::move(s), e).state;
    return *this;
  }
  Steps& type(const std::string& digits) {
    for (char c : digits) *this << ev::DigitPressed{c};
    return *this;
  }
  Steps& advance(int seconds) {
    now += seconds * 1000LL;
    return *this << ev::Ticked{now, today()};
  }
  static CivilDate today() { return CivilDate{2026, 11, 27}; }
};

std::vector<Plan> plans_of(const catalog::CatalogFile& catalog, const Brand& b) {
  std::vector<Plan> out;
  for (const Plan& p : catalog.plans)
    if (p.brand == b) out.push_back(p);
  return out;
}

Subscriber subscriber(SubscriberStatus status, Cents fee = 0) {
  const bool suspended = status == SubscriberStatus::suspended;
  const CivilDate expiry = suspended ? CivilDate{2026, 11, 2} : CivilDate{2026, 11, 30};
  const CivilDate since = suspended ? CivilDate{2026, 11, 9} : CivilDate{};
  return Subscriber{status, suspended ? 0 : 350, expiry, "px-smart-10", true, fee, since};
}

PaymentReceipt card() { return PaymentReceipt{"Bancontact", "670300******1234", "52500123", 501, "1001", "123456", {}}; }

struct LayoutCheck {
  std::vector<std::string> out_of_reach;  // widget ids
  std::vector<std::string> overlapping;   // "a / b"
  std::vector<std::string> same_label;    // "a / b: label"
};

// `customer`: the customer's screens; the technician's pages are for staff standing at the
// kiosk, and may use its top third.
LayoutCheck check_layout(const ui::FrameReport& r, bool customer) {
  LayoutCheck out;
  // EN 301 549 / ux.md: what a renewal needs sits in the lower two thirds of the screen, and
  // every control is at least 120 px high.
  for (const ui::FrameReport::Widget& w : r.widgets)
    if ((customer && w.rect.y < ui::screen_h / 3) || w.rect.h < 120) out.out_of_reach.push_back(w.id);
  // Controls in play must not cover each other (a layout that grew into the action row).
  for (std::size_t i = 0; i < r.widgets.size(); ++i)
    for (std::size_t j = i + 1; j < r.widgets.size(); ++j) {
      const ui::FrameReport::Widget& a = r.widgets[i];
      const ui::FrameReport::Widget& b = r.widgets[j];
      if (!a.blocked && !b.blocked && a.rect.x < b.rect.right() && b.rect.x < a.rect.right() &&
          a.rect.y < b.rect.bottom() && b.rect.y < a.rect.bottom())
        out.overlapping.push_back(a.id + " / " + b.id);
      // One label, one action: two controls in play that say the same thing leave a customer
      // guessing which one goes back and which one pages.
      if (!a.blocked && !b.blocked && a.id != b.id && !a.label.empty() && a.label == b.label)
        out.same_label.push_back(a.id + " / " + b.id + ": " + a.label);
    }
  return out;
}

// One image's entry in gallery.json: what it shows and what is wrong with it; `bad` counts the
// images with a problem ("problems": true).
nlohmann::json gallery_entry(Lang lang, const std::string& name, const ui::FrameReport& r, const LayoutCheck& layout,
                             int* bad) {
  const bool problems = r.missing_glyphs > 0 || !r.clipped.empty() || !layout.out_of_reach.empty() ||
                        !layout.overlapping.empty() || !layout.same_label.empty();
  if (problems) ++*bad;
  return {{"lang", lang_code(lang)},
          {"screen", name},
          {"missing_glyphs", r.missing_glyphs},
          {"missing_chars", r.missing_chars},
          {"clipped", r.clipped},
          {"out_of_reach", layout.out_of_reach},
          {"overlapping", layout.overlapping},
          {"same_label", layout.same_label},
          {"problems", problems},
          {"file", std::string(lang_code(lang)) + "/" + name + ".png"}};
}

}  // namespace

std::vector<GalleryState> gallery_states(const KioskSettings& settings, const catalog::CatalogFile& catalog) {
  const Brand proximus{"proximus"}, lycamobile{"lycamobile"};
  const auto plans_of = [catalog](const Brand& b) { return app::plans_of(catalog, b); };
  const auto start = [settings, catalog](Lang lang) {
    Steps st{initial_state(settings)};
    st.s.catalog = brand_catalog(catalog);
    st << ev::Started{ReferenceKey{}, st.now, Steps::today()};
    if (lang != settings.default_lang) st.s.session.lang = lang;  // the attract screen shows the default
    return st;
  };
  const auto session = [start, proximus](Lang lang, Brand brand = {}) {
    if (brand.id.empty()) brand = proximus;
    Steps st = start(lang);
    st << ev::LanguageChosen{lang} << ev::ServiceChosen{ev::Service::renew} << ev::BrandChosen{brand};
    return st;
  };
  const auto plans = [session, plans_of, proximus](Lang lang, Brand brand = {},
                                                   Subscriber sub = subscriber(SubscriberStatus::active)) {
    if (brand.id.empty()) brand = proximus;
    Steps st = session(lang, brand);
    st.type("0470123456") << ev::NumberSubmitted{} << ev::SubscriberFound{sub, plans_of(brand)};
    return st;
  };
  const auto summary = [plans](Lang lang) {
    Steps st = plans(lang);
    st << ev::PlanChosen{"px-unlimited"} << ev::DurationChosen{3} << ev::PlanConfirmed{};
    return st;
  };
  const auto pay = [summary](Lang lang) { return summary(lang) << ev::SummaryConfirmed{}; };
  const auto paid = [pay](Lang lang) {
    Steps st = pay(lang);
    st << ev::PayMethodChosen{PayMethod::card};
    const std::string ref = st.s.session.txn->reference;
    return st << ev::PaymentApproved{ref, card()};
  };
  const auto ref = [](const Steps& st) { return st.s.session.txn ? st.s.session.txn->reference : std::string(); };

  return {
      {"attract", [=](Lang l) { return start(l).s; }},
      {"language", [=](Lang l) { return (session(l) << ev::LanguageSwitchOpened{}).s; }},
      {"display", [=](Lang l) { return (session(l) << ev::DisplayOpened{}).s; }},
      {"service", [=](Lang l) { return (start(l) << ev::LanguageChosen{l}).s; }},
      // With the operators' reactivation fees from the catalog.
      {"help", [=](Lang l) { return (start(l) << ev::LanguageChosen{l} << ev::HelpOpened{}).s; }},
      // The answers' second page, where there is one (large text); else the same single page.
      {"help_more", [=](Lang l) {
         return (start(l) << ev::LanguageChosen{l} << ev::HelpOpened{} << ev::HelpPaged{+1}).s;
       }},
      {"reprint", [=](Lang l) {
         Steps st = start(l);
         st << ev::LanguageChosen{l} << ev::ReprintOpened{};
         return st.type("482913").s;
       }},
      {"reprint_not_found", [=](Lang l) {
         Steps st = start(l);
         st << ev::LanguageChosen{l} << ev::ReprintOpened{};
         st.type("482913") << ev::NumberSubmitted{} << ev::ReprintFinished{false, false};
         return st.s;
       }},
      {"brand", [=](Lang l) { return (start(l) << ev::LanguageChosen{l} << ev::ServiceChosen{ev::Service::renew}).s; }},
      {"number", [=](Lang l) { return session(l).type("0470123456").s; }},
      // An operator that takes customer numbers: the switch under the keys, and the other way.
      {"number_customer_offered", [=](Lang l) {
         Steps st = session(l);
         return st.type("0470").s;
       }},
      {"number_customer", [=](Lang l) {
         Steps st = session(l);
         st << ev::IdentifyByToggled{};
         return (st.type("5001234") << ev::NumberSubmitted{}).s;
       }},
      // Found by customer number: the phone number is shown masked, as on a receipt.
      {"summary_customer", [=](Lang l) {
         Steps st = session(l);
         st << ev::IdentifyByToggled{};
         st.type("5001234567") << ev::NumberSubmitted{}
                               << ev::SubscriberFound{subscriber(SubscriberStatus::active), plans_of(proximus),
                                                      MobileNumber{"470123456"}};
         return (st << ev::PlanConfirmed{}).s;
       }},
      {"number_error", [=](Lang l) { return (session(l).type("025551234") << ev::NumberSubmitted{}).s; }},
      {"number_not_found", [=](Lang l) {
         return (session(l).type("0479999999") << ev::NumberSubmitted{} << ev::LookupFailed{ev::LookupError::not_found}).s;
       }},
      {"idle_warning", [=](Lang l) { return session(l).type("0470").advance(45).s; }},
      {"idle_countdown", [=](Lang l) { return session(l).type("0470").advance(32).s; }},
      {"attract_wallet_only", [=](Lang l) { return (start(l) << ev::TerminalAvailabilityChanged{false}).s; }},
      {"lookup", [=](Lang l) { return (session(l).type("0470123456") << ev::NumberSubmitted{}).s; }},
      {"balance", [=](Lang l) {
         Steps st = start(l);
         st << ev::LanguageChosen{l} << ev::ServiceChosen{ev::Service::balance} << ev::BrandChosen{proximus};
         st.type("0470123456") << ev::NumberSubmitted{} << ev::SubscriberFound{subscriber(SubscriberStatus::active), plans_of(proximus)};
         return st.s;
       }},
      {"balance_suspended", [=](Lang l) {
         Steps st = start(l);
         st << ev::LanguageChosen{l} << ev::ServiceChosen{ev::Service::balance} << ev::BrandChosen{proximus};
         st.type("0470000001") << ev::NumberSubmitted{}
                               << ev::SubscriberFound{subscriber(SubscriberStatus::suspended, 500),
                                                      plans_of(proximus)};
         return st.s;
       }},
      {"suspended", [=](Lang l) { return plans(l, proximus, subscriber(SubscriberStatus::suspended, 500)).s; }},
      {"plans", [=](Lang l) { return (plans(l) << ev::PlanChosen{"px-unlimited"}).s; }},
      {"plans_page2", [=](Lang l) {
         return (plans(l, lycamobile) << ev::PlansPaged{1} << ev::PlanChosen{"lyca-data"}).s;
       }},
      {"summary", [=](Lang l) { return summary(l).s; }},
      {"summary_fee", [=](Lang l) {
         return (plans(l, proximus, subscriber(SubscriberStatus::suspended, 500)) << ev::ContinuePressed{}
                 << ev::PlanConfirmed{}).s;
       }},
      {"summary_no_printer", [=](Lang l) { return (summary(l) << ev::PrinterStatusChanged{PrinterStatus::paper_out}).s; }},
      {"pay_method", [=](Lang l) { return pay(l).s; }},
      {"pay_method_no_terminal", [=](Lang l) { return (pay(l) << ev::TerminalAvailabilityChanged{false}).s; }},
      {"paying", [=](Lang l) { return (pay(l) << ev::PayMethodChosen{PayMethod::card} << ev::PaymentPrompted{TerminalPrompt::enter_pin}).s; }},
      {"paying_card", [=](Lang l) { return (pay(l) << ev::PayMethodChosen{PayMethod::card} << ev::PaymentPrompted{TerminalPrompt::present_card}).s; }},
      {"paying_wait", [=](Lang l) { return (pay(l) << ev::PayMethodChosen{PayMethod::card} << ev::PaymentPrompted{TerminalPrompt::please_wait}).s; }},
      {"paying_cancelling", [=](Lang l) { return (pay(l) << ev::PayMethodChosen{PayMethod::card} << ev::CancelPressed{}).s; }},
      {"wallet", [=](Lang l) {
         Steps st = pay(l);
         st << ev::PayMethodChosen{PayMethod::wallet};
         return (st << ev::WalletCodeReady{ref(st), "https://payconiq.com/pay/2/5f91483d78a74914bc6f0a1b", "5f91483d78a74914bc6f0a1b", 118}).s;
       }},
      {"delivering", [=](Lang l) { return paid(l).s; }},
      {"delivering_reversing", [=](Lang l) { Steps st = paid(l); return (st << ev::RenewalFailed{ref(st), "x"}).s; }},
      {"done", [=](Lang l) { Steps st = paid(l); return (st << ev::RenewalDelivered{ref(st), "PXM-100001", CivilDate{2027, 3, 30}}).s; }},
      {"done_reminder_set", [=](Lang l) {
         Steps st = paid(l);
         return (st << ev::RenewalDelivered{ref(st), "PXM-100001", CivilDate{2027, 3, 30}} << ev::ReminderAsked{}).s;
       }},
      {"done_receipt_failed", [=](Lang l) {
         Steps st = paid(l);
         st << ev::RenewalDelivered{ref(st), "PXM-100001", CivilDate{2027, 3, 30}};
         return (st << ev::ReceiptPrinted{ref(st), false}).s;
       }},
      // Receipt only, and the paper ran out during the payment: the SMS is offered, then sent.
      {"done_no_paper_sms_offered", [=](Lang l) {
         Steps st = summary(l);
         st << ev::SmsToggled{} << ev::SummaryConfirmed{} << ev::PayMethodChosen{PayMethod::card}
            << ev::PrinterStatusChanged{PrinterStatus::paper_out} << ev::PaymentApproved{ref(st), card()};
         return (st << ev::RenewalDelivered{ref(st), "PXM-100001", CivilDate{2027, 3, 30}}).s;
       }},
      {"done_no_paper_sms_sent", [=](Lang l) {
         Steps st = summary(l);
         st << ev::SmsToggled{} << ev::SummaryConfirmed{} << ev::PayMethodChosen{PayMethod::card}
            << ev::PrinterStatusChanged{PrinterStatus::paper_out} << ev::PaymentApproved{ref(st), card()};
         return (st << ev::RenewalDelivered{ref(st), "PXM-100001", CivilDate{2027, 3, 30}} << ev::SmsInsteadAsked{}).s;
       }},
      {"declined", [=](Lang l) {
         Steps st = pay(l);
         st << ev::PayMethodChosen{PayMethod::card};
         return (st << ev::PaymentFailed{ref(st), PaymentFailure::declined, 5}).s;
       }},
      {"cancelled", [=](Lang l) { return (session(l) << ev::CancelPressed{}).s; }},
      {"unavailable", [=](Lang l) {
         return (session(l).type("0470123456") << ev::NumberSubmitted{} << ev::LookupFailed{ev::LookupError::unavailable}).s;
       }},
      {"reversed", [=](Lang l) {
         Steps st = paid(l);
         st << ev::RenewalFailed{ref(st), "x"};
         return (st << ev::PaymentReversed{ref(st), true}).s;
       }},
      {"reversed_receipt_failed", [=](Lang l) {
         Steps st = summary(l);
         st << ev::SmsToggled{} << ev::SummaryConfirmed{} << ev::PayMethodChosen{PayMethod::card}
            << ev::PaymentApproved{ref(st), card()} << ev::RenewalFailed{ref(st), "x"}
            << ev::PaymentReversed{ref(st), true};
         return (st << ev::ReceiptPrinted{ref(st), false}).s;
       }},
      {"pending", [=](Lang l) { Steps st = paid(l); return (st << ev::RenewalUnknown{ref(st)}).s; }},
      {"out_of_service", [=](Lang l) { return (start(l) << ev::TerminalAvailabilityChanged{false}).s; }},
      {"out_of_service_journal", [=](Lang l) { return (start(l) << ev::JournalFailed{""}).s; }},
      // The catalog's last day is behind it: nothing may be sold until a newer one comes.
      {"out_of_service_catalog", [=](Lang l) {
         Steps st = start(l);
         BrandCatalog expired = st.s.catalog;
         expired.valid_until = add_days(Steps::today(), -1);
         return (st << ev::CatalogLoaded{expired}).s;
       }},
      // The longest reason a technician may give (control_commands.cpp: 80 characters).
      {"out_of_service_technician", [=](Lang l) {
         return (start(l) << ev::TakenOutOfService{
                     "Onderhoud printer, terug om 14:30 · Maintenance de l'imprimante, retour à 14h30."})
             .s;
       }},
      // A note chosen on the technician's screen, in the customer's language.
      {"out_of_service_note", [=](Lang l) { return (start(l) << ev::TakenOutOfService{"@back_hour"}).s; }},
      {"out_of_service_recovering", [=](Lang l) {
         JournalRecord lost{"BE-KIOSK-01-000000-0001", {JournalStep::intent, JournalStep::payment_started},
                            {{"amount_cents", "1000"}, {"method", "card"}}, ""};
         return (start(l) << ev::JournalReadBack{{lost}}).s;
       }},
  };
}

int write_gallery(const std::string& dir, UiHost& ui, const Catalogs& catalogs, const KioskSettings& settings,
                  const catalog::CatalogFile& catalog, speech::SpeechSynth& voice) {
  namespace fs = std::filesystem;
  nlohmann::json entries = nlohmann::json::array();
  int bad = 0;
  // Every theme with every text size; the first is the default look, named after the state alone.
  struct Look { bool high_contrast; bool large_text; const char* suffix; };
  const Look looks[] = {{false, false, ""}, {false, true, "+large"}, {true, false, "+high_contrast"},
                        {true, true, "+high_contrast+large"}};
  for (Lang lang : all_langs) {
    const std::string lang_dir = dir + "/" + std::string(lang_code(lang));
    fs::create_directories(lang_dir);
    for (const GalleryState& g : gallery_states(settings, catalog)) {
      double seconds = 0;
      for (const Look& look : looks) {
        State s = g.make(lang);
        s.session.high_contrast = look.high_contrast;
        s.session.large_text = look.large_text;
        const std::string name = g.name + look.suffix;
        ui.frame(s, catalogs);  // twice: the first frame places the widgets
        ui.frame(s, catalogs);
        std::string error;
        if (!ui.save_png(lang_dir + "/" + name + ".png", &error)) std::cerr << "gallery: " << error << "\n";
        const ui::FrameReport& r = ui.report();
        // The look does not change what is said: synthesise it once per state.
        if (look.suffix[0] == '\0') {
          const std::vector<speech::Segment> said = spoken_segments(r, s.session.lang);
          std::ofstream(lang_dir + "/" + g.name + ".txt") << spoken_text(said) << "\n";
          std::size_t samples = 0;
          for (const speech::Segment& seg : said) samples += voice.synthesize(seg.text, seg.lang).size();
          seconds = static_cast<double>(samples) / voice.sample_rate();
        }
        nlohmann::json entry = gallery_entry(lang, name, r, check_layout(r, true), &bad);
        entry["state"] = screen_name(s.screen);
        entry["theme"] = s.session.high_contrast ? "high_contrast" : "standard";
        entry["text_size"] = s.session.large_text ? "large" : "normal";
        entry["speech_seconds"] = std::round(seconds * 10) / 10;
        if (seconds <= 0 && !entry["problems"].get<bool>()) {  // a screen that says nothing
          entry["problems"] = true;
          ++bad;
        }
        entries.push_back(std::move(entry));
      }
    }
  }
  // The technician's pages, in the technician's languages, as they are: one theme and size,
  // and nothing spoken.
  for (Lang lang : technician_langs) {
    const std::string lang_dir = dir + "/" + std::string(lang_code(lang));
    for (const GalleryState& g : service_gallery_states(settings, catalog)) {
      const State s = g.make(lang);
      ui.frame(s, catalogs);
      ui.frame(s, catalogs);
      std::string error;
      if (!ui.save_png(lang_dir + "/" + g.name + ".png", &error)) std::cerr << "gallery: " << error << "\n";
      const ui::FrameReport& r = ui.report();
      nlohmann::json entry = gallery_entry(lang, g.name, r, check_layout(r, false), &bad);
      entry["state"] = "service_mode";
      entry["theme"] = "standard";
      entry["text_size"] = "normal";
      entries.push_back(std::move(entry));
    }
  }
  std::ofstream(dir + "/gallery.json") << entries.dump(2) << "\n";
  return bad;
}

}  // namespace kiosk::app
