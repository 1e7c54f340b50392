#pragma once
#include <functional>
#include <string>
#include <vector>

#include "catalog/catalog_file.hpp"
#include "core/state.hpp"
#include "speech/speech_synth.hpp"
#include "ui_host.hpp"

namespace kiosk::app {

// A state worth seeing, reached through the core's own transitions.
struct GalleryState {
  std::string name;
  std::function<State(Lang)> make;
};

// `catalog`: the brands and plans the customer's screens show.
std::vector<GalleryState> gallery_states(const KioskSettings& settings, const catalog::CatalogFile& catalog);
// The technician's service-mode pages (gallery_service.cpp), made in each technician language.
std::vector<GalleryState> service_gallery_states(const KioskSettings& settings, const catalog::CatalogFile& catalog);

// Renders every gallery state in every language, with each theme and text size, to
// DIR/<lang>/<name>[+high_contrast][+large].png and writes
// DIR/gallery.json. Returns the number of images with missing glyphs or clipped text.
// Each state's speech is synthesised too (its text next to the PNG, its length in the JSON): a
// state that says nothing counts as a problem, and so does a control out of reach (in the top
// third, or under 120 px high), and so do controls that cover each other.
int write_gallery(const std::string& dir, UiHost& ui, const Catalogs& catalogs, const KioskSettings& settings,
                  const catalog::CatalogFile& catalog, speech::SpeechSynth& voice);

}  // namespace kiosk::app
