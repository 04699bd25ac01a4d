// The chorus JSON invoice format: round trip of a model that sets every
// term, exact numbers, defaults, and the diagnostics for bad input.
#include "chorus/model/json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "support/test_env.h"

namespace chorus {
namespace {

using ::testing::HasSubstr;

Decimal D(const char* s) {
  std::optional<Decimal> d = Decimal::Parse(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Decimal());
}
Date Day(const char* s) {
  std::optional<Date> d = Date::ParseIso(s);
  EXPECT_TRUE(d.has_value()) << s;
  return d.value_or(Date{});
}
Identifier Id(const char* v, const char* scheme) {
  return Identifier{v, std::string(scheme), std::nullopt};
}
Address FullAddress(const std::string& p) {
  // Address has a user-provided constructor: no aggregate initialiser.
  Address a;
  for (const auto& [term, suffix] : {std::pair{&Address::line1, " line1"},
                                     {&Address::line2, " line2"},
                                     {&Address::line3, " line3"},
                                     {&Address::city, " city"},
                                     {&Address::post_code, " 75001"},
                                     {&Address::subdivision, " subdivision"}}) {
    a.*term = p + suffix;
  }
  a.country = "FR";
  return a;
}

// Every member of every struct of invoice.h holds a non-default value, with
// scales that a round trip must keep ("12.50", "0.100").
Invoice FullInvoice() {
  Invoice inv;
  inv.kind = DocumentKind::kCreditNote;
  inv.number = "CN-1";
  inv.issue_date = Day("2026-01-31");
  inv.type_code = "381";
  inv.currency = "EUR";
  inv.accounting_currency = "USD";
  inv.tax_point_date = Day("2026-01-30");
  inv.tax_point_date_code = "3";
  inv.due_date = Day("2026-03-01");
  inv.buyer_reference = "SERVICE-1";
  inv.project_reference = "PRJ";
  inv.contract_reference = "CTR";
  inv.purchase_order_reference = "PO-9";
  inv.sales_order_reference = "SO-9";
  inv.receiving_advice_reference = "RA";
  inv.despatch_advice_reference = "DA";
  inv.tender_reference = "LOT-2";
  inv.invoiced_object_id = Id("OBJ-1", "AAA");
  inv.buyer_accounting_reference = "6064";
  inv.payment_terms = "30 jours";
  inv.notes = {Note{"PMD", "pénalités"}, Note{std::nullopt, "plain note"}};
  inv.business_process = "A1";
  inv.specification_id = "urn:cen.eu:en16931:2017";
  inv.preceding_invoices = {PrecedingInvoice{"F-1", Day("2025-12-01")},
                            PrecedingInvoice{"F-2", std::nullopt}};
  Seller& s = inv.seller.emplace();
  s.name = "Vendeur";
  s.trading_name = "";  // engaged but empty must stay engaged
  s.ids = {Id("12345678900011", "0009"), Identifier{"LOCAL-7", {}, {}}};
  s.legal_registration_id = Id("123456789", "0002");
  s.vat_id = "FR00123456789";
  s.tax_registration_id = "FC-1";
  s.additional_legal_info = "SAS au capital de 1 000 EUR";
  s.electronic_address = Id("123456789", "0225");
  s.address = FullAddress("seller");
  s.contact = Contact{"Jeanne", "+33 1", "j@example.org"};
  Buyer& b = inv.buyer.emplace();
  b.name = "Acheteur";
  b.trading_name = "Ach";
  b.id = Id("98765432100017", "0009");
  b.legal_registration_id = Id("987654321", "0002");
  b.vat_id = "FR00987654321";
  b.electronic_address = Id("987654321", "0225");
  b.address = FullAddress("buyer");
  b.contact = Contact{"Paul", "+33 2", "p@example.org"};
  inv.payee = Payee{"Factor", Id("PAYEE-1", "0088"), Id("PAYEE-L", "0002")};
  inv.tax_representative = TaxRepresentative{"Rep", "FR11222333444",
                                             FullAddress("taxrep")};
  inv.delivery = Delivery{"Quai 4", Id("LOC-1", "0088"), Day("2026-01-15"),
                          FullAddress("delivery")};
  inv.invoicing_period = Period{Day("2026-01-01"), Day("2026-01-31")};
  PaymentInstructions pay;
  pay.means_code = "58";
  pay.means_text = "Virement SEPA";
  pay.remittance_info = "CN-1";
  pay.credit_transfers = {CreditTransfer{"FR7630004008190001234567879", "Compte",
                                         "BNPAFRPPXXX"},
                          CreditTransfer{"DE02", std::nullopt, std::nullopt}};
  pay.card = PaymentCard{"1234", "J DUPONT"};
  pay.direct_debit = DirectDebit{"MANDATE-1", "FR12ZZZ123456", "FR76DEBIT"};
  inv.payment = pay;
  inv.allowances_charges = {
      AllowanceCharge{false, D("10.00"), D("100.00"), D("10"), "S", D("20.0"),
                      "Remise", "95", {}},
      AllowanceCharge{true, D("5.50"), D("55"), D("10.000"), "S", D("20"),
                      "Transport", "FC", {}}};
  Totals& t = inv.totals.emplace();
  t.line_net_total = D("100.00");
  t.allowance_total = D("10.00");
  t.charge_total = D("5.50");
  t.tax_exclusive = D("95.50");
  inv.vat_total = D("19.10");
  inv.vat_total_accounting = D("21.00");
  t.tax_inclusive = D("114.60");
  t.prepaid = D("4.60");
  t.rounding = D("0.00");
  t.payable = D("110.00");
  inv.vat_breakdown = {VatBreakdown{D("95.50"), D("19.10"), "S", D("20.00"),
                                    "none", "VATEX-EU-O", {}}};
  inv.supporting_documents = {SupportingDocument{
      "DOC-1", "Bon de livraison", "https://example.org/bl.pdf", "SGVsbG8=",
      "application/pdf", "bl.pdf"}};
  InvoiceLine line;
  line.id = "1";
  line.note = "ligne";
  line.object_id = Id("LOBJ", "AAB");
  line.quantity = D("2.500");
  line.unit_code = "KGM";
  line.net_amount = D("100.00");
  line.order_line_ref = "PO-LINE-3";
  line.buyer_accounting_ref = "6061";
  line.period = Period{Day("2026-01-02"), Day("2026-01-20")};
  // A charge before an allowance: split arrays could not keep this order.
  line.allowances_charges = {
      LineAllowanceCharge{true, D("1.00"), D("10"), D("10"), "Emballage",
                          "ABL", {}},
      LineAllowanceCharge{false, D("2.00"), D("20.00"), D("10"), "Remise", "95",
                          {}}};
  line.price = PriceDetails{D("40.40"), D("0.10"), D("40.50"), D("1"), "KGM"};
  line.vat_category = "S";
  line.vat_rate = D("20");
  line.item.emplace().name = "Article";
  line.item->description = "Description";
  line.item->seller_id = "SKU-1";
  line.item->buyer_id = "REF-B";
  line.item->standard_id = Id("3017620422003", "0160");
  line.item->classifications = {
      Identifier{"12345678", std::string("STI"), std::string("2.1")},
      Identifier{"86001", std::string("MP"), std::nullopt}};
  line.item->origin_country = "IT";
  line.item->attributes = {ItemAttribute{"Couleur", "Bleu"},
                          ItemAttribute{"Taille", "M"}};
  inv.lines = {line};
  InvoiceLine second;
  second.id = "2";
  second.quantity = D("1");
  second.price.emplace().net_price = D("0.1");
  second.item.emplace().name = "Autre";
  second.allowances_charges = {LineAllowanceCharge{false, D("0.01"), {}, {},
                                                   {}, "95", {}}};
  inv.lines.push_back(second);
  return inv;
}

// Every key path in a JSON document, arrays written "name[]".
void CollectPaths(const nlohmann::json& j, const std::string& prefix,
                  std::set<std::string>* out) {
  if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      const std::string path = prefix.empty() ? k : prefix + "." + k;
      out->insert(path);
      CollectPaths(v, path, out);
    }
  } else if (j.is_array()) {
    for (const auto& v : j) CollectPaths(v, prefix + "[]", out);
  }
}

std::set<std::string> PathsOf(const Invoice& inv) {
  std::set<std::string> out;
  CollectPaths(nlohmann::json::parse(InvoiceToJson(inv)), "", &out);
  return out;
}

// The full model's lists of allowances and charges are interleaved on line 1
// but not on the document; swapping both gives the other JSON form of each,
// so the union of the two covers every key.
std::set<std::string> PathsOfBothForms() {
  Invoice swapped = FullInvoice();
  std::swap(swapped.allowances_charges[0], swapped.allowances_charges[1]);
  auto& line = swapped.lines[0].allowances_charges;
  std::swap(line[0], line[1]);
  std::set<std::string> paths = PathsOf(FullInvoice());
  for (const std::string& p : PathsOf(swapped)) paths.insert(p);
  return paths;
}

// The BT/BG ids invoice.h names in its member comments.
std::vector<std::string> TermsOfModel() {
  const std::string header = chorus::testing::ReadFile(
      chorus::testing::SourceDir() / "include/chorus/model/invoice.h");
  std::set<std::string> terms;
  const std::regex re(R"(\b(BT-\d+(?:-\d)?|BG-\d+)\b)");
  for (auto it = std::sregex_iterator(header.begin(), header.end(), re);
       it != std::sregex_iterator(); ++it) {
    terms.insert(it->str());
  }
  return {terms.begin(), terms.end()};
}

// Groups the JSON flattens into their parent: BG-0 is the root, BG-2's two
// terms sit at the root, BG-29's price terms sit on the line.
bool IsFlattenedGroup(const std::string& term) {
  return term == "BG-0" || term == "BG-2" || term == "BG-29";
}

std::vector<Diagnostic> Problems(const std::string& text) {
  Result<Invoice> r = InvoiceFromJson(text, "in.json");
  if (r.ok()) return {};
  return r.error().details;
}

constexpr const char* kLine =
    R"({"id": "1", "quantity": "1", "net_price": "10", "item": {"name": "x"}})";

// A valid document from its parts; `extra` is spliced into the root object.
std::string Doc(const std::string& extra = "", const std::string& line = kLine,
                const std::string& seller = R"({"name": "S"})") {
  return R"({"number": "F-1", "issue_date": "2026-01-15", "currency": "EUR",
  "seller": )" + seller + R"(, "buyer": {"name": "B"}, "lines": [)" + line +
         "]" + extra + "}";
}
// The minimal document with `line_extra` added to its line.
std::string Minimal(const std::string& extra = "",
                    const std::string& line_extra = "") {
  std::string line = kLine;
  line.insert(line.size() - 1, line_extra);
  return Doc(extra, line);
}

MATCHER_P2(Diag, location, text, "") {
  return arg.rule == "JSON" && arg.location == location &&
         arg.message.find(text) != std::string::npos;
}

TEST(JsonRoundTrip, FullModelComesBackEqual) {
  const Invoice inv = FullInvoice();
  const std::string json = InvoiceToJson(inv);
  Result<Invoice> back = InvoiceFromJson(json, "full.json");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, inv);
  // == compares decimals numerically; the text also keeps every scale.
  EXPECT_EQ(InvoiceToJson(*back), json);
  EXPECT_THAT(json, HasSubstr("\"quantity\": \"2.500\""));
  EXPECT_THAT(json, HasSubstr("\"percentage\": \"10.000\""));
}

TEST(JsonRoundTrip, EveryTermOfTheModelHasAKeyAndIsWritten) {
  const std::set<std::string> paths = PathsOfBothForms();
  const std::vector<std::string> terms = TermsOfModel();
  ASSERT_GT(terms.size(), 180u);  // sanity: the regex found the terms
  for (const std::string& term : terms) {
    const std::string key = JsonKeyForTerm(term);
    if (IsFlattenedGroup(term)) continue;
    EXPECT_FALSE(key.empty()) << term << " has no JSON key";
    if (!key.empty()) {
      EXPECT_TRUE(paths.count(key)) << term << " -> " << key
                                    << " is not written for the full model";
    }
  }
}

TEST(JsonRoundTrip, InterleavedAllowancesUseOneList) {
  Invoice inv = FullInvoice();
  std::swap(inv.allowances_charges[0], inv.allowances_charges[1]);
  inv.allowances_charges.push_back(inv.allowances_charges[1]);
  const std::set<std::string> paths = PathsOf(inv);
  EXPECT_TRUE(paths.count("allowances_charges[].is_charge"));
  EXPECT_FALSE(paths.count("allowances"));
  EXPECT_TRUE(paths.count("lines[].allowances_charges[].is_charge"));
  // Line 2 has no interleaving and keeps the readable form.
  EXPECT_TRUE(paths.count("lines[].allowances[].amount"));
  Result<Invoice> back = InvoiceFromJson(InvoiceToJson(inv), "x");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, inv);
}

// The promise of the format: whatever a UBL or CII reader produces converts
// to JSON and back unchanged (the Taxi example interleaves line charges and
// allowances).
TEST(JsonRoundTrip, CenExamplesComeBackEqual) {
  const auto root = chorus::testing::SharedDir() / "conformance/en16931";
  int files = 0;
  for (const char* dir : {"ubl-examples", "cii-examples"}) {
    for (const auto& path : chorus::testing::XmlFilesIn(root / dir)) {
      auto doc = LoadDocumentFile(path.string());
      ASSERT_TRUE(doc.ok()) << path;
      const Invoice inv = ReadInvoice(**doc).invoice;
      const std::string json = InvoiceToJson(inv);
      Result<Invoice> back = InvoiceFromJson(json, path.filename().string());
      ASSERT_TRUE(back.ok()) << path << ": " << back.error().message;
      EXPECT_EQ(*back, inv) << path;
      EXPECT_EQ(InvoiceToJson(*back), json) << path;
      ++files;
    }
  }
  EXPECT_GT(files, 40);
}

TEST(JsonRoundTrip, CompactOutputParsesBack) {
  const Invoice inv = FullInvoice();
  const std::string compact = InvoiceToJson(inv, -1);
  EXPECT_EQ(compact.find('\n'), std::string::npos);
  Result<Invoice> back = InvoiceFromJson(compact, "x");
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, inv);
}

TEST(JsonWrite, KeysFollowTheDocumentedOrder) {
  const std::string json = InvoiceToJson(FullInvoice());
  EXPECT_LT(json.find("\"kind\""), json.find("\"number\""));
  EXPECT_LT(json.find("\"number\""), json.find("\"seller\""));
  EXPECT_LT(json.find("\"seller\""), json.find("\"buyer\""));
  EXPECT_LT(json.find("\"totals\""), json.find("\"lines\""));
  // Amounts are strings, never JSON numbers.
  EXPECT_THAT(json, HasSubstr("\"payable\": \"110.00\""));
  EXPECT_THAT(json, HasSubstr("\"net_price\": \"0.1\""));
  // Identifiers without scheme are plain strings.
  EXPECT_THAT(json, HasSubstr("\"LOCAL-7\""));
  EXPECT_THAT(json, HasSubstr("\"scheme_version\": \"2.1\""));
}

TEST(JsonRead, NumbersAreTakenDigitForDigit) {
  Result<Invoice> r = InvoiceFromJson(
      Minimal("", R"(, "net_amount": 0.30, "vat_rate": 5.5,
        "base_quantity": 123456789012345678901234567890,
        "gross_price": 1e2, "price_discount": -0.000001)"),
      "n.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  const InvoiceLine& l = r->lines[0];
  EXPECT_EQ(l.net_amount->ToString(), "0.30");
  EXPECT_EQ(*l.vat_rate, D("5.5"));
  EXPECT_EQ(*l.price->base_quantity, D("123456789012345678901234567890"));
  EXPECT_EQ(*l.price->gross_price, D("100"));
  EXPECT_EQ(*l.price->discount, D("-0.000001"));
  // 0.1 + 0.2 is exactly 0.3 here, which a double could not promise.
  Result<Invoice> q = InvoiceFromJson(
      Doc("", R"({"id": "1", "quantity": 0.1, "net_price": 0.2,
                  "item": {"name": "x"}})"),
      "q.json");
  ASSERT_TRUE(q.ok()) << q.error().message;
  EXPECT_EQ(*q->lines[0].quantity + *q->lines[0].price->net_price, D("0.3"));
  EXPECT_EQ(q->lines[0].quantity->ToString(), "0.1");
}

TEST(JsonRead, DefaultsAndDocumentKind) {
  Result<Invoice> r = InvoiceFromJson(Minimal(), "m.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->kind, DocumentKind::kInvoice);
  EXPECT_EQ(r->type_code, "380");
  EXPECT_FALSE(r->totals.has_value());
  EXPECT_TRUE(r->vat_breakdown.empty());
  EXPECT_EQ(r->issue_date, Day("2026-01-15"));
  EXPECT_EQ(r->lines[0].price->net_price, D("10"));

  Result<Invoice> cn = InvoiceFromJson(Minimal(R"(, "kind": "credit_note")"), "");
  ASSERT_TRUE(cn.ok());
  EXPECT_EQ(cn->type_code, "381");
  Result<Invoice> by_code = InvoiceFromJson(Minimal(R"(, "type_code": "381")"), "");
  ASSERT_TRUE(by_code.ok());
  EXPECT_EQ(by_code->kind, DocumentKind::kCreditNote);
  Result<Invoice> corrective =
      InvoiceFromJson(Minimal(R"(, "type_code": "384")"), "");
  ASSERT_TRUE(corrective.ok());
  EXPECT_EQ(corrective->kind, DocumentKind::kInvoice);
}

TEST(JsonRead, ShorthandsNullsAndIdentifiers) {
  Result<Invoice> r = InvoiceFromJson(
      Minimal(R"(, "notes": ["a", {"subject_code": "AAI", "text": "b"}],
      "preceding_invoices": ["F-0", {"number": "F-00", "issue_date": "2025-01-02"}],
      "payee": null, "invoiced_object_id": {"id": "O", "scheme": "AAA"},
      "due_date": null)"),
      "s.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->notes.size(), 2u);
  EXPECT_EQ(r->notes[0], (Note{std::nullopt, "a"}));
  EXPECT_EQ(r->notes[1], (Note{"AAI", "b"}));
  ASSERT_EQ(r->preceding_invoices.size(), 2u);
  EXPECT_EQ(r->preceding_invoices[0].number, "F-0");
  EXPECT_EQ(r->preceding_invoices[1].issue_date, Day("2025-01-02"));
  EXPECT_FALSE(r->payee.has_value());
  EXPECT_FALSE(r->due_date.has_value());
  EXPECT_EQ(r->invoiced_object_id, Id("O", "AAA"));
}

TEST(JsonRead, RecordsSourceLines) {
  const std::string text =
      "{\n\"number\": \"F\", \"issue_date\": \"2026-01-01\",\n"
      "\"currency\": \"EUR\",\n\"seller\": {\"name\": \"S\"},\n"
      "\"buyer\": {\"name\": \"B\"},\n\"lines\": [\n"
      "  {\"id\": \"1\", \"quantity\": 1, \"net_price\": 1,\n"
      "   \"item\": {\"name\": \"x\"}}]}";
  Result<Invoice> r = InvoiceFromJson(text, "l.json");
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->seller->pos.line, 4u);
  EXPECT_EQ(r->lines[0].pos.line, 7u);
}

TEST(JsonErrors, UnknownKeySuggestsTheClosestOne) {
  EXPECT_THAT(Problems(Minimal(R"(, "buyer_refrence": "X")")),
              ::testing::ElementsAre(Diag(
                  "$.buyer_refrence",
                  R"(unknown key "buyer_refrence" (did you mean "buyer_reference"?))")));
  EXPECT_THAT(Problems(Doc("", R"({"id": "1", "quantity": "1",
                                "net_price": "1", "item": {"nme": "x"}})")),
              ::testing::Contains(Diag("$.lines[0].item.nme",
                                       R"(did you mean "name"?)")));
  EXPECT_THAT(Problems(Minimal(R"(, "payment": {"means_code": "30",
      "credit_transfers": [{"iban": "FR76"}]})")),
              ::testing::Contains(Diag("$.payment.credit_transfers[0].iban",
                                       R"(did you mean "account_id"?)")));
  // Nothing close: no suggestion rather than a silly one.
  const auto far = Problems(Minimal(R"(, "zzzzzzzzzz": 1)"));
  ASSERT_EQ(far.size(), 1u);
  EXPECT_EQ(far[0].message, R"(unknown key "zzzzzzzzzz")");
}

TEST(JsonErrors, WrongTypeBadDateBadAmount) {
  const std::string text = R"({"number": 12, "issue_date": "2024-02-30",
    "currency": "EUR", "seller": {"name": "S"}, "buyer": "B",
    "lines": [{"id": "1", "quantity": "1", "net_price": "1", "item": {"name": "a"}},
              {"id": "2", "quantity": "1", "net_price": "1", "item": {"name": "b"}},
              {"id": "3", "quantity": true, "net_price": "12,50",
               "item": {"name": "c"}}]})";
  const std::vector<Diagnostic> d = Problems(text);
  EXPECT_THAT(d, ::testing::Contains(
                     Diag("$.number", "expected a string, got a number")));
  EXPECT_THAT(d, ::testing::Contains(
                     Diag("$.issue_date",
                          R"("2024-02-30" is not a valid date (YYYY-MM-DD))")));
  EXPECT_THAT(d, ::testing::Contains(
                     Diag("$.buyer", "expected an object, got a string")));
  EXPECT_THAT(d, ::testing::Contains(Diag("$.lines[2].net_price",
                                          R"("12,50" is not a decimal amount)")));
  EXPECT_THAT(d, ::testing::Contains(Diag("$.lines[2].net_price", R"("12.50")")));
  EXPECT_THAT(d, ::testing::Contains(
                     Diag("$.lines[2].quantity",
                          "expected a decimal quantity (a string such as "
                          "\"12.50\" or a number), got a boolean")));
  EXPECT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].severity, Severity::kError);
}

TEST(JsonErrors, MissingRequiredKeys) {
  const std::vector<Diagnostic> d = Problems(
      R"({"seller": {"vat_id": "FR1"}, "buyer": {"name": "B"},
          "lines": [{"id": "1", "net_price": "1"}],
          "vat_breakdown": [{"rate": "20"}],
          "allowances": [{"reason": "r"}]})");
  for (const char* loc : {"$.number", "$.issue_date", "$.currency",
                          "$.seller.name", "$.lines[0].quantity",
                          "$.lines[0].item", "$.vat_breakdown[0].category"}) {
    EXPECT_THAT(d, ::testing::Contains(Diag(loc, "missing required key")))
        << loc;
  }
  EXPECT_THAT(d, ::testing::Contains(Diag(
                     "$.allowances[0].amount",
                     R"(missing required key "amount" (or give "percentage")")));
  EXPECT_THAT(Problems(R"({"number": "1", "issue_date": "2026-01-01",
      "currency": "EUR", "seller": {"name": "S"}, "buyer": {"name": "B"}})"),
              ::testing::ElementsAre(
                  Diag("$.lines", R"(missing required key "lines")")));
}

TEST(JsonErrors, SyntaxErrorNamesLineAndColumn) {
  Result<Invoice> r = InvoiceFromJson("{\n  \"number\": \"1\",\n  }\n", "bad.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, Error::Kind::kInvalidInput);
  ASSERT_EQ(r.error().details.size(), 1u);
  EXPECT_EQ(r.error().details[0].location, "line 3, column 3");
  EXPECT_THAT(r.error().details[0].message, HasSubstr("line 3, column 3"));
  EXPECT_THAT(r.error().message, ::testing::StartsWith("bad.json: "));
  EXPECT_FALSE(InvoiceFromJson("", "e.json").ok());
  EXPECT_FALSE(InvoiceFromJson(Minimal() + "x", "t.json").ok());
}

TEST(JsonErrors, CollectsEveryProblemAndNamesTheSource) {
  Result<Invoice> r = InvoiceFromJson(
      Minimal(R"(, "kind": "facture", "due_date": "demain", "typo_key": 1)"),
      "inv.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().details.size(), 3u);
  EXPECT_THAT(r.error().message, ::testing::StartsWith("inv.json: 3 problems"));
  EXPECT_THAT(r.error().details,
              ::testing::Contains(Diag("$.kind", R"("facture" is not a document kind)")));
}

TEST(JsonErrors, StructuralOddities) {
  EXPECT_THAT(Problems("[1, 2]"),
              ::testing::ElementsAre(Diag("$", "expected an object, got an array")));
  EXPECT_THAT(Problems(Minimal(R"(, "number": "F-2")")),
              ::testing::Contains(Diag("$.number", "duplicate key \"number\"")));
  EXPECT_THAT(Problems(std::string(1000, '[') + std::string(1000, ']')),
              ::testing::Contains(Diag("line 1", "nested deeper")));
  EXPECT_THAT(Problems(Minimal(R"(, "allowances": [], "allowances_charges": [])")),
              ::testing::Contains(Diag("$.allowances_charges", "not both")));
  EXPECT_THAT(Problems(Minimal("", R"(, "vat_rate": 1e-99999)")),
              ::testing::Contains(Diag("$.lines[0].vat_rate", "1e-99999 is not a decimal")));
  EXPECT_THAT(Problems(Doc("", kLine,
                           R"({"name": "S", "ids": [{"scheme": "0009"}, 5]})")),
              ::testing::IsSupersetOf({Diag("$.seller.ids[0].id", "missing required key"),
                                       Diag("$.seller.ids[1]", "expected an identifier")}));
}

TEST(JsonKeys, ForTerm) {
  EXPECT_EQ(JsonKeyForTerm("BT-10"), "buyer_reference");
  EXPECT_EQ(JsonKeyForTerm("bt-13"), "purchase_order_reference");
  EXPECT_EQ(JsonKeyForTerm("BT-153"), "lines[].item.name");
  EXPECT_EQ(JsonKeyForTerm("BT-29-1"), "seller.ids[].scheme");
  EXPECT_EQ(JsonKeyForTerm("BT-46-1"), "buyer.id.scheme");
  EXPECT_EQ(JsonKeyForTerm("BT-158-2"), "lines[].item.classifications[].scheme_version");
  EXPECT_EQ(JsonKeyForTerm("BT-84"), "payment.credit_transfers[].account_id");
  EXPECT_EQ(JsonKeyForTerm("BG-20"), "allowances");
  EXPECT_EQ(JsonKeyForTerm("BT-99"), "charges[].amount");
  EXPECT_EQ(JsonKeyForTerm("BT-999"), "");
  EXPECT_EQ(JsonKeyForTerm(""), "");
}

TEST(JsonDocs, EveryKeyIsDocumented) {
  const std::string doc = chorus::testing::ReadFile(
      chorus::testing::SourceDir() / "docs/json-format.md");
  ASSERT_FALSE(doc.empty());
  for (const std::string& path : PathsOfBothForms()) {
    EXPECT_NE(doc.find("`" + path + "`"), std::string::npos)
        << path << " is not in docs/json-format.md";
  }
  for (const std::string& term : TermsOfModel()) {
    const std::string key = JsonKeyForTerm(term);
    if (key.empty()) continue;
    // The reference table lists the key with its term on the same row.
    const size_t row = doc.find("\n| `" + key + "` |");
    ASSERT_NE(row, std::string::npos) << key << " has no row";
    const std::string line = doc.substr(row + 1, doc.find('\n', row + 1) - row - 1);
    const std::regex term_re("\\b" + term + "(?![-0-9])");
    EXPECT_TRUE(std::regex_search(line, term_re)) << line << " lacks " << term;
  }
}

}  // namespace
}  // namespace chorus
