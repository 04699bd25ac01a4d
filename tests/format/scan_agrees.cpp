#include "format/scan_agrees.h"

#include <gtest/gtest.h>

#include "format/scan_oracle.h"

namespace chorus::xml::testing {

bool Agrees(const std::string& xml, const std::string& what) {
  auto scanned = Scan(xml);
  auto parsed = Parse(xml);
  EXPECT_TRUE(scanned->source_intact) << what << ": the scanner wrote its "
                                      << "input:\n"
                                      << xml;
  if (!scanned->accepted) return false;
  EXPECT_TRUE(parsed->accepted) << what << ": scanner accepts what pugixml "
                                << "refuses:\n"
                                << xml;
  if (!parsed->accepted) return true;
  std::string diff = Diff(scanned->index, *parsed->index);
  EXPECT_EQ(diff, "") << what << ":\n" << xml;
  return true;
}

void ExpectAccepted(const std::string& xml, const std::string& what) {
  EXPECT_TRUE(Agrees(xml, what)) << what << ": refused\n" << xml;
}

void ExpectRefused(const std::string& xml, const std::string& what) {
  auto scanned = Scan(xml);
  EXPECT_FALSE(scanned->accepted) << what << ":\n" << xml;
  EXPECT_TRUE(scanned->source_intact) << what << ":\n" << xml;
}

}  // namespace chorus::xml::testing
