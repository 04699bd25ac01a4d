// Invoice lines (BG-25) of the CII writer.
#include <string>

#include "format/cii_writer_impl.h"

namespace chorus::cii {

void Writer::Line(pugi::xml_node tx, const InvoiceLine& l) {
  pugi::xml_node item = tx.append_child("ram:IncludedSupplyChainTradeLineItem");
  pugi::xml_node doc = item.append_child("ram:AssociatedDocumentLineDocument");
  LeafIf(doc, "ram:LineID", l.id);  // BT-126
  if (l.note) Leaf(doc.append_child("ram:IncludedNote"), "ram:Content", *l.note);
  if (l.item) Product(item, *l.item);
  LineAgreement(item, l);
  pugi::xml_node delivery = item.append_child("ram:SpecifiedLineTradeDelivery");
  if (l.quantity) {
    pugi::xml_node quantity =
        Leaf(delivery, "ram:BilledQuantity", l.quantity->ToString());
    if (l.unit_code) {
      quantity.append_attribute("unitCode") = l.unit_code->c_str();  // BT-130
    }
  } else if (l.unit_code) {
    Lose("BT-130", "line " + l.id.value_or("") +
                       ": CII carries the unit of measure as an attribute of "
                       "the invoiced quantity (BT-129), which the line does "
                       "not give");
  }
  LineSettlement(item, l);
}

void Writer::Product(pugi::xml_node item, const Item& p) {
  pugi::xml_node n = item.append_child("ram:SpecifiedTradeProduct");
  if (p.standard_id) IdLeaf(n, "ram:GlobalID", *p.standard_id);  // BT-157
  LeafIf(n, "ram:SellerAssignedID", p.seller_id);                // BT-155
  LeafIf(n, "ram:BuyerAssignedID", p.buyer_id);                  // BT-156
  LeafIf(n, "ram:Name", p.name);                                 // BT-153
  LeafIf(n, "ram:Description", p.description);                  // BT-154
  for (const ItemAttribute& a : p.attributes) {                  // BG-32
    pugi::xml_node c = n.append_child("ram:ApplicableProductCharacteristic");
    LeafIf(c, "ram:Description", a.name);
    LeafIf(c, "ram:Value", a.value);
  }
  for (const Identifier& c : p.classifications) {  // BT-158
    pugi::xml_node code =
        Leaf(n.append_child("ram:DesignatedProductClassification"),
             "ram:ClassCode", c.value);
    if (c.scheme) code.append_attribute("listID") = c.scheme->c_str();
    if (c.scheme_version) {
      code.append_attribute("listVersionID") = c.scheme_version->c_str();
    }
  }
  if (p.origin_country) {  // BT-159
    Leaf(n.append_child("ram:OriginTradeCountry"), "ram:ID", *p.origin_country);
  }
}

void Writer::LineAgreement(pugi::xml_node item, const InvoiceLine& l) {
  pugi::xml_node a = item.append_child("ram:SpecifiedLineTradeAgreement");
  if (l.order_line_ref) {  // BT-132
    Leaf(a.append_child("ram:BuyerOrderReferencedDocument"), "ram:LineID",
         *l.order_line_ref);
  }
  if (!l.price) return;
  const PriceDetails& p = *l.price;  // BG-29
  const std::string line_id = l.id.value_or("");
  if (p.gross_price) {
    pugi::xml_node g = a.append_child("ram:GrossPriceProductTradePrice");
    DecimalLeaf(g, "ram:ChargeAmount", *p.gross_price);  // BT-148
    if (p.discount) {                                    // BT-147
      pugi::xml_node d = g.append_child("ram:AppliedTradeAllowanceCharge");
      IndicatorLeaf(d, "ram:ChargeIndicator", false);
      DecimalLeaf(d, "ram:ActualAmount", *p.discount);
    }
  } else if (p.discount) {
    Lose("BT-147", "line " + line_id + ": CII carries the price discount inside "
                   "the gross price (BT-148), which the line does not give");
  }
  pugi::xml_node net = a.append_child("ram:NetPriceProductTradePrice");
  DecimalIf(net, "ram:ChargeAmount", p.net_price);  // BT-146
  if (p.base_quantity) {                              // BT-149, BT-150
    pugi::xml_node q = Leaf(net, "ram:BasisQuantity", p.base_quantity->ToString());
    if (p.base_quantity_unit) {
      q.append_attribute("unitCode") = p.base_quantity_unit->c_str();
    }
  } else if (p.base_quantity_unit) {
    Lose("BT-150", "line " + line_id + ": CII carries the base quantity unit as "
                   "an attribute of the base quantity (BT-149), which the "
                   "line does not give");
  }
}

void Writer::LineSettlement(pugi::xml_node item, const InvoiceLine& l) {
  pugi::xml_node s = item.append_child("ram:SpecifiedLineTradeSettlement");
  pugi::xml_node tax = s.append_child("ram:ApplicableTradeTax");
  Leaf(tax, "ram:TypeCode", "VAT");
  LeafIf(tax, "ram:CategoryCode", l.vat_category);          // BT-151
  DecimalIf(tax, "ram:RateApplicablePercent", l.vat_rate);  // BT-152
  if (l.period) WritePeriod(s.append_child("ram:BillingSpecifiedPeriod"), *l.period);
  for (const LineAllowanceCharge& a : l.allowances_charges) {  // BG-27, BG-28
    pugi::xml_node n = s.append_child("ram:SpecifiedTradeAllowanceCharge");
    if (a.indicator_valid) IndicatorLeaf(n, "ram:ChargeIndicator", a.is_charge);
    DecimalIf(n, "ram:CalculationPercent", a.percentage);
    DecimalIf(n, "ram:BasisAmount", a.base_amount);
    DecimalIf(n, "ram:ActualAmount", a.amount);
    LeafIf(n, "ram:ReasonCode", a.reason_code);
    LeafIf(n, "ram:Reason", a.reason);
  }
  if (l.net_amount) {  // BT-131
    DecimalLeaf(s.append_child("ram:SpecifiedTradeSettlementLineMonetarySummation"),
                "ram:LineTotalAmount", *l.net_amount);
  }
  if (l.object_id) {  // BT-128
    pugi::xml_node r = s.append_child("ram:AdditionalReferencedDocument");
    Leaf(r, "ram:IssuerAssignedID", l.object_id->value);
    Leaf(r, "ram:TypeCode", "130");
    LeafIf(r, "ram:ReferenceTypeCode", l.object_id->scheme);
  }
  if (l.buyer_accounting_ref) {  // BT-133
    Leaf(s.append_child("ram:ReceivableSpecifiedTradeAccountingAccount"), "ram:ID",
         *l.buyer_accounting_ref);
  }
}

}  // namespace chorus::cii
