// Speed of validation without XSD: load + read into the model + every
// EN 16931 rule, on the official examples and on generated large invoices.
//
//   cmake --preset release && cmake --build --preset release
//   build/release/bench/rules_bench --benchmark_repetitions=5
//       --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <pugixml.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/rules/rules.h"
#include "examples.h"

namespace {

using namespace chorus;

using bench::LoadExampleFolder;
using bench::TypicalExamples;

// As chorus validate reads: without the unmapped report, free texts cut.
constexpr ReadOptions kValidateRead{.report_unmapped = false,
                                    .cut_free_text = true};

// Full validation of one document; returns the number of diagnostics.
std::size_t Validate(const std::string& xml) {
  auto doc = LoadDocumentBuffer(xml, "bench");
  if (!doc) return 0;
  ReadResult read = ReadInvoice(**doc, kValidateRead);
  return CheckRules(**doc, read).size();
}

void ValidateAll(benchmark::State& state,
                 const std::vector<std::string>& docs) {
  if (docs.empty()) {
    state.SkipWithError("examples not found: is ../shared there?");
    return;
  }
  for (auto _ : state) {
    for (const auto& d : docs) benchmark::DoNotOptimize(Validate(d));
  }
  // Reported per document: items_per_second is documents per second.
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(docs.size()));
}

void BM_ValidateUblExamples(benchmark::State& state) {
  static const auto docs = LoadExampleFolder("ubl-examples");
  ValidateAll(state, docs);
}
BENCHMARK(BM_ValidateUblExamples)->Unit(benchmark::kMicrosecond);

void BM_ValidateTypicalExamples(benchmark::State& state) {
  ValidateAll(state, TypicalExamples());
}
BENCHMARK(BM_ValidateTypicalExamples)->Unit(benchmark::kMicrosecond);

// The floor under the figure above: pugixml alone parsing the same
// documents as LoadDocumentBuffer does (in place, on a fresh copy of the
// bytes, with the same options), without any of chorus's checks.
void BM_ParseTypicalExamples(benchmark::State& state) {
  const std::vector<std::string>& docs = TypicalExamples();
  if (docs.empty()) {
    state.SkipWithError("examples not found: is ../shared there?");
    return;
  }
  std::size_t largest = 0;
  for (const auto& d : docs) largest = std::max(largest, d.size());
  std::vector<char> buffer(largest + 1);
  for (auto _ : state) {
    for (const auto& d : docs) {
      std::copy(d.begin(), d.end(), buffer.begin());
      buffer[d.size()] = '\0';
      pugi::xml_document dom;
      pugi::xml_parse_result parsed = dom.load_buffer_inplace(
          buffer.data(), d.size() + 1,
          pugi::parse_default | pugi::parse_doctype, pugi::encoding_utf8);
      benchmark::DoNotOptimize(parsed.status);
    }
  }
  state.SetItemsProcessed(state.iterations() *
                          static_cast<int64_t>(docs.size()));
}
BENCHMARK(BM_ParseTypicalExamples)->Unit(benchmark::kMicrosecond);

// BM_ValidateTypicalExamples with each phase timed in place (counters, in
// ns per document): loading (scan + index), reading into the model, the
// rules, and freeing it all. Each phase run alone is faster than in this
// sequence, where the others have taken the caches in between.
void BM_ValidateTypicalPhases(benchmark::State& state) {
  using Clock = std::chrono::steady_clock;
  const std::vector<std::string>& docs = TypicalExamples();
  if (docs.empty()) {
    state.SkipWithError("examples not found: is ../shared there?");
    return;
  }
  std::array<Clock::duration, 4> spent{};
  int64_t count = 0;
  for (auto _ : state) {
    for (const auto& d : docs) {
      auto t0 = Clock::now();
      auto doc = LoadDocumentBuffer(d, "bench");
      auto t1 = Clock::now();
      if (!doc) continue;
      ReadResult read = ReadInvoice(**doc, kValidateRead);
      auto t2 = Clock::now();
      std::vector<Diagnostic> found = CheckRules(**doc, read);
      auto t3 = Clock::now();
      benchmark::DoNotOptimize(found.size());
      {
        auto freed_found = std::move(found);
        auto freed_read = std::move(read);
        auto freed_doc = std::move(doc);
      }
      auto t4 = Clock::now();
      spent[0] += t1 - t0;
      spent[1] += t2 - t1;
      spent[2] += t3 - t2;
      spent[3] += t4 - t3;
      ++count;
    }
  }
  const char* names[] = {"load_ns", "read_ns", "rules_ns", "free_ns"};
  for (std::size_t i = 0; i < spent.size(); ++i) {
    state.counters[names[i]] =
        std::chrono::duration<double, std::nano>(spent[i]).count() /
        static_cast<double>(count == 0 ? 1 : count);
  }
  state.SetItemsProcessed(count);
}
BENCHMARK(BM_ValidateTypicalPhases)->Unit(benchmark::kMicrosecond);

// The same 62 examples, each validated 20 times in a row (20 copies of
// its bytes, so no validation reads bytes another one left in the caches).
// Against BM_ValidateTypicalExamples, which takes them in turn as a folder
// of mixed invoices does, the difference is what the branch predictors
// gain by seeing one document's control flow again.
void BM_ValidateTypicalRepeated(benchmark::State& state) {
  static const auto docs = [] {
    std::vector<std::string> out;
    for (const auto& d : TypicalExamples()) out.insert(out.end(), 20, d);
    return out;
  }();
  ValidateAll(state, docs);
}
BENCHMARK(BM_ValidateTypicalRepeated)->Unit(benchmark::kMicrosecond);

void BM_ValidateCiiExamples(benchmark::State& state) {
  static const auto docs = LoadExampleFolder("cii-examples");
  ValidateAll(state, docs);
}
BENCHMARK(BM_ValidateCiiExamples)->Unit(benchmark::kMicrosecond);

// A UBL invoice of `lines` lines (each line ~0.5 KB), built as text so the
// benchmark depends on nothing but the reader.
std::string BigUbl(int lines) {
  std::string x =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Invoice "
      "xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" "
      "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonAggregateComponents-2\" "
      "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:"
      "CommonBasicComponents-2\">\n"
      "<cbc:CustomizationID>urn:cen.eu:en16931:2017</cbc:CustomizationID>\n"
      "<cbc:ID>BIG-1</cbc:ID><cbc:IssueDate>2026-01-15</cbc:IssueDate>"
      "<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"
      "<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>"
      "<cbc:BuyerReference>REF</cbc:BuyerReference>\n"
      "<cac:AccountingSupplierParty><cac:Party><cac:PostalAddress><cbc:"
      "CityName>Lyon</cbc:CityName>"
      "<cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></"
      "cac:Country></cac:PostalAddress>"
      "<cac:PartyTaxScheme><cbc:CompanyID>FR32123456789</"
      "cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID>"
      "</cac:TaxScheme></"
      "cac:PartyTaxScheme><cac:PartyLegalEntity><cbc:RegistrationName>Vendeur "
      "SA"
      "</cbc:RegistrationName></cac:PartyLegalEntity></cac:Party></"
      "cac:AccountingSupplierParty>\n"
      "<cac:AccountingCustomerParty><cac:Party><cac:PostalAddress><cbc:"
      "CityName>Paris</cbc:CityName>"
      "<cac:Country><cbc:IdentificationCode>FR</cbc:IdentificationCode></"
      "cac:Country></cac:PostalAddress>"
      "<cac:PartyLegalEntity><cbc:RegistrationName>Acheteur "
      "SA</cbc:RegistrationName></cac:PartyLegalEntity>"
      "</cac:Party></cac:AccountingCustomerParty>\n";
  const std::string total = std::to_string(lines * 10) + ".00";
  const std::string vat = std::to_string(lines * 2) + ".00";
  const std::string gross = std::to_string(lines * 12) + ".00";
  x += "<cac:TaxTotal><cbc:TaxAmount currencyID=\"EUR\">" + vat +
       "</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount "
       "currencyID=\"EUR\">" +
       total + "</cbc:TaxableAmount><cbc:TaxAmount currencyID=\"EUR\">" + vat +
       "</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>20</"
       "cbc:Percent>"
       "<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></"
       "cac:TaxSubtotal>"
       "</cac:TaxTotal>\n<cac:LegalMonetaryTotal><cbc:LineExtensionAmount "
       "currencyID=\"EUR\">" +
       total +
       "</cbc:LineExtensionAmount><cbc:TaxExclusiveAmount currencyID=\"EUR\">" +
       total +
       "</cbc:TaxExclusiveAmount><cbc:TaxInclusiveAmount currencyID=\"EUR\">" +
       gross +
       "</cbc:TaxInclusiveAmount><cbc:PayableAmount currencyID=\"EUR\">" +
       gross + "</cbc:PayableAmount></cac:LegalMonetaryTotal>\n";
  for (int i = 1; i <= lines; ++i) {
    x += "<cac:InvoiceLine><cbc:ID>" + std::to_string(i) +
         "</cbc:ID><cbc:InvoicedQuantity "
         "unitCode=\"C62\">1</cbc:InvoicedQuantity>"
         "<cbc:LineExtensionAmount "
         "currencyID=\"EUR\">10.00</cbc:LineExtensionAmount>"
         "<cac:Item><cbc:Name>Article</"
         "cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID>"
         "<cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></"
         "cac:TaxScheme>"
         "</cac:ClassifiedTaxCategory></cac:Item><cac:Price><cbc:PriceAmount "
         "currencyID=\"EUR\">"
         "10.00</cbc:PriceAmount></cac:Price></cac:InvoiceLine>\n";
  }
  x += "</Invoice>\n";
  return x;
}

void BM_ValidateLines(benchmark::State& state) {
  const std::string xml = BigUbl(static_cast<int>(state.range(0)));
  std::size_t found = 0;
  for (auto _ : state) found = Validate(xml);
  state.counters["diagnostics"] = static_cast<double>(found);
  state.SetBytesProcessed(state.iterations() *
                          static_cast<int64_t>(xml.size()));
}
BENCHMARK(BM_ValidateLines)
    ->Arg(10)
    ->Arg(1000)
    ->Arg(10000)
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
