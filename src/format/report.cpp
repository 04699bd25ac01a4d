// Text and JSON renderings, and what all renderings share.
#include "chorus/format/report.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "format/report_internal.h"
#include "format/xml_guard.h"

namespace chorus {

bool FileReport::valid() const {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kFatal || d.severity == Severity::kError ||
        (strict && d.severity == Severity::kWarning)) {
      return false;
    }
  }
  return true;
}

bool FileReport::failed() const {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::kError) return true;
  }
  return false;
}

namespace internal {

ReportCounts CountFiles(const Report& report) {
  ReportCounts counts;
  for (const FileReport& file : report.files) {
    ++counts.files;
    if (file.failed()) {
      ++counts.errors;
    } else if (file.valid()) {
      ++counts.valid;
    } else {
      ++counts.invalid;
    }
  }
  return counts;
}

std::vector<const Diagnostic*> Shown(const FileReport& file,
                                     const RenderOptions& options) {
  std::vector<const Diagnostic*> out;
  for (const Diagnostic& d : file.diagnostics) {
    if (d.severity == Severity::kWarning && !options.show_warnings) continue;
    out.push_back(&d);
  }
  return out;
}

namespace {

// The number after the word `key` ("line", "column"), where the word is not
// the tail of a longer identifier.
std::optional<int> NumberAfter(std::string_view location,
                               std::string_view key) {
  std::size_t at = 0;
  while ((at = location.find(key, at)) != std::string_view::npos) {
    std::size_t digits = at + key.size();
    bool word_start =
        at == 0 || !std::isalnum(static_cast<unsigned char>(location[at - 1]));
    at = digits;
    if (!word_start || digits >= location.size() || location[digits] != ' ') {
      continue;
    }
    ++digits;
    long value = 0;
    std::size_t end = digits;
    while (end < location.size() && end - digits < 9 &&
           std::isdigit(static_cast<unsigned char>(location[end]))) {
      value = value * 10 + (location[end] - '0');
      ++end;
    }
    if (end > digits && value > 0) return static_cast<int>(value);
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> LineIn(std::string_view location) {
  return NumberAfter(location, "line");
}

std::optional<int> ColumnIn(std::string_view location) {
  return NumberAfter(location, "column");
}

std::string CleanText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    std::size_t len = Utf8SequenceLength(text, i, /*allow_truncated=*/false);
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace internal

namespace {

using internal::CleanText;
using internal::CountFiles;
using internal::ReportCounts;
using internal::Shown;

struct Palette {
  const char* good = "";
  const char* bad = "";
  const char* warn = "";
  const char* dim = "";
  const char* bold = "";
  const char* reset = "";
};

Palette MakePalette(bool color) {
  if (!color) return {};
  return {"\x1b[32m", "\x1b[31m", "\x1b[33m", "\x1b[2m", "\x1b[1m", "\x1b[0m"};
}

std::string Plural(int n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

// Continuation lines of a multi-line message stay under the first one.
std::string Indented(std::string_view message) {
  std::string out;
  for (char c : message) {
    out += c;
    if (c == '\n') out += "      ";
  }
  return out;
}

void RenderTextFile(const FileReport& file, const RenderOptions& options,
                    const Palette& p, std::string& out) {
  int fatal = 0, warnings = 0;
  for (const Diagnostic& d : file.diagnostics) {
    if (d.severity == Severity::kFatal) ++fatal;
    if (d.severity == Severity::kWarning) ++warnings;
  }
  bool ok = file.valid();
  out += ok ? std::string(p.good) + "\u2713" : std::string(p.bad) + "\u2717";
  out += p.reset;
  out += " " + CleanText(file.path);
  if (file.syntax) out += " (" + *file.syntax + ")";
  std::vector<std::string> counts;
  if (file.failed()) {
    counts.push_back("could not be processed");
  } else if (!ok) {
    counts.push_back(std::to_string(fatal) + " fatal");
  }
  if (options.show_warnings && warnings > 0) {
    counts.push_back(Plural(warnings, "warning", "warnings"));
  }
  for (std::size_t i = 0; i < counts.size(); ++i) {
    out += (i == 0 ? ": " : ", ") + counts[i];
  }
  out += '\n';

  for (const Diagnostic* d : Shown(file, options)) {
    const char* tone = d->severity == Severity::kWarning ? p.warn : p.bad;
    out += "  ";
    if (!d->location.empty()) {
      out += std::string(p.dim) + CleanText(d->location) + p.reset + "  ";
    }
    out += std::string(p.bold) + CleanText(d->rule) + p.reset + " " + tone +
           "[" + SeverityName(d->severity) + "]" + p.reset + " " +
           Indented(CleanText(d->message)) + "\n";
  }
}

std::string RenderText(const Report& report, const RenderOptions& options) {
  Palette p = MakePalette(options.color);
  std::string out;
  for (const FileReport& file : report.files) {
    RenderTextFile(file, options, p, out);
  }
  ReportCounts c = CountFiles(report);
  out += Plural(c.files, "file", "files") + ": " + (c.valid > 0 ? p.good : "") +
         std::to_string(c.valid) + " valid" + (c.valid > 0 ? p.reset : "") +
         ", " + (c.invalid > 0 ? p.bad : "") + std::to_string(c.invalid) +
         " invalid" + (c.invalid > 0 ? p.reset : "") + ", " +
         (c.errors > 0 ? p.bad : "") + Plural(c.errors, "error", "errors") +
         (c.errors > 0 ? p.reset : "") + "\n";
  return out;
}

std::string RenderJson(const Report& report, const RenderOptions& options) {
  // ordered_json keeps the documented key order.
  using Json = nlohmann::ordered_json;
  Json files = Json::array();
  for (const FileReport& file : report.files) {
    Json diagnostics = Json::array();
    for (const Diagnostic* d : Shown(file, options)) {
      diagnostics.push_back(Json{{"rule", d->rule},
                                 {"severity", SeverityName(d->severity)},
                                 {"message", d->message},
                                 {"location", d->location}});
    }
    files.push_back(Json{{"path", file.path},
                         {"syntax", file.syntax ? Json(*file.syntax) : Json()},
                         {"valid", file.valid()},
                         {"diagnostics", std::move(diagnostics)}});
  }
  ReportCounts c = CountFiles(report);
  Json root{{"files", std::move(files)},
            {"summary", Json{{"files", c.files},
                             {"valid", c.valid},
                             {"invalid", c.invalid},
                             {"errors", c.errors}}}};
  // Invalid UTF-8 from an input file must not make rendering throw.
  return root.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string RenderReport(const Report& report, ReportFormat format,
                         const RenderOptions& options) {
  switch (format) {
    case ReportFormat::kText:
      return RenderText(report, options);
    case ReportFormat::kJson:
      return RenderJson(report, options);
    case ReportFormat::kJunit:
      return internal::RenderJunit(report, options);
    case ReportFormat::kGithub:
      return internal::RenderGithub(report, options);
  }
  return RenderText(report, options);
}

}  // namespace chorus
