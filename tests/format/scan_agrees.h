// GoogleTest checks of the scanner against pugixml (scan_oracle.h), shared
// by the scanner's test files. Apart from scan_oracle, which the fuzz
// target links without GoogleTest.
#ifndef CHORUS_TESTS_FORMAT_SCAN_AGREES_H_
#define CHORUS_TESTS_FORMAT_SCAN_AGREES_H_

#include <string>

namespace chorus::xml::testing {

// Whether the scanner accepted `xml`; a test failure (naming `what`) if it
// accepted what pugixml refuses, indexed anything differently, or wrote
// its input.
bool Agrees(const std::string& xml, const std::string& what);
// Agrees, and a failure if the scanner refused.
void ExpectAccepted(const std::string& xml, const std::string& what);
// A failure if the scanner accepted (or wrote its input).
void ExpectRefused(const std::string& xml, const std::string& what);

}  // namespace chorus::xml::testing

#endif  // CHORUS_TESTS_FORMAT_SCAN_AGREES_H_
