#include "sandbox/archive.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace chorus::sandbox {
namespace {

Error ArchiveError(const std::string& what) {
  return MakeError(Error::Kind::kInvalidInput, "archive: " + what);
}

Result<std::string> Gunzip(std::string_view bytes) {
  z_stream z{};
  if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK)
    return ArchiveError("zlib init failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  char buf[65536];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&z);
      return ArchiveError("not a valid gzip stream");
    }
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > kMaxExpandedBytes) {
      inflateEnd(&z);
      return ArchiveError("expands beyond " +
                          std::to_string(kMaxExpandedBytes >> 20) + " MB");
    }
    if (rc == Z_OK && z.avail_in == 0 && z.avail_out != 0) {
      inflateEnd(&z);
      return ArchiveError("truncated gzip stream");
    }
  }
  inflateEnd(&z);
  return out;
}

std::size_t Octal(const char* field, std::size_t len, bool* ok) {
  std::size_t v = 0;
  std::size_t i = 0;
  while (i < len && field[i] == ' ') ++i;
  for (; i < len && field[i] != '\0' && field[i] != ' '; ++i) {
    if (field[i] < '0' || field[i] > '7') {
      *ok = false;
      return 0;
    }
    v = v * 8 + static_cast<std::size_t>(field[i] - '0');
  }
  return v;
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> ExpandTarGz(
    std::string_view bytes) {
  auto tar = Gunzip(bytes);
  if (!tar) return tar.error();
  const std::string& t = *tar;
  std::vector<std::pair<std::string, std::string>> files;
  std::size_t pos = 0;
  while (pos + 512 <= t.size()) {
    const char* h = t.data() + pos;
    if (std::all_of(h, h + 512, [](char c) { return c == '\0'; })) break;
    bool ok = true;
    std::size_t size = Octal(h + 124, 12, &ok);
    if (!ok || pos + 512 + size > t.size())
      return ArchiveError("malformed tar header");
    std::string name(h, strnlen(h, 100));
    std::string prefix(h + 345, strnlen(h + 345, 155));
    if (!prefix.empty() && std::memcmp(h + 257, "ustar", 5) == 0)
      name = prefix + "/" + name;
    char type = h[156];
    if (type == '0' || type == '\0')
      files.emplace_back(name, t.substr(pos + 512, size));
    pos += 512 + (size + 511) / 512 * 512;
  }
  if (files.empty()) return ArchiveError("no file in the archive");
  return files;
}

}  // namespace chorus::sandbox
