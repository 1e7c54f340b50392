// Speech: what is said (pure), and espeak-ng turning it into samples in every language.
#include <catch2/catch.hpp>

#include "speech/speech_synth.hpp"
#include "speech/spoken_text.hpp"

using namespace kiosk;
using namespace kiosk::speech;

TEST_CASE("A phone number or a code is said digit by digit, with its groups as pauses") {
  CHECK(spell_digits("0470 12 34 56") == "0 4 7 0, 1 2, 3 4, 5 6");
  CHECK(spell_digits("482913") == "4 8 2 9 1 3");
  CHECK(spell_digits("") == "");
}

TEST_CASE("A screen's pieces become one utterance with a pause between them, a repeat said once") {
  CHECK(utterance({{"Choose your language", false}, {"Start in English", false}, {"Start in English", false}}) ==
        "Choose your language. Start in English");
  CHECK(utterance({{"Is this your number?", false}, {"0470 12 34 56", true}}) == "Is this your number? 0 4 7 0, 1 2, 3 4, 5 6");
  CHECK(utterance({{"请输入您的手机号码", false}, {"下一步", false}}) == "请输入您的手机号码。 下一步");
  CHECK(utterance({}).empty());
}

TEST_CASE("Words that come back further on the screen are said again where they belong") {
  // The summary: a total equal to the price, "Yes" for both the receipt and the SMS.
  CHECK(utterance({{"Price", false}, {"€10.00", false}, {"Total to pay", false}, {"€10.00", false},
                   {"Printed receipt", false}, {"Yes", false}, {"SMS confirmation", false}, {"Yes", false}}) ==
        "Price. €10.00. Total to pay. €10.00. Printed receipt. Yes. SMS confirmation. Yes");
}

TEST_CASE("espeak-ng speaks every language of the kiosk into a buffer, no sound device needed") {
  std::string error;
  auto synth = SpeechSynth::create(&error);
  INFO(error);
  REQUIRE(synth);
  CHECK(synth->sample_rate() > 8000);
  const std::pair<Lang, const char*> phrases[] = {{Lang::nl, "Kies uw taal"},
                                                  {Lang::fr, "Choisissez votre langue"},
                                                  {Lang::de, "Wählen Sie Ihre Sprache"},
                                                  {Lang::en, "Choose your language"},
                                                  {Lang::zh, "请选择语言"}};
  for (const auto& [lang, text] : phrases) {
    INFO(lang_code(lang));
    const auto samples = synth->synthesize(text, lang);
    CHECK(samples.size() > static_cast<std::size_t>(synth->sample_rate() / 4));  // more than a quarter second
    // Sound, not silence.
    int loud = 0;
    for (std::int16_t s : samples) loud += s > 1000 || s < -1000;
    CHECK(loud > 100);
  }
  // More words, more speech.
  CHECK(synth->synthesize("Choose your language, then tap start to renew your plan", Lang::en).size() >
        synth->synthesize("Choose", Lang::en).size());
}

TEST_CASE("Pieces in other languages are said with their own voice, in order") {
  const auto s = segments({{"Choose your language", false, std::nullopt},
                           {"Nederlands", false, Lang::nl},
                           {"Start in het Nederlands", false, Lang::nl},
                           {"Français", false, Lang::fr},
                           {"Need help?", false, std::nullopt}},
                          Lang::en);
  REQUIRE(s.size() == 4);
  CHECK(s[0].lang == Lang::en);
  CHECK(s[1].lang == Lang::nl);
  CHECK(s[1].text == "Nederlands. Start in het Nederlands");
  CHECK(s[2].lang == Lang::fr);
  CHECK(s[3].lang == Lang::en);
  CHECK(segments({}, Lang::en).empty());
}
