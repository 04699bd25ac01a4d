// The CII D16B writer's building blocks. Elements are appended in the order
// of the D16B XSD sequences (CrossIndustryInvoice_100pD16B.xsd and its RAM
// module), which is what makes the output schema-valid.
#ifndef CHORUS_FORMAT_CII_WRITER_IMPL_H_
#define CHORUS_FORMAT_CII_WRITER_IMPL_H_

#include <string>
#include <vector>

#include <pugixml.hpp>

#include "chorus/format/syntax.h"
#include "chorus/model/invoice.h"

namespace chorus::cii {

// Appends <name>text</name>.
pugi::xml_node Leaf(pugi::xml_node parent, const char* name,
                    const std::string& text);
inline void LeafIf(pugi::xml_node parent, const char* name, const Text& text) {
  if (text) Leaf(parent, name, *text);
}
void DecimalLeaf(pugi::xml_node parent, const char* name, const Decimal& v);
inline void DecimalIf(pugi::xml_node parent, const char* name, const Amount& v) {
  if (v) DecimalLeaf(parent, name, *v);
}
// <name><udt:DateTimeString format="102">CCYYMMDD</...></name>; `inner`
// names the string element (udt:DateString, qdt:DateTimeString).
void DateLeaf(pugi::xml_node parent, const char* name, const Date& d,
              const char* inner = "udt:DateTimeString");
void IndicatorLeaf(pugi::xml_node parent, const char* name, bool value);
// <name schemeID="...">value</name>, the attribute only when a scheme is set.
void IdLeaf(pugi::xml_node parent, const char* name, const Identifier& id,
            const char* scheme_attr = "schemeID");
// A party identifier: ram:GlobalID when it has a scheme, else ram:ID.
void PartyId(pugi::xml_node party, const Identifier& id);
// <ram:name><ram:IssuerAssignedID>...</...></ram:name> when `id` is set.
void IssuerDoc(pugi::xml_node parent, const char* name, const Text& id);

class Writer {
 public:
  Writer(const Invoice& inv, WriteResult& out) : inv_(inv), out_(out) {}
  void Run(pugi::xml_node root);

 private:
  // cii_writer.cpp
  void DocumentContext(pugi::xml_node root);
  void ExchangedDocument(pugi::xml_node root);
  void Agreement(pugi::xml_node tx);
  void Seller(pugi::xml_node agreement, const chorus::Seller& s);
  void Buyer(pugi::xml_node agreement, const chorus::Buyer& b);
  void AdditionalDocuments(pugi::xml_node agreement);
  void Delivery(pugi::xml_node tx);
  void WriteAddress(pugi::xml_node party, const Address& a);
  void WriteContact(pugi::xml_node party, const Contact& c);
  void Lose(const char* term, std::string message);

  // cii_writer_settlement.cpp
  void Settlement(pugi::xml_node tx);
  void PaymentMeans(pugi::xml_node settlement);
  void VatBreakdown(pugi::xml_node settlement);
  void AllowanceCharge(pugi::xml_node settlement, const chorus::AllowanceCharge& a);
  void PaymentTerms(pugi::xml_node settlement);
  void Summation(pugi::xml_node settlement);
  void WritePeriod(pugi::xml_node parent, const Period& p);

  // cii_writer_line.cpp
  void Line(pugi::xml_node tx, const InvoiceLine& l);
  void Product(pugi::xml_node item, const Item& p);
  void LineAgreement(pugi::xml_node item, const InvoiceLine& l);
  void LineSettlement(pugi::xml_node item, const InvoiceLine& l);

  const Invoice& inv_;
  WriteResult& out_;
};

}  // namespace chorus::cii

#endif  // CHORUS_FORMAT_CII_WRITER_IMPL_H_
