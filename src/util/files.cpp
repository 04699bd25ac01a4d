#include "chorus/util/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

namespace chorus {
namespace {

Error WriteError(const std::string& path, int err) {
  return MakeError(Error::Kind::kUsage,
                   path + ": cannot write: " + std::strerror(err));
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

// Makes the rename itself durable; a folder that cannot be synced (some
// file systems refuse) costs durability only, not correctness.
void SyncFolder(const std::filesystem::path& dir) {
  int fd = ::open(dir.empty() ? "." : dir.c_str(),
                  O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::fsync(fd);
  ::close(fd);
}

}  // namespace

Status MakePrivateDirs(const std::filesystem::path& dir) {
  if (dir.empty()) return Ok{};
  std::vector<std::filesystem::path> missing;
  std::error_code ec;
  for (auto p = dir; !p.empty() && !std::filesystem::exists(p, ec);
       p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0700) != 0 && errno != EEXIST) {
      return MakeError(
          Error::Kind::kUsage,
          it->string() + ": cannot create folder: " + std::strerror(errno));
    }
  }
  return Ok{};
}

Status WriteFileAtomically(const std::string& path, std::string_view data,
                           const WriteFileOptions& options) {
  std::filesystem::path target(path);
  if (options.make_parents) {
    if (auto ok = MakePrivateDirs(target.parent_path()); !ok) return ok;
  }
  // Unique per process and call: threads of one process may save at once.
  static std::atomic<unsigned> counter{0};
  std::string tmp = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                    std::to_string(counter.fetch_add(1));
  mode_t mode = options.private_mode ? 0600 : 0666;
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) return WriteError(path, errno);
  bool ok = (!options.private_mode || ::fchmod(fd, 0600) == 0) &&
            WriteAll(fd, data) && ::fsync(fd) == 0;
  int err = ok ? 0 : errno;
  if (::close(fd) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (ok && ::rename(tmp.c_str(), path.c_str()) != 0) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    ::unlink(tmp.c_str());
    return WriteError(path, err);
  }
  SyncFolder(target.parent_path());
  return Ok{};
}

}  // namespace chorus
