// A file written in place of a target that readers see only whole: the bytes go to a temporary
// file next to the target (unnamed where Linux offers O_TMPFILE, else "<path>.tmp.<pid>"), renamed
// over it by commit() once every write and the flush succeeded. Until then, and when anything failed, the
// target is untouched and the temporary file is removed with the object. For files streamed during a run (the
// timeline, episodes.csv); write_file_atomically (atomic_file.hpp) writes a file given whole.
#pragma once

#include <cstdio>
#include <string>

namespace aidcsim {

class StagedFile {
public:
  // Creates the temporary file (the folder must exist); throws OutputError (output_path.hpp)
  // naming the path, also when the target exists and is not a regular file.
  explicit StagedFile(std::string path);
  ~StagedFile();
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;

  std::FILE* get() const { return file_; }
  // A write failed: commit() will say so rather than rename a partial file.
  void mark_failed() { failed_ = true; }
  bool failed() const { return failed_; }
  // Flushes, closes and renames over the target; throws OutputError naming what failed.
  // `what` names the content in the message ("the timeline").
  void commit(const std::string& what);

private:
  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  bool failed_ = false, committed_ = false;
  bool unnamed_ = false; // written to an O_TMPFILE file, named only at commit()
};

} // namespace aidcsim
