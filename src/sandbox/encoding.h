// Small codecs and clocks the sandbox needs: the platform's date formats,
// a tiny PDF for fichierCR, a tar for multi-invoice downloads.
#ifndef CHORUS_SRC_SANDBOX_ENCODING_H_
#define CHORUS_SRC_SANDBOX_ENCODING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::sandbox {

// Milliseconds since the epoch (wall clock: persisted across restarts).
std::int64_t NowMs();
// "2026-11-26" (local date).
std::string DateOf(std::int64_t ms);
// "2026-11-26T15:10:25.536+01:00" (local time with its offset), the format
// of dateHeureEtatCourantFlux.
std::string DateTimeOf(std::int64_t ms);

// A one-page PDF showing `lines` in Helvetica (ASCII; other bytes become
// '?'). Used for the consulterCR report.
std::string TextPdf(const std::vector<std::string>& lines);

// An uncompressed POSIX tar holding `files` (name, bytes).
std::string TarOf(
    const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace chorus::sandbox

#endif  // CHORUS_SRC_SANDBOX_ENCODING_H_
