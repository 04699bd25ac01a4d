// Pieces shared by the report renderers.
#ifndef CHORUS_SRC_FORMAT_REPORT_INTERNAL_H_
#define CHORUS_SRC_FORMAT_REPORT_INTERNAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "chorus/format/report.h"

namespace chorus::internal {

struct ReportCounts {
  int files = 0;
  int valid = 0;
  int invalid = 0;  // processed, not valid
  int errors = 0;   // could not be processed
};
ReportCounts CountFiles(const Report& report);

// The diagnostics a rendering shows (warnings may be hidden).
std::vector<const Diagnostic*> Shown(const FileReport& file,
                                     const RenderOptions& options);

// "line 12", "line 12, column 4" and "/a/b (line 40)" all give 12.
std::optional<int> LineIn(std::string_view location);
std::optional<int> ColumnIn(std::string_view location);

// Valid UTF-8 (bad bytes become U+FFFD) without the control characters
// XML 1.0 cannot carry (tab, LF and CR are kept).
std::string CleanText(std::string_view text);

std::string RenderJunit(const Report& report, const RenderOptions& options);
std::string RenderGithub(const Report& report, const RenderOptions& options);

}  // namespace chorus::internal

#endif  // CHORUS_SRC_FORMAT_REPORT_INTERNAL_H_
