#pragma once
#include "view.hpp"

namespace kiosk::ui {

// Every language by its own name, two to a row in the lower two thirds, each said in its own
// voice; `selected` is highlighted. Emits LanguageChosen.
void draw_language_grid(const View& v, std::optional<Lang> selected);

}  // namespace kiosk::ui
