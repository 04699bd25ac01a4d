// Invoice lines (BG-25): ram:IncludedSupplyChainTradeLineItem.
#include "format/cii_reader_impl.h"

namespace chorus::cii {

void Reader::Line(El e) {
  InvoiceLine& l = inv_.lines.emplace_back();  // filled in place: lines are big
  l.pos = ctx_.Pos(e);
  bool document = false, product = false, agreement = false, delivery = false,
       settlement = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "AssociatedDocumentLineDocument") {
      if (ctx_.Once(document, k)) LineDocument(k, l);
    } else if (k.local == "SpecifiedTradeProduct") {
      if (ctx_.Once(product, k)) Product(k, l.item.emplace());
    } else if (k.local == "SpecifiedLineTradeAgreement") {
      if (ctx_.Once(agreement, k)) LineAgreement(k, l);
    } else if (k.local == "SpecifiedLineTradeDelivery") {
      if (!ctx_.Once(delivery, k)) return true;
      bool quantity = false;
      ctx_.Children(k, [&](El q) {
        if (!q.Ram("BilledQuantity")) return false;  // BT-129, BT-130
        if (!ctx_.Once(quantity, q)) return true;
        AttrValue unit;
        ctx_.ReadNumber(l.quantity, q, "BT-129", {"unitCode"}, &unit);
        if (unit.present) l.unit_code.emplace(unit.value);
        return true;
      });
    } else if (k.local == "SpecifiedLineTradeSettlement") {
      if (ctx_.Once(settlement, k)) LineSettlement(k, l);
    } else {
      return false;
    }
    return true;
  });
}

void Reader::LineDocument(El e, InvoiceLine& l) {
  ctx_.Children(e, [&](El k) {
    if (k.Ram("LineID")) {  // BT-126
      ctx_.SetText(l.id, k);
      return true;
    }
    if (k.Ram("IncludedNote")) {
      ctx_.Children(k, [&](El n) {
        if (!n.Ram("Content")) return false;  // BT-127
        ctx_.SetFreeText(l.note, n);
        return true;
      });
      return true;
    }
    return false;
  });
}

void Reader::Product(El e, Item& item) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "GlobalID") {  // BT-157
      ctx_.SetId(item.standard_id, k, "schemeID");
    } else if (k.local == "SellerAssignedID") {  // BT-155
      ctx_.SetText(item.seller_id, k);
    } else if (k.local == "BuyerAssignedID") {  // BT-156
      ctx_.SetText(item.buyer_id, k);
    } else if (k.local == "Name") {  // BT-153
      ctx_.SetFreeText(item.name, k);
    } else if (k.local == "Description") {  // BT-154
      ctx_.SetFreeText(item.description, k);
    } else if (k.local == "ApplicableProductCharacteristic") {  // BG-32
      // Built in place, in a list sized once.
      if (item.attributes.empty()) {
        item.attributes.reserve(ctx_.CountFrom(k));
      }
      ItemAttribute& a = item.attributes.emplace_back();
      ctx_.Children(k, [&](El c) {
        if (c.Ram("Description")) {  // BT-160
          ctx_.SetFreeText(a.name, c);
          return true;
        }
        if (c.Ram("Value")) {  // BT-161
          ctx_.SetFreeText(a.value, c);
          return true;
        }
        return false;
      });
    } else if (k.local == "DesignatedProductClassification") {  // BT-158
      bool code = false;
      ctx_.Children(k, [&](El c) {
        if (!c.Ram("ClassCode")) return false;
        if (!ctx_.Once(code, c)) return true;
        Identifier& id = item.classifications.emplace_back();  // in place
        AttrValue list[2];
        xml::AssignText(id.value,
                        ctx_.View(c, {"listID", "listVersionID"}, list));
        if (list[0].present) xml::EmplaceText(id.scheme, list[0].value);
        if (list[1].present) xml::EmplaceText(id.scheme_version, list[1].value);
        return true;
      });
    } else if (k.local == "OriginTradeCountry") {  // BT-159
      ctx_.Children(k, [&](El c) {
        if (!c.Ram("ID")) return false;
        ctx_.SetText(item.origin_country, c);
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
}

void Reader::LineAgreement(El e, InvoiceLine& l) {
  std::optional<El> gross_basis;
  bool gross = false, net = false, net_amount = false, net_basis = false;
  // CII has no BG-29 element: either price element makes it present.
  auto price = [&]() -> PriceDetails& {
    return l.price ? *l.price : l.price.emplace();
  };
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "BuyerOrderReferencedDocument") {
      ctx_.Children(k, [&](El r) {
        if (!r.Ram("LineID")) return false;  // BT-132
        ctx_.SetText(l.order_line_ref, r);
        return true;
      });
    } else if (k.local == "GrossPriceProductTradePrice") {
      if (ctx_.Once(gross, k)) GrossPrice(k, price(), gross_basis);
    } else if (k.local == "NetPriceProductTradePrice") {
      if (ctx_.Once(net, k)) NetPrice(k, price(), net_amount, net_basis);
    } else {
      return false;
    }
    return true;
  });
  if (!gross_basis) return;
  // BT-149/BT-150 may be given on both prices; the net price's wins and an
  // equal gross one carries nothing more.
  if (!net_basis) {
    BasisQuantity(*gross_basis, price());
    return;
  }
  auto value = Decimal::Parse(ctx_.Peek(*gross_basis));
  std::string_view unit = ctx_.PeekAttr(*gross_basis, "unitCode");
  const PriceDetails& p = price();
  bool same = value && p.base_quantity && *value == *p.base_quantity &&
              unit == xml::ViewOr(p.base_quantity_unit);
  if (same) {
    ctx_.View(*gross_basis, {"unitCode"});
  } else {
    ctx_.Unmapped(*gross_basis, kRepeated);
  }
}

void Reader::GrossPrice(El e, PriceDetails& p, std::optional<El>& basis) {
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ChargeAmount") {  // BT-148
      ctx_.SetAmount(p.gross_price, k, "BT-148");
    } else if (k.local == "BasisQuantity") {
      if (basis) {
        ctx_.Unmapped(k, kRepeated);
      } else {
        basis = k;
      }
    } else if (k.local == "AppliedTradeAllowanceCharge") {  // BT-147
      std::optional<El> indicator, amount;
      ctx_.Children(k, [&](El c) {
        std::optional<El>* slot = c.Ram("ChargeIndicator") ? &indicator
                                  : c.Ram("ActualAmount")  ? &amount
                                                           : nullptr;
        if (!slot) return false;
        if (*slot) {
          ctx_.Unmapped(c, kRepeated);
        } else {
          *slot = c;
        }
        return true;
      });
      bool is_charge = false;
      if (indicator) {
        is_charge = ctx_.IndicatorIn(*indicator).value_or(false);
      } else {
        ctx_.Diag(k, "ChargeIndicator is missing; read as a price discount");
      }
      // EN 16931 has no term for a charge added to the gross price.
      if (is_charge) {
        ctx_.Unmapped(*indicator, kNotEn);
        if (amount) ctx_.Unmapped(*amount, kNotEn);
      } else if (amount) {
        ctx_.SetAmount(p.discount, *amount, "BT-147");
      }
    } else {
      return false;
    }
    return true;
  });
}

void Reader::NetPrice(El e, PriceDetails& p, bool& seen, bool& basis_seen) {
  ctx_.Children(e, [&](El k) {
    if (k.Ram("ChargeAmount")) {  // BT-146
      ctx_.SetDecimal(p.net_price, seen, k, "BT-146");
      return true;
    }
    if (k.Ram("BasisQuantity")) {
      if (ctx_.Once(basis_seen, k)) BasisQuantity(k, p);
      return true;
    }
    return false;
  });
}

void Reader::BasisQuantity(El e, PriceDetails& p) {
  AttrValue unit;
  ctx_.ReadNumber(p.base_quantity, e, "BT-149", {"unitCode"}, &unit);
  if (unit.present) p.base_quantity_unit.emplace(unit.value);  // BT-150
}

void Reader::LineSettlement(El e, InvoiceLine& l) {
  bool net = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ApplicableTradeTax") {
      ctx_.Children(k, [&](El t) {
        if (!t.InRam()) return false;
        if (t.local == "TypeCode") {
          TaxTypeCode(t);
        } else if (t.local == "CategoryCode") {  // BT-151
          ctx_.SetText(l.vat_category, t);
        } else if (t.local == "RateApplicablePercent") {  // BT-152
          ctx_.SetAmount(l.vat_rate, t, "BT-152");
        } else {
          return false;
        }
        return true;
      });
    } else if (k.local == "BillingSpecifiedPeriod") {  // BG-26
      if (l.period) {
        ctx_.Unmapped(k, kRepeated);
      } else {
        ReadPeriod(k, l.period.emplace());
      }
    } else if (k.local == "SpecifiedTradeAllowanceCharge") {
      LineAllowanceChargeOf(k, l);
    } else if (k.local == "SpecifiedTradeSettlementLineMonetarySummation") {
      ctx_.Children(k, [&](El s) {
        if (!s.Ram("LineTotalAmount")) return false;  // BT-131
        ctx_.SetDecimal(l.net_amount, net, s, "BT-131");
        return true;
      });
    } else if (k.local == "AdditionalReferencedDocument") {
      LineObject(k, l);
    } else if (k.local == "ReceivableSpecifiedTradeAccountingAccount") {
      ctx_.Children(k, [&](El a) {
        if (!a.Ram("ID")) return false;  // BT-133
        ctx_.SetText(l.buyer_accounting_ref, a);
        return true;
      });
    } else {
      return false;
    }
    return true;
  });
}

// Apart from LineSettlement's loop, which it would burden with the frame
// of its eight parts for every child: rare, and GCC then inlines the loop's
// handler.
void Reader::LineObject(El e, InvoiceLine& l) {  // BT-128
  RefDocParts p;
  CollectRefDoc(e, p);
  std::string_view type =
      p.type_code ? ctx_.View(*p.type_code, {}) : std::string_view();
  // A line document can only be BT-128, with or without its TypeCode.
  if ((type == "130" || !p.type_code) && !l.object_id) {
    Identifier& id = l.object_id.emplace();  // in place
    if (p.issuer_id) xml::AssignText(id.value, ctx_.View(*p.issuer_id, {}));
    if (p.reference_type) {
      xml::EmplaceText(id.scheme, ctx_.View(*p.reference_type, {}));
    }
    ReportLeft({&p.uri, &p.line_id, &p.name, &p.attachment, &p.issue_date});
  } else {
    ReportLeft({&p.issuer_id, &p.uri, &p.line_id, &p.type_code, &p.name,
                &p.attachment, &p.reference_type, &p.issue_date},
               type == "130" || !p.type_code ? kRepeated : kNotEn);
  }
}

void Reader::LineAllowanceChargeOf(El e, InvoiceLine& l) {
  if (l.allowances_charges.empty()) {
    l.allowances_charges.reserve(ctx_.CountFrom(e));  // sized once
  }
  LineAllowanceCharge& a = l.allowances_charges.emplace_back();  // in place
  a.pos = ctx_.Pos(e);
  bool indicator = false, amount = false;
  ctx_.Children(e, [&](El k) {
    if (!k.InRam()) return false;
    if (k.local == "ChargeIndicator") {
      if (ctx_.Once(indicator, k)) {
        std::optional<bool> v = ctx_.IndicatorIn(k);
        a.is_charge = v.value_or(false);
        a.indicator_valid = v.has_value();
      }
    } else if (k.local == "CalculationPercent") {
      ctx_.SetAmount(a.percentage, k, a.is_charge ? "BT-143" : "BT-138");
    } else if (k.local == "BasisAmount") {
      ctx_.SetAmount(a.base_amount, k, a.is_charge ? "BT-142" : "BT-137");
    } else if (k.local == "ActualAmount") {
      ctx_.SetDecimal(a.amount, amount, k, a.is_charge ? "BT-141" : "BT-136");
    } else if (k.local == "ReasonCode") {
      ctx_.SetText(a.reason_code, k);
    } else if (k.local == "Reason") {
      ctx_.SetFreeText(a.reason, k);
    } else {
      return false;
    }
    return true;
  });
  if (!indicator) {
    ctx_.Diag(e, "ChargeIndicator is missing; read as an allowance");
    a.indicator_valid = false;
  }
}

}  // namespace chorus::cii
