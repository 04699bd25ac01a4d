// samples/*.json: realistic French invoices that must read cleanly, compute,
// and carry consistent identifiers (SIREN/SIRET Luhn, FR VAT key, IBAN).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "chorus/model/compute.h"
#include "chorus/model/json.h"
#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;

std::map<std::string, Invoice> LoadSamples() {
  std::map<std::string, Invoice> out;
  const fs::path dir = chorus::testing::SourceDir() / "samples";
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".json") continue;
    const std::string name = e.path().filename().string();
    Result<Invoice> r =
        InvoiceFromJson(chorus::testing::ReadFile(e.path()), name);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    if (r.ok()) out.emplace(name, std::move(r.value()));
  }
  return out;
}

const Invoice& Sample(const std::map<std::string, Invoice>& all,
                      const std::string& name) {
  static const Invoice kEmpty;
  auto it = all.find(name);
  EXPECT_NE(it, all.end()) << name << " missing";
  return it == all.end() ? kEmpty : it->second;
}

bool LuhnValid(const std::string& digits) {
  if (digits.empty()) return false;
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    const char c = digits[digits.size() - 1 - i];
    if (c < '0' || c > '9') return false;
    int d = c - '0';
    if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 == 0;
}

// FR + key + SIREN, key = (12 + 3 * (SIREN mod 97)) mod 97.
bool FrenchVatMatches(const std::string& vat, const std::string& siren) {
  if (vat.size() != 13 || vat.compare(0, 2, "FR") != 0) return false;
  if (vat.substr(4) != siren) return false;
  const long long key = (12 + 3 * (std::stoll(siren) % 97)) % 97;
  return std::stoi(vat.substr(2, 2)) == key;
}

bool IbanValid(const std::string& iban) {
  if (iban.size() < 15) return false;
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  int rem = 0;
  for (char c : moved) {
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' + 10 : c - '0';
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem == 1;
}

TEST(JsonSamples, AllReadWithoutDiagnosticsAndRoundTrip) {
  const auto samples = LoadSamples();
  EXPECT_GE(samples.size(), 7u);
  for (const auto& [name, inv] : samples) {
    Result<Invoice> back = InvoiceFromJson(InvoiceToJson(inv), name);
    ASSERT_TRUE(back.ok()) << name;
    EXPECT_EQ(*back, inv) << name;
    // What users give, not what chorus computes.
    EXPECT_FALSE(inv.totals.has_value()) << name;
    EXPECT_EQ(inv.specification_id, "urn:cen.eu:en16931:2017") << name;
    EXPECT_EQ(inv.currency, "EUR") << name;
    ASSERT_TRUE(inv.seller && inv.seller->address) << name;
    ASSERT_TRUE(inv.buyer && inv.buyer->address) << name;
    EXPECT_EQ(inv.seller->address->country, "FR") << name;
    EXPECT_FALSE(inv.buyer->address->country.value_or("").empty()) << name;
    EXPECT_TRUE(inv.due_date || inv.payment_terms) << name;
    ASSERT_TRUE(inv.issue_date.has_value()) << name;
    EXPECT_EQ(inv.issue_date->year, 2026) << name;
    ASSERT_TRUE(inv.payment.has_value()) << name;
    for (const CreditTransfer& ct : inv.payment->credit_transfers) {
      EXPECT_TRUE(IbanValid(ct.account_id.value_or("")))
          << name << " " << ct.account_id.value_or("(absent)");
    }
  }
}

TEST(JsonSamples, FrenchIdentifiersAreConsistent) {
  for (const auto& [name, inv] : LoadSamples()) {
    ASSERT_TRUE(inv.seller.has_value());
    const Seller& s = *inv.seller;
    ASSERT_TRUE(s.legal_registration_id.has_value()) << name;
    const std::string& siren = s.legal_registration_id->value;
    EXPECT_EQ(s.legal_registration_id->scheme, "0002") << name;
    EXPECT_TRUE(LuhnValid(siren) && siren.size() == 9) << name << " " << siren;
    ASSERT_TRUE(s.vat_id.has_value()) << name;
    EXPECT_TRUE(FrenchVatMatches(*s.vat_id, siren)) << name << " " << *s.vat_id;
    for (const Identifier& id : s.ids) {
      EXPECT_EQ(id.scheme, "0009") << name;
      EXPECT_EQ(id.value.size(), 14u) << name;
      EXPECT_TRUE(LuhnValid(id.value)) << name << " " << id.value;
      EXPECT_EQ(id.value.substr(0, 9), siren) << name;
    }
    ASSERT_TRUE(inv.buyer.has_value());
    const Buyer& b = *inv.buyer;
    if (b.address && b.address->country == "FR") {
      ASSERT_TRUE(b.legal_registration_id.has_value()) << name;
      const std::string& bsiren = b.legal_registration_id->value;
      EXPECT_TRUE(LuhnValid(bsiren)) << name << " " << bsiren;
      if (b.id) {
        EXPECT_TRUE(LuhnValid(b.id->value)) << name;
        EXPECT_EQ(b.id->value.substr(0, 9), bsiren) << name;
      }
      if (b.vat_id) {
        EXPECT_TRUE(FrenchVatMatches(*b.vat_id, bsiren)) << name;
      }
    }
  }
}

TEST(JsonSamples, ComputeFillsTheTotals) {
  for (auto& [name, inv] : LoadSamples()) {
    Invoice computed = inv;
    Status st = Compute(computed);
    ASSERT_TRUE(st.ok()) << name << ": " << st.error().message;
    EXPECT_GT(computed.totals->payable, Decimal(0)) << name;
    EXPECT_FALSE(computed.vat_breakdown.empty()) << name;
  }
}

TEST(JsonSamples, ScenariosHoldWhatTheyClaim) {
  const auto all = LoadSamples();
  const Invoice& b2g = Sample(all, "b2g-service-code.json");
  EXPECT_TRUE(b2g.buyer_reference.has_value());
  EXPECT_TRUE(b2g.purchase_order_reference.has_value());
  ASSERT_TRUE(b2g.buyer->id.has_value());
  EXPECT_EQ(b2g.buyer->id->scheme, "0009");

  const Invoice& missing = Sample(all, "b2g-missing-engagement.json");
  EXPECT_TRUE(missing.buyer_reference.has_value());
  EXPECT_FALSE(missing.purchase_order_reference.has_value());
  EXPECT_NE(missing.buyer->name, b2g.buyer->name);

  const Invoice& mixed = Sample(all, "b2b-mixed-vat.json");
  std::vector<std::string> rates;
  for (const InvoiceLine& l : mixed.lines) rates.push_back(l.vat_rate->ToString());
  EXPECT_THAT(rates, ::testing::IsSupersetOf({"20", "5.5"}));
  EXPECT_TRUE(std::any_of(mixed.allowances_charges.begin(),
                          mixed.allowances_charges.end(),
                          [](const AllowanceCharge& a) { return !a.is_charge; }));

  const Invoice& credit = Sample(all, "credit-note.json");
  EXPECT_EQ(credit.kind, DocumentKind::kCreditNote);
  EXPECT_EQ(credit.type_code, "381");
  ASSERT_EQ(credit.preceding_invoices.size(), 1u);
  EXPECT_EQ(credit.preceding_invoices[0].number, mixed.number);

  const Invoice& ae = Sample(all, "intra-eu-reverse-charge.json");
  EXPECT_EQ(ae.buyer->address->country, "DE");
  ASSERT_TRUE(ae.buyer->vat_id.has_value());
  EXPECT_EQ(ae.buyer->vat_id->substr(0, 2), "DE");
  for (const InvoiceLine& l : ae.lines) {
    EXPECT_EQ(l.vat_category, "AE");
    EXPECT_EQ(*l.vat_rate, Decimal(0));
  }
  ASSERT_EQ(ae.vat_breakdown.size(), 1u);
  EXPECT_EQ(ae.vat_breakdown[0].exemption_reason, "Autoliquidation");
  EXPECT_EQ(ae.vat_breakdown[0].exemption_reason_code, "VATEX-EU-AE");

  const Invoice& exempt = Sample(all, "vat-exempt.json");
  for (const InvoiceLine& l : exempt.lines) EXPECT_EQ(l.vat_category, "E");
  ASSERT_EQ(exempt.vat_breakdown.size(), 1u);
  EXPECT_TRUE(exempt.vat_breakdown[0].exemption_reason.has_value());
  EXPECT_THAT(exempt.vat_breakdown[0].exemption_reason_code.value_or(""),
              ::testing::StartsWith("VATEX-"));

  const Invoice& multi = Sample(all, "multi-line-allowances.json");
  EXPECT_GE(multi.lines.size(), 5u);
  int allowances = 0, charges = 0, percentages = 0;
  for (const InvoiceLine& l : multi.lines) {
    for (const LineAllowanceCharge& ac : l.allowances_charges) {
      (ac.is_charge ? charges : allowances)++;
      if (ac.percentage) ++percentages;
    }
  }
  EXPECT_GE(allowances, 2);
  EXPECT_GE(charges, 2);
  EXPECT_GE(percentages, 3);
}

}  // namespace
}  // namespace chorus
