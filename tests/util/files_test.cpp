// WriteFileAtomically and MakePrivateDirs: whole files, private modes.
#include "chorus/util/files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/test_env.h"

namespace chorus {
namespace {

namespace fs = std::filesystem;
using testing::ReadFile;
using testing::TempDir;

unsigned ModeOf(const fs::path& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return st.st_mode & 0777;
}

// Sets the umask for one scope.
class ScopedUmask {
 public:
  explicit ScopedUmask(mode_t mask) : old_(::umask(mask)) {}
  ~ScopedUmask() { ::umask(old_); }

 private:
  mode_t old_;
};

bool OnlyTheFile(const fs::path& dir) {
  int n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n == 1;
}

TEST(WriteFileAtomically, ReplacesTheWholeFileAndLeavesNoTemporary) {
  fs::path p = TempDir() / "out.txt";
  ASSERT_TRUE(WriteFileAtomically(p.string(), "first version, longer").ok());
  ASSERT_TRUE(WriteFileAtomically(p.string(), "second").ok());
  EXPECT_EQ(ReadFile(p), "second");
  EXPECT_TRUE(OnlyTheFile(p.parent_path()));
}

TEST(WriteFileAtomically, PrivateModeIsPrivateWhateverTheUmask) {
  ScopedUmask open_umask(0);
  fs::path p = TempDir() / "secret.toml";
  ASSERT_TRUE(
      WriteFileAtomically(p.string(), "k = 1\n", {.private_mode = true}).ok());
  EXPECT_EQ(ModeOf(p), 0600u);
  fs::path plain = TempDir() / "plain.txt";
  ASSERT_TRUE(WriteFileAtomically(plain.string(), "x").ok());
  EXPECT_EQ(ModeOf(plain), 0666u);
}

TEST(WriteFileAtomically, MissingFolderIsAnErrorNamingTheFile) {
  fs::path p = TempDir() / "no" / "such" / "out.txt";
  Status st = WriteFileAtomically(p.string(), "x");
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.error().message.find(p.string()), std::string::npos)
      << st.error().message;
  EXPECT_FALSE(fs::exists(p.parent_path()));
}

TEST(MakePrivateDirs, EveryFolderItMakesIsPrivate) {
  ScopedUmask open_umask(0);
  fs::path base = TempDir();
  fs::path deep = base / "a" / "b" / "c";
  ASSERT_TRUE(MakePrivateDirs(deep).ok());
  for (const fs::path& p : {base / "a", base / "a" / "b", deep})
    EXPECT_EQ(ModeOf(p), 0700u) << p;
  EXPECT_NE(ModeOf(base), 0u);  // an existing folder is left as it was
  ASSERT_TRUE(MakePrivateDirs(deep).ok());  // and so is an existing one
  fs::path file = base / "file";
  ASSERT_TRUE(WriteFileAtomically(file.string(), "x").ok());
  EXPECT_FALSE(MakePrivateDirs(file / "sub").ok());
}

TEST(WriteFileAtomically, MakeParentsMakesThemPrivate) {
  ScopedUmask open_umask(0);
  fs::path base = TempDir();
  fs::path p = base / "x" / "y" / "config.toml";
  ASSERT_TRUE(WriteFileAtomically(p.string(), "a = 1\n",
                                  {.private_mode = true, .make_parents = true})
                  .ok());
  EXPECT_EQ(ModeOf(base / "x"), 0700u);
  EXPECT_EQ(ModeOf(p.parent_path()), 0700u);
  EXPECT_EQ(ReadFile(p), "a = 1\n");
}

}  // namespace
}  // namespace chorus
