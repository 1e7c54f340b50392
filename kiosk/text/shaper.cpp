#include "shaper.hpp"

#include <fribidi.h>
#include <ft2build.h>
#include FT_ADVANCES_H
#include <hb.h>

#include <algorithm>

#include "core/utf8.hpp"
#include "fonts/face_set.hpp"

namespace kiosk {

namespace {

bool is_rtl_letter(char32_t cp) {
  const FriBidiCharType t = fribidi_get_bidi_type(static_cast<FriBidiChar>(cp));
  return t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL;
}

struct Run {
  std::size_t start, end;  // logical [start, end)
  FriBidiLevel level;
};

// Unicode's rule L2 on whole level runs: from the highest level down to the lowest odd one,
// reverse every stretch of runs at that level or above.
void reorder(std::vector<Run>& runs) {
  FriBidiLevel highest = 0, lowest_odd = 255;
  for (const Run& r : runs) {
    highest = std::max(highest, r.level);
    if (r.level % 2) lowest_odd = std::min(lowest_odd, r.level);
  }
  for (int level = highest; level >= lowest_odd && level > 0; --level) {
    for (std::size_t i = 0; i < runs.size();) {
      if (runs[i].level < level) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < runs.size() && runs[j].level >= level) ++j;
      std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i), runs.begin() + static_cast<std::ptrdiff_t>(j));
      i = j;
    }
  }
}

// The runs of a line in visual order; bidi controls are left out.
std::vector<Run> visual_runs(const std::vector<char32_t>& cps, bool rtl) {
  std::vector<FriBidiLevel> levels(cps.size(), 0);
  if (rtl) {
    const auto n = static_cast<FriBidiStrIndex>(cps.size());
    std::vector<FriBidiChar> chars(cps.begin(), cps.end());
    std::vector<FriBidiCharType> types(cps.size());
    std::vector<FriBidiBracketType> brackets(cps.size());
    fribidi_get_bidi_types(chars.data(), n, types.data());
    fribidi_get_bracket_types(chars.data(), n, types.data(), brackets.data());
    FriBidiParType base = FRIBIDI_PAR_RTL;
    // Out of memory: logical order beats nothing.
    if (fribidi_get_par_embedding_levels_ex(types.data(), brackets.data(), n, &base, levels.data()) == 0)
      std::fill(levels.begin(), levels.end(), 0);
  }
  std::vector<Run> runs;
  for (std::size_t i = 0; i < cps.size(); ++i) {
    if (is_bidi_control(cps[i])) continue;
    if (!runs.empty() && runs.back().end == i && runs.back().level == levels[i]) {
      runs.back().end = i + 1;
    } else {
      runs.push_back({i, i + 1, levels[i]});
    }
  }
  reorder(runs);
  return runs;
}

// Marks and joiners belong to the character before them, whatever face has them on its own.
bool joins_previous(char32_t cp) {
  switch (hb_unicode_general_category(hb_unicode_funcs_get_default(), cp)) {
    case HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK:
    case HB_UNICODE_GENERAL_CATEGORY_FORMAT:
      return true;
    default:
      return false;
  }
}

}  // namespace

struct Shaper::Impl {
  std::shared_ptr<FaceSet> set;
  // HarfBuzz fonts of the Latin and Arabic faces by weight, in font units, made on first use.
  // Their tables are the FaceSet's, shared with every other shaper.
  struct Font {
    bool tried = false;
    hb_font_t* font = nullptr;
  };
  Font fonts[2][face_slot_count];
  hb_buffer_t* buffer = nullptr;
  std::vector<hb_codepoint_t> text;  // the line's code points, the context of every piece

  ~Impl() {
    for (auto& weight : fonts)
      for (Font& f : weight)
        if (f.font) hb_font_destroy(f.font);
    if (buffer) hb_buffer_destroy(buffer);
  }

  // The face of a slot and weight; a missing bold face gives way to the regular one, as it
  // does for the renderers.
  FaceSet::Role role(FaceSlot slot, bool bold) const {
    const auto regular = static_cast<FaceSet::Role>(static_cast<int>(slot) * 2);
    const auto heavy = static_cast<FaceSet::Role>(regular + 1);
    return bold && set->get(heavy) ? heavy : regular;
  }
  FT_Face ft(FaceSlot slot, bool bold) const { return set->get(role(slot, bold)); }

  hb_font_t* font(FaceSlot slot, bool bold) {
    Font& f = fonts[bold ? 1 : 0][static_cast<int>(slot)];
    if (!f.tried) {
      f.tried = true;
      if (hb_face_t* face = set->harfbuzz(role(slot, bold))) {
        f.font = hb_font_create(face);
        const int upem = static_cast<int>(hb_face_get_upem(face));
        hb_font_set_scale(f.font, upem, upem);
      }
    }
    return f.font;
  }

  bool has(FaceSlot slot, bool bold, char32_t cp) {
    if (slot == FaceSlot::cjk) {
      FT_Face face = ft(slot, bold);
      return face && FT_Get_Char_Index(face, cp) != 0;
    }
    hb_font_t* f = font(slot, bold);
    hb_codepoint_t glyph = 0;
    return f && hb_font_get_nominal_glyph(f, cp, &glyph);
  }

  // Appends [start, end) of the line, all from one face, in visual order.
  void shape_piece(FaceSlot slot, bool bold, bool rtl, std::size_t start, std::size_t end, ShapedLine& out) {
    const std::size_t first = out.size();
    if (slot == FaceSlot::cjk) {
      FT_Face face = ft(slot, bold);
      for (std::size_t i = start; i < end; ++i) {
        ShapedGlyph g;
        g.cp = static_cast<char32_t>(text[i]);
        const FT_UInt index = FT_Get_Char_Index(face, g.cp);
        FT_Fixed advance = 0;
        if (index != 0 && FT_Get_Advance(face, index, FT_LOAD_NO_SCALE, &advance) == 0) g.advance = static_cast<std::int32_t>(advance);
        g.id = ShapedGlyph::make_id(slot, index);
        out.push_back(g);
      }
      if (rtl) std::reverse(out.begin() + static_cast<std::ptrdiff_t>(first), out.end());
      return;
    }
    hb_buffer_clear_contents(buffer);
    hb_buffer_add_codepoints(buffer, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(start),
                             static_cast<int>(end - start));
    hb_buffer_set_direction(buffer, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_guess_segment_properties(buffer);
    hb_shape(font(slot, bold), buffer, nullptr, 0);
    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer, &count);
    for (unsigned i = 0; i < count; ++i) {
      ShapedGlyph g;
      g.id = ShapedGlyph::make_id(slot, info[i].codepoint);
      g.cp = static_cast<char32_t>(text[info[i].cluster]);
      g.x_offset = pos[i].x_offset;
      g.y_offset = pos[i].y_offset;
      g.advance = pos[i].x_advance;
      out.push_back(g);
    }
  }

  // A bidi run cut into pieces of one face each; a right-to-left run's pieces go right to left.
  void shape_run(const Run& run, bool bold, ShapedLine& out) {
    const bool rtl = run.level % 2;
    // The face a character is looked for in first: Arabic for right-to-left runs, whose
    // punctuation and spaces then join the words around them.
    static constexpr FaceSlot ltr_order[] = {FaceSlot::latin, FaceSlot::cjk, FaceSlot::arabic};
    static constexpr FaceSlot rtl_order[] = {FaceSlot::arabic, FaceSlot::latin, FaceSlot::cjk};
    struct Piece {
      std::size_t start, end;
      FaceSlot slot;
      bool missing;
    };
    std::vector<Piece> pieces;
    for (std::size_t i = run.start; i < run.end; ++i) {
      const char32_t cp = static_cast<char32_t>(text[i]);
      if (is_bidi_control(cp)) continue;
      if (!pieces.empty() && !pieces.back().missing && pieces.back().end == i && joins_previous(cp) &&
          has(pieces.back().slot, bold, cp)) {
        pieces.back().end = i + 1;
        continue;
      }
      Piece p{i, i + 1, FaceSlot::latin, true};
      for (FaceSlot slot : rtl ? rtl_order : ltr_order)
        if (has(slot, bold, cp)) {
          p.slot = slot;
          p.missing = false;
          break;
        }
      if (!p.missing && !pieces.empty() && !pieces.back().missing && pieces.back().end == i && pieces.back().slot == p.slot) {
        pieces.back().end = i + 1;
      } else {
        pieces.push_back(p);
      }
    }
    if (rtl) std::reverse(pieces.begin(), pieces.end());
    for (const Piece& p : pieces) {
      if (p.missing) {
        ShapedGlyph g;
        g.cp = static_cast<char32_t>(text[p.start]);
        out.push_back(g);
      } else {
        shape_piece(p.slot, bold, rtl, p.start, p.end, out);
      }
    }
  }
};

Shaper::Shaper(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Shaper::~Shaper() = default;

std::unique_ptr<Shaper> Shaper::create(std::shared_ptr<FaceSet> faces, std::string* error) {
  auto impl = std::make_unique<Impl>();
  impl->set = std::move(faces);
  // Faces open when a line needs them: lines kept from the last start need none.
  if (!impl->set->files().latin.found()) {
    if (error) *error = "Noto Sans not found (Debian package fonts-noto-core)";
    return nullptr;
  }
  if (!impl->set->files().arabic.found()) {
    if (error) *error = "Noto Sans Arabic not found (Debian package fonts-noto-core)";
    return nullptr;
  }
  impl->buffer = hb_buffer_create();
  if (!hb_buffer_allocation_successful(impl->buffer)) {
    if (error) *error = "out of memory for HarfBuzz";
    return nullptr;
  }
  return std::unique_ptr<Shaper>(new Shaper(std::move(impl)));
}

bool Shaper::has_rtl(std::string_view utf8) {
  for (std::size_t i = 0; i < utf8.size();) {
    // Two-byte sequences from 0xD6 (U+0590 up) onwards hold Hebrew and Arabic; everything below
    // is left to right, most text is ASCII and skips the decoding.
    if (static_cast<unsigned char>(utf8[i]) < 0xD6) {
      ++i;
      continue;
    }
    if (is_rtl_letter(utf8_next(utf8, &i))) return true;
  }
  return false;
}

Shaper::Lines Shaper::cached() const { return Lines(cache_.begin(), cache_.end()); }

void Shaper::preload(const Lines& lines) const {
  for (const auto& [key, glyphs] : lines)
    if (cache_.size() < 8192) cache_.try_emplace(key, glyphs);
}

std::string Shaper::engine() {
  return std::string("HarfBuzz ") + hb_version_string() + ", FriBidi " + FRIBIDI_VERSION;
}

const ShapedLine& Shaper::shape(std::string_view logical, bool rtl, bool bold) const {
  if (cache_.size() > 8192) cache_.clear();
  std::string key;
  key.reserve(logical.size() + 2);
  key += rtl ? 'R' : 'L';
  key += bold ? 'b' : 'r';
  key += logical;
  auto [it, fresh] = cache_.try_emplace(std::move(key));
  if (!fresh) return it->second;
  const std::vector<char32_t> cps = utf8_decode(logical);
  impl_->text.assign(cps.begin(), cps.end());
  for (const Run& run : visual_runs(cps, rtl)) impl_->shape_run(run, bold, it->second);
  return it->second;
}

}  // namespace kiosk
