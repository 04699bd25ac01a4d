// Renderings for CI systems: JUnit XML and GitHub Actions annotations.
#include <pugixml.hpp>

#include "format/report_internal.h"

namespace chorus::internal {
namespace {

struct StringWriter : pugi::xml_writer {
  std::string out;
  void write(const void* data, std::size_t size) override {
    out.append(static_cast<const char*>(data), size);
  }
};

std::string DiagnosticLine(const Diagnostic& d) {
  std::string line;
  if (!d.location.empty()) line += d.location + "  ";
  line += d.rule + " [" + SeverityName(d.severity) + "] " + d.message;
  return CleanText(line);
}

// Attribute values are kept on one line: parsers normalise newlines in
// attributes to spaces anyway.
std::string OneLine(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

void AddTestcase(const FileReport& file, const RenderOptions& options,
                 pugi::xml_node suite) {
  pugi::xml_node testcase = suite.append_child("testcase");
  testcase.append_attribute("classname") = "chorus.validate";
  testcase.append_attribute("name") = CleanText(file.path).c_str();

  std::string problems, warnings;
  const Diagnostic* first_error = nullptr;
  const Diagnostic* first_fatal = nullptr;
  int fatal = 0;
  for (const Diagnostic* d : Shown(file, options)) {
    std::string& text = d->severity == Severity::kWarning ? warnings : problems;
    text += DiagnosticLine(*d) + "\n";
    if (d->severity == Severity::kFatal && fatal++ == 0) first_fatal = d;
    if (d->severity == Severity::kError && !first_error) first_error = d;
  }
  if (file.failed()) {
    pugi::xml_node error = testcase.append_child("error");
    error.append_attribute("type") = "error";
    error.append_attribute("message") =
        OneLine(first_error ? CleanText(first_error->message)
                            : std::string("could not be processed"))
            .c_str();
    error.text() = problems.c_str();
  } else if (!file.valid()) {
    pugi::xml_node failure = testcase.append_child("failure");
    failure.append_attribute("type") = "fatal";
    std::string message = std::to_string(fatal) + " fatal";
    if (first_fatal) {
      message += ", first: " + first_fatal->rule + " " + first_fatal->message;
    }
    failure.append_attribute("message") = OneLine(CleanText(message)).c_str();
    failure.text() = problems.c_str();
  }
  if (!warnings.empty()) {
    testcase.append_child("system-out").text() = warnings.c_str();
  }
}

// GitHub workflow commands: message data escapes %, CR and LF; property
// values additionally escape ':' and ','.
std::string EscapeData(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string EscapeProperty(std::string_view s) {
  std::string out;
  for (char c : EscapeData(s)) {
    if (c == ':') {
      out += "%3A";
    } else if (c == ',') {
      out += "%2C";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string RenderJunit(const Report& report, const RenderOptions& options) {
  ReportCounts counts = CountFiles(report);
  pugi::xml_document doc;
  pugi::xml_node decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  pugi::xml_node suite = doc.append_child("testsuite");
  suite.append_attribute("name") = "chorus validate";
  suite.append_attribute("tests") = counts.files;
  suite.append_attribute("failures") = counts.invalid;
  suite.append_attribute("errors") = counts.errors;
  suite.append_attribute("skipped") = 0;
  for (const FileReport& file : report.files) {
    AddTestcase(file, options, suite);
  }
  StringWriter writer;
  doc.save(writer, "  ", pugi::format_default, pugi::encoding_utf8);
  return writer.out;
}

std::string RenderGithub(const Report& report, const RenderOptions& options) {
  std::string out;
  for (const FileReport& file : report.files) {
    for (const Diagnostic* d : Shown(file, options)) {
      out += d->severity == Severity::kWarning ? "::warning " : "::error ";
      out += "file=" + EscapeProperty(CleanText(file.path));
      std::optional<int> line = LineIn(d->location);
      if (line) {
        out += ",line=" + std::to_string(*line);
        if (std::optional<int> column = ColumnIn(d->location)) {
          out += ",col=" + std::to_string(*column);
        }
      }
      out += ",title=" + EscapeProperty(CleanText(d->rule));
      std::string message = d->message;
      // A location GitHub cannot place (a JSON path) stays readable.
      if (!line && !d->location.empty()) message += " (at " + d->location + ")";
      out += "::" + EscapeData(CleanText(message)) + "\n";
    }
  }
  ReportCounts c = CountFiles(report);
  out += "chorus validate: " + std::to_string(c.files) + " files, " +
         std::to_string(c.valid) + " valid, " + std::to_string(c.invalid) +
         " invalid, " + std::to_string(c.errors) + " errors\n";
  return out;
}

}  // namespace chorus::internal
