// What the code-list tests share: a CII document around a body, and the
// findings listed for a failure message.
#ifndef CHORUS_TESTS_RULES_CODE_LISTS_TEST_UTIL_H_
#define CHORUS_TESTS_RULES_CODE_LISTS_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <vector>

#include "chorus/util/result.h"

namespace chorus::code_lists_test {

inline std::string Cii(const std::string& body) {
  return R"(<?xml version="1.0" encoding="UTF-8"?>
<rsm:CrossIndustryInvoice
 xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
 xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
 xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
)" + body +
         "\n</rsm:CrossIndustryInvoice>\n";
}

inline std::string Summary(const std::vector<Diagnostic>& diagnostics) {
  std::ostringstream s;
  for (const Diagnostic& d : diagnostics) {
    s << "  " << d.rule << " @ " << d.location << "\n";
  }
  return s.str();
}

}  // namespace chorus::code_lists_test

#endif  // CHORUS_TESTS_RULES_CODE_LISTS_TEST_UTIL_H_
