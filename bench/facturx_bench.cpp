// Speed of Factur-X: create from chorus JSON (JSON -> model -> compute ->
// CII -> rendered page -> PDF/A-3b embedding) and read back (extract +
// full validation: FX-PDF checks, profile XSD, EN 16931 rules), on the
// samples/b2b-mixed-vat.json invoice (5 lines, two VAT rates).
//
//   cmake --preset release && cmake --build build/release --target
//   facturx_bench -j2 CHORUS_SCHEMA_DIR=../shared/schemas
//   build/release/bench/facturx_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "chorus/facturx/facturx.h"
#include "chorus/model/compute.h"
#include "chorus/model/json.h"

namespace {

using namespace chorus;

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::string& SampleJson() {
  static const std::string json =
      ReadAll(std::string(CHORUS_SOURCE_DIR) + "/samples/b2b-mixed-vat.json");
  return json;
}

Result<facturx::EmbedResult> CreateFromJson(const std::string& json) {
  auto invoice = InvoiceFromJson(json, "bench.json");
  if (!invoice) return invoice.take_error();
  if (auto st = Compute(*invoice); !st) return st.take_error();
  return facturx::CreateFromInvoice(*invoice);
}

void BM_CreateFromJson(benchmark::State& state) {
  if (SampleJson().empty()) {
    state.SkipWithError("samples/b2b-mixed-vat.json not found");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto made = CreateFromJson(SampleJson());
    if (!made) {
      state.SkipWithError(made.error().message.c_str());
      return;
    }
    bytes = made->pdf.size();
    benchmark::DoNotOptimize(bytes);
  }
  state.counters["pdf_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_CreateFromJson)->Unit(benchmark::kMillisecond);

void BM_RenderOnly(benchmark::State& state) {
  auto invoice = InvoiceFromJson(SampleJson(), "bench.json");
  if (!invoice || !Compute(*invoice)) {
    state.SkipWithError("sample invoice unreadable");
    return;
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(facturx::RenderInvoice(*invoice));
}
BENCHMARK(BM_RenderOnly)->Unit(benchmark::kMillisecond);

void BM_Extract(benchmark::State& state) {
  auto made = CreateFromJson(SampleJson());
  if (!made) {
    state.SkipWithError("cannot create the sample Factur-X");
    return;
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(facturx::ExtractXml(made->pdf, "bench.pdf"));
}
BENCHMARK(BM_Extract)->Unit(benchmark::kMicrosecond);

void FullValidate(benchmark::State& state, bool xsd) {
  if (xsd && !std::getenv("CHORUS_SCHEMA_DIR")) {
    state.SkipWithError("set CHORUS_SCHEMA_DIR=../shared/schemas");
    return;
  }
  auto made = CreateFromJson(SampleJson());
  if (!made) {
    state.SkipWithError("cannot create the sample Factur-X");
    return;
  }
  facturx::ValidateOptions options;
  options.xsd = xsd;
  // The default rule request is what `chorus validate FILE.pdf` runs: EN
  // 16931 and the profile's Factur-X rules (RuleOptionsFor).
  // The first call loads and caches the schema: not what is measured.
  facturx::Validation first =
      facturx::Validate(made->pdf, "bench.pdf", options);
  for (const auto& d : first.diagnostics) {
    if (d.severity != Severity::kWarning) {
      state.SkipWithError(
          ("sample not valid: " + d.rule + " " + d.message).c_str());
      return;
    }
  }
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        facturx::Validate(made->pdf, "bench.pdf", options));
  }
}

void BM_ExtractAndValidate(benchmark::State& state) {
  FullValidate(state, true);
}
BENCHMARK(BM_ExtractAndValidate)->Unit(benchmark::kMicrosecond);

void BM_ExtractAndValidateNoXsd(benchmark::State& state) {
  FullValidate(state, false);
}
BENCHMARK(BM_ExtractAndValidateNoXsd)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
