// Small codecs and clocks the sandbox needs: strict base64 (a deposit with
// one stray character must be refused, as the platform does), the
// platform's date formats, and a tiny PDF for fichierCR.
#ifndef CHORUS_SRC_SANDBOX_ENCODING_H_
#define CHORUS_SRC_SANDBOX_ENCODING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::sandbox {

std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding; no whitespace, no other character.
std::optional<std::string> Base64Decode(std::string_view text);

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
