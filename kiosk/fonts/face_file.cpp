#include "face_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

namespace kiosk {

namespace {

// The file behind a face, with a few blocks of it kept: FreeType reads a glyph as many small
// pieces (its location, then its outline or charstring, its metrics), mostly near each other,
// and one system call per piece made pread a tenth of the start's time.
struct BlockFile {
  static constexpr unsigned long block_size = 4096;
  static constexpr int blocks = 8;  // 32 KiB a face
  struct Block {
    unsigned long start = ~0UL;
    unsigned long length = 0;
    unsigned char data[block_size];
  };
  int fd = -1;
  Block cache[blocks];
  int next = 0;  // the block to fill next, round robin

  // Whole-file reads, however the kernel splits them; fewer bytes only at the end of the file.
  unsigned long pread_all(unsigned long offset, unsigned char* out, unsigned long count) const {
    unsigned long done = 0;
    while (done < count) {
      const ssize_t n = ::pread(fd, out + done, count - done, static_cast<off_t>(offset + done));
      if (n <= 0) break;
      done += static_cast<unsigned long>(n);
    }
    return done;
  }

  const Block* block_at(unsigned long start) {
    for (const Block& b : cache)
      if (b.start == start) return &b;
    Block& b = cache[next];
    next = (next + 1) % blocks;
    b.length = pread_all(start, b.data, block_size);
    b.start = b.length > 0 ? start : ~0UL;
    return &b;
  }
};

unsigned long read_at(FT_Stream stream, unsigned long offset, unsigned char* buffer, unsigned long count) {
  if (count == 0) return offset <= stream->size ? 0 : 1;  // a seek: 0 is success
  auto* file = static_cast<BlockFile*>(stream->descriptor.pointer);
  if (count > BlockFile::block_size / 2) return file->pread_all(offset, buffer, count);
  unsigned long done = 0;
  while (done < count) {
    const unsigned long at = offset + done;
    const unsigned long start = at - at % BlockFile::block_size;
    const BlockFile::Block* b = file->block_at(start);
    if (b->start != start || at - start >= b->length) break;  // past the end, or unreadable
    const unsigned long n = std::min(count - done, b->length - (at - start));
    std::memcpy(buffer + done, b->data + (at - start), n);
    done += n;
  }
  return done;
}

// FreeType calls this once, from FT_Done_Face (or a failed FT_Open_Face), and then leaves the
// stream alone: it is ours to free.
void close_stream(FT_Stream stream) {
  auto* file = static_cast<BlockFile*>(stream->descriptor.pointer);
  ::close(file->fd);
  delete file;
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
  auto* file_blocks = new BlockFile;
  file_blocks->fd = fd;
  auto* stream = new FT_StreamRec{};
  stream->size = static_cast<unsigned long>(st.st_size);
  stream->descriptor.pointer = file_blocks;
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
