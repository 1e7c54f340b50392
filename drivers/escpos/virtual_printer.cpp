#include "virtual_printer.hpp"

#include <algorithm>
#include <cstdio>

#include "codepages.hpp"
#include "mono_font.hpp"
#include "render/qr.hpp"

namespace kiosk::escpos {

namespace {

constexpr std::uint8_t HT = 0x09, LF = 0x0A, FF = 0x0C, CR = 0x0D, DLE = 0x10, CAN = 0x18, ESC = 0x1B, FS = 0x1C,
                       GS = 0x1D;

// One item of a text line: a character, a column bit image (ESC *), or blank space (ESC \).
struct Glyph {
  char32_t ch;
  int mul_w, mul_h;
  bool bold, underline, small;
  int image = -1;      // index into the line's images
  int space_dots = 0;  // a blank of this width when ch == 0 and image < 0
};

// One interpretation run: the printer's modes, the paper, and a cursor over the bytes.
class Run {
 public:
  Run(const std::uint8_t* d, std::size_t n, int width, MonoFont& font) : d_(d), n_(n), width_(width), font_(font) {
    out_.paper = Raster(width, 0);
  }

  Printout go() {
    while (pos_ < n_ && !stopped_) step();
    flush_line();
    return std::move(out_);
  }

 private:
  // ---- bytes ------------------------------------------------------------------------------
  bool need(std::size_t k, const char* what) {
    if (pos_ + k <= n_) return true;
    problem(std::string("truncated ") + what);
    return false;
  }
  std::uint8_t at(std::size_t k) const { return d_[pos_ + k]; }
  void problem(const std::string& what) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s at byte %zu", what.c_str(), pos_);
    out_.problems.emplace_back(buf);
    stopped_ = true;
  }
  void unknown(const std::string& what, std::size_t skip) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s at byte %zu", what.c_str(), pos_);
    out_.unknown.emplace_back(buf);
    pos_ += skip;
  }
  static std::string hex(std::uint8_t b) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02X", b);
    return buf;
  }

  // ---- paper --------------------------------------------------------------------------------
  bool grow(int rows) {
    if (y_ + rows > VirtualPrinter::max_paper_dots) {
      problem("paper longer than " + std::to_string(VirtualPrinter::max_paper_dots) + " dots");
      return false;
    }
    out_.paper.grow_to(y_ + rows);
    return true;
  }
  void advance(int dots) {
    if (grow(dots)) y_ += dots;
  }
  int area_left() const { return std::min(left_margin_, width_ - 1); }
  int area_width() const { return std::max(1, std::min(area_width_, width_ - area_left())); }
  int aligned_x(int content_w) const {
    const int free = std::max(0, area_width() - content_w);
    return area_left() + (align_ == 1 ? free / 2 : align_ == 2 ? free : 0);
  }

  void blit(const Raster& img, int mul_w, int mul_h) {
    flush_line();
    const int x0 = aligned_x(img.width * mul_w);
    if (!grow(img.height * mul_h)) return;
    for (int y = 0; y < img.height; ++y)
      for (int x = 0; x < img.width; ++x)
        if (img.at(x, y))
          for (int dy = 0; dy < mul_h; ++dy)
            for (int dx = 0; dx < mul_w; ++dx) out_.paper.set(x0 + x * mul_w + dx, y_ + y * mul_h + dy);
    y_ += img.height * mul_h;
  }

  // ---- text ---------------------------------------------------------------------------------
  int cell_w(const Glyph& g) const {
    if (g.image >= 0) return images_[static_cast<std::size_t>(g.image)].width;
    if (g.ch == 0) return g.space_dots;
    return g.small ? 9 : 12;
  }
  int cell_h(const Glyph& g) const {
    if (g.image >= 0) return images_[static_cast<std::size_t>(g.image)].height;
    if (g.ch == 0) return 0;
    return g.small ? 17 : 24;
  }
  int item_w(const Glyph& g) const { return g.image >= 0 || g.ch == 0 ? cell_w(g) : cell_w(g) * g.mul_w; }
  int item_h(const Glyph& g) const { return g.image >= 0 || g.ch == 0 ? cell_h(g) : cell_h(g) * g.mul_h; }

  void put_char(char32_t ch) { put_item(Glyph{ch, mul_w_, mul_h_, bold_, underline_, font_b_}); }

  void put_item(const Glyph& g) {
    make_room(item_w(g));
    line_.push_back(g);
  }

  // The printer wraps when the next item does not fit the line. Flushing drops the line's
  // images, so room is made before an image is added, never after.
  void make_room(int width) {
    int used = 0;
    for (const Glyph& q : line_) used += item_w(q);
    if (!line_.empty() && used + width > area_width()) flush_line(true);
  }

  void flush_line(bool force = false) {
    if (line_.empty()) {
      if (force) advance(line_spacing_);
      return;
    }
    int w = 0, h = 0;
    for (const Glyph& g : line_) {
      w += item_w(g);
      h = std::max(h, item_h(g));
    }
    const int rows = std::max(h, line_spacing_);
    if (!grow(rows)) return;
    int x = aligned_x(w);
    for (const Glyph& g : line_) {
      // Items sit on a common baseline: shorter ones are drawn lower.
      const int top = y_ + h - item_h(g);
      if (g.image >= 0) {
        const Raster& img = images_[static_cast<std::size_t>(g.image)];
        for (int iy = 0; iy < img.height; ++iy)
          for (int ix = 0; ix < img.width; ++ix)
            if (img.at(ix, iy)) out_.paper.set(x + ix, top + iy);
      } else if (g.ch != 0) {
        font_.draw(out_.paper, x, top, g.ch, cell_w(g), cell_h(g), g.mul_w, g.mul_h, g.bold);
        if (g.underline)
          for (int i = 0; i < item_w(g); ++i) out_.paper.set(x + i, y_ + h - 1);
      }
      x += item_w(g);
    }
    y_ += rows;
    line_.clear();
    images_.clear();
  }

  void reset_modes() {
    align_ = 0;
    bold_ = underline_ = font_b_ = false;
    mul_w_ = mul_h_ = 1;
    line_spacing_ = 30;
    left_margin_ = 0;
    area_width_ = width_;
    page_ = CodePage::pc437;
  }

  // ---- commands -----------------------------------------------------------------------------
  void step() {
    const std::uint8_t b = at(0);
    if (b >= 0x20) {
      put_char(decode_byte(b, page_));
      ++pos_;
      return;
    }
    switch (b) {
      case LF: flush_line(true); ++pos_; return;
      case CR: ++pos_; return;  // LF does the work in the usual (auto line feed off) set-up
      case FF: flush_line(true); ++pos_; return;
      case HT: {
        for (int i = 0; i < 8; ++i) put_char(U' ');
        ++pos_;
        return;
      }
      case CAN: line_.clear(); ++pos_; return;
      case ESC: esc(); return;
      case GS: gs(); return;
      case DLE: dle(); return;
      case FS: fs(); return;
      default: unknown("control byte " + hex(b), 1); return;
    }
  }

  void esc() {
    if (!need(2, "ESC")) return;
    const std::uint8_t c = at(1);
    auto arg = [&](const char* name) -> int {
      if (!need(3, name)) return -1;
      const int v = at(2);
      pos_ += 3;
      return v;
    };
    switch (c) {
      case '@': flush_line(); reset_modes(); pos_ += 2; return;
      case 'a': { int v = arg("ESC a"); if (v >= 0) align_ = (v % 48) > 2 ? 0 : v % 48; return; }
      case 'E': { int v = arg("ESC E"); if (v >= 0) bold_ = v & 1; return; }
      case 'G': { int v = arg("ESC G"); if (v >= 0) bold_ = v & 1; return; }  // double strike looks bold
      case '-': { int v = arg("ESC -"); if (v >= 0) underline_ = (v % 48) != 0; return; }
      case 'M': { int v = arg("ESC M"); if (v >= 0) font_b_ = (v % 48) == 1; return; }
      case '!': {
        int v = arg("ESC !");
        if (v < 0) return;
        font_b_ = v & 0x01;
        bold_ = v & 0x08;
        mul_h_ = (v & 0x10) ? 2 : 1;
        mul_w_ = (v & 0x20) ? 2 : 1;
        underline_ = v & 0x80;
        return;
      }
      case '2': line_spacing_ = 30; pos_ += 2; return;
      case '3': { int v = arg("ESC 3"); if (v >= 0) line_spacing_ = v; return; }
      case 'd': { int v = arg("ESC d"); if (v >= 0) { flush_line(); advance(v * line_spacing_); } return; }
      case 'J': { int v = arg("ESC J"); if (v >= 0) { flush_line(); advance(v); } return; }
      case 't': {
        int v = arg("ESC t");
        if (v == 0 || v == 1 || v == 19) page_ = static_cast<CodePage>(v);
        else if (v > 0) out_.unknown.push_back("code page " + std::to_string(v) + " (printed as PC437)");
        return;
      }
      case 'R': case 'V': case '{': case ' ': case 'c': case 'U': case '=': case 'r':
        arg("ESC option");  // modes that do not change how this paper looks
        return;
      case '$': {
        if (!need(4, "ESC $")) return;
        const int target = at(2) | (at(3) << 8);
        int used = 0;
        for (const Glyph& g : line_) used += item_w(g);
        if (target > used) put_item(Glyph{0, 1, 1, false, false, false, -1, target - used});
        pos_ += 4;
        return;
      }
      case '\\': {
        if (!need(4, "ESC \\")) return;
        const int dots = static_cast<std::int16_t>(at(2) | (at(3) << 8));
        if (dots > 0) put_item(Glyph{0, 1, 1, false, false, false, -1, dots});
        pos_ += 4;
        return;
      }
      case '*': column_image(); return;
      case 'p': {
        if (!need(5, "ESC p")) return;
        pos_ += 5;  // cash drawer pulse: nothing on paper
        return;
      }
      default: unknown("ESC " + (c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c)) : hex(c)), 2); return;
    }
  }

  void gs() {
    if (!need(2, "GS")) return;
    const std::uint8_t c = at(1);
    switch (c) {
      case 'v': raster_v0(); return;
      case '(': gs_paren(); return;
      case '8': gs_8l(); return;
      case 'V': cut(); return;
      case '!': {
        if (!need(3, "GS !")) return;
        mul_w_ = std::clamp(((at(2) >> 4) & 0x07) + 1, 1, 8);
        mul_h_ = std::clamp((at(2) & 0x07) + 1, 1, 8);
        pos_ += 3;
        return;
      }
      case 'L': {
        if (!need(4, "GS L")) return;
        left_margin_ = at(2) | (at(3) << 8);
        pos_ += 4;
        return;
      }
      case 'W': {
        if (!need(4, "GS W")) return;
        area_width_ = at(2) | (at(3) << 8);
        pos_ += 4;
        return;
      }
      case 'a': case 'r': case 'B': case 'H': case 'f': case 'h': case 'w': case 'b': case 'I':
        if (need(3, "GS option")) pos_ += 3;  // status back, reverse, barcode settings
        return;
      case 'e':  // presenter (Custom): eject the ticket
        if (need(4, "GS e")) pos_ += 4;
        return;
      case 'k': barcode(); return;
      default: unknown("GS " + (c >= 0x20 && c < 0x7F ? std::string(1, static_cast<char>(c)) : hex(c)), 2); return;
    }
  }

  void dle() {
    if (!need(2, "DLE")) return;
    const std::uint8_t c = at(1);
    if (c == 0x04 || c == 0x05) {  // DLE EOT n, DLE ENQ n: real-time, answered, never printed
      if (!need(3, "DLE EOT")) return;
      ++out_.status_requests;
      pos_ += 3;
      return;
    }
    if (c == 0x14) {  // DLE DC4 fn a b
      if (need(5, "DLE DC4")) pos_ += 5;
      return;
    }
    unknown("DLE " + hex(c), 2);
  }

  // FS: the Kanji (double-byte) commands. This printer prints single bytes; the settings are
  // taken and skipped by their lengths.
  void fs() {
    if (!need(2, "FS")) return;
    const std::uint8_t c = at(1);
    switch (c) {
      case '.': case '&': pos_ += 2; return;
      case '!': case '-': case 'C': case 'W':
        if (need(3, "FS option")) pos_ += 3;
        return;
      case 'S':
        if (need(4, "FS S")) pos_ += 4;
        return;
      case '(': {
        if (!need(5, "FS (")) return;
        const std::size_t len = at(3) | (at(4) << 8);
        if (need(5 + len, "FS ( data")) pos_ += 5 + len;
        return;
      }
      default: unknown("FS " + hex(c), 2); return;
    }
  }

  // ESC * m nL nH d…: a band of column bit image (8 or 24 dots tall) inside the text line.
  void column_image() {
    if (!need(5, "ESC *")) return;
    const int m = at(2);
    if (m != 0 && m != 1 && m != 32 && m != 33) {
      problem("ESC * with mode " + std::to_string(m));
      return;
    }
    const int columns = at(3) | (at(4) << 8);
    const int bytes_per_column = m >= 32 ? 3 : 1;
    const std::size_t size = static_cast<std::size_t>(columns) * bytes_per_column;
    if (columns == 0 || columns > 4096) {
      problem("ESC * with " + std::to_string(columns) + " columns");
      return;
    }
    if (!need(5 + size, "ESC * image data")) return;
    const int stretch = (m == 0 || m == 32) ? 2 : 1;  // single density: each column twice as wide
    Raster band(columns * stretch, bytes_per_column * 8);
    for (int col = 0; col < columns; ++col)
      for (int k = 0; k < bytes_per_column; ++k) {
        const std::uint8_t v = at(5 + static_cast<std::size_t>(col) * bytes_per_column + k);
        for (int bit = 0; bit < 8; ++bit)
          if (v & (0x80 >> bit))
            for (int sx = 0; sx < stretch; ++sx) band.set(col * stretch + sx, k * 8 + bit);
      }
    pos_ += 5 + size;
    make_room(band.width);
    images_.push_back(std::move(band));
    line_.push_back(Glyph{0, 1, 1, false, false, false, static_cast<int>(images_.size() - 1), 0});
  }

  // GS v 0 m xL xH yL yH d1…dk
  void raster_v0() {
    if (!need(8, "GS v 0")) return;
    if (at(2) != '0') {
      unknown("GS v " + hex(at(2)), 3);
      return;
    }
    const int m = at(3) >= 48 ? at(3) - 48 : at(3);
    if (m > 3) {
      problem("GS v 0 with mode " + std::to_string(at(3)));
      return;
    }
    const int xbytes = at(4) | (at(5) << 8);
    const int rows = at(6) | (at(7) << 8);
    const std::size_t size = static_cast<std::size_t>(xbytes) * rows;
    if (xbytes == 0 || rows == 0 || rows > 4095) {
      problem("GS v 0 with " + std::to_string(xbytes) + " bytes × " + std::to_string(rows) + " rows");
      return;
    }
    if (!need(8 + size, "GS v 0 image data")) return;
    Raster img(xbytes * 8, rows);
    for (int y = 0; y < rows; ++y)
      for (int xb = 0; xb < xbytes; ++xb) {
        const std::uint8_t v = at(8 + static_cast<std::size_t>(y) * xbytes + xb);
        for (int bit = 0; bit < 8; ++bit)
          if (v & (0x80 >> bit)) img.set(xb * 8 + bit, y);
      }
    pos_ += 8 + size;
    blit(img, (m & 1) ? 2 : 1, (m & 2) ? 2 : 1);
  }

  // GS ( k (2-D codes) and GS ( L (graphics): pL pH then that many bytes.
  void gs_paren() {
    if (!need(5, "GS (")) return;
    const std::uint8_t kind = at(2);
    const std::size_t len = at(3) | (at(4) << 8);
    if (!need(5 + len, "GS ( data")) return;
    const std::uint8_t* p = d_ + pos_ + 5;
    if (kind == 'k') symbol(p, len);
    else if (kind == 'L') graphics(p, len);
    else if (kind == 'E' || kind == 'A' || kind == 'C' || kind == 'D' || kind == 'H' || kind == 'K' || kind == 'M' ||
             kind == 'N' || kind == 'P' || kind == 'Q' || kind == 'z')
      out_.unknown.push_back(std::string("GS ( ") + static_cast<char>(kind) + " at byte " + std::to_string(pos_));
    else
      out_.unknown.push_back("GS ( " + hex(kind) + " at byte " + std::to_string(pos_));
    pos_ += 5 + len;
  }

  // GS 8 L p1 p2 p3 p4 m fn …: GS ( L with a four-byte length.
  void gs_8l() {
    if (!need(7, "GS 8 L")) return;
    if (at(2) != 'L') {
      unknown("GS 8 " + hex(at(2)), 3);
      return;
    }
    const std::size_t len = static_cast<std::size_t>(at(3)) | (static_cast<std::size_t>(at(4)) << 8) |
                            (static_cast<std::size_t>(at(5)) << 16) | (static_cast<std::size_t>(at(6)) << 24);
    if (len > n_ || !need(7 + len, "GS 8 L data")) {
      if (!stopped_) problem("GS 8 L longer than the stream");
      return;
    }
    graphics(d_ + pos_ + 7, len);
    pos_ += 7 + len;
  }

  // m fn [params]: fn 112 stores a raster in the graphics buffer, fn 50 prints it.
  void graphics(const std::uint8_t* p, std::size_t len) {
    if (len < 2) return;
    const std::uint8_t fn = p[1];
    if (fn == 112 && len >= 10) {
      const int bx = p[3], by = p[4];
      const int w = p[6] | (p[7] << 8), h = p[8] | (p[9] << 8);
      const std::size_t need_bytes = static_cast<std::size_t>((w + 7) / 8) * h;
      if (w == 0 || h == 0 || h > 4095 || 10 + need_bytes > len || bx < 1 || bx > 2 || by < 1 || by > 2) {
        out_.unknown.push_back("GS ( L fn 112 with a bad size");
        return;
      }
      stored_ = Raster(w, h);
      stored_bx_ = bx;
      stored_by_ = by;
      const int stride = (w + 7) / 8;
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
          if (p[10 + y * stride + x / 8] & (0x80 >> (x % 8))) stored_.set(x, y);
    } else if (fn == 50 || fn == 2) {
      if (stored_.width > 0) blit(stored_, stored_bx_, stored_by_);
    } else if (fn != 48 && fn != 49 && fn != 1) {  // 48/49/1: tone and density queries
      out_.unknown.push_back("GS ( L fn " + std::to_string(fn));
    }
  }

  // cn fn [params] for the QR code (cn 49); other symbols are listed.
  void symbol(const std::uint8_t* p, std::size_t len) {
    if (len < 2) return;
    const std::uint8_t cn = p[0], fn = p[1];
    if (cn != 49) {
      out_.unknown.push_back("GS ( k symbol " + std::to_string(cn) + " (only QR is drawn)");
      return;
    }
    switch (fn) {
      case 65: break;  // model: 2 is what everyone sends
      case 67: if (len >= 3) qr_module_ = std::clamp<int>(p[2], 1, 16); break;
      case 69: if (len >= 3) qr_level_ = p[2]; break;
      case 80: if (len >= 3) qr_data_.assign(reinterpret_cast<const char*>(p + 3), len - 3); break;
      case 81: {
        const Raster code = qr_raster(qr_data_, qr_module_, std::clamp(qr_level_ - 48, 0, 3));
        if (code.width > 0) blit(code, 1, 1);
        else out_.unknown.push_back("GS ( k print with no stored QR data");
        break;
      }
      default: out_.unknown.push_back("GS ( k QR fn " + std::to_string(fn)); break;
    }
  }

  // GS V m [n]: full or partial cut, optionally after feeding n.
  void cut() {
    if (!need(3, "GS V")) return;
    const std::uint8_t m = at(2);
    int feed = 0;
    std::size_t len = 3;
    if (m == 65 || m == 66 || m == 97 || m == 98 || m == 103 || m == 104) {
      if (!need(4, "GS V n")) return;
      feed = at(3);
      len = 4;
    } else if (m != 0 && m != 1 && m != 48 && m != 49) {
      unknown("GS V " + std::to_string(m), 3);
      return;
    }
    pos_ += len;
    flush_line();
    advance(feed);
    // The cut: a dashed line across the paper.
    if (!grow(3)) return;
    for (int x = 0; x < width_; x += 16)
      for (int dx = 0; dx < 8 && x + dx < width_; ++dx) out_.paper.set(x + dx, y_ + 1);
    out_.cut_rows.push_back(y_ + 1);
    ++out_.cuts;
    y_ += 3;
  }

  // GS k: barcodes are listed and skipped by their own length rules.
  void barcode() {
    if (!need(3, "GS k")) return;
    const std::uint8_t m = at(2);
    std::size_t end = pos_ + 3;
    if (m <= 6) {
      while (end < n_ && d_[end] != 0) ++end;
      if (end >= n_) return problem("GS k without its NUL");
      ++end;
    } else {
      if (!need(4, "GS k n")) return;
      end = pos_ + 4 + at(3);
      if (end > n_) return problem("truncated GS k data");
    }
    out_.unknown.push_back("GS k barcode " + std::to_string(m) + " at byte " + std::to_string(pos_));
    pos_ = end;
  }

  const std::uint8_t* d_;
  std::size_t n_;
  std::size_t pos_ = 0;
  bool stopped_ = false;
  int width_;
  MonoFont& font_;
  Printout out_;
  int y_ = 0;
  std::vector<Glyph> line_;
  std::vector<Raster> images_;  // ESC * bands of the current line
  int align_ = 0, line_spacing_ = 30, left_margin_ = 0, area_width_ = 0;
  bool bold_ = false, underline_ = false, font_b_ = false;
  int mul_w_ = 1, mul_h_ = 1;
  CodePage page_ = CodePage::pc437;
  Raster stored_;
  int stored_bx_ = 1, stored_by_ = 1;
  std::string qr_data_;
  int qr_module_ = 3, qr_level_ = 48;

 public:
  void init() { reset_modes(); }
};

}  // namespace

VirtualPrinter::VirtualPrinter(int width_dots) : width_(std::clamp(width_dots, 8, 4096)), font_(MonoFont::create()) {}
VirtualPrinter::~VirtualPrinter() = default;

Printout VirtualPrinter::print(const std::uint8_t* data, std::size_t size) {
  Run run(data, size, width_, *font_);
  run.init();
  return run.go();
}

}  // namespace kiosk::escpos
