// Helpers shared by the CII reader/writer tests.
#include "format/cii_test_util.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "chorus/format/xsd.h"
#include "chorus/model/json.h"
#include "format/cii_sample.h"
#include "support/test_env.h"

namespace chorus::testing::cii {

std::unique_ptr<XmlDocument> Load(std::string bytes, const std::string& name) {
  auto doc = LoadDocumentBuffer(std::move(bytes), name);
  EXPECT_TRUE(doc.ok()) << name << ": "
                        << (doc.ok() ? "" : doc.error().message);
  return doc.ok() ? std::move(doc).value() : nullptr;
}

ReadResult ReadText(const std::string& xml, const std::string& name) {
  auto doc = Load(xml, name);
  return doc ? ReadCii(*doc) : ReadResult{};
}

// Names the groups of two models that differ, then the first lines where
// their JSON renderings part, so a failing round trip says what was lost.
std::string Diff(const Invoice& a, const Invoice& b) {
  std::ostringstream out;
  auto check = [&](const char* group, bool equal) {
    if (!equal) out << group << " ";
  };
  check("notes", a.notes == b.notes);
  check("seller", a.seller == b.seller);
  check("buyer", a.buyer == b.buyer);
  check("payee", a.payee == b.payee);
  check("tax_representative", a.tax_representative == b.tax_representative);
  check("delivery", a.delivery == b.delivery);
  check("invoicing_period", a.invoicing_period == b.invoicing_period);
  check("payment", a.payment == b.payment);
  check("allowances_charges", a.allowances_charges == b.allowances_charges);
  check("totals", a.totals == b.totals);
  check("vat_breakdown", a.vat_breakdown == b.vat_breakdown);
  check("supporting_documents",
        a.supporting_documents == b.supporting_documents);
  check("preceding_invoices", a.preceding_invoices == b.preceding_invoices);
  check("lines", a.lines == b.lines);
  if (out.str().empty() && !(a == b)) out << "header ";
  auto lines = [](const std::string& text) {
    std::vector<std::string> v;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  };
  std::vector<std::string> ja = lines(InvoiceToJson(a)),
                           jb = lines(InvoiceToJson(b));
  int shown = 0;
  for (size_t n = 0; shown < 6 && n < std::max(ja.size(), jb.size()); ++n) {
    std::string la = n < ja.size() ? ja[n] : "",
                lb = n < jb.size() ? jb[n] : "";
    if (la != lb) {
      out << "\n  json line " << n + 1 << ": '" << la << "' vs '" << lb << "'";
      ++shown;
    }
  }
  return out.str();
}

// Validates against the official D16B schema with the library's validator;
// returns the findings, "" when valid.
std::string XsdErrors(const std::string& xml, const std::string& name) {
  if (!std::getenv("CHORUS_SCHEMA_DIR")) {
    std::string dir = (SharedDir() / "schemas").string();
    ::setenv("CHORUS_SCHEMA_DIR", dir.c_str(), 0);
  }
  auto doc = LoadDocumentBuffer(xml, name);
  if (!doc) return "not loadable: " + doc.error().message;
  auto found = ValidateXsd(**doc, SchemaId::kCiiD16B);
  if (!found) return "validator failed: " + found.error().message;
  std::string out;
  for (const Diagnostic& d : *found)
    out += d.location + ": " + d.message + "\n";
  return out;
}

std::string Sample(const std::string& from, const std::string& to) {
  std::string s = kCiiSampleInvoice;
  if (from.empty()) return s;
  size_t at = 0;
  int count = 0;
  while ((at = s.find(from, at)) != std::string::npos) {
    s.replace(at, from.size(), to);
    at += to.size();
    ++count;
  }
  EXPECT_GT(count, 0) << "sample has no " << from;
  return s;
}

Decimal Dec(const char* text) { return *Decimal::Parse(text); }

}  // namespace chorus::testing::cii
