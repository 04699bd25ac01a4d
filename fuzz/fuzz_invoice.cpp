// libFuzzer entry point: any bytes through the loader (PDFs through the
// Factur-X extraction), both readers, the EN 16931 and Factur-X profile
// rules and both writers. Built by the "fuzz" preset (clang).
#include <cstddef>
#include <cstdint>
#include <string>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string bytes(reinterpret_cast<const char*>(data), size);
  auto doc = chorus::LoadDocumentBuffer(std::move(bytes), "fuzz");
  if (!doc) return 0;
  chorus::ReadResult read = chorus::ReadInvoice(**doc);
  chorus::RuleOptions options;
  options.facturx = true;
  std::vector<chorus::Diagnostic> diags = chorus::CheckRules(**doc, read, options);
  // Writers must accept whatever a reader produced; their output must load.
  for (const auto& written : {chorus::WriteUbl(read.invoice), chorus::WriteCii(read.invoice)}) {
    auto again = chorus::LoadDocumentBuffer(written.xml, "fuzz-written");
    if (!again) __builtin_trap();
  }
  return 0;
}
