// Speed of the foundation: reading a typical 10-line invoice into the model
// (UBL and CII), writing it back, and XSD validation with cached schemas.
//
//   cmake --preset release && cmake --build --preset release
//   CHORUS_SCHEMA_DIR=../shared/schemas build/release/format_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "chorus/model/compute.h"

namespace {

using namespace chorus;

// A realistic French B2B invoice: 10 lines over 20 % and 5.5 % VAT, one line
// allowance, one document allowance, credit transfer.
Invoice TypicalInvoice() {
  Invoice inv;
  inv.number = "FA-2026-00042";
  inv.issue_date = Date{2026, 3, 15};
  inv.due_date = Date{2026, 4, 14};
  inv.type_code = "380";
  inv.currency = "EUR";
  inv.specification_id = "urn:cen.eu:en16931:2017";
  inv.buyer_reference = "SERV-ACHATS";
  inv.purchase_order_reference = "EJ-2026-118";
  inv.seller.emplace().address.emplace();
  inv.buyer.emplace().address.emplace();
  inv.seller->name = "Atelier Durand SARL";
  inv.seller->vat_id = "FR32123456789";
  inv.seller->legal_registration_id = Identifier{"12345678900017", "0009", {}};
  inv.seller->address->line1 = "12 rue des Tanneurs";
  inv.seller->address->city = "Lyon";
  inv.seller->address->post_code = "69002";
  inv.seller->address->country = "FR";
  inv.buyer->name = "Boulangeries Martin SAS";
  inv.buyer->vat_id = "FR44987654321";
  inv.buyer->legal_registration_id = Identifier{"98765432100025", "0009", {}};
  inv.buyer->address->line1 = "4 place Bellecour";
  inv.buyer->address->city = "Lyon";
  inv.buyer->address->post_code = "69001";
  inv.buyer->address->country = "FR";
  PaymentInstructions pay;
  pay.means_code = "30";
  pay.credit_transfers.push_back(
      {"FR7630006000011234567890189", "Atelier Durand", "AGRIFRPP"});
  inv.payment = pay;
  inv.payment_terms = "Paiement à 30 jours";
  AllowanceCharge discount;
  discount.amount = *Decimal::Parse("25.00");
  discount.vat_category = "S";
  discount.vat_rate = Decimal(20);
  discount.reason = "Remise fidélité";
  inv.allowances_charges.push_back(discount);
  for (int i = 1; i <= 10; ++i) {
    InvoiceLine line;
    line.id = std::to_string(i);
    line.quantity = Decimal(i % 4 + 1);
    line.unit_code = "C62";
    line.price.emplace().net_price = *Decimal::Parse(i % 2 ? "49.90" : "12.35");
    line.vat_category = "S";
    line.vat_rate = i % 3 ? Decimal(20) : *Decimal::Parse("5.5");
    line.item.emplace().name = "Article " + std::to_string(i);
    line.item->seller_id = "REF-" + std::to_string(1000 + i);
    if (i == 4) {
      LineAllowanceCharge a;
      a.amount = *Decimal::Parse("5.00");
      a.reason = "Remise";
      line.allowances_charges.push_back(a);
    }
    inv.lines.push_back(line);
  }
  (void)Compute(inv);
  return inv;
}

std::unique_ptr<XmlDocument> Load(const std::string& xml) {
  auto doc = LoadDocumentBuffer(xml, "bench");
  if (!doc) {
    std::fprintf(stderr, "bench: %s\n", doc.error().message.c_str());
    std::exit(2);
  }
  return std::move(doc).value();
}

const std::string& UblXml() {
  static const std::string xml = WriteUbl(TypicalInvoice()).xml;
  return xml;
}
const std::string& CiiXml() {
  static const std::string xml = WriteCii(TypicalInvoice()).xml;
  return xml;
}

void BM_ParseAndReadUbl(benchmark::State& state) {
  for (auto _ : state) {
    auto doc = Load(UblXml());
    benchmark::DoNotOptimize(ReadUbl(*doc));
  }
}
BENCHMARK(BM_ParseAndReadUbl)->Unit(benchmark::kMicrosecond);

void BM_ParseAndReadCii(benchmark::State& state) {
  for (auto _ : state) {
    auto doc = Load(CiiXml());
    benchmark::DoNotOptimize(ReadCii(*doc));
  }
}
BENCHMARK(BM_ParseAndReadCii)->Unit(benchmark::kMicrosecond);

void BM_ReadUblOnly(benchmark::State& state) {
  auto doc = Load(UblXml());
  for (auto _ : state) benchmark::DoNotOptimize(ReadUbl(*doc));
}
BENCHMARK(BM_ReadUblOnly)->Unit(benchmark::kMicrosecond);

void BM_ReadCiiOnly(benchmark::State& state) {
  auto doc = Load(CiiXml());
  for (auto _ : state) benchmark::DoNotOptimize(ReadCii(*doc));
}
BENCHMARK(BM_ReadCiiOnly)->Unit(benchmark::kMicrosecond);

void BM_WriteUbl(benchmark::State& state) {
  Invoice inv = TypicalInvoice();
  for (auto _ : state) benchmark::DoNotOptimize(WriteUbl(inv));
}
BENCHMARK(BM_WriteUbl)->Unit(benchmark::kMicrosecond);

void BM_WriteCii(benchmark::State& state) {
  Invoice inv = TypicalInvoice();
  for (auto _ : state) benchmark::DoNotOptimize(WriteCii(inv));
}
BENCHMARK(BM_WriteCii)->Unit(benchmark::kMicrosecond);

void XsdBench(benchmark::State& state, const std::string& xml) {
  if (!SchemaDir()) {
    state.SkipWithError("CHORUS_SCHEMA_DIR not set");
    return;
  }
  auto doc = Load(xml);
  SchemaId schema = ChooseSchema(*doc);
  if (!ValidateXsd(*doc, schema)) {  // loads and caches the schema
    state.SkipWithError("schema not loadable");
    return;
  }
  for (auto _ : state) benchmark::DoNotOptimize(ValidateXsd(*doc, schema));
}
void BM_XsdValidateUblCached(benchmark::State& state) {
  XsdBench(state, UblXml());
}
BENCHMARK(BM_XsdValidateUblCached)->Unit(benchmark::kMicrosecond);
void BM_XsdValidateCiiCached(benchmark::State& state) {
  XsdBench(state, CiiXml());
}
BENCHMARK(BM_XsdValidateCiiCached)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
