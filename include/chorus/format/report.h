// Validation reports: the stable JSON interface plus text, JUnit and GitHub
// annotation renderings of the same data.
#ifndef CHORUS_FORMAT_REPORT_H_
#define CHORUS_FORMAT_REPORT_H_

#include <optional>
#include <string>
#include <vector>

#include "chorus/util/result.h"

namespace chorus {

struct FileReport {
  std::string path;
  std::optional<std::string> syntax;  // "ubl" | "cii" | "facturx"; none if unreadable
  std::vector<Diagnostic> diagnostics;
  bool strict = false;  // --strict: warnings make the file invalid too

  // No fatal and no error diagnostic (nor warning when strict).
  bool valid() const;
  // Any diagnostic of severity kError (file not processed).
  bool failed() const;
};

struct Report {
  std::vector<FileReport> files;
};

enum class ReportFormat { kText, kJson, kJunit, kGithub };

struct RenderOptions {
  bool color = false;          // ANSI colors (text only; terminals only)
  bool show_warnings = true;   // --no-warnings hides them
};

// {"files":[{"path","syntax","valid","diagnostics":[{"rule","severity",
//  "message","location"}]}],"summary":{"files","valid","invalid","errors"}}
// "errors" counts files that could not be processed.
std::string RenderReport(const Report& report, ReportFormat format,
                         const RenderOptions& options = {});

}  // namespace chorus

#endif  // CHORUS_FORMAT_REPORT_H_
