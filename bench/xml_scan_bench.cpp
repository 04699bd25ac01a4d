// The element index of the typical official examples (all but the one of
// several megabytes), built two ways: by xml::ScanIntoIndex from the bytes,
// and as the loader does today (pugixml's parse, its depth walk, then the
// index built from the DOM).
//
//   cmake --preset release && cmake --build build/release --target
//   xml_scan_bench build/release/bench/xml_scan_bench
//
// Instructions per document (deterministic, unlike wall clock on a shared
// machine): scripts/perf/irscan build/release (callgrind over 2 and 5
// passes, the difference divided by 3 x 62, for each path).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <vector>

#include "../src/format/doc_tree.h"
#include "../src/format/xml_scan.h"
#include "examples.h"

namespace {

using chorus::xml::DocNamespaces;
using chorus::xml::ElementIndex;

using chorus::bench::TypicalExamples;

// pugixml parses a private copy in place, as the loader's fallback does;
// the copy is made outside and not counted. The scanner reads the
// document's own bytes (std::string keeps a NUL after them), as the
// loader does.
void Copy(const std::string& xml, char* buffer) {
  std::memcpy(buffer, xml.data(), xml.size());
  buffer[xml.size()] = '\0';
}

__attribute__((noinline)) std::size_t ScanOne(const std::string& xml,
                                              char* /*buffer*/) {
  ElementIndex index(DocNamespaces());
  if (!chorus::xml::ScanIntoIndex(xml.data(), xml.size(), DocNamespaces(),
                                  index)) {
    return 0;
  }
  return index.size();
}

class NoDepth : public pugi::xml_tree_walker {
 public:
  bool for_each(pugi::xml_node&) override { return depth() < 256; }
};

__attribute__((noinline)) std::size_t DomOne(const std::string& xml,
                                             char* buffer) {
  pugi::xml_document dom;
  if (!dom.load_buffer_inplace(buffer, xml.size() + 1,
                               pugi::parse_default | pugi::parse_doctype,
                               pugi::encoding_utf8)) {
    return 0;
  }
  pugi::xml_node root = dom.document_element();
  NoDepth depth;
  if (!root.traverse(depth)) return 0;
  chorus::xml::Namespaces names(root, DocNamespaces());
  ElementIndex index(names, root, chorus::xml::ExpectedElements(xml));
  return index.size();
}

template <std::size_t (*One)(const std::string&, char*)>
void Run(benchmark::State& state) {
  const auto& docs = TypicalExamples();
  if (docs.empty()) {
    state.SkipWithError("examples not found: is ../shared there?");
    return;
  }
  std::size_t largest = 0;
  for (const auto& d : docs) largest = std::max(largest, d.size());
  std::unique_ptr<char[]> buffer(new char[largest + 1]);
  for (auto _ : state) {
    for (const auto& d : docs) {
      if constexpr (One == &DomOne) Copy(d, buffer.get());
      std::size_t n = One(d, buffer.get());
      if (n == 0) state.SkipWithError("a typical example was refused");
      benchmark::DoNotOptimize(n);
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(docs.size()));
}

void BM_ScanTypical(benchmark::State& state) { Run<ScanOne>(state); }
BENCHMARK(BM_ScanTypical)->Unit(benchmark::kMicrosecond);

void BM_DomTypical(benchmark::State& state) { Run<DomOne>(state); }
BENCHMARK(BM_DomTypical)->Unit(benchmark::kMicrosecond);

}  // namespace
BENCHMARK_MAIN();
