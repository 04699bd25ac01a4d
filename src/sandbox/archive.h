// Multi-invoice flows: a deposited .tar.gz (or .tgz) holds one invoice
// per member. Bounded: a flow expanding past kMaxExpandedBytes is refused,
// so a compression bomb costs nothing.
#ifndef CHORUS_SRC_SANDBOX_ARCHIVE_H_
#define CHORUS_SRC_SANDBOX_ARCHIVE_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::sandbox {

inline constexpr std::size_t kMaxExpandedBytes = 100u << 20;

// The regular files of a gzip-compressed tar, in order: (name, bytes).
Result<std::vector<std::pair<std::string, std::string>>> ExpandTarGz(
    std::string_view bytes);

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_ARCHIVE_H_
