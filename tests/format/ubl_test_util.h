// Helpers shared by the UBL reader/writer tests.
#ifndef CHORUS_TESTS_FORMAT_UBL_TEST_UTIL_H_
#define CHORUS_TESTS_FORMAT_UBL_TEST_UTIL_H_

#include <memory>
#include <string>
#include <vector>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"

namespace chorus::testing {

// Parses `xml` through the secure loader (the test fails when it refuses).
std::unique_ptr<XmlDocument> LoadUbl(const std::string& xml,
                                     const std::string& name = "test.xml");

// Names of the groups/terms where two models differ ("lines[2].price",
// "seller", ...), comma separated; "" when equal.
std::string DiffInvoices(const Invoice& a, const Invoice& b);

// XSD findings for a written UBL document ({} when valid); schema folder
// from CHORUS_SCHEMA_DIR, defaulting to the shared reference folder.
std::vector<std::string> XsdErrors(const std::string& xml);

// Unmapped entries as "path | line | value | reason" lines, for messages.
std::string Describe(const std::vector<UnmappedDatum>& unmapped);
std::string Describe(const std::vector<Diagnostic>& diagnostics);

}  // namespace chorus::testing

#endif  // CHORUS_TESTS_FORMAT_UBL_TEST_UTIL_H_
