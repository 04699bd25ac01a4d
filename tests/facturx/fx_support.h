// Shared by the Factur-X tests: running qpdf / pdffonts / pdftotext, the
// sample invoices, temporary files.
#ifndef CHORUS_TESTS_FACTURX_FX_SUPPORT_H_
#define CHORUS_TESTS_FACTURX_FX_SUPPORT_H_

#include <filesystem>
#include <string>
#include <vector>

#include "chorus/model/invoice.h"
#include "support/test_env.h"

namespace chorus::testing {

// Runs a Debian tool found on PATH (no shell). A missing tool is a test
// failure naming the package scripts/deps installs, never a skip.
CommandResult RunTool(const std::string& tool,
                      const std::vector<std::string>& args);

// samples/<name>.json read and computed (--compute).
Invoice SampleInvoice(const std::string& name);
// Every samples/*.json name without extension, sorted.
std::vector<std::string> SampleNames();

// Writes bytes to a fresh file in TempDir().
std::filesystem::path WriteTemp(const std::string& name,
                                const std::string& bytes);

// The 'emb' column of pdffonts, one entry per font ("yes"/"no").
std::vector<std::string> PdfFontsEmbedded(const std::filesystem::path& pdf);

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_FACTURX_FX_SUPPORT_H_
