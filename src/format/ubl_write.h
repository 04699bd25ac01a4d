// Internal machinery of the UBL writer (WriteUbl in chorus/format/syntax.h).
// Each Write* function emits its elements in the order of the UBL 2.1
// schema sequence; ubl_writer.cpp calls them in document order.
#ifndef CHORUS_FORMAT_UBL_WRITE_H_
#define CHORUS_FORMAT_UBL_WRITE_H_

#include <optional>
#include <string>
#include <string_view>

#include "chorus/format/syntax.h"
#include "format/ubl_binding.h"
#include "format/ubl_xml_out.h"

namespace chorus::ubl {

class Writer {
 public:
  Writer(const Invoice& invoice, const WriteOptions& options, WriteResult& out)
      : x(options.pretty), inv(invoice), out_(out) {}

  XmlOut x;
  const Invoice& inv;
  bool credit_note() const { return inv.kind == DocumentKind::kCreditNote; }

  // Leaves written only when the term is present ("" for a present-but-
  // empty optional still writes the element, so it reads back present).
  void Opt(std::string_view qname, const Text& value);
  void Date(std::string_view qname, const std::optional<chorus::Date>& d);
  void Id(std::string_view qname, const OptId& id,
          std::string_view scheme_attr = "schemeID");
  void Id(std::string_view qname, const Identifier& id,
          std::string_view scheme_attr = "schemeID");
  void Num(std::string_view qname, const chorus::Amount& value);
  // Amounts carry currencyID: BT-5, or `currency` when given (BT-111).
  void Money(std::string_view qname, const Decimal& value,
             const std::string* currency = nullptr);
  void Money(std::string_view qname, const chorus::Amount& value);

  // <cac:TaxScheme><cbc:ID>scheme</cbc:ID></cac:TaxScheme>
  void TaxScheme(std::string_view scheme);
  // cac:TaxCategory / cac:ClassifiedTaxCategory with ID, Percent, scheme.
  void TaxCategory(std::string_view qname, const Text& category,
                   const chorus::Amount& rate);
  void PostalAddress(std::string_view qname, const Address& a);

  void Lost(std::string term, std::string message);

 private:
  WriteResult& out_;
};

void WriteParties(Writer& w);
void WriteDelivery(Writer& w);
// Returns whether any PaymentMeans was written (credit notes carry BT-9
// there).
bool WritePayment(Writer& w);
void WriteAllowancesCharges(Writer& w);
void WriteTaxTotals(Writer& w);
void WriteMonetaryTotal(Writer& w);
void WriteLine(Writer& w, const InvoiceLine& line);


}  // namespace chorus::ubl

#endif  // CHORUS_FORMAT_UBL_WRITE_H_
