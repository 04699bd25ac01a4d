// Profiles: names, BT-24 URNs of the official samples, their XSDs.
#include <gtest/gtest.h>

#include "chorus/facturx/facturx.h"
#include "chorus/format/document.h"
#include "chorus/format/syntax.h"
#include "chorus/format/xsd.h"
#include "support/test_env.h"

namespace chorus::facturx {
namespace {

using chorus::testing::SharedDir;

struct Sample {
  const char* file;
  Profile profile;
  SchemaId schema;
};

constexpr Sample kSamples[] = {
    {"factur-x-minimum.xml", Profile::kMinimum, SchemaId::kFacturXMinimum},
    {"factur-x-basicwl.xml", Profile::kBasicWl, SchemaId::kFacturXBasicWl},
    {"factur-x-basic.xml", Profile::kBasic, SchemaId::kFacturXBasic},
    {"factur-x-en16931.xml", Profile::kEn16931, SchemaId::kFacturXEn16931},
    {"factur-x-extended.xml", Profile::kExtended, SchemaId::kFacturXExtended},
};

TEST(FacturXProfile, ParsesUserSpellings) {
  EXPECT_EQ(ParseProfile("basicwl"), Profile::kBasicWl);
  EXPECT_EQ(ParseProfile("BASIC WL"), Profile::kBasicWl);
  EXPECT_EQ(ParseProfile("basic-wl"), Profile::kBasicWl);
  EXPECT_EQ(ParseProfile("EN 16931"), Profile::kEn16931);
  EXPECT_EQ(ParseProfile("Extended"), Profile::kExtended);
  EXPECT_FALSE(ParseProfile("comfort").has_value());
  EXPECT_STREQ(ConformanceLevel(Profile::kBasicWl), "BASIC WL");
  EXPECT_STREQ(ConformanceLevel(Profile::kEn16931), "EN 16931");
}

TEST(FacturXProfile, RelationshipDefaultsFollowTheProfile) {
  EXPECT_EQ(DefaultRelationship(Profile::kMinimum), Relationship::kData);
  EXPECT_EQ(DefaultRelationship(Profile::kBasicWl), Relationship::kData);
  EXPECT_EQ(DefaultRelationship(Profile::kBasic), Relationship::kAlternative);
  EXPECT_EQ(DefaultRelationship(Profile::kExtended),
            Relationship::kAlternative);
  EXPECT_EQ(ParseRelationship("/Source"), Relationship::kSource);
  EXPECT_FALSE(ParseRelationship("Unspecified").has_value());
}

TEST(FacturXProfile, UnknownSpecificationIdsNameNoProfile) {
  EXPECT_FALSE(FacturXProfileFromId("urn:cen.eu:en16931:2017#compliant#"
                                    "urn:xeinkauf.de:kosit:xrechnung_3.0")
                   .has_value());
  EXPECT_FALSE(FacturXProfileFromId("").has_value());
  EXPECT_EQ(FacturXProfileFromId("urn:cen.eu:en16931:2017#conformant#"
                                 "urn:zugferd.de:2p0:extended"),
            Profile::kExtended);
}

// Each official sample's BT-24 names its profile, and the sample is valid
// against that profile's XSD.
TEST(FacturXProfile, OfficialSamplesNameTheirProfileAndPassItsXsd) {
  for (const Sample& s : kSamples) {
    SCOPED_TRACE(s.file);
    auto doc = LoadDocumentFile(
        (SharedDir() / "conformance/facturx" / s.file).string());
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    ReadResult read = ReadInvoice(**doc);
    ASSERT_TRUE(read.invoice.specification_id.has_value());
    EXPECT_EQ(FacturXProfileFromId(*read.invoice.specification_id), s.profile);
    EXPECT_STREQ(SpecificationId(s.profile),
                 read.invoice.specification_id->c_str());
    auto diags = ValidateXsd(**doc, s.schema);
    ASSERT_TRUE(diags.ok()) << diags.error().message;
    EXPECT_TRUE(diags->empty())
        << diags->front().message << " " << diags->front().location;
  }
}

}  // namespace
}  // namespace chorus::facturx

namespace chorus::facturx {
namespace {

// Found by the fuzzer: a UBL whose note said "%PDF-" in its first KiB was
// taken for a PDF once written out.
TEST(FacturXProfile, XmlMentioningThePdfHeaderIsStillXml) {
  EXPECT_TRUE(LooksLikePdf("%PDF-1.7\n"));
  EXPECT_TRUE(LooksLikePdf("junk before\n%PDF-1.4\n"));
  EXPECT_FALSE(LooksLikePdf("<?xml version=\"1.0\"?><a>%PDF-1.7</a>"));
  EXPECT_FALSE(LooksLikePdf("<%PDF-1.7\n"));
  EXPECT_TRUE(LooksLikePdf(" %PDF-1.7\n"));
  EXPECT_FALSE(LooksLikePdf(""));
  EXPECT_FALSE(LooksLikePdf("\xEF\xBB\xBF<Invoice><cbc:Note>%PDF-</cbc:Note>"));
  EXPECT_FALSE(LooksLikePdf(std::string(1100, ' ') + "%PDF-1.7"));
}

}  // namespace
}  // namespace chorus::facturx
