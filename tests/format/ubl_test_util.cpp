#include "format/ubl_test_util.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "chorus/format/xsd.h"
#include "support/test_env.h"

namespace chorus::testing {

std::unique_ptr<XmlDocument> LoadUbl(const std::string& xml,
                                     const std::string& name) {
  Result<std::unique_ptr<XmlDocument>> r = LoadDocumentBuffer(xml, name);
  if (!r) {
    ADD_FAILURE() << name << ": " << r.error().message;
    return nullptr;
  }
  return std::move(r).value();
}

namespace {

class Differ {
 public:
  template <typename T>
  void Field(const std::string& name, const T& a, const T& b) {
    if (!(a == b)) Add(name);
  }
  void Add(const std::string& name) {
    if (!out_.empty()) out_ += ", ";
    out_ += name;
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

void DiffLine(Differ& d, const std::string& at, const InvoiceLine& a,
              const InvoiceLine& b) {
#define CHORUS_LINE_FIELD(f) d.Field(at + "." #f, a.f, b.f)
  CHORUS_LINE_FIELD(id);
  CHORUS_LINE_FIELD(note);
  CHORUS_LINE_FIELD(object_id);
  CHORUS_LINE_FIELD(quantity);
  CHORUS_LINE_FIELD(unit_code);
  CHORUS_LINE_FIELD(net_amount);
  CHORUS_LINE_FIELD(order_line_ref);
  CHORUS_LINE_FIELD(buyer_accounting_ref);
  CHORUS_LINE_FIELD(period);
  CHORUS_LINE_FIELD(allowances_charges);
  CHORUS_LINE_FIELD(price);
  CHORUS_LINE_FIELD(vat_category);
  CHORUS_LINE_FIELD(vat_rate);
  CHORUS_LINE_FIELD(item);
#undef CHORUS_LINE_FIELD
}

}  // namespace

std::string DiffInvoices(const Invoice& a, const Invoice& b) {
  Differ d;
#define CHORUS_FIELD(f) d.Field(#f, a.f, b.f)
  CHORUS_FIELD(kind);
  CHORUS_FIELD(number);
  CHORUS_FIELD(issue_date);
  CHORUS_FIELD(type_code);
  CHORUS_FIELD(currency);
  CHORUS_FIELD(accounting_currency);
  CHORUS_FIELD(tax_point_date);
  CHORUS_FIELD(tax_point_date_code);
  CHORUS_FIELD(due_date);
  CHORUS_FIELD(buyer_reference);
  CHORUS_FIELD(project_reference);
  CHORUS_FIELD(contract_reference);
  CHORUS_FIELD(purchase_order_reference);
  CHORUS_FIELD(sales_order_reference);
  CHORUS_FIELD(receiving_advice_reference);
  CHORUS_FIELD(despatch_advice_reference);
  CHORUS_FIELD(tender_reference);
  CHORUS_FIELD(invoiced_object_id);
  CHORUS_FIELD(buyer_accounting_reference);
  CHORUS_FIELD(payment_terms);
  CHORUS_FIELD(notes);
  CHORUS_FIELD(business_process);
  CHORUS_FIELD(specification_id);
  CHORUS_FIELD(preceding_invoices);
  CHORUS_FIELD(seller);
  CHORUS_FIELD(buyer);
  CHORUS_FIELD(payee);
  CHORUS_FIELD(tax_representative);
  CHORUS_FIELD(delivery);
  CHORUS_FIELD(invoicing_period);
  CHORUS_FIELD(payment);
  CHORUS_FIELD(allowances_charges);
  CHORUS_FIELD(totals);
  CHORUS_FIELD(vat_breakdown);
  CHORUS_FIELD(supporting_documents);
#undef CHORUS_FIELD
  if (a.lines.size() != b.lines.size()) {
    d.Add("lines (count " + std::to_string(a.lines.size()) + " vs " +
          std::to_string(b.lines.size()) + ")");
  } else {
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
      DiffLine(d, "lines[" + std::to_string(i) + "]", a.lines[i], b.lines[i]);
    }
  }
  return d.Take();
}

std::vector<std::string> XsdErrors(const std::string& xml) {
  if (!std::getenv("CHORUS_SCHEMA_DIR")) {
    std::string dir = (SharedDir() / "schemas").string();
    ::setenv("CHORUS_SCHEMA_DIR", dir.c_str(), 0);
  }
  std::unique_ptr<XmlDocument> doc = LoadUbl(xml, "written.xml");
  if (!doc) return {"not loadable"};
  Result<std::vector<Diagnostic>> found = ValidateXsd(*doc, ChooseSchema(*doc));
  if (!found) return {"validator failed: " + found.error().message};
  std::vector<std::string> out;
  for (const Diagnostic& diag : *found) {
    out.push_back(diag.location + ": " + diag.message);
  }
  return out;
}

std::string Describe(const std::vector<UnmappedDatum>& unmapped) {
  std::string out;
  for (const UnmappedDatum& u : unmapped) {
    out += "  " + u.path + " | line " + std::to_string(u.line) + " | '" +
           u.value + "' | " + u.reason + "\n";
  }
  return out;
}

std::string Describe(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) {
    out += "  " + d.rule + " " + SeverityName(d.severity) + " " + d.location +
           ": " + d.message + "\n";
  }
  return out;
}

}  // namespace chorus::testing
