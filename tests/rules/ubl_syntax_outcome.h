// Running the UBL syntax rules alone on a document or on an invoice body,
// for the tests of tests/rules/ubl_syntax_*_test.cpp.
#ifndef CHORUS_TESTS_RULES_UBL_SYNTAX_OUTCOME_H_
#define CHORUS_TESTS_RULES_UBL_SYNTAX_OUTCOME_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "../src/rules/engine_internal.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"

namespace chorus::ubl_test {

struct Outcome {
  std::unique_ptr<XmlDocument> doc;
  std::vector<Diagnostic> out;

  int Count(const std::string& id, Severity severity) const {
    return static_cast<int>(
        std::count_if(out.begin(), out.end(), [&](const Diagnostic& d) {
          return d.rule == id && d.severity == severity;
        }));
  }
  int Count(const std::string& id) const {
    return static_cast<int>(
        std::count_if(out.begin(), out.end(),
                      [&](const Diagnostic& d) { return d.rule == id; }));
  }
  std::string Ids() const {
    std::string s;
    for (const Diagnostic& d : out) s += d.rule + " ";
    return s;
  }
};

inline Outcome Check(std::string xml, const std::string& name = "test.xml") {
  Outcome run;
  auto loaded = LoadDocumentBuffer(std::move(xml), name);
  if (!loaded.ok()) {
    ADD_FAILURE() << name << ": " << loaded.error().message;
    return run;
  }
  run.doc = std::move(loaded.value());
  const ReadResult read;  // the syntax rules never look at the model
  rules::CheckUblSyntaxRules(
      rules::RunContext{*run.doc, read, Syntax::kUbl, &run.out});
  return run;
}

inline constexpr const char* kHead = R"(<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
)";

inline Outcome CheckInvoiceBody(const std::string& body) {
  return Check(std::string(kHead) + body + "</Invoice>\n");
}

}  // namespace chorus::ubl_test

#endif  // CHORUS_TESTS_RULES_UBL_SYNTAX_OUTCOME_H_
