#include "font_location_cache.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

namespace kiosk {

namespace {

// Bumped whenever find_fonts() asks for something else: an old answer is then not used.
constexpr const char* header = "kiosk-font-locations 1";

// What fontconfig's answer depends on besides the font files themselves.
constexpr const char* sources[] = {"/etc/fonts/fonts.conf", "/etc/fonts/conf.d", "/etc/fonts/local.conf",
                                   "/var/cache/fontconfig"};

// "size:mtime" of a path, "absent" if there is none.
std::string stamp(const std::string& path) {
  struct stat st{};
  if (::stat(path.c_str(), &st) != 0) return "absent";
  return std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

struct Role {
  const char* name;
  FontFile FontSet::*file;
};
constexpr Role roles[] = {{"latin", &FontSet::latin}, {"latin_bold", &FontSet::latin_bold},
                          {"cjk", &FontSet::cjk},     {"cjk_bold", &FontSet::cjk_bold},
                          {"arabic", &FontSet::arabic}, {"arabic_bold", &FontSet::arabic_bold}};

std::string describe(const FontSet& fonts) {
  std::ostringstream out;
  out << header << "\n";
  for (const char* s : sources) out << "source " << stamp(s) << " " << s << "\n";
  for (const Role& r : roles) {
    const FontFile& f = fonts.*r.file;
    out << "font " << r.name << " " << f.face_index << " " << stamp(f.path) << " " << f.path << "\n";
  }
  out << "end\n";
  return out.str();
}

// The fonts the file names, if it is whole and everything it was made from is as it was;
// otherwise the reason it cannot be used.
bool read_cache(const std::string& path, FontSet* out, std::string* why) {
  std::ifstream in(path);
  if (!in) return *why = "", false;  // a first run: nothing to report
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line) && lines.size() < 32;) lines.push_back(line);
  if (lines.empty() || lines.front() != header || lines.back() != "end") return *why = "damaged or from another version", false;
  std::size_t i = 1;
  for (const char* s : sources) {
    if (i >= lines.size() || lines[i] != "source " + stamp(s) + " " + s)
      return *why = std::string("fontconfig changed (") + s + ")", false;
    ++i;
  }
  FontSet fonts;
  for (const Role& r : roles) {
    if (i >= lines.size()) return *why = "damaged", false;
    std::istringstream line(lines[i++]);
    std::string word, name, recorded, file;
    int index = -1;
    if (!(line >> word >> name >> index >> recorded) || word != "font" || name != r.name || index < 0)
      return *why = "damaged", false;
    line.get();  // the one space before the path, which may hold spaces itself
    std::getline(line, file);
    if (file.empty() || file.front() != '/') return *why = "damaged", false;
    const std::string now = stamp(file);
    if (now == "absent" || now != recorded) return *why = "font file changed (" + file + ")", false;
    fonts.*r.file = FontFile{file, index};
  }
  if (i + 1 != lines.size()) return *why = "damaged", false;
  *out = fonts;
  return true;
}

bool complete(const FontSet& fonts) {
  for (const Role& r : roles)
    if (!(fonts.*r.file).found()) return false;
  return true;
}

// Written aside and renamed: a reader sees the old file or the new one, never half of one.
void write_cache(const std::string& path, const FontSet& fonts) {
  // Its own name aside: kiosks started together on one machine share the cache folder.
  const std::string aside = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(aside, std::ios::trunc);
    out << describe(fonts);
    if (!out.flush()) {
      std::remove(aside.c_str());
      return;
    }
  }
  if (std::rename(aside.c_str(), path.c_str()) != 0) std::remove(aside.c_str());
}

}  // namespace

std::string font_files_stamp(const FontSet& fonts) {
  std::string out;
  for (const Role& r : roles) {
    const FontFile& f = fonts.*r.file;
    out += std::string(r.name) + " " + std::to_string(f.face_index) + " " + stamp(f.path) + " " + f.path + "\n";
  }
  return out;
}

FontLookup find_fonts_cached(const std::string& cache_path) {
  FontLookup result;
  // A fontconfig pointed elsewhere by the environment is not what the file was made from.
  if (std::getenv("FONTCONFIG_FILE") || std::getenv("FONTCONFIG_PATH")) {
    result.fonts = find_fonts();
    return result;
  }
  if (read_cache(cache_path, &result.fonts, &result.note)) {
    result.from_cache = true;
    return result;
  }
  result.fonts = find_fonts();
  // Only a whole answer is kept: a missing font is looked for again at the next start.
  if (complete(result.fonts)) write_cache(cache_path, result.fonts);
  return result;
}

}  // namespace kiosk
