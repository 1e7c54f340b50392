#include "software_renderer.hpp"

#include <imgui.h>
#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>
#include <vector>

#include "alpha_texture.hpp"
#include "rgba_image.hpp"

namespace kiosk::ui {

namespace {

// Pixel columns or rows whose centres lie in [from, to): the fill rule that lets shapes
// sharing an edge cover each pixel exactly once.
int first_centre(float from) { return static_cast<int>(std::ceil(from - 0.5f)); }

struct Clip {
  int x0, y0, x1, y1;  // [x0, x1) × [y0, y1)
};

// dst + (src - dst) × a, for the three colour channels of two packed pixels at once; a in 0..255.
inline std::uint32_t blend(std::uint32_t dst, std::uint32_t src, unsigned a) {
  if (a >= 255) return src | 0xFF000000u;
  const unsigned w = a + (a >> 7);  // 0..256
  const std::uint32_t rb = (((src & 0x00FF00FFu) * w + (dst & 0x00FF00FFu) * (256 - w)) >> 8) & 0x00FF00FFu;
  const std::uint32_t g = (((src & 0x0000FF00u) * w + (dst & 0x0000FF00u) * (256 - w)) >> 8) & 0x0000FF00u;
  return rb | g | 0xFF000000u;
}

inline unsigned alpha_of(ImU32 c) { return c >> IM_COL32_A_SHIFT; }

inline unsigned mul255(unsigned a, unsigned b) { return (a * b + 127) / 255; }

unsigned sample(const AlphaTexture* tex, float u, float v) {
  if (!tex) return 255;
  const int x = std::clamp(static_cast<int>(u * static_cast<float>(tex->width())), 0, tex->width() - 1);
  const int y = std::clamp(static_cast<int>(v * static_cast<float>(tex->height())), 0, tex->height() - 1);
  return tex->at(x, y);
}

// Bilinear: what a GPU does for Dear ImGui's textured anti-aliased lines, whose quads lay a few
// texels of coverage gradient across a line a few pixels wide. Nearest texels turned that
// gradient into hard edges that wandered by a pixel along a long outline (1 to 3 px thick).
unsigned sample_smooth(const AlphaTexture* tex, float u, float v) {
  if (!tex) return 255;
  const float x = u * static_cast<float>(tex->width()) - 0.5f, y = v * static_cast<float>(tex->height()) - 0.5f;
  const float fx = std::floor(x), fy = std::floor(y);
  const int x0 = static_cast<int>(fx), y0 = static_cast<int>(fy);
  const float wx = x - fx, wy = y - fy;
  auto at = [&](int tx, int ty) {
    return static_cast<float>(tex->at(std::clamp(tx, 0, tex->width() - 1), std::clamp(ty, 0, tex->height() - 1)));
  };
  const float top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * wx;
  const float bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * wx;
  return static_cast<unsigned>(std::clamp(top + (bottom - top) * wy + 0.5f, 0.0f, 255.0f));
}

class Raster {
 public:
  Raster(std::uint32_t* pixels, int stride) : pixels_(pixels), stride_(stride) {}

  void fill_span(int y, int x0, int x1, std::uint32_t rgb, unsigned a) {
    std::uint32_t* row = pixels_ + static_cast<std::ptrdiff_t>(y) * stride_;
    if (a >= 255) {
      std::fill(row + x0, row + x1, rgb | 0xFF000000u);
      return;
    }
    for (int x = x0; x < x1; ++x) row[x] = blend(row[x], rgb, a);
  }

  // An axis-aligned rectangle: plain, or a texture mapped onto it without rotation (glyphs).
  void quad(const ImDrawVert& tl, const ImDrawVert& br, const AlphaTexture* tex, const Clip& clip) {
    const float left = std::min(tl.pos.x, br.pos.x), right = std::max(tl.pos.x, br.pos.x);
    const float top = std::min(tl.pos.y, br.pos.y), bottom = std::max(tl.pos.y, br.pos.y);
    const int x0 = std::max(first_centre(left), clip.x0), x1 = std::min(first_centre(right), clip.x1);
    const int y0 = std::max(first_centre(top), clip.y0), y1 = std::min(first_centre(bottom), clip.y1);
    if (x0 >= x1 || y0 >= y1) return;
    const std::uint32_t rgb = tl.col & 0x00FFFFFFu;
    const unsigned a = alpha_of(tl.col);
    if (!tex || (tl.uv.x == br.uv.x && tl.uv.y == br.uv.y)) {
      const unsigned coverage = mul255(a, sample(tex, tl.uv.x, tl.uv.y));
      for (int y = y0; y < y1; ++y) fill_span(y, x0, x1, rgb, coverage);
      return;
    }
    // Nearest texel of each pixel centre; a glyph drawn at its own size maps one to one.
    const float du = (br.uv.x - tl.uv.x) / (br.pos.x - tl.pos.x) * static_cast<float>(tex->width());
    const float dv = (br.uv.y - tl.uv.y) / (br.pos.y - tl.pos.y) * static_cast<float>(tex->height());
    const float u0 = tl.uv.x * static_cast<float>(tex->width()) + (static_cast<float>(x0) + 0.5f - tl.pos.x) * du;
    const float v0 = tl.uv.y * static_cast<float>(tex->height()) + (static_cast<float>(y0) + 0.5f - tl.pos.y) * dv;
    columns_.resize(static_cast<std::size_t>(x1 - x0));
    for (int x = x0; x < x1; ++x)
      columns_[static_cast<std::size_t>(x - x0)] =
          std::clamp(static_cast<int>(u0 + static_cast<float>(x - x0) * du), 0, tex->width() - 1);
    for (int y = y0; y < y1; ++y) {
      const int ty = std::clamp(static_cast<int>(v0 + static_cast<float>(y - y0) * dv), 0, tex->height() - 1);
      const std::uint8_t* texels = tex->row(ty);
      std::uint32_t* row = pixels_ + static_cast<std::ptrdiff_t>(y) * stride_;
      for (int x = x0; x < x1; ++x) {
        const unsigned cover = texels[columns_[static_cast<std::size_t>(x - x0)]];
        if (cover) row[x] = blend(row[x], rgb, a == 255 ? cover : mul255(a, cover));
      }
    }
  }

  // A colour picture scaled into `dest` (bilinear, from the texel centres), blended by its alpha.
  void image(const RgbaImage& img, const ImVec4& dest, const ImVec2& origin, int width, int height) {
    if (img.width <= 0 || img.height <= 0) return;
    const float left = dest.x - origin.x, top = dest.y - origin.y;
    const float w = dest.z - dest.x, h = dest.w - dest.y;
    if (w <= 0 || h <= 0) return;
    const int x0 = std::max(0, first_centre(left)), x1 = std::min(width, first_centre(left + w));
    const int y0 = std::max(0, first_centre(top)), y1 = std::min(height, first_centre(top + h));
    const float sx = static_cast<float>(img.width) / w, sy = static_cast<float>(img.height) / h;
    for (int y = y0; y < y1; ++y) {
      const float ty = (static_cast<float>(y) + 0.5f - top) * sy - 0.5f;
      const int ty0 = std::clamp(static_cast<int>(std::floor(ty)), 0, img.height - 1);
      const int ty1 = std::min(ty0 + 1, img.height - 1);
      const float fy = std::clamp(ty - static_cast<float>(ty0), 0.0f, 1.0f);
      std::uint32_t* row = pixels_ + static_cast<std::ptrdiff_t>(y) * stride_;
      for (int x = x0; x < x1; ++x) {
        const float tx = (static_cast<float>(x) + 0.5f - left) * sx - 0.5f;
        const int tx0 = std::clamp(static_cast<int>(std::floor(tx)), 0, img.width - 1);
        const int tx1 = std::min(tx0 + 1, img.width - 1);
        const float fx = std::clamp(tx - static_cast<float>(tx0), 0.0f, 1.0f);
        // Weighted by alpha, so that transparent texels lend no colour to the edge.
        float acc[4] = {0, 0, 0, 0};
        const auto add = [&](std::uint32_t p, float wgt) {
          const float a = static_cast<float>(p >> 24) * wgt;
          acc[0] += static_cast<float>(p & 0xFF) * a;
          acc[1] += static_cast<float>((p >> 8) & 0xFF) * a;
          acc[2] += static_cast<float>((p >> 16) & 0xFF) * a;
          acc[3] += a;
        };
        add(img.at(tx0, ty0), (1 - fx) * (1 - fy));
        add(img.at(tx1, ty0), fx * (1 - fy));
        add(img.at(tx0, ty1), (1 - fx) * fy);
        add(img.at(tx1, ty1), fx * fy);
        if (acc[3] < 0.5f) continue;
        const auto channel = [&](int i) {
          return static_cast<std::uint32_t>(std::clamp(acc[i] / acc[3] + 0.5f, 0.0f, 255.0f));
        };
        const std::uint32_t rgb = channel(0) | channel(1) << 8 | channel(2) << 16;
        row[x] = blend(row[x], rgb, static_cast<unsigned>(std::clamp(acc[3] + 0.5f, 0.0f, 255.0f)));
      }
    }
  }

  void triangle(const ImDrawVert* p0, const ImDrawVert* p1, const ImDrawVert* p2, const AlphaTexture* tex,
                const Clip& clip) {
    // Top to bottom (ties left to right), so an edge two triangles share is computed alike.
    auto above = [](const ImDrawVert* a, const ImDrawVert* b) {
      return a->pos.y < b->pos.y || (a->pos.y == b->pos.y && a->pos.x < b->pos.x);
    };
    if (above(p1, p0)) std::swap(p0, p1);
    if (above(p2, p1)) std::swap(p1, p2);
    if (above(p1, p0)) std::swap(p0, p1);
    const ImVec2 a = p0->pos, b = p1->pos, c = p2->pos;
    const float det = (b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y);
    if (std::fabs(det) < 1e-6f) return;
    const int y0 = std::max(first_centre(a.y), clip.y0), y1 = std::min(first_centre(c.y), clip.y1);
    if (y0 >= y1) return;

    const bool flat_colour = p0->col == p1->col && p1->col == p2->col;
    const bool flat_uv = !tex || (p0->uv.x == p1->uv.x && p0->uv.x == p2->uv.x && p0->uv.y == p1->uv.y &&
                                  p0->uv.y == p2->uv.y);
    // Plane equations: value(x, y) = at_a + gx (x - a.x) + gy (y - a.y).
    float at_a[6], gx[6], gy[6];
    auto plane = [&](int k, float va, float vb, float vc) {
      at_a[k] = va;
      gx[k] = ((vb - va) * (c.y - a.y) - (vc - va) * (b.y - a.y)) / det;
      gy[k] = ((vc - va) * (b.x - a.x) - (vb - va) * (c.x - a.x)) / det;
    };
    if (!flat_colour)
      for (int k = 0; k < 4; ++k) {
        const int shift = 8 * k;
        plane(k, static_cast<float>((p0->col >> shift) & 0xFF), static_cast<float>((p1->col >> shift) & 0xFF),
              static_cast<float>((p2->col >> shift) & 0xFF));
      }
    if (!flat_uv) {
      plane(4, p0->uv.x, p1->uv.x, p2->uv.x);
      plane(5, p0->uv.y, p1->uv.y, p2->uv.y);
    }
    const unsigned flat_cover = flat_uv ? sample(tex, p0->uv.x, p0->uv.y) : 255;

    auto edge_x = [](ImVec2 from, ImVec2 to, float y) {
      return from.x + (y - from.y) * (to.x - from.x) / (to.y - from.y);
    };
    for (int y = y0; y < y1; ++y) {
      const float cy = static_cast<float>(y) + 0.5f;
      const float long_x = edge_x(a, c, cy);
      const float short_x = cy < b.y ? edge_x(a, b, cy) : edge_x(b, c, cy);
      const int x0 = std::max(first_centre(std::min(long_x, short_x)), clip.x0);
      const int x1 = std::min(first_centre(std::max(long_x, short_x)), clip.x1);
      if (x0 >= x1) continue;
      if (flat_colour && flat_uv) {
        fill_span(y, x0, x1, p0->col & 0x00FFFFFFu, mul255(alpha_of(p0->col), flat_cover));
        continue;
      }
      std::uint32_t* row = pixels_ + static_cast<std::ptrdiff_t>(y) * stride_;
      const float dx = static_cast<float>(x0) + 0.5f - a.x, dy = cy - a.y;
      float v[6];
      for (int k = 0; k < 6; ++k) v[k] = (k < 4 ? !flat_colour : !flat_uv) ? at_a[k] + gx[k] * dx + gy[k] * dy : 0;
      for (int x = x0; x < x1; ++x) {
        std::uint32_t rgb = p0->col & 0x00FFFFFFu;
        unsigned alpha = alpha_of(p0->col);
        if (!flat_colour) {
          auto channel = [&](int k) { return static_cast<unsigned>(std::clamp(v[k] + 0.5f, 0.0f, 255.0f)); };
          rgb = channel(0) | (channel(1) << 8) | (channel(2) << 16);
          alpha = channel(3);
        }
        const unsigned cover = flat_uv ? flat_cover : sample_smooth(tex, v[4], v[5]);
        if (const unsigned aa = mul255(alpha, cover)) row[x] = blend(row[x], rgb, aa);
        for (int k = 0; k < 6; ++k) v[k] += (k < 4 ? !flat_colour : !flat_uv) ? gx[k] : 0;
      }
    }
  }

 private:
  std::uint32_t* pixels_;
  int stride_;
  std::vector<int> columns_;
};

// Two triangles (a b c)(a c d) that make an axis-aligned rectangle of one colour, its texture
// (if any) laid on without rotation: what PrimRect and PrimRectUV make.
bool is_plain_quad(const ImDrawVert* v, const ImDrawIdx* idx) {
  if (idx[3] != idx[0] || idx[4] != idx[2]) return false;
  const ImDrawVert &a = v[idx[0]], &b = v[idx[1]], &c = v[idx[2]], &d = v[idx[5]];
  return a.col == b.col && a.col == c.col && a.col == d.col && a.pos.y == b.pos.y && b.pos.x == c.pos.x &&
         c.pos.y == d.pos.y && d.pos.x == a.pos.x && a.uv.y == b.uv.y && b.uv.x == c.uv.x && c.uv.y == d.uv.y &&
         d.uv.x == a.uv.x;
}

}  // namespace

namespace {
constexpr std::size_t huge_page = 2u << 20;
}

// A frame is 8 MB: in 2 MB pages where the kernel offers them (transparent huge pages on
// request), it costs four page faults instead of two thousand on the way to the first frame.
SoftwareRenderer::SoftwareRenderer(int width, int height) : width_(width), height_(height) {
  const std::size_t bytes = (static_cast<std::size_t>(width) * height * 4 + huge_page - 1) / huge_page * huge_page;
  void* memory = std::aligned_alloc(huge_page, bytes);
  if (!memory) throw std::bad_alloc();
  madvise(memory, bytes, MADV_HUGEPAGE);  // a hint: without it, ordinary pages
  pixels_.reset(static_cast<std::uint32_t*>(memory));
  clear(0);
}

SoftwareRenderer::~SoftwareRenderer() = default;
SoftwareRenderer::SoftwareRenderer(SoftwareRenderer&&) noexcept = default;

void SoftwareRenderer::Free::operator()(std::uint32_t* p) const { std::free(p); }

void SoftwareRenderer::clear(std::uint32_t rgba) {
  std::fill(pixels_.get(), pixels_.get() + static_cast<std::size_t>(width_) * height_, rgba | 0xFF000000u);
}

void SoftwareRenderer::render(const ImDrawData* data) {
  if (!data) return;
  Raster raster(pixels_.get(), width_);
  const ImVec2 origin = data->DisplayPos;
  for (int n = 0; n < data->CmdListsCount; ++n) {
    const ImDrawList* list = data->CmdLists[n];
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback == image_command) {
        raster.image(*static_cast<const RgbaImage*>(cmd.UserCallbackData), cmd.ClipRect, origin, width_, height_);
        continue;
      }
      if (cmd.UserCallback) {
        cmd.UserCallback(list, &cmd);
        continue;
      }
      const Clip clip{std::max(0, static_cast<int>(cmd.ClipRect.x - origin.x)),
                      std::max(0, static_cast<int>(cmd.ClipRect.y - origin.y)),
                      std::min(width_, static_cast<int>(cmd.ClipRect.z - origin.x)),
                      std::min(height_, static_cast<int>(cmd.ClipRect.w - origin.y))};
      if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1) continue;
      const auto* tex = static_cast<const AlphaTexture*>(cmd.GetTexID());
      const ImDrawVert* v = list->VtxBuffer.Data + cmd.VtxOffset;
      const ImDrawIdx* idx = list->IdxBuffer.Data + cmd.IdxOffset;
      const unsigned count = cmd.ElemCount;
      for (unsigned i = 0; i + 2 < count;) {
        if (i + 5 < count && is_plain_quad(v, idx + i)) {
          raster.quad(v[idx[i]], v[idx[i + 2]], tex, clip);
          i += 6;
          continue;
        }
        raster.triangle(&v[idx[i]], &v[idx[i + 1]], &v[idx[i + 2]], tex, clip);
        i += 3;
      }
    }
  }
}

}  // namespace kiosk::ui
