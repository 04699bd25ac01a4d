#include "cli/common.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>

#include "chorus/util/files.h"

namespace chorus::cli {

bool StdoutIsTerminal() { return ::isatty(STDOUT_FILENO) == 1; }
bool StderrIsTerminal() { return ::isatty(STDERR_FILENO) == 1; }

int ExitCodeFor(const Error& error) {
  switch (error.kind) {
    case Error::Kind::kInvalidInput:
      return kExitInvalid;
    case Error::Kind::kNetwork:
      return kExitNetwork;
    case Error::Kind::kUsage:
      break;
  }
  return kExitUsage;
}

int ReportError(const Error& error) {
  std::cerr << "chorus: " << error.message << "\n";
  for (const auto& d : error.details) {
    std::cerr << "  ";
    if (!d.location.empty()) std::cerr << d.location << ": ";
    std::cerr << d.message;
    if (!d.rule.empty()) std::cerr << " [" << d.rule << "]";
    std::cerr << "\n";
  }
  return ExitCodeFor(error);
}

Status WriteOutput(const std::string& path, std::string_view data) {
  if (path.empty() || path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout)
      return MakeError(Error::Kind::kUsage, "cannot write to standard output");
    return Ok{};
  }
  return WriteFileAtomically(path, data);
}

void AddFormatOption(CLI::App& cmd, std::string* format,
                     std::vector<std::string> choices) {
  std::string names;
  for (const auto& c : choices) names += (names.empty() ? "" : "|") + c;
  cmd.add_option("--format", *format, "Output format: " + names)
      ->check(CLI::IsMember(choices))
      ->capture_default_str();
}

WriteResult WriteSyntax(const Invoice& invoice, const std::string& syntax) {
  return syntax == "cii" ? WriteCii(invoice) : WriteUbl(invoice);
}

Progress::Progress(std::size_t total, std::string label)
    : total_(total),
      label_(std::move(label)),
      enabled_(total > 1 && StdoutIsTerminal() && StderrIsTerminal()) {}

Progress::~Progress() {
  if (enabled_ && last_shown_ > 0) std::cerr << "\r\033[K" << std::flush;
}

void Progress::Tick(std::size_t done) {
  if (!enabled_) return;
  // Redraw at most ~100 times per run: terminals are slow.
  std::size_t step = total_ / 100 + 1;
  if (done != total_ && done < last_shown_ + step) return;
  last_shown_ = done;
  std::cerr << "\r\033[K[" << done << "/" << total_ << "] " << label_
            << std::flush;
}

}  // namespace chorus::cli
