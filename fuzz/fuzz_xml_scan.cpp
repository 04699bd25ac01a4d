// libFuzzer differential target for the XML scanner: whatever bytes come,
// xml::ScanIntoIndex must never accept a document that pugixml (with the
// loader's flags and after-parse checks) refuses, and when it accepts, its
// index must equal the one built from pugixml's DOM. Built by the "fuzz"
// preset (clang): cmake --build --preset fuzz --target fuzz_xml_scan.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "format/scan_oracle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view xml(reinterpret_cast<const char*>(data), size);
  auto scanned = chorus::xml::testing::Scan(xml);
  if (!scanned->source_intact) {
    std::fprintf(stderr, "the scanner wrote its input\n");
    __builtin_trap();
  }
  if (!scanned->accepted) return 0;
  auto parsed = chorus::xml::testing::Parse(xml);
  if (!parsed->accepted) {
    std::fprintf(stderr, "scanner accepts what pugixml refuses\n");
    __builtin_trap();
  }
  std::string diff = chorus::xml::testing::Diff(scanned->index, *parsed->index);
  if (!diff.empty()) {
    std::fprintf(stderr, "indexes differ: %s\n", diff.c_str());
    __builtin_trap();
  }
  return 0;
}
