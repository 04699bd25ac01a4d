// Writing files safely: whole or not at all, and private when they hold
// secrets. Every file chorus writes (command output, the configuration,
// the sandbox state) and every folder it makes for private data goes
// through here.
#ifndef CHORUS_UTIL_FILES_H_
#define CHORUS_UTIL_FILES_H_

#include <filesystem>
#include <string>
#include <string_view>

#include "chorus/util/result.h"

namespace chorus {

// Creates `dir` and every missing folder above it with mode 0700 (they may
// hold secrets: credentials, the journal, TLS keys); folders that exist are
// left as they are. kUsage naming the folder when one cannot be made.
Status MakePrivateDirs(const std::filesystem::path& dir);

struct WriteFileOptions {
  // Mode 0600 from creation on, whatever the umask; otherwise 0666 less
  // the umask, as for any new file.
  bool private_mode = false;
  // MakePrivateDirs on the file's folder first.
  bool make_parents = false;
};

// Writes `data` to `path` atomically: a new file in the same folder, synced
// to disk, then renamed over `path`, so a reader (or a crash) sees the old
// content or the new, never a part. kUsage naming `path` on failure; the
// temporary file is removed.
Status WriteFileAtomically(const std::string& path, std::string_view data,
                           const WriteFileOptions& options = {});

}  // namespace chorus

#endif  // CHORUS_UTIL_FILES_H_
