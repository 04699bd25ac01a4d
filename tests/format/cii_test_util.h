// Helpers shared by the CII reader/writer tests.
#ifndef CHORUS_TESTS_FORMAT_CII_TEST_UTIL_H_
#define CHORUS_TESTS_FORMAT_CII_TEST_UTIL_H_

#include <memory>
#include <string>

#include "chorus/format/document.h"
#include "chorus/format/syntax.h"

namespace chorus::testing::cii {

// Parses `bytes` through the secure loader (the test fails when it refuses).
std::unique_ptr<XmlDocument> Load(std::string bytes, const std::string& name);

// Loads and reads `xml` as CII; an empty result when it does not load.
ReadResult ReadText(const std::string& xml, const std::string& name = "test");

// Names the groups of two models that differ, then the first lines where
// their JSON renderings part, so a failing round trip says what was lost.
std::string Diff(const Invoice& a, const Invoice& b);

// Validates against the official D16B schema with the library's validator;
// returns the findings, "" when valid.
std::string XsdErrors(const std::string& xml, const std::string& name);

// The sample of cii_sample.h with every occurrence of `from` replaced by `to`.
std::string Sample(const std::string& from = "", const std::string& to = "");

Decimal Dec(const char* text);

}  // namespace chorus::testing::cii

#endif  // CHORUS_TESTS_FORMAT_CII_TEST_UTIL_H_
