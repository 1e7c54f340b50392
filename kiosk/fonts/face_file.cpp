#include "face_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk {

namespace {

unsigned long read_at(FT_Stream stream, unsigned long offset, unsigned char* buffer, unsigned long count) {
  if (count == 0) return offset <= stream->size ? 0 : 1;  // a seek: 0 is success
  const int fd = static_cast<int>(stream->descriptor.value);
  unsigned long done = 0;
  while (done < count) {
    const ssize_t n = ::pread(fd, buffer + done, count - done, static_cast<off_t>(offset + done));
    if (n <= 0) break;
    done += static_cast<unsigned long>(n);
  }
  return done;
}

// FreeType calls this once, from FT_Done_Face (or a failed FT_Open_Face), and then leaves the
// stream alone: it is ours to free.
void close_stream(FT_Stream stream) {
  ::close(static_cast<int>(stream->descriptor.value));
  delete stream;
}

}  // namespace

FT_Face open_face(FT_Library library, const FontFile& file) {
  if (!file.found()) return nullptr;
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st{};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return nullptr;
  }
  auto* stream = new FT_StreamRec{};
  stream->size = static_cast<unsigned long>(st.st_size);
  stream->descriptor.value = fd;
  stream->read = read_at;
  stream->close = close_stream;
  FT_Open_Args args{};
  args.flags = FT_OPEN_STREAM;
  args.stream = stream;
  FT_Face face = nullptr;
  if (FT_Open_Face(library, &args, file.face_index, &face) != 0) return nullptr;  // the stream was closed
  return face;
}

}  // namespace kiosk
