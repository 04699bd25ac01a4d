// Shared plumbing of the CLI commands: output, exit codes, terminals,
// progress. Each command fills a plain options struct from its flags and
// hands it to one Run function (curl's tool style).
#ifndef CHORUS_SRC_CLI_COMMON_H_
#define CHORUS_SRC_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "chorus/cli/cli.h"
#include "chorus/format/syntax.h"
#include "chorus/util/result.h"

namespace chorus::cli {

// A subcommand: its flags are declared by `add`, which also installs the
// callback that runs it and stores the exit code in *exit_code.
struct CommandSpec {
  const char* name;
  void (*add)(CLI::App& parent, int* exit_code);
};

bool StdoutIsTerminal();
bool StderrIsTerminal();

// The process exit code for a library error.
int ExitCodeFor(const Error& error);
// "chorus: <message>" plus one indented line per detail, on stderr.
// Returns ExitCodeFor(error).
int ReportError(const Error& error);

// Writes `data` to `path` atomically (temp file + rename), or to stdout when
// path is empty or "-".
Status WriteOutput(const std::string& path, std::string_view data);

// Adds the standard --format option (text|json, plus extra choices).
void AddFormatOption(CLI::App& cmd, std::string* format,
                     std::vector<std::string> choices = {"text", "json"});

// The XML syntaxes chorus writes: "ubl" and "cii".
inline const std::vector<std::string>& WritableSyntaxes() {
  static const std::vector<std::string> kNames{"ubl", "cii"};
  return kNames;
}
// Emits `invoice` in the named syntax (one of WritableSyntaxes()).
WriteResult WriteSyntax(const Invoice& invoice, const std::string& syntax);

// A one-line "[n/total] label" display on stderr, shown only when both
// stdout and stderr are terminals, so pipes and cron logs stay clean.
class Progress {
 public:
  Progress(std::size_t total, std::string label);
  ~Progress();
  void Tick(std::size_t done);  // thread-compatible: call from one thread
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

 private:
  std::size_t total_;
  std::string label_;
  bool enabled_;
  std::size_t last_shown_ = 0;
};

}  // namespace chorus::cli

#endif  // CHORUS_SRC_CLI_COMMON_H_
