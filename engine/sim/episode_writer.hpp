// episodes.csv: one row per IT-loss episode with its chain of faults (models/power/
// episode_recorder.hpp), written to a temporary file next to the target and renamed over it when
// the run has ended, so a reader never sees half a file and a failed run leaves none.
#pragma once

#include "engine/base/staged_file.hpp"
#include "models/power/episode_recorder.hpp"

#include <string>

namespace aidcsim {

class EpisodeWriter {
public:
  // Throws OutputError naming the path when the temporary file cannot be created. `preamble`
  // (provenance as "# key: value" lines) comes before the header.
  explicit EpisodeWriter(std::string path, const std::string& preamble = "");

  // Sends every episode the recorder finishes to the file.
  void attach(power::EpisodeRecorder& recorder);
  // Flushes and renames the file over the target; throws std::runtime_error when a write failed.
  void commit();
  long rows() const { return rows_; }

private:
  void add(const power::Episode& e, const power::EpisodeRecorder& recorder);

  StagedFile file_; // removed unless committed
  long rows_ = 0;
};

} // namespace aidcsim
